package wangdiantong

import "github.com/duijie/duijie"

// Refund is one refund or exchange (退换单) of refund_query, with its returned
// lines and exchange-out goods. The fields are those of
// gaigeshen/tripartite@92a3175 (module tripartite-wangdian,
// response/refund/RefundQueryResponse.java). Ids and codes are Text, amounts
// and quantities Amount, times China time.
type Refund struct {
	// RefundNo is refund_no (退换单号).
	RefundNo duijie.Text `json:"refund_no"`
	// APIOuterNo is api_outer_no (API外部单号).
	APIOuterNo duijie.Text `json:"api_outer_no"`
	// SrcNo is src_no (原始退款单号).
	SrcNo duijie.Text `json:"src_no"`
	// Tid is tid (原始单号).
	Tid duijie.Text `json:"tid"`
	// SalesTid is sales_tid (销售原始单号).
	SalesTid duijie.Text `json:"sales_tid"`
	// Type is type (类型).
	Type duijie.Text `json:"type"`
	// ShopNo is shop_no (店铺编号).
	ShopNo duijie.Text `json:"shop_no"`
	// ShopName is shop_name (店铺名称).
	ShopName duijie.Text `json:"shop_name"`
	// ProcessStatus is process_status (处理状态).
	ProcessStatus duijie.Text `json:"process_status"`
	// Status is status (状态).
	Status duijie.Text `json:"status"`
	// FromType is from_type (来源类型).
	FromType duijie.Text `json:"from_type"`
	// GuaranteeMode is guarantee_mode (担保方式).
	GuaranteeMode duijie.Text `json:"guarantee_mode"`
	// CsStatus is cs_status (客服状态).
	CsStatus duijie.Text `json:"cs_status"`
	// PayAccount is pay_account (支付账号).
	PayAccount duijie.Text `json:"pay_account"`
	// PayNo is pay_no (支付单号).
	PayNo duijie.Text `json:"pay_no"`
	// GoodsAmount is goods_amount (货品金额).
	GoodsAmount duijie.Amount `json:"goods_amount"`
	// ReturnGoodsCount is return_goods_count (退货数量).
	ReturnGoodsCount duijie.Amount `json:"return_goods_count"`
	// RefundAmount is refund_amount (退款金额).
	RefundAmount duijie.Amount `json:"refund_amount"`
	// DirectRefundAmount is direct_refund_amount (直接退款金额).
	DirectRefundAmount duijie.Amount `json:"direct_refund_amount"`
	// GuaranteRefundAmount is guarante_refund_amount (担保退款金额).
	GuaranteRefundAmount duijie.Amount `json:"guarante_refund_amount"`
	// ActualRefundAmount is actual_refund_amount (实际退款金额).
	ActualRefundAmount duijie.Amount `json:"actual_refund_amount"`
	// ExchangeAmount is exchange_amount (换货金额).
	ExchangeAmount duijie.Amount `json:"exchange_amount"`
	// PostAmount is post_amount (邮费).
	PostAmount duijie.Amount `json:"post_amount"`
	// OtherAmount is other_amount (其他金额).
	OtherAmount duijie.Amount `json:"other_amount"`
	// Paid is paid (已付金额).
	Paid duijie.Amount `json:"paid"`
	// BuyerNick is buyer_nick (客户网名).
	BuyerNick duijie.Text `json:"buyer_nick"`
	// ReceiverName is receiver_name (收件人).
	ReceiverName duijie.Text `json:"receiver_name"`
	// ReceiverAddress is receiver_address (收件地址).
	ReceiverAddress duijie.Text `json:"receiver_address"`
	// ReturnName is return_name (退货人).
	ReturnName duijie.Text `json:"return_name"`
	// ReturnMobile is return_mobile (退货人手机).
	ReturnMobile duijie.Text `json:"return_mobile"`
	// ReturnAddress is return_address (退货地址).
	ReturnAddress duijie.Text `json:"return_address"`
	// ReturnLogisticsName is return_logistics_name (退货物流公司).
	ReturnLogisticsName duijie.Text `json:"return_logistics_name"`
	// ReturnLogisticsNo is return_logistics_no (退货物流单号).
	ReturnLogisticsNo duijie.Text `json:"return_logistics_no"`
	// SwapReceiver is swap_receiver (换货收件人).
	SwapReceiver duijie.Text `json:"swap_receiver"`
	// SwapMobile is swap_mobile (换货手机).
	SwapMobile duijie.Text `json:"swap_mobile"`
	// SwapArea is swap_area (换货地区).
	SwapArea duijie.Text `json:"swap_area"`
	// SwapWarehouseNo is swap_warehouse_no (换出仓库).
	SwapWarehouseNo duijie.Text `json:"swap_warehouse_no"`
	// SwapAddress is swap_address (换货地址).
	SwapAddress duijie.Text `json:"swap_address"`
	// SwapLogisticsType is swap_logistics_type (换货物流方式).
	SwapLogisticsType duijie.Text `json:"swap_logistics_type"`
	// SwapLogisticsName is swap_logistics_name (换货物流公司).
	SwapLogisticsName duijie.Text `json:"swap_logistics_name"`
	// SwapTradeNo is swap_trade_no (换货订单号).
	SwapTradeNo duijie.Text `json:"swap_trade_no"`
	// WarehouseNo is warehouse_no (仓库编号).
	WarehouseNo duijie.Text `json:"warehouse_no"`
	// WarehouseType is warehouse_type (仓库类型).
	WarehouseType duijie.Text `json:"warehouse_type"`
	// RefundTime is refund_time (退款时间).
	RefundTime duijie.Time `json:"refund_time"`
	// RefundReason is refund_reason (退款原因).
	RefundReason duijie.Text `json:"refund_reason"`
	// CustomerNo is customer_no (客户编号).
	CustomerNo duijie.Text `json:"customer_no"`
	// CustomerName is customer_name (客户名称).
	CustomerName duijie.Text `json:"customer_name"`
	// CreatorName is creator_name (建单人).
	CreatorName duijie.Text `json:"creator_name"`
	// AdvanceStatus is advance_status (预退款状态).
	AdvanceStatus duijie.Text `json:"advance_status"`
	// IsGoodsReceived is is_goods_received (是否收到货).
	IsGoodsReceived duijie.Text `json:"is_goods_received"`
	// ConsignMode is consign_mode (发货方式).
	ConsignMode duijie.Text `json:"consign_mode"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// FinishTime is finish_time (完成时间).
	FinishTime duijie.Time `json:"finish_time"`
	// Modified is modified (最后修改时间).
	Modified duijie.Time `json:"modified"`
	// Created is created (创建时间).
	Created duijie.Time `json:"created"`
	// Orders are the 退货货品 (refund_order_list).
	Orders []RefundOrder `json:"refund_order_list"`
	// OutGoods are the 换出货品 (refund_out_goods_list).
	OutGoods []RefundOutGoods `json:"refund_out_goods_list"`
}

// RefundOrder is one returned line of a Refund (refund_order_list), with
// the fields of the same source (which types modified and created as
// decimals; they are read here as times, as every other modified).
type RefundOrder struct {
	// Oid is oid (原始子单号).
	Oid duijie.Text `json:"oid"`
	// Tid is tid (原始单号).
	Tid duijie.Text `json:"tid"`
	// SalesTid is sales_tid (销售原始单号).
	SalesTid duijie.Text `json:"sales_tid"`
	// SrcNo is src_no (原始退款单号).
	SrcNo duijie.Text `json:"src_no"`
	// ProcessStatus is process_status (处理状态).
	ProcessStatus duijie.Text `json:"process_status"`
	// OrderNum is order_num (订单数量).
	OrderNum duijie.Amount `json:"order_num"`
	// RefundNum is refund_num (退货数量).
	RefundNum duijie.Amount `json:"refund_num"`
	// StockinNum is stockin_num (入库数量).
	StockinNum duijie.Amount `json:"stockin_num"`
	// Price is price (单价).
	Price duijie.Amount `json:"price"`
	// CostPrice is cost_price (成本价).
	CostPrice duijie.Amount `json:"cost_price"`
	// OriginalPrice is original_price (原价).
	OriginalPrice duijie.Amount `json:"original_price"`
	// Discount is discount (优惠).
	Discount duijie.Amount `json:"discount"`
	// Paid is paid (已付).
	Paid duijie.Amount `json:"paid"`
	// RefundOrderAmount is refund_order_amount (退款金额).
	RefundOrderAmount duijie.Amount `json:"refund_order_amount"`
	// TotalAmount is total_amount (总金额).
	TotalAmount duijie.Amount `json:"total_amount"`
	// StockinAmount is stockin_amount (入库金额).
	StockinAmount duijie.Amount `json:"stockin_amount"`
	// GoodsNo is goods_no (货品编号).
	GoodsNo duijie.Text `json:"goods_no"`
	// SpecNo is spec_no (商家编码).
	SpecNo duijie.Text `json:"spec_no"`
	// GoodsName is goods_name (货品名称).
	GoodsName duijie.Text `json:"goods_name"`
	// SpecName is spec_name (规格名称).
	SpecName duijie.Text `json:"spec_name"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// Modified is modified (最后修改时间).
	Modified duijie.Time `json:"modified"`
	// Created is created (创建时间).
	Created duijie.Time `json:"created"`
}

// RefundOutGoods is one exchange-out line of a Refund
// (refund_out_goods_list), with the fields of the same source.
type RefundOutGoods struct {
	// TargetType is target_type (目标类型).
	TargetType duijie.Text `json:"target_type"`
	// GoodsName is goods_name (货品名称).
	GoodsName duijie.Text `json:"goods_name"`
	// SpecName is spec_name (规格名称).
	SpecName duijie.Text `json:"spec_name"`
	// MerchantNo is merchant_no (商家编码).
	MerchantNo duijie.Text `json:"merchant_no"`
	// Num is num (数量).
	Num duijie.Amount `json:"num"`
	// Oid is oid (原始子单号).
	Oid duijie.Text `json:"oid"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// Modified is modified (最后修改时间).
	Modified duijie.Time `json:"modified"`
	// Created is created (创建时间).
	Created duijie.Time `json:"created"`
}
