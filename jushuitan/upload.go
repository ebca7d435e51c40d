package jushuitan

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/jsonx"
	"github.com/duijie/duijie/internal/limit"
)

// MaxUploadOrders is the most orders one upload call carries, the MaxBatch
// of the UploadOrders rows of Operations.
const MaxUploadOrders = 50

// ShopStatus is the order's status in the shop (shop_status).
type ShopStatus string

// Shop statuses an upload may carry.
const (
	// StatusWaitBuyerPay is 等待买家付款; Pay may be left out.
	StatusWaitBuyerPay ShopStatus = "WAIT_BUYER_PAY"
	// StatusWaitSellerSendGoods is 已付款待发货. The ERP shows it as 已付款待审核
	// only when Pay.Amount equals PayAmount.
	StatusWaitSellerSendGoods ShopStatus = "WAIT_SELLER_SEND_GOODS"
	// StatusWaitBuyerConfirmGoods is 已发货待确认收货.
	StatusWaitBuyerConfirmGoods ShopStatus = "WAIT_BUYER_CONFIRM_GOODS"
	// StatusTradeFinished is 交易成功.
	StatusTradeFinished ShopStatus = "TRADE_FINISHED"
	// StatusTradeClosed is 付款后交易关闭.
	StatusTradeClosed ShopStatus = "TRADE_CLOSED"
	// StatusTradeClosedByTaobao is 付款前交易关闭.
	StatusTradeClosedByTaobao ShopStatus = "TRADE_CLOSED_BY_TAOBAO"
)

func (s ShopStatus) valid() bool {
	switch s {
	case StatusWaitBuyerPay, StatusWaitSellerSendGoods, StatusWaitBuyerConfirmGoods, StatusTradeFinished, StatusTradeClosed, StatusTradeClosedByTaobao:
		return true
	}
	return false
}

// UploadOrder is one order for /open/jushuitan/orders/upload. The pair
// (ShopID, SoID) identifies it: uploading it again updates the order, it
// never makes a second one. Empty optional fields are left out of the JSON;
// in particular leave ReceiverState/City/District empty when
// ReceiverAddress is the full address (the vendor wants the keys absent).
// Lengths ("at most 50") count UTF-16 code units, as the vendor's nvarchar
// columns do: a character outside the Basic Multilingual Plane (most
// emoji) counts 2.
type UploadOrder struct {
	// ShopID is the shop (店铺编号) from QueryShops; required.
	ShopID int64
	// SoID is the shop's order number (线上单号), at most 50; required.
	SoID string
	// OrderDate is when the order was placed; required.
	OrderDate duijie.Time
	// ShopStatus is required.
	ShopStatus ShopStatus
	// ShopBuyerID is the buyer's account in the shop, at most 50; required.
	ShopBuyerID string
	// ReceiverState, ReceiverCity, ReceiverDistrict and ReceiverTown are
	// the province, city, district and town, at most 50 each. Leave them
	// empty when ReceiverAddress holds the full address: empty parts are
	// left out of the JSON, as the vendor wants.
	ReceiverState, ReceiverCity, ReceiverDistrict, ReceiverTown string
	// ReceiverAddress is the street address, or the full address when the
	// parts above are empty; required, at most 200.
	ReceiverAddress string
	// ReceiverName is the consignee, at most 50.
	ReceiverName string
	// ReceiverPhone is a landline and ReceiverMobile a mobile number, at
	// most 50 each.
	ReceiverPhone, ReceiverMobile string
	// ReceiverEmail is an e-mail address.
	ReceiverEmail string
	// ReceiverZip is the postcode.
	ReceiverZip string
	// ReceiverCountry is a two-letter country code, at most 5.
	ReceiverCountry string
	// PayAmount is 应付金额, at most 2 decimal places; required.
	PayAmount duijie.Amount
	// Freight is the shipping fee, at most 2 decimal places.
	Freight duijie.Amount
	// BuyerMessage is at most 400, Remark at most 1000.
	BuyerMessage, Remark string
	// ShopModified is the last change in the shop.
	ShopModified duijie.Time
	// IsCOD marks cash on delivery. It is always sent, false included, so
	// that uploading an order again also clears the flag.
	IsCOD bool
	// LID is the waybill number (快递单号); LcID and LogisticsCompany name the carrier.
	LID, LcID, LogisticsCompany string
	// QuestionDesc flags the order as a question order with this text.
	QuestionDesc string
	// SellerFlag is the seller's flag colour, 1 to 5 (0 leaves it out).
	SellerFlag int
	// Labels are comma-joined, at most 200 characters in all.
	Labels string
	// Currency is required for cross-border offline orders.
	Currency string
	// Node is 线下备注.
	Node string
	// SendDate and PlanDeliveryDate are optional.
	SendDate, PlanDeliveryDate duijie.Time
	// WmsCoID picks the warehouse (分仓编号).
	WmsCoID int64
	// OuterSoID is an external order number.
	OuterSoID string
	// CreatorName is who made the order.
	CreatorName string
	// Invoice fields.
	InvoiceType, InvoiceTitle, BuyerTaxNo string
	// BuyerPaidAmount and SellerIncomeAmount are optional.
	BuyerPaidAmount, SellerIncomeAmount duijie.Amount
	// Items are the order lines; at least one.
	Items []UploadOrderItem
	// Pay is the payment; may be nil while ShopStatus is WAIT_BUYER_PAY.
	Pay *UploadOrderPay
	// Invoice is the invoice detail.
	Invoice *UploadInvoice
}

