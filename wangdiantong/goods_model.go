package wangdiantong

import "github.com/duijie/duijie"

// Goods is one goods record (货品档案, SPU) of goods_query with its SKUs.
// The fields are those of the goods_list and spec_list nodes in
// cuifan53/wdt-sdk src/types/goods/goods_query.ts (which copies the
// vendor's table for goods_query.php). Ids and codes are Text; prices,
// weights and scores are Amount (decimal(19,4)); times are China time.
type Goods struct {
	// GoodsID is goods_id (货品ID).
	GoodsID duijie.Text `json:"goods_id"`
	// GoodsNo is goods_no (货品编号), the SPU's unique number.
	GoodsNo duijie.Text `json:"goods_no"`
	// GoodsName is goods_name (货品名称).
	GoodsName duijie.Text `json:"goods_name"`
	// ShortName is short_name (货品简称).
	ShortName duijie.Text `json:"short_name"`
	// Alias is alias (货品别名).
	Alias duijie.Text `json:"alias"`
	// GoodsType is goods_type (货品类别: 1 销售商品, 2 原材料, 3 包装,
	// 4 周转材料, 5 虚拟商品, 6 固定资产, 0 其它).
	GoodsType duijie.Text `json:"goods_type"`
	// SpecCount is spec_count (规格数).
	SpecCount duijie.Int64 `json:"spec_count"`
	// Pinyin is pinyin (拼音名称).
	Pinyin duijie.Text `json:"pinyin"`
	// BrandNo is brand_no (品牌编号).
	BrandNo duijie.Text `json:"brand_no"`
	// BrandName is brand_name (品牌).
	BrandName duijie.Text `json:"brand_name"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// Props1 is props1 (自定义属性1).
	Props1 duijie.Text `json:"props1"`
	// Props2 is props2 (自定义属性2).
	Props2 duijie.Text `json:"props2"`
	// Props3 is props3 (自定义属性3).
	Props3 duijie.Text `json:"props3"`
	// Props4 is props4 (自定义属性4).
	Props4 duijie.Text `json:"props4"`
	// Props5 is props5 (自定义属性5).
	Props5 duijie.Text `json:"props5"`
	// Props6 is props6 (自定义属性6).
	Props6 duijie.Text `json:"props6"`
	// Origin is origin (产地).
	Origin duijie.Text `json:"origin"`
	// ClassName is class_name (分类).
	ClassName duijie.Text `json:"class_name"`
	// UnitName is unit_name (基本单位).
	UnitName duijie.Text `json:"unit_name"`
	// AuxUnitName is aux_unit_name (辅助单位名称).
	AuxUnitName duijie.Text `json:"aux_unit_name"`
	// FlagName is flag_name (标记名称).
	FlagName duijie.Text `json:"flag_name"`
	// GoodsCreated is goods_created (创建时间).
	GoodsCreated duijie.Time `json:"goods_created"`
	// GoodsModified is goods_modified (最后修改时间), which the query's
	// window selects by.
	GoodsModified duijie.Time `json:"goods_modified"`
	// Deleted is deleted (是否已删除: 0 no, above 0 deleted).
	Deleted duijie.Int64 `json:"deleted"`
	// Specs are the SKUs (spec_list).
	Specs []GoodsSpec `json:"spec_list"`
}

// GoodsSpec is one SKU (单品) of a Goods, as goods_query's spec_list
// describes it (same source as Goods).
type GoodsSpec struct {
	// SpecID is spec_id (规格ID).
	SpecID duijie.Text `json:"spec_id"`
	// SpecNo is spec_no (商家编码), the SKU's unique code.
	SpecNo duijie.Text `json:"spec_no"`
	// SpecCode is spec_code (规格码).
	SpecCode duijie.Text `json:"spec_code"`
	// Barcode is barcode (主条码).
	Barcode duijie.Text `json:"barcode"`
	// SpecName is spec_name (规格名称).
	SpecName duijie.Text `json:"spec_name"`
	// GoodsID is goods_id (货品ID).
	GoodsID duijie.Text `json:"goods_id"`
	// IsAllowNegStock is is_allow_neg_stock (允许负库存: 1 yes, 0 no).
	IsAllowNegStock duijie.Int64 `json:"is_allow_neg_stock"`
	// IsSnEnable is is_sn_enable (序列号: 0 off, 1 strong, 2 weak).
	IsSnEnable duijie.Int64 `json:"is_sn_enable"`
	// IsSingleBatch is is_single_batch (同一批次出库: 0/1).
	IsSingleBatch duijie.Int64 `json:"is_single_batch"`
	// IsNotNeedExamine is is_not_need_examine (出库不验货: 0/1).
	IsNotNeedExamine duijie.Int64 `json:"is_not_need_examine"`
	// IsZeroCost is is_zero_cost (允许0成本: 0/1).
	IsZeroCost duijie.Int64 `json:"is_zero_cost"`
	// IsLowerCost is is_lower_cost (允许低于成本价: 0/1).
	IsLowerCost duijie.Int64 `json:"is_lower_cost"`
	// IsNotUseAir is is_not_use_air (航空禁运: 0/1).
	IsNotUseAir duijie.Int64 `json:"is_not_use_air"`
	// IsPopular is is_popular (畅销品: 0/1).
	IsPopular duijie.Int64 `json:"is_popular"`
	// ReplenishType is replenish_type (补货: 0 持续补货, 1 不补货, 2 低于警戒库存补货).
	ReplenishType duijie.Int64 `json:"replenish_type"`
	// LargeType is large_type (拆分: -1 非单发件, 0 普通件, 1 普通大件, 2 独立大件).
	LargeType duijie.Int64 `json:"large_type"`
	// SpecUnitName is spec_unit_name (基本单位).
	SpecUnitName duijie.Text `json:"spec_unit_name"`
	// LowestPrice is lowest_price (最低价).
	LowestPrice duijie.Amount `json:"lowest_price"`
	// ImgURL is img_url (图片url地址).
	ImgURL duijie.Text `json:"img_url"`
	// RetailPrice is retail_price (零售价).
	RetailPrice duijie.Amount `json:"retail_price"`
	// WholesalePrice is wholesale_price (批发价).
	WholesalePrice duijie.Amount `json:"wholesale_price"`
	// MemberPrice is member_price (会员价).
	MemberPrice duijie.Amount `json:"member_price"`
	// MarketPrice is market_price (市场价).
	MarketPrice duijie.Amount `json:"market_price"`
	// SaleScore is sale_score (销售积分).
	SaleScore duijie.Amount `json:"sale_score"`
	// PackScore is pack_score (打包积分).
	PackScore duijie.Amount `json:"pack_score"`
	// PickScore is pick_score (拣货积分).
	PickScore duijie.Amount `json:"pick_score"`
	// ValidityDays is validity_days (有效期天数).
	ValidityDays duijie.Int64 `json:"validity_days"`
	// SalesDays is sales_days (最佳销售天数).
	SalesDays duijie.Int64 `json:"sales_days"`
	// ReceiveDays is receive_days (最佳收货天数).
	ReceiveDays duijie.Int64 `json:"receive_days"`
	// Weight is weight (重量).
	Weight duijie.Amount `json:"weight"`
	// Length is length (长).
	Length duijie.Amount `json:"length"`
	// Width is width (宽).
	Width duijie.Amount `json:"width"`
	// Height is height (高).
	Height duijie.Amount `json:"height"`
	// TaxRate is tax_rate (税率).
	TaxRate duijie.Amount `json:"tax_rate"`
	// Prop1 is prop1 (自定义属性1).
	Prop1 duijie.Text `json:"prop1"`
	// Prop2 is prop2 (自定义属性2).
	Prop2 duijie.Text `json:"prop2"`
	// Prop3 is prop3 (自定义属性3).
	Prop3 duijie.Text `json:"prop3"`
	// Prop4 is prop4 (自定义属性4).
	Prop4 duijie.Text `json:"prop4"`
	// Prop5 is prop5 (自定义属性5).
	Prop5 duijie.Text `json:"prop5"`
	// Prop6 is prop6 (自定义属性6).
	Prop6 duijie.Text `json:"prop6"`
	// CustomPrice1 is custom_price1 (自定义价格1).
	CustomPrice1 duijie.Amount `json:"custom_price1"`
	// CustomPrice2 is custom_price2 (自定义价格2).
	CustomPrice2 duijie.Amount `json:"custom_price2"`
	// SpecAuxUnitName is spec_aux_unit_name (单品辅助单位名称).
	SpecAuxUnitName duijie.Text `json:"spec_aux_unit_name"`
	// TaxCode is tax_code (税务编码).
	TaxCode duijie.Text `json:"tax_code"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// SpecCreated is spec_created (创建时间).
	SpecCreated duijie.Time `json:"spec_created"`
	// SpecModified is spec_modified (最后修改时间).
	SpecModified duijie.Time `json:"spec_modified"`
	// Deleted is deleted (是否已删除: 0 no, above 0 deleted).
	Deleted duijie.Int64 `json:"deleted"`
}
