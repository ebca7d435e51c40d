package wangdiantong

import "github.com/duijie/duijie"

// SalesStockout is one sales-out bill (销售出库单) of
// stockout_order_query_trade, with its goods lines. Every field is one a
// source shows in the answer's stockout_list: the fields a production
// integration reads from the vendor's answer (find_string file id
// 33925166197, a Qimen wdt.stockout.order.query.trade client), the
// response table of the QEasy API pages for the same method
// (qeasy.cloud/api/ffe2ff22…, qliang.cloud/api/6296cedc…). Ids and codes
// are Text (a string or a number); amounts and quantities are Amount;
// times are China time and "0000-00-00 00:00:00" reads as zero.
type SalesStockout struct {
	// StockoutID is stockout_id (出库单主键id).
	StockoutID duijie.Text `json:"stockout_id"`
	// OrderNo is order_no (出库单号, unique). The vendor notes warn that
	// it can change when the order is rejected and audited again.
	OrderNo duijie.Text `json:"order_no"`
	// StockoutNo is stockout_no (出库单号).
	StockoutNo duijie.Text `json:"stockout_no"`
	// SrcOrderNo is src_order_no (源单号: the ERP order number, JY…).
	SrcOrderNo duijie.Text `json:"src_order_no"`
	// SrcTids is src_tids (原始单号, the platform order numbers merged
	// into the order, comma separated).
	SrcTids duijie.Text `json:"src_tids"`
	// TradeNo is trade_no (订单编号).
	TradeNo duijie.Text `json:"trade_no"`
	// SrcTradeNo is src_trade_no (原始订单编号).
	SrcTradeNo duijie.Text `json:"src_trade_no"`
	// TradeID is trade_id (订单id).
	TradeID duijie.Text `json:"trade_id"`
	// ShopNo is shop_no (店铺编号).
	ShopNo duijie.Text `json:"shop_no"`
	// ShopName is shop_name (店铺名称).
	ShopName duijie.Text `json:"shop_name"`
	// PlatformID is platform_id (平台id).
	PlatformID duijie.Text `json:"platform_id"`
	// WarehouseNo is warehouse_no (仓库编号).
	WarehouseNo duijie.Text `json:"warehouse_no"`
	// WarehouseName is warehouse_name (仓库名称).
	WarehouseName duijie.Text `json:"warehouse_name"`
	// WarehouseID is warehouse_id (仓库id).
	WarehouseID duijie.Text `json:"warehouse_id"`
	// OrderType is order_type (出库单类型).
	OrderType duijie.Text `json:"order_type"`
	// OrderTypeName is order_type_name (出库单类型名称).
	OrderTypeName duijie.Text `json:"order_type_name"`
	// Status is status (出库单状态): 5 已取消, 55 已审核, 95 已发货,
	// 105 部分打款, 110 已完成, 113 异常发货 (and 115/120 seen for 回传
	// 失败/成功).
	Status duijie.Text `json:"status"`
	// TradeStatus is trade_status (订单状态).
	TradeStatus duijie.Text `json:"trade_status"`
	// TradeType is trade_type (订单类型: 1 网店销售, 2 线下零售, 3 售后换货,
	// 4 批发业务 …).
	TradeType duijie.Text `json:"trade_type"`
	// Subtype is subtype (出库单子类型).
	Subtype duijie.Text `json:"subtype"`
	// ConsignStatus is consign_status (发货状态).
	ConsignStatus duijie.Text `json:"consign_status"`
	// WmsStatus is wms_status (外部仓库状态).
	WmsStatus duijie.Text `json:"wms_status"`
	// RefundStatus is refund_status (退款状态).
	RefundStatus duijie.Text `json:"refund_status"`
	// InvoiceType is invoice_type (发票类别).
	InvoiceType duijie.Text `json:"invoice_type"`
	// OuterNo is outer_no (外部单号).
	OuterNo duijie.Text `json:"outer_no"`
	// GoodsCount is goods_count (货品总数).
	GoodsCount duijie.Amount `json:"goods_count"`
	// GoodsTotalAmount is goods_total_amount (货品总金额).
	GoodsTotalAmount duijie.Amount `json:"goods_total_amount"`
	// Receivable is receivable (应收金额).
	Receivable duijie.Amount `json:"receivable"`
	// Paid is paid (已付金额).
	Paid duijie.Amount `json:"paid"`
	// PostAmount is post_amount (邮费).
	PostAmount duijie.Amount `json:"post_amount"`
	// CalcPostCost is calc_post_cost (预估邮费成本).
	CalcPostCost duijie.Amount `json:"calc_post_cost"`
	// Discount is discount (优惠金额).
	Discount duijie.Amount `json:"discount"`
	// Tax is tax (税额).
	Tax duijie.Amount `json:"tax"`
	// TaxRate is tax_rate (税率).
	TaxRate duijie.Amount `json:"tax_rate"`
	// Currency is currency (币种).
	Currency duijie.Text `json:"currency"`
	// TradeTime is trade_time (下单时间).
	TradeTime duijie.Time `json:"trade_time"`
	// PayTime is pay_time (付款时间).
	PayTime duijie.Time `json:"pay_time"`
	// ConsignTime is consign_time (发货时间), which the query selects by
	// when no status, or a status of 95 and above, is asked for.
	ConsignTime duijie.Time `json:"consign_time"`
	// StockCheckTime is stock_check_time (出库审核时间).
	StockCheckTime duijie.Time `json:"stock_check_time"`
	// Created is created (创建时间).
	Created duijie.Time `json:"created"`
	// Modified is modified (最后修改时间), which the query selects by for
	// a status below 95.
	Modified duijie.Time `json:"modified"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// CsRemark is cs_remark (客服备注).
	CsRemark duijie.Text `json:"cs_remark"`
	// BuyerMessage is buyer_message (买家留言).
	BuyerMessage duijie.Text `json:"buyer_message"`
	// BadReason is bad_reason (异常状态).
	BadReason duijie.Text `json:"bad_reason"`
	// BlockReason is block_reason (截停原因).
	BlockReason duijie.Text `json:"block_reason"`
	// BatchNo is batch_no (打印批次).
	BatchNo duijie.Text `json:"batch_no"`
	// Details are the goods lines (details_list).
	Details []SalesStockoutDetail `json:"details_list"`
}

// SalesStockoutDetail is one goods line of a SalesStockout
// (details_list), with the fields the same sources show.
type SalesStockoutDetail struct {
	// RecID is rec_id (明细id).
	RecID duijie.Text `json:"rec_id"`
	// StockoutID is stockout_id (出库单主键id).
	StockoutID duijie.Text `json:"stockout_id"`
	// SaleOrderID is sale_order_id (订单明细id).
	SaleOrderID duijie.Text `json:"sale_order_id"`
	// SrcTid is src_tid (原始单号).
	SrcTid duijie.Text `json:"src_tid"`
	// SrcOid is src_oid (原始子单号).
	SrcOid duijie.Text `json:"src_oid"`
	// PlatformID is platform_id (平台id).
	PlatformID duijie.Text `json:"platform_id"`
	// GoodsID is goods_id (货品id).
	GoodsID duijie.Text `json:"goods_id"`
	// GoodsNo is goods_no (货品编号).
	GoodsNo duijie.Text `json:"goods_no"`
	// GoodsName is goods_name (货品名称).
	GoodsName duijie.Text `json:"goods_name"`
	// GoodsType is goods_type (货品类别).
	GoodsType duijie.Text `json:"goods_type"`
	// SpecID is spec_id (规格id).
	SpecID duijie.Text `json:"spec_id"`
	// SpecNo is spec_no (商家编码).
	SpecNo duijie.Text `json:"spec_no"`
	// SpecName is spec_name (规格名称).
	SpecName duijie.Text `json:"spec_name"`
	// SpecCode is spec_code (规格码).
	SpecCode duijie.Text `json:"spec_code"`
	// Barcode is barcode (条码).
	Barcode duijie.Text `json:"barcode"`
	// BrandNo is brand_no (品牌编号).
	BrandNo duijie.Text `json:"brand_no"`
	// BrandName is brand_name (品牌名称).
	BrandName duijie.Text `json:"brand_name"`
	// SuiteNo is suite_no (组合装编号).
	SuiteNo duijie.Text `json:"suite_no"`
	// GiftType is gift_type (赠品方式).
	GiftType duijie.Text `json:"gift_type"`
	// RefundStatus is refund_status (退款状态).
	RefundStatus duijie.Text `json:"refund_status"`
	// GoodsCount is goods_count (出库数量).
	GoodsCount duijie.Amount `json:"goods_count"`
	// SellPrice is sell_price (售价).
	SellPrice duijie.Amount `json:"sell_price"`
	// MarketPrice is market_price (市场价).
	MarketPrice duijie.Amount `json:"market_price"`
	// CostPrice is cost_price (成本价).
	CostPrice duijie.Amount `json:"cost_price"`
	// Discount is discount (优惠).
	Discount duijie.Amount `json:"discount"`
	// ShareAmount is share_amount (分摊后金额).
	ShareAmount duijie.Amount `json:"share_amount"`
	// SharePost is share_post (分摊邮费).
	SharePost duijie.Amount `json:"share_post"`
	// Paid is paid (已付金额).
	Paid duijie.Amount `json:"paid"`
	// TotalAmount is total_amount (总金额).
	TotalAmount duijie.Amount `json:"total_amount"`
	// TaxRate is tax_rate (税率).
	TaxRate duijie.Amount `json:"tax_rate"`
	// Modified is modified (最后修改时间).
	Modified duijie.Time `json:"modified"`
}