// UploadOrderItem is one order line.
type UploadOrderItem struct {
	// SKUID is the ERP 商品编码, at most 40; required.
	SKUID string
	// ShopSKUID is the shop's SKU id, at most 128; ShopIID the shop's item id.
	ShopSKUID, ShopIID string
	// IID is 款式编码, at most 40.
	IID string
	// Pic is a picture URL, at most 300.
	Pic string
	// PropertiesValue is the SKU's attributes text, at most 100.
	PropertiesValue string
	// Amount is the line total, at most 2 decimal places.
	Amount duijie.Amount
	// Price is the unit price and BasePrice the original unit price, at
	// most 4 decimal places.
	Price, BasePrice duijie.Amount
	// Qty is the quantity; at least 1.
	Qty int
	// RefundQty is the refunded quantity.
	RefundQty int
	// Name is the product name, at most 100.
	Name string
	// RefundStatus is waiting, success or closed; any value turns the order
	// into an exception order in the ERP.
	RefundStatus string
	// OuterOiID is the shop's line id, at most 50, unique within the order.
	OuterOiID string
	// Remark, BatchID are optional.
	Remark, BatchID string
	// IsGift marks a gift line. It is always sent, false included.
	IsGift bool
}

// UploadOrderPay is the payment (an object, not a list).
type UploadOrderPay struct {
	// OuterPayID is the payment number, at most 50.
	OuterPayID string
	// PayDate is when the buyer paid.
	PayDate duijie.Time
	// Payment names the method, e.g. 支付宝, at most 20.
	Payment string
	// SellerAccount is at most 50, BuyerAccount at most 200.
	SellerAccount, BuyerAccount string
	// Amount paid, at most 2 decimal places.
	Amount duijie.Amount
}

// UploadInvoice is the invoice detail; its user fields travel in camelCase
// (userName, userPhone, userAddress) as the vendor wants.
type UploadInvoice struct {
	// Address and Phone are the buyer's registered address and phone.
	Address, Phone string
	// Bank and Account are the buyer's bank and account number.
	Bank, Account string
	// Email receives an electronic invoice.
	Email string
	// UserName, UserPhone and UserAddress say where a paper invoice goes
	// (userName, userPhone, userAddress on the wire).
	UserName, UserPhone, UserAddress string
}

// fixed writes an amount as a JSON number with exactly scale decimal
// places. encoding/json writes a json.Number as it is, without the
// compaction it runs over a MarshalJSON's output.
func fixed(a duijie.Amount, scale int32) json.Number { return json.Number(a.Fixed(scale)) }

// fixedOrEmpty is fixed, or "" for a zero amount, which omitzero leaves out.
func fixedOrEmpty(a duijie.Amount, scale int32) json.Number {
	if a.IsZero() {
		return ""
	}
	return fixed(a, scale)
}

