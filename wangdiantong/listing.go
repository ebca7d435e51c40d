package wangdiantong

import (
	"context"
	"net/url"

	"github.com/duijie/duijie"
)

// textFilter is one text filter of a listing: its wire name, its value and
// the limit rules it is checked against (see limits.Text).
type textFilter struct{ name, v, rules string }

// checkFilters checks the text filters of a listing before sending.
func checkFilters(fs ...textFilter) error {
	for _, f := range fs {
		if err := limits.Text(f.name, f.v, f.rules); err != nil {
			return err
		}
	}
	return nil
}

// listPage is the page-level method of a listing row: a query whose
// window holds no whole second (empty) selects nothing and sends nothing;
// otherwise params checks the query against the row and gives its filters
// and page size, and one page is read.
func listPage[T any](ctx context.Context, c *Client, o operation, empty bool, pageNo, pageSize int,
	params func() (url.Values, int, error)) (*duijie.Page[T], error) {
	if empty {
		size, err := pageArgs(o, pageNo, pageSize)
		if err != nil {
			return nil, err
		}
		return emptyPage[T](pageNo, size), nil
	}
	p, size, err := params()
	if err != nil {
		return nil, err
	}
	return queryPage[T](ctx, c, o, p, pageNo, size)
}
