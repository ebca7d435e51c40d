package wangdiantongtest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// FuzzTradePushLimits builds a trade from random parts: whatever the
// client's validator accepts, the fake (which enforces the documented
// limits on the wire) must save; whatever it refuses must send nothing.
func FuzzTradePushLimits(f *testing.F) {
	f.Add("T1", "张三", "SKU1", "1.5", int64(2024), 30, 2, 1, 0, 0, 0, "shop1")
	f.Add(" T1", "a\x01", "SKU\n", "1."+"333333333333333333333333333333", int64(0), 0, 0, 0, 6, 7, 2, "s")
	f.Add("T2", "\xff", "", "12345678901234567", int64(9999), 10, 1, 3, 4, 5, 1, "长长长长长长长长长长长长长长长长长长长长长")
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	f.Cleanup(srv.Close)
	c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), fast, unlimited)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, tid, name, spec, amount string, year int64, status, pay, term, invoice, flag, refund int, shop string) {
		price, err := duijie.ParseAmount(amount)
		if err != nil {
			return
		}
		one := duijie.AmountFromInt(1)
		tr := wangdiantong.Trade{Tid: tid, TradeStatus: status, PayStatus: pay, DeliveryTerm: term, InvoiceKind: invoice,
			RemarkFlag: flag, SellerFlag: flag, TradeTime: duijie.NewTime(time.Date(int(year%20000), 5, 1, 10, 0, 0, 0, duijie.CST())),
			ReceiverName: name, BuyerMessage: name, Paid: price,
			Orders: []wangdiantong.Order{{Oid: tid + "-1", Num: one, Price: price, SpecNo: spec, GoodsName: name, Remark: name, RefundStatus: refund}}}
		before := len(srv.Journal())
		_, err = c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{ShopNo: shop, Trades: []wangdiantong.Trade{tr}})
		var v *duijie.ValidationError
		switch {
		case errors.As(err, &v):
			if len(srv.Journal()) != before {
				t.Fatalf("refused (%v) yet sent", err)
			}
		case err != nil:
			t.Fatalf("the validator accepted a trade the ERP refuses: %v", err)
		}
	})
}
