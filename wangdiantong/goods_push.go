package wangdiantong

import (
	"context"
	"strconv"

	"github.com/duijie/duijie"
)

// Caps of goods_push.php (vendor notes, breadth.md §1 row 8, from the qyb
// page): at most 50 goods per call and 500 SKUs per goods. The first is
// the MaxBatch of goods_push.php's row in Operations.
const (
	MaxGoodsPerPush  = 50
	MaxSpecsPerGoods = 500
)

// GoodsPush is one goods record pushed to the ERP (goods_list). The
// fields are those of goods_push in cuifan53/wdt-sdk
// src/types/goods/goods_push.ts. The ERP creates or updates by GoodsNo,
// and each SKU by SpecNo. Text left empty, and numbers left nil, are not
// sent: the ERP then keeps its own value (or its default for a new
// record).
type GoodsPush struct {
	// GoodsNo is goods_no (货品编号), the SPU key. Required.
	GoodsNo string `json:"goods_no" limit:"id,max=40"`
	// GoodsType is goods_type (货品类别: 1 销售商品, 2 原材料, 3 包装,
	// 4 周转材料, 5 虚拟商品, 6 固定资产, 0 其它); nil is not sent.
	GoodsType *int `json:"goods_type,omitempty" limit:"enum=0|1|2|3|4|5|6"`
	// GoodsName is goods_name (货品名称).
	GoodsName string `json:"goods_name,omitempty"`
	// ShortName is short_name (货品简称).
	ShortName string `json:"short_name,omitempty"`
	// Alias is alias (货品别名).
	Alias string `json:"alias,omitempty"`
	// Pinyin is pinyin (拼音名称).
	Pinyin string `json:"pinyin,omitempty"`
	// Origin is origin (产地).
	Origin string `json:"origin,omitempty"`
	// ClassName is class_name (分类).
	ClassName string `json:"class_name,omitempty"`
	// BrandName is brand_name (品牌).
	BrandName string `json:"brand_name,omitempty"`
	// UnitName is unit_name (基本单位).
	UnitName string `json:"unit_name,omitempty"`
	// Remark is remark (备注).
	Remark string `json:"remark,omitempty"`
	// Props1 to Props6 are props1..props6 (自定义属性).
	Props1 string `json:"props1,omitempty"`
	// Props2 is props2 (自定义属性2).
	Props2 string `json:"props2,omitempty"`
	// Props3 is props3 (自定义属性3).
	Props3 string `json:"props3,omitempty"`
	// Props4 is props4 (自定义属性4).
	Props4 string `json:"props4,omitempty"`
	// Props5 is props5 (自定义属性5).
	Props5 string `json:"props5,omitempty"`
	// Props6 is props6 (自定义属性6).
	Props6 string `json:"props6,omitempty"`
	// AuxUnitName is aux_unit_name (辅助单位名称).
	AuxUnitName string `json:"aux_unit_name,omitempty"`
	// FlagName is flag_name (标记名称).
	FlagName string `json:"flag_name,omitempty"`
	// Specs are the SKUs (spec_list): at least one, at most
	// MaxSpecsPerGoods, each SpecNo once.
	Specs []GoodsPushSpec `json:"spec_list"`
}

