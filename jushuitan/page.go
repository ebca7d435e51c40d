package jushuitan

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/paging"
)

// MaxWindow is the longest modified_begin..modified_end span the vendor
// accepts (七天), the MaxWindow of the inventory, order and shipment rows
// of Operations. The iterators cut longer ranges into windows this long.
const MaxWindow = 7 * 24 * time.Hour

// Page-size maxima the vendor enforces, the MaxPageSize of the rows of
// Operations; MaxSoIDs and MaxInventoryKeys cap the key lists of a query.
const (
	// MaxInventoryPageSize is the most rows of /open/inventory/query per page.
	MaxInventoryPageSize = 100
	// MaxOrderPageSize is the most orders of /open/orders/single/query per page.
	MaxOrderPageSize = 100
	// MaxLegacyOrderPageSize is the most orders of the legacy orders.single.query per page.
	MaxLegacyOrderPageSize = 50
	// MaxLogisticsPageSize is the most rows of /open/logistic/query per page.
	MaxLogisticsPageSize = 50
	// MaxShopPageSize is the most rows of /open/shops/query per page.
	MaxShopPageSize = 100
	// MaxSoIDs is the most online order numbers (so_ids) per query.
	MaxSoIDs = 20
	// MaxInventoryKeys is the most sku_ids or names per inventory query.
	MaxInventoryKeys = 100
)

// formatTime writes t as the vendor does: "2006-01-02 15:04:05" in China time.
func formatTime(t time.Time) string {
	return t.In(duijie.CST()).Format(duijie.LayoutDateTime)
}

// checkPage validates page_index and page_size.
func checkPage(index, size, max int) error {
	if index < 0 {
		return duijie.Invalid(vendor, "page_index", duijie.RuleNegative, "pages are numbered from 1; 0 means the first")
	}
	if size < 0 {
		return duijie.Invalid(vendor, "page_size", duijie.RuleNegative, "")
	}
	if max > 0 && size > max {
		return duijie.Invalid(vendor, "page_size", duijie.RuleRange, fmt.Sprintf("at most %d", max))
	}
	return nil
}

// checkWindow validates a modified_begin..modified_end pair of op: both or
// neither, end not before begin, at most op's maximum window apart.
func checkWindow(op operation, begin, end time.Time) error {
	switch {
	case begin.IsZero() && end.IsZero():
		return nil
	case begin.IsZero():
		return duijie.Invalid(vendor, "modified_begin", duijie.RuleRequired, "modified_begin and modified_end go together")
	case end.IsZero():
		return duijie.Invalid(vendor, "modified_end", duijie.RuleRequired, "modified_begin and modified_end go together")
	case end.Before(begin):
		return duijie.Invalid(vendor, "modified_end", duijie.RuleRange, "before modified_begin")
	case op.maxWindow > 0 && end.Sub(begin) > op.maxWindow:
		return duijie.Invalid(vendor, "modified_end", duijie.RuleWindow, "at most "+span(op.maxWindow)+" after modified_begin; the iterators cut longer ranges")
	}
	return nil
}

// span writes a window as the vendor states it: whole days as "7 days".
func span(d time.Duration) string {
	const day = 24 * time.Hour
	if d%day == 0 {
		return strconv.FormatInt(int64(d/day), 10) + " days"
	}
	return d.String()
}

// needsWindows reports whether a modified range is longer than op's
// maximum window, so that an iterator must cut it.
func needsWindows(op operation, begin, end time.Time) bool {
	return !begin.IsZero() && op.maxWindow > 0 && end.Sub(begin) > op.maxWindow
}

// checkList validates a list of keys: at most max, none empty, none too long.
func checkList(field string, list []string, max int) error {
	if max > 0 && len(list) > max {
		return duijie.Invalid(vendor, field, duijie.RuleTooMany, fmt.Sprintf("at most %d", max))
	}
	for i, s := range list {
		if strings.TrimSpace(s) == "" {
			return duijie.Invalid(vendor, field+"["+strconv.Itoa(i)+"]", duijie.RuleRequired, "empty entry")
		}
		if strings.Contains(s, ",") && field != "so_ids" {
			return duijie.Invalid(vendor, field+"["+strconv.Itoa(i)+"]", duijie.RuleFormat, "the list travels comma-joined, so an entry may not contain a comma")
		}
	}
	return nil
}

// walk yields every row of every page, pages numbered from 1.
func walk[T any](ctx context.Context, key func(T) string, fetch func(ctx context.Context, page int) ([]T, bool, error)) iter.Seq2[T, error] {
	return paging.Items(ctx, 1, key, fetch)
}

// windowed runs one walk per window of [from, to] cut to op's maximum
// window. Rows
// stamped exactly on a boundary may be served by both windows (the vendor's
// bounds are inclusive); the second copy is dropped.
func windowed[T any](op operation, from, to time.Time, key func(T) string, stamp func(T) time.Time, one func(w paging.Window) iter.Seq2[T, error]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var edge time.Time
		seen := map[string]bool{}
		for w := range paging.Windows(from, to, op.maxWindow) {
			next := map[string]bool{}
			for it, err := range one(w) {
				if err != nil {
					yield(it, err)
					return
				}
				ts := stamp(it)
				k := key(it)
				if !edge.IsZero() && ts.Equal(edge) && seen[k] {
					continue
				}
				if ts.Equal(w.To) {
					next[k] = true
				}
				if !yield(it, nil) {
					return
				}
			}
			edge, seen = w.To, next
		}
	}
}

// byCursor walks a ts (rowversion) cursor: every request asks for rows with
// ts >= cursor from page 1, and the cursor moves to the largest ts served,
// so rows that change during the scan move behind the cursor and are served
// again instead of shifting others across a page boundary. Rows already
// yielded at the boundary ts are dropped.
func byCursor[T any](ctx context.Context, start int64, key func(T) string, tsOf func(T) int64, fetch func(ctx context.Context, cursor int64) ([]T, bool, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		cursor := start
		prevAt := map[string]bool{}
		for {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			items, more, err := fetch(ctx, cursor)
			if err != nil {
				yield(zero, err)
				return
			}
			fresh := 0
			next := cursor
			nextAt := map[string]bool{}
			for _, it := range items {
				ts, k := tsOf(it), key(it)
				if ts < cursor || (ts == cursor && prevAt[k]) {
					continue
				}
				switch {
				case ts > next:
					next = ts
					nextAt = map[string]bool{k: true}
				case ts == next:
					nextAt[k] = true
				}
				fresh++
				if !yield(it, nil) {
					return
				}
			}
			if !more || fresh == 0 {
				return
			}
			if next == cursor {
				yield(zero, fmt.Errorf("jushuitan: ts cursor cannot advance past %d: %w", cursor, duijie.ErrRepeatedPage))
				return
			}
			cursor, prevAt = next, nextAt
		}
	}
}
