package chaos_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// The caps of the Wangdiantong operations typed for issue 21, each one
// past its limit: refused with the field named and nothing sent.
func TestWdtBreadthCapsAreRefusedBeforeSending(t *testing.T) {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	require.NoError(t, err)
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, duijie.CST())
	month := 30 * 24 * time.Hour
	one := duijie.AmountFromInt(1)
	goods := func(n, specs int) *wangdiantong.GoodsPushRequest {
		r := &wangdiantong.GoodsPushRequest{Goods: make([]wangdiantong.GoodsPush, n)}
		for i := range r.Goods {
			r.Goods[i].GoodsNo = fmt.Sprint("G", i)
			for j := range specs {
				r.Goods[i].Specs = append(r.Goods[i].Specs, wangdiantong.GoodsPushSpec{SpecNo: fmt.Sprint("S", i, "-", j)})
			}
		}
		return r
	}
	lines := func(n int) []wangdiantong.StocktakeLine {
		out := make([]wangdiantong.StocktakeLine, n)
		for i := range out {
			out[i] = wangdiantong.StocktakeLine{SpecNo: fmt.Sprint("S", i), StockNum: one}
		}
		return out
	}
	call := func(f func(ctx context.Context) error) func(context.Context) error { return f }
	checkRefused(t, func() int { return len(srv.Journal()) }, []badInput{
		{"51 goods in one push", "goods_list", call(func(ctx context.Context) error { _, err := c.PushGoods(ctx, goods(51, 1)); return err })},
		{"501 SKUs in one goods", "goods_list[0].spec_list", call(func(ctx context.Context) error { _, err := c.PushGoods(ctx, goods(1, 501)); return err })},
		{"goods page of 101", "page_size", call(func(ctx context.Context) error {
			_, err := c.QueryGoods(ctx, &wangdiantong.GoodsQuery{PageSize: 101})
			return err
		})},
		{"501 stocktaking lines", "goods_list", call(func(ctx context.Context) error {
			_, err := c.PushStocktake(ctx, &wangdiantong.StocktakeRequest{APIOuterNo: "PD", WarehouseNo: "W", Lines: lines(501)})
			return err
		})},
		{"41-character api_outer_no", "api_outer_no", call(func(ctx context.Context) error {
			_, err := c.PushStocktake(ctx, &wangdiantong.StocktakeRequest{APIOuterNo: strings.Repeat("P", 41), WarehouseNo: "W", Lines: lines(1)})
			return err
		})},
		{"41-character stock-out outer_no", "stockout_info.outer_no", call(func(ctx context.Context) error {
			_, err := c.PushStockout(ctx, &wangdiantong.StockoutPush{OuterNo: strings.Repeat("K", 41), WarehouseNo: "W",
				Details: []wangdiantong.StockoutPushDetail{{SpecNo: "S", Num: one}}})
			return err
		})},
		{"stock-in line of 0", "stockin_info.goods_list[0].stockin_num", call(func(ctx context.Context) error {
			_, err := c.PushStockin(ctx, &wangdiantong.StockinPush{OuterNo: "K", WarehouseNo: "W",
				Details: []wangdiantong.StockinPushDetail{{SpecNo: "S"}}})
			return err
		})},
		{"refund page of 41", "page_size", call(func(ctx context.Context) error {
			_, err := c.QueryRefunds(ctx, &wangdiantong.RefundQuery{Tid: "T1", PageSize: 41})
			return err
		})},
		{"refund window of 30 days and a second", "end_time", call(func(ctx context.Context) error {
			_, err := c.QueryRefunds(ctx, &wangdiantong.RefundQuery{StartTime: day, EndTime: day.Add(month + time.Second)})
			return err
		})},
		{"sales-out window of 30 days and a second", "end_time", call(func(ctx context.Context) error {
			_, err := c.QuerySalesStockouts(ctx, &wangdiantong.SalesStockoutQuery{StartTime: day, EndTime: day.Add(month + time.Second)})
			return err
		})},
		{"sales-out status 60", "status", call(func(ctx context.Context) error {
			_, err := c.QuerySalesStockouts(ctx, &wangdiantong.SalesStockoutQuery{StockoutNo: "CK1", Status: 60})
			return err
		})},
		{"stock-out window of 31 days", "end_time", call(func(ctx context.Context) error {
			_, err := c.QueryStockouts(ctx, &wangdiantong.StockoutQuery{StartTime: day, EndTime: day.AddDate(0, 0, 31)})
			return err
		})},
		{"stock-in window of 31 days", "end_time", call(func(ctx context.Context) error {
			_, err := c.QueryStockins(ctx, &wangdiantong.StockinQuery{StartTime: day, EndTime: day.AddDate(0, 0, 31)})
			return err
		})},
		{"stock-in order type 3", "order_type", call(func(ctx context.Context) error {
			_, err := c.QueryStockins(ctx, &wangdiantong.StockinQuery{OuterNo: "K", OrderType: 3})
			return err
		})},
		{"purchase order page of 101", "page_size", call(func(ctx context.Context) error {
			_, err := c.QueryPurchaseOrders(ctx, &wangdiantong.PurchaseOrderQuery{PageSize: 101})
			return err
		})},
		{"refund query without a window or a number", "start_time", call(func(ctx context.Context) error {
			_, err := c.QueryRefunds(ctx, nil)
			return err
		})},
	})
}
