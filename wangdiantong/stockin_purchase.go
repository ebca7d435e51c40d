package wangdiantong

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/duijie/duijie"
)

// PurchaseStockinQuery selects purchase stock-in bills (采购入库单). Its
// filters are the request fields of stockin_order_query_purchase in
// gaigeshen/tripartite@92a3175 (PurchaseStockInOrderQueryParameters.java) and the
// 企业奇门 request class WdtStockinOrderQueryPurchaseRequest
// (samzong/taobao-openapi).
type PurchaseStockinQuery struct {
	// Status filters by state; 0 sends none (the vendor's default). The
	// sources give no list of values: QEasy polls 60 and 80.
	Status int
	// StartTime and EndTime bound the time the vendor selects by, both
	// inclusive and to the second. Optional: the sources document no
	// maximum span. To read a half-open window [from, to), set them with
	// InWindow.
	StartTime, EndTime time.Time
	// StockinNo is stockin_no (入库单号).
	StockinNo string
	// SrcOrderNo is src_order_no (采购单号).
	SrcOrderNo string
	// StockinOuterNo is stockin_outer_no (入库单外部单号).
	StockinOuterNo string
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
func (q PurchaseStockinQuery) InWindow(from, to time.Time) *PurchaseStockinQuery {
	var ok bool
	q.StartTime, q.EndTime, ok = inclusive(from, to)
	q.empty = !ok
	return &q
}

// op is the table's row for q.
func (q *PurchaseStockinQuery) op() operation { return opPurchaseStockins.row() }

// purchaseStockinQueryParams are the filters of stockin_order_query_purchase; queryPage adds the paging.
type purchaseStockinQueryParams struct {
	Status         int         `url:"status,omitempty"`
	StartTime      duijie.Time `url:"start_time,omitempty"`
	EndTime        duijie.Time `url:"end_time,omitempty"`
	StockinNo      string      `url:"stockin_no,omitempty"`
	SrcOrderNo     string      `url:"src_order_no,omitempty"`
	StockinOuterNo string      `url:"stockin_outer_no,omitempty"`
	WarehouseNo    string      `url:"warehouse_no,omitempty"`
}

// params checks q against its row and returns its filters and page size.
func (q *PurchaseStockinQuery) params() (url.Values, int, error) {
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
		textFilter{"stockin_no", q.StockinNo, "id"},
		textFilter{"src_order_no", q.SrcOrderNo, "id"},
		textFilter{"stockin_outer_no", q.StockinOuterNo, "id"},
		textFilter{"warehouse_no", q.WarehouseNo, "id"},
	); err != nil {
		return nil, 0, err
	}
	v, err := encode(purchaseStockinQueryParams{
		Status:         status,
		StartTime:      duijie.NewTime(q.StartTime),
		EndTime:        duijie.NewTime(q.EndTime),
		StockinNo:      q.StockinNo,
		SrcOrderNo:     q.SrcOrderNo,
		StockinOuterNo: q.StockinOuterNo,
		WarehouseNo:    q.WarehouseNo,
	})
	return v, size, err
}

// QueryPurchaseStockins calls stockin_order_query_purchase.php /
// wdt.stockin.order.query.purchase (查询采购入库单) for one page (page_no
// from 0) of purchase stock-in bills with their lines; the fields are
// listed on PurchaseStockin. A read, safe to replay.
func (c *Client) QueryPurchaseStockins(ctx context.Context, q *PurchaseStockinQuery) (*duijie.Page[PurchaseStockin], error) {
	if q == nil {
		q = &PurchaseStockinQuery{}
	}
	return listPage[PurchaseStockin](ctx, c, q.op(), q.empty, q.PageNo, q.PageSize, q.params)
}

// PurchaseStockins walks every purchase stock-in bill of q, page by page
// from page 0. It stops at the first error.
func (c *Client) PurchaseStockins(ctx context.Context, q *PurchaseStockinQuery) iter.Seq2[PurchaseStockin, error] {
	qc := PurchaseStockinQuery{}
	if q != nil {
		qc = *q
	}
	if qc.empty {
		return none[PurchaseStockin]()
	}
	key := func(r PurchaseStockin) string { return string(r.StockinNo) + "/" + string(r.OrderNo) }
	return windowed(ctx, c, qc.StartTime, qc.EndTime, qc.op(), key, func(from, to time.Time) (url.Values, int, error) {
		part := qc
		part.StartTime, part.EndTime = from, to
		return part.params()
	})
}
