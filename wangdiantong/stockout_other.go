package wangdiantong

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/duijie/duijie"
)

// StockoutQuery selects stock-out bills other than sales stock-outs
// (出库单管理). Its filters are the request fields of the 企业奇门 request
// class WdtStockoutOrderQueryRequest (samzong/taobao-openapi), with their
// values from the QEasy API page for wdt.stockout.order.query
// (qeasy.cloud/api/c81544be…).
type StockoutQuery struct {
	// Status filters by state: 5 已取消, 50 待审核, 55 已审核, 95 已发货,
	// 110 已完成, 113 异常发货. 0 sends none: the vendor then returns the
	// shipped and finished bills.
	Status int
	// OrderType filters by kind (order_type): 2 调拨出库, 3 采购退货出库,
	// 4 盘亏出库, 5 生产出库, 7 其他出库, 8 多发出库, 9 纠错出库,
	// 10 保修配件出库, 11 初始化出库, 12 jit拣货出库, 13 委外出库. 0 sends
	// none.
	OrderType int
	// StartTime and EndTime bound the time the vendor selects by, both
	// inclusive as the vendor reads them and to the second. One page spans
	// at most 30 days; the iterator cuts longer ranges itself. They may be
	// left out when StockoutNo, SrcOrderNo or OuterNo is given. To read a half-open window
	// [from, to), set them with InWindow.
	StartTime, EndTime time.Time
	// StockoutNo is stockout_no (出库单号).
	StockoutNo string
	// SrcOrderNo is src_order_no (源单号).
	SrcOrderNo string
	// OuterNo is outer_no (外部单号, as pushed with PushStockout).
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
func (q StockoutQuery) InWindow(from, to time.Time) *StockoutQuery {
	var ok bool
	q.StartTime, q.EndTime, ok = inclusive(from, to)
	q.empty = !ok
	return &q
}

// op is the table's row for q.
func (q *StockoutQuery) op() operation { return opStockouts.row() }

// stockoutQueryParams are the filters of stockout_order_query; queryPage adds the paging.
type stockoutQueryParams struct {
	Status      int         `url:"status,omitempty"`
	OrderType   int         `url:"order_type,omitempty"`
	StartTime   duijie.Time `url:"start_time,omitempty"`
	EndTime     duijie.Time `url:"end_time,omitempty"`
	StockoutNo  string      `url:"stockout_no,omitempty"`
	SrcOrderNo  string      `url:"src_order_no,omitempty"`
	OuterNo     string      `url:"outer_no,omitempty"`
	WarehouseNo string      `url:"warehouse_no,omitempty"`
}

// params checks q against its row and returns its filters and page size.
func (q *StockoutQuery) params() (url.Values, int, error) {
	o := q.op()
	byNumber := q.StockoutNo != "" || q.SrcOrderNo != "" || q.OuterNo != ""
	if err := window(o.MaxWindow, q.StartTime, q.EndTime, !byNumber); err != nil {
		return nil, 0, err
	}
	size, err := pageArgs(o, q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	status := q.Status
	if status != 0 {
		if err := limits.Int("status", int64(status), "5|50|55|95|110|113"); err != nil {
			return nil, 0, err
		}
	}
	if q.OrderType != 0 {
		if err := limits.Int("order_type", int64(q.OrderType), "2|3|4|5|7|8|9|10|11|12|13"); err != nil {
			return nil, 0, err
		}
	}
	if err := checkFilters(
		textFilter{"stockout_no", q.StockoutNo, "id"},
		textFilter{"src_order_no", q.SrcOrderNo, "id"},
		textFilter{"outer_no", q.OuterNo, "id"},
		textFilter{"warehouse_no", q.WarehouseNo, "id"},
	); err != nil {
		return nil, 0, err
	}
	v, err := encode(stockoutQueryParams{
		Status:      status,
		OrderType:   q.OrderType,
		StartTime:   duijie.NewTime(q.StartTime),
		EndTime:     duijie.NewTime(q.EndTime),
		StockoutNo:  q.StockoutNo,
		SrcOrderNo:  q.SrcOrderNo,
		OuterNo:     q.OuterNo,
		WarehouseNo: q.WarehouseNo,
	})
	return v, size, err
}

// QueryStockouts calls stockout_order_query.php / wdt.stockout.order.query
// (查询出库单管理) for one page (page_no from 0) of stock-out bills with
// their lines. The window spans at most 30 days, closed at both ends (the
// vendor's page for the same script in its Y edition). The fields are
// listed on Stockout. A read, safe to replay.
func (c *Client) QueryStockouts(ctx context.Context, q *StockoutQuery) (*duijie.Page[Stockout], error) {
	if q == nil {
		q = &StockoutQuery{}
	}
	return listPage[Stockout](ctx, c, q.op(), q.empty, q.PageNo, q.PageSize, q.params)
}

// Stockouts walks every stock-out bill of q: the range is cut into spans
// of at most 30 days that neither overlap nor leave a gap, and each span
// is paged from page 0. It stops at the first error.
func (c *Client) Stockouts(ctx context.Context, q *StockoutQuery) iter.Seq2[Stockout, error] {
	qc := StockoutQuery{}
	if q != nil {
		qc = *q
	}
	if qc.empty {
		return none[Stockout]()
	}
	key := func(r Stockout) string { return string(r.StockoutID) + "/" + string(r.OrderNo) }
	return windowed(ctx, c, qc.StartTime, qc.EndTime, qc.op(), key, func(from, to time.Time) (url.Values, int, error) {
		part := qc
		part.StartTime, part.EndTime = from, to
		return part.params()
	})
}
