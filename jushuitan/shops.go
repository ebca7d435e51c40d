package jushuitan

import (
	"context"
	"iter"

	"github.com/duijie/duijie"
)

// ShopQuery filters /open/shops/query; nil lists every shop.
type ShopQuery struct {
	// ShopIDs limits to these shops.
	ShopIDs []int64
	// Nicks limits to these shop main accounts (主账号).
	Nicks []string
	// PageIndex is the page, from 1 (0 means 1).
	PageIndex int
	// PageSize is shops per page, at most 100 (0 means the vendor's 100).
	PageSize int
}

// Shop is one shop.
type Shop struct {
	// ShopID is 店铺编号, the shop_id an upload takes.
	ShopID duijie.Int64 `json:"shop_id"`
	// ShopName is the shop's name.
	ShopName string `json:"shop_name"`
	// CoID is the company (公司编号).
	CoID duijie.Int64 `json:"co_id"`
	// ShopSite is the platform, e.g. 自有商城.
	ShopSite string `json:"shop_site"`
	// ShopURL is the shop's address; often empty.
	ShopURL string `json:"shop_url"`
	// Created is when the shop was added.
	Created duijie.Time `json:"created"`
	// Nick is the shop's main account (主账号).
	Nick string `json:"nick"`
	// SessionExpired is the authorisation's expiry as sent, which may be
	// text such as "------永久授权------".
	SessionExpired string `json:"session_expired"`
	// SessionUID is the platform account the authorisation belongs to.
	SessionUID string `json:"session_uid"`
	// ShortName is the shop's short name.
	ShortName string `json:"short_name"`
	// GroupID is the shop group.
	GroupID duijie.Int64 `json:"group_id"`
	// GroupName is the shop group's name.
	GroupName string `json:"group_name"`
	// Organization is the owning organisation; often empty.
	Organization string `json:"organization"`
}

type shopWire struct {
	PageIndex int      `json:"page_index,omitempty"`
	PageSize  int      `json:"page_size,omitempty"`
	ShopIDs   []int64  `json:"shop_ids,omitempty"`
	Nicks     []string `json:"nicks,omitempty"`
}

// QueryShops calls /open/shops/query (legacy shops.query, 店铺查询), which
// gives the shop_id an order upload needs, for one page. The page's Items
// are the answer's datas, or shops (the legacy API's key); an answer with
// neither is an error matching ErrMissingList, not an empty page. Number
// and Size are its page_index (from 1) and page_size, HasMore its has_next,
// and Total its data_count, -1 when absent. Safe to replay: it is a read.
func (c *Client) QueryShops(ctx context.Context, q *ShopQuery) (*duijie.Page[Shop], error) {
	if q == nil {
		q = &ShopQuery{}
	}
	op := table[opQueryShops]
	if err := checkPage(q.PageIndex, q.PageSize, c.pageMax(op)); err != nil {
		return nil, err
	}
	if err := checkList("nicks", q.Nicks, 0); err != nil {
		return nil, err
	}
	w := &shopWire{PageIndex: q.PageIndex, PageSize: q.PageSize, ShopIDs: q.ShopIDs, Nicks: q.Nicks}
	return queryList[Shop](ctx, c, op, w, q.PageIndex, q.PageSize)
}

// Shops walks every page of QueryShops. The request is copied.
func (c *Client) Shops(ctx context.Context, q *ShopQuery) iter.Seq2[Shop, error] {
	base := ShopQuery{}
	if q != nil {
		base = *q
	}
	return walk(ctx, func(s Shop) string { return s.ShopID.String() }, func(ctx context.Context, page int) ([]Shop, bool, error) {
		q := base
		q.PageIndex = page
		p, err := c.QueryShops(ctx, &q)
		if err != nil {
			return nil, false, err
		}
		return p.Items, p.HasMore, nil
	})
}
