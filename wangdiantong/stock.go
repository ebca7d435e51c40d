package wangdiantong

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/duijie/duijie"
)

// Stock is one stock row of stock_query.
type Stock struct {
	// SpecNo is the SKU code.
	SpecNo duijie.Text `json:"spec_no"`
	// GoodsNo is the goods code.
	GoodsNo duijie.Text `json:"goods_no"`
	// GoodsName is the goods name.
	GoodsName duijie.Text `json:"goods_name"`
	// SpecName is the SKU name.
	SpecName duijie.Text `json:"spec_name"`
	// Barcode is the SKU's barcode.
	Barcode duijie.Text `json:"barcode"`
	// WarehouseNo is the warehouse.
	WarehouseNo duijie.Text `json:"warehouse_no"`
	// StockNum is the quantity in stock.
	StockNum duijie.Amount `json:"stock_num"`
	// AvailableSend is the quantity available to ship (the vendor spells
	// the field avaliable_num).
	AvailableSend duijie.Amount `json:"avaliable_num"`
	// LockNum is the quantity locked.
	LockNum duijie.Amount `json:"lock_num"`
	// Modified is the last change, which the query selects by.
	Modified duijie.Time `json:"modified"`
}

// StockQuery selects stock rows changed in a window.
type StockQuery struct {
	// StartTime and EndTime bound the modification time, both inclusive
	// as the vendor reads them and to the second (fractions are dropped).
	// One page spans at most 30 days; the iterator cuts longer ranges
	// itself. Not needed with SpecNo. To read a half-open window
	// [from, to), such as a mapping.Window, set them with InWindow.
	StartTime, EndTime time.Time
	// WarehouseNo, SpecNo, GoodsNo and Barcode narrow the query.
	WarehouseNo, SpecNo, GoodsNo, Barcode string
	// PageNo from 0; PageSize 1..100 (0 means DefaultPageSize).
	PageNo, PageSize int

	// empty marks a window that holds no whole second (see InWindow).
	empty bool
}

// InWindow returns a copy of q that selects the stock rows changed in the
// half-open window [from, to), set as the vendor's inclusive whole-second
// range as TradeQuery.InWindow does.
func (q StockQuery) InWindow(from, to time.Time) *StockQuery {
	var ok bool
	q.StartTime, q.EndTime, ok = inclusive(from, to)
	q.empty = !ok
	return &q
}

// stockQueryParams are stock_query's filters; queryPage adds the paging.
type stockQueryParams struct {
	StartTime   duijie.Time `url:"start_time,omitempty"`
	EndTime     duijie.Time `url:"end_time,omitempty"`
	WarehouseNo string      `url:"warehouse_no,omitempty"`
	SpecNo      string      `url:"spec_no,omitempty"`
	GoodsNo     string      `url:"goods_no,omitempty"`
	Barcode     string      `url:"barcode,omitempty"`
}

// params checks q against its row and returns its filters and page size.
func (q *StockQuery) params() (url.Values, int, error) {
	o := opStock.row()
	if err := window(o.MaxWindow, q.StartTime, q.EndTime, q.SpecNo == ""); err != nil {
		return nil, 0, err
	}
	size, err := pageArgs(o, q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	p, err := encode(stockQueryParams{StartTime: duijie.NewTime(q.StartTime), EndTime: duijie.NewTime(q.EndTime),
		WarehouseNo: q.WarehouseNo, SpecNo: q.SpecNo, GoodsNo: q.GoodsNo, Barcode: q.Barcode})
	return p, size, err
}

// QueryStock calls stock_query.php / wdt.stock.query (增量查询库存) for one
// page (page_no from 0). The page's Total is total_count, which the vendor
// may send with page 0 only (-1 without it). A read, safe to replay.
func (c *Client) QueryStock(ctx context.Context, q *StockQuery) (*duijie.Page[Stock], error) {
	if q == nil {
		q = &StockQuery{}
	}
	if q.empty {
		size, err := pageArgs(opStock.row(), q.PageNo, q.PageSize)
		if err != nil {
			return nil, err
		}
		return emptyPage[Stock](q.PageNo, size), nil
	}
	params, size, err := q.params()
	if err != nil {
		return nil, err
	}
	return queryPage[Stock](ctx, c, opStock.row(), params, q.PageNo, size)
}

// Stocks walks every changed stock row of q, cutting the range into spans
// of at most the row's MaxWindow (30 days) that neither overlap nor leave a gap.
func (c *Client) Stocks(ctx context.Context, q *StockQuery) iter.Seq2[Stock, error] {
	qc := StockQuery{}
	if q != nil {
		qc = *q
	}
	if qc.empty {
		return none[Stock]()
	}
	key := func(s Stock) string { return string(s.WarehouseNo) + "/" + string(s.SpecNo) }
	return windowed(ctx, c, qc.StartTime, qc.EndTime, opStock.row(), key, func(from, to time.Time) (url.Values, int, error) {
		part := qc
		part.StartTime, part.EndTime = from, to
		return part.params()
	})
}
