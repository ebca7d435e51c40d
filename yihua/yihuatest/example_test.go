package yihuatest_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/yihua"
	"github.com/duijie/duijie/yihua/yihuatest"
)

func exampleTrade(id string) *yihua.Trade {
	price, _ := duijie.ParseAmount("24.6000")
	return &yihua.Trade{
		Master: yihua.Master{TradeType: yihua.TradeTypeFixed, TradeID: id,
			CreateTime: duijie.NewTime(time.Date(2026, 11, 20, 10, 0, 0, 0, duijie.CST())), TotalMoney: price, FactMoney: price},
		Details: []yihua.Detail{{GoodsID: "G1", GoodsNumber: duijie.AmountFromInt(1), Price: price}},
		Pays:    []yihua.Pay{{FactMoney: price, PayChannel: yihua.PayChannelWeChat}},
	}
}

// Yihua does not de-duplicate, so a write that met an HTTP 500 is not
// replayed by the client: the journal shows the one call, which the
// handler never ran, and the caller sends the trade again itself.
func Example() {
	srv := yihuatest.NewServer()
	defer srv.Close()
	srv.FailNext(1, yihuatest.ServerError())

	c, err := srv.NewClient(duijie.WithRetry(duijie.RetryPolicy{WaitMin: time.Millisecond, WaitMax: time.Millisecond}))
	if err != nil {
		fmt.Println(err)
		return
	}
	req := &yihua.TransferRequest{Trade: exampleTrade("T-1"), Procedure: yihua.ProcedureSale}
	_, err = c.TransferTrade(context.Background(), req)
	if err == nil {
		fmt.Println("the fault was not met")
		return
	}
	fmt.Println("temporary:", errors.Is(err, duijie.ErrTemporary), "calls:", srv.Calls(""), "handled:", srv.Journal()[0].Handled)

	res, err := c.TransferTrade(context.Background(), req)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("ERP order", res.OuterTradeID, "calls:", srv.Calls(""), "duplicates:", srv.Duplicates())
	// Output:
	// temporary: true calls: 1 handled: false
	// ERP order 6359657698853654529 calls: 2 duplicates: 0
}

// NewClient points the client at the fake and nowhere else: an option that
// names another base URL, the production one included, is refused.
func ExampleServer_NewClient() {
	srv := yihuatest.NewServer()
	defer srv.Close()
	_, err := srv.NewClient(duijie.WithBaseURL(yihua.ProductionURL))
	fmt.Println("production refused:", err != nil)
	// Output: production refused: true
}