// GoodsPushSpec is one SKU of a GoodsPush (spec_list), with the fields of
// goods_push.ts. Amounts are decimal(19,4); a nil amount or flag is not
// sent, leaving the ERP's value or default (e.g. is_allow_neg_stock
// defaults to 1).
type GoodsPushSpec struct {
	// SpecNo is spec_no (商家编码), the SKU key. Required.
	SpecNo string `json:"spec_no" limit:"id,max=40"`
	// SpecCode is spec_code (规格码).
	SpecCode string `json:"spec_code,omitempty"`
	// Barcode is barcode (主条码).
	Barcode string `json:"barcode,omitempty" limit:"id"`
	// SpecName is spec_name (规格名称).
	SpecName string `json:"spec_name,omitempty"`
	// IsAllowNegStock is is_allow_neg_stock (1 允许负库存, 0 不允许).
	IsAllowNegStock *int `json:"is_allow_neg_stock,omitempty" limit:"enum=0|1"`
	// IsSnEnable is is_sn_enable (0 不启用, 1 强序列号, 2 弱序列号).
	IsSnEnable *int `json:"is_sn_enable,omitempty" limit:"enum=0|1|2"`
	// IsSingleBatch is is_single_batch (同一批次出库, 0/1).
	IsSingleBatch *int `json:"is_single_batch,omitempty" limit:"enum=0|1"`
	// IsNotNeedExamine is is_not_need_examine (出库不验货, 0/1).
	IsNotNeedExamine *int `json:"is_not_need_examine,omitempty" limit:"enum=0|1"`
	// IsZeroCost is is_zero_cost (允许0成本, 0/1).
	IsZeroCost *int `json:"is_zero_cost,omitempty" limit:"enum=0|1"`
	// IsLowerCost is is_lower_cost (允许低于成本价, 0/1).
	IsLowerCost *int `json:"is_lower_cost,omitempty" limit:"enum=0|1"`
	// IsNotUseAir is is_not_use_air (航空禁运, 0/1).
	IsNotUseAir *int `json:"is_not_use_air,omitempty" limit:"enum=0|1"`
	// IsPopular is is_popular (畅销品, 0/1).
	IsPopular *int `json:"is_popular,omitempty" limit:"enum=0|1"`
	// ReplenishType is replenish_type (0 持续补货, 1 不补货, 2 低于警戒库存补货).
	ReplenishType *int `json:"replenish_type,omitempty" limit:"enum=0|1|2"`
	// LargeType is large_type (-1 非单发件, 0 普通件, 1 普通大件, 2 独立大件).
	LargeType *int `json:"large_type,omitempty" limit:"enum=-1|0|1|2"`
	// SpecUnitName is spec_unit_name (基本单位).
	SpecUnitName string `json:"spec_unit_name,omitempty"`
	// LowestPrice is lowest_price (最低价).
	LowestPrice *duijie.Amount `json:"lowest_price,omitempty"`
	// ImgURL is img_url (图片url地址).
	ImgURL string `json:"img_url,omitempty"`
	// RetailPrice is retail_price (零售价).
	RetailPrice *duijie.Amount `json:"retail_price,omitempty"`
	// WholesalePrice is wholesale_price (批发价).
	WholesalePrice *duijie.Amount `json:"wholesale_price,omitempty"`
	// MemberPrice is member_price (会员价).
	MemberPrice *duijie.Amount `json:"member_price,omitempty"`
	// MarketPrice is market_price (市场价).
	MarketPrice *duijie.Amount `json:"market_price,omitempty"`
	// SaleScore is sale_score (销售积分).
	SaleScore *duijie.Amount `json:"sale_score,omitempty"`
	// PackScore is pack_score (打包积分).
	PackScore *duijie.Amount `json:"pack_score,omitempty"`
	// PickScore is pick_score (拣货积分).
	PickScore *duijie.Amount `json:"pick_score,omitempty"`
	// ValidityDays is validity_days (有效期天数).
	ValidityDays *int `json:"validity_days,omitempty"`
	// Weight is weight (重量).
	Weight *duijie.Amount `json:"weight,omitempty"`
	// Length is length (长).
	Length *duijie.Amount `json:"length,omitempty"`
	// Width is width (宽).
	Width *duijie.Amount `json:"width,omitempty"`
	// Height is height (高).
	Height *duijie.Amount `json:"height,omitempty"`
	// TaxRate is tax_rate (税率).
	TaxRate *duijie.Amount `json:"tax_rate,omitempty"`
	// Prop1 is prop1 (自定义属性1).
	Prop1 string `json:"prop1,omitempty"`
	// Prop2 is prop2 (自定义属性2).
	Prop2 string `json:"prop2,omitempty"`
	// Prop3 is prop3 (自定义属性3).
	Prop3 string `json:"prop3,omitempty"`
	// Prop4 is prop4 (自定义属性4).
	Prop4 string `json:"prop4,omitempty"`
	// Prop5 is prop5 (自定义属性5).
	Prop5 string `json:"prop5,omitempty"`
	// Prop6 is prop6 (自定义属性6).
	Prop6 string `json:"prop6,omitempty"`
	// CustomPrice1 is custom_price1 (自定义价格1).
	CustomPrice1 *duijie.Amount `json:"custom_price1,omitempty"`
	// CustomPrice2 is custom_price2 (自定义价格2).
	CustomPrice2 *duijie.Amount `json:"custom_price2,omitempty"`
	// SpecAuxUnitName is spec_aux_unit_name (单品辅助单位名称).
	SpecAuxUnitName string `json:"spec_aux_unit_name,omitempty"`
	// TaxCode is tax_code (税务编码).
	TaxCode string `json:"tax_code,omitempty"`
	// SpecRemark is spec_remark (备注).
	SpecRemark string `json:"spec_remark,omitempty"`
}

