package jushuitan

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/duijie/duijie"
)

// Caps of the goods operations (jst-java JstQuerySkuRequest and
// JstUploadItemSkuRequest Javadoc, copied from the vendor's doc).
const (
	// MaxSKUPageSize is the most SKUs per page of /open/sku/query (默认30，最大50).
	MaxSKUPageSize = 50
	// MaxSKUIDs is the most sku_ids per SKU query (最多20).
	MaxSKUIDs = 20
)

// SKUDateField says which time a SKU query's range bounds (date_field).
type SKUDateField string

// SKU date fields; the zero value leaves date_field out, and the vendor then
// bounds modified.
const (
	// SKUModified bounds the last change (the vendor's default).
	SKUModified SKUDateField = "modified"
	// SKUCreated bounds the creation time.
	SKUCreated SKUDateField = "created"
)

// SKUQuery filters /open/sku/query (普通商品资料查询, by SKU). Give a
// modified range, SKUIDs, a name or SKUCodes. The vendor advises ranges of
// an hour: the shorter, the faster.
type SKUQuery struct {
	// ModifiedBegin and ModifiedEnd: both or neither, at most 7 days apart
	// for QuerySKUs (SKUs cuts longer ranges).
	ModifiedBegin, ModifiedEnd time.Time
	// DateField says which time the range bounds; "" leaves it to the
	// vendor (modified).
	DateField SKUDateField
	// SKUIDs are 商品编码, at most 20 (sent comma-joined).
	SKUIDs []string
	// ExactlyName finds one name exactly; Name one name by part.
	ExactlyName string
	// Name finds SKUs whose name contains it.
	Name string
	// IIDs are 款式编码.
	IIDs []string
	// Fields asks for extra fields, e.g. purchase_price (sent comma-joined as flds).
	Fields []string
	// SKUCodes are auxiliary codes (辅助码, sent comma-joined).
	SKUCodes []string
	// PageIndex is the page, from 1 (0 means 1).
	PageIndex int
	// PageSize is SKUs per page, at most 50 (0 means the vendor's 30).
	PageSize int
}

