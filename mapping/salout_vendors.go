package mapping

import (
	"strconv"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/wangdiantong"
)

// SalOutBillNo is the FBillNo of the sales out-stock bill made from the
// sales-out numbered no: prefix + no. A replay of the same sales-out
// therefore carries the same number, which kingdee's save looks up before
// writing again.
func SalOutBillNo(prefix, no string) string { return prefix + no }

// WDTSalOutConverter turns Wangdiantong sales-outs (stockout_order_query_trade,
// 查询销售出库单) into Kingdee sales out-stock bills, with options checked
// once, when it is made. It only reads its options and lookups, so one
// converter may serve many goroutines when the lookups may.
type WDTSalOutConverter struct{ opt SalOutOptions }

// NewWDTSalOutConverter checks the host's choices for Wangdiantong
// sales-outs: a missing required choice (SaleOrg, Customers, Price,
// TaxRate with TaxFixed), a TaxRate without TaxFixed and a source
// Wangdiantong has no field for are a *ValidationError naming the option.
func NewWDTSalOutConverter(opt SalOutOptions) (*WDTSalOutConverter, error) {
	opt, err := opt.check(wdtSalOut)
	if err != nil {
		return nil, err
	}
	return &WDTSalOutConverter{opt: opt}, nil
}

// Convert turns one sales-out into one bill (form kingdee.FormSalOutStock).
// Field for field, as QEasy's standard scheme maps the same pair (with the
// price and tax left to the host):
//
//	FBillTypeID     BillType (XSCKD01_SYS)
//	FBillNo         BillNoPrefix + order_no (stockout_no when order_no is empty)
//	FDate           consign_time (or the Date option)
//	FSaleOrgId      SaleOrg
//	FStockOrgId     StockOrg
//	FCustomerID     shop_no through Customers
//	FNote           remark
//	FEntity, per details_list line:
//	  FMaterialID   spec_no (or the Material option) through Materials
//	  FRealQty      goods_count; above 0
//	  FTaxPrice     the Price option: sell_price | market_price, sent as is;
//	                share_amount / goods_count to 6 places, with
//	  FAllAmount    share_amount, exactly (Price share_amount only)
//	  FEntryTaxRate the Tax option: left out (default) | tax_rate × 100 | TaxRate
//	  FStockID      warehouse_no through Warehouses, else DefaultStock
//	  FIsFree       true for a 0 price on a gift line (gift_type not 0) or
//	                with ZeroPriceIsGift
//
// The vendor notes warn that a sales-out's order_no can change when its
// order is rejected and audited again: the bill of the new number is then
// a second bill in Kingdee, which the host settles there.
func (c *WDTSalOutConverter) Convert(s *wangdiantong.SalesStockout) (*kingdee.SalOutStock, error) {
	if s == nil {
		return nil, invalid("SalesStockout", duijie.RuleRequired, "")
	}
	opt := c.opt
	d := salOutDoc{no: string(s.OrderNo), noField: "order_no", linesField: "details_list",
		shop: string(s.ShopNo), shopFld: "shop_no", wh: string(s.WarehouseNo), whField: "warehouse_no", note: string(s.Remark)}
	if d.no == "" {
		d.no = string(s.StockoutNo)
	}
	switch opt.Date {
	case DateStockCheck:
		d.date, d.dateField = s.StockCheckTime, "stock_check_time"
	case DateCreatedAt:
		d.date, d.dateField = s.Created, "created"
	default:
		d.date, d.dateField = s.ConsignTime, "consign_time"
	}
	for i, l := range s.Details {
		line := salOutLine{at: "details_list[" + strconv.Itoa(i) + "].", key: string(l.RecID),
			qty: l.GoodsCount, qtyField: "goods_count", gift: !isZeroText(l.GiftType),
			tax: l.TaxRate, taxField: "tax_rate"}
		switch opt.Material {
		case MaterialSpecCode:
			line.code, line.codeField = string(l.SpecCode), "spec_code"
		case MaterialGoodsNo:
			line.code, line.codeField = string(l.GoodsNo), "goods_no"
		default:
			line.code, line.codeField = string(l.SpecNo), "spec_no"
		}
		switch opt.Price {
		case SalOutShareAmount:
			line.price, line.priceField, line.isAmount = l.ShareAmount, "share_amount", true
		case SalOutMarketPrice:
			line.price, line.priceField = l.MarketPrice, "market_price"
		default:
			line.price, line.priceField = l.SellPrice, "sell_price"
		}
		d.lines = append(d.lines, line)
	}
	return buildSalOut(opt, d)
}

