package kingdee_test

import (
	"context"
	"fmt"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
)

// A sales out-stock bill, as a Wangdiantong sales-out becomes one: the
// shop is the customer, the SKU the material, the waybill FCarriageNO.
// Saved again after a crash, SkipExisting finds it instead of failing on
// its number.
func ExampleClient_SaveSalOutStocks() {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	c, err := srv.NewClient()
	if err != nil {
		panic(err)
	}
	bill := kingdee.SalOutStock{
		BillType: kingdee.RefTo(kingdee.BillTypeSalOutStock), BillNo: "CK-0001",
		Date:    duijie.NewTime(time.Date(2026, 11, 20, 10, 0, 0, 0, duijie.CST())),
		SaleOrg: kingdee.RefTo("100"), StockOrg: kingdee.RefTo("100"), Customer: kingdee.RefTo("SHOP-TMALL"),
		CarriageNo: "SF1234567890",
		Entries: []kingdee.SalOutStockEntry{{Material: kingdee.RefTo("SKU-001"), RealQty: duijie.AmountFromInt(2),
			TaxPrice: duijie.AmountFromCents(9900), TaxRate: duijie.AmountFromInt(13).Ptr(), Stock: kingdee.RefTo("WH01")}},
	}
	req := &kingdee.SaveSalOutStocksRequest{Bills: []kingdee.SalOutStock{bill}}
	res, err := c.SaveSalOutStocks(context.Background(), req)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Rows[0].Number, res.Rows[0].Status)

	req.SkipExisting = true
	res, err = c.SaveSalOutStocks(context.Background(), req)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Rows[0].Number, res.Rows[0].Status, "verified:", res.Rows[0].Verified)
	// Output:
	// CK-0001 saved
	// CK-0001 existing verified: true
}

// Base data is numbered by its code: a material is looked up by FNumber.
func ExampleClient_SaveMaterials() {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	c, err := srv.NewClient()
	if err != nil {
		panic(err)
	}
	m := kingdee.Material{CreateOrg: kingdee.RefTo("100"), UseOrg: kingdee.RefTo("100"), Number: "SKU-001", Name: "原纸 A4",
		Base: &kingdee.MaterialBase{ErpClsID: kingdee.ErpClsPurchased, BaseUnit: kingdee.RefTo("Pcs")}}
	res, err := c.SaveMaterials(context.Background(), &kingdee.SaveMaterialsRequest{Bills: []kingdee.Material{m}})
	if err != nil {
		panic(err)
	}
	stored, _ := srv.Bill(kingdee.FormMaterial, "SKU-001")
	fmt.Println(res.Rows[0].Number, res.Rows[0].Status, stored.Model["FName"])
	// Output:
	// SKU-001 saved 原纸 A4
}

// On-hand stock, read page by page, e.g. to calibrate a shop system's stock.
func ExampleClient_Inventory() {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	srv.SeedInventory(
		kingdeetest.StockRow{StockOrg: "100", Stock: "WH01", Material: "SKU-001", BaseUnit: "Pcs", BaseQty: duijie.AmountFromInt(7)},
		kingdeetest.StockRow{StockOrg: "100", Stock: "WH02", Material: "SKU-001", BaseUnit: "Pcs", BaseQty: duijie.AmountFromInt(3)},
		kingdeetest.StockRow{StockOrg: "100", Stock: "WH01", Material: "SKU-002", BaseUnit: "Pcs", BaseQty: duijie.AmountFromCents(150)},
	)
	c, err := srv.NewClient()
	if err != nil {
		panic(err)
	}
	for row, err := range c.Inventory(context.Background(), &kingdee.InventoryQuery{Stocks: []string{"WH01"}}) {
		if err != nil {
			panic(err)
		}
		fmt.Println(row.Stock, row.Material, row.BaseQty)
	}
	// Output:
	// WH01 SKU-001 7
	// WH01 SKU-002 1.5
}
