package wangdiantong

import "github.com/duijie/duijie"

// PurchaseReturn is one purchase return (采购退货单) of purchase_return_query,
// with its goods lines. The fields are those of gaigeshen/tripartite@92a3175
// (module tripartite-wangdian,
// response/purchase/PurchaseReturnQueryResponse.java). Ids and codes are
// Text, amounts and quantities Amount, times China time.
type PurchaseReturn struct {
	// ReturnNo is return_no (退货单号).
	ReturnNo duijie.Text `json:"return_no"`
	// APIOuterNo is api_outer_no (API外部单号).
	APIOuterNo duijie.Text `json:"api_outer_no"`
	// OuterNo is outer_no (外部单号).
	OuterNo duijie.Text `json:"outer_no"`
	// ProviderNo is provider_no (供应商编号).
	ProviderNo duijie.Text `json:"provider_no"`
	// ProviderName is provider_name (供应商名称).
	ProviderName duijie.Text `json:"provider_name"`
	// Status is status (状态).
	Status duijie.Text `json:"status"`
	// Type is type (类型).
	Type duijie.Text `json:"type"`
	// WarehouseNo is warehouse_no (仓库编号).
	WarehouseNo duijie.Text `json:"warehouse_no"`
	// WarehouseName is warehouse_name (仓库名称).
	WarehouseName duijie.Text `json:"warehouse_name"`
	// PurchaserName is purchaser_name (采购员).
	PurchaserName duijie.Text `json:"purchaser_name"`
	// CreatorName is creator_name (制单人).
	CreatorName duijie.Text `json:"creator_name"`
	// CheckOperatorName is check_operator_name (审核人).
	CheckOperatorName duijie.Text `json:"check_operator_name"`
	// LogisticsType is logistics_type (物流方式).
	LogisticsType duijie.Text `json:"logistics_type"`
	// Contact is contact (联系人).
	Contact duijie.Text `json:"contact"`
	// ReceiveAddress is receive_address (收货地址).
	ReceiveAddress duijie.Text `json:"receive_address"`
	// Province is province (省份).
	Province duijie.Text `json:"province"`
	// City is city (城市).
	City duijie.Text `json:"city"`
	// District is district (区县).
	District duijie.Text `json:"district"`
	// OtherFee is other_fee (其他费用).
	OtherFee duijie.Amount `json:"other_fee"`
	// PostFee is post_fee (邮费).
	PostFee duijie.Amount `json:"post_fee"`
	// GoodsFee is goods_fee (货款).
	GoodsFee duijie.Amount `json:"goods_fee"`
	// GoodsCount is goods_count (货品数量).
	GoodsCount duijie.Amount `json:"goods_count"`
	// GoodsTypeCount is goods_type_count (货品种类数).
	GoodsTypeCount duijie.Amount `json:"goods_type_count"`
	// GoodsOutCount is goods_out_count (出库数量).
	GoodsOutCount duijie.Amount `json:"goods_out_count"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// CheckTime is check_time (审核时间).
	CheckTime duijie.Time `json:"check_time"`
	// Modified is modified (最后修改时间).
	Modified duijie.Time `json:"modified"`
	// Created is created (创建时间).
	Created duijie.Time `json:"created"`
	// Details are the 货品明细 (details_list).
	Details []PurchaseReturnDetail `json:"details_list"`
}

// PurchaseReturnDetail is one goods line of a PurchaseReturn
// (details_list), with the fields of the same source.
type PurchaseReturnDetail struct {
	// GoodsNo is goods_no (货品编号).
	GoodsNo duijie.Text `json:"goods_no"`
	// SpecNo is spec_no (商家编码).
	SpecNo duijie.Text `json:"spec_no"`
	// GoodsName is goods_name (货品名称).
	GoodsName duijie.Text `json:"goods_name"`
	// SpecName is spec_name (规格名称).
	SpecName duijie.Text `json:"spec_name"`
	// Num is num (数量).
	Num duijie.Amount `json:"num"`
	// Num2 is num2 (辅助数量).
	Num2 duijie.Amount `json:"num2"`
	// Price is price (单价).
	Price duijie.Amount `json:"price"`
	// Discount is discount (折扣).
	Discount duijie.Amount `json:"discount"`
	// Amount is amount (金额).
	Amount duijie.Amount `json:"amount"`
	// Tax is tax (税率).
	Tax duijie.Amount `json:"tax"`
	// TaxPrice is tax_price (税后单价).
	TaxPrice duijie.Amount `json:"tax_price"`
	// TaxAmount is tax_amount (税后金额).
	TaxAmount duijie.Amount `json:"tax_amount"`
	// OutNum is out_num (出库数量).
	OutNum duijie.Amount `json:"out_num"`
	// OutAmount is out_amount (出库金额).
	OutAmount duijie.Amount `json:"out_amount"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// Modified is modified (最后修改时间).
	Modified duijie.Time `json:"modified"`
	// Created is created (创建时间).
	Created duijie.Time `json:"created"`
}
