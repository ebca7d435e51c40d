package wangdiantong

import "github.com/duijie/duijie"

// PurchaseOrder is one purchase order (采购单) of purchase_order_query, with
// its goods lines. The fields are those of gaigeshen/tripartite@92a3175
// (module tripartite-wangdian,
// response/purchase/PurchaseOrderQueryResponse.java). Ids and codes are
// Text, quantities Amount, times China time.
type PurchaseOrder struct {
	// PurchaseNo is purchase_no (采购单号).
	PurchaseNo duijie.Text `json:"purchase_no"`
	// PurchaseOuterNo is purchase_outer_no (采购单外部单号).
	PurchaseOuterNo duijie.Text `json:"purchase_outer_no"`
	// OuterNo is outer_no (外部单号).
	OuterNo duijie.Text `json:"outer_no"`
	// APIOuterNo is api_outer_no (API外部单号).
	APIOuterNo duijie.Text `json:"api_outer_no"`
	// Status is status (状态).
	Status duijie.Text `json:"status"`
	// OrderType is order_type (单据类型).
	OrderType duijie.Text `json:"order_type"`
	// WarehouseNo is warehouse_no (仓库编号).
	WarehouseNo duijie.Text `json:"warehouse_no"`
	// WarehouseName is warehouse_name (仓库名称).
	WarehouseName duijie.Text `json:"warehouse_name"`
	// ProviderNo is provider_no (供应商编号).
	ProviderNo duijie.Text `json:"provider_no"`
	// ProviderName is provider_name (供应商名称).
	ProviderName duijie.Text `json:"provider_name"`
	// Contact is contact (联系人).
	Contact duijie.Text `json:"contact"`
	// PurchaserName is purchaser_name (采购员).
	PurchaserName duijie.Text `json:"purchaser_name"`
	// CreatorName is creator_name (制单人).
	CreatorName duijie.Text `json:"creator_name"`
	// ReceiveAddress is receive_address (收货地址).
	ReceiveAddress duijie.Text `json:"receive_address"`
	// LogisticsType is logistics_type (物流方式).
	LogisticsType duijie.Text `json:"logistics_type"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// RevertReason is revert_reason (驳回原因).
	RevertReason duijie.Text `json:"revert_reason"`
	// GoodsTypeCount is goods_type_count (货品种类数).
	GoodsTypeCount duijie.Amount `json:"goods_type_count"`
	// GoodsArriveCount is goods_arrive_count (到货数量).
	GoodsArriveCount duijie.Amount `json:"goods_arrive_count"`
	// CheckTime is check_time (审核时间).
	CheckTime duijie.Time `json:"check_time"`
	// ExpectArriveTime is expect_arrive_time (预计到货时间).
	ExpectArriveTime duijie.Time `json:"expect_arrive_time"`
	// Modified is modified (最后修改时间).
	Modified duijie.Time `json:"modified"`
	// Created is created (创建时间).
	Created duijie.Time `json:"created"`
	// Details are the 货品明细 (details_list).
	Details []PurchaseOrderDetail `json:"details_list"`
}

// PurchaseOrderDetail is one goods line of a PurchaseOrder (details_list),
// with the fields of the same source.
type PurchaseOrderDetail struct {
	// GoodsNo is goods_no (货品编号).
	GoodsNo duijie.Text `json:"goods_no"`
	// GoodsName is goods_name (货品名称).
	GoodsName duijie.Text `json:"goods_name"`
	// SpecNo is spec_no (商家编码).
	SpecNo duijie.Text `json:"spec_no"`
	// SpecName is spec_name (规格名称).
	SpecName duijie.Text `json:"spec_name"`
	// ProviderGoodsNo is provider_goods_no (供应商货号).
	ProviderGoodsNo duijie.Text `json:"provider_goods_no"`
	// Num is num (采购数量).
	Num duijie.Amount `json:"num"`
	// ArriveNum is arrive_num (到货数量).
	ArriveNum duijie.Amount `json:"arrive_num"`
	// StockinNum is stockin_num (入库数量).
	StockinNum duijie.Amount `json:"stockin_num"`
	// StopwaitNum is stopwait_num (停止等待数量).
	StopwaitNum duijie.Amount `json:"stopwait_num"`
	// ArriveMoreNum is arrive_more_num (多到数量).
	ArriveMoreNum duijie.Amount `json:"arrive_more_num"`
	// LackNum is lack_num (缺货数量).
	LackNum duijie.Amount `json:"lack_num"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// Modified is modified (最后修改时间).
	Modified duijie.Time `json:"modified"`
	// Created is created (创建时间).
	Created duijie.Time `json:"created"`
}
