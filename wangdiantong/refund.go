package wangdiantong

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/duijie/duijie"
)

// Refund stock-in states (status).
const (
	RefundStockinCancelled = 10
	RefundStockinEditing   = 20
	RefundStockinToAudit   = 30
	RefundStockinToSettle  = 60
	RefundStockinDone      = 80
)

// RefundStockinQuery selects refund stock-ins by last modification time.
type RefundStockinQuery struct {
	// Status filters by state; 0 means RefundStockinDone, the vendor's default.
	Status int
	// StartTime and EndTime bound the modification time, both inclusive
	// as the vendor reads them and to the second (fractions are dropped).
	// One page spans at most 30 days; the iterator cuts longer ranges
	// itself. They may be left out when StockinNo or SrcOrderNo is given.
	// To read a half-open window [from, to), such as a mapping.Window, set
	// them with InWindow.
	StartTime, EndTime time.Time
	// ShopNo, WarehouseNo, StockinNo and SrcOrderNo narrow the query.
	ShopNo, WarehouseNo, StockinNo, SrcOrderNo string
	// PageNo is the page, from 0; PageSize is 1..100 (0 means DefaultPageSize).
	PageNo, PageSize int
	// History queries the archive (his_stockin_order_query_refund).
	History bool

	// empty marks a window that holds no whole second (see InWindow).
	empty bool
}

// InWindow returns a copy of q that selects the refund stock-ins modified
// in the half-open window [from, to), the convention of mapping.Window,
// set as the vendor's inclusive whole-second range: StartTime is from
// rounded up to the second and EndTime the last whole second before to.
// Consecutive windows then read a stock-in stamped on their shared
// boundary once, in the later window. A window holding no whole second
// selects nothing, and nothing is sent for it.
func (q RefundStockinQuery) InWindow(from, to time.Time) *RefundStockinQuery {
	var ok bool
	q.StartTime, q.EndTime, ok = inclusive(from, to)
	q.empty = !ok
	return &q
}

// op is the table's row for q: stockin_order_query_refund or, for
// History, his_stockin_order_query_refund.
func (q *RefundStockinQuery) op() operation {
	if q.History {
		return opRefundStockinsArchive.row()
	}
	return opRefundStockins.row()
}

// refundStockinParams are stockin_order_query_refund's filters; queryPage
// adds the paging.
type refundStockinParams struct {
	Status      int         `url:"status"`
	StartTime   duijie.Time `url:"start_time,omitempty"`
	EndTime     duijie.Time `url:"end_time,omitempty"`
	ShopNo      string      `url:"shop_no,omitempty"`
	WarehouseNo string      `url:"warehouse_no,omitempty"`
	StockinNo   string      `url:"stockin_no,omitempty"`
	SrcOrderNo  string      `url:"src_order_no,omitempty"`
}

// params checks q against its row and returns its filters and page size.
func (q *RefundStockinQuery) params() (url.Values, int, error) {
	o := q.op()
	byNumber := q.StockinNo != "" || q.SrcOrderNo != ""
	if err := window(o.MaxWindow, q.StartTime, q.EndTime, !byNumber); err != nil {
		return nil, 0, err
	}
	size, err := pageArgs(o, q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	status := q.Status
	if status == 0 {
		status = RefundStockinDone
	}
	// status: 10 已取消, 20 编辑中, 30 待审核, 60 待结算, 80 已完成 (stockin_order_query_refund.php); shop_no is varchar(20) as in
	// trade_push; the notes give no length for the other numbers.
	if err := limits.Int("status", int64(status), "10|20|30|60|80"); err != nil {
		return nil, 0, err
	}
	for _, p := range [...]struct{ name, v, rules string }{
		{"shop_no", q.ShopNo, "id,max=20"}, {"warehouse_no", q.WarehouseNo, "id"},
		{"stockin_no", q.StockinNo, "id"}, {"src_order_no", q.SrcOrderNo, "id"},
	} {
		if err := limits.Text(p.name, p.v, p.rules); err != nil {
			return nil, 0, err
		}
	}
	p, err := encode(refundStockinParams{Status: status, StartTime: duijie.NewTime(q.StartTime), EndTime: duijie.NewTime(q.EndTime),
		ShopNo: q.ShopNo, WarehouseNo: q.WarehouseNo, StockinNo: q.StockinNo, SrcOrderNo: q.SrcOrderNo})
	return p, size, err
}

// QueryRefundStockins calls stockin_order_query_refund.php /
// wdt.stockin.order.query.refund (查询退货入库单) for one page (page_no from
// 0). The page's Total is total_count, which the vendor may send with page
// 0 only (-1 without it). A read, safe to replay.
func (c *Client) QueryRefundStockins(ctx context.Context, q *RefundStockinQuery) (*duijie.Page[RefundStockin], error) {
	if q == nil {
		q = &RefundStockinQuery{}
	}
	if q.empty {
		size, err := pageArgs(q.op(), q.PageNo, q.PageSize)
		if err != nil {
			return nil, err
		}
		return emptyPage[RefundStockin](q.PageNo, size), nil
	}
	params, size, err := q.params()
	if err != nil {
		return nil, err
	}
	return queryPage[RefundStockin](ctx, c, q.op(), params, q.PageNo, size)
}

// RefundStockins walks every refund stock-in of q: the time range is cut
// into spans of at most the row's MaxWindow (30 days) that neither overlap nor leave a gap, and
// each span is paged from page 0. It stops at the first error.
func (c *Client) RefundStockins(ctx context.Context, q *RefundStockinQuery) iter.Seq2[RefundStockin, error] {
	qc := RefundStockinQuery{}
	if q != nil {
		qc = *q
	}
	if qc.empty {
		return none[RefundStockin]()
	}
	key := func(s RefundStockin) string { return string(s.StockinNo) + "/" + string(s.OrderNo) }
	return windowed(ctx, c, qc.StartTime, qc.EndTime, qc.op(), key, func(from, to time.Time) (url.Values, int, error) {
		part := qc
		part.StartTime, part.EndTime = from, to
		return part.params()
	})
}
