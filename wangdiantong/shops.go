package wangdiantong

import (
	"context"
	"iter"
	"net/url"

	"github.com/duijie/duijie"
)

// Shop is a shop of the ERP (shop.php's shoplist).
type Shop struct {
	// ShopID is the ERP's shop id.
	ShopID duijie.Text `json:"shop_id"`
	// ShopNo is the shop number used in every other call.
	ShopNo duijie.Text `json:"shop_no"`
	// ShopName is the shop's name.
	ShopName duijie.Text `json:"shop_name"`
	// PlatformID is the platform the shop sells on (0 or 127 for 自有/其它).
	PlatformID duijie.Text `json:"platform_id"`
	// IsDisabled is 1 when the shop is disabled.
	IsDisabled duijie.Text `json:"is_disabled"`
}

// ShopQuery selects shops; a nil query lists them all.
type ShopQuery struct {
	// ShopNo selects one shop.
	ShopNo string
	// PageNo from 0; PageSize 1..100 (0 means DefaultPageSize).
	PageNo, PageSize int
}

// shopQueryParams are shop.php's filters; queryPage adds the paging.
type shopQueryParams struct {
	ShopNo string `url:"shop_no,omitempty"`
}

// params checks q against its row and returns its filters and page size.
func (q *ShopQuery) params() (url.Values, int, error) {
	size, err := pageArgs(opShops.row(), q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	p, err := encode(shopQueryParams{ShopNo: q.ShopNo})
	return p, size, err
}

// QueryShops calls shop.php / wdt.shop.query (查询店铺) for one page
// (page_no from 0). The page's Total is total_count (-1 without it). A
// read, safe to replay.
func (c *Client) QueryShops(ctx context.Context, q *ShopQuery) (*duijie.Page[Shop], error) {
	if q == nil {
		q = &ShopQuery{}
	}
	params, size, err := q.params()
	if err != nil {
		return nil, err
	}
	return queryPage[Shop](ctx, c, opShops.row(), params, q.PageNo, size)
}

// Shops walks every shop of q from page 0.
func (c *Client) Shops(ctx context.Context, q *ShopQuery) iter.Seq2[Shop, error] {
	qc := ShopQuery{}
	if q != nil {
		qc = *q
	}
	params, size, err := qc.params()
	if err != nil {
		return failed[Shop](err)
	}
	return pages(ctx, c, opShops.row(), params, size, func(s Shop) string { return string(s.ShopNo) })
}
