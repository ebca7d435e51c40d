package mapping

import (
	"strconv"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/wangdiantong"
)

// MaterialSource picks the detail field whose code maps to the Kingdee
// material (FMaterialId).
type MaterialSource string

// Material sources.
const (
	// MaterialSpecNo is spec_no (商家编码), the usual material code; the default.
	MaterialSpecNo MaterialSource = "spec_no"
	// MaterialSpecCode is spec_code (规格编号).
	MaterialSpecCode MaterialSource = "spec_code"
	// MaterialGoodsNo is goods_no (货品编号).
	MaterialGoodsNo MaterialSource = "goods_no"
)

// TaxSource picks where a line's tax rate (FEntryTaxRate) comes from.
type TaxSource string

// Tax sources.
const (
	// TaxMaterial leaves FEntryTaxRate out, so Kingdee applies the rate
	// kept on each material (物料的默认税率); the default. Right when the
	// materials' rates are maintained in Kingdee, which is where finance
	// usually keeps them, and the only choice that cannot book a return at a
	// rate nobody chose.
	TaxMaterial TaxSource = "material"
	// TaxLine sends the line's own tax (税率) from WDT. WDT keeps it as a
	// fraction (0.13), so it is sent as a percent (13); a line whose tax is
	// absent or 0 is refused, since WDT sends 0 for goods whose rate was
	// never set (for tax-exempt goods keep a 0 rate on the material and use
	// TaxMaterial, or use TaxFixed), and a tax of 1 or more is refused as
	// not a fraction.
	TaxLine TaxSource = "tax"
	// TaxFixed sends SalReturnOptions.TaxRate on every line, whatever the
	// goods: for a shop that sells under one rate. 0 is sent as 0.
	TaxFixed TaxSource = "fixed"
)

// PriceSource picks the detail field sent as the price including tax
// (FTaxPrice, 含税单价). The bill's amount is that price times FRealQty, so
// pick the price that matches the quantity source.
type PriceSource string

// Price sources.
const (
	// PriceTax is tax_price (税后单价), the unit price including tax after
	// the line's discounts, the price the buyer is refunded at; the
	// default. It pairs with QtyNum: tax_price × num is the line's
	// tax_amount (税后金额).
	PriceTax PriceSource = "tax_price"
	// PriceRight is right_price (调整后单价), the price after a correction
	// of the stock-in (纠错, adjust_price). Pick it, with QtyRightNum, when
	// the warehouse corrects stock-ins after the fact.
	PriceRight PriceSource = "right_price"
	// PriceSrc is src_price (原价), the list price before any discount. It
	// credits the customer more than was paid for discounted goods; it is
	// the source QEasy's published scheme uses, kept for hosts that
	// reconcile discounts elsewhere.
	PriceSrc PriceSource = "src_price"
)

// QtySource picks the detail field sent as the returned quantity (FRealQty,
// 实退数量).
type QtySource string

// Quantity sources.
const (
	// QtyNum is num (入库数量), the quantity actually taken into stock; the
	// default, since FRealQty is what came back.
	QtyNum QtySource = "num"
	// QtyRightNum is right_num (调整后数量), the quantity after a correction
	// (纠错, adjust_num); pair it with PriceRight.
	QtyRightNum QtySource = "right_num"
	// QtyGoodsCount is goods_count (货品数量), the quantity of the refund the
	// stock-in was made for, which may differ from what arrived; the
	// source of QEasy's published scheme.
	QtyGoodsCount QtySource = "goods_count"
)

// DateSource picks the header field sent as the bill date (FDate).
type DateSource string

// Date sources.
const (
	// DateStockin is stockin_time; the default.
	DateStockin DateSource = "stockin_time"
	// DateCheck is check_time (入库审核时间).
	DateCheck DateSource = "check_time"
	// DateCreated is created_time (创建时间).
	DateCreated DateSource = "created_time"
)

