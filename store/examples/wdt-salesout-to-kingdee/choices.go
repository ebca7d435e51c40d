package main

import (
	"flag"
	"fmt"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/store/examples/internal/jobkit"
)

// choices are the accounting choices of the real mode, read from flags.
type choices struct {
	material, price, tax, taxRate, date string
	zeroPriceGift                       bool
	org, prefix, stock                  string
}

// addChoiceFlags declares the flags that pick FMaterialID, FTaxPrice (and
// FAllAmount), FEntryTaxRate and FDate.
func addChoiceFlags(fs *flag.FlagSet) *choices {
	c := &choices{}
	fs.StringVar(&c.material, "material", string(mapping.MaterialSpecNo),
		"FMaterialID from the line's: spec_no (商家编码), spec_code (规格码) or goods_no (货品编号); the code is sent as it is")
	fs.StringVar(&c.price, "price", "",
		"required: FTaxPrice from: sell_price (售价, before the order's discounts are shared out), share_amount (分摊后金额: FAllAmount exactly, "+
			"the price derived to 6 places) or market_price (市场价)")
	fs.StringVar(&c.tax, "tax", string(mapping.TaxMaterial),
		"FEntryTaxRate from: material (left out, Kingdee applies the material's rate), tax (the line's tax_rate, 0.13 sent as 13) or fixed (-tax-rate)")
	fs.StringVar(&c.taxRate, "tax-rate", "", "with -tax fixed: the rate in percent on every line, e.g. 13 (0 for tax exempt)")
	fs.BoolVar(&c.zeroPriceGift, "zero-price-gift", false,
		"send any line whose chosen price is 0 as a gift line (FIsFree); without it only lines WDT marks as gifts may be 0")
	fs.StringVar(&c.date, "date", string(mapping.DateConsign), "FDate from: consign_time (发货时间), stock_check_time (出库审核时间) or created")
	fs.StringVar(&c.org, "org", "", "the Kingdee sales organisation code (FSaleOrgId); default $KINGDEE_ORG, else 100")
	fs.StringVar(&c.prefix, "bill-prefix", "WDT-", "goes before the sales-out's number in the bill number (FBillNo)")
	fs.StringVar(&c.stock, "stock", "", "the Kingdee warehouse (FStockID) for every line; empty sends the sales-out's warehouse_no as it is")
	return c
}

// realConverter makes the real mode's converter from the flags: a missing
// or contradictory choice is refused here, before any request. Shops and
// materials are sent as their WDT codes (the host keeps the same codes in
// Kingdee); a host with other codes passes its tables instead.
func realConverter(c *choices) (*mapping.WDTSalOutConverter, error) {
	opt := mapping.SalOutOptions{BillNoPrefix: c.prefix, SaleOrg: jobkit.SaleOrg(c.org), Customers: jobkit.IdentityLookup{},
		DefaultStock: c.stock, Material: mapping.MaterialSource(c.material), Price: mapping.SalOutPrice(c.price),
		Tax: mapping.TaxSource(c.tax), ZeroPriceIsGift: c.zeroPriceGift, Date: mapping.DateSource(c.date)}
	if c.taxRate != "" {
		rate, err := duijie.ParseAmount(c.taxRate)
		if err != nil {
			return nil, fmt.Errorf("-tax-rate: %w", err)
		}
		opt.TaxRate = &rate
	}
	return mapping.NewWDTSalOutConverter(opt)
}
