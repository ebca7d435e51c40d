package mapping

import (
	"strconv"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
)

// SalOutPrice picks the sales-out line field that makes the price
// including tax (FTaxPrice) of a Kingdee sales out-stock line. There is no
// default: the choice decides the revenue booked.
//
// A unit price is sent as it is, and Kingdee computes the line amount
// (FAllAmount) as price × quantity. A line amount (share_amount,
// sale_amount) is sent as FAllAmount exactly, and the price as that amount
// divided by the quantity, rounded half away from zero to SalOutPriceScale
// places, so the amount booked is the vendor's to the cent even when the
// division is not exact.
type SalOutPrice string

// Price sources of Wangdiantong sales-outs (stockout_order_query_trade
// details_list).
const (
	// SalOutSellPrice is sell_price (售价), the unit price before the
	// order's discounts are shared out.
	SalOutSellPrice SalOutPrice = "sell_price"
	// SalOutShareAmount is share_amount (分摊后金额), the line's amount after
	// the order's discounts are shared out: what the buyer paid for it.
	SalOutShareAmount SalOutPrice = "share_amount"
	// SalOutMarketPrice is market_price (市场价), the list price.
	SalOutMarketPrice SalOutPrice = "market_price"
)

// Price sources of Jushuitan sales-outs (orders/out/simple/query items).
const (
	// SalOutSalePrice is sale_price (单价), the unit price sold at.
	SalOutSalePrice SalOutPrice = "sale_price"
	// SalOutSaleAmount is sale_amount (金额), the line's amount.
	SalOutSaleAmount SalOutPrice = "sale_amount"
	// SalOutSaleBasePrice is sale_base_price (原价), the list price.
	SalOutSaleBasePrice SalOutPrice = "sale_base_price"
)

// SalOutPriceScale is the number of decimal places a price derived from a
// line amount is rounded to. The amount itself is sent exactly (FAllAmount);
// at 6 places the price times any quantity up to 10,000 stays within half a
// cent of it. Whether the site then checks the price's precision is its own
// setting (SaveOptions.IsControlPrecision, off by default).
const SalOutPriceScale = 6

// Material sources of Jushuitan sales-outs; Wangdiantong's are the
// MaterialSource constants of the sales return (spec_no, spec_code,
// goods_no).
const (
	// MaterialSKUID is sku_id (商品编码), the usual material code of a
	// Jushuitan item; the default for Jushuitan.
	MaterialSKUID MaterialSource = "sku_id"
	// MaterialItemID is i_id (款式编码), the style code.
	MaterialItemID MaterialSource = "i_id"
)

// Date sources of sales-outs; empty means the first of each vendor's list.
const (
	// DateConsign is Wangdiantong's consign_time (发货时间); its default.
	DateConsign DateSource = "consign_time"
	// DateStockCheck is Wangdiantong's stock_check_time (出库审核时间).
	DateStockCheck DateSource = "stock_check_time"
	// DateIo is Jushuitan's io_date (出库日期); its default.
	DateIo DateSource = "io_date"
	// DateCreatedAt is either vendor's created (创建时间).
	DateCreatedAt DateSource = "created"
)

