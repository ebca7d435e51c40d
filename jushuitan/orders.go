package jushuitan

import (
	"context"
	"iter"
	"strconv"
	"time"

	"github.com/duijie/duijie/internal/apierr"
	"github.com/duijie/duijie/internal/paging"
)

// opOrders is 订单查询 (自有商城、跨境线下).
var opOrders = Operation{Path: "/open/orders/single/query", Method: "orders.single.query", SafeToReplay: true}

// DateType says which time the modified range of an order or shipment
// query bounds.
type DateType int

// Date types.
const (
	// DateModified is 修改时间 (the order query's default).
	DateModified DateType = 0
	// DateCreated is 制单日期 (shipment query only).
	DateCreated DateType = 1
	// DateOrder is 订单日期.
	DateOrder DateType = 2
	// DateSend is 发货时间 (the shipment query's default).
	DateSend DateType = 3
)

// OrderQuery filters /open/orders/single/query. At least one of SoIDs,
// OIDs, the modified range or StartTS is required.
type OrderQuery struct {
	// ShopID limits to one shop; 0 with IsOfflineShop asks for offline shops.
	ShopID        int64
	IsOfflineShop bool
	// SoIDs are online order numbers, at most 20.
	SoIDs []string
	// OIDs are internal order numbers.
	OIDs []int64
	// ModifiedBegin and ModifiedEnd: both or neither, at most 7 days apart
	// for QueryOrders (Orders cuts longer ranges).
	ModifiedBegin, ModifiedEnd time.Time
	// DateType says which time the range bounds (default modified).
	DateType DateType
	// Status is the ERP status: WaitPay, Delivering, Merged, Question,
	// Split, WaitOuterSent, WaitConfirm, WaitFConfirm, Sent, Cancelled.
	Status string
	// StartTS asks for orders whose ts is at least StartTS (the 防漏单
	// cursor); is_get_total is then sent false. 0 leaves it out.
	StartTS int64
	// PageIndex is the page, from 1 (0 means 1).
	PageIndex int
	// PageSize is orders per page, at most 100 (50 on the legacy API).
	PageSize int
}

// Order is one ERP order.
type Order struct {
	OID        Int64  `json:"o_id"`
	SoID       string `json:"so_id"`
	ShopID     Int64  `json:"shop_id"`
	ShopName   string `json:"shop_name"`
	CoID       Int64  `json:"co_id"`
	Status     string `json:"status"`
	ShopStatus string `json:"shop_status"`
	Type       string `json:"type"`
	OrderFrom  string `json:"order_from"`
	OrderDate  Time   `json:"order_date"`
	PayDate    Time   `json:"pay_date"`
	SendDate   Time   `json:"send_date"`
	Created    Time   `json:"created"`
	Modified   Time   `json:"modified"`
	// TS is the row version (the StartTS cursor).
	TS                 Int64       `json:"ts"`
	PayAmount          Amount      `json:"pay_amount"`
	PaidAmount         Amount      `json:"paid_amount"`
	Freight            Amount      `json:"freight"`
	FreeAmount         Amount      `json:"free_amount"`
	PlatformFreeAmount Amount      `json:"platform_free_amount"`
	PayFreeAmount      Amount      `json:"pay_free_amount"`
	ReferrerFreeAmount Amount      `json:"referrer_free_amount"`
	ShopFreeAmount     Amount      `json:"shop_free_amount"`
	BuyerPaidAmount    Amount      `json:"buyer_paid_amount"`
	SellerIncomeAmount Amount      `json:"seller_income_amount"`
	LID                string      `json:"l_id"`
	LcID               string      `json:"lc_id"`
	LogisticsCompany   string      `json:"logistics_company"`
	WmsCoID            Int64       `json:"wms_co_id"`
	ReceiverState      string      `json:"receiver_state"`
	ReceiverCity       string      `json:"receiver_city"`
	ReceiverDistrict   string      `json:"receiver_district"`
	ReceiverTown       string      `json:"receiver_town"`
	ReceiverAddress    string      `json:"receiver_address"`
	ReceiverName       string      `json:"receiver_name"`
	ReceiverPhone      string      `json:"receiver_phone"`
	ReceiverMobile     string      `json:"receiver_mobile"`
	ReceiverZip        string      `json:"receiver_zip"`
	ShopBuyerID        string      `json:"shop_buyer_id"`
	BuyerMessage       string      `json:"buyer_message"`
	Remark             string      `json:"remark"`
	Node               string      `json:"node"`
	Labels             string      `json:"labels"`
	QuestionType       string      `json:"question_type"`
	QuestionDesc       string      `json:"question_desc"`
	IsCOD              bool        `json:"is_cod"`
	SellerFlag         Int64       `json:"seller_flag"`
	Currency           string      `json:"currency"`
	Weight             Amount      `json:"weight"`
	OuterPayID         string      `json:"outer_pay_id"`
	Items              []OrderItem `json:"items"`
	Pays               []OrderPay  `json:"pays"`
}

