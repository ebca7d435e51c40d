package wangdiantong

import "github.com/duijie/duijie"

// RefundStockin is one refund stock-in (退货入库单), with every field the
// vendor documents for stockin_list. Numbers that arrive as strings decode
// into Amount; ids and codes are Text, which accepts a string or a number.
type RefundStockin struct {
	// OrderNo is order_no (入库单号).
	OrderNo duijie.Text `json:"order_no"`
	// WarehouseNo is warehouse_no (仓库编号).
	WarehouseNo duijie.Text `json:"warehouse_no"`
	// WarehouseName is warehouse_name (仓库名称).
	WarehouseName duijie.Text `json:"warehouse_name"`
	// ShopNo is shop_no (店铺编号).
	ShopNo duijie.Text `json:"shop_no"`
	// ShopRemark is shop_remark (店铺备注).
	ShopRemark duijie.Text `json:"shop_remark"`
	// SrcOrderNo is src_order_no (上层单据(退换单)编号).
	SrcOrderNo duijie.Text `json:"src_order_no"`
	// ProcessStatus is process_status (退换单状态).
	ProcessStatus duijie.Text `json:"process_status"`
	// Status is status (退货入库单状态).
	Status duijie.Text `json:"status"`
	// StockinTime is stockin_time (更新时间).
	StockinTime duijie.Time `json:"stockin_time"`
	// CreatedTime is created_time (创建时间).
	CreatedTime duijie.Time `json:"created_time"`
	// TradeNo is trade_no (订单编号).
	TradeNo duijie.Text `json:"trade_no"`
	// TradeType is trade_type (系统订单类别).
	TradeType duijie.Text `json:"trade_type"`
	// OrderType is order_type (单据类别).
	OrderType duijie.Text `json:"order_type"`
	// OrderTypeName is order_type_name (单据类别名称).
	OrderTypeName duijie.Text `json:"order_type_name"`
	// GoodsAmount is goods_amount (货款总额).
	GoodsAmount duijie.Amount `json:"goods_amount"`
	// ActualRefundAmount is actual_refund_amount (实际退款金额).
	ActualRefundAmount duijie.Amount `json:"actual_refund_amount"`
	// TotalPrice is total_price (扣除优惠后货款总额).
	TotalPrice duijie.Amount `json:"total_price"`
	// PostFee is post_fee (邮费).
	PostFee duijie.Amount `json:"post_fee"`
	// OtherFee is other_fee (其他费用).
	OtherFee duijie.Amount `json:"other_fee"`
	// LogisticsType is logistics_type (物流类型).
	LogisticsType duijie.Text `json:"logistics_type"`
	// LogisticsNo is logistics_no (物流编号).
	LogisticsNo duijie.Text `json:"logistics_no"`
	// LogisticsName is logistics_name (物流名称).
	LogisticsName duijie.Text `json:"logistics_name"`
	// LogisticsCode is logistics_code (物流单号).
	LogisticsCode duijie.Text `json:"logistics_code"`
	// RefundNo is refund_no (退换单编号).
	RefundNo duijie.Text `json:"refund_no"`
	// CheckTime is check_time (入库审核时间).
	CheckTime duijie.Time `json:"check_time"`
	// CustomerNo is customer_no (客户编号).
	CustomerNo duijie.Text `json:"customer_no"`
	// CustomerName is customer_name (客户名称).
	CustomerName duijie.Text `json:"customer_name"`
	// NickName is nick_name (客户网名).
	NickName duijie.Text `json:"nick_name"`
	// ShopName is shop_name (店铺名称).
	ShopName duijie.Text `json:"shop_name"`
	// StockinReason is stockin_reason (入库原因).
	StockinReason duijie.Text `json:"stockin_reason"`
	// FlagName is flag_name (退货单标记).
	FlagName duijie.Text `json:"flag_name"`
	// PlatformID is platform_id (平台id).
	PlatformID duijie.Text `json:"platform_id"`
	// StockinOperatorName is stockin_operator_name (入库操作人姓名).
	StockinOperatorName duijie.Text `json:"stockin_operator_name"`
	// CheckOperatorName is check_operator_name (审核人姓名).
	CheckOperatorName duijie.Text `json:"check_operator_name"`
	// RefundRemark is refund_remark (退换备注).
	RefundRemark duijie.Text `json:"refund_remark"`
	// RefundOperatorName is refund_operator_name (退货员姓名).
	RefundOperatorName duijie.Text `json:"refund_operator_name"`
	// StockinNo is stockin_no (入库单号).
	StockinNo duijie.Text `json:"stockin_no"`
	// WmsOuterNo is wms_outer_no (外部仓库单号).
	WmsOuterNo duijie.Text `json:"wms_outer_no"`
	// WmsStatus is wms_status (外部仓库状态).
	WmsStatus duijie.Text `json:"wms_status"`
	// WmsResult is wms_result (结果).
	WmsResult duijie.Text `json:"wms_result"`
	// WarehouseID is warehouse_id (仓库id).
	WarehouseID duijie.Text `json:"warehouse_id"`
	// SrcOrderID is src_order_id (业务单据id).
	SrcOrderID duijie.Text `json:"src_order_id"`
	// ReasonID is reason_id (原因).
	ReasonID duijie.Text `json:"reason_id"`
	// FaStatus is fa_status (财务同步状态).
	FaStatus duijie.Text `json:"fa_status"`
	// LogisticsID is logistics_id (物流公司d).
	LogisticsID duijie.Text `json:"logistics_id"`
	// PostShareType is post_share_type (邮资分摊类型).
	PostShareType duijie.Text `json:"post_share_type"`
	// OperatorID is operator_id (操作员id).
	OperatorID duijie.Text `json:"operator_id"`
	// CheckOperatorID is check_operator_id (审核员id).
	CheckOperatorID duijie.Text `json:"check_operator_id"`
	// GoodsTypeCount is goods_type_count (货品种类数).
	GoodsTypeCount duijie.Amount `json:"goods_type_count"`
	// NoteCount is note_count (便签条数).
	NoteCount duijie.Amount `json:"note_count"`
	// FlagID is flag_id (标记id).
	FlagID duijie.Text `json:"flag_id"`
	// Details are the goods lines (details_list).
	Details []RefundStockinDetail `json:"details_list"`
}

