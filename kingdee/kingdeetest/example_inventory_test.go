package kingdeetest_test

import (
	"context"
	"fmt"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
)

// The test decides what is on hand; ExecuteBillQuery over STK_Inventory
// answers from it, filters and paging included.
func ExampleServer_SeedInventory() {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	srv.SeedInventory(
		kingdeetest.StockRow{StockOrg: "100", Stock: "WH01", Material: "SKU-001", Lot: "B1", BaseQty: duijie.AmountFromInt(4)},
		kingdeetest.StockRow{StockOrg: "100", Stock: "WH01", Material: "SKU-002", BaseQty: duijie.AmountFromInt(9)},
	)
	c, err := srv.NewClient()
	if err != nil {
		panic(err)
	}
	page, err := c.QueryInventory(context.Background(), &kingdee.InventoryQuery{Materials: []string{"SKU-001"}})
	if err != nil {
		panic(err)
	}
	for _, row := range page.Items {
		fmt.Println(row.Material, row.Lot, row.BaseQty)
	}
	// Output:
	// SKU-001 B1 4
}