// OrderItem is one line of an ERP order.
type OrderItem struct {
	OiID            Int64  `json:"oi_id"`
	SKUID           string `json:"sku_id"`
	IID             string `json:"i_id"`
	ShopSKUID       string `json:"shop_sku_id"`
	ShopIID         string `json:"shop_i_id"`
	Name            string `json:"name"`
	PropertiesValue string `json:"properties_value"`
	Qty             Amount `json:"qty"`
	Price           Amount `json:"price"`
	BasePrice       Amount `json:"base_price"`
	Amount          Amount `json:"amount"`
	OuterOiID       string `json:"outer_oi_id"`
	RawSoID         string `json:"raw_so_id"`
	RefundStatus    string `json:"refund_status"`
	RefundID        string `json:"refund_id"`
	ItemStatus      string `json:"item_status"`
	IsGift          bool   `json:"is_gift"`
	IsPresale       bool   `json:"is_presale"`
	BatchID         string `json:"batch_id"`
	Remark          string `json:"remark"`
}

// OrderPay is one payment of an ERP order.
type OrderPay struct {
	PayID        string `json:"pay_id"`
	OuterPayID   string `json:"outer_pay_id"`
	PayDate      Time   `json:"pay_date"`
	Payment      string `json:"payment"`
	BuyerAccount string `json:"buyer_account"`
	Amount       Amount `json:"amount"`
	Status       string `json:"status"`
	IsOrderPay   bool   `json:"is_order_pay"`
}

// OrdersResponse is one page of orders.
type OrdersResponse struct {
	Orders    []Order `json:"orders"`
	PageIndex int     `json:"page_index"`
	PageSize  int     `json:"page_size"`
	DataCount int     `json:"data_count"`
	PageCount int     `json:"page_count"`
	HasNext   bool    `json:"has_next"`
}

type orderWire struct {
	ShopID        int64    `json:"shop_id,omitempty"`
	IsOfflineShop bool     `json:"is_offline_shop,omitempty"`
	SoIDs         []string `json:"so_ids,omitempty"`
	OIDs          []int64  `json:"o_ids,omitempty"`
	ModifiedBegin string   `json:"modified_begin,omitempty"`
	ModifiedEnd   string   `json:"modified_end,omitempty"`
	DateType      int      `json:"date_type,omitempty"`
	Status        string   `json:"status,omitempty"`
	PageIndex     int      `json:"page_index,omitempty"`
	PageSize      int      `json:"page_size,omitempty"`
	StartTS       *int64   `json:"start_ts,omitempty"`
	IsGetTotal    *bool    `json:"is_get_total,omitempty"`
}

func (c *Client) orderPageMax() int {
	if c.legacy {
		return MaxLegacyOrderPageSize
	}
	return MaxOrderPageSize
}

func (c *Client) orderWire(q *OrderQuery, tsMode bool) (*orderWire, error) {
	if err := checkPage(q.PageIndex, q.PageSize, c.orderPageMax()); err != nil {
		return nil, err
	}
	if err := checkWindow(q.ModifiedBegin, q.ModifiedEnd); err != nil {
		return nil, err
	}
	if err := checkList("so_ids", q.SoIDs, MaxSoIDs); err != nil {
		return nil, err
	}
	switch {
	case q.StartTS < 0:
		return nil, apierr.Invalid(vendor, "start_ts", apierr.RuleNegative, "")
	case q.DateType != DateModified && q.DateType != DateOrder && q.DateType != DateSend:
		return nil, apierr.Invalid(vendor, "date_type", apierr.RuleRange, "0 (modified), 2 (order date) or 3 (send date)")
	case !tsMode && q.StartTS == 0 && q.ModifiedBegin.IsZero() && len(q.SoIDs) == 0 && len(q.OIDs) == 0:
		return nil, apierr.Invalid(vendor, "modified_begin", apierr.RuleRequired, "give a modified range, so_ids, o_ids or start_ts")
	}
	w := &orderWire{ShopID: q.ShopID, IsOfflineShop: q.IsOfflineShop, SoIDs: q.SoIDs, OIDs: q.OIDs, DateType: int(q.DateType),
		Status: q.Status, PageIndex: q.PageIndex, PageSize: q.PageSize}
	if !q.ModifiedBegin.IsZero() {
		w.ModifiedBegin, w.ModifiedEnd = formatTime(q.ModifiedBegin), formatTime(q.ModifiedEnd)
	}
	if tsMode || q.StartTS > 0 {
		ts, no := q.StartTS, false
		w.StartTS, w.IsGetTotal = &ts, &no
	}
	return w, nil
}

