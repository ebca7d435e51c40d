package wangdiantong

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/duijie/duijie"
)

// Sales-out bill states (status of stockout_order_query_trade).
const (
	SalesStockoutCancelled     = 5
	SalesStockoutAudited       = 55
	SalesStockoutShipped       = 95
	SalesStockoutPartlyPaid    = 105
	SalesStockoutDone          = 110
	SalesStockoutShippedFaulty = 113
)

// SalesStockoutQuery selects sales-out bills (销售出库单). Its filters are
// the request fields of stockout_order_query_trade.php on the vendor's page
// (open.wangdian.cn …?path=stockout_order_query_trade.php) and the QEasy
// API pages for wdt.stockout.order.query.trade (qeasy.cloud/api/68d879a0…,
// which adds is_by_modified).
type SalesStockoutQuery struct {
	// Status filters by state (one of the SalesStockout* constants). 0
	// sends none: the vendor then returns the shipped and finished bills,
	// selected by consign time. With a status of 95 and above the window
	// is the consign time too; below 95 it is the modification time.
	Status int
	// ByModified sends is_by_modified=1: with a Status, the window is the
	// bill's modification time whatever the status (QEasy pages; the
	// vendor's default, 0, is the rule above). Left out when false.
	ByModified bool
	// StartTime and EndTime bound the window, both inclusive as the vendor
	// reads them and to the second. One page spans at most 30 days; the
	// iterator cuts longer ranges itself. They may be left out when
	// StockoutNo, SrcOrderNo or SrcTid is given. To read a half-open
	// window [from, to), set them with InWindow.
	StartTime, EndTime time.Time
	// StockoutNo, SrcOrderNo (the ERP order number) and SrcTid (the
	// platform order number) select bills by number.
	StockoutNo, SrcOrderNo, SrcTid string
	// ShopNo and WarehouseNo narrow the query.
	ShopNo, WarehouseNo string
	// PageNo is the page, from 0; PageSize is 1..100 (0 means DefaultPageSize).
	PageNo, PageSize int
	// History queries the archive (his_stockout_order_query_trade), which
	// has no published Qimen name: on the Qimen route it is refused
	// before sending.
	History bool

	// empty marks a window that holds no whole second (see InWindow).
	empty bool
}

// InWindow returns a copy of q that selects the bills of the half-open
// window [from, to), set as the vendor's inclusive whole-second range (see
// RefundStockinQuery.InWindow).
func (q SalesStockoutQuery) InWindow(from, to time.Time) *SalesStockoutQuery {
	var ok bool
	q.StartTime, q.EndTime, ok = inclusive(from, to)
	q.empty = !ok
	return &q
}

// op is the table's row for q.
func (q *SalesStockoutQuery) op() operation {
	if q.History {
		return opSalesStockoutsArchive.row()
	}
	return opSalesStockouts.row()
}

// salesStockoutParams are stockout_order_query_trade's filters; queryPage
// adds the paging.
type salesStockoutParams struct {
	Status      int         `url:"status,omitempty"`
	ByModified  int         `url:"is_by_modified,omitempty"`
	StartTime   duijie.Time `url:"start_time,omitempty"`
	EndTime     duijie.Time `url:"end_time,omitempty"`
	StockoutNo  string      `url:"stockout_no,omitempty"`
	SrcOrderNo  string      `url:"src_order_no,omitempty"`
	SrcTid      string      `url:"src_tid,omitempty"`
	ShopNo      string      `url:"shop_no,omitempty"`
	WarehouseNo string      `url:"warehouse_no,omitempty"`
}

// params checks q against its row and returns its filters and page size.
func (q *SalesStockoutQuery) params() (url.Values, int, error) {
	o := q.op()
	byNumber := q.StockoutNo != "" || q.SrcOrderNo != "" || q.SrcTid != ""
	if err := window(o.MaxWindow, q.StartTime, q.EndTime, !byNumber); err != nil {
		return nil, 0, err
	}
	size, err := pageArgs(o, q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	if q.Status != 0 {
		if err := limits.Int("status", int64(q.Status), "5|55|95|105|110|113"); err != nil {
			return nil, 0, err
		}
	}
	if err := checkFilters(textFilter{"stockout_no", q.StockoutNo, "id"}, textFilter{"src_order_no", q.SrcOrderNo, "id"},
		textFilter{"src_tid", q.SrcTid, "id"}, textFilter{"shop_no", q.ShopNo, "id,max=20"}, textFilter{"warehouse_no", q.WarehouseNo, "id"}); err != nil {
		return nil, 0, err
	}
	p := salesStockoutParams{Status: q.Status, StartTime: duijie.NewTime(q.StartTime), EndTime: duijie.NewTime(q.EndTime),
		StockoutNo: q.StockoutNo, SrcOrderNo: q.SrcOrderNo, SrcTid: q.SrcTid, ShopNo: q.ShopNo, WarehouseNo: q.WarehouseNo}
	if q.ByModified {
		p.ByModified = 1
	}
	v, err := encode(p)
	return v, size, err
}

// QuerySalesStockouts calls stockout_order_query_trade.php /
// wdt.stockout.order.query.trade (查询销售出库单), or for History the
// archive his_stockout_order_query_trade.php (查询历史销售出库单, openapi2
// only), for one page (page_no from 0) of sales-out bills with their goods
// lines. The window spans at most 30 days, closed at both ends. The page's
// Total is total_count (-1 without it). The fields are listed on
// SalesStockout. A read, safe to replay.
func (c *Client) QuerySalesStockouts(ctx context.Context, q *SalesStockoutQuery) (*duijie.Page[SalesStockout], error) {
	if q == nil {
		q = &SalesStockoutQuery{}
	}
	return listPage[SalesStockout](ctx, c, q.op(), q.empty, q.PageNo, q.PageSize, q.params)
}

// SalesStockouts walks every sales-out bill of q: the range is cut into
// spans of at most 30 days that neither overlap nor leave a gap, and each
// span is paged from page 0. It stops at the first error.
func (c *Client) SalesStockouts(ctx context.Context, q *SalesStockoutQuery) iter.Seq2[SalesStockout, error] {
	qc := SalesStockoutQuery{}
	if q != nil {
		qc = *q
	}
	if qc.empty {
		return none[SalesStockout]()
	}
	key := func(s SalesStockout) string { return string(s.StockoutID) + "/" + string(s.OrderNo) }
	return windowed(ctx, c, qc.StartTime, qc.EndTime, qc.op(), key, func(from, to time.Time) (url.Values, int, error) {
		part := qc
		part.StartTime, part.EndTime = from, to
		return part.params()
	})
}