type uploadOrderWire struct {
	ShopID             int64            `json:"shop_id"`
	SoID               string           `json:"so_id" limit:"id"`
	OrderDate          string           `json:"order_date"`
	ShopStatus         ShopStatus       `json:"shop_status"`
	ShopBuyerID        string           `json:"shop_buyer_id" limit:"id"`
	ReceiverState      string           `json:"receiver_state,omitempty"`
	ReceiverCity       string           `json:"receiver_city,omitempty"`
	ReceiverDistrict   string           `json:"receiver_district,omitempty"`
	ReceiverTown       string           `json:"receiver_town,omitempty"`
	ReceiverAddress    string           `json:"receiver_address"`
	ReceiverName       string           `json:"receiver_name,omitempty"`
	ReceiverPhone      string           `json:"receiver_phone,omitempty"`
	ReceiverMobile     string           `json:"receiver_mobile,omitempty"`
	ReceiverEmail      string           `json:"receiver_email,omitempty"`
	ReceiverZip        string           `json:"receiver_zip,omitempty"`
	ReceiverCountry    string           `json:"receiver_country,omitempty"`
	PayAmount          json.Number      `json:"pay_amount"`
	Freight            json.Number      `json:"freight"`
	BuyerMessage       string           `json:"buyer_message,omitempty"`
	Remark             string           `json:"remark,omitempty"`
	ShopModified       string           `json:"shop_modified,omitempty"`
	IsCOD              bool             `json:"is_cod"`
	LID                string           `json:"l_id,omitempty" limit:"id"`
	LcID               string           `json:"lc_id,omitempty" limit:"id"`
	LogisticsCompany   string           `json:"logistics_company,omitempty"`
	QuestionDesc       string           `json:"question_desc,omitempty"`
	SellerFlag         int              `json:"seller_flag,omitempty"`
	Labels             string           `json:"labels,omitempty"`
	Currency           string           `json:"currency,omitempty"`
	Node               string           `json:"node,omitempty"`
	SendDate           string           `json:"send_date,omitempty"`
	PlanDeliveryDate   string           `json:"plan_delivery_date,omitempty"`
	WmsCoID            int64            `json:"wms_co_id,omitempty"`
	OuterSoID          string           `json:"outer_so_id,omitempty" limit:"id"`
	CreatorName        string           `json:"creator_name,omitempty"`
	InvoiceType        string           `json:"invoice_type,omitempty"`
	InvoiceTitle       string           `json:"invoice_title,omitempty"`
	BuyerTaxNo         string           `json:"buyer_tax_no,omitempty"`
	BuyerPaidAmount    json.Number      `json:"buyer_paid_amount,omitzero"`
	SellerIncomeAmount json.Number      `json:"seller_income_amount,omitzero"`
	Items              []uploadItemWire `json:"items"`
	Pay                *uploadPayWire   `json:"pay,omitempty"`
	Invoice            *invoiceWire     `json:"invoice,omitempty"`
}

type uploadItemWire struct {
	SKUID           string      `json:"sku_id" limit:"id"`
	ShopSKUID       string      `json:"shop_sku_id,omitempty" limit:"id"`
	ShopIID         string      `json:"shop_i_id,omitempty" limit:"id"`
	IID             string      `json:"i_id,omitempty" limit:"id"`
	Pic             string      `json:"pic,omitempty"`
	PropertiesValue string      `json:"properties_value,omitempty"`
	Amount          json.Number `json:"amount"`
	Price           json.Number `json:"price"`
	BasePrice       json.Number `json:"base_price,omitzero"`
	Qty             int         `json:"qty"`
	RefundQty       int         `json:"refund_qty,omitempty"`
	Name            string      `json:"name,omitempty"`
	RefundStatus    string      `json:"refund_status,omitempty"`
	OuterOiID       string      `json:"outer_oi_id,omitempty" limit:"id"`
	Remark          string      `json:"remark,omitempty"`
	BatchID         string      `json:"batch_id,omitempty"`
	IsGift          bool        `json:"is_gift"`
}

type uploadPayWire struct {
	OuterPayID    string      `json:"outer_pay_id,omitempty"`
	PayDate       string      `json:"pay_date,omitempty"`
	Payment       string      `json:"payment,omitempty"`
	SellerAccount string      `json:"seller_account,omitempty"`
	BuyerAccount  string      `json:"buyer_account,omitempty"`
	Amount        json.Number `json:"amount"`
}

