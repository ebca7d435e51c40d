package wangdiantong

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/duijie/duijie"
)

// PurchaseReturnQuery selects purchase returns (采购退货单). Its filters
// are the request fields of purchase_return_query in gaigeshen/tripartite@92a3175
// (PurchaseReturnQueryParameters.java) and the 企业奇门 request class
// WdtPurchaseReturnQueryRequest (samzong/taobao-openapi).
type PurchaseReturnQuery struct {
	// Status filters by state; 0 sends none. The sources give no list of
	// values.
	Status int
	// StartTime and EndTime bound the time the vendor selects by, both
	// inclusive and to the second. Optional: the sources document no
	// maximum span. To read a half-open window [from, to), set them with
	// InWindow.
	StartTime, EndTime time.Time
	// ReturnNo is return_no (退货单号).
	ReturnNo string
	// APIOuterNo is api_outer_no (API外部单号).
	APIOuterNo string
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
func (q PurchaseReturnQuery) InWindow(from, to time.Time) *PurchaseReturnQuery {
	var ok bool
	q.StartTime, q.EndTime, ok = inclusive(from, to)
	q.empty = !ok
	return &q
}

// op is the table's row for q.
func (q *PurchaseReturnQuery) op() operation { return opPurchaseReturns.row() }

// purchaseReturnQueryParams are the filters of purchase_return_query; queryPage adds the paging.
type purchaseReturnQueryParams struct {
	Status      int         `url:"status,omitempty"`
	StartTime   duijie.Time `url:"start_time,omitempty"`
	EndTime     duijie.Time `url:"end_time,omitempty"`
	ReturnNo    string      `url:"return_no,omitempty"`
	APIOuterNo  string      `url:"api_outer_no,omitempty"`
	WarehouseNo string      `url:"warehouse_no,omitempty"`
}

// params checks q against its row and returns its filters and page size.
func (q *PurchaseReturnQuery) params() (url.Values, int, error) {
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
		textFilter{"return_no", q.ReturnNo, "id"},
		textFilter{"api_outer_no", q.APIOuterNo, "id"},
		textFilter{"warehouse_no", q.WarehouseNo, "id"},
	); err != nil {
		return nil, 0, err
	}
	v, err := encode(purchaseReturnQueryParams{
		Status:      status,
		StartTime:   duijie.NewTime(q.StartTime),
		EndTime:     duijie.NewTime(q.EndTime),
		ReturnNo:    q.ReturnNo,
		APIOuterNo:  q.APIOuterNo,
		WarehouseNo: q.WarehouseNo,
	})
	return v, size, err
}

// QueryPurchaseReturns calls purchase_return_query.php /
// wdt.purchase.return.query (查询采购退货单) for one page (page_no from 0)
// of purchase returns with their lines. The answer's list key is
// purchase_list, as the source reads it. The fields are listed on
// PurchaseReturn. A read, safe to replay.
func (c *Client) QueryPurchaseReturns(ctx context.Context, q *PurchaseReturnQuery) (*duijie.Page[PurchaseReturn], error) {
	if q == nil {
		q = &PurchaseReturnQuery{}
	}
	return listPage[PurchaseReturn](ctx, c, q.op(), q.empty, q.PageNo, q.PageSize, q.params)
}

// PurchaseReturns walks every purchase return of q, page by page from page
// 0. It stops at the first error.
func (c *Client) PurchaseReturns(ctx context.Context, q *PurchaseReturnQuery) iter.Seq2[PurchaseReturn, error] {
	qc := PurchaseReturnQuery{}
	if q != nil {
		qc = *q
	}
	if qc.empty {
		return none[PurchaseReturn]()
	}
	key := func(r PurchaseReturn) string { return string(r.ReturnNo) }
	return windowed(ctx, c, qc.StartTime, qc.EndTime, qc.op(), key, func(from, to time.Time) (url.Values, int, error) {
		part := qc
		part.StartTime, part.EndTime = from, to
		return part.params()
	})
}
