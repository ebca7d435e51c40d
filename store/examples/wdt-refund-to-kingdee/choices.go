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
	material, qty, price, tax, taxRate string
	zeroPriceGift                      bool
	org, prefix, stock                 string
}

// addChoiceFlags declares the flags that pick FRealQty, FTaxPrice and
// FEntryTaxRate.
func addChoiceFlags(fs *flag.FlagSet) *choices {
	c := &choices{}
	fs.StringVar(&c.material, "material", string(mapping.MaterialSpecNo),
		"FMaterialId from the detail's: spec_no (商家编码), spec_code (规格编号) or goods_no (货品编号); the code is sent as it is")
	fs.StringVar(&c.qty, "qty", string(mapping.QtyNum),
		"FRealQty from: num (入库数量, what came back), right_num (调整后数量, after corrections) or goods_count (货品数量, of the refund)")
	fs.StringVar(&c.price, "price", string(mapping.PriceTax),
		"FTaxPrice from: tax_price (税后单价, after discounts), right_price (调整后单价, after corrections) or src_price (原价, list price)")
	fs.StringVar(&c.tax, "tax", string(mapping.TaxMaterial),
		"FEntryTaxRate from: material (left out, Kingdee applies the material's rate), tax (the line's tax, 0.13 sent as 13) or fixed (-tax-rate)")
	fs.StringVar(&c.taxRate, "tax-rate", "", "with -tax fixed: the rate in percent on every line, e.g. 13 (0 for tax exempt)")
	fs.BoolVar(&c.zeroPriceGift, "zero-price-gift", false, "send a line whose chosen price is 0 as a gift line (FIsFree); without it such a stock-in is refused")
	fs.StringVar(&c.org, "org", "", "the Kingdee sales organisation code (FSaleOrgId); default $KINGDEE_ORG, else 100")
	fs.StringVar(&c.prefix, "bill-prefix", "WDT-", "goes before the stock-in number in the sales return's bill number (FBillNo)")
	fs.StringVar(&c.stock, "stock", "", "the Kingdee warehouse (FStockId) for every line; empty sends the stock-in's warehouse_no as it is")
	return c
}

// apply puts the choices into opt.
func (c *choices) apply(opt *mapping.SalReturnOptions) error {
	opt.Material = mapping.MaterialSource(c.material)
	opt.Qty, opt.Price, opt.Tax, opt.ZeroPriceIsGift = mapping.QtySource(c.qty), mapping.PriceSource(c.price), mapping.TaxSource(c.tax), c.zeroPriceGift
	if c.taxRate != "" {
		rate, err := duijie.ParseAmount(c.taxRate)
		if err != nil {
			return fmt.Errorf("-tax-rate: %w", err)
		}
		opt.TaxRate = &rate
	}
	return nil
}

// realConverter makes the real mode's converter from the flags: a missing
// or contradictory choice is refused here, before any request.
func realConverter(c *choices) (*mapping.SalReturnConverter, error) {
	opt := mapping.SalReturnOptions{BillNoPrefix: c.prefix, SaleOrg: jobkit.SaleOrg(c.org), Customers: jobkit.IdentityLookup{}, DefaultStock: c.stock}
	if err := c.apply(&opt); err != nil {
		return nil, err
	}
	return mapping.NewSalReturnConverter(opt)
}
