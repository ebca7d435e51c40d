package jushuitan

import (
	"context"
	"iter"
	"strconv"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/paging"
)

// DateType says which time the modified range of an order or shipment
// query bounds. It travels with the range whatever its value: the zero
// value, DateModified, is sent as 0 and never left to the vendor's default
// (which differs between the order and the shipment query).
type DateType int

// Date types.
const (
	// DateModified is 修改时间 (the order query's default when date_type is absent).
	DateModified DateType = 0
	// DateCreated is 制单日期 (shipment query only).
	DateCreated DateType = 1
	// DateOrder is 订单日期.
	DateOrder DateType = 2
	// DateSend is 发货时间 (the shipment query's default when date_type is absent).
	DateSend DateType = 3
)

// OrderQuery filters /open/orders/single/query. At least one of SoIDs,
// OIDs, the modified range or StartTS is required.
type OrderQuery struct {
	// ShopID limits to one shop; 0 with IsOfflineShop asks for offline shops.
	ShopID int64
	// IsOfflineShop with ShopID 0 asks for offline shops' orders (线下店铺).
	IsOfflineShop bool
	// SoIDs are online order numbers, at most 20.
	SoIDs []string
	// OIDs are internal order numbers.
	OIDs []int64
	// ModifiedBegin and ModifiedEnd: both or neither, at most 7 days apart
	// for QueryOrders (Orders cuts longer ranges).
	ModifiedBegin, ModifiedEnd time.Time
	// DateType says which time the modified range bounds; it is sent with
	// the range, DateModified (0) included.
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
	// OID is the ERP's internal order number (内部单号).
	OID duijie.Int64 `json:"o_id"`
	// SoID is the shop's order number (线上单号).
	SoID string `json:"so_id"`
	// ShopID is the shop.
	ShopID duijie.Int64 `json:"shop_id"`
	// ShopName is the shop's name.
	ShopName string `json:"shop_name"`
	// CoID is the company.
	CoID duijie.Int64 `json:"co_id"`
	// Status is the ERP status: WaitPay, Delivering, Merged, Question, Split, WaitOuterSent, WaitConfirm, WaitFConfirm, Sent or Cancelled.
	Status string `json:"status"`
	// ShopStatus is the status in the shop, e.g. WAIT_SELLER_SEND_GOODS.
	ShopStatus string `json:"shop_status"`
	// Type is the order type, e.g. 普通订单.
	Type string `json:"type"`
	// OrderFrom is where the order came from.
	OrderFrom string `json:"order_from"`
	// OrderDate is when the order was placed.
	OrderDate duijie.Time `json:"order_date"`
	// PayDate is when it was paid.
	PayDate duijie.Time `json:"pay_date"`
	// SendDate is when it was shipped.
	SendDate duijie.Time `json:"send_date"`
	// Created is when the ERP created it.
	Created duijie.Time `json:"created"`
	// Modified is its last change.
	Modified duijie.Time `json:"modified"`
	// TS is the row version (the StartTS cursor).
	TS duijie.Int64 `json:"ts"`
	// PayAmount is 应付金额.
	PayAmount duijie.Amount `json:"pay_amount"`
	// PaidAmount is 已付金额.
	PaidAmount duijie.Amount `json:"paid_amount"`
	// Freight is the shipping fee.
	Freight duijie.Amount `json:"freight"`
	// FreeAmount is the discount (优惠金额).
	FreeAmount duijie.Amount `json:"free_amount"`
	// PlatformFreeAmount is the platform's discount; "" on the wire reads as zero.
	PlatformFreeAmount duijie.Amount `json:"platform_free_amount"`
	// PayFreeAmount is the payment discount; "" reads as zero.
	PayFreeAmount duijie.Amount `json:"pay_free_amount"`
	// ReferrerFreeAmount is the referrer's discount; "" reads as zero.
	ReferrerFreeAmount duijie.Amount `json:"referrer_free_amount"`
	// ShopFreeAmount is the shop's discount; "" reads as zero.
	ShopFreeAmount duijie.Amount `json:"shop_free_amount"`
	// BuyerPaidAmount is what the buyer paid.
	BuyerPaidAmount duijie.Amount `json:"buyer_paid_amount"`
	// SellerIncomeAmount is what the seller receives.
	SellerIncomeAmount duijie.Amount `json:"seller_income_amount"`
	// LID is the waybill number (快递单号).
	LID string `json:"l_id"`
	// LcID is the carrier code.
	LcID string `json:"lc_id"`
	// LogisticsCompany is the carrier's name.
	LogisticsCompany string `json:"logistics_company"`
	// WmsCoID is the shipping warehouse (分仓编号).
	WmsCoID duijie.Int64 `json:"wms_co_id"`
	// ReceiverState is the province.
	ReceiverState string `json:"receiver_state"`
	// ReceiverCity is the city.
	ReceiverCity string `json:"receiver_city"`
	// ReceiverDistrict is the district.
	ReceiverDistrict string `json:"receiver_district"`
	// ReceiverTown is the town.
	ReceiverTown string `json:"receiver_town"`
	// ReceiverAddress is the street address.
	ReceiverAddress string `json:"receiver_address"`
	// ReceiverName is the consignee.
	ReceiverName string `json:"receiver_name"`
	// ReceiverPhone is a landline.
	ReceiverPhone string `json:"receiver_phone"`
	// ReceiverMobile is a mobile number.
	ReceiverMobile string `json:"receiver_mobile"`
	// ReceiverZip is the postcode.
	ReceiverZip string `json:"receiver_zip"`
	// ShopBuyerID is the buyer's account in the shop.
	ShopBuyerID string `json:"shop_buyer_id"`
	// BuyerMessage is the buyer's note.
	BuyerMessage string `json:"buyer_message"`
	// Remark is the seller's remark.
	Remark string `json:"remark"`
	// Node is 线下备注.
	Node string `json:"node"`
	// Labels are comma-joined tags.
	Labels string `json:"labels"`
	// QuestionType is the exception type (异常类型).
	QuestionType string `json:"question_type"`
	// QuestionDesc describes the exception.
	QuestionDesc string `json:"question_desc"`
	// IsCOD marks cash on delivery.
	IsCOD bool `json:"is_cod"`
	// SellerFlag is the seller's flag colour, 1 to 5.
	SellerFlag duijie.Int64 `json:"seller_flag"`
	// Currency is the currency code.
	Currency string `json:"currency"`
	// Weight is the estimated weight.
	Weight duijie.Amount `json:"weight"`
	// OuterPayID is the payment number.
	OuterPayID string `json:"outer_pay_id"`
	// Items are the order lines.
	Items []OrderItem `json:"items"`
	// Pays are the payments.
	Pays []OrderPay `json:"pays"`
}

