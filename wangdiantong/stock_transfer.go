package wangdiantong

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/duijie/duijie"
)

// StockTransferQuery selects stock transfers (调拨单). Its filters are the
// request fields of stock_transfer_query in gaigeshen/tripartite@92a3175
// (StockTransferQueryParameters.java) and the 企业奇门 request class
// WdtStockTransferQueryRequest (samzong/taobao-openapi).
type StockTransferQuery struct {
	// Status filters by state; 0 sends none. The sources give no list of
	// values.
	Status int
	// StartTime and EndTime bound the time the vendor selects by, both
	// inclusive and to the second. Optional: the sources document no
	// maximum span. To read a half-open window [from, to), set them with
	// InWindow.
	StartTime, EndTime time.Time
	// TransferNo is transfer_no (调拨单号).
	TransferNo string
	// APIOuterNo is api_outer_no (API外部单号).
	APIOuterNo string
	// FromWarehouseNo is from_warehouse_no (调出仓库编号).
	FromWarehouseNo string
	// ToWarehouseNo is to_warehouse_no (调入仓库编号).
	ToWarehouseNo string
	// PageNo is the page, from 0; PageSize is 1..100 (0 means DefaultPageSize).
	PageNo, PageSize int

	// empty marks a window that holds no whole second (see InWindow).
	empty bool
}

// InWindow returns a copy of q that selects the records of the
// half-open window [from, to), set as the vendor's inclusive whole-second
// range (see RefundStockinQuery.InWindow).
func (q StockTransferQuery) InWindow(from, to time.Time) *StockTransferQuery {
	var ok bool
	q.StartTime, q.EndTime, ok = inclusive(from, to)
	q.empty = !ok
	return &q
}

// op is the table's row for q.
func (q *StockTransferQuery) op() operation { return opStockTransfers.row() }

// stockTransferQueryParams are the filters of stock_transfer_query; queryPage adds the paging.
type stockTransferQueryParams struct {
	Status          int         `url:"status,omitempty"`
	StartTime       duijie.Time `url:"start_time,omitempty"`
	EndTime         duijie.Time `url:"end_time,omitempty"`
	TransferNo      string      `url:"transfer_no,omitempty"`
	APIOuterNo      string      `url:"api_outer_no,omitempty"`
	FromWarehouseNo string      `url:"from_warehouse_no,omitempty"`
	ToWarehouseNo   string      `url:"to_warehouse_no,omitempty"`
}

// params checks q against its row and returns its filters and page size.
func (q *StockTransferQuery) params() (url.Values, int, error) {
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
		textFilter{"transfer_no", q.TransferNo, "id"},
		textFilter{"api_outer_no", q.APIOuterNo, "id"},
		textFilter{"from_warehouse_no", q.FromWarehouseNo, "id"},
		textFilter{"to_warehouse_no", q.ToWarehouseNo, "id"},
	); err != nil {
		return nil, 0, err
	}
	v, err := encode(stockTransferQueryParams{
		Status:          status,
		StartTime:       duijie.NewTime(q.StartTime),
		EndTime:         duijie.NewTime(q.EndTime),
		TransferNo:      q.TransferNo,
		APIOuterNo:      q.APIOuterNo,
		FromWarehouseNo: q.FromWarehouseNo,
		ToWarehouseNo:   q.ToWarehouseNo,
	})
	return v, size, err
}

// QueryStockTransfers calls stock_transfer_query.php /
// wdt.stock.transfer.query (查询调拨单) for one page (page_no from 0) of
// stock transfers with their lines; the fields are listed on
// StockTransfer. A read, safe to replay.
func (c *Client) QueryStockTransfers(ctx context.Context, q *StockTransferQuery) (*duijie.Page[StockTransfer], error) {
	if q == nil {
		q = &StockTransferQuery{}
	}
	return listPage[StockTransfer](ctx, c, q.op(), q.empty, q.PageNo, q.PageSize, q.params)
}

// StockTransfers walks every stock transfer of q, page by page from page
// 0. It stops at the first error.
func (c *Client) StockTransfers(ctx context.Context, q *StockTransferQuery) iter.Seq2[StockTransfer, error] {
	qc := StockTransferQuery{}
	if q != nil {
		qc = *q
	}
	if qc.empty {
		return none[StockTransfer]()
	}
	key := func(r StockTransfer) string { return string(r.TransferNo) }
	return windowed(ctx, c, qc.StartTime, qc.EndTime, qc.op(), key, func(from, to time.Time) (url.Values, int, error) {
		part := qc
		part.StartTime, part.EndTime = from, to
		return part.params()
	})
}