type invoiceWire struct {
	Address     string `json:"address,omitempty"`
	Bank        string `json:"bank,omitempty"`
	Phone       string `json:"phone,omitempty"`
	Account     string `json:"account,omitempty"`
	Email       string `json:"email,omitempty"`
	UserName    string `json:"userName,omitempty"`
	UserPhone   string `json:"userPhone,omitempty"`
	UserAddress string `json:"userAddress,omitempty"`
}

func timeText(t duijie.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t.Time)
}

// MarshalJSON writes the order as the vendor expects it: snake_case keys
// (camelCase inside invoice), amounts with 2 places and prices with 4,
// times as "2006-01-02 15:04:05" in China time, empty optional keys left out.
func (o UploadOrder) MarshalJSON() ([]byte, error) { return marshalBiz(o.wire()) }

// wire returns the order in its wire shape.
func (o *UploadOrder) wire() uploadOrderWire {
	w := uploadOrderWire{
		ShopID: o.ShopID, SoID: o.SoID, OrderDate: timeText(o.OrderDate), ShopStatus: o.ShopStatus, ShopBuyerID: o.ShopBuyerID,
		ReceiverState: o.ReceiverState, ReceiverCity: o.ReceiverCity, ReceiverDistrict: o.ReceiverDistrict, ReceiverTown: o.ReceiverTown,
		ReceiverAddress: o.ReceiverAddress, ReceiverName: o.ReceiverName, ReceiverPhone: o.ReceiverPhone, ReceiverMobile: o.ReceiverMobile,
		ReceiverEmail: o.ReceiverEmail, ReceiverZip: o.ReceiverZip, ReceiverCountry: o.ReceiverCountry,
		PayAmount: fixed(o.PayAmount, 2), Freight: fixed(o.Freight, 2), BuyerMessage: o.BuyerMessage, Remark: o.Remark,
		ShopModified: timeText(o.ShopModified), IsCOD: o.IsCOD, LID: o.LID, LcID: o.LcID, LogisticsCompany: o.LogisticsCompany,
		QuestionDesc: o.QuestionDesc, SellerFlag: o.SellerFlag, Labels: o.Labels, Currency: o.Currency, Node: o.Node,
		SendDate: timeText(o.SendDate), PlanDeliveryDate: timeText(o.PlanDeliveryDate), WmsCoID: o.WmsCoID, OuterSoID: o.OuterSoID,
		CreatorName: o.CreatorName, InvoiceType: o.InvoiceType, InvoiceTitle: o.InvoiceTitle, BuyerTaxNo: o.BuyerTaxNo,
		BuyerPaidAmount: fixedOrEmpty(o.BuyerPaidAmount, 2), SellerIncomeAmount: fixedOrEmpty(o.SellerIncomeAmount, 2),
		Items: make([]uploadItemWire, len(o.Items)),
	}
	for i, it := range o.Items {
		w.Items[i] = uploadItemWire{SKUID: it.SKUID, ShopSKUID: it.ShopSKUID, ShopIID: it.ShopIID, IID: it.IID, Pic: it.Pic,
			PropertiesValue: it.PropertiesValue, Amount: fixed(it.Amount, 2), Price: fixed(it.Price, 4), BasePrice: fixedOrEmpty(it.BasePrice, 4),
			Qty: it.Qty, RefundQty: it.RefundQty, Name: it.Name, RefundStatus: it.RefundStatus, OuterOiID: it.OuterOiID,
			Remark: it.Remark, BatchID: it.BatchID, IsGift: it.IsGift}
	}
	if p := o.Pay; p != nil {
		w.Pay = &uploadPayWire{OuterPayID: p.OuterPayID, PayDate: timeText(p.PayDate), Payment: p.Payment,
			SellerAccount: p.SellerAccount, BuyerAccount: p.BuyerAccount, Amount: fixed(p.Amount, 2)}
	}
	if v := o.Invoice; v != nil {
		w.Invoice = &invoiceWire{Address: v.Address, Bank: v.Bank, Phone: v.Phone, Account: v.Account, Email: v.Email,
			UserName: v.UserName, UserPhone: v.UserPhone, UserAddress: v.UserAddress}
	}
	return w
}

// UploadOrdersRequest carries the orders of one upload call.
type UploadOrdersRequest struct {
	// Orders are 1 to MaxUploadOrders orders, each (ShopID, SoID) once.
	Orders []UploadOrder
}

