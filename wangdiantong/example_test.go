package wangdiantong_test

import (
	"context"
	"fmt"
	"time"

	"github.com/duijie/duijie/internal/value"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

func Example() {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	c, err := wangdiantong.NewClient(srv.Config(), wangdiantong.WithBaseURL(srv.OpenAPIURL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	one := value.AmountFromInt(1)
	res, err := c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{
		ShopNo: "shop1",
		Trades: []wangdiantong.Trade{{
			Tid: "T1001", TradeStatus: 30, PayStatus: 2, DeliveryTerm: 1,
			TradeTime:    value.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, value.CST)),
			ReceiverName: "张三", ReceiverAddr: "科技园1号", Paid: one,
			Orders: []wangdiantong.Order{{Oid: "T1001-1", Num: one, Price: one, SpecNo: "SKU1"}},
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("new:", res.NewCount, "changed:", res.ChgCount, "ok:", res.Results[0].OK)
	// Output: new: 1 changed: 0 ok: true
}
