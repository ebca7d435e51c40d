package mapping

import (
	"strconv"

	"github.com/duijie/duijie/internal/apierr"
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

// PriceSource picks the detail field sent as the price including tax (FTaxPrice).
type PriceSource string

// Price sources.
const (
	// PriceSrc is src_price (原价); the default.
	PriceSrc PriceSource = "src_price"
	// PriceRight is right_price (调整后单价).
	PriceRight PriceSource = "right_price"
	// PriceTax is tax_price (税后单价).
	PriceTax PriceSource = "tax_price"
)

// QtySource picks the detail field sent as the returned quantity (FRealQty).
type QtySource string

// Quantity sources.
const (
	// QtyGoodsCount is goods_count (货品数量); the default.
	QtyGoodsCount QtySource = "goods_count"
	// QtyNum is num (入库数量).
	QtyNum QtySource = "num"
	// QtyRightNum is right_num (调整后数量).
	QtyRightNum QtySource = "right_num"
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
	// TaxRate is FEntryTaxRate in percent (13 for 13%), on every line.
	TaxRate Amount
	// Price picks FTaxPrice; empty means PriceSrc.
	Price PriceSource
	// Qty picks FRealQty; empty means QtyGoodsCount.
	Qty QtySource
	// Date picks FDate; empty means DateStockin.
	Date DateSource
	// UseBatchNo sends batch_no as the lot (FLot), for batch-managed materials.
	UseBatchNo bool
}

func (o SalReturnOptions) check() error {
	switch {
	case o.SaleOrg == "":
		return invalid("SalReturnOptions.SaleOrg", apierr.RuleRequired, "the sales organisation code")
	case o.Customers == nil:
		return invalid("SalReturnOptions.Customers", apierr.RuleRequired, "the shop to customer correspondence")
	case o.TaxRate.IsNegative():
		return invalid("SalReturnOptions.TaxRate", apierr.RuleNegative, "")
	}
	for _, c := range []struct {
		field, v string
		ok       []string
	}{
		{"SalReturnOptions.Material", string(o.Material), []string{"", string(MaterialSpecNo), string(MaterialSpecCode), string(MaterialGoodsNo)}},
		{"SalReturnOptions.Price", string(o.Price), []string{"", string(PriceSrc), string(PriceRight), string(PriceTax)}},
		{"SalReturnOptions.Qty", string(o.Qty), []string{"", string(QtyGoodsCount), string(QtyNum), string(QtyRightNum)}},
		{"SalReturnOptions.Date", string(o.Date), []string{"", string(DateStockin), string(DateCheck), string(DateCreated)}},
	} {
		if !contains(c.ok, c.v) {
			return invalid(c.field, apierr.RuleFormat, strconv.Quote(c.v)+" is not one of the listed sources")
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

// RefundStockinToSalReturn turns one refund stock-in into one sales return
// bill (form kingdee.FormSalReturnStock). Field for field:
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
//	  FRealQty          goods_count (or the Qty option), above 0
//	  FTaxPrice         src_price (or the Price option)
//	  FEntryTaxRate     TaxRate
//	  FStockId          warehouse_no through Warehouses, else DefaultStock
//	  FNote             remark
//	  FReturnType       THLX01_SYS
//	  FOwnerTypeId      BD_OwnerOrg, FOwnerId StockOrg
//	  FStockstatusId    KCZT01_SYS
//	  FLot              batch_no, with UseBatchNo
//	  FThirdEntryId     rec_id
//
// Every unmapped code (customer, warehouse, each line's material) is listed
// in one *UnmappedError. A stock-in without number, date or lines, a line
// without a positive quantity, and bad options are a *ValidationError; the
// finished bill is also checked with kingdee's own Validate.
func RefundStockinToSalReturn(s *wangdiantong.RefundStockin, opt SalReturnOptions) (*kingdee.SalReturnStock, error) {
	if s == nil {
		return nil, invalid("RefundStockin", apierr.RuleRequired, "")
	}
	if err := opt.check(); err != nil {
		return nil, err
	}
	no := string(s.OrderNo)
	if no == "" {
		no = string(s.StockinNo)
	}
	if no == "" {
		return nil, invalid("order_no", apierr.RuleRequired, "the stock-in number makes FBillNo")
	}
	date, dateField := s.StockinTime, "stockin_time"
	switch opt.Date {
	case DateCheck:
		date, dateField = s.CheckTime, "check_time"
	case DateCreated:
		date, dateField = s.CreatedTime, "created_time"
	}
	if date.IsZero() {
		return nil, invalid(dateField, apierr.RuleRequired, "the bill date")
	}
	if len(s.Details) == 0 {
		return nil, invalid("details_list", apierr.RuleRequired, "at least one line")
	}
	var missing []Missing
	customer, ok := lookupOr(opt.Customers, string(s.ShopNo))
	if !ok {
		missing = append(missing, Missing{Table: KindCustomers, Code: string(s.ShopNo), Line: -1, Field: "shop_no"})
	}
	stock, ok := salReturnStock(opt, string(s.WarehouseNo))
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
		if qty.Sign() <= 0 {
			return nil, invalid(at+qtyField, apierr.RuleRange, "must be above 0")
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
			TaxPrice:     salReturnPrice(d, opt.Price),
			TaxRate:      opt.TaxRate,
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

// salReturnStock picks the Kingdee warehouse for a WDT warehouse number.
func salReturnStock(opt SalReturnOptions, wh string) (string, bool) {
	if opt.Warehouses != nil && wh != "" {
		if v, ok := opt.Warehouses.Lookup(wh); ok {
			return v, true
		}
	}
	if opt.DefaultStock != "" {
		return opt.DefaultStock, true
	}
	if opt.Warehouses == nil {
		return wh, wh != ""
	}
	return "", false
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

func salReturnQty(d wangdiantong.RefundStockinDetail, src QtySource) (Amount, string) {
	switch src {
	case QtyNum:
		return d.Num, "num"
	case QtyRightNum:
		return d.RightNum, "right_num"
	}
	return d.GoodsCount, "goods_count"
}

func salReturnPrice(d wangdiantong.RefundStockinDetail, src PriceSource) Amount {
	switch src {
	case PriceRight:
		return d.RightPrice
	case PriceTax:
		return d.TaxPrice
	}
	return d.SrcPrice
}
