package chaos_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
	"github.com/duijie/duijie/yihua"
	"github.com/duijie/duijie/yihua/yihuatest"
)

// badInput is one malformed call: the field the ValidationError must name.
type badInput struct {
	name  string
	field string
	call  func(ctx context.Context) error
}

// checkRefused runs every case and asserts a ValidationError naming the
// field, and that the fake saw no request at all.
func checkRefused(t *testing.T, journal func() int, cases []badInput) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := journal()
			err := tc.call(context.Background())
			require.Error(t, err)
			var v *duijie.ValidationError // one type: the aliases share it
			require.True(t, errors.As(err, &v), "%T %v", err, err)
			assert.Equal(t, tc.field, v.Field)
			assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
			assert.Equal(t, before, journal(), "no request sent")
		})
	}
}

// wdtTrade, yihuaTrade and kingdeeBill are valid documents each bad-input
// case breaks in one place.
func wdtTrade() wangdiantong.Trade {
	one := duijie.AmountFromInt(1)
	return wangdiantong.Trade{Tid: "T1", TradeStatus: 30, PayStatus: 2, DeliveryTerm: 1, TradeTime: duijie.NewTime(time.Now()),
		Paid: one, Orders: []wangdiantong.Order{{Oid: "O1", Num: one, Price: one, SpecNo: "SKU"}}}
}

func yihuaTrade() *yihua.Trade {
	price := duijie.AmountFromInt(10)
	return &yihua.Trade{Master: yihua.Master{TradeType: yihua.TradeTypeFixed, TradeID: "Y1",
		CreateTime: duijie.Time{Time: time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST())}, TotalMoney: price},
		Details: []yihua.Detail{{GoodsID: "G", GoodsNumber: duijie.AmountFromInt(1), Price: price}}}
}

func kingdeeBill() kingdee.SalReturnStock {
	return kingdee.SalReturnStock{BillNo: "X1", SaleOrg: kingdee.RefTo("100"), StockOrg: kingdee.RefTo("100"), Customer: kingdee.RefTo("C"),
		Entries: []kingdee.SalReturnEntry{{Material: kingdee.RefTo("M"), RealQty: duijie.AmountFromInt(1)}}}
}

