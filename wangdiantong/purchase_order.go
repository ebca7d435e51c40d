package wangdiantong

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/duijie/duijie"
)

// PurchaseOrderQuery selects purchase orders (采购单). Its filters are
// the request fields of purchase_order_query in gaigeshen/tripartite@92a3175
// (PurchaseOrderQueryParameters.java) and the 企业奇门 request class
// WdtPurchaseOrderQueryRequest (samzong/taobao-openapi).
type PurchaseOrderQuery struct {
	// Status filters by state; 0 sends none. The vendor notes give the
	// states 40…90 without their meaning, so any value is sent as given.
	Status int
	// StartTime and EndTime bound the time the vendor selects by, both
	// inclusive and to the second. Optional: the sources document no
	// maximum span. To read a half-open window [from, to), set them with
	// InWindow.
	StartTime, EndTime time.Time
	// PurchaseNo is purchase_no (采购单号).
	PurchaseNo string
	// OuterNo is outer_no (外部单号).
	OuterNo string
	// WarehouseNo is warehouse_no (仓库编号).
	WarehouseNo string
	// PageNo is the page, from 0; PageSize is 1..100 (0 means DefaultPageSize).
	PageNo, PageSize int

	// empty marks a window that holds no whole second (see InWindow).
	empty bool
}

// InWindow returns a copy of q that selects the records of the
// half-open window [from, to), set as the vendor's inclusive whole-second
// range (see RefundStockinQuery.InWindow).
func (q PurchaseOrderQuery) InWindow(from, to time.Time) *PurchaseOrderQuery {
	var ok bool
	q.StartTime, q.EndTime, ok = inclusive(from, to)
	q.empty = !ok
	return &q
}

// op is the table's row for q.
func (q *PurchaseOrderQuery) op() operation { return opPurchaseOrders.row() }

// purchaseOrderQueryParams are the filters of purchase_order_query; queryPage adds the paging.
type purchaseOrderQueryParams struct {
	Status      int         `url:"status,omitempty"`
	StartTime   duijie.Time `url:"start_time,omitempty"`
	EndTime     duijie.Time `url:"end_time,omitempty"`
	PurchaseNo  string      `url:"purchase_no,omitempty"`
	OuterNo     string      `url:"outer_no,omitempty"`
	WarehouseNo string      `url:"warehouse_no,omitempty"`
}

// params checks q against its row and returns its filters and page size.
func (q *PurchaseOrderQuery) params() (url.Values, int, error) {
	o := q.op()
	if err := window(o.MaxWindow, q.StartTime, q.EndTime, false); err != nil {
		return nil, 0, err
	}
	size, err := pageArgs(o, q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	status := q.Status
	if err := checkFilters(
		textFilter{"purchase_no", q.PurchaseNo, "id"},
		textFilter{"outer_no", q.OuterNo, "id"},
		textFilter{"warehouse_no", q.WarehouseNo, "id"},
	); err != nil {
		return nil, 0, err
	}
	v, err := encode(purchaseOrderQueryParams{
		Status:      status,
		StartTime:   duijie.NewTime(q.StartTime),
		EndTime:     duijie.NewTime(q.EndTime),
		PurchaseNo:  q.PurchaseNo,
		OuterNo:     q.OuterNo,
		WarehouseNo: q.WarehouseNo,
	})
	return v, size, err
}

// QueryPurchaseOrders calls purchase_order_query.php /
// wdt.purchase.order.query (查询采购单) for one page (page_no from 0) of
// purchase orders with their lines; the fields are listed on
// PurchaseOrder. A read, safe to replay.
func (c *Client) QueryPurchaseOrders(ctx context.Context, q *PurchaseOrderQuery) (*duijie.Page[PurchaseOrder], error) {
	if q == nil {
		q = &PurchaseOrderQuery{}
	}
	return listPage[PurchaseOrder](ctx, c, q.op(), q.empty, q.PageNo, q.PageSize, q.params)
}

// PurchaseOrders walks every purchase order of q, page by page from page
// 0. It stops at the first error.
func (c *Client) PurchaseOrders(ctx context.Context, q *PurchaseOrderQuery) iter.Seq2[PurchaseOrder, error] {
	qc := PurchaseOrderQuery{}
	if q != nil {
		qc = *q
	}
	if qc.empty {
		return none[PurchaseOrder]()
	}
	key := func(r PurchaseOrder) string { return string(r.PurchaseNo) }
	return windowed(ctx, c, qc.StartTime, qc.EndTime, qc.op(), key, func(from, to time.Time) (url.Values, int, error) {
		part := qc
		part.StartTime, part.EndTime = from, to
		return part.params()
	})
}
