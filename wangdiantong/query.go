package wangdiantong

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"strconv"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/paging"
)

// Page is one page of a listing.
type Page[T any] struct {
	// TotalCount is the number of rows matching the query (sent with page 0).
	TotalCount int
	// Items are this page's rows.
	Items []T
}

// queryPage calls a listing operation and decodes total_count and the list
// under listKey.
func queryPage[T any](ctx context.Context, c *Client, m Method, params map[string]any, listKey string) (*Page[T], error) {
	var ans map[string]json.RawMessage
	if err := c.Call(ctx, m, params, &ans); err != nil {
		return nil, err
	}
	p, err := decodePage[T](ans, listKey)
	if err != nil {
		return nil, fmt.Errorf("wangdiantong %s: %w", c.opName(m), err)
	}
	return p, nil
}

// decodePage reads total_count (a number or a string) and the list under
// listKey (absent, null or "" mean no rows).
func decodePage[T any](ans map[string]json.RawMessage, listKey string) (*Page[T], error) {
	p := &Page[T]{}
	if raw, ok := ans["total_count"]; ok {
		var n duijie.Int64
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, fmt.Errorf("total_count: %w", err)
		}
		p.TotalCount = int(n)
	}
	if raw, ok := ans[listKey]; ok && string(raw) != "null" && string(raw) != `""` {
		if err := json.Unmarshal(raw, &p.Items); err != nil {
			return nil, fmt.Errorf("%s: %w", listKey, err)
		}
	}
	return p, nil
}

// pages walks every page of one query from page_no 0. The total is read
// from the first page, as the vendor may send it only there.
func pages[T any](ctx context.Context, c *Client, m Method, params map[string]any, listKey string, size int, key func(T) string) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		total := -1 // per walk, so the sequence can be ranged again
		for it, err := range walk(ctx, c, m, params, listKey, size, key, &total) {
			if !yield(it, err) {
				return
			}
		}
	}
}

func walk[T any](ctx context.Context, c *Client, m Method, params map[string]any, listKey string, size int, key func(T) string, total *int) iter.Seq2[T, error] {
	return paging.Items(ctx, 0, key, func(ctx context.Context, page int) ([]T, bool, error) {
		p := maps.Clone(params)
		p["page_no"] = page
		p["page_size"] = size
		got, err := queryPage[T](ctx, c, m, p, listKey)
		if err != nil {
			return nil, false, err
		}
		if *total < 0 || got.TotalCount > 0 {
			*total = got.TotalCount
		}
		more := len(got.Items) == size
		if *total > 0 {
			more = (page+1)*size < *total
		}
		return got.Items, more, nil
	})
}

// window checks a start/end pair against the method's maximum span.
func window(m Method, start, end time.Time, required bool) error {
	switch {
	case start.IsZero() && end.IsZero() && !required:
		return nil
	case start.IsZero():
		return duijie.Invalid(vendor, "start_time", duijie.RuleRequired, "")
	case end.IsZero():
		return duijie.Invalid(vendor, "end_time", duijie.RuleRequired, "")
	case end.Before(start):
		return duijie.Invalid(vendor, "end_time", duijie.RuleRange, "before start_time")
	case m.MaxWindow > 0 && end.Sub(start) > m.MaxWindow:
		return duijie.Invalid(vendor, "end_time", duijie.RuleWindow, "at most "+m.MaxWindow.String()+" after start_time")
	}
	return nil
}

// DefaultPageSize is the page_size sent when a query leaves it 0: the
// vendor's own default, which every endpoint accepts.
const DefaultPageSize = 40

// pageArgs checks page_no (from 0) and page_size (1 to the method's
// maximum), and returns the page size with the default applied.
func pageArgs(m Method, pageNo, size int) (int, error) {
	switch {
	case pageNo < 0:
		return 0, duijie.Invalid(vendor, "page_no", duijie.RuleRange, "from 0")
	case size == 0:
		return min(DefaultPageSize, m.MaxPageSize), nil
	case size < 0 || size > m.MaxPageSize:
		return 0, duijie.Invalid(vendor, "page_size", duijie.RuleRange, "1 to "+strconv.Itoa(m.MaxPageSize))
	}
	return size, nil
}

func timeParam(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return duijie.NewTime(t)
}