// OrderItem is one line of an ERP order.
type OrderItem struct {
	// OiID is the ERP's line number.
	OiID duijie.Int64 `json:"oi_id"`
	// SKUID is 商品编码.
	SKUID string `json:"sku_id"`
	// IID is 款式编码.
	IID string `json:"i_id"`
	// ShopSKUID is the shop's SKU id.
	ShopSKUID string `json:"shop_sku_id"`
	// ShopIID is the shop's item id.
	ShopIID string `json:"shop_i_id"`
	// Name is the product name.
	Name string `json:"name"`
	// PropertiesValue is the SKU's attributes text.
	PropertiesValue string `json:"properties_value"`
	// Qty is the quantity.
	Qty duijie.Amount `json:"qty"`
	// Price is the unit price.
	Price duijie.Amount `json:"price"`
	// BasePrice is the original unit price.
	BasePrice duijie.Amount `json:"base_price"`
	// Amount is the line total.
	Amount duijie.Amount `json:"amount"`
	// OuterOiID is the shop's line id.
	OuterOiID string `json:"outer_oi_id"`
	// RawSoID is the line's original shop order number.
	RawSoID string `json:"raw_so_id"`
	// RefundStatus is waiting, success or closed when a refund exists.
	RefundStatus string `json:"refund_status"`
	// RefundID is the refund's number.
	RefundID string `json:"refund_id"`
	// ItemStatus is the line's status.
	ItemStatus string `json:"item_status"`
	// IsGift marks a gift line.
	IsGift bool `json:"is_gift"`
	// IsPresale marks a presale line.
	IsPresale bool `json:"is_presale"`
	// BatchID is the stock batch.
	BatchID string `json:"batch_id"`
	// Remark is the line's remark.
	Remark string `json:"remark"`
}

// OrderPay is one payment of an ERP order.
type OrderPay struct {
	// PayID is the ERP's payment number.
	PayID string `json:"pay_id"`
	// OuterPayID is the shop's payment number.
	OuterPayID string `json:"outer_pay_id"`
	// PayDate is when it was paid.
	PayDate duijie.Time `json:"pay_date"`
	// Payment names the method, e.g. 支付宝.
	Payment string `json:"payment"`
	// BuyerAccount is the paying account.
	BuyerAccount string `json:"buyer_account"`
	// Amount is the sum paid.
	Amount duijie.Amount `json:"amount"`
	// Status is the payment's state.
	Status string `json:"status"`
	// IsOrderPay marks the order's own payment.
	IsOrderPay bool `json:"is_order_pay"`
}

type orderWire struct {
	ShopID        int64    `json:"shop_id,omitempty"`
	IsOfflineShop bool     `json:"is_offline_shop,omitempty"`
	SoIDs         []string `json:"so_ids,omitempty"`
	OIDs          []int64  `json:"o_ids,omitempty"`
	ModifiedBegin string   `json:"modified_begin,omitempty"`
	ModifiedEnd   string   `json:"modified_end,omitempty"`
	DateType      *int     `json:"date_type,omitempty"`
	Status        string   `json:"status,omitempty"`
	PageIndex     int      `json:"page_index,omitempty"`
	PageSize      int      `json:"page_size,omitempty"`
	StartTS       *int64   `json:"start_ts,omitempty"`
	IsGetTotal    *bool    `json:"is_get_total,omitempty"`
}