// SKU is one ordinary goods record (普通商品资料) by SKU. Fields are the
// datas of jst-java JstQuerySkuResponse.
type SKU struct {
	// SKUID is 商品编码; IID 款式编码.
	SKUID string `json:"sku_id"`
	// IID is 款式编码.
	IID string `json:"i_id"`
	// AutoID is the ERP's own id, stable when the SKU id is changed.
	AutoID duijie.Int64 `json:"autoid"`
	// Name is the product name, ShortName its short name.
	Name string `json:"name"`
	// ShortName is 商品简称.
	ShortName string `json:"short_name"`
	// PropertiesValue is the colour and size text; Color the colour.
	PropertiesValue string `json:"properties_value"`
	// Color is the colour.
	Color string `json:"color"`
	// SalePrice, CostPrice and MarketPrice are the prices.
	SalePrice duijie.Amount `json:"sale_price"`
	// CostPrice is the cost price.
	CostPrice duijie.Amount `json:"cost_price"`
	// MarketPrice is the list price.
	MarketPrice duijie.Amount `json:"market_price"`
	// CID is the category id, Category its name, VcName the virtual category.
	CID duijie.Int64 `json:"c_id"`
	// Category is the category.
	Category string `json:"category"`
	// VcName is the virtual category.
	VcName string `json:"vc_name"`
	// Brand is the brand.
	Brand string `json:"brand"`
	// Pic and PicBig are picture URLs.
	Pic string `json:"pic"`
	// PicBig is the large picture.
	PicBig string `json:"pic_big"`
	// Enabled is 1 in use, 0 spare, -1 disabled.
	Enabled duijie.Int64 `json:"enabled"`
	// Weight is the weight; L, W and H the dimensions.
	Weight duijie.Amount `json:"weight"`
	// L is the length.
	L duijie.Amount `json:"l"`
	// W is the width.
	W duijie.Amount `json:"w"`
	// H is the height.
	H duijie.Amount `json:"h"`
	// SupplierID and SupplierName are the supplier.
	SupplierID duijie.Text `json:"supplier_id"`
	// SupplierName is the supplier's name.
	SupplierName string `json:"supplier_name"`
	// SupplierSKUID and SupplierIID are the supplier's codes.
	SupplierSKUID string `json:"supplier_sku_id"`
	// SupplierIID is the supplier's style code.
	SupplierIID string `json:"supplier_i_id"`
	// SKUCode is the national barcode (国标码); SKUCodes the auxiliary codes.
	SKUCode string `json:"sku_code"`
	// SKUCodes are the auxiliary codes (辅助码).
	SKUCodes string `json:"sku_codes"`
	// SKUType is the goods type; ItemType 成品, 半成品, 原材料 or 包材.
	SKUType string `json:"sku_type"`
	// ItemType is the goods attribute.
	ItemType string `json:"item_type"`
	// Unit is the unit.
	Unit string `json:"unit"`
	// ShelfLife is the shelf life.
	ShelfLife duijie.Int64 `json:"shelf_life"`
	// Labels are the tags, comma-joined.
	Labels string `json:"labels"`
	// Remark is the remark.
	Remark string `json:"remark"`
	// StockDisabled is 0 synced, 1 not synced, 2 partly.
	StockDisabled duijie.Int64 `json:"stock_disabled"`
	// StockType is the link sync state.
	StockType string `json:"stock_type"`
	// ProductionLicence is the production licence.
	ProductionLicence string `json:"production_licence"`
	// IsSeriesNumber says serial numbers are on.
	IsSeriesNumber duijie.Bool `json:"is_series_number"`
	// BatchEnabled says production batches are on, as sent.
	BatchEnabled duijie.Text `json:"batch_enabled"`
	// Creator is who made it; Created when, Modified the last change.
	Creator duijie.Int64 `json:"creator"`
	// Created is when it was made.
	Created duijie.Time `json:"created"`
	// Modified is its last change.
	Modified duijie.Time `json:"modified"`
	// OtherPrice1 to OtherPrice10 are the other prices (其他价格).
	OtherPrice1 duijie.Amount `json:"other_price_1"`
	// OtherPrice2 is 其他价格2.
	OtherPrice2 duijie.Amount `json:"other_price_2"`
	// OtherPrice3 is 其他价格3.
	OtherPrice3 duijie.Amount `json:"other_price_3"`
	// OtherPrice4 is 其他价格4.
	OtherPrice4 duijie.Amount `json:"other_price_4"`
	// OtherPrice5 is 其他价格5.
	OtherPrice5 duijie.Amount `json:"other_price_5"`
	// OtherPrice6 is 其他价格6.
	OtherPrice6 duijie.Amount `json:"other_price_6"`
	// OtherPrice7 is 其他价格7.
	OtherPrice7 duijie.Amount `json:"other_price_7"`
	// OtherPrice8 is 其他价格8.
	OtherPrice8 duijie.Amount `json:"other_price_8"`
	// OtherPrice9 is 其他价格9.
	OtherPrice9 duijie.Amount `json:"other_price_9"`
	// OtherPrice10 is 其他价格10.
	OtherPrice10 duijie.Amount `json:"other_price_10"`
	// Other1 to Other10 are the other attributes (其他属性).
	Other1 string `json:"other_1"`
	// Other2 is 其他属性2.
	Other2 string `json:"other_2"`
	// Other3 is 其他属性3.
	Other3 string `json:"other_3"`
	// Other4 is 其他属性4.
	Other4 string `json:"other_4"`
	// Other5 is 其他属性5.
	Other5 string `json:"other_5"`
	// Other6 is 其他属性6.
	Other6 string `json:"other_6"`
	// Other7 is 其他属性7.
	Other7 string `json:"other_7"`
	// Other8 is 其他属性8.
	Other8 string `json:"other_8"`
	// Other9 is 其他属性9.
	Other9 string `json:"other_9"`
	// Other10 is 其他属性10.
	Other10 string `json:"other_10"`
}

type skuWire struct {
	PageIndex     int      `json:"page_index,omitempty"`
	PageSize      int      `json:"page_size,omitempty"`
	ModifiedBegin string   `json:"modified_begin,omitempty"`
	ModifiedEnd   string   `json:"modified_end,omitempty"`
	SKUIDs        string   `json:"sku_ids,omitempty"`
	ExactlyName   string   `json:"exactly_name,omitempty"`
	Name          string   `json:"name,omitempty"`
	IIDs          []string `json:"i_ids,omitempty"`
	DateField     string   `json:"date_field,omitempty"`
	Fields        string   `json:"flds,omitempty"`
	SKUCodes      string   `json:"sku_codes,omitempty"`
}

