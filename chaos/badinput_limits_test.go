package chaos_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
	"github.com/duijie/duijie/yihua"
	"github.com/duijie/duijie/yihua/yihuatest"
)

// The cases of "Bad input that is sent today", per vendor: each refused
// with the field named and nothing sent. Where the vendor notes document
// no limit, the SDK's own caps refuse the case: text of more than
// limit.MaxText characters, ids of more than limit.MaxID, and Kingdee
// BatchSaves of more than kingdee.MaxBatchSave bills.

var (
	tenMB     = strings.Repeat("长", 10<<20/3)
	yearZero  = time.Date(0, 1, 1, 8, 0, 0, 0, time.FixedZone("CST", 8*3600))
	manyPlace = "1." + strings.Repeat("3", 30)
)

func TestBadInputLimitsWangdiantong(t *testing.T) {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	require.NoError(t, err)
	push := func(mutate func(*wangdiantong.Trade), shop string) func(context.Context) error {
		tr := wdtTrade()
		mutate(&tr)
		return func(ctx context.Context) error {
			_, err := c.PushTrades(ctx, &wangdiantong.TradePushRequest{ShopNo: shop, Trades: []wangdiantong.Trade{tr}})
			return err
		}
	}
	trade := func(mutate func(*wangdiantong.Trade)) func(context.Context) error { return push(mutate, "shop") }
	thirty, _ := duijie.ParseAmount(manyPlace)
	checkRefused(t, func() int { return len(srv.Journal()) }, []badInput{
		{"10 MB shop_no (varchar(20))", "shop_no", push(func(*wangdiantong.Trade) {}, tenMB)},
		{"10 MB receiver name", "trade_list[0].receiver_name", trade(func(t *wangdiantong.Trade) { t.ReceiverName = tenMB })},
		{"10 MB goods name", "trade_list[0].order_list[0].goods_name", trade(func(t *wangdiantong.Trade) { t.Orders[0].GoodsName = tenMB })},
		{"10 MB remark", "trade_list[0].order_list[0].remark", trade(func(t *wangdiantong.Trade) { t.Orders[0].Remark = tenMB })},
		{"control character in a name", "trade_list[0].receiver_name", trade(func(t *wangdiantong.Trade) { t.ReceiverName = "张\x00三" })},
		{"control character in a remark", "trade_list[0].order_list[0].remark", trade(func(t *wangdiantong.Trade) { t.Orders[0].Remark = "a\x1bb" })},
		{"tid with a leading space", "trade_list[0].tid", trade(func(t *wangdiantong.Trade) { t.Tid = " T1" })},
		{"tid with a trailing newline", "trade_list[0].tid", trade(func(t *wangdiantong.Trade) { t.Tid = "T1\n" })},
		{"oid with a trailing space", "trade_list[0].order_list[0].oid", trade(func(t *wangdiantong.Trade) { t.Orders[0].Oid = "O1 " })},
		{"spec_no with a newline", "trade_list[0].order_list[0].spec_no", trade(func(t *wangdiantong.Trade) { t.Orders[0].SpecNo = "SKU\r\n" })},
		{"shop_no with a trailing space", "shop_no", push(func(*wangdiantong.Trade) {}, "shop ")},
		{"30 decimal places (decimal(19,4))", "trade_list[0].order_list[0].price", trade(func(t *wangdiantong.Trade) { t.Orders[0].Price = thirty })},
		{"16 integer digits (decimal(19,4))", "trade_list[0].paid", trade(func(t *wangdiantong.Trade) {
			t.Paid, _ = duijie.ParseAmount("1234567890123456")
		})},
		{"year 0", "trade_list[0].trade_time", trade(func(t *wangdiantong.Trade) { t.TradeTime = duijie.NewTime(yearZero) })},
		{"trade_status 0", "trade_list[0].trade_status", trade(func(t *wangdiantong.Trade) { t.TradeStatus = 0 })},
		{"trade_status 60", "trade_list[0].trade_status", trade(func(t *wangdiantong.Trade) { t.TradeStatus = 60 })},
		{"delivery_term 0", "trade_list[0].delivery_term", trade(func(t *wangdiantong.Trade) { t.DeliveryTerm = 0 })},
		{"pay_status 3", "trade_list[0].pay_status", trade(func(t *wangdiantong.Trade) { t.PayStatus = 3 })},
		{"invoice_kind 5", "trade_list[0].invoice_kind", trade(func(t *wangdiantong.Trade) { t.InvoiceKind = 5 })},
		{"seller_flag 6", "trade_list[0].seller_flag", trade(func(t *wangdiantong.Trade) { t.SellerFlag = 6 })},
		{"is_auto_wms 2", "trade_list[0].is_auto_wms", trade(func(t *wangdiantong.Trade) { t.IsAutoWms = 2 })},
		{"refund_status 6", "trade_list[0].order_list[0].refund_status", trade(func(t *wangdiantong.Trade) { t.Orders[0].RefundStatus = 6 })},
		{"rec_id with a trailing newline", "logistics_list[0].rec_id", func(ctx context.Context) error {
			_, err := c.AckLogisticsSync(ctx, &wangdiantong.LogisticsAckRequest{Acks: []wangdiantong.LogisticsAck{{RecID: "1\n"}}})
			return err
		}},
		{"refund query status 50", "status", func(ctx context.Context) error {
			_, err := c.QueryRefundStockins(ctx, &wangdiantong.RefundStockinQuery{Status: 50, StockinNo: "RK1"})
			return err
		}},
		{"refund query stockin_no with a space", "stockin_no", func(ctx context.Context) error {
			_, err := c.QueryRefundStockins(ctx, &wangdiantong.RefundStockinQuery{StockinNo: "RK1 "})
			return err
		}},
	})
}