func TestBadInputIsRefusedBeforeSending(t *testing.T) {
	long := strings.Repeat("长", 300)
	t.Run("wangdiantong", func(t *testing.T) {
		srv := wangdiantongtest.NewServer()
		defer srv.Close()
		c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
		require.NoError(t, err)
		trade := func(mutate func(*wangdiantong.Trade)) *wangdiantong.TradePushRequest {
			tr := wdtTrade()
			mutate(&tr)
			return &wangdiantong.TradePushRequest{ShopNo: "shop", Trades: []wangdiantong.Trade{tr}}
		}
		push := func(r *wangdiantong.TradePushRequest) func(context.Context) error {
			return func(ctx context.Context) error { _, err := c.PushTrades(ctx, r); return err }
		}
		day := time.Date(2026, 11, 1, 0, 0, 0, 0, duijie.CST())
		refunds := func(q *wangdiantong.RefundStockinQuery) func(context.Context) error {
			return func(ctx context.Context) error { _, err := c.QueryRefundStockins(ctx, q); return err }
		}
		checkRefused(t, func() int { return len(srv.Journal()) }, []badInput{
			{"no shop", "shop_no", push(&wangdiantong.TradePushRequest{Trades: trade(func(*wangdiantong.Trade) {}).Trades})},
			{"long shop", "shop_no", push(&wangdiantong.TradePushRequest{ShopNo: long, Trades: trade(func(*wangdiantong.Trade) {}).Trades})},
			{"no trades", "trade_list", push(&wangdiantong.TradePushRequest{ShopNo: "s"})},
			{"too many trades", "trade_list", push(&wangdiantong.TradePushRequest{ShopNo: "s", Trades: make([]wangdiantong.Trade, 51)})},
			{"no tid", "trade_list[0].tid", push(trade(func(t *wangdiantong.Trade) { t.Tid = "" }))},
			{"negative paid", "trade_list[0].paid", push(trade(func(t *wangdiantong.Trade) { t.Paid = duijie.AmountFromInt(-1) }))},
			{"negative price", "trade_list[0].order_list[0].price", push(trade(func(t *wangdiantong.Trade) { t.Orders[0].Price = duijie.AmountFromCents(-1) }))},
			{"zero quantity", "trade_list[0].order_list[0].num", push(trade(func(t *wangdiantong.Trade) { t.Orders[0].Num = duijie.AmountFromInt(0) }))},
			{"invalid UTF-8", "trade_list[0].receiver_name", push(trade(func(t *wangdiantong.Trade) { t.ReceiverName = "张\xff" }))},
			{"XML-ish text is fine but invalid UTF-8 deep in a line is not", "trade_list[0].order_list[0].goods_name",
				push(trade(func(t *wangdiantong.Trade) { t.ReceiverName = "<a>&"; t.Orders[0].GoodsName = "\xc3" }))},
			{"window over the maximum", "end_time", refunds(&wangdiantong.RefundStockinQuery{StartTime: day, EndTime: day.AddDate(0, 2, 0)})},
			{"end before start", "end_time", refunds(&wangdiantong.RefundStockinQuery{StartTime: day, EndTime: day.Add(-time.Hour)})},
			{"page size over the maximum", "page_size", refunds(&wangdiantong.RefundStockinQuery{StartTime: day, EndTime: day.Add(time.Hour), PageSize: 101})},
			{"negative page", "page_no", refunds(&wangdiantong.RefundStockinQuery{StartTime: day, EndTime: day.Add(time.Hour), PageNo: -1})},
		})
	})
	t.Run("yihua", func(t *testing.T) {
		srv := yihuatest.NewServer()
		defer srv.Close()
		c, err := yihua.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
		require.NoError(t, err)
		transfer := func(mutate func(*yihua.Trade)) func(context.Context) error {
			tr := yihuaTrade()
			mutate(tr)
			return func(ctx context.Context) error {
				_, err := c.TransferTrade(ctx, &yihua.TransferRequest{Trade: tr})
				return err
			}
		}
		checkRefused(t, func() int { return len(srv.Journal()) }, []badInput{
			{"no trade id", "Master.TradeID", transfer(func(t *yihua.Trade) { t.Master.TradeID = "" })},
			{"negative money", "Master.TotalMoney", transfer(func(t *yihua.Trade) { t.Master.TotalMoney = duijie.AmountFromInt(-1) })},
			{"long address", "Master.BuyerAddress", transfer(func(t *yihua.Trade) { t.Master.BuyerAddress = long })},
			{"invalid UTF-8", "Master.BuyerName", transfer(func(t *yihua.Trade) { t.Master.BuyerName = "\xff" })},
			{"control character", "Master.Remark", transfer(func(t *yihua.Trade) { t.Master.Remark = "a\x01b" })},
		})
	})
	t.Run("kingdee", func(t *testing.T) {
		srv := kingdeetest.NewServer()
		defer srv.Close()
		c, err := kingdee.NewClient(srv.Config())
		require.NoError(t, err)
		bill := func(mutate func(*kingdee.SalReturnStock)) func(context.Context) error {
			b := kingdeeBill()
			mutate(&b)
			return func(ctx context.Context) error {
				_, err := c.SaveSalReturns(ctx, &kingdee.SaveSalReturnsRequest{Bills: []kingdee.SalReturnStock{b}})
				return err
			}
		}
		query := func(q *kingdee.BillQuery) func(context.Context) error {
			return func(ctx context.Context) error { _, err := c.ExecuteBillQuery(ctx, q); return err }
		}
		checkRefused(t, func() int { return len(srv.Journal()) }, []badInput{
			{"no customer", "Models[0].FRetcustId", bill(func(b *kingdee.SalReturnStock) { b.Customer = kingdee.Ref{} })},
			{"no lines", "Models[0].FEntity", bill(func(b *kingdee.SalReturnStock) { b.Entries = nil })},
			{"negative quantity", "Models[0].FEntity[0].FRealQty", bill(func(b *kingdee.SalReturnStock) { b.Entries[0].RealQty = duijie.AmountFromInt(-2) })},
			{"invalid UTF-8", "Models[0].FHeadNote", bill(func(b *kingdee.SalReturnStock) { b.HeadNote = "\xff" })},
			{"page size over the maximum", "Limit", query(&kingdee.BillQuery{FormID: "F", FieldKeys: []string{"FID"}, Limit: 10001})},
			{"no form", "FormID", query(&kingdee.BillQuery{FieldKeys: []string{"FID"}})},
			{"no action target", "Numbers", func(ctx context.Context) error {
				_, err := c.Submit(ctx, &kingdee.BillAction{FormID: "F"})
				return err
			}},
		})
	})
}