// UploadResult is the outcome of one uploaded order.
type UploadResult struct {
	// Index is the order's position in UploadOrdersRequest.Orders.
	Index int
	// ShopID and SoID repeat the order's key.
	ShopID int64
	// SoID is the order's shop order number.
	SoID string
	// OK is the vendor's issuccess for this order.
	OK bool
	// OID is the ERP's internal order number (内部单号) when OK.
	OID duijie.Int64
	// Message is the vendor's msg for this order.
	Message string
	// Unknown is true when the answer did not account for this order: it
	// may have arrived. It is neither OK nor a refusal; the *BatchError
	// lists it with OutcomeUnknown. Look it up (QueryOrders by SoIDs) or
	// upload it again, which the vendor keys by (shop_id, so_id).
	Unknown bool
}

// UploadOrdersResponse holds one outcome per input order, in input order.
type UploadOrdersResponse struct {
	// Results has one outcome per order sent, at the order's index.
	Results []UploadResult
}

// Failed returns the outcomes that are not OK: the orders refused and those
// of unknown outcome.
func (r *UploadOrdersResponse) Failed() []UploadResult {
	var out []UploadResult
	for _, res := range r.Results {
		if !res.OK {
			out = append(out, res)
		}
	}
	return out
}

// Unknown returns the outcomes the answer did not account for: those orders
// may have arrived.
func (r *UploadOrdersResponse) Unknown() []UploadResult {
	var out []UploadResult
	for _, res := range r.Results {
		if res.Unknown {
			out = append(out, res)
		}
	}
	return out
}

// uploadRow is one order's outcome in the upload answer (datas[]).
type uploadRow struct {
	OID       duijie.Int64    `json:"o_id"`
	SoID      string          `json:"so_id"`
	IsSuccess json.RawMessage `json:"issuccess"`
	Msg       string          `json:"msg"`
}

// UploadOrders calls /open/jushuitan/orders/upload (legacy
// jushuitan.orders.upload, 订单上传 for 商家自有商城 and 跨境线下 shops). biz
// is a JSON array of up to 50 orders. The vendor answers every order on its
// own: the response has one UploadResult per input order, and when some
// failed, a *BatchError listing them is returned with it. An order the
// answer does not account for (no row names it, or the answer has no datas
// list) is of unknown outcome: Unknown in its result and OutcomeUnknown in
// the *BatchError, never success and never a plain refusal. No look-up
// settles it: an upload updates an order that already exists, so finding the
// order does not prove this upload arrived. Uploading it again is safe.
//
// The client does not replay an upload on its own after a failure that may
// have reached the vendor (HTTP 5xx, a reset or a timeout), nor after the
// vendor refused the token (code 100): the token is renewed and the error
// returned, and the caller decides. Throttled calls (codes 199 and 200) are
// retried, since the vendor did not process them. Uploading the same orders
// again is safe: the vendor keys them by (shop_id, so_id) and updates an
// order it already has instead of creating a second one.
func (c *Client) UploadOrders(ctx context.Context, req *UploadOrdersRequest) (*UploadOrdersResponse, error) {
	if req == nil || len(req.Orders) == 0 {
		return nil, duijie.Invalid(vendor, "orders", duijie.RuleRequired, "at least one order")
	}
	op := table[opUploadOrders]
	if op.maxBatch > 0 && len(req.Orders) > op.maxBatch {
		return nil, duijie.Invalid(vendor, "orders", duijie.RuleTooMany, fmt.Sprintf("at most %d orders per call, got %d", op.maxBatch, len(req.Orders)))
	}
	type key struct {
		shop int64
		so   string
	}
	seen := make(map[key]int, len(req.Orders))
	wires := make([]uploadOrderWire, len(req.Orders))
	for i := range req.Orders {
		o := &req.Orders[i]
		wires[i] = o.wire()
		if err := o.validate(i, &wires[i]); err != nil {
			return nil, err
		}
		k := key{o.ShopID, o.SoID}
		if j, dup := seen[k]; dup {
			return nil, duijie.Invalid(vendor, "orders["+strconv.Itoa(i)+"].so_id", duijie.RuleConflict, fmt.Sprintf("same shop_id and so_id as orders[%d]", j))
		}
		seen[k] = i
	}
	// The wire forms are encoded as they are: the bytes UploadOrder's
	// MarshalJSON writes for each, without encoding each order apart.
	ans := &uploadAnswer{keys: op.listKeys}
	if err := c.invoke(ctx, op, wires, ans); err != nil {
		return nil, err
	}
	return matchUpload(c.name(op), req.Orders, ans.rows)
}

