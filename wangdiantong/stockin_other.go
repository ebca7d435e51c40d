package wangdiantong

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/duijie/duijie"
)

// StockinQuery selects stock-in bills other than refund stock-ins
// (入库单管理). Its filters are the request fields of the 企业奇门 request
// class WdtStockinOrderQueryRequest (samzong/taobao-openapi); the order
// types and the default status are from the vendor notes (QEasy pages).
type StockinQuery struct {
	// Status filters by state; 0 sends none, and the vendor then returns
	// the finished bills (status 80, per the vendor notes).
	Status int
	// OrderType filters by kind (order_type): 1 采购, 2 调拨, 4 盘盈,
	// 5 生产, 6 其他 (the values the vendor notes list). 0 sends none.
	OrderType int
	// StartTime and EndTime bound the time the vendor selects by, both
	// inclusive as the vendor reads them and to the second. One page spans
	// at most 30 days; the iterator cuts longer ranges itself. They may be
	// left out when StockinNo, SrcOrderNo or OuterNo is given. To read a half-open window
	// [from, to), set them with InWindow.
	StartTime, EndTime time.Time
	// StockinNo is stockin_no (入库单号).
	StockinNo string
	// SrcOrderNo is src_order_no (上层单据编号).
	SrcOrderNo string
	// OuterNo is outer_no (外部单号, as pushed with PushStockin).
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
func (q StockinQuery) InWindow(from, to time.Time) *StockinQuery {
	var ok bool
	q.StartTime, q.EndTime, ok = inclusive(from, to)
	q.empty = !ok
	return &q
}

// op is the table's row for q.
func (q *StockinQuery) op() operation { return opStockins.row() }

// stockinQueryParams are the filters of stockin_order_query; queryPage adds the paging.
type stockinQueryParams struct {
	Status      int         `url:"status,omitempty"`
	OrderType   int         `url:"order_type,omitempty"`
	StartTime   duijie.Time `url:"start_time,omitempty"`
	EndTime     duijie.Time `url:"end_time,omitempty"`
	StockinNo   string      `url:"stockin_no,omitempty"`
	SrcOrderNo  string      `url:"src_order_no,omitempty"`
	OuterNo     string      `url:"outer_no,omitempty"`
	WarehouseNo string      `url:"warehouse_no,omitempty"`
}

// params checks q against its row and returns its filters and page size.
func (q *StockinQuery) params() (url.Values, int, error) {
	o := q.op()
	byNumber := q.StockinNo != "" || q.SrcOrderNo != "" || q.OuterNo != ""
	if err := window(o.MaxWindow, q.StartTime, q.EndTime, !byNumber); err != nil {
		return nil, 0, err
	}
	size, err := pageArgs(o, q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	status := q.Status
	if q.OrderType != 0 {
		if err := limits.Int("order_type", int64(q.OrderType), "1|2|4|5|6"); err != nil {
			return nil, 0, err
		}
	}
	if err := checkFilters(
		textFilter{"stockin_no", q.StockinNo, "id"},
		textFilter{"src_order_no", q.SrcOrderNo, "id"},
		textFilter{"outer_no", q.OuterNo, "id"},
		textFilter{"warehouse_no", q.WarehouseNo, "id"},
	); err != nil {
		return nil, 0, err
	}
	v, err := encode(stockinQueryParams{
		Status:      status,
		OrderType:   q.OrderType,
		StartTime:   duijie.NewTime(q.StartTime),
		EndTime:     duijie.NewTime(q.EndTime),
		StockinNo:   q.StockinNo,
		SrcOrderNo:  q.SrcOrderNo,
		OuterNo:     q.OuterNo,
		WarehouseNo: q.WarehouseNo,
	})
	return v, size, err
}

// QueryStockins calls stockin_order_query.php / wdt.stockin.order.query
// (查询入库单管理) for one page (page_no from 0) of stock-in bills with
// their lines, selected by last modification. The window spans at most 30
// days, closed at both ends (open.wangdian.cn …?path=stockin_order_query.php).
// The fields are listed on Stockin. A read, safe to replay.
func (c *Client) QueryStockins(ctx context.Context, q *StockinQuery) (*duijie.Page[Stockin], error) {
	if q == nil {
		q = &StockinQuery{}
	}
	return listPage[Stockin](ctx, c, q.op(), q.empty, q.PageNo, q.PageSize, q.params)
}

// Stockins walks every stock-in bill of q: the range is cut into spans of
// at most 30 days that neither overlap nor leave a gap, and each span is
// paged from page 0. It stops at the first error.
func (c *Client) Stockins(ctx context.Context, q *StockinQuery) iter.Seq2[Stockin, error] {
	qc := StockinQuery{}
	if q != nil {
		qc = *q
	}
	if qc.empty {
		return none[Stockin]()
	}
	key := func(r Stockin) string { return string(r.StockinNo) }
	return windowed(ctx, c, qc.StartTime, qc.EndTime, qc.op(), key, func(from, to time.Time) (url.Values, int, error) {
		part := qc
		part.StartTime, part.EndTime = from, to
		return part.params()
	})
}
