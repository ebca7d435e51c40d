package wangdiantong

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"strconv"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/paging"
)

// ErrMissingList is matched (with errors.Is) by the error of a listing
// answer that does not carry its list key (stockin_list, trades, stocks,
// shoplist, warehouses, stockout_list, goods_list, purchase_list, refunds,
// transfer_list, provider_list: each row's in Operations). Such an answer is never read as an empty page: a
// renamed key would otherwise look like "no rows" and a sync would skip
// them. A key that is present with null or "" holds no rows.
var ErrMissingList = errors.New("wangdiantong: the answer has no list")

// DefaultPageSize is the page_size sent when a query leaves it 0: the
// vendor's own default, which every endpoint accepts.
const DefaultPageSize = 40

// queryPage calls the listing o with its filters for page pageNo (page_no,
// from 0) of size rows (page_size), and decodes total_count and the list
// under the row's list key into a page, from the envelope the classifier
// read: the answer is parsed once, and only the rows are decoded.
func queryPage[T any](ctx context.Context, c *Client, o operation, filters url.Values, pageNo, size int) (*duijie.Page[T], error) {
	env, err := c.call(ctx, o, filters, nil, kv{"page_no", strconv.Itoa(pageNo)}, kv{"page_size", strconv.Itoa(size)})
	if err != nil {
		return nil, err
	}
	p, err := decodePage[T](env, o.list)
	if err != nil {
		return nil, c.decodeError(o, err)
	}
	p.Number, p.Size = pageNo, size
	p.HasMore = hasMore(pageNo, size, p.Total, len(p.Items))
	return p, nil
}

// decodeError names the operation in an error decoding its answer.
func (c *Client) decodeError(o operation, err error) error {
	var de *decodeAnswerError
	if errors.As(err, &de) {
		return fmt.Errorf("wangdiantong %s: decode answer: %w", c.wire(o), de.err)
	}
	return fmt.Errorf("wangdiantong %s: %w", c.wire(o), err)
}

// decodeAnswerError is an answer whose business part is not an object.
type decodeAnswerError struct{ err error }

func (e *decodeAnswerError) Error() string { return e.err.Error() }
func (e *decodeAnswerError) Unwrap() error { return e.err }

// decodePage reads total_count (a number or a string; absent or null gives
// Total -1) and the list under listKey (null or "" mean no rows; an absent
// key is an error matching ErrMissingList).
func decodePage[T any](env *envelope, listKey string) (*duijie.Page[T], error) {
	p := &duijie.Page[T]{Total: -1}
	raw, ok, err := env.member("total_count")
	if err != nil {
		return nil, &decodeAnswerError{err}
	}
	if ok && string(raw) != "null" {
		var n duijie.Int64
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, fmt.Errorf("total_count: %w", err)
		}
		p.Total = int(n)
	}
	items, err := listOf[T](env, listKey)
	if err != nil {
		return nil, err
	}
	p.Items = items
	return p, nil
}

// listOf decodes the rows under key: null or "" hold none, an absent key is
// an error matching ErrMissingList.
func listOf[T any](env *envelope, key string) ([]T, error) {
	raw, ok, err := env.member(key)
	if err != nil {
		return nil, &decodeAnswerError{err}
	}
	if !ok {
		return nil, fmt.Errorf("%w: no %s in the answer; it is not read as an empty page", ErrMissingList, key)
	}
	items := []T{}
	if string(raw) == "null" || string(raw) == `""` {
		return items, nil
	}
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	if items == nil {
		items = []T{}
	}
	return items, nil
}

// hasMore says whether a page follows page pageNo (from 0): by the total
// when the vendor sent one, otherwise when the page was full.
func hasMore(pageNo, size, total, got int) bool {
	if total > 0 {
		return (pageNo+1)*size < total
	}
	return got == size
}

// pages walks every page of one query (its filters) from page_no 0. The total is read
// from the first page that carries it, as the vendor may send it only with
// page 0; it is kept per walk, so the sequence can be ranged again.
func pages[T any](ctx context.Context, c *Client, o operation, filters url.Values, size int, key func(T) string) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		total := -1
		walk := paging.Items(ctx, 0, key, func(ctx context.Context, page int) ([]T, bool, error) {
			got, err := queryPage[T](ctx, c, o, filters, page, size)
			if err != nil {
				return nil, false, err
			}
			if got.Total > 0 {
				total = got.Total
			}
			return got.Items, hasMore(page, size, total, len(got.Items)), nil
		})
		for it, err := range walk {
			if !yield(it, err) {
				return
			}
		}
	}
}

// emptyPage is the page of a window that holds no whole second: nothing is
// sent for it, and it selects nothing.
func emptyPage[T any](pageNo, size int) *duijie.Page[T] {
	return &duijie.Page[T]{Items: []T{}, Total: 0, Number: pageNo, Size: size}
}

// pageArgs checks page_no (from 0) and page_size (1 to the row's
// MaxPageSize), and returns the page size with the default applied.
func pageArgs(o operation, pageNo, size int) (int, error) {
	switch {
	case pageNo < 0:
		return 0, duijie.Invalid(vendor, "page_no", duijie.RuleRange, "from 0")
	case size == 0:
		return min(DefaultPageSize, o.MaxPageSize), nil
	case size < 0 || size > o.MaxPageSize:
		return 0, duijie.Invalid(vendor, "page_size", duijie.RuleRange, "1 to "+strconv.Itoa(o.MaxPageSize))
	}
	return size, nil
}

// failed yields err once.
func failed[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// none yields nothing: a window that holds no whole second selects nothing.
func none[T any]() iter.Seq2[T, error] { return func(func(T, error) bool) {} }
