package yihua_test

import (
	"context"
	"fmt"
	"time"

	"github.com/duijie/duijie/internal/value"
	"github.com/duijie/duijie/yihua"
	"github.com/duijie/duijie/yihua/yihuatest"
)

func Example() {
	srv := yihuatest.NewServer()
	defer srv.Close()

	c, err := yihua.NewClient(srv.Config(), yihua.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	price, _ := value.ParseAmount("24.6000")
	trade := &yihua.Trade{
		Master: yihua.Master{
			TradeType:  yihua.TradeTypeFixed,
			TradeID:    "6647762366539116544",
			CreateTime: yihua.Time{Time: time.Date(2020, 3, 23, 15, 54, 17, 0, value.CST)},
			TotalMoney: price, FactMoney: price,
		},
		Details: []yihua.Detail{{GoodsID: "6646654848093933568", GoodsNumber: value.AmountFromInt(1), Price: price}},
		Pays:    []yihua.Pay{{FactMoney: price, PayChannel: yihua.PayChannelWeChat}},
	}
	res, err := c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade, Procedure: yihua.ProcedureSale})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("ERP order", res.OuterTradeID)
	fmt.Println(yihua.EncodePays(trade.Pays))
	// Output:
	// ERP order 6359657698853654529
	// <pay><pay FactMoney="24.6000" PayChannel="PC_WX" /></pay>
}