// QuerySKUs calls /open/sku/query (legacy sku.query, 普通商品资料查询) for
// one page of SKUs. Fields and caps come from jst-java's JstQuerySkuRequest
// and Response, whose Javadoc copies the vendor's doc (docType=2,
// docId=14): page_size at most 50, sku_ids at most 20, a modified range of
// at most 7 days (the vendor advises an hour); no ts cursor. The page's
// Items are the answer's datas (an answer without them is an error
// matching ErrMissingList), Total its data_count, -1 when absent. Safe to
// replay: it is a read.
func (c *Client) QuerySKUs(ctx context.Context, q *SKUQuery) (*duijie.Page[SKU], error) {
	if q == nil {
		q = &SKUQuery{}
	}
	op := table[opQuerySKUs]
	if err := checkPage(q.PageIndex, q.PageSize, c.pageMax(op)); err != nil {
		return nil, err
	}
	if err := checkWindow(op, q.ModifiedBegin, q.ModifiedEnd); err != nil {
		return nil, err
	}
	// sku_ids, flds and sku_codes travel comma-joined, i_ids as an array.
	for _, l := range []struct {
		field string
		list  []string
		max   int
	}{{"sku_ids", q.SKUIDs, MaxSKUIDs}, {"flds", q.Fields, 0}, {"sku_codes", q.SKUCodes, 0}} {
		if err := checkList(l.field, l.list, l.max); err != nil {
			return nil, err
		}
	}
	if err := checkArray("i_ids", q.IIDs, 0); err != nil {
		return nil, err
	}
	switch {
	case q.DateField != "" && q.DateField != SKUModified && q.DateField != SKUCreated:
		return nil, duijie.Invalid(vendor, "date_field", duijie.RuleFormat, "created or modified")
	case q.ModifiedBegin.IsZero() && len(q.SKUIDs) == 0 && q.ExactlyName == "" && q.Name == "" && len(q.SKUCodes) == 0:
		return nil, duijie.Invalid(vendor, "modified_begin", duijie.RuleRequired, "give a modified range, sku_ids, a name or sku_codes")
	}
	w := windowOf(q.ModifiedBegin, q.ModifiedEnd)
	wire := &skuWire{PageIndex: q.PageIndex, PageSize: q.PageSize, ModifiedBegin: w.ModifiedBegin, ModifiedEnd: w.ModifiedEnd,
		SKUIDs: strings.Join(q.SKUIDs, ","), ExactlyName: q.ExactlyName, Name: q.Name, IIDs: q.IIDs, DateField: string(q.DateField),
		Fields: strings.Join(q.Fields, ","), SKUCodes: strings.Join(q.SKUCodes, ",")}
	return queryList[SKU](ctx, c, op, wire, q.PageIndex, q.PageSize)
}

// SKUs walks every page of QuerySKUs, and every 7-day window when the range
// is longer. The request is copied; PageSize 0 means the maximum, 50.
func (c *Client) SKUs(ctx context.Context, q *SKUQuery) iter.Seq2[SKU, error] {
	op := table[opQuerySKUs]
	base := SKUQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(op)
	}
	stamp := func(s SKU) time.Time {
		if base.DateField == SKUCreated {
			return s.Created.Time
		}
		return s.Modified.Time
	}
	return pages(ctx, op, base, base.ModifiedBegin, base.ModifiedEnd, func(s SKU) string { return s.SKUID }, stamp,
		func(q *SKUQuery, p int) { q.PageIndex = p },
		func(q *SKUQuery, from, to time.Time) { q.ModifiedBegin, q.ModifiedEnd = from, to },
		c.QuerySKUs)
}

