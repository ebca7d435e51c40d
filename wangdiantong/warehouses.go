package wangdiantong

import (
	"context"
	"iter"
	"net/url"

	"github.com/duijie/duijie"
)

// Warehouse is a warehouse of the ERP (warehouse_query.php's warehouses).
type Warehouse struct {
	// WarehouseNo is the warehouse number used in every other call.
	WarehouseNo duijie.Text `json:"warehouse_no"`
	// Name is the warehouse's name.
	Name duijie.Text `json:"name"`
	// Type is the warehouse type code.
	Type duijie.Text `json:"type"`
	// IsDisabled is 1 when the warehouse is disabled.
	IsDisabled duijie.Text `json:"is_disabled"`
}

// WarehouseQuery selects warehouses; a nil query lists them all.
type WarehouseQuery struct {
	// WarehouseNo selects one warehouse.
	WarehouseNo string
	// PageNo from 0; PageSize 1..100 (0 means DefaultPageSize).
	PageNo, PageSize int
}

// warehouseQueryParams are warehouse_query's filters; queryPage adds the
// paging.
type warehouseQueryParams struct {
	WarehouseNo string `url:"warehouse_no,omitempty"`
}

// params checks q against its row and returns its filters and page size.
func (q *WarehouseQuery) params() (url.Values, int, error) {
	size, err := pageArgs(opWarehouses.row(), q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	p, err := encode(warehouseQueryParams{WarehouseNo: q.WarehouseNo})
	return p, size, err
}

// QueryWarehouses calls warehouse_query.php / wdt.warehouse.query (查询仓库)
// for one page (page_no from 0). The page's Total is total_count (-1
// without it). A read, safe to replay.
func (c *Client) QueryWarehouses(ctx context.Context, q *WarehouseQuery) (*duijie.Page[Warehouse], error) {
	if q == nil {
		q = &WarehouseQuery{}
	}
	params, size, err := q.params()
	if err != nil {
		return nil, err
	}
	return queryPage[Warehouse](ctx, c, opWarehouses.row(), params, q.PageNo, size)
}

// Warehouses walks every warehouse of q from page 0.
func (c *Client) Warehouses(ctx context.Context, q *WarehouseQuery) iter.Seq2[Warehouse, error] {
	qc := WarehouseQuery{}
	if q != nil {
		qc = *q
	}
	params, size, err := qc.params()
	if err != nil {
		return failed[Warehouse](err)
	}
	return pages(ctx, c, opWarehouses.row(), params, size, func(w Warehouse) string { return string(w.WarehouseNo) })
}
