package wangdiantong

import "github.com/duijie/duijie"

// PurchaseReturnStockout is one purchase-return stock-out bill (采购退货出库单) of
// stockout_order_query_return, with its goods lines. The fields are those of
// gaigeshen/tripartite@92a3175 (module tripartite-wangdian,
// response/purchase/PurchaseReturnOrderQueryResponse.java), which that
// client sends to stockout_order_query_return.php. Ids and codes are Text,
// amounts and quantities Amount, times China time.
type PurchaseReturnStockout struct {
	// OrderNo is order_no (出库单号).
	OrderNo duijie.Text `json:"order_no"`
	// StockoutNo is stockout_no (出库单号).
	StockoutNo duijie.Text `json:"stockout_no"`
	// SrcOrderNo is src_order_no (源单号).
	SrcOrderNo duijie.Text `json:"src_order_no"`
	// ReturnNo is return_no (采购退货单号).
	ReturnNo duijie.Text `json:"return_no"`
	// OuterNo is outer_no (外部单号).
	OuterNo duijie.Text `json:"outer_no"`
	// PrAPIOuterNo is pr_api_outer_no (采购退货单API外部单号).
	PrAPIOuterNo duijie.Text `json:"pr_api_outer_no"`
	// LastLoadPurchaseNo is last_load_purchase_no (最后关联采购单号).
	LastLoadPurchaseNo duijie.Text `json:"last_load_purchase_no"`
	// WarehouseNo is warehouse_no (仓库编号).
	WarehouseNo duijie.Text `json:"warehouse_no"`
	// WarehouseType is warehouse_type (仓库类型).
	WarehouseType duijie.Text `json:"warehouse_type"`
	// ProviderNo is provider_no (供应商编号).
	ProviderNo duijie.Text `json:"provider_no"`
	// ProviderName is provider_name (供应商名称).
	ProviderName duijie.Text `json:"provider_name"`
	// Status is status (状态).
	Status duijie.Text `json:"status"`
	// BlockReason is block_reason (截停原因).
	BlockReason duijie.Text `json:"block_reason"`
	// ConsignStatus is consign_status (出库状态).
	ConsignStatus duijie.Text `json:"consign_status"`
	// OrderType is order_type (出库单类型).
	OrderType duijie.Text `json:"order_type"`
	// SrcOrderType is src_order_type (源单据类型).
	SrcOrderType duijie.Text `json:"src_order_type"`
	// OrderTypeName is order_type_name (出库单类型名称).
	OrderTypeName duijie.Text `json:"order_type_name"`
	// Subtype is subtype (子类型).
	Subtype duijie.Text `json:"subtype"`
	// GoodsTypeCount is goods_type_count (货品种类数).
	GoodsTypeCount duijie.Amount `json:"goods_type_count"`
	// GoodsCount is goods_count (货品数量).
	GoodsCount duijie.Amount `json:"goods_count"`
	// GoodsTotalAmount is goods_total_amount (货品总金额).
	GoodsTotalAmount duijie.Amount `json:"goods_total_amount"`
	// GoodsTotalCost is goods_total_cost (货品总成本).
	GoodsTotalCost duijie.Amount `json:"goods_total_cost"`
	// PostFee is post_fee (邮费).
	PostFee duijie.Amount `json:"post_fee"`
	// PackageFee is package_fee (包装费).
	PackageFee duijie.Amount `json:"package_fee"`
	// LogisticsNo is logistics_no (物流单号).
	LogisticsNo duijie.Text `json:"logistics_no"`
	// ReceiverName is receiver_name (收件人).
	ReceiverName duijie.Text `json:"receiver_name"`
	// ReceiverArea is receiver_area (收件地区).
	ReceiverArea duijie.Text `json:"receiver_area"`
	// ReceiverAddress is receiver_address (收件地址).
	ReceiverAddress duijie.Text `json:"receiver_address"`
	// ReceiverMobile is receiver_mobile (收件人手机).
	ReceiverMobile duijie.Text `json:"receiver_mobile"`
	// StockoutReason is stockout_reason (出库原因).
	StockoutReason duijie.Text `json:"stockout_reason"`
	// OperatorName is operator_name (经办人).
	OperatorName duijie.Text `json:"operator_name"`
	// PickerName is picker_name (拣货员).
	PickerName duijie.Text `json:"picker_name"`
	// SorterName is sorter_name (分拣员).
	SorterName duijie.Text `json:"sorter_name"`
	// ExaminerName is examiner_name (验货员).
	ExaminerName duijie.Text `json:"examiner_name"`
	// Consigner is consigner (发货人).
	Consigner duijie.Text `json:"consigner"`
	// PackagerName is packager_name (打包员).
	PackagerName duijie.Text `json:"packager_name"`
	// CheckouterName is checkouter_name (签出员).
	CheckouterName duijie.Text `json:"checkouter_name"`
	// WatcherName is watcher_name (监视员).
	WatcherName duijie.Text `json:"watcher_name"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// ConsignTime is consign_time (出库时间).
	ConsignTime duijie.Time `json:"consign_time"`
	// StockCheckTime is stock_check_time (出库审核时间).
	StockCheckTime duijie.Time `json:"stock_check_time"`
	// Modified is modified (最后修改时间).
	Modified duijie.Time `json:"modified"`
	// Details are the 货品明细 (details_list).
	Details []PurchaseReturnStockoutDetail `json:"details_list"`
}

// PurchaseReturnStockoutDetail is one goods line of a
// PurchaseReturnStockout (details_list), with the fields of the same
// source.
type PurchaseReturnStockoutDetail struct {
	// GoodsNo is goods_no (货品编号).
	GoodsNo duijie.Text `json:"goods_no"`
	// GoodsName is goods_name (货品名称).
	GoodsName duijie.Text `json:"goods_name"`
	// SpecNo is spec_no (商家编码).
	SpecNo duijie.Text `json:"spec_no"`
	// SpecName is spec_name (规格名称).
	SpecName duijie.Text `json:"spec_name"`
	// GoodsType is goods_type (货品类别).
	GoodsType duijie.Text `json:"goods_type"`
	// GoodsUnit is goods_unit (单位).
	GoodsUnit duijie.Text `json:"goods_unit"`
	// Num is num (数量).
	Num duijie.Amount `json:"num"`
	// Price is price (单价).
	Price duijie.Amount `json:"price"`
	// GoodsCount is goods_count (出库数量).
	GoodsCount duijie.Amount `json:"goods_count"`
	// SellPrice is sell_price (售价).
	SellPrice duijie.Amount `json:"sell_price"`
	// CostPrice is cost_price (成本价).
	CostPrice duijie.Amount `json:"cost_price"`
	// TotalAmount is total_amount (总金额).
	TotalAmount duijie.Amount `json:"total_amount"`
	// Weight is weight (重量).
	Weight duijie.Amount `json:"weight"`
	// BrandNo is brand_no (品牌编号).
	BrandNo duijie.Text `json:"brand_no"`
	// BrandName is brand_name (品牌名称).
	BrandName duijie.Text `json:"brand_name"`
	// BatchNo is batch_no (批次).
	BatchNo duijie.Text `json:"batch_no"`
	// BatchRemark is batch_remark (批次备注).
	BatchRemark duijie.Text `json:"batch_remark"`
	// SrcOrderType is src_order_type (源单据类型).
	SrcOrderType duijie.Text `json:"src_order_type"`
	// IsExamined is is_examined (是否验货).
	IsExamined duijie.Text `json:"is_examined"`
	// IsPackage is is_package (是否包装).
	IsPackage duijie.Text `json:"is_package"`
	// IsZeroCost is is_zero_cost (是否零成本).
	IsZeroCost duijie.Text `json:"is_zero_cost"`
	// ScanType is scan_type (扫描方式).
	ScanType duijie.Text `json:"scan_type"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// Modified is modified (最后修改时间).
	Modified duijie.Time `json:"modified"`
	// Created is created (创建时间).
	Created duijie.Time `json:"created"`
	// Positions are the 货位 (position_list).
	Positions []PurchaseReturnStockoutPosition `json:"position_list"`
}

// PurchaseReturnStockoutPosition is one storage position of a
// PurchaseReturnStockoutDetail (position_list).
type PurchaseReturnStockoutPosition struct {
	// PositionNo is position_no (货位编号).
	PositionNo duijie.Text `json:"position_no"`
	// PositionGoodsCount is position_goods_count (货位出库数量).
	PositionGoodsCount duijie.Amount `json:"position_goods_count"`
}
