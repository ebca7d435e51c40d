package wangdiantong

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/duijie/duijie"
)

// window checks a start/end pair against maxSpan, the row's MaxWindow (0:
// no maximum).
func window(maxSpan time.Duration, start, end time.Time, required bool) error {
	switch {
	case start.IsZero() && end.IsZero() && !required:
		return nil
	case start.IsZero():
		return duijie.Invalid(vendor, "start_time", duijie.RuleRequired, "")
	case end.IsZero():
		return duijie.Invalid(vendor, "end_time", duijie.RuleRequired, "")
	case end.Before(start):
		return duijie.Invalid(vendor, "end_time", duijie.RuleRange, "before start_time")
	case maxSpan > 0 && end.Sub(start) > maxSpan:
		return duijie.Invalid(vendor, "end_time", duijie.RuleWindow, "at most "+maxSpan.String()+" after start_time")
	}
	return nil
}

// windowed walks the inclusive range [from, to], read to the second, in
// inclusive spans of at most the row's MaxWindow (see spans), and pages
// each span. Without a range it pages the query once.
func windowed[T any](ctx context.Context, c *Client, from, to time.Time, o operation, key func(T) string,
	filters func(from, to time.Time) (url.Values, int, error)) iter.Seq2[T, error] {
	if from.IsZero() && to.IsZero() {
		p, size, err := filters(from, to)
		if err != nil {
			return failed[T](err)
		}
		return pages(ctx, c, o, p, size, key)
	}
	if err := window(0, from, to, true); err != nil {
		return failed[T](err)
	}
	return func(yield func(T, error) bool) {
		for start, end := range spans(from, to, o.MaxWindow) {
			p, size, err := filters(start, end)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for it, err := range pages(ctx, c, o, p, size, key) {
				if !yield(it, err) || err != nil {
					return
				}
			}
		}
	}
}

// spans cuts the inclusive range [from, to] into inclusive spans of at
// most max. Times are read to the second, as the vendor writes them
// (fractions are dropped); each span ends the second before the next
// begins, so a record stamped on a boundary second falls in exactly one
// span and none falls between two. A range of one second (from == to) is
// one span.
func spans(from, to time.Time, max time.Duration) iter.Seq2[time.Time, time.Time] {
	return func(yield func(time.Time, time.Time) bool) {
		from, to = from.Truncate(time.Second), to.Truncate(time.Second)
		step := max.Truncate(time.Second)
		if step <= 0 {
			yield(from, to)
			return
		}
		for start := from; !start.After(to); {
			end := start.Add(step - time.Second)
			if end.After(to) {
				end = to
			}
			if !yield(start, end) {
				return
			}
			start = end.Add(time.Second)
		}
	}
}

// inclusive converts the half-open window [from, to) to the vendor's
// inclusive whole-second range [start, end]: start is from rounded up to
// the second, end the last whole second before to. ok is false when the
// window holds no whole second.
func inclusive(from, to time.Time) (start, end time.Time, ok bool) {
	start = ceilSecond(from)
	end = ceilSecond(to).Add(-time.Second)
	return start, end, !end.Before(start)
}

func ceilSecond(t time.Time) time.Time {
	if f := t.Truncate(time.Second); !f.Equal(t) {
		return f.Add(time.Second)
	}
	return t.Truncate(0)
}