// SalOutOptions are the host's choices for turning Wangdiantong or
// Jushuitan sales-outs (销售出库单) into Kingdee sales out-stock bills
// (SAL_OUTSTOCK). They are the sales return's choices (SalReturnOptions)
// where the flows agree; the price has no default.
type SalOutOptions struct {
	// BillNoPrefix goes before the sales-out's number in FBillNo, e.g. "WDT-".
	BillNoPrefix string
	// BillType is FBillTypeID; empty means kingdee.BillTypeSalOutStock.
	BillType string
	// SaleOrg is the sales organisation code (FSaleOrgId). Required.
	SaleOrg string
	// StockOrg is the shipping organisation (FStockOrgId); empty means SaleOrg.
	StockOrg string
	// Customers maps the sales-out's shop (WDT shop_no, Jushuitan shop_id)
	// to the Kingdee customer (FCustomerID): one customer per shop. Required.
	Customers Lookup
	// Materials maps the line's code to the Kingdee material; nil sends the
	// code as is.
	Materials Lookup
	// Material picks the line's code: for WDT MaterialSpecNo (default),
	// MaterialSpecCode or MaterialGoodsNo; for Jushuitan MaterialSKUID
	// (default) or MaterialItemID.
	Material MaterialSource
	// Warehouses maps the sales-out's warehouse (WDT warehouse_no,
	// Jushuitan wms_co_id) to the Kingdee warehouse (FStockID). On a miss,
	// or when nil, DefaultStock is used; with neither, a nil Warehouses
	// sends the code as is and a miss is an unmapped code.
	Warehouses Lookup
	// DefaultStock is the Kingdee warehouse used when Warehouses has no answer.
	DefaultStock string
	// Tax picks FEntryTaxRate: TaxMaterial (default: left out, the
	// material's rate applies), TaxLine (WDT's line tax_rate, a fraction
	// sent as a percent; Jushuitan publishes no line rate, so TaxLine is
	// refused for it) or TaxFixed (TaxRate on every line).
	Tax TaxSource
	// TaxRate is the rate in percent (13 for 13%) that TaxFixed sends.
	TaxRate *duijie.Amount
	// Price picks FTaxPrice (and FAllAmount for a line amount). Required;
	// see SalOutPrice for each vendor's sources.
	Price SalOutPrice
	// ZeroPriceIsGift sends any line whose chosen price is 0 as a gift
	// line (FIsFree true, FTaxPrice 0). Without it a 0 price is refused
	// unless the vendor marks the line a gift (WDT gift_type other than 0,
	// Jushuitan is_gift): the models cannot tell a 0 from a field left out.
	ZeroPriceIsGift bool
	// Date picks FDate: for WDT DateConsign (default), DateStockCheck or
	// DateCreatedAt; for Jushuitan DateIo (default) or DateCreatedAt.
	Date DateSource
}

// salOutVendor is what tells the two vendors' choices apart.
type salOutVendor struct {
	name      string
	materials []MaterialSource
	prices    []SalOutPrice
	dates     []DateSource
	lineTax   bool
}

var (
	wdtSalOut = salOutVendor{name: "Wangdiantong",
		materials: []MaterialSource{MaterialSpecNo, MaterialSpecCode, MaterialGoodsNo},
		prices:    []SalOutPrice{SalOutSellPrice, SalOutShareAmount, SalOutMarketPrice},
		dates:     []DateSource{DateConsign, DateStockCheck, DateCreatedAt}, lineTax: true}
	jstSalOut = salOutVendor{name: "Jushuitan",
		materials: []MaterialSource{MaterialSKUID, MaterialItemID},
		prices:    []SalOutPrice{SalOutSalePrice, SalOutSaleAmount, SalOutSaleBasePrice},
		dates:     []DateSource{DateIo, DateCreatedAt}}
)

