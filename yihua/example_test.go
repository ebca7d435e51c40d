package yihua_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/yihua"
	"github.com/duijie/duijie/yihua/yihuatest"
)

func money(s string) duijie.Amount {
	a, err := duijie.ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

func exampleTrade(id string) *yihua.Trade {
	return &yihua.Trade{
		Master: yihua.Master{
			TradeType:  yihua.TradeTypeFixed,
			TradeID:    id,
			CreateTime: duijie.Time{Time: time.Date(2020, 3, 23, 15, 54, 17, 0, duijie.CST())},
			TotalMoney: money("24.6000"), FactMoney: money("24.6000"),
		},
		Details: []yihua.Detail{{GoodsID: "6646654848093933568", GoodsNumber: money("1"), Price: money("24.6000")}},
		Pays:    []yihua.Pay{{FactMoney: money("24.6000"), PayChannel: yihua.PayChannelWeChat}},
	}
}

func Example() {
	srv := yihuatest.NewServer()
	defer srv.Close()

	c, err := yihua.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	trade := exampleTrade("6647762366539116544")
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

// A write that may have reached the ERP is never sent twice by the client:
// the error says so, and the caller checks the ERP before sending again.
func Example_ambiguousFailure() {
	srv := yihuatest.NewServer()
	defer srv.Close()
	c, _ := yihua.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))

	// The ERP books the order, then the connection drops before the answer.
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	_, err := c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: exampleTrade("T-1")})
	var te *duijie.TransportError
	if errors.As(err, &te) && te.MayHaveReachedServer {
		_, booked := srv.Trade("T-1") // a host asks its ERP instead
		fmt.Println("may have reached the ERP; booked:", booked, "sends:", srv.Calls(""))
	}
	// A throttle (HTTP 429) may come after the booking too: not replayed.
	srv.FailNext(1, yihuatest.ThrottleFault())
	_, err = c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: exampleTrade("T-2")})
	_, booked := srv.Trade("T-2")
	fmt.Println(errors.Is(err, duijie.ErrRateLimited), "booked:", booked, "sends:", srv.Calls(""))
	// Output:
	// may have reached the ERP; booked: true sends: 1
	// true booked: false sends: 2
}

// Bad input is refused before anything is sent.
func Example_validation() {
	c, _ := yihua.NewClient(yihua.Config{PlatformID: "YHDT001", UserAccessToken: "token", UID: "u1"})
	trade := exampleTrade("T-3")
	trade.Master.BuyerName = "一个超过三十二个字符的买家姓名一个超过三十二个字符的买家姓名一个超过"
	trade.Details[0].Price = money("24.60001")
	_, err := c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade})
	var ve *duijie.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Field, "/", ve.Rule, "/", errors.Is(err, duijie.ErrInvalidRequest))
	}
	// Output:
	// Master.BuyerName / too long / true
}

// The encoder writes the vendor's documented layout: attributes in order,
// the caller's scale or 4 decimals, unpadded times and 1900/1/1 0:00:00
// for no time.
func ExampleEncodeDetails() {
	lines := []yihua.Detail{{
		GoodsID: "6646654848093933568", YhProductID: "268E6E1D13754EE9878E31A6F7EB9C43",
		GoodsNumber: money("1"), OldPrice: money("32.8"), Price: duijie.AmountFromInt(24),
		CreateTime: duijie.Time{Time: time.Date(2020, 3, 3, 9, 4, 5, 0, duijie.CST())},
		Remark:     `"礼品" & <包装>`,
	}}
	fmt.Println(yihua.EncodeDetails(lines))
	// Output:
	// <detail><detail GoodsID="6646654848093933568" yhProductID="268E6E1D13754EE9878E31A6F7EB9C43" GoodsNumber="1" OldPrice="32.8" Price="24.0000" ContractFeeItem="0.0000" OtherFeeItem="0.0000" ReductionFeeItem="0.0000" CreateTime="2020/3/3 9:04:05" Remark="&#34;礼品&#34; &amp; &lt;包装&gt;" /></detail>
}

func ExampleDecodeMaster() {
	m, err := yihua.DecodeMaster(`<master><master TradeType="Fixed" TradeID="6647762366539116544" CreateTime="2020/3/23 15:54:17" OriginalMoney="106.4000" FactMoney="79.8" ContractFeeBefore="26.6000" ContractFee="0.0000" OtherFee="0.0000" ReductionFee="0.0000" Freight="0.0000" LateFee="0.0" PayTime="2020/3/23 15:55:15" RefundFee="0.0000" RefundTime="1900/1/1 0:00:00" TradeSource="TS_WX" ProvinceID="山东" CityID="泰安" DistrictID="泰山区" BuyerAddress="泰安" BuyerName="未设置昵称" BuyerPhone="15618937285" OuterID="" ReceiptID="6647762547544305664" Remark="" SaleUID="" PayStatus="2" TotalMoney="79.8000" ZipCode="" DelayTime="1900/1/1 0:00:00" ThirdPartyData="" /></master>`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.TradeID, m.FactMoney, m.PayTime, m.RefundTime.IsZero())
	// Output:
	// 6647762366539116544 79.8 2020-03-23 15:55:15 true
}

func ExampleOuterTradeID() {
	for _, msg := range []string{`{"OuterTradeID":"6359657698853654528"}`, `"6359657698853654528"`, `"成功"`} {
		fmt.Println(yihua.OuterTradeID([]byte(msg)))
	}
	// Output:
	// 6359657698853654528 true
	// 6359657698853654528 true
	//  false
}

// Call sends an ErpService method this package does not type yet.
func ExampleClient_Call() {
	srv := yihuatest.NewServer()
	defer srv.Close()
	c, _ := yihua.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	params, _ := (&yihua.TransferRequest{Trade: exampleTrade("T-4")}).Params()
	var msg struct{ OuterTradeID string }
	// TradeTransferToErp is a write Yihua does not de-duplicate, so
	// SafeToReplay stays false: it is never replayed after an unclear outcome.
	req := &yihua.CallRequest{Method: yihua.MethodTradeTransferToErp, Params: params}
	err := c.Call(context.Background(), req, &msg)
	fmt.Println(msg.OuterTradeID, err)
	// Output:
	// 6359657698853654529 <nil>
}

// The typed operations as data: which method posts where, and whether a
// call may be sent again after an outcome that may have reached the ERP.
func ExampleOperations() {
	for _, op := range yihua.Operations() {
		fmt.Printf("%s: POST %s%s (%s), request %v, response %v, safe to replay: %v, max lines: %d\n",
			op.Name, yihua.ServicePath, op.Wire, op.Title, op.Request, op.Response, op.SafeToReplay, op.MaxBatch)
	}
	// Output:
	// TransferTrade: POST /Mall/Erp/ErpService.svc/TradeTransferToErp (向ERP写入订单), request yihua.TransferRequest, response yihua.TransferResponse, safe to replay: false, max lines: 0
}