// SKUUpload is one SKU for /open/jushuitan/itemsku/upload (普通商品资料上传).
// Fields are jst-java's JstUploadItemSkuRequest items; the vendor marks
// most of them 可更新 (an upload of a known sku_id updates them). Empty
// optional fields are left out of the JSON; the optional flags are
// pointers, so that an update leaves a flag alone unless it is set.
type SKUUpload struct {
	// SKUID is 商品编码; required, unique within the request.
	SKUID string
	// IID is 款式编码.
	IID string
	// Name is the product name, ShortName its short name.
	Name, ShortName string
	// PropertiesValue is the colour and size text, at most 100 characters.
	PropertiesValue string
	// Brand, VcName (virtual category) and CName (a leaf of the category tree).
	Brand, VcName, CName string
	// ItemType is 成品, 半成品, 原材料 or 包材.
	ItemType string
	// SPrice is the base sale price, CPrice the cost, MarketPrice the list
	// price, PurchasePrice the purchase price; zero leaves them out.
	SPrice, CPrice, MarketPrice, PurchasePrice duijie.Amount
	// OtherPrice1 to OtherPrice5 are the other prices; zero leaves them out.
	OtherPrice1, OtherPrice2, OtherPrice3, OtherPrice4, OtherPrice5 duijie.Amount
	// Other1 to Other5 are the other attributes.
	Other1, Other2, Other3, Other4, Other5 string
	// Weight, L, W and H; zero leaves them out.
	Weight, L, W, H duijie.Amount
	// Pic (style picture), PicBig and SKUPic are URLs of at most 300 bytes (varchar(300)).
	Pic, PicBig, SKUPic string
	// Remark is the remark.
	Remark string
	// Enabled is 1 in use (the vendor's default), 0 spare, -1 disabled; nil leaves it out.
	Enabled *int
	// SupplierName, SupplierSKUID and SupplierIID are the supplier's.
	SupplierName, SupplierSKUID, SupplierIID string
	// SKUCode is the national barcode (国标码); OtherCode the auxiliary codes, at most 500.
	SKUCode, OtherCode string
	// Unit is the unit.
	Unit string
	// StockDisabled stops stock sync; nil leaves it out.
	StockDisabled *bool
	// BatchEnabled turns production batches on; nil leaves it out.
	BatchEnabled *bool
	// IsSeriesNumber turns serial numbers on; nil leaves it out.
	IsSeriesNumber *bool
	// Labels are tags to add, DeletedLabels tags to remove.
	Labels, DeletedLabels []string
	// ShelfLife is the shelf life in days, more than 0; 0 leaves it out.
	ShelfLife int
	// HandDay, RejectLifecycle, LockupLifecycle and AdventLifecycle are the
	// near-expiry, refuse-receipt, stop-sale and warning days; 0 leaves them out.
	HandDay, RejectLifecycle, LockupLifecycle, AdventLifecycle int
	// ProductionLicence is the production licence.
	ProductionLicence string
}

// UploadSKUsRequest carries the SKUs of one upload.
type UploadSKUsRequest struct {
	// SKUs are the goods records, at least one, each sku_id once.
	SKUs []SKUUpload
	// IsNormal makes the vendor skip (with an error) a SKU that is a combo
	// (组合装); it is always sent.
	IsNormal bool
}

