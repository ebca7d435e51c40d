package wangdiantong_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

func order(tid, name string) wangdiantong.Trade {
	one := duijie.AmountFromInt(1)
	return wangdiantong.Trade{
		Tid: tid, TradeStatus: 30, PayStatus: 2, DeliveryTerm: 1,
		TradeTime:    duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST())),
		ReceiverName: name, ReceiverAddr: "科技园1号", Paid: one,
		Orders: []wangdiantong.Order{{Oid: tid + "-1", Num: one, Price: one, SpecNo: "SKU1"}},
	}
}

func Example() {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{
		ShopNo: "shop1",
		Trades: []wangdiantong.Trade{order("T1001", "张三")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("new:", res.NewCount, "changed:", res.ChgCount, "ok:", res.Results[0].OK)
	// Output: new: 1 changed: 0 ok: true
}

// Pushing through the Qimen gateway (旺店通·企业奇门) only changes the Config.
func Example_qimen() {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	cfg := wangdiantong.Config{
		SID: wangdiantongtest.SID, AppKey: wangdiantongtest.AppKey, Route: wangdiantong.RouteQimen,
		Qimen: wangdiantong.QimenConfig{AppKey: wangdiantongtest.QimenAppKey, AppSecret: wangdiantongtest.QimenAppSecret,
			SignMethod: wangdiantong.SignHMACSHA256},
	}
	c, err := wangdiantong.NewClient(cfg, duijie.WithBaseURL(srv.QimenURL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	for range 2 { // the second push of the same tid is an update
		res, err := c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{ShopNo: "shop1", Trades: []wangdiantong.Trade{order("T1", "李四")}})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("new:", res.NewCount, "changed:", res.ChgCount)
	}
	// Output:
	// new: 1 changed: 0
	// new: 0 changed: 1
}

// A push the ERP accepts in part returns every trade's outcome and a
// *BatchError naming the refused ones.
func ExampleClient_PushTrades_partialFailure() {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	cfg := srv.Config()
	cfg.KeepEmoji = true // the fake, like the ERP, refuses 4-byte characters
	c, err := wangdiantong.NewClient(cfg, duijie.WithBaseURL(srv.URL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{
		ShopNo: "shop1",
		Trades: []wangdiantong.Trade{order("T1", "王五"), order("T2", "赵六😀"), order("T3", "钱七")},
	})
	var batch *duijie.BatchError
	if errors.As(err, &batch) {
		fmt.Println("refused rows:", batch.FailedIndexes())
	}
	for _, r := range res.Results {
		fmt.Printf("%d %s ok=%v error=%q\n", r.Index, r.Tid, r.OK, r.Error)
	}
	// Output:
	// refused rows: [1]
	// 0 T1 ok=true error=""
	// 1 T2 ok=false error="包含无法保存的字符"
	// 2 T3 ok=true error=""
}

// RefundStockins walks every page of every 30-day window.
func ExampleClient_RefundStockins() {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, duijie.CST())
	for i := range 3 {
		srv.AddRefundStockin(wangdiantong.RefundStockin{
			StockinNo: duijie.Text(fmt.Sprint("RK", i)), Status: "80", ShopNo: "shop1",
			Details: []wangdiantong.RefundStockinDetail{{SpecNo: "SKU1", Num: duijie.AmountFromInt(int64(i + 1))}},
		}, day.Add(time.Duration(i)*40*24*time.Hour))
	}
	c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	q := &wangdiantong.RefundStockinQuery{StartTime: day, EndTime: day.Add(100 * 24 * time.Hour)}
	for s, err := range c.RefundStockins(context.Background(), q) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(s.StockinNo, s.Details[0].SpecNo, s.Details[0].Num)
	}
	// Output:
	// RK0 SKU1 1
	// RK1 SKU1 2
	// RK2 SKU1 3
}

// A page-level query returns one duijie.Page: page_no and page_size as
// Number and Size, total_count as Total.
func ExampleClient_QueryShops() {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	for _, no := range []string{"S1", "S2", "S3"} {
		srv.AddShop(wangdiantong.Shop{ShopNo: duijie.Text(no), ShopName: duijie.Text("店铺" + no)})
	}
	c, err := srv.NewClient()
	if err != nil {
		fmt.Println(err)
		return
	}
	page, err := c.QueryShops(context.Background(), &wangdiantong.ShopQuery{PageNo: 0, PageSize: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range page.Items {
		fmt.Println(s.ShopNo, s.ShopName)
	}
	fmt.Println("page", page.Number, "of size", page.Size, "total", page.Total, "more:", page.HasMore)
	// Output:
	// S1 店铺S1
	// S2 店铺S2
	// page 0 of size 2 total 3 more: true
}

// Call sends an operation that has no typed method yet.
func ExampleClient_Call() {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	srv.AddWarehouse(wangdiantong.Warehouse{WarehouseNo: "WH1", Name: "总仓"})
	c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	var out struct {
		Warehouses []struct {
			WarehouseNo string `json:"warehouse_no"`
			Name        string `json:"name"`
		} `json:"warehouses"`
	}
	req := &wangdiantong.CallRequest{
		Method:       "warehouse_query.php", // wdt.warehouse.query on the Qimen route
		Params:       map[string]any{"page_no": 0, "page_size": 10},
		SafeToReplay: true, // a read
	}
	if err := c.Call(context.Background(), req, &out); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.Warehouses[0].WarehouseNo, out.Warehouses[0].Name)
	// Output: WH1 总仓
}

// Operations lists the typed operations as data, with the limits the
// client checks before sending; QimenMethod names each on the Qimen route.
func ExampleOperations() {
	for _, op := range wangdiantong.Operations() {
		qimen, ok := wangdiantong.QimenMethod(op.Wire)
		if !ok {
			qimen = "-"
		}
		fmt.Printf("%-24s %-35s %-33s replay=%t page=%d window=%v batch=%d\n",
			op.Name, op.Wire, qimen, op.SafeToReplay, op.MaxPageSize, op.MaxWindow, op.MaxBatch)
	}
	// Output:
	// PushTrades               trade_push.php                      wdt.trade.push                    replay=true page=0 window=0s batch=50
	// QueryRefundStockins      stockin_order_query_refund.php      wdt.stockin.order.query.refund    replay=true page=100 window=720h0m0s batch=0
	// QueryRefundStockins      his_stockin_order_query_refund.php  -                                 replay=true page=100 window=720h0m0s batch=0
	// QueryTrades              trade_query.php                     wdt.trade.query                   replay=true page=100 window=1h0m0s batch=0
	// QueryTrades              his_trade_query.php                 wdt.his.trade.query               replay=true page=100 window=1h0m0s batch=0
	// QueryStock               stock_query.php                     wdt.stock.query                   replay=true page=100 window=720h0m0s batch=0
	// QueryLogisticsSync       logistics_sync_query.php            wdt.logistics.sync.query          replay=true page=100 window=0s batch=0
	// AckLogisticsSync         logistics_sync_ack.php              wdt.logistics.sync.ack            replay=true page=0 window=0s batch=50
	// QueryShops               shop.php                            wdt.shop.query                    replay=true page=100 window=0s batch=0
	// QueryWarehouses          warehouse_query.php                 wdt.warehouse.query               replay=true page=100 window=0s batch=0
	// QuerySalesStockouts      stockout_order_query_trade.php      wdt.stockout.order.query.trade    replay=true page=100 window=720h0m0s batch=0
	// QuerySalesStockouts      his_stockout_order_query_trade.php  -                                 replay=true page=100 window=720h0m0s batch=0
	// QueryGoods               goods_query.php                     wdt.goods.query                   replay=true page=100 window=0s batch=0
	// PushGoods                goods_push.php                      wdt.goods.push                    replay=true page=0 window=0s batch=50
	// QueryPurchaseStockins    stockin_order_query_purchase.php    wdt.stockin.order.query.purchase  replay=true page=100 window=0s batch=0
	// QueryPurchaseOrders      purchase_order_query.php            wdt.purchase.order.query          replay=true page=100 window=0s batch=0
	// QueryRefunds             refund_query.php                    wdt.refund.query                  replay=true page=40 window=720h0m0s batch=0
	// QueryRefunds             his_refund_query.php                -                                 replay=true page=40 window=720h0m0s batch=0
	// QueryStockouts           stockout_order_query.php            wdt.stockout.order.query          replay=true page=100 window=720h0m0s batch=0
	// QueryStockins            stockin_order_query.php             wdt.stockin.order.query           replay=true page=100 window=720h0m0s batch=0
	// QueryPurchaseReturns     purchase_return_query.php           wdt.purchase.return.query         replay=true page=100 window=0s batch=0
	// QueryPurchaseReturnStockouts stockout_order_query_return.php     wdt.stockout.order.query.return   replay=true page=100 window=0s batch=0
	// PushStockout             stockout_order_push.php             wdt.stockout.order.push           replay=true page=0 window=0s batch=0
	// PushStockin              stockin_order_push.php              wdt.stockin.order.push            replay=false page=0 window=0s batch=0
	// PushStocktake            stock_sync_by_pd.php                wdt.stock.sync.by.pd              replay=true page=0 window=0s batch=500
	// QueryStockTransfers      stock_transfer_query.php            wdt.stock.transfer.query          replay=true page=100 window=0s batch=0
	// QueryProviders           purchase_provider_query.php         wdt.purchase.provider.query       replay=true page=100 window=0s batch=0
	// PushPurchaseOrder        purchase_order_push.php             wdt.purchase.order.push           replay=true page=0 window=0s batch=0
}