// GoodsPushRequest pushes goods records.
type GoodsPushRequest struct {
	// Goods are 1..MaxGoodsPerPush records, each GoodsNo once.
	Goods []GoodsPush
}

// GoodsPushResponse is the answer to PushGoods: the vendor's answer to
// goods_push carries no per-goods outcome (goods_push.ts types it empty),
// so a success accounts for every goods record sent.
type GoodsPushResponse struct {
	// Pushed is the number of goods records the ERP accepted: all of them.
	Pushed int
}

// goodsPushParams are goods_push's parameters.
type goodsPushParams struct {
	GoodsList JSON `url:"goods_list"`
}

// PushGoods calls goods_push.php / wdt.goods.push (创建货品档案): it
// creates or updates goods records (①推送货品资料 ②更新货品档案). Fields:
// cuifan53/wdt-sdk goods_push.ts. The ERP matches goods by goods_no and
// SKUs by spec_no, so a push of the same records again updates them and
// never adds a second one: the call is safe to replay, and is retried
// after an unclear outcome (5xx, reset, timeout). At most MaxGoodsPerPush
// goods, each with 1..MaxSpecsPerGoods SKUs, are checked before sending.
// The vendor answers the whole call: any refusal is an error and no goods
// record is reported pushed.
func (c *Client) PushGoods(ctx context.Context, req *GoodsPushRequest) (*GoodsPushResponse, error) {
	o := opGoodsPush.row()
	if err := req.validate(o.MaxBatch); err != nil {
		return nil, err
	}
	params, err := encode(goodsPushParams{GoodsList: JSON{Value: req.Goods, KeepEmoji: c.cfg.KeepEmoji}})
	if err != nil {
		return nil, err
	}
	if _, err := c.call(ctx, o, params, nil); err != nil {
		return nil, err
	}
	return &GoodsPushResponse{Pushed: len(req.Goods)}, nil
}

// validate checks r before sending; maxBatch is the row's MaxBatch.
func (r *GoodsPushRequest) validate(maxBatch int) error {
	inv := func(field, rule, detail string) error { return duijie.Invalid(vendor, field, rule, detail) }
	switch {
	case r == nil || len(r.Goods) == 0:
		return inv("goods_list", duijie.RuleRequired, "at least one goods record")
	case len(r.Goods) > maxBatch:
		return inv("goods_list", duijie.RuleTooMany, "at most "+strconv.Itoa(maxBatch)+" goods per call")
	}
	seen := make(map[string]bool, len(r.Goods))
	for i, g := range r.Goods {
		p := func() string { return "goods_list[" + strconv.Itoa(i) + "]" }
		switch {
		case g.GoodsNo == "":
			return inv(p()+".goods_no", duijie.RuleRequired, "")
		case seen[g.GoodsNo]:
			return inv(p()+".goods_no", duijie.RuleConflict, "goods_no "+g.GoodsNo+" appears twice in one push")
		case len(g.Specs) == 0:
			return inv(p()+".spec_list", duijie.RuleRequired, "at least one SKU")
		case len(g.Specs) > MaxSpecsPerGoods:
			return inv(p()+".spec_list", duijie.RuleTooMany, "at most "+strconv.Itoa(MaxSpecsPerGoods)+" SKUs per goods")
		}
		seen[g.GoodsNo] = true
		specs := make(map[string]bool, len(g.Specs))
		for j, s := range g.Specs {
			q := func() string { return p() + ".spec_list[" + strconv.Itoa(j) + "].spec_no" }
			switch {
			case s.SpecNo == "":
				return inv(q(), duijie.RuleRequired, "")
			case specs[s.SpecNo]:
				return inv(q(), duijie.RuleConflict, "spec_no "+s.SpecNo+" appears twice in one goods record")
			}
			specs[s.SpecNo] = true
		}
		if limits.Check(&r.Goods[i]) != nil {
			return limits.CheckAt(p(), &r.Goods[i])
		}
	}
	return nil
}