// uploadAnswer is the upload answer's rows, decoded in one pass. An answer
// without datas leaves rows nil: every order is then of unknown outcome.
type uploadAnswer struct {
	keys []string
	rows []uploadRow
}

func (a *uploadAnswer) decodeList(b []byte) error {
	_, rows, err := decodeRows[uploadRow](b, false, a.keys)
	if err != nil && !errors.Is(err, ErrMissingList) {
		return err
	}
	a.rows = rows
	return nil
}

// matchUpload pairs the answer's rows with the input orders by so_id (in
// order, for an so_id used in several shops), or by position when the rows
// carry no so_id and their count matches.
func matchUpload(op string, orders []UploadOrder, rows []uploadRow) (*UploadOrdersResponse, error) {
	res := &UploadOrdersResponse{Results: make([]UploadResult, len(orders))}
	answered := make([]bool, len(orders))
	for i, o := range orders {
		res.Results[i] = UploadResult{Index: i, ShopID: o.ShopID, SoID: o.SoID}
	}
	positional := len(rows) == len(orders)
	for _, d := range rows {
		if d.SoID != "" {
			positional = false
		}
	}
	var extra []duijie.RowError
	for n, d := range rows {
		idx := -1
		if positional {
			idx = n
		} else {
			for i, o := range orders {
				if !answered[i] && o.SoID == d.SoID {
					idx = i
					break
				}
			}
		}
		if idx < 0 {
			extra = append(extra, duijie.RowError{Index: -1, Key: d.SoID, Message: "the answer names an order that was not sent: " + d.Msg})
			continue
		}
		answered[idx] = true
		r := &res.Results[idx]
		r.OK, r.OID, r.Message = truthy(d.IsSuccess), d.OID, d.Msg
	}
	be := &duijie.BatchError{Vendor: vendor, Operation: op, Total: len(orders)}
	for i, r := range res.Results {
		switch {
		case !answered[i]:
			res.Results[i].Unknown = true
			res.Results[i].Message = "the answer has no outcome for this order: it may have arrived; upload it again (uploads are keyed by shop_id and so_id)"
			be.Failed = append(be.Failed, duijie.RowError{Index: i, Key: r.SoID, Message: res.Results[i].Message, OutcomeUnknown: true})
		case !r.OK:
			be.Failed = append(be.Failed, duijie.RowError{Index: i, Key: r.SoID, Message: r.Message})
		}
	}
	be.Failed = append(be.Failed, extra...)
	if len(be.Failed) > 0 {
		return res, be
	}
	return res, nil
}

// truthy reads a row's success flag (true, "true", 1, "1" ...); a value
// that is no flag at all counts as not uploaded, never as uploaded.
func truthy(raw json.RawMessage) bool {
	ok, err := jsonx.Bool(raw)
	return ok && err == nil
}

// tooLong reports whether s is longer than an nvarchar(max) column holds:
// the vendor stores text in SQL Server nvarchar columns (shop_buyer_id is
// documented as nvarchar(50)), which count UTF-16 code units, so a
// character outside the Basic Multilingual Plane (an emoji) counts twice.
func tooLong(s string, max int) bool {
	if len(s) <= max {
		return false // a UTF-8 byte is at most one UTF-16 unit
	}
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n > max
}

// limits checks upload orders' wire form: ids (so_id, shop_buyer_id, l_id,
// lc_id, outer_so_id, sku_id, shop_sku_id, shop_i_id, i_id, outer_oi_id)
// without surrounding white space or control characters, other text without
// control characters other than tab and newline, times in the years 1 to
// 9999. Lengths and decimal places are checked in validate, from the
// documented table; the notes give no character set for the ids.
var limits = limit.New[duijie.ValidationError](limit.Checker{Vendor: vendor})