// RefundStockinDetail is one goods line of a refund stock-in.
type RefundStockinDetail struct {
	// StockinID is stockin_id (入库单主键id).
	StockinID duijie.Text `json:"stockin_id"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// GoodsCount is goods_count (货品数量).
	GoodsCount duijie.Amount `json:"goods_count"`
	// Discount is discount (优惠金额).
	Discount duijie.Amount `json:"discount"`
	// TaxAmount is tax_amount (税后金额).
	TaxAmount duijie.Amount `json:"tax_amount"`
	// AdjustPrice is adjust_price (纠错金额).
	AdjustPrice duijie.Amount `json:"adjust_price"`
	// RightPrice is right_price (调整后单价).
	RightPrice duijie.Amount `json:"right_price"`
	// Tid is tid (原订单原始单号).
	Tid duijie.Text `json:"tid"`
	// SrcOrderType is src_order_type (订单类型).
	SrcOrderType duijie.Text `json:"src_order_type"`
	// AdjustNum is adjust_num (纠错数量).
	AdjustNum duijie.Amount `json:"adjust_num"`
	// Modified is modified (最后修改时间).
	Modified duijie.Time `json:"modified"`
	// RecID is rec_id (明细表主键id).
	RecID duijie.Text `json:"rec_id"`
	// SrcOrderDetailID is src_order_detail_id (上层单据(退换单)退回货品明细主键).
	SrcOrderDetailID duijie.Text `json:"src_order_detail_id"`
	// SpecNo is spec_no (商家编码).
	SpecNo duijie.Text `json:"spec_no"`
	// CostPrice is cost_price (成本价).
	CostPrice duijie.Amount `json:"cost_price"`
	// ProductionDate is production_date (生产日期).
	ProductionDate duijie.Time `json:"production_date"`
	// ValidityDays is validity_days (有效期天数).
	ValidityDays duijie.Text `json:"validity_days"`
	// ExpireDate is expire_date (有效期).
	ExpireDate duijie.Time `json:"expire_date"`
	// SrcPrice is src_price (原价).
	SrcPrice duijie.Amount `json:"src_price"`
	// TaxPrice is tax_price (税后单价).
	TaxPrice duijie.Amount `json:"tax_price"`
	// Tax is tax (税率).
	Tax duijie.Amount `json:"tax"`
	// TotalCost is total_cost (总成本).
	TotalCost duijie.Amount `json:"total_cost"`
	// RightNum is right_num (调整后数量).
	RightNum duijie.Amount `json:"right_num"`
	// Num is num (入库数量).
	Num duijie.Amount `json:"num"`
	// Num2 is num2 (辅助数量).
	Num2 duijie.Amount `json:"num2"`
	// RightCost is right_cost (调整后总金额).
	RightCost duijie.Amount `json:"right_cost"`
	// BrandNo is brand_no (品牌编号).
	BrandNo duijie.Text `json:"brand_no"`
	// BrandName is brand_name (品牌名称).
	BrandName duijie.Text `json:"brand_name"`
	// GoodsName is goods_name (货品名称).
	GoodsName duijie.Text `json:"goods_name"`
	// Prop2 is prop2 (单品自定义属性2).
	Prop2 duijie.Text `json:"prop2"`
	// GoodsNo is goods_no (货品编号).
	GoodsNo duijie.Text `json:"goods_no"`
	// SpecName is spec_name (规格名称).
	SpecName duijie.Text `json:"spec_name"`
	// SpecCode is spec_code (规格编号).
	SpecCode duijie.Text `json:"spec_code"`
	// GoodsUnit is goods_unit (基本单位).
	GoodsUnit duijie.Text `json:"goods_unit"`
	// BatchNo is batch_no (入库批次).
	BatchNo duijie.Text `json:"batch_no"`
	// BatchRemark is batch_remark (批次备注).
	BatchRemark duijie.Text `json:"batch_remark"`
	// PositionNo is position_no (货位编号).
	PositionNo duijie.Text `json:"position_no"`
	// Oid is oid (原订单原始子单号).
	Oid duijie.Text `json:"oid"`
	// OrgStockinDetailID is org_stockin_detail_id (原始入库单明细).
	OrgStockinDetailID duijie.Text `json:"org_stockin_detail_id"`
	// SpecID is spec_id (erp商品主键).
	SpecID duijie.Text `json:"spec_id"`
	// BatchID is batch_id (批次).
	BatchID duijie.Text `json:"batch_id"`
	// PositionID is position_id (货位id).
	PositionID duijie.Text `json:"position_id"`
	// UnitID is unit_id (辅助单位).
	UnitID duijie.Text `json:"unit_id"`
	// BaseUnitID is base_unit_id (基本单位).
	BaseUnitID duijie.Text `json:"base_unit_id"`
	// UnitRatio is unit_ratio (单位比率).
	UnitRatio duijie.Amount `json:"unit_ratio"`
	// ExpectNum is expect_num (期望数量).
	ExpectNum duijie.Amount `json:"expect_num"`
	// CostPrice2 is cost_price2 (辅助价格).
	CostPrice2 duijie.Amount `json:"cost_price2"`
	// SharePostCost is share_post_cost (邮资分摊成本).
	SharePostCost duijie.Amount `json:"share_post_cost"`
	// SharePostTotal is share_post_total (邮资分摊总成本).
	SharePostTotal duijie.Amount `json:"share_post_total"`
	// Created is created (创建时间).
	Created duijie.Time `json:"created"`
}
