package wangdiantong

import "github.com/duijie/duijie"

// PurchaseStockin is one purchase stock-in bill (采购入库单) of
// stockin_order_query_purchase, with its goods lines. The fields are those
// of gaigeshen/tripartite@92a3175 (module tripartite-wangdian,
// response/purchase/PurchaseStockInOrderQueryResponse.java), a typed client
// of the enterprise openapi2. Ids and codes are Text, quantities Amount,
// times China time.
type PurchaseStockin struct {
	// OrderNo is order_no (入库单号).
	OrderNo duijie.Text `json:"order_no"`
	// StockinNo is stockin_no (入库单号).
	StockinNo duijie.Text `json:"stockin_no"`
	// Status is status (状态).
	Status duijie.Text `json:"status"`
	// WarehouseNo is warehouse_no (仓库编号).
	WarehouseNo duijie.Text `json:"warehouse_no"`
	// WarehouseName is warehouse_name (仓库名称).
	WarehouseName duijie.Text `json:"warehouse_name"`
	// StockinTime is stockin_time (入库时间).
	StockinTime duijie.Time `json:"stockin_time"`
	// CheckTime is check_time (审核时间).
	CheckTime duijie.Time `json:"check_time"`
	// CreatedTime is created_time (创建时间).
	CreatedTime duijie.Time `json:"created_time"`
	// Modified is modified (最后修改时间).
	Modified duijie.Time `json:"modified"`
	// SrcOrderNo is src_order_no (采购单号).
	SrcOrderNo duijie.Text `json:"src_order_no"`
	// SrcOrderType is src_order_type (源单据类型).
	SrcOrderType duijie.Text `json:"src_order_type"`
	// PurchaseNo is purchase_no (采购单号).
	PurchaseNo duijie.Text `json:"purchase_no"`
	// OuterNo is outer_no (外部单号).
	OuterNo duijie.Text `json:"outer_no"`
	// ProviderNo is provider_no (供应商编号).
	ProviderNo duijie.Text `json:"provider_no"`
	// ProviderName is provider_name (供应商名称).
	ProviderName duijie.Text `json:"provider_name"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// StockinReason is stockin_reason (入库原因).
	StockinReason duijie.Text `json:"stockin_reason"`
	// OrderTypeName is order_type_name (单据类型名称).
	OrderTypeName duijie.Text `json:"order_type_name"`
	// LogisticsType is logistics_type (物流方式).
	LogisticsType duijie.Text `json:"logistics_type"`
	// LogisticsName is logistics_name (物流公司).
	LogisticsName duijie.Text `json:"logistics_name"`
	// LogisticsNo is logistics_no (物流单号).
	LogisticsNo duijie.Text `json:"logistics_no"`
	// GoodsCount is goods_count (货品数量).
	GoodsCount duijie.Amount `json:"goods_count"`
	// AdjustNum is adjust_num (调整数量).
	AdjustNum duijie.Amount `json:"adjust_num"`
	// RightNums is right_nums (正品数量).
	RightNums duijie.Amount `json:"right_nums"`
	// GoodsTypeCount is goods_type_count (货品种类数).
	GoodsTypeCount duijie.Amount `json:"goods_type_count"`
	// CheckOperatorName is check_operator_name (审核人).
	CheckOperatorName duijie.Text `json:"check_operator_name"`
	// OperatorName is operator_name (经办人).
	OperatorName duijie.Text `json:"operator_name"`
	// DetailsList are the 货品明细 (details_list).
	DetailsList []PurchaseStockinDetail `json:"details_list"`
}

// PurchaseStockinDetail is one goods line of a PurchaseStockin
// (details_list), with the fields of the same source.
type PurchaseStockinDetail struct {
	// SpecNo is spec_no (商家编码).
	SpecNo duijie.Text `json:"spec_no"`
	// GoodsNo is goods_no (货品编号).
	GoodsNo duijie.Text `json:"goods_no"`
	// GoodsName is goods_name (货品名称).
	GoodsName duijie.Text `json:"goods_name"`
	// SpecName is spec_name (规格名称).
	SpecName duijie.Text `json:"spec_name"`
	// Num is num (数量).
	Num duijie.Amount `json:"num"`
	// GoodsCount is goods_count (入库数量).
	GoodsCount duijie.Amount `json:"goods_count"`
	// ExpectNum is expect_num (预期数量).
	ExpectNum duijie.Amount `json:"expect_num"`
	// AdjustNum is adjust_num (调整数量).
	AdjustNum duijie.Amount `json:"adjust_num"`
	// RightNum is right_num (正品数量).
	RightNum duijie.Amount `json:"right_num"`
	// PositionNo is position_no (货位编号).
	PositionNo duijie.Text `json:"position_no"`
	// ProductionDate is production_date (生产日期).
	ProductionDate duijie.Time `json:"production_date"`
	// ExpireDate is expire_date (有效期).
	ExpireDate duijie.Time `json:"expire_date"`
	// ValidityDays is validity_days (有效期天数).
	ValidityDays duijie.Int64 `json:"validity_days"`
	// SrcOrderType is src_order_type (源单据类型).
	SrcOrderType duijie.Text `json:"src_order_type"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// Modified is modified (最后修改时间).
	Modified duijie.Time `json:"modified"`
	// Created is created (创建时间).
	Created duijie.Time `json:"created"`
}
