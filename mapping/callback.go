package mapping

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/duijie/duijie"
)

// CallbackOrder is an order pushed to the host in the OpenCallback shape
// (开放式的回调方法): the trade_push field names, with every value allowed
// to arrive as a string or a number.
type CallbackOrder struct {
	// ShopNo is shop_no (店铺编号).
	ShopNo duijie.Text `json:"shop_no"`
	// Tid is tid (原始单号).
	Tid duijie.Text `json:"tid"`
	// TradeStatus is trade_status (平台状态), coded as wangdiantong.Trade's.
	TradeStatus Enum `json:"trade_status,omitzero"`
	// PayStatus is pay_status (支付状态).
	PayStatus Enum `json:"pay_status,omitzero"`
	// DeliveryTerm is delivery_term (发货条件).
	DeliveryTerm Enum `json:"delivery_term,omitzero"`
	// TradeTime is trade_time (下单时间).
	TradeTime duijie.Time `json:"trade_time"`
	// PayTime is pay_time (支付时间).
	PayTime duijie.Time `json:"pay_time"`
	// FenxiaoType is fenxiao_type (分销类别).
	FenxiaoType duijie.Int64 `json:"fenxiao_type"`
	// BuyerNick is buyer_nick (客户网名).
	BuyerNick duijie.Text `json:"buyer_nick"`
	// ReceiverName is receiver_name (收件人).
	ReceiverName duijie.Text `json:"receiver_name"`
	// ReceiverProvince is receiver_province (省份).
	ReceiverProvince duijie.Text `json:"receiver_province"`
	// ReceiverCity is receiver_city (城市).
	ReceiverCity duijie.Text `json:"receiver_city"`
	// ReceiverDistrict is receiver_district (区县).
	ReceiverDistrict duijie.Text `json:"receiver_district"`
	// ReceiverAddress is receiver_address (地址详情).
	ReceiverAddress duijie.Text `json:"receiver_address"`
	// ReceiverMobile is receiver_mobile (手机).
	ReceiverMobile duijie.Text `json:"receiver_mobile"`
	// LogisticsType is logistics_type (物流方式).
	LogisticsType duijie.Int64 `json:"logistics_type"`
	// PostAmount is post_amount (邮费).
	PostAmount duijie.Amount `json:"post_amount"`
	// CodAmount is cod_amount (货到付款金额).
	CodAmount duijie.Amount `json:"cod_amount"`
	// ExtCodFee is ext_cod_fee (货到付款买家费用).
	ExtCodFee duijie.Amount `json:"ext_cod_fee"`
	// OtherAmount is other_amount (其它收费).
	OtherAmount duijie.Amount `json:"other_amount"`
	// Paid is paid (已付).
	Paid duijie.Amount `json:"paid"`
	// Lines are order_list (订单货品明细).
	Lines []CallbackLine `json:"order_list"`
}

// CallbackLine is one line of a CallbackOrder (order_list).
type CallbackLine struct {
	// Oid is oid (子订单编号).
	Oid duijie.Text `json:"oid"`
	// Num is num (数量).
	Num duijie.Amount `json:"num"`
	// Price is price (单价).
	Price duijie.Amount `json:"price"`
	// Status is status (状态), coded as the order's trade_status.
	Status Enum `json:"status,omitzero"`
	// RefundStatus is refund_status (退款状态).
	RefundStatus Enum `json:"refund_status,omitzero"`
	// GoodsID is goods_id (平台货品ID).
	GoodsID duijie.Text `json:"goods_id"`
	// SpecID is spec_id (平台规格ID).
	SpecID duijie.Text `json:"spec_id"`
	// GoodsNo is goods_no (货品编码).
	GoodsNo duijie.Text `json:"goods_no"`
	// SpecNo is spec_no (规格编码).
	SpecNo duijie.Text `json:"spec_no"`
	// GoodsName is goods_name (货品名称).
	GoodsName duijie.Text `json:"goods_name"`
	// SpecName is spec_name (规格名称).
	SpecName duijie.Text `json:"spec_name"`
	// AdjustAmount is adjust_amount (调整).
	AdjustAmount duijie.Amount `json:"adjust_amount"`
	// Discount is discount (优惠).
	Discount duijie.Amount `json:"discount"`
	// ShareDiscount is share_discount (分摊优惠).
	ShareDiscount duijie.Amount `json:"share_discount"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
}

// Enum is a coded value of a pushed order (trade_status, pay_status,
// delivery_term, a line's status and refund_status) that remembers whether
// it was sent: a field left out, null or "" is unset, which is not 0. The
// zero Enum is unset. It decodes 30 and "30", and encodes as a number, or
// is left out (with omitzero) when unset.
type Enum struct {
	n   int64
	set bool
}

// EnumOf returns the set code n.
func EnumOf(n int64) Enum { return Enum{n: n, set: true} }

// Get returns the code and whether it was sent.
func (e Enum) Get() (int64, bool) { return e.n, e.set }

// IsZero reports whether the code is unset, so omitzero leaves it out.
func (e Enum) IsZero() bool { return !e.set }

// MarshalJSON writes the code as a number, or null when unset.
func (e Enum) MarshalJSON() ([]byte, error) {
	if !e.set {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, e.n, 10), nil
}

// UnmarshalJSON accepts 30 and "30"; null and "" leave the code unset.
func (e *Enum) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("mapping: enum code: %w", err)
		}
		b = bytes.TrimSpace([]byte(s))
	}
	if len(b) == 0 || string(b) == "null" {
		*e = Enum{}
		return nil
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return fmt.Errorf("mapping: %q is not an enum code", clip(b))
	}
	*e = EnumOf(n)
	return nil
}

// clip shortens b for an error message.
func clip(b []byte) string {
	if len(b) > 32 {
		return string(b[:32]) + "..."
	}
	return string(b)
}

// ParseCallbackOrders decodes a pushed body: one order object, a JSON
// array of orders, or the push envelope {"content":[...]}. Strings and
// numbers are accepted for every field; anything else is an error naming
// the problem. Unknown fields are ignored.
func ParseCallbackOrders(body []byte) ([]CallbackOrder, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, fmt.Errorf("mapping: callback body is empty")
	}
	switch body[0] {
	case '[':
		var orders []CallbackOrder
		if err := json.Unmarshal(body, &orders); err != nil {
			return nil, fmt.Errorf("mapping: callback orders: %w", err)
		}
		return orders, nil
	case '{':
		var probe struct {
			Content json.RawMessage `json:"content"`
		}
		if err := json.Unmarshal(body, &probe); err != nil {
			return nil, fmt.Errorf("mapping: callback order: %w", err)
		}
		if c := bytes.TrimSpace(probe.Content); len(c) > 0 && c[0] == '[' {
			return ParseCallbackOrders(c)
		}
		var o CallbackOrder
		if err := json.Unmarshal(body, &o); err != nil {
			return nil, fmt.Errorf("mapping: callback order: %w", err)
		}
		return []CallbackOrder{o}, nil
	}
	return nil, fmt.Errorf("mapping: callback body is neither an object nor an array")
}