// SalReturnOptions are the host's choices for turning Wangdiantong refund
// stock-ins (退货入库单) into Kingdee sales returns (销售退货单).
type SalReturnOptions struct {
	// BillNoPrefix goes before the stock-in number in FBillNo, e.g. "WDT-".
	BillNoPrefix string
	// BillType is FBillTypeID; empty means kingdee.BillTypeSalReturn.
	BillType string
	// SaleOrg is the sales organisation code (FSaleOrgId). Required.
	SaleOrg string
	// StockOrg is the stock organisation (FStockOrgId), also the lines'
	// owner; empty means SaleOrg.
	StockOrg string
	// SettleOrg is the settlement organisation (SubHeadEntity.FSettleOrgId);
	// empty means SaleOrg.
	SettleOrg string
	// Currency is the settlement currency; empty means kingdee.CurrencyCNY.
	Currency string
	// Customers maps the stock-in's shop_no to the Kingdee customer
	// (FRetcustId): one customer per shop. Required.
	Customers Lookup
	// Materials maps the detail code to the Kingdee material; nil sends
	// the code as is.
	Materials Lookup
	// Material picks the detail code; empty means MaterialSpecNo.
	Material MaterialSource
	// Warehouses maps warehouse_no to the Kingdee warehouse (FStockId).
	// On a miss, or when nil, DefaultStock is used; with neither, a nil
	// Warehouses sends warehouse_no as is and a miss is an unmapped code.
	Warehouses Lookup
	// DefaultStock is the Kingdee warehouse used when Warehouses has no answer.
	DefaultStock string
	// Tax picks FEntryTaxRate; empty means TaxMaterial (left out, the
	// material's rate applies).
	Tax TaxSource
	// TaxRate is the rate in percent (13 for 13%) that TaxFixed sends on
	// every line. It must be set with TaxFixed, and only with it.
	TaxRate *duijie.Amount
	// Price picks FTaxPrice; empty means PriceTax.
	Price PriceSource
	// Qty picks FRealQty; empty means QtyNum.
	Qty QtySource
	// ZeroPriceIsGift sends a line whose chosen price is 0 as a gift line
	// (FIsFree true, FTaxPrice 0). Without it such a line is refused: the
	// stock-in model cannot tell a price of 0 from one WDT left out.
	ZeroPriceIsGift bool
	// Date picks FDate; empty means DateStockin.
	Date DateSource
	// UseBatchNo sends batch_no as the lot (FLot), for batch-managed materials.
	UseBatchNo bool
}