// check refuses a missing or contradictory choice and one the vendor has no
// field for, and returns opt with the vendor's defaults filled in.
func (o SalOutOptions) check(v salOutVendor) (SalOutOptions, error) {
	switch {
	case o.SaleOrg == "":
		return o, invalid("SalOutOptions.SaleOrg", duijie.RuleRequired, "the sales organisation code")
	case o.Customers == nil:
		return o, invalid("SalOutOptions.Customers", duijie.RuleRequired, "the shop to customer correspondence")
	case o.Price == "":
		return o, invalid("SalOutOptions.Price", duijie.RuleRequired, "the field the price including tax comes from: it decides the revenue booked")
	case o.Tax == TaxFixed && o.TaxRate == nil:
		return o, invalid("SalOutOptions.TaxRate", duijie.RuleRequired, "TaxFixed sends this rate on every line")
	case o.Tax != TaxFixed && o.TaxRate != nil:
		return o, invalid("SalOutOptions.TaxRate", duijie.RuleConflict, "a fixed rate is sent only with Tax: TaxFixed")
	case o.TaxRate != nil && o.TaxRate.IsNegative():
		return o, invalid("SalOutOptions.TaxRate", duijie.RuleNegative, "")
	case o.Tax == TaxLine && !v.lineTax:
		return o, invalid("SalOutOptions.Tax", duijie.RuleFormat, v.name+" sales-outs carry no line tax rate: use TaxMaterial or TaxFixed")
	}
	if o.Material == "" {
		o.Material = v.materials[0]
	}
	if o.Date == "" {
		o.Date = v.dates[0]
	}
	for _, c := range []struct {
		field, v string
		ok       []string
	}{
		{"SalOutOptions.Material", string(o.Material), strs(v.materials)},
		{"SalOutOptions.Price", string(o.Price), strs(v.prices)},
		{"SalOutOptions.Date", string(o.Date), strs(v.dates)},
		{"SalOutOptions.Tax", string(o.Tax), []string{"", string(TaxMaterial), string(TaxLine), string(TaxFixed)}},
	} {
		if !contains(c.ok, c.v) {
			return o, invalid(c.field, duijie.RuleFormat, strconv.Quote(c.v)+" is not one of the "+v.name+" sources")
		}
	}
	if o.TaxRate != nil {
		rate := *o.TaxRate
		o.TaxRate = &rate
	}
	return o, nil
}

func strs[S ~string](list []S) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = string(s)
	}
	return out
}

// salOutDoc is a sales-out of either vendor, read through the options:
// each value with the source field it came from, for errors.
type salOutDoc struct {
	no, noField   string
	linesField    string
	date          duijie.Time
	dateField     string
	shop, shopFld string
	wh, whField   string
	carriage      string
	linkMan       string
	linkPhone     string
	note          string
	lines         []salOutLine
}

// salOutLine is one line of a salOutDoc.
type salOutLine struct {
	at              string // the line's path, e.g. "details_list[2]."
	key             string // the line's id in the source
	code, codeField string
	qty             duijie.Amount
	qtyField        string
	price           duijie.Amount
	priceField      string
	isAmount        bool // price is the line's amount
	gift            bool // the vendor marks the line a gift
	tax             duijie.Amount
	taxField        string
	note            string
}

