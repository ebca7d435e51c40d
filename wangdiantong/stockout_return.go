package wangdiantong

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/duijie/duijie"
)

// PurchaseReturnStockoutQuery selects purchase-return stock-out bills
// (采购退货出库单). Its filters are the request fields of
// stockout_order_query_return in gaigeshen/tripartite@92a3175
// (PurchaseReturnOrderQueryParameters.java) and the 企业奇门 request class
// WdtStockoutOrderQueryReturnRequest (samzong/taobao-openapi).
type PurchaseReturnStockoutQuery struct {
	// Status filters by state; 0 sends none. The sources give no list of
	// values.
	Status int
	// StartTime and EndTime bound the time the vendor selects by, both
	// inclusive and to the second. Optional: the sources document no
	// maximum span. To read a half-open window [from, to), set them with
	// InWindow.
	StartTime, EndTime time.Time
	// SrcOrderNo is src_order_no (源单号: the purchase return).
	SrcOrderNo string
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
func (q PurchaseReturnStockoutQuery) InWindow(from, to time.Time) *PurchaseReturnStockoutQuery {
	var ok bool
	q.StartTime, q.EndTime, ok = inclusive(from, to)
	q.empty = !ok
	return &q
}

// op is the table's row for q.
func (q *PurchaseReturnStockoutQuery) op() operation { return opPurchaseReturnStockouts.row() }

// purchaseReturnStockoutQueryParams are the filters of stockout_order_query_return; queryPage adds the paging.
type purchaseReturnStockoutQueryParams struct {
	Status      int         `url:"status,omitempty"`
	StartTime   duijie.Time `url:"start_time,omitempty"`
	EndTime     duijie.Time `url:"end_time,omitempty"`
	SrcOrderNo  string      `url:"src_order_no,omitempty"`
	OuterNo     string      `url:"outer_no,omitempty"`
	WarehouseNo string      `url:"warehouse_no,omitempty"`
}

// params checks q against its row and returns its filters and page size.
func (q *PurchaseReturnStockoutQuery) params() (url.Values, int, error) {
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
		textFilter{"src_order_no", q.SrcOrderNo, "id"},
		textFilter{"outer_no", q.OuterNo, "id"},
		textFilter{"warehouse_no", q.WarehouseNo, "id"},
	); err != nil {
		return nil, 0, err
	}
	v, err := encode(purchaseReturnStockoutQueryParams{
		Status:      status,
		StartTime:   duijie.NewTime(q.StartTime),
		EndTime:     duijie.NewTime(q.EndTime),
		SrcOrderNo:  q.SrcOrderNo,
		OuterNo:     q.OuterNo,
		WarehouseNo: q.WarehouseNo,
	})
	return v, size, err
}

// QueryPurchaseReturnStockouts calls stockout_order_query_return.php /
// wdt.stockout.order.query.return (查询采购退货出库单) for one page (page_no
// from 0) of purchase-return stock-outs with their lines; the fields are
// listed on PurchaseReturnStockout. A read, safe to replay.
func (c *Client) QueryPurchaseReturnStockouts(ctx context.Context, q *PurchaseReturnStockoutQuery) (*duijie.Page[PurchaseReturnStockout], error) {
	if q == nil {
		q = &PurchaseReturnStockoutQuery{}
	}
	return listPage[PurchaseReturnStockout](ctx, c, q.op(), q.empty, q.PageNo, q.PageSize, q.params)
}

// PurchaseReturnStockouts walks every purchase-return stock-out of q, page
// by page from page 0. It stops at the first error.
func (c *Client) PurchaseReturnStockouts(ctx context.Context, q *PurchaseReturnStockoutQuery) iter.Seq2[PurchaseReturnStockout, error] {
	qc := PurchaseReturnStockoutQuery{}
	if q != nil {
		qc = *q
	}
	if qc.empty {
		return none[PurchaseReturnStockout]()
	}
	key := func(r PurchaseReturnStockout) string { return string(r.OrderNo) }
	return windowed(ctx, c, qc.StartTime, qc.EndTime, qc.op(), key, func(from, to time.Time) (url.Values, int, error) {
		part := qc
		part.StartTime, part.EndTime = from, to
		return part.params()
	})
}
