package jushuitan

import (
	"context"
	"iter"
	"strconv"

	"github.com/duijie/duijie"
)

// WarehouseQuery pages /open/wms/partner/query; nil asks for the first page.
type WarehouseQuery struct {
	// PageIndex is the page, from 1 (0 means 1).
	PageIndex int
	// PageSize is rows per page (0 means the vendor's 30).
	PageSize int
}

// Warehouse is one warehouse (分仓) of the company.
type Warehouse struct {
	// Name is 分仓名称.
	Name string `json:"name"`
	// CoID is the main company (主仓公司编号).
	CoID duijie.Int64 `json:"co_id"`
	// WmsCoID is the warehouse number (分仓编号) that inventory queries and
	// uploads take.
	WmsCoID duijie.Int64 `json:"wms_co_id"`
	// IsMain is true for the main warehouse.
	IsMain bool `json:"is_main"`
	// Status is the warehouse's state, e.g. 生效.
	Status string `json:"status"`
	// Remark1 is the other side's remark, Remark2 ours.
	Remark1 string `json:"remark1"`
	// Remark2 is our own remark.
	Remark2 string `json:"remark2"`
}

type pageWire struct {
	PageIndex int `json:"page_index,omitempty"`
	PageSize  int `json:"page_size,omitempty"`
}

// QueryWarehouses calls /open/wms/partner/query (legacy wms.partner.query,
// 仓库查询) for one page. The page's Items are the answer's datas (an
// answer without them is an error matching ErrMissingList, not an empty
// page), Number and Size its page_index (from 1) and page_size, HasMore its
// has_next, and Total its data_count, -1 when absent. Safe to replay: it is
// a read.
func (c *Client) QueryWarehouses(ctx context.Context, q *WarehouseQuery) (*duijie.Page[Warehouse], error) {
	if q == nil {
		q = &WarehouseQuery{}
	}
	op := table[opQueryWarehouses]
	if err := checkPage(q.PageIndex, q.PageSize, c.pageMax(op)); err != nil {
		return nil, err
	}
	return queryList[Warehouse](ctx, c, op, &pageWire{PageIndex: q.PageIndex, PageSize: q.PageSize}, q.PageIndex, q.PageSize)
}

// Warehouses walks every page of QueryWarehouses. The request is copied.
func (c *Client) Warehouses(ctx context.Context, q *WarehouseQuery) iter.Seq2[Warehouse, error] {
	base := WarehouseQuery{}
	if q != nil {
		base = *q
	}
	return walk(ctx, func(w Warehouse) string { return strconv.FormatInt(int64(w.WmsCoID), 10) }, func(ctx context.Context, page int) ([]Warehouse, bool, error) {
		q := base
		q.PageIndex = page
		p, err := c.QueryWarehouses(ctx, &q)
		if err != nil {
			return nil, false, err
		}
		return p.Items, p.HasMore, nil
	})
}
