// Command quickstart runs one small pass of every flow against the
// in-process fakes and prints what moved, with the rows refused and why:
// Wangdiantong trade_push and refund stock-ins, Yihua sales and returns,
// WDT refund stock-ins into Kingdee sales returns and sales-outs into sales
// out-stock bills, shop orders and stock with Jushuitan, and Honor's VF
// goods, orders, shipment feedback and PSI.
// No account or network needed, and no environment variable is read. The
// examples beside it run each flow in full.
//
//	go run ./examples/quickstart       (from store/)
//	go run ./examples/quickstart -h    (its flags)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
	"github.com/duijie/duijie/yihua"
	"github.com/duijie/duijie/yihua/yihuatest"
)

func main() {
	fs := flag.NewFlagSet("quickstart", flag.ExitOnError)
	timeout := fs.Duration("timeout", time.Minute, "stop and fail when the flows take longer")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: quickstart [flags]\n\n"+
			"Runs one small pass of every flow against the in-process fakes and prints what moved.\n"+
			"No account, network or environment variable is needed. Exit status: 0 when every flow ran, 1 otherwise.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	fs.Parse(os.Args[1:])
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "quickstart: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run executes every flow and writes the summary to w.
func run(ctx context.Context, w io.Writer) error {
	if err := wdtFlow(ctx, w); err != nil {
		return fmt.Errorf("wangdiantong: %w", err)
	}
	if err := yihuaFlow(ctx, w); err != nil {
		return fmt.Errorf("yihua: %w", err)
	}
	if err := kingdeeFlow(ctx, w); err != nil {
		return fmt.Errorf("kingdee: %w", err)
	}
	if err := jushuitanFlow(ctx, w); err != nil {
		return fmt.Errorf("jushuitan: %w", err)
	}
	if err := honorFlow(ctx, w); err != nil {
		return fmt.Errorf("honor: %w", err)
	}
	return nil
}

func money(s string) duijie.Amount {
	a, _ := duijie.ParseAmount(s)
	return a
}

// wdtFlow pushes shop orders with trade_push and reads refund stock-ins.
func wdtFlow(ctx context.Context, w io.Writer) error {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	cfg := srv.Config()
	cfg.KeepEmoji = true // show a row the ERP refuses
	c, err := wangdiantong.NewClient(cfg, duijie.WithBaseURL(srv.URL()), duijie.WithRateLimit())
	if err != nil {
		return err
	}
	created := duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST()))
	var trades []wangdiantong.Trade
	for i, name := range []string{"张三", "李四", "王五😀"} {
		tid := fmt.Sprintf("SO-%03d", i+1)
		trades = append(trades, wangdiantong.Trade{Tid: tid, TradeStatus: 30, PayStatus: 2, DeliveryTerm: 1, TradeTime: created,
			ReceiverName: name, ReceiverAddr: "科技园1号", Paid: money("199.00"),
			Orders: []wangdiantong.Order{{Oid: tid + "-1", Num: money("1"), Price: money("199.00"), SpecNo: "PHONE-128G"}}})
	}
	res, err := c.PushTrades(ctx, &wangdiantong.TradePushRequest{ShopNo: "mall", Trades: trades})
	var batch *duijie.BatchError
	if err != nil && !errors.As(err, &batch) {
		return err
	}
	fmt.Fprintf(w, "旺店通 trade_push: %d sent, %d created, %d updated\n", len(trades), res.NewCount, res.ChgCount)
	for _, r := range res.Results {
		if !r.OK {
			fmt.Fprintf(w, "  rejected %s: %s\n", r.Tid, r.Error)
		}
	}

	day := time.Date(2024, 5, 2, 0, 0, 0, 0, duijie.CST())
	for i := range 3 {
		no := fmt.Sprintf("RK2024050%d", i+1)
		srv.AddRefundStockin(wangdiantong.RefundStockin{StockinNo: duijie.Text(no), Status: "80", ShopNo: "mall", WarehouseNo: "WH1",
			Details: []wangdiantong.RefundStockinDetail{{SpecNo: "PHONE-128G", Num: money("1"), TaxPrice: money("199.00")}}},
			day.Add(time.Duration(i)*time.Hour))
	}
	n := 0
	for s, err := range c.RefundStockins(ctx, &wangdiantong.RefundStockinQuery{StartTime: day, EndTime: day.Add(24 * time.Hour)}) {
		if err != nil {
			return err
		}
		if n == 0 {
			fmt.Fprintf(w, "旺店通 refund stock-ins: first %s, warehouse %s, %s x %s\n", s.StockinNo, s.WarehouseNo, s.Details[0].SpecNo, s.Details[0].Num)
		}
		n++
	}
	fmt.Fprintf(w, "旺店通 refund stock-ins: %d read\n", n)
	return nil
}

// yihuaFlow writes a sale and a return into a Yihua ERP.
func yihuaFlow(ctx context.Context, w io.Writer) error {
	srv := yihuatest.NewServer()
	defer srv.Close()
	c, err := yihua.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	if err != nil {
		return err
	}
	created := duijie.Time{Time: time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST())}
	trade := func(id, qty string) *yihua.Trade {
		return &yihua.Trade{
			Master:  yihua.Master{TradeType: yihua.TradeTypeFixed, TradeID: id, CreateTime: created, TotalMoney: money("24.6000"), FactMoney: money("24.6000")},
			Details: []yihua.Detail{{GoodsID: "BOOK-1", GoodsNumber: money(qty), Price: money("24.6000"), OldPrice: money("32.8000")}},
			Pays:    []yihua.Pay{{FactMoney: money("24.6000"), PayChannel: yihua.PayChannelWeChat}},
		}
	}
	for _, req := range []*yihua.TransferRequest{
		{Trade: trade("Y-1001", "1"), Procedure: yihua.ProcedureSale},
		{Trade: trade("Y-1002", "1"), Return: true, Procedure: yihua.ProcedureSale},
		{Trade: trade("Y-1003", "0"), Procedure: yihua.ProcedureRetail},
	} {
		res, err := c.TransferTrade(ctx, req)
		var invalid *duijie.ValidationError
		switch {
		case errors.As(err, &invalid):
			fmt.Fprintf(w, "益华 %s: not sent: %s %s\n", req.Trade.Master.TradeID, invalid.Field, invalid.Rule)
		case err != nil:
			return err
		default:
			fmt.Fprintf(w, "益华 %s: ERP order %s (return: %v)\n", req.Trade.Master.TradeID, res.OuterTradeID, req.Return)
		}
	}
	fmt.Fprintf(w, "益华 trades stored: %d, duplicates: %d\n", len(srv.Trades()), srv.Duplicates())
	return nil
}