type skuUploadWire struct {
	SKUID             string      `json:"sku_id" limit:"id"`
	IID               string      `json:"i_id,omitempty" limit:"id"`
	Brand             string      `json:"brand,omitempty"`
	VcName            string      `json:"vc_name,omitempty"`
	CName             string      `json:"c_name,omitempty"`
	SPrice            json.Number `json:"s_price,omitzero"`
	ItemType          string      `json:"item_type,omitempty" limit:"enum=成品|半成品|原材料|包材"`
	L                 json.Number `json:"l,omitzero"`
	W                 json.Number `json:"w,omitzero"`
	H                 json.Number `json:"h,omitzero"`
	Pic               string      `json:"pic,omitempty" limit:"maxbytes=300"`
	PicBig            string      `json:"pic_big,omitempty" limit:"maxbytes=300"`
	SKUPic            string      `json:"sku_pic,omitempty" limit:"maxbytes=300"`
	Name              string      `json:"name,omitempty"`
	Remark            string      `json:"remark,omitempty"`
	PropertiesValue   string      `json:"properties_value,omitempty" limit:"max=100"`
	ShortName         string      `json:"short_name,omitempty"`
	Weight            json.Number `json:"weight,omitzero"`
	Enabled           *int        `json:"enabled,omitempty"`
	SupplierName      string      `json:"supplier_name,omitempty"`
	SKUCode           string      `json:"sku_code,omitempty"`
	SupplierSKUID     string      `json:"supplier_sku_id,omitempty"`
	SupplierIID       string      `json:"supplier_i_id,omitempty"`
	OtherPrice1       json.Number `json:"other_price_1,omitzero"`
	OtherPrice2       json.Number `json:"other_price_2,omitzero"`
	OtherPrice3       json.Number `json:"other_price_3,omitzero"`
	OtherPrice4       json.Number `json:"other_price_4,omitzero"`
	OtherPrice5       json.Number `json:"other_price_5,omitzero"`
	Other1            string      `json:"other_1,omitempty"`
	Other2            string      `json:"other_2,omitempty"`
	Other3            string      `json:"other_3,omitempty"`
	Other4            string      `json:"other_4,omitempty"`
	Other5            string      `json:"other_5,omitempty"`
	StockDisabled     *bool       `json:"stock_disabled,omitempty"`
	CPrice            json.Number `json:"c_price,omitzero"`
	MarketPrice       json.Number `json:"market_price,omitzero"`
	Unit              string      `json:"unit,omitempty"`
	Labels            []string    `json:"labels,omitempty"`
	BatchEnabled      *bool       `json:"batch_enabled,omitempty"`
	IsSeriesNumber    *bool       `json:"is_series_number,omitempty"`
	OtherCode         string      `json:"other_code,omitempty" limit:"max=500"`
	ShelfLife         int         `json:"shelf_life,omitempty"`
	HandDay           int         `json:"hand_day,omitempty"`
	RejectLifecycle   int         `json:"reject_lifecycle,omitempty"`
	LockupLifecycle   int         `json:"lockup_lifecycle,omitempty"`
	AdventLifecycle   int         `json:"advent_lifecycle,omitempty"`
	DeletedLabels     []string    `json:"deletedlabels,omitempty"`
	ProductionLicence string      `json:"production_licence,omitempty"`
	PurchasePrice     json.Number `json:"purchase_price,omitzero"`
}

type skuUploadsWire struct {
	Items    []skuUploadWire `json:"items"`
	IsNormal bool            `json:"is_normal"`
}

// priceField is one amount of a SKU upload: its wire name, its value and
// where its wire form goes.
type priceField struct {
	field string
	v     duijie.Amount
	out   *json.Number
}

// amountsWire checks amounts in order (not negative, at most scale places)
// and writes them; zero amounts are written as "" for omitzero.
func amountsWire(prefix string, scale int32, fields []priceField) error {
	for _, f := range fields {
		if bad := checkAmount(f.v, scale); bad != nil {
			return duijie.Invalid(vendor, prefix+f.field, bad.rule, bad.detail)
		}
		*f.out = fixedOrEmpty(f.v, scale)
	}
	return nil
}

func (s *SKUUpload) wire(i int) (skuUploadWire, error) {
	prefix := "items[" + strconv.Itoa(i) + "]."
	w := skuUploadWire{SKUID: s.SKUID, IID: s.IID, Brand: s.Brand, VcName: s.VcName, CName: s.CName, ItemType: s.ItemType,
		Pic: s.Pic, PicBig: s.PicBig, SKUPic: s.SKUPic, Name: s.Name, Remark: s.Remark, PropertiesValue: s.PropertiesValue,
		ShortName: s.ShortName, Enabled: s.Enabled, SupplierName: s.SupplierName, SKUCode: s.SKUCode, SupplierSKUID: s.SupplierSKUID,
		SupplierIID: s.SupplierIID, Other1: s.Other1, Other2: s.Other2, Other3: s.Other3, Other4: s.Other4, Other5: s.Other5,
		StockDisabled: s.StockDisabled, Unit: s.Unit, Labels: s.Labels, BatchEnabled: s.BatchEnabled, IsSeriesNumber: s.IsSeriesNumber,
		OtherCode: s.OtherCode, ShelfLife: s.ShelfLife, HandDay: s.HandDay, RejectLifecycle: s.RejectLifecycle,
		LockupLifecycle: s.LockupLifecycle, AdventLifecycle: s.AdventLifecycle, DeletedLabels: s.DeletedLabels,
		ProductionLicence: s.ProductionLicence}
	switch {
	case strings.TrimSpace(s.SKUID) == "":
		return w, duijie.Invalid(vendor, prefix+"sku_id", duijie.RuleRequired, "")
	case s.Enabled != nil && (*s.Enabled < -1 || *s.Enabled > 1):
		return w, duijie.Invalid(vendor, prefix+"enabled", duijie.RuleRange, "-1 (disabled), 0 (spare) or 1 (in use)")
	case s.ShelfLife < 0 || s.HandDay < 0 || s.RejectLifecycle < 0 || s.LockupLifecycle < 0 || s.AdventLifecycle < 0:
		return w, duijie.Invalid(vendor, prefix+"shelf_life", duijie.RuleNegative, "shelf_life and the lifecycle days are not negative")
	}
	// Prices with up to 4 places, as the order upload's prices; the notes
	// give no scale for goods prices or dimensions.
	err := amountsWire(prefix, 4, []priceField{{"s_price", s.SPrice, &w.SPrice}, {"c_price", s.CPrice, &w.CPrice},
		{"market_price", s.MarketPrice, &w.MarketPrice}, {"purchase_price", s.PurchasePrice, &w.PurchasePrice},
		{"other_price_1", s.OtherPrice1, &w.OtherPrice1}, {"other_price_2", s.OtherPrice2, &w.OtherPrice2},
		{"other_price_3", s.OtherPrice3, &w.OtherPrice3}, {"other_price_4", s.OtherPrice4, &w.OtherPrice4},
		{"other_price_5", s.OtherPrice5, &w.OtherPrice5}, {"weight", s.Weight, &w.Weight}, {"l", s.L, &w.L}, {"w", s.W, &w.W}, {"h", s.H, &w.H}})
	return w, err
}

