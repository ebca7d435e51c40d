// Package paging turns page-at-a-time vendor calls into iterators, and cuts
// time ranges into the spans vendors allow.
package paging

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/duijie/duijie/internal/apierr"
)

// Fetch returns the rows of the page with the given number, and whether
// another page follows (vendors that report a total let the caller compute
// it; others say so when the page was full).
type Fetch[T any] func(ctx context.Context, page int) (items []T, more bool, err error)

// Items walks pages first, first+1, ... and yields every row. It stops after
// the first error (yielded once), when the consumer breaks, when a page is
// empty or says no more follow, and when a page repeats the previous one
// (judged by key; nil key disables the check), yielding an error that
// matches the public ErrRepeatedPage. Only one page is held.
func Items[T any](ctx context.Context, first int, key func(T) string, fetch Fetch[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var prev string
		for page := first; ; page++ {
			if err := ctx.Err(); err != nil {
				var zero T
				yield(zero, err)
				return
			}
			items, more, err := fetch(ctx, page)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			if len(items) == 0 {
				return
			}
			if key != nil {
				fp := fingerprint(items, key)
				if page > first && fp == prev {
					var zero T
					yield(zero, fmt.Errorf("%w (page %d)", apierr.ErrRepeatedPage, page))
					return
				}
				prev = fp
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if !more {
				return
			}
		}
	}
}

// fingerprint identifies a page by the keys of its first and last rows and
// its length.
func fingerprint[T any](items []T, key func(T) string) string {
	return fmt.Sprintf("%d\x00%s\x00%s", len(items), key(items[0]), key(items[len(items)-1]))
}

// Window is the half-open span [From, To).
type Window struct {
	From, To time.Time
}

// Duration returns the window's length.
func (w Window) Duration() time.Duration { return w.To.Sub(w.From) }

// Split cuts [from, to) into consecutive windows no longer than max. It
// returns nil when to is not after from.
func Split(from, to time.Time, max time.Duration) []Window {
	var out []Window
	for w := range Windows(from, to, max) {
		out = append(out, w)
	}
	return out
}

// Windows is Split as an iterator.
func Windows(from, to time.Time, max time.Duration) iter.Seq[Window] {
	return func(yield func(Window) bool) {
		if max <= 0 || !to.After(from) {
			return
		}
		for start := from; start.Before(to); {
			end := start.Add(max)
			if end.After(to) {
				end = to
			}
			if !yield(Window{From: start, To: end}) {
				return
			}
			start = end
		}
	}
}

// WindowedItems runs items for every window of [from, to) cut to max, in
// order, and stops on the first error or break.
func WindowedItems[T any](from, to time.Time, max time.Duration, items func(Window) iter.Seq2[T, error]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for w := range Windows(from, to, max) {
			for it, err := range items(w) {
				if !yield(it, err) || err != nil {
					return
				}
			}
		}
	}
}