func TestBadInputLimitsKingdee(t *testing.T) {
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
	model := func(m any) func(context.Context) error {
		return func(ctx context.Context) error {
			_, err := c.BatchSave(ctx, &kingdee.BatchSaveRequest{FormID: kingdee.FormSalReturnStock, Models: []any{m}})
			return err
		}
	}
	checkRefused(t, func() int { return len(srv.Journal()) }, []badInput{
		{"control character in the remark", "Models[0].FHeadNote", bill(func(b *kingdee.SalReturnStock) { b.HeadNote = "a\x07b" })},
		{"control character in a line note", "Models[0].FEntity[0].FNote", bill(func(b *kingdee.SalReturnStock) { b.Entries[0].Note = "\x00" })},
		{"bill number with a leading space", "Models[0].FBillNo", bill(func(b *kingdee.SalReturnStock) { b.BillNo = " X1" })},
		{"bill number with a trailing newline", "Models[0].FBillNo", bill(func(b *kingdee.SalReturnStock) { b.BillNo = "X1\n" })},
		{"10 MB bill number with a newline", "Models[0].FBillNo", bill(func(b *kingdee.SalReturnStock) { b.BillNo = tenMB + "\n" })},
		{"10 MB bill number", "Models[0].FBillNo", bill(func(b *kingdee.SalReturnStock) { b.BillNo = tenMB })},
		{"10,001 bills in one BatchSave", "Models", func(ctx context.Context) error {
			models := make([]any, 10001)
			for i := range models {
				models[i] = map[string]any{"FBillNo": "X" + strconv.Itoa(i)}
			}
			_, err := c.BatchSave(ctx, &kingdee.BatchSaveRequest{FormID: kingdee.FormSalReturnStock, Models: models})
			return err
		}},
		{"material code with a trailing space", "Models[0].FEntity[0].FMaterialId.FNumber", bill(func(b *kingdee.SalReturnStock) {
			b.Entries[0].Material = kingdee.RefTo("M ")
		})},
		{"year 0", "Models[0].FDate", bill(func(b *kingdee.SalReturnStock) { b.Date = duijie.NewTime(yearZero) })},
		{"invalid UTF-8 in a custom field", "Models[0].F_Custom", bill(func(b *kingdee.SalReturnStock) { b.Extra = kingdee.Extra{"F_Custom": "\xff"} })},
		{"invalid UTF-8 in a map model", "Models[0].FHeadNote", model(map[string]any{"FBillNo": "X1", "FHeadNote": "\xff"})},
		{"invalid UTF-8 deep in a map model", "Models[0].FEntity[0].FNote", model(map[string]any{"FBillNo": "X1",
			"FEntity": []any{map[string]any{"FNote": "a\xc3"}}})},
		{"control character in a map model", "Models[0].FHeadNote", model(map[string]any{"FBillNo": "X1", "FHeadNote": "a\x01"})},
		{"map model number with a trailing space", "Models[0].FBillNo", model(map[string]any{"FBillNo": "X1 "})},
		{"invalid UTF-8 in a raw model", "Models[0]", model(rawModel("{\"FBillNo\":\"X1\",\"FHeadNote\":\"\xff\"}"))},
	})
}

func TestBadInputLimitsYihua(t *testing.T) {
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
	thirty, _ := duijie.ParseAmount(manyPlace)
	checkRefused(t, func() int { return len(srv.Journal()) }, []badInput{
		{"10 MB buyer name (String(32))", "Master.BuyerName", transfer(func(t *yihua.Trade) { t.Master.BuyerName = tenMB })},
		{"10 MB address (String(128))", "Master.BuyerAddress", transfer(func(t *yihua.Trade) { t.Master.BuyerAddress = tenMB })},
		{"control character in the remark", "Master.Remark", transfer(func(t *yihua.Trade) { t.Master.Remark = tenMB + "\x02" })},
		{"10 MB remark", "Master.Remark", transfer(func(t *yihua.Trade) { t.Master.Remark = tenMB })},
		{"trade id with a leading space", "Master.TradeID", transfer(func(t *yihua.Trade) { t.Master.TradeID = " Y1" })},
		{"trade id with a trailing newline", "Master.TradeID", transfer(func(t *yihua.Trade) { t.Master.TradeID = "Y1\n" })},
		{"goods id with a trailing space", "Details[0].GoodsID", transfer(func(t *yihua.Trade) { t.Details[0].GoodsID = "G " })},
		{"30 decimal places", "Details[0].Price", transfer(func(t *yihua.Trade) { t.Details[0].Price = thirty })},
		{"year 0", "Master.CreateTime", transfer(func(t *yihua.Trade) { t.Master.CreateTime = duijie.NewTime(yearZero) })},
		{"invalid UTF-8 in a line remark", "Details[0].Remark", transfer(func(t *yihua.Trade) { t.Details[0].Remark = "\xff" })},
	})
}

// rawModel is a Kingdee model given as JSON bytes.
func rawModel(s string) any { return json.RawMessage(s) }
