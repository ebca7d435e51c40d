package wangdiantong

import (
	"context"
	"iter"
	"net/url"

	"github.com/duijie/duijie"
)

// ProviderQuery selects supplier records (供应商). Its filters are the
// request fields of purchase_provider_query in cuifan53/wdt-sdk
// src/types/basic/purchase_provider_query.ts; its column filter, which
// trims the answer's fields, is left out, so every field of Provider is
// returned.
type ProviderQuery struct {
	// ProviderNo is provider_no (供应商编号).
	ProviderNo string
	// ProviderName is provider_name (供应商名称).
	ProviderName string
	// PageNo is the page, from 0; PageSize is 1..100 (0 means DefaultPageSize).
	PageNo, PageSize int
}

// providerQueryParams are purchase_provider_query's filters; queryPage
// adds the paging.
type providerQueryParams struct {
	ProviderNo   string `url:"provider_no,omitempty"`
	ProviderName string `url:"provider_name,omitempty"`
}

// params checks q against its row and returns its filters and page size.
func (q *ProviderQuery) params() (url.Values, int, error) {
	size, err := pageArgs(opProviders.row(), q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	if err := checkFilters(textFilter{"provider_no", q.ProviderNo, "id"}, textFilter{"provider_name", q.ProviderName, ""}); err != nil {
		return nil, 0, err
	}
	v, err := encode(providerQueryParams{ProviderNo: q.ProviderNo, ProviderName: q.ProviderName})
	return v, size, err
}

// QueryProviders calls purchase_provider_query.php /
// wdt.purchase.provider.query (查询供应商) for one page (page_no from 0) of
// supplier records; page_size is 1..100 (purchase_provider_query.ts). The
// fields are listed on Provider. A read, safe to replay.
func (c *Client) QueryProviders(ctx context.Context, q *ProviderQuery) (*duijie.Page[Provider], error) {
	if q == nil {
		q = &ProviderQuery{}
	}
	return listPage[Provider](ctx, c, opProviders.row(), false, q.PageNo, q.PageSize, q.params)
}

// Providers walks every supplier record of q, page by page from page 0.
// It stops at the first error.
func (c *Client) Providers(ctx context.Context, q *ProviderQuery) iter.Seq2[Provider, error] {
	qc := ProviderQuery{}
	if q != nil {
		qc = *q
	}
	p, size, err := qc.params()
	if err != nil {
		return failed[Provider](err)
	}
	return pages(ctx, c, opProviders.row(), p, size, func(r Provider) string { return string(r.ProviderNo) })
}