// validate checks order i of a request, whose wire form is w; errors name
// it "orders[i]". Paths are written only for an error.
func (o *UploadOrder) validate(i int, w *uploadOrderWire) error {
	prefix := func() string { return "orders[" + strconv.Itoa(i) + "]" }
	inv := func(field, rule, detail string) error {
		return duijie.Invalid(vendor, prefix()+"."+field, rule, detail)
	}
	lengths := []struct {
		field string
		v     string
		max   int
	}{
		{"so_id", o.SoID, 50}, {"shop_buyer_id", o.ShopBuyerID, 50}, {"receiver_state", o.ReceiverState, 50},
		{"receiver_city", o.ReceiverCity, 50}, {"receiver_district", o.ReceiverDistrict, 50}, {"receiver_address", o.ReceiverAddress, 200},
		{"receiver_name", o.ReceiverName, 50}, {"receiver_phone", o.ReceiverPhone, 50}, {"receiver_mobile", o.ReceiverMobile, 50},
		{"receiver_country", o.ReceiverCountry, 5}, {"buyer_message", o.BuyerMessage, 400}, {"remark", o.Remark, 1000},
		{"labels", o.Labels, 200}, {"outer_so_id", o.OuterSoID, 50},
	}
	switch {
	case o.ShopID <= 0:
		return inv("shop_id", duijie.RuleRequired, "the shop from QueryShops")
	case o.SoID == "":
		return inv("so_id", duijie.RuleRequired, "")
	case o.OrderDate.IsZero():
		return inv("order_date", duijie.RuleRequired, "")
	case o.ShopStatus == "":
		return inv("shop_status", duijie.RuleRequired, "")
	case !o.ShopStatus.valid():
		return inv("shop_status", duijie.RuleFormat, "one of WAIT_BUYER_PAY, WAIT_SELLER_SEND_GOODS, WAIT_BUYER_CONFIRM_GOODS, TRADE_FINISHED, TRADE_CLOSED, TRADE_CLOSED_BY_TAOBAO")
	case o.ShopBuyerID == "":
		return inv("shop_buyer_id", duijie.RuleRequired, "")
	case o.ReceiverAddress == "":
		return inv("receiver_address", duijie.RuleRequired, "")
	case o.SellerFlag < 0 || o.SellerFlag > 5:
		return inv("seller_flag", duijie.RuleRange, "1 to 5, or 0 to leave it out")
	case len(o.Items) == 0:
		return inv("items", duijie.RuleRequired, "at least one line")
	}
	for _, l := range lengths {
		if tooLong(l.v, l.max) {
			return inv(l.field, duijie.RuleTooLong, fmt.Sprintf("at most %d characters (UTF-16 units: an emoji counts 2)", l.max))
		}
	}
	for _, a := range []struct {
		field string
		v     duijie.Amount
		scale int32
	}{{"pay_amount", o.PayAmount, 2}, {"freight", o.Freight, 2}, {"buyer_paid_amount", o.BuyerPaidAmount, 2}, {"seller_income_amount", o.SellerIncomeAmount, 2}} {
		if err := checkAmount(a.v, a.scale); err != nil {
			return inv(a.field, err.rule, err.detail)
		}
	}
	var lines map[string]int
	for j := range o.Items {
		it := &o.Items[j]
		if f := it.validate(); f != nil {
			return inv("items["+strconv.Itoa(j)+"]."+f.field, f.rule, f.detail)
		}
		if it.OuterOiID == "" {
			continue
		}
		// The first line with the same outer_oi_id; a map past a few lines.
		first := -1
		if lines != nil {
			if k, dup := lines[it.OuterOiID]; dup {
				first = k
			}
		} else {
			for k := range j {
				if o.Items[k].OuterOiID == it.OuterOiID {
					first = k
					break
				}
			}
		}
		if first >= 0 {
			return inv("items["+strconv.Itoa(j)+"].outer_oi_id", duijie.RuleConflict, fmt.Sprintf("same as items[%d]; it must be unique within the order", first))
		}
		switch {
		case lines != nil:
			lines[it.OuterOiID] = j
		case j >= 16:
			lines = make(map[string]int, len(o.Items))
			for k := range j + 1 {
				if id := o.Items[k].OuterOiID; id != "" {
					lines[id] = k
				}
			}
		}
	}
	if p := o.Pay; p != nil {
		switch {
		case tooLong(p.OuterPayID, 50):
			return inv("pay.outer_pay_id", duijie.RuleTooLong, "at most 50 characters (UTF-16 units: an emoji counts 2)")
		case tooLong(p.Payment, 20):
			return inv("pay.payment", duijie.RuleTooLong, "at most 20 characters (UTF-16 units: an emoji counts 2)")
		case tooLong(p.SellerAccount, 50):
			return inv("pay.seller_account", duijie.RuleTooLong, "at most 50 characters (UTF-16 units: an emoji counts 2)")
		case tooLong(p.BuyerAccount, 200):
			return inv("pay.buyer_account", duijie.RuleTooLong, "at most 200 characters (UTF-16 units: an emoji counts 2)")
		}
		if err := checkAmount(p.Amount, 2); err != nil {
			return inv("pay.amount", err.rule, err.detail)
		}
	}
	for _, t := range [...]struct {
		field string
		t     duijie.Time
	}{{"order_date", o.OrderDate}, {"shop_modified", o.ShopModified}, {"send_date", o.SendDate}, {"plan_delivery_date", o.PlanDeliveryDate}} {
		if err := limits.Time(t.field, t.t.Time, ""); err != nil {
			return limits.Time(prefix()+"."+t.field, t.t.Time, "")
		}
	}
	// The limits declared on the wire form (ids, and text that JSON would
	// otherwise turn into U+FFFD or that holds control characters).
	if err := limits.Check(w); err != nil {
		return limits.CheckAt(prefix(), w)
	}
	return nil
}