// QueryOrders calls /open/orders/single/query (legacy orders.single.query,
// 订单查询) for one page. Safe to replay: it is a read.
func (c *Client) QueryOrders(ctx context.Context, q *OrderQuery) (*OrdersResponse, error) {
	return c.queryOrders(ctx, q, false)
}

func (c *Client) queryOrders(ctx context.Context, q *OrderQuery, tsMode bool) (*OrdersResponse, error) {
	if q == nil {
		q = &OrderQuery{}
	}
	w, err := c.orderWire(q, tsMode)
	if err != nil {
		return nil, err
	}
	out := &OrdersResponse{}
	if err := c.invoke(ctx, opOrders, w, out); err != nil {
		return nil, err
	}
	return out, nil
}

func orderKey(o Order) string { return strconv.FormatInt(int64(o.OID), 10) + "\x00" + o.SoID }

// Orders walks every page of QueryOrders, and every 7-day window when the
// modified range is longer. The request is copied; PageSize 0 means the
// maximum. Paging by time can miss orders that change during the scan; for
// a sync prefer OrdersByTS.
func (c *Client) Orders(ctx context.Context, q *OrderQuery) iter.Seq2[Order, error] {
	base := OrderQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.orderPageMax()
	}
	one := func(q OrderQuery) iter.Seq2[Order, error] {
		return walk(ctx, orderKey, func(ctx context.Context, page int) ([]Order, bool, error) {
			q.PageIndex = page
			r, err := c.QueryOrders(ctx, &q)
			if err != nil {
				return nil, false, err
			}
			return r.Orders, r.HasNext, nil
		})
	}
	if base.ModifiedBegin.IsZero() || base.ModifiedEnd.Sub(base.ModifiedBegin) <= MaxWindow {
		return one(base)
	}
	stamp := func(o Order) time.Time {
		switch base.DateType {
		case DateOrder:
			return o.OrderDate.Time
		case DateSend:
			return o.SendDate.Time
		}
		return o.Modified.Time
	}
	return windowed(base.ModifiedBegin, base.ModifiedEnd, orderKey, stamp, func(w paging.Window) iter.Seq2[Order, error] {
		q := base
		q.ModifiedBegin, q.ModifiedEnd = w.From, w.To
		return one(q)
	})
}

// OrdersByTS walks order changes by the start_ts cursor (防漏单), sending
// is_get_total=false as the vendor advises: it asks for ts >= q.StartTS,
// moves the cursor to the largest ts served and drops the orders already
// yielded at the boundary. An order that changes during the scan is served
// again in its new version, never skipped. Store the TS of the last order
// handled as the checkpoint; a later run starting from it serves that order
// once more. A modified range may not be combined with the cursor.
func (c *Client) OrdersByTS(ctx context.Context, q *OrderQuery) iter.Seq2[Order, error] {
	base := OrderQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.orderPageMax()
	}
	if !base.ModifiedBegin.IsZero() || !base.ModifiedEnd.IsZero() {
		return func(yield func(Order, error) bool) {
			yield(Order{}, apierr.Invalid(vendor, "modified_begin", apierr.RuleConflict, "the start_ts cursor replaces the modified range"))
		}
	}
	return byCursor(ctx, base.StartTS, orderKey, func(o Order) int64 { return int64(o.TS) },
		func(ctx context.Context, cursor int64) ([]Order, bool, error) {
			q := base
			q.StartTS, q.PageIndex = cursor, 1
			r, err := c.queryOrders(ctx, &q, true)
			if err != nil {
				return nil, false, err
			}
			return r.Orders, r.HasNext, nil
		})
}