func (o SalReturnOptions) check() error {
	switch {
	case o.SaleOrg == "":
		return invalid("SalReturnOptions.SaleOrg", duijie.RuleRequired, "the sales organisation code")
	case o.Customers == nil:
		return invalid("SalReturnOptions.Customers", duijie.RuleRequired, "the shop to customer correspondence")
	case o.Tax == TaxFixed && o.TaxRate == nil:
		return invalid("SalReturnOptions.TaxRate", duijie.RuleRequired, "TaxFixed sends this rate on every line")
	case o.Tax != TaxFixed && o.TaxRate != nil:
		return invalid("SalReturnOptions.TaxRate", duijie.RuleConflict, "a fixed rate is sent only with Tax: TaxFixed")
	case o.TaxRate != nil && o.TaxRate.IsNegative():
		return invalid("SalReturnOptions.TaxRate", duijie.RuleNegative, "")
	}
	for _, c := range []struct {
		field, v string
		ok       []string
	}{
		{"SalReturnOptions.Material", string(o.Material), []string{"", string(MaterialSpecNo), string(MaterialSpecCode), string(MaterialGoodsNo)}},
		{"SalReturnOptions.Tax", string(o.Tax), []string{"", string(TaxMaterial), string(TaxLine), string(TaxFixed)}},
		{"SalReturnOptions.Price", string(o.Price), []string{"", string(PriceTax), string(PriceRight), string(PriceSrc)}},
		{"SalReturnOptions.Qty", string(o.Qty), []string{"", string(QtyNum), string(QtyRightNum), string(QtyGoodsCount)}},
		{"SalReturnOptions.Date", string(o.Date), []string{"", string(DateStockin), string(DateCheck), string(DateCreated)}},
	} {
		if !contains(c.ok, c.v) {
			return invalid(c.field, duijie.RuleFormat, strconv.Quote(c.v)+" is not one of the listed sources")
		}
	}
	return nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// SalReturnBillNo is the FBillNo of the sales return made from the
// stock-in numbered stockinNo: prefix + stockinNo. A replay of the same
// stock-in therefore carries the same number, which Kingdee refuses to save
// twice and kingdee's save lookup finds.
func SalReturnBillNo(prefix, stockinNo string) string { return prefix + stockinNo }

// SalReturnConverter turns Wangdiantong refund stock-ins into Kingdee sales
// returns with options checked once, when it is made. It only reads its
// options and lookups, so one converter may serve many goroutines when the
// lookups may.
type SalReturnConverter struct {
	opt SalReturnOptions
}

// NewSalReturnConverter checks the host's choices and returns the
// converter. A missing required choice (SaleOrg, Customers, TaxRate with
// TaxFixed), a TaxRate without TaxFixed and an unknown source are a
// *ValidationError naming the option, before any stock-in is read.
func NewSalReturnConverter(opt SalReturnOptions) (*SalReturnConverter, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	if opt.TaxRate != nil {
		rate := *opt.TaxRate
		opt.TaxRate = &rate
	}
	return &SalReturnConverter{opt: opt}, nil
}

// RefundStockinToSalReturn turns one refund stock-in into one sales return
// with the given options: NewSalReturnConverter(opt) and then Convert(s).
// Hosts converting many stock-ins make the converter once instead.
func RefundStockinToSalReturn(s *wangdiantong.RefundStockin, opt SalReturnOptions) (*kingdee.SalReturnStock, error) {
	c, err := NewSalReturnConverter(opt)
	if err != nil {
		return nil, err
	}
	return c.Convert(s)
}

// Convert turns one refund stock-in into one sales return bill (form
// kingdee.FormSalReturnStock). Field for field:
//
//	FBillTypeID         BillType (XSTHD01_SYS)
//	FBillNo             BillNoPrefix + order_no (stockin_no when order_no is empty)
//	FDate               stockin_time (or the Date option)
//	FSaleOrgId          SaleOrg
//	FStockOrgId         StockOrg
//	FRetcustId          shop_no through Customers
//	FHeadNote           refund_remark
//	SubHeadEntity       FSettleOrgId SettleOrg, FSettleCurrId Currency, FThirdBillNo order_no
//	FEntity, per details_list line:
//	  FRowType          Standard
//	  FMaterialId       spec_no (or the Material option) through Materials
//	  FRealQty          the Qty option:   num (default) | right_num | goods_count; above 0
//	  FTaxPrice         the Price option: tax_price (default) | right_price | src_price; above 0
//	                    unless ZeroPriceIsGift
//	  FIsFree           true only for a 0 price with ZeroPriceIsGift
//	  FEntryTaxRate     the Tax option:   left out (default, the material's rate)
//	                    | tax × 100 | TaxRate
//	  FStockId          warehouse_no through Warehouses, else DefaultStock
//	  FNote             remark
//	  FReturnType       THLX01_SYS
//	  FOwnerTypeId      BD_OwnerOrg, FOwnerId StockOrg
//	  FStockstatusId    KCZT01_SYS
//	  FLot              batch_no, with UseBatchNo
//	  FThirdEntryId     rec_id
//
// No tax rate, price or quantity is sent that the host did not choose:
// wangdiantong decodes a field WDT left out as 0, so a chosen quantity,
// price or line tax that is 0 refuses the stock-in with a *ValidationError
// naming the field, e.g. "details_list[0].num" (required: absent or 0).
//
// Every unmapped code (customer, warehouse, each line's material) is listed
// in one *UnmappedError. A stock-in without number, date or lines is a
// *ValidationError too; the finished bill is also checked with kingdee's
// own Validate.
func (c *SalReturnConverter) Convert(s *wangdiantong.RefundStockin) (*kingdee.SalReturnStock, error) {
	opt := c.opt
	if s == nil {
		return nil, invalid("RefundStockin", duijie.RuleRequired, "")
	}
	no := string(s.OrderNo)
	if no == "" {
		no = string(s.StockinNo)
	}
	if no == "" {
		return nil, invalid("order_no", duijie.RuleRequired, "the stock-in number makes FBillNo")
	}
	date, dateField := s.StockinTime, "stockin_time"
	switch opt.Date {
	case DateCheck:
		date, dateField = s.CheckTime, "check_time"
	case DateCreated:
		date, dateField = s.CreatedTime, "created_time"
	}
	if date.IsZero() {
		return nil, invalid(dateField, duijie.RuleRequired, "the bill date")
	}
	if len(s.Details) == 0 {
		return nil, invalid("details_list", duijie.RuleRequired, "at least one line")
	}
	var missing []Missing
	customer, ok := lookupOr(opt.Customers, string(s.ShopNo))
	if !ok {
		missing = append(missing, Missing{Table: KindCustomers, Code: string(s.ShopNo), Line: -1, Field: "shop_no"})
	}
	stock, ok := pickStock(opt.Warehouses, opt.DefaultStock, string(s.WarehouseNo))
	if !ok {
		missing = append(missing, Missing{Table: KindWarehouses, Code: string(s.WarehouseNo), Line: -1, Field: "warehouse_no"})
	}
	stockOrg := or(opt.StockOrg, opt.SaleOrg)
	bill := &kingdee.SalReturnStock{
		BillType: kingdee.RefTo(or(opt.BillType, kingdee.BillTypeSalReturn)),
		BillNo:   SalReturnBillNo(opt.BillNoPrefix, no),
		Date:     date,
		SaleOrg:  kingdee.RefTo(opt.SaleOrg),
		Customer: kingdee.RefTo(customer),
		StockOrg: kingdee.RefTo(stockOrg),
		HeadNote: string(s.RefundRemark),
		Finance: &kingdee.SalReturnFinance{
			SettleCurrency: kingdee.RefTo(or(opt.Currency, kingdee.CurrencyCNY)),
			SettleOrg:      kingdee.RefTo(or(opt.SettleOrg, opt.SaleOrg)),
			ThirdBillNo:    no,
		},
		Entries: make([]kingdee.SalReturnEntry, 0, len(s.Details)),
	}
	mapped := 0
	for i, d := range s.Details {
		at := "details_list[" + strconv.Itoa(i) + "]."
		code, codeField := materialCode(d, opt.Material)
		qty, qtyField := salReturnQty(d, opt.Qty)
		switch {
		case qty.IsZero():
			return nil, invalid(at+qtyField, duijie.RuleRequired, "absent or 0 in the stock-in; SalReturnOptions.Qty picks "+qtyField)
		case qty.IsNegative():
			return nil, invalid(at+qtyField, duijie.RuleRange, "must be above 0")
		}
		price, priceField := salReturnPrice(d, opt.Price)
		switch {
		case price.IsZero() && !opt.ZeroPriceIsGift:
			return nil, invalid(at+priceField, duijie.RuleRequired,
				"absent or 0 in the stock-in; SalReturnOptions.Price picks "+priceField+", ZeroPriceIsGift sends 0 as a gift line")
		case price.IsNegative():
			return nil, invalid(at+priceField, duijie.RuleNegative, "")
		}
		rate, err := salReturnTaxRate(d, opt, at)
		if err != nil {
			return nil, err
		}
		material, ok := lookupOr(opt.Materials, code)
		if !ok {
			missing = append(missing, Missing{Table: KindGoods, Code: code, Line: i, Key: string(d.RecID), Field: at + codeField})
			continue
		}
		mapped++
		e := kingdee.SalReturnEntry{
			RowType:      kingdee.RowTypeStandard,
			Material:     kingdee.RefTo(material),
			RealQty:      qty,
			TaxPrice:     price,
			IsFree:       price.IsZero(),
			TaxRate:      rate,
			ReturnType:   kingdee.RefTo(kingdee.ReturnTypeReturn),
			OwnerType:    kingdee.OwnerTypeOrg,
			Owner:        kingdee.RefTo(stockOrg),
			Stock:        kingdee.RefTo(stock),
			StockStatus:  kingdee.RefTo(kingdee.StockStatusAvailable),
			Note:         string(d.Remark),
			ThirdEntryID: string(d.RecID),
		}
		if opt.UseBatchNo {
			e.Lot = kingdee.RefTo(string(d.BatchNo))
		}
		bill.Entries = append(bill.Entries, e)
	}
	if err := unmapped(no, missing, mapped == 0); err != nil {
		return nil, err
	}
	if err := bill.Validate(); err != nil {
		return nil, err
	}
	return bill, nil
}

// hundred turns a fraction into a percent.
var hundred = duijie.AmountFromInt(100)

// salReturnTaxRate is the line's FEntryTaxRate under the Tax option: nil
// leaves it to the material.
func salReturnTaxRate(d wangdiantong.RefundStockinDetail, opt SalReturnOptions, at string) (*duijie.Amount, error) {
	switch opt.Tax {
	case TaxFixed:
		rate := *opt.TaxRate
		return &rate, nil
	case TaxLine:
		return lineTaxPercent(d.Tax, at+"tax", "stock-in", "SalReturnOptions.Tax")
	}
	return nil, nil
}

func materialCode(d wangdiantong.RefundStockinDetail, src MaterialSource) (string, string) {
	switch src {
	case MaterialSpecCode:
		return string(d.SpecCode), "spec_code"
	case MaterialGoodsNo:
		return string(d.GoodsNo), "goods_no"
	}
	return string(d.SpecNo), "spec_no"
}

func salReturnQty(d wangdiantong.RefundStockinDetail, src QtySource) (duijie.Amount, string) {
	switch src {
	case QtyGoodsCount:
		return d.GoodsCount, "goods_count"
	case QtyRightNum:
		return d.RightNum, "right_num"
	}
	return d.Num, "num"
}

func salReturnPrice(d wangdiantong.RefundStockinDetail, src PriceSource) (duijie.Amount, string) {
	switch src {
	case PriceRight:
		return d.RightPrice, "right_price"
	case PriceSrc:
		return d.SrcPrice, "src_price"
	}
	return d.TaxPrice, "tax_price"
}