// buildSalOut makes the bill of doc under opt: every unmapped code listed
// in one *UnmappedError, a 0 or negative quantity or price refused with
// the source field named, the finished bill checked by kingdee's Validate.
func buildSalOut(opt SalOutOptions, d salOutDoc) (*kingdee.SalOutStock, error) {
	if d.no == "" {
		return nil, invalid(d.noField, duijie.RuleRequired, "the sales-out number makes FBillNo")
	}
	if d.date.IsZero() {
		return nil, invalid(d.dateField, duijie.RuleRequired, "the bill date")
	}
	if len(d.lines) == 0 {
		return nil, invalid(d.linesField, duijie.RuleRequired, "at least one line")
	}
	var missing []Missing
	customer, ok := lookupOr(opt.Customers, d.shop)
	if !ok {
		missing = append(missing, Missing{Table: KindCustomers, Code: d.shop, Line: -1, Field: d.shopFld})
	}
	stock, ok := pickStock(opt.Warehouses, opt.DefaultStock, d.wh)
	if !ok {
		missing = append(missing, Missing{Table: KindWarehouses, Code: d.wh, Line: -1, Field: d.whField})
	}
	bill := &kingdee.SalOutStock{
		BillType:   kingdee.RefTo(or(opt.BillType, kingdee.BillTypeSalOutStock)),
		BillNo:     SalOutBillNo(opt.BillNoPrefix, d.no),
		Date:       d.date,
		SaleOrg:    kingdee.RefTo(opt.SaleOrg),
		StockOrg:   kingdee.RefTo(or(opt.StockOrg, opt.SaleOrg)),
		Customer:   kingdee.RefTo(customer),
		CarriageNo: d.carriage,
		LinkMan:    d.linkMan,
		LinkPhone:  d.linkPhone,
		Note:       d.note,
		Entries:    make([]kingdee.SalOutStockEntry, 0, len(d.lines)),
	}
	mapped := 0
	for i, l := range d.lines {
		switch {
		case l.qty.IsZero():
			return nil, invalid(l.at+l.qtyField, duijie.RuleRequired, "absent or 0 in the sales-out")
		case l.qty.IsNegative():
			return nil, invalid(l.at+l.qtyField, duijie.RuleRange, "must be above 0")
		case l.price.IsNegative():
			return nil, invalid(l.at+l.priceField, duijie.RuleNegative, "")
		case l.price.IsZero() && !l.gift && !opt.ZeroPriceIsGift:
			return nil, invalid(l.at+l.priceField, duijie.RuleRequired,
				"absent or 0 on a line not marked a gift; SalOutOptions.Price picks "+l.priceField+", ZeroPriceIsGift sends 0 as a gift line")
		}
		rate, err := salOutTaxRate(opt, l)
		if err != nil {
			return nil, err
		}
		material, ok := lookupOr(opt.Materials, l.code)
		if !ok {
			missing = append(missing, Missing{Table: KindGoods, Code: l.code, Line: i, Key: l.key, Field: l.at + l.codeField})
			continue
		}
		mapped++
		e := kingdee.SalOutStockEntry{
			Material: kingdee.RefTo(material),
			RealQty:  l.qty,
			TaxPrice: l.price,
			TaxRate:  rate,
			Stock:    kingdee.RefTo(stock),
			Note:     l.note,
		}
		if l.isAmount && !l.price.IsZero() {
			amount := l.price
			e.AllAmount = &amount
			e.TaxPrice = duijie.AmountFromDecimal(amount.Decimal().DivRound(l.qty.Decimal(), SalOutPriceScale))
		}
		e.IsFree = l.price.IsZero()
		bill.Entries = append(bill.Entries, e)
	}
	if err := unmapped(d.no, missing, mapped == 0); err != nil {
		return nil, err
	}
	if err := bill.Validate(); err != nil {
		return nil, err
	}
	return bill, nil
}

// salOutTaxRate is the line's FEntryTaxRate under the Tax option: nil
// leaves it to the material.
func salOutTaxRate(opt SalOutOptions, l salOutLine) (*duijie.Amount, error) {
	switch opt.Tax {
	case TaxFixed:
		rate := *opt.TaxRate
		return &rate, nil
	case TaxLine:
		return lineTaxPercent(l.tax, l.at+l.taxField, "sales-out", "SalOutOptions.Tax")
	}
	return nil, nil
}

// lineTaxPercent turns a line's tax fraction (0.13) into a percent (13),
// refusing a rate that is absent, 0, negative or not a fraction.
func lineTaxPercent(tax duijie.Amount, field, doc, option string) (*duijie.Amount, error) {
	switch {
	case tax.IsZero():
		return nil, invalid(field, duijie.RuleRequired,
			"absent or 0 in the "+doc+"; "+option+" is TaxLine (use TaxMaterial or TaxFixed for tax-exempt goods)")
	case tax.IsNegative():
		return nil, invalid(field, duijie.RuleNegative, "")
	case tax.Cmp(duijie.AmountFromInt(1)) >= 0:
		return nil, invalid(field, duijie.RuleRange, "a fraction such as 0.13 is expected, not "+tax.String())
	}
	rate := tax.Mul(hundred)
	return &rate, nil
}

// pickStock picks the Kingdee warehouse for a vendor warehouse code.
func pickStock(warehouses Lookup, def, wh string) (string, bool) {
	if warehouses != nil && wh != "" {
		if v, ok := warehouses.Lookup(wh); ok {
			return v, true
		}
	}
	if def != "" {
		return def, true
	}
	if warehouses == nil {
		return wh, wh != ""
	}
	return "", false
}
