package mapping

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/duijie/duijie/internal/value"
)

// CallbackOrder is an order pushed to the host in the OpenCallback shape
// (开放式的回调方法): the trade_push field names, with every value allowed
// to arrive as a string or a number.
type CallbackOrder struct {
	// ShopNo is shop_no (店铺编号).
	ShopNo value.Text `json:"shop_no"`
	// Tid is tid (原始单号).
	Tid value.Text `json:"tid"`
	// TradeStatus is trade_status (平台状态), coded as wangdiantong.Trade's.
	TradeStatus value.Int64 `json:"trade_status"`
	// PayStatus is pay_status (支付状态).
	PayStatus value.Int64 `json:"pay_status"`
	// DeliveryTerm is delivery_term (发货条件).
	DeliveryTerm value.Int64 `json:"delivery_term"`
	// TradeTime is trade_time (下单时间).
	TradeTime Time `json:"trade_time"`
	// PayTime is pay_time (支付时间).
	PayTime Time `json:"pay_time"`
	// FenxiaoType is fenxiao_type (分销类别).
	FenxiaoType value.Int64 `json:"fenxiao_type"`
	// BuyerNick is buyer_nick (客户网名).
	BuyerNick value.Text `json:"buyer_nick"`
	// ReceiverName is receiver_name (收件人).
	ReceiverName value.Text `json:"receiver_name"`
	// ReceiverProvince is receiver_province (省份).
	ReceiverProvince value.Text `json:"receiver_province"`
	// ReceiverCity is receiver_city (城市).
	ReceiverCity value.Text `json:"receiver_city"`
	// ReceiverDistrict is receiver_district (区县).
	ReceiverDistrict value.Text `json:"receiver_district"`
	// ReceiverAddress is receiver_address (地址详情).
	ReceiverAddress value.Text `json:"receiver_address"`
	// ReceiverMobile is receiver_mobile (手机).
	ReceiverMobile value.Text `json:"receiver_mobile"`
	// LogisticsType is logistics_type (物流方式).
	LogisticsType value.Int64 `json:"logistics_type"`
	// PostAmount is post_amount (邮费).
	PostAmount Amount `json:"post_amount"`
	// CodAmount is cod_amount (货到付款金额).
	CodAmount Amount `json:"cod_amount"`
	// ExtCodFee is ext_cod_fee (货到付款买家费用).
	ExtCodFee Amount `json:"ext_cod_fee"`
	// OtherAmount is other_amount (其它收费).
	OtherAmount Amount `json:"other_amount"`
	// Paid is paid (已付).
	Paid Amount `json:"paid"`
	// Lines are order_list (订单货品明细).
	Lines []CallbackLine `json:"order_list"`
}

// CallbackLine is one line of a CallbackOrder (order_list).
type CallbackLine struct {
	// Oid is oid (子订单编号).
	Oid value.Text `json:"oid"`
	// Num is num (数量).
	Num Amount `json:"num"`
	// Price is price (单价).
	Price Amount `json:"price"`
	// Status is status (状态).
	Status value.Int64 `json:"status"`
	// RefundStatus is refund_status (退款状态).
	RefundStatus value.Int64 `json:"refund_status"`
	// GoodsID is goods_id (平台货品ID).
	GoodsID value.Text `json:"goods_id"`
	// SpecID is spec_id (平台规格ID).
	SpecID value.Text `json:"spec_id"`
	// GoodsNo is goods_no (货品编码).
	GoodsNo value.Text `json:"goods_no"`
	// SpecNo is spec_no (规格编码).
	SpecNo value.Text `json:"spec_no"`
	// GoodsName is goods_name (货品名称).
	GoodsName value.Text `json:"goods_name"`
	// SpecName is spec_name (规格名称).
	SpecName value.Text `json:"spec_name"`
	// AdjustAmount is adjust_amount (调整).
	AdjustAmount Amount `json:"adjust_amount"`
	// Discount is discount (优惠).
	Discount Amount `json:"discount"`
	// ShareDiscount is share_discount (分摊优惠).
	ShareDiscount Amount `json:"share_discount"`
	// Remark is remark (备注).
	Remark value.Text `json:"remark"`
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
