package wangdiantong

import (
	"context"
	"iter"
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

func (q *TradeQuery) method() Method {
	if q.History {
		return MethodTradeQueryHistory
	}
	return MethodTradeQuery
}

func (q *TradeQuery) params() (map[string]any, int, error) {
	m := q.method()
	if err := window(m, q.StartTime, q.EndTime, q.SrcTid == "" && q.TradeNo == ""); err != nil {
		return nil, 0, err
	}
	size, err := pageArgs(m, q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	p := map[string]any{"start_time": timeParam(q.StartTime), "end_time": timeParam(q.EndTime), "shop_no": q.ShopNo,
		"warehouse_no": q.WarehouseNo, "src_tid": q.SrcTid, "trade_no": q.TradeNo, "page_no": q.PageNo, "page_size": size}
	if q.Status != 0 {
		p["status"] = q.Status
	}
	return p, size, nil
}

// QueryTrades calls trade_query.php / wdt.trade.query (查询订单管理) for one
// page. A read, safe to replay.
func (c *Client) QueryTrades(ctx context.Context, q *TradeQuery) (*Page[ERPTrade], error) {
	if q == nil {
		q = &TradeQuery{}
	}
	if q.empty {
		return &Page[ERPTrade]{}, nil
	}
	params, _, err := q.params()
	if err != nil {
		return nil, err
	}
	return queryPage[ERPTrade](ctx, c, q.method(), params, "trades")
}

// Trades walks every order of q, cutting the range into spans of at most
// 60 minutes that neither overlap nor leave a gap, and paging each.
func (c *Client) Trades(ctx context.Context, q *TradeQuery) iter.Seq2[ERPTrade, error] {
	qc := TradeQuery{}
	if q != nil {
		qc = *q
	}
	if qc.empty {
		return none[ERPTrade]()
	}
	key := func(t ERPTrade) string { return string(t.TradeNo) }
	return windowed(ctx, c, qc.StartTime, qc.EndTime, qc.method(), "trades", key, func(from, to time.Time) (map[string]any, int, error) {
		part := qc
		part.StartTime, part.EndTime = from, to
		return part.params()
	})
}

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

func (q *StockQuery) params() (map[string]any, int, error) {
	if err := window(MethodStockQuery, q.StartTime, q.EndTime, q.SpecNo == ""); err != nil {
		return nil, 0, err
	}
	size, err := pageArgs(MethodStockQuery, q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	return map[string]any{"start_time": timeParam(q.StartTime), "end_time": timeParam(q.EndTime),
		"warehouse_no": q.WarehouseNo, "spec_no": q.SpecNo, "goods_no": q.GoodsNo, "barcode": q.Barcode,
		"page_no": q.PageNo, "page_size": size}, size, nil
}

// QueryStock calls stock_query.php / wdt.stock.query (增量查询库存) for one
// page. A read, safe to replay.
func (c *Client) QueryStock(ctx context.Context, q *StockQuery) (*Page[Stock], error) {
	if q == nil {
		q = &StockQuery{}
	}
	if q.empty {
		return &Page[Stock]{}, nil
	}
	params, _, err := q.params()
	if err != nil {
		return nil, err
	}
	return queryPage[Stock](ctx, c, MethodStockQuery, params, "stocks")
}

// Stocks walks every changed stock row of q, cutting the range into spans
// of at most 30 days that neither overlap nor leave a gap.
func (c *Client) Stocks(ctx context.Context, q *StockQuery) iter.Seq2[Stock, error] {
	qc := StockQuery{}
	if q != nil {
		qc = *q
	}
	if qc.empty {
		return none[Stock]()
	}
	key := func(s Stock) string { return string(s.WarehouseNo) + "/" + string(s.SpecNo) }
	return windowed(ctx, c, qc.StartTime, qc.EndTime, MethodStockQuery, "stocks", key, func(from, to time.Time) (map[string]any, int, error) {
		part := qc
		part.StartTime, part.EndTime = from, to
		return part.params()
	})
}

// Shop is a shop of the ERP (shop.php's shoplist).
type Shop struct {
	// ShopID is the ERP's shop id.
	ShopID duijie.Text `json:"shop_id"`
	// ShopNo is the shop number used in every other call.
	ShopNo duijie.Text `json:"shop_no"`
	// ShopName is the shop's name.
	ShopName duijie.Text `json:"shop_name"`
	// PlatformID is the platform the shop sells on (0 or 127 for 自有/其它).
	PlatformID duijie.Text `json:"platform_id"`
	// IsDisabled is 1 when the shop is disabled.
	IsDisabled duijie.Text `json:"is_disabled"`
}

// ShopQuery selects shops; a nil query lists them all.
type ShopQuery struct {
	// ShopNo selects one shop.
	ShopNo string
	// PageNo from 0; PageSize 1..100 (0 means DefaultPageSize).
	PageNo, PageSize int
}

func (q *ShopQuery) params() (map[string]any, int, error) {
	size, err := pageArgs(MethodShopQuery, q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	return map[string]any{"shop_no": q.ShopNo, "page_no": q.PageNo, "page_size": size}, size, nil
}

// QueryShops calls shop.php / wdt.shop.query (查询店铺) for one page. A
// read, safe to replay.
func (c *Client) QueryShops(ctx context.Context, q *ShopQuery) (*Page[Shop], error) {
	if q == nil {
		q = &ShopQuery{}
	}
	params, _, err := q.params()
	if err != nil {
		return nil, err
	}
	return queryPage[Shop](ctx, c, MethodShopQuery, params, "shoplist")
}

// Shops walks every shop of q from page 0.
func (c *Client) Shops(ctx context.Context, q *ShopQuery) iter.Seq2[Shop, error] {
	qc := ShopQuery{}
	if q != nil {
		qc = *q
	}
	params, size, err := qc.params()
	if err != nil {
		return failed[Shop](err)
	}
	return pages(ctx, c, MethodShopQuery, params, "shoplist", size, func(s Shop) string { return string(s.ShopNo) })
}

// Warehouse is a warehouse of the ERP (warehouse_query.php's warehouses).
type Warehouse struct {
	// WarehouseNo is the warehouse number used in every other call.
	WarehouseNo duijie.Text `json:"warehouse_no"`
	// Name is the warehouse's name.
	Name duijie.Text `json:"name"`
	// Type is the warehouse type code.
	Type duijie.Text `json:"type"`
	// IsDisabled is 1 when the warehouse is disabled.
	IsDisabled duijie.Text `json:"is_disabled"`
}

// WarehouseQuery selects warehouses; a nil query lists them all.
type WarehouseQuery struct {
	// WarehouseNo selects one warehouse.
	WarehouseNo string
	// PageNo from 0; PageSize 1..100 (0 means DefaultPageSize).
	PageNo, PageSize int
}

func (q *WarehouseQuery) params() (map[string]any, int, error) {
	size, err := pageArgs(MethodWarehouseQuery, q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	return map[string]any{"warehouse_no": q.WarehouseNo, "page_no": q.PageNo, "page_size": size}, size, nil
}

// QueryWarehouses calls warehouse_query.php / wdt.warehouse.query (查询仓库)
// for one page. A read, safe to replay.
func (c *Client) QueryWarehouses(ctx context.Context, q *WarehouseQuery) (*Page[Warehouse], error) {
	if q == nil {
		q = &WarehouseQuery{}
	}
	params, _, err := q.params()
	if err != nil {
		return nil, err
	}
	return queryPage[Warehouse](ctx, c, MethodWarehouseQuery, params, "warehouses")
}

// Warehouses walks every warehouse of q from page 0.
func (c *Client) Warehouses(ctx context.Context, q *WarehouseQuery) iter.Seq2[Warehouse, error] {
	qc := WarehouseQuery{}
	if q != nil {
		qc = *q
	}
	params, size, err := qc.params()
	if err != nil {
		return failed[Warehouse](err)
	}
	return pages(ctx, c, MethodWarehouseQuery, params, "warehouses", size, func(w Warehouse) string { return string(w.WarehouseNo) })
}

// windowed walks the inclusive range [from, to], read to the second, in
// inclusive spans of at most the method's maximum (see spans), and pages
// each span. Without a range it pages the query once.
func windowed[T any](ctx context.Context, c *Client, from, to time.Time, m Method, listKey string, key func(T) string,
	params func(from, to time.Time) (map[string]any, int, error)) iter.Seq2[T, error] {
	if from.IsZero() && to.IsZero() {
		p, size, err := params(from, to)
		if err != nil {
			return failed[T](err)
		}
		return pages(ctx, c, m, p, listKey, size, key)
	}
	if err := window(Method{}, from, to, true); err != nil {
		return failed[T](err)
	}
	return func(yield func(T, error) bool) {
		for start, end := range spans(from, to, m.MaxWindow) {
			p, size, err := params(start, end)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for it, err := range pages(ctx, c, m, p, listKey, size, key) {
				if !yield(it, err) || err != nil {
					return
				}
			}
		}
	}
}

// spans cuts the inclusive range [from, to] into inclusive spans of at
// most max. Times are read to the second, as the vendor writes them
// (fractions are dropped); each span ends the second before the next
// begins, so a record stamped on a boundary second falls in exactly one
// span and none falls between two. A range of one second (from == to) is
// one span.
func spans(from, to time.Time, max time.Duration) iter.Seq2[time.Time, time.Time] {
	return func(yield func(time.Time, time.Time) bool) {
		from, to = from.Truncate(time.Second), to.Truncate(time.Second)
		step := max.Truncate(time.Second)
		if step <= 0 {
			yield(from, to)
			return
		}
		for start := from; !start.After(to); {
			end := start.Add(step - time.Second)
			if end.After(to) {
				end = to
			}
			if !yield(start, end) {
				return
			}
			start = end.Add(time.Second)
		}
	}
}

// inclusive converts the half-open window [from, to) to the vendor's
// inclusive whole-second range [start, end]: start is from rounded up to
// the second, end the last whole second before to. ok is false when the
// window holds no whole second.
func inclusive(from, to time.Time) (start, end time.Time, ok bool) {
	start = ceilSecond(from)
	end = ceilSecond(to).Add(-time.Second)
	return start, end, !end.Before(start)
}

func ceilSecond(t time.Time) time.Time {
	if f := t.Truncate(time.Second); !f.Equal(t) {
		return f.Add(time.Second)
	}
	return t.Truncate(0)
}

// none yields nothing: a window that holds no whole second selects nothing.
func none[T any]() iter.Seq2[T, error] { return func(func(T, error) bool) {} }
