package wangdiantong_test

import (
	"context"
	"fmt"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// SalesStockouts reads the sales-out bills shipped in a half-open window,
// cut into the vendor's 30-day spans and paged, with their goods lines.
func ExampleClient_SalesStockouts() {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	day := time.Date(2024, 6, 1, 0, 0, 0, 0, duijie.CST())
	for i, sku := range []string{"SKU-A", "SKU-B"} {
		shipped := day.Add(time.Duration(i+1) * 24 * time.Hour)
		srv.AddSalesStockout(wangdiantong.SalesStockout{OrderNo: duijie.Text(fmt.Sprint("CK", i+1)), Status: "95", SrcTids: "T1",
			ConsignTime: duijie.NewTime(shipped),
			Details:     []wangdiantong.SalesStockoutDetail{{SpecNo: duijie.Text(sku), GoodsCount: duijie.AmountFromInt(int64(i + 1))}}}, shipped)
	}
	c, err := srv.NewClient(duijie.WithRateLimit()) // no client-side quota against the fake
	if err != nil {
		fmt.Println(err)
		return
	}
	q := wangdiantong.SalesStockoutQuery{PageSize: 100}.InWindow(day, day.AddDate(0, 2, 0))
	for b, err := range c.SalesStockouts(context.Background(), q) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(b.OrderNo, b.ConsignTime, b.Details[0].SpecNo, b.Details[0].GoodsCount)
	}
	// Output:
	// CK1 2024-06-02 00:00:00 SKU-A 1
	// CK2 2024-06-03 00:00:00 SKU-B 2
}

// A goods record pushed with PushGoods can be taken out of stock with
// PushStockout; the bill is then found by its outer_no.
func ExampleClient_PushStockout() {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	c, err := srv.NewClient(duijie.WithRateLimit()) // no client-side quota against the fake
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	_, err = c.PushGoods(ctx, &wangdiantong.GoodsPushRequest{Goods: []wangdiantong.GoodsPush{
		{GoodsNo: "G1", GoodsName: "杯子", Specs: []wangdiantong.GoodsPushSpec{{SpecNo: "G1-RED"}}}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = c.PushStockout(ctx, &wangdiantong.StockoutPush{OuterNo: "KD-QTCK-0001", WarehouseNo: "W1", Check: true, Remark: "报废",
		Details: []wangdiantong.StockoutPushDetail{{SpecNo: "G1-RED", Num: duijie.AmountFromInt(3)}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	page, err := c.QueryStockouts(ctx, &wangdiantong.StockoutQuery{OuterNo: "KD-QTCK-0001"})
	if err != nil {
		fmt.Println(err)
		return
	}
	b := page.Items[0]
	fmt.Println(b.Status, b.OrderType, b.Details[0].GoodsNo, b.Details[0].SpecNo, b.Details[0].GoodsCount)
	// Output: 110 7 G1 G1-RED 3
}