// finding is a problem with one order line: the field (relative to the
// line), the rule and the detail; validate writes the path.
type finding struct{ field, rule, detail string }

func (it *UploadOrderItem) validate() *finding {
	inv := func(field, rule, detail string) *finding { return &finding{field, rule, detail} }
	switch {
	case it.SKUID == "":
		return inv("sku_id", duijie.RuleRequired, "")
	case tooLong(it.SKUID, 40):
		return inv("sku_id", duijie.RuleTooLong, "at most 40 characters (UTF-16 units: an emoji counts 2)")
	case tooLong(it.ShopSKUID, 128):
		return inv("shop_sku_id", duijie.RuleTooLong, "at most 128 characters (UTF-16 units: an emoji counts 2)")
	case tooLong(it.IID, 40):
		return inv("i_id", duijie.RuleTooLong, "at most 40 characters (UTF-16 units: an emoji counts 2)")
	case tooLong(it.Pic, 300):
		return inv("pic", duijie.RuleTooLong, "at most 300 characters (UTF-16 units: an emoji counts 2)")
	case tooLong(it.PropertiesValue, 100):
		return inv("properties_value", duijie.RuleTooLong, "at most 100 characters (UTF-16 units: an emoji counts 2)")
	case tooLong(it.Name, 100):
		return inv("name", duijie.RuleTooLong, "at most 100 characters (UTF-16 units: an emoji counts 2)")
	case tooLong(it.OuterOiID, 50):
		return inv("outer_oi_id", duijie.RuleTooLong, "at most 50 characters (UTF-16 units: an emoji counts 2)")
	case it.Qty <= 0:
		return inv("qty", duijie.RuleRange, "at least 1")
	case it.RefundQty < 0:
		return inv("refund_qty", duijie.RuleNegative, "")
	case it.RefundStatus != "" && it.RefundStatus != "waiting" && it.RefundStatus != "success" && it.RefundStatus != "closed":
		return inv("refund_status", duijie.RuleFormat, "waiting, success or closed")
	}
	for _, a := range [...]struct {
		field string
		v     duijie.Amount
		scale int32
	}{{"amount", it.Amount, 2}, {"price", it.Price, 4}, {"base_price", it.BasePrice, 4}} {
		if f := checkAmount(a.v, a.scale); f != nil {
			f.field = a.field
			return f
		}
	}
	return nil
}

// checkAmount refuses negative amounts and amounts with more decimal places
// than the wire carries (rounding money silently is not an option); the
// finding has no field, which the caller names.
func checkAmount(a duijie.Amount, scale int32) *finding {
	if a.IsNegative() {
		return &finding{rule: duijie.RuleNegative}
	}
	if !a.Round(scale).Equal(a) {
		return &finding{rule: duijie.RuleFormat, detail: fmt.Sprintf("at most %d decimal places", scale)}
	}
	return nil
}
