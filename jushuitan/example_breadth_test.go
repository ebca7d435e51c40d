package jushuitan_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// Pull sales-out bills (销售出库单) by the start_ts cursor, the feed of a
// Kingdee SAL_OUTSTOCK sync; keep the TS of the last bill handled as the
// checkpoint of the next run.
func ExampleClient_SaleOutsByTS() {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	price := duijie.AmountFromCents(1990)
	srv.PutSaleOut(jushuitan.SaleOut{SoID: "SO1", ShopID: jushuitantest.ShopID, Status: "Confirmed", WmsCoID: jushuitantest.WmsCoID,
		Items: []jushuitan.SaleOutItem{{SKUID: "SKU1", Qty: duijie.AmountFromInt(2), SalePrice: price, SaleAmount: duijie.AmountFromCents(3980)}}})
	c, _ := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))

	var checkpoint int64
	for bill, err := range c.SaleOutsByTS(context.Background(), &jushuitan.SaleOutQuery{StartTS: checkpoint}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, it := range bill.Items {
			fmt.Println(bill.IoID, bill.SoID, it.SKUID, it.Qty, it.SalePrice, it.SaleAmount)
		}
		checkpoint = int64(bill.TS)
	}
	// Output: 7000001 SO1 SKU1 2 19.9 39.8
}

// Goods go up with one outcome per SKU; a refused SKU is named in the
// *BatchError while the others are stored.
func ExampleClient_UploadSKUs() {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	srv.FailUpload("SKU2", "商品分类不存在")
	c, _ := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))

	res, err := c.UploadSKUs(context.Background(), &jushuitan.UploadSKUsRequest{SKUs: []jushuitan.SKUUpload{
		{SKUID: "SKU1", Name: "手机壳", SPrice: duijie.AmountFromCents(1990)},
		{SKUID: "SKU2", Name: "数据线", CName: "不存在的分类"}}})
	var be *duijie.BatchError
	if errors.As(err, &be) {
		fmt.Println("failed rows:", be.FailedIndexes())
	}
	for _, r := range res.Results {
		if r.OK {
			fmt.Println(r.Key, "stored")
		} else {
			fmt.Println(r.Key, "refused:", r.Message)
		}
	}
	// Output:
	// failed rows: [1]
	// SKU1 stored
	// SKU2 refused: 商品分类不存在
}
