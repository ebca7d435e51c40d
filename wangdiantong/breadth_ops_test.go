package wangdiantong_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// The rows added for issue 21 carry the limits and replay rules of the
// vendor notes (breadth.md §1) and the Qimen names of cuifan53/wdt-sdk
// src/path.ts.
func TestBreadthRowsCarryTheVendorsLimits(t *testing.T) {
	got := map[string]duijie.Operation{}
	for _, op := range wangdiantong.Operations() {
		got[op.Wire] = op
	}
	month := 30 * 24 * time.Hour
	for wire, want := range map[string]struct {
		qimen         string
		window        time.Duration
		page, batch   int
		replay, paged bool
	}{
		"stockout_order_query_trade.php":     {"wdt.stockout.order.query.trade", month, 100, 0, true, true},
		"his_stockout_order_query_trade.php": {"", month, 100, 0, true, true},
		"goods_query.php":                    {"wdt.goods.query", 0, 100, 0, true, true},
		"goods_push.php":                     {"wdt.goods.push", 0, 0, 50, true, false},
		"stockin_order_query_purchase.php":   {"wdt.stockin.order.query.purchase", 0, 100, 0, true, true},
		"purchase_order_query.php":           {"wdt.purchase.order.query", 0, 100, 0, true, true},
		"refund_query.php":                   {"wdt.refund.query", month, 40, 0, true, true},
		"his_refund_query.php":               {"", month, 40, 0, true, true},
		"stockout_order_query.php":           {"wdt.stockout.order.query", month, 100, 0, true, true},
		"stockin_order_query.php":            {"wdt.stockin.order.query", month, 100, 0, true, true},
		"purchase_return_query.php":          {"wdt.purchase.return.query", 0, 100, 0, true, true},
		"stockout_order_query_return.php":    {"wdt.stockout.order.query.return", 0, 100, 0, true, true},
		"stockout_order_push.php":            {"wdt.stockout.order.push", 0, 0, 0, true, false},
		"stockin_order_push.php":             {"wdt.stockin.order.push", 0, 0, 0, false, false},
		"stock_sync_by_pd.php":               {"wdt.stock.sync.by.pd", 0, 0, 500, true, false},
		"stock_transfer_query.php":           {"wdt.stock.transfer.query", 0, 100, 0, true, true},
		"purchase_provider_query.php":        {"wdt.purchase.provider.query", 0, 100, 0, true, true},
		"purchase_order_push.php":            {"wdt.purchase.order.push", 0, 0, 0, true, false},
	} {
		op, ok := got[wire]
		if !assert.True(t, ok, wire) {
			continue
		}
		name, named := wangdiantong.QimenMethod(wire)
		assert.Equal(t, want.qimen, name, wire)
		assert.Equal(t, want.qimen != "", named, wire)
		assert.Equal(t, want.window, op.MaxWindow, wire)
		assert.Equal(t, want.page, op.MaxPageSize, wire)
		assert.Equal(t, want.batch, op.MaxBatch, wire)
		assert.Equal(t, want.replay, op.SafeToReplay, wire)
		assert.Equal(t, want.paged, op.Paging == duijie.PagedByNumber, wire)
	}
}

// Under a reset after the handler ran, each new operation is replayed
// exactly when its row says so, and a replayed write is not stored twice.
func TestBreadthReplayFollowsTheTable(t *testing.T) {
	rows := map[string]duijie.Operation{}
	for _, op := range wangdiantong.Operations() {
		rows[op.Name] = op
	}
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	c, err := srv.NewClient(fastRetry, noLimit)
	require.NoError(t, err)
	ctx := context.Background()
	one := duijie.AmountFromInt(1)
	_, err = c.PushGoods(ctx, &wangdiantong.GoodsPushRequest{Goods: []wangdiantong.GoodsPush{{GoodsNo: "G0", Specs: []wangdiantong.GoodsPushSpec{{SpecNo: "S0"}}}}})
	require.NoError(t, err)
	calls := []struct {
		name, table, key string
		call             func() error
	}{
		{"QueryGoods", "", "", func() error { _, err := c.QueryGoods(ctx, nil); return err }},
		{"QuerySalesStockouts", "", "", func() error {
			_, err := c.QuerySalesStockouts(ctx, &wangdiantong.SalesStockoutQuery{SrcTid: "T"})
			return err
		}},
		{"PushGoods", wangdiantongtest.GoodsTable, "G1", func() error {
			_, err := c.PushGoods(ctx, &wangdiantong.GoodsPushRequest{Goods: []wangdiantong.GoodsPush{{GoodsNo: "G1", Specs: []wangdiantong.GoodsPushSpec{{SpecNo: "S1"}}}}})
			return err
		}},
		{"PushStockout", wangdiantongtest.StockoutTable, "K1", func() error {
			_, err := c.PushStockout(ctx, &wangdiantong.StockoutPush{OuterNo: "K1", WarehouseNo: "W", Details: []wangdiantong.StockoutPushDetail{{SpecNo: "S0", Num: one}}})
			return err
		}},
		{"PushPurchaseOrder", wangdiantongtest.PurchaseOrderTable, "K3", func() error {
			_, err := c.PushPurchaseOrder(ctx, &wangdiantong.PurchaseOrderPush{OuterNo: "K3", ProviderNo: "P", WarehouseNo: "W",
				Details: []wangdiantong.PurchaseOrderPushDetail{{SpecNo: "S0", Num: one}}})
			return err
		}},
		{"PushStockin", wangdiantongtest.StockinTable, "K2", func() error {
			_, err := c.PushStockin(ctx, &wangdiantong.StockinPush{OuterNo: "K2", WarehouseNo: "W", Details: []wangdiantong.StockinPushDetail{{SpecNo: "S0", StockinNum: one}}})
			return err
		}},
		{"PushStocktake", wangdiantongtest.StocktakeTable, "PD1", func() error {
			res, err := c.PushStocktake(ctx, &wangdiantong.StocktakeRequest{APIOuterNo: "PD1", WarehouseNo: "W", Lines: []wangdiantong.StocktakeLine{{SpecNo: "S0", StockNum: one}}})
			if err == nil && !res.Duplicate {
				return fmt.Errorf("the replay of an applied bill is answered as a duplicate")
			}
			return err
		}},
	}
	for _, tc := range calls {
		op := rows[tc.name]
		srv.ResetJournal()
		srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
		err := tc.call()
		if op.SafeToReplay {
			require.NoError(t, err, tc.name)
			assert.Equal(t, 2, srv.Calls(""), "%s is safe to replay: replayed once after the reset", op.Wire)
		} else {
			assert.True(t, duijie.MayHaveArrived(err), tc.name)
			assert.Equal(t, 1, srv.Calls(""), "%s is not safe to replay: sent once", op.Wire)
		}
		if tc.table != "" {
			rec, ok := srv.Record(tc.table, tc.key)
			require.True(t, ok, "%s: the first attempt stored it", tc.name)
			want := 1
			if tc.name == "PushGoods" {
				want = 2 // goods are upserted: the replay updates
			}
			assert.Equal(t, want, rec.Writes, tc.name)
		}
	}
	assert.False(t, rows["PushStockin"].SafeToReplay, "stockin_order_push's key is only inferred")
}