// isZeroText reports a flag left out or 0.
func isZeroText(t duijie.Text) bool { return t == "" || t == "0" }

// JSTSalOutConverter turns Jushuitan sales-outs (orders/out/simple/query,
// 销售出库查询) into Kingdee sales out-stock bills, with options checked
// once, when it is made. It only reads its options and lookups, so one
// converter may serve many goroutines when the lookups may.
type JSTSalOutConverter struct{ opt SalOutOptions }

// NewJSTSalOutConverter checks the host's choices for Jushuitan
// sales-outs, as NewWDTSalOutConverter does; TaxLine is refused, since
// Jushuitan's items carry no tax rate.
func NewJSTSalOutConverter(opt SalOutOptions) (*JSTSalOutConverter, error) {
	opt, err := opt.check(jstSalOut)
	if err != nil {
		return nil, err
	}
	return &JSTSalOutConverter{opt: opt}, nil
}

// Convert turns one sales-out into one bill (form kingdee.FormSalOutStock).
// Field for field, as QEasy's standard scheme maps the same pair (with the
// price and tax left to the host):
//
//	FBillTypeID     BillType (XSCKD01_SYS)
//	FBillNo         BillNoPrefix + io_id
//	FDate           io_date (or the Date option)
//	FSaleOrgId      SaleOrg
//	FStockOrgId     StockOrg
//	FCustomerID     shop_id through Customers
//	FCarriageNO     l_id
//	FLinkMan        receiver_name
//	FLinkPhone      receiver_mobile, else receiver_phone
//	FNote           remark
//	FEntity, per items line:
//	  FMaterialID   sku_id (or the Material option) through Materials
//	  FRealQty      qty; above 0
//	  FTaxPrice     the Price option: sale_price | sale_base_price, sent as is;
//	                sale_amount / qty to 6 places, with
//	  FAllAmount    sale_amount, exactly (Price sale_amount only)
//	  FEntryTaxRate the Tax option: left out (default) | TaxRate
//	  FStockID      wms_co_id through Warehouses, else DefaultStock
//	  FIsFree       true for a 0 price on a gift line (is_gift) or with
//	                ZeroPriceIsGift
func (c *JSTSalOutConverter) Convert(s *jushuitan.SaleOut) (*kingdee.SalOutStock, error) {
	if s == nil {
		return nil, invalid("SaleOut", duijie.RuleRequired, "")
	}
	opt := c.opt
	d := salOutDoc{noField: "io_id", linesField: "items", shopFld: "shop_id", whField: "wms_co_id",
		carriage: s.LID, linkMan: s.ReceiverName, linkPhone: s.ReceiverMobile, note: s.Remark}
	if s.IoID != 0 {
		d.no = strconv.FormatInt(int64(s.IoID), 10)
	}
	if s.ShopID != 0 {
		d.shop = strconv.FormatInt(int64(s.ShopID), 10)
	}
	if s.WmsCoID != 0 {
		d.wh = strconv.FormatInt(int64(s.WmsCoID), 10)
	}
	if d.linkPhone == "" {
		d.linkPhone = s.ReceiverPhone
	}
	if opt.Date == DateCreatedAt {
		d.date, d.dateField = s.Created, "created"
	} else {
		d.date, d.dateField = s.IoDate, "io_date"
	}
	for i, it := range s.Items {
		line := salOutLine{at: "items[" + strconv.Itoa(i) + "].", key: string(it.OiID),
			qty: it.Qty, qtyField: "qty", gift: bool(it.IsGift)}
		if opt.Material == MaterialItemID {
			line.code, line.codeField = it.IID, "i_id"
		} else {
			line.code, line.codeField = it.SKUID, "sku_id"
		}
		switch opt.Price {
		case SalOutSaleAmount:
			line.price, line.priceField, line.isAmount = it.SaleAmount, "sale_amount", true
		case SalOutSaleBasePrice:
			line.price, line.priceField = it.SaleBasePrice, "sale_base_price"
		default:
			line.price, line.priceField = it.SalePrice, "sale_price"
		}
		d.lines = append(d.lines, line)
	}
	return buildSalOut(opt, d)
}