// skuRow is one SKU's outcome in the upload answer (datas[]).
type skuRow struct {
	IsSuccess json.RawMessage `json:"is_success"`
	SKUID     string          `json:"sku_id"`
	Msg       string          `json:"msg"`
}

// UploadSKUs calls /open/jushuitan/itemsku/upload (legacy
// jushuitan.itemsku.upload, 普通商品资料上传) with SKUs. Fields come from
// jst-java's JstUploadItemSkuRequest and Response, whose Javadoc copies the
// vendor's doc (docType=2, docId=4). The vendor answers every SKU on its
// own (datas with is_success and sku_id): the response has one result per
// SKU, matched by sku_id, and a *duijie.BatchError lists the SKUs that
// failed or that the answer does not account for (of unknown outcome).
//
// Not replayed after an unclear outcome: the vendor marks the fields
// updatable (可更新), so an upload of a known sku_id is inferred to update
// it (breadth.md §4.2), but no de-duplication is documented. Throttled
// calls (codes 199, 200) are retried. After an error that may have reached
// the vendor, look the SKUs up with QuerySKUs by SKUIDs, or upload them
// again if an update is acceptable.
func (c *Client) UploadSKUs(ctx context.Context, req *UploadSKUsRequest) (*WriteResults, error) {
	if req == nil || len(req.SKUs) == 0 {
		return nil, duijie.Invalid(vendor, "items", duijie.RuleRequired, "at least one SKU")
	}
	op := table[opUploadSKUs]
	w := &skuUploadsWire{Items: make([]skuUploadWire, len(req.SKUs)), IsNormal: req.IsNormal}
	keys := make([]string, len(req.SKUs))
	seen := make(map[string]int, len(req.SKUs))
	for i := range req.SKUs {
		sw, err := req.SKUs[i].wire(i)
		if err != nil {
			return nil, err
		}
		if j, dup := seen[sw.SKUID]; dup {
			return nil, duijie.Invalid(vendor, fmt.Sprintf("items[%d].sku_id", i), duijie.RuleConflict, fmt.Sprintf("same as items[%d]", j))
		}
		seen[sw.SKUID] = i
		w.Items[i], keys[i] = sw, sw.SKUID
	}
	if err := limits.Check(w); err != nil {
		return nil, err
	}
	ans := &rowsAnswer[skuRow]{keys: op.listKeys}
	if err := c.invoke(ctx, op, w, ans); err != nil {
		return nil, err
	}
	rows := make([]answerRow, len(ans.rows))
	for i, r := range ans.rows {
		rows[i] = answerRow{key: r.SKUID, ok: r.IsSuccess, msg: r.Msg}
	}
	return matchRows(c.name(op), keys, rows, "the answer has no outcome for this SKU: it may have arrived; look it up with QuerySKUs")
}