func (c *Client) orderWire(op operation, q *OrderQuery, tsMode bool) (*orderWire, error) {
	if err := checkPage(q.PageIndex, q.PageSize, c.pageMax(op)); err != nil {
		return nil, err
	}
	if err := checkWindow(op, q.ModifiedBegin, q.ModifiedEnd); err != nil {
		return nil, err
	}
	if err := checkList("so_ids", q.SoIDs, MaxSoIDs); err != nil {
		return nil, err
	}
	switch {
	case q.StartTS < 0:
		return nil, duijie.Invalid(vendor, "start_ts", duijie.RuleNegative, "")
	case q.DateType != DateModified && q.DateType != DateOrder && q.DateType != DateSend:
		return nil, duijie.Invalid(vendor, "date_type", duijie.RuleRange, "0 (modified), 2 (order date) or 3 (send date)")
	case !tsMode && q.StartTS == 0 && q.ModifiedBegin.IsZero() && len(q.SoIDs) == 0 && len(q.OIDs) == 0:
		return nil, duijie.Invalid(vendor, "modified_begin", duijie.RuleRequired, "give a modified range, so_ids, o_ids or start_ts")
	}
	w := &orderWire{ShopID: q.ShopID, IsOfflineShop: q.IsOfflineShop, SoIDs: q.SoIDs, OIDs: q.OIDs,
		Status: q.Status, PageIndex: q.PageIndex, PageSize: q.PageSize}
	if !q.ModifiedBegin.IsZero() {
		// date_type says which time the range bounds, so it goes with the
		// range, DateModified (0) included.
		dt := int(q.DateType)
		w.ModifiedBegin, w.ModifiedEnd, w.DateType = formatTime(q.ModifiedBegin), formatTime(q.ModifiedEnd), &dt
	}
	if tsMode || q.StartTS > 0 {
		ts, no := q.StartTS, false
		w.StartTS, w.IsGetTotal = &ts, &no
	}
	return w, nil
}

// QueryOrders calls /open/orders/single/query (legacy orders.single.query,
// 订单查询) for one page. The page's Items are the answer's orders (an
// answer without them is an error matching ErrMissingList, not an empty
// page), Number and Size its page_index (from 1) and page_size, HasMore its
// has_next, and Total its data_count, -1 when absent (is_get_total=false,
// as sent with StartTS). Safe to replay: it is a read.
func (c *Client) QueryOrders(ctx context.Context, q *OrderQuery) (*duijie.Page[Order], error) {
	return c.queryOrders(ctx, q, false)
}

func (c *Client) queryOrders(ctx context.Context, q *OrderQuery, tsMode bool) (*duijie.Page[Order], error) {
	if q == nil {
		q = &OrderQuery{}
	}
	op := table[opQueryOrders]
	w, err := c.orderWire(op, q, tsMode)
	if err != nil {
		return nil, err
	}
	return queryList[Order](ctx, c, op, w, q.PageIndex, q.PageSize)
}

func orderKey(o Order) string { return strconv.FormatInt(int64(o.OID), 10) + "\x00" + o.SoID }

// Orders walks every page of QueryOrders, and every 7-day window when the
// modified range is longer. The request is copied; PageSize 0 means the
// maximum. Paging by time can miss orders that change during the scan; for
// a sync prefer OrdersByTS.
func (c *Client) Orders(ctx context.Context, q *OrderQuery) iter.Seq2[Order, error] {
	op := table[opQueryOrders]
	base := OrderQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(op)
	}
	one := func(q OrderQuery) iter.Seq2[Order, error] {
		return walk(ctx, orderKey, func(ctx context.Context, page int) ([]Order, bool, error) {
			q.PageIndex = page
			p, err := c.QueryOrders(ctx, &q)
			if err != nil {
				return nil, false, err
			}
			return p.Items, p.HasMore, nil
		})
	}
	if !needsWindows(op, base.ModifiedBegin, base.ModifiedEnd) {
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
	return windowed(op, base.ModifiedBegin, base.ModifiedEnd, orderKey, stamp, func(w paging.Window) iter.Seq2[Order, error] {
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
		base.PageSize = c.pageMax(table[opQueryOrders])
	}
	if !base.ModifiedBegin.IsZero() || !base.ModifiedEnd.IsZero() {
		return func(yield func(Order, error) bool) {
			yield(Order{}, duijie.Invalid(vendor, "modified_begin", duijie.RuleConflict, "the start_ts cursor replaces the modified range"))
		}
	}
	return byCursor(ctx, base.StartTS, orderKey, func(o Order) int64 { return int64(o.TS) },
		func(ctx context.Context, cursor int64) ([]Order, bool, error) {
			q := base
			q.StartTS, q.PageIndex = cursor, 1
			p, err := c.queryOrders(ctx, &q, true)
			if err != nil {
				return nil, false, err
			}
			return p.Items, p.HasMore, nil
		})
}
