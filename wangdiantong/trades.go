package wangdiantong

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/duijie/duijie"
)

// ERPTrade is an order as trade_query returns it (the commonly used fields).
type ERPTrade struct {
	// TradeID is the ERP's order id.
	TradeID duijie.Text `json:"trade_id"`
	// TradeNo is the ERP order number (订单编号).
	TradeNo duijie.Text `json:"trade_no"`
	// SrcTids lists the platform order numbers merged into it, comma separated.
	SrcTids duijie.Text `json:"src_tids"`
	// TradeStatus is the ERP status: 5 已取消, 10 待付款, … 55 已审核, 95 已发货, 110 已完成.
	TradeStatus duijie.Text `json:"trade_status"`
	// ShopNo is the shop.
	ShopNo duijie.Text `json:"shop_no"`
	// WarehouseNo is the shipping warehouse.
	WarehouseNo duijie.Text `json:"warehouse_no"`
	// LogisticsNo is the waybill number.
	LogisticsNo duijie.Text `json:"logistics_no"`
	// LogisticsName is the carrier.
	LogisticsName duijie.Text `json:"logistics_name"`
	// ReceiverName is the consignee.
	ReceiverName duijie.Text `json:"receiver_name"`
	// GoodsCount is the number of goods.
	GoodsCount duijie.Amount `json:"goods_count"`
	// GoodsAmount is the goods total.
	GoodsAmount duijie.Amount `json:"goods_amount"`
	// PostAmount is the postage.
	PostAmount duijie.Amount `json:"post_amount"`
	// Paid is the amount paid.
	Paid duijie.Amount `json:"paid"`
	// TradeTime is when the order was placed.
	TradeTime duijie.Time `json:"trade_time"`
	// ConsignTime is when it shipped (zero before).
	ConsignTime duijie.Time `json:"consign_time"`
	// Modified is the last change, which the query selects by.
	Modified duijie.Time `json:"modified"`
	// Goods are the order lines (goods_list).
	Goods []ERPTradeRow `json:"goods_list"`
}

// ERPTradeRow is one goods line of an ERPTrade.
type ERPTradeRow struct {
	// RecID is the line's id.
	RecID duijie.Text `json:"rec_id"`
	// SrcTid and SrcOid are the platform order and line numbers.
	SrcTid duijie.Text `json:"src_tid"`
	// SrcOid is the platform line number.
	SrcOid duijie.Text `json:"src_oid"`
	// GoodsNo is the goods code.
	GoodsNo duijie.Text `json:"goods_no"`
	// SpecNo is the SKU code.
	SpecNo duijie.Text `json:"spec_no"`
	// GoodsName is the goods name.
	GoodsName duijie.Text `json:"goods_name"`
	// SpecName is the SKU name.
	SpecName duijie.Text `json:"spec_name"`
	// Num is the quantity.
	Num duijie.Amount `json:"num"`
	// Price is the unit price.
	Price duijie.Amount `json:"price"`
	// Discount is the line discount.
	Discount duijie.Amount `json:"discount"`
	// ShareAmount is the line's share of the order amount.
	ShareAmount duijie.Amount `json:"share_amount"`
	// RefundStatus is the line's refund state.
	RefundStatus duijie.Text `json:"refund_status"`
}

// TradeQuery selects ERP orders by modification time.
type TradeQuery struct {
	// StartTime and EndTime bound the modification time, both inclusive
	// as the vendor reads them and to the second (fractions are dropped).
	// One page spans at most 60 minutes; the iterator cuts longer ranges
	// itself. Not needed with SrcTid or TradeNo. To read a half-open window
	// [from, to), such as a mapping.Window, set them with InWindow.
	StartTime, EndTime time.Time
	// Status, ShopNo, WarehouseNo, SrcTid and TradeNo narrow the query.
	Status                               int
	ShopNo, WarehouseNo, SrcTid, TradeNo string
	// PageNo from 0; PageSize 1..100 (0 means DefaultPageSize).
	PageNo, PageSize int
	// History queries archived orders (his_trade_query).
	History bool

	// empty marks a window that holds no whole second (see InWindow).
	empty bool
}

// InWindow returns a copy of q that selects the orders modified in the
// half-open window [from, to), the convention of mapping.Window, set as the
// vendor's inclusive whole-second range: StartTime is from rounded up to
// the second and EndTime the last whole second before to. Consecutive
// windows then read a record stamped on their shared boundary once, in the
// later window. A window holding no whole second selects nothing, and
// nothing is sent for it.
func (q TradeQuery) InWindow(from, to time.Time) *TradeQuery {
	var ok bool
	q.StartTime, q.EndTime, ok = inclusive(from, to)
	q.empty = !ok
	return &q
}

// op is the table's row for q: trade_query or, for History, his_trade_query.
func (q *TradeQuery) op() operation {
	if q.History {
		return opTradesArchive.row()
	}
	return opTrades.row()
}

// tradeQueryParams are trade_query's filters; queryPage adds the paging.
type tradeQueryParams struct {
	StartTime   duijie.Time `url:"start_time,omitempty"`
	EndTime     duijie.Time `url:"end_time,omitempty"`
	Status      int         `url:"status,omitempty"`
	ShopNo      string      `url:"shop_no,omitempty"`
	WarehouseNo string      `url:"warehouse_no,omitempty"`
	SrcTid      string      `url:"src_tid,omitempty"`
	TradeNo     string      `url:"trade_no,omitempty"`
}

// params checks q against its row and returns its filters and page size.
func (q *TradeQuery) params() (url.Values, int, error) {
	o := q.op()
	if err := window(o.MaxWindow, q.StartTime, q.EndTime, q.SrcTid == "" && q.TradeNo == ""); err != nil {
		return nil, 0, err
	}
	size, err := pageArgs(o, q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	p, err := encode(tradeQueryParams{StartTime: duijie.NewTime(q.StartTime), EndTime: duijie.NewTime(q.EndTime), Status: q.Status,
		ShopNo: q.ShopNo, WarehouseNo: q.WarehouseNo, SrcTid: q.SrcTid, TradeNo: q.TradeNo})
	return p, size, err
}

// QueryTrades calls trade_query.php / wdt.trade.query (查询订单管理) for one
// page (page_no from 0). The page's Total is total_count, which the vendor
// may send with page 0 only (-1 without it). A read, safe to replay.
func (c *Client) QueryTrades(ctx context.Context, q *TradeQuery) (*duijie.Page[ERPTrade], error) {
	if q == nil {
		q = &TradeQuery{}
	}
	if q.empty {
		size, err := pageArgs(q.op(), q.PageNo, q.PageSize)
		if err != nil {
			return nil, err
		}
		return emptyPage[ERPTrade](q.PageNo, size), nil
	}
	params, size, err := q.params()
	if err != nil {
		return nil, err
	}
	return queryPage[ERPTrade](ctx, c, q.op(), params, q.PageNo, size)
}

// Trades walks every order of q, cutting the range into spans of at most
// the row's MaxWindow (60 minutes) that neither overlap nor leave a gap,
// and paging each.
func (c *Client) Trades(ctx context.Context, q *TradeQuery) iter.Seq2[ERPTrade, error] {
	qc := TradeQuery{}
	if q != nil {
		qc = *q
	}
	if qc.empty {
		return none[ERPTrade]()
	}
	key := func(t ERPTrade) string { return string(t.TradeNo) }
	return windowed(ctx, c, qc.StartTime, qc.EndTime, qc.op(), key, func(from, to time.Time) (url.Values, int, error) {
		part := qc
		part.StartTime, part.EndTime = from, to
		return part.params()
	})
}
