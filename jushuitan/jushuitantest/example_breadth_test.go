package jushuitantest_test

import (
	"context"
	"fmt"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// Seeded sales-out bills are synced by the start_ts cursor: store the TS
// of the last bill handled, and the next run starts from it.
func ExampleServer_PutSaleOut() {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	for _, so := range []string{"SO1", "SO2", "SO3"} {
		srv.PutSaleOut(jushuitan.SaleOut{SoID: so, ShopID: jushuitantest.ShopID, Status: "Confirmed",
			Items: []jushuitan.SaleOutItem{{SKUID: "SKU1", Qty: duijie.AmountFromInt(1)}}})
	}
	c, err := srv.NewClient(fastRetry)
	if err != nil {
		fmt.Println(err)
		return
	}
	var checkpoint int64
	for bill, err := range c.SaleOutsByTS(context.Background(), &jushuitan.SaleOutQuery{PageSize: 2}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(bill.SoID, bill.Status, bill.Items[0].SKUID)
		checkpoint = int64(bill.TS)
	}
	srv.PutSaleOut(jushuitan.SaleOut{SoID: "SO4", Status: "WaitConfirm"})
	for bill, err := range c.SaleOutsByTS(context.Background(), &jushuitan.SaleOutQuery{StartTS: checkpoint}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("next run:", bill.SoID)
	}
	// Output:
	// SO1 Confirmed SKU1
	// SO2 Confirmed SKU1
	// SO3 Confirmed SKU1
	// next run: SO4
}

// A stocktaking upload cut off after the vendor stored it is replayed
// (so_id, the first success standing): the stock changes once.
func ExampleServer_StockCountUploads() {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	c, err := srv.NewClient(fastRetry)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = c.UploadStockCount(context.Background(), &jushuitan.StockCountUpload{SoID: "PD-20240501", Type: jushuitan.StockAdjust,
		IsConfirm: true, Items: []jushuitan.StockCountUploadItem{{SKUID: "SKU1", Qty: 5}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	stock, _ := srv.Inventory("SKU1")
	up := srv.StockCountUploads()[0]
	fmt.Println("stock:", stock.Qty, "sends:", up.Sends)
	// Output: stock: 5 sends: 2
}
