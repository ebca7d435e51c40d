package wangdiantongtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// wdtBSeedGoods pushes one goods record with the given SKUs.
func wdtBSeedGoods(t *testing.T, c *wangdiantong.Client, goodsNo string, specs ...string) {
	t.Helper()
	g := wangdiantong.GoodsPush{GoodsNo: goodsNo}
	for _, s := range specs {
		g.Specs = append(g.Specs, wangdiantong.GoodsPushSpec{SpecNo: s})
	}
	_, err := c.PushGoods(context.Background(), &wangdiantong.GoodsPushRequest{Goods: []wangdiantong.GoodsPush{g}})
	require.NoError(t, err)
}

func TestStockPushesFeedTheQueries(t *testing.T) {
	now := time.Date(2024, 7, 1, 21, 0, 0, 0, duijie.CST())
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0), wangdiantongtest.WithClock(func() time.Time { return now }))
	defer srv.Close()
	ctx := context.Background()
	two, one := duijie.AmountFromInt(2), duijie.AmountFromInt(1)
	for name, c := range wdtBClients(t, srv, now) {
		sku := "SKU-" + name
		wdtBSeedGoods(t, c, "G-"+name, sku)

		out := &wangdiantong.StockoutPush{OuterNo: "OUT-" + name, WarehouseNo: "W1", Check: true,
			Details: []wangdiantong.StockoutPushDetail{{SpecNo: sku, Num: two}}}
		_, err := c.PushStockout(ctx, out)
		require.NoError(t, err, name)
		_, err = c.PushStockout(ctx, out)
		require.NoError(t, err, "%s: a repeated outer_no is answered as done", name)
		page, err := c.QueryStockouts(ctx, &wangdiantong.StockoutQuery{OuterNo: out.OuterNo})
		require.NoError(t, err)
		require.Len(t, page.Items, 1, name)
		b := page.Items[0]
		assert.Equal(t, "110", string(b.Status))
		assert.Equal(t, "7", string(b.OrderType))
		assert.Equal(t, "2024-07-01 21:00:00", b.ConsignTime.String())
		require.Len(t, b.Details, 1)
		assert.Equal(t, "G-"+name, string(b.Details[0].GoodsNo))
		assert.Equal(t, "2", b.Details[0].GoodsCount.String())
		// Shipped today: the default window query finds it by consign time.
		page, err = c.QueryStockouts(ctx, &wangdiantong.StockoutQuery{StartTime: now.Add(-time.Hour), EndTime: now, WarehouseNo: "W1"})
		require.NoError(t, err)
		assert.Contains(t, wdtBStockoutNos(page.Items), string(b.OrderNo))
		_, err = c.PushStockout(ctx, &wangdiantong.StockoutPush{OuterNo: "OUT-X-" + name, WarehouseNo: "W1",
			Details: []wangdiantong.StockoutPushDetail{{SpecNo: "NO-SUCH-SKU", Num: one}}})
		assert.ErrorIs(t, err, duijie.ErrInvalidRequest, "an SKU the goods records do not hold")

		in := &wangdiantong.StockinPush{OuterNo: "IN-" + name, WarehouseNo: "W1", Check: true,
			Details: []wangdiantong.StockinPushDetail{{SpecNo: sku, StockinNum: one, StockinPrice: &two}}}
		first, err := c.PushStockin(ctx, in)
		require.NoError(t, err, name)
		again, err := c.PushStockin(ctx, in)
		require.NoError(t, err, name)
		assert.NotEmpty(t, first.StockinNo)
		assert.Equal(t, first.StockinNo, again.StockinNo, "the stored bill's number")
		sin, err := c.QueryStockins(ctx, &wangdiantong.StockinQuery{OuterNo: in.OuterNo})
		require.NoError(t, err)
		require.Len(t, sin.Items, 1)
		assert.Equal(t, first.StockinNo, string(sin.Items[0].StockinNo))
		assert.Equal(t, "2", sin.Items[0].Details[0].CostPrice.String())

		take := &wangdiantong.StocktakeRequest{APIOuterNo: "PD-" + name, WarehouseNo: "W1",
			Lines: []wangdiantong.StocktakeLine{{SpecNo: sku, StockNum: duijie.AmountFromInt(7)}, {SpecNo: "NO-SUCH-SKU"}}}
		res, err := c.PushStocktake(ctx, take)
		var be *duijie.BatchError
		require.ErrorAs(t, err, &be, name)
		assert.Equal(t, []int{1}, be.FailedIndexes())
		assert.True(t, res.Results[0].OK)
		res, err = c.PushStocktake(ctx, take)
		require.NoError(t, err, name)
		assert.True(t, res.Duplicate, "a second bill of the same api_outer_no")
		stock, err := c.QueryStock(ctx, &wangdiantong.StockQuery{SpecNo: sku})
		require.NoError(t, err)
		require.Len(t, stock.Items, 1)
		assert.Equal(t, "7", stock.Items[0].StockNum.String())
		// Strict: one failing line refuses the bill, nothing stored.
		take.APIOuterNo, take.Strict = "PD-STRICT-"+name, true
		_, err = c.PushStocktake(ctx, take)
		assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
		_, stored := srv.Record(wangdiantongtest.StocktakeTable, take.APIOuterNo)
		assert.False(t, stored)
	}
	for _, table := range []string{wangdiantongtest.StockoutTable, wangdiantongtest.StockinTable, wangdiantongtest.StocktakeTable} {
		recs := srv.Records(table)
		assert.Len(t, recs, 4, table)
		for _, r := range recs {
			assert.Equal(t, 1, r.Writes, "%s %s: a repeated key stores nothing", table, r.Key)
		}
	}
}

func TestStocktakeCapHoldsOnTheFake(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	c, err := srv.NewClient(fast, unlimited)
	require.NoError(t, err)
	ctx := context.Background()
	wdtBSeedGoods(t, c, "G", "S")
	lines := make([]map[string]any, 501)
	for i := range lines {
		lines[i] = map[string]any{"spec_no": "S", "stock_num": 1}
	}
	params := map[string]any{"api_outer_no": "PD1", "warehouse_no": "W", "goods_list": lines}
	err = c.Call(ctx, &wangdiantong.CallRequest{Method: "stock_sync_by_pd.php", Params: params}, nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	params["goods_list"] = lines[:500]
	require.NoError(t, c.Call(ctx, &wangdiantong.CallRequest{Method: "stock_sync_by_pd.php", Params: params}, nil))
	assert.Len(t, srv.Records(wangdiantongtest.StocktakeTable), 1)
}

func wdtBStockoutNos(bills []wangdiantong.Stockout) []string {
	var out []string
	for _, b := range bills {
		out = append(out, string(b.OrderNo))
	}
	return out
}

func TestPushedPurchaseOrdersAreQueried(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	ctx := context.Background()
	srv.AddProvider(wangdiantong.Provider{ProviderNo: "P1", ProviderName: "甲供应商"})
	srv.AddProvider(wangdiantong.Provider{ProviderNo: "P2", ProviderName: "乙供应商"})
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, duijie.CST())
	srv.AddStockTransfer(wangdiantong.StockTransfer{TransferNo: "DB1", OuterNo: "A1", FromWarehouseNo: "W1", ToWarehouseNo: "W2"}, day)
	srv.AddStockTransfer(wangdiantong.StockTransfer{TransferNo: "DB2", OuterNo: "A2", FromWarehouseNo: "W2", ToWarehouseNo: "W1"}, day)
	for name, c := range clients(t, srv) {
		sku := "PO-SKU-" + name
		wdtBSeedGoods(t, c, "PO-G-"+name, sku)
		po := &wangdiantong.PurchaseOrderPush{OuterNo: "PO-" + name, ProviderNo: "P1", WarehouseNo: "W1", UseOuterNo: true,
			Details: []wangdiantong.PurchaseOrderPushDetail{{SpecNo: sku, Num: duijie.AmountFromInt(10)}}}
		_, err := c.PushPurchaseOrder(ctx, po)
		require.NoError(t, err, name)
		_, err = c.PushPurchaseOrder(ctx, po)
		require.NoError(t, err, "%s: a repeated outer_no is answered as done", name)
		page, err := c.QueryPurchaseOrders(ctx, &wangdiantong.PurchaseOrderQuery{OuterNo: po.OuterNo})
		require.NoError(t, err)
		require.Len(t, page.Items, 1, name)
		assert.Equal(t, po.OuterNo, string(page.Items[0].PurchaseNo), "is_use_outer_no=1 numbers the order by outer_no")
		require.Len(t, page.Items[0].Details, 1)
		assert.Equal(t, "PO-G-"+name, string(page.Items[0].Details[0].GoodsNo))
		assert.Equal(t, "10", page.Items[0].Details[0].Num.String())

		prov, err := c.QueryProviders(ctx, &wangdiantong.ProviderQuery{ProviderNo: "P2"})
		require.NoError(t, err)
		require.Len(t, prov.Items, 1)
		assert.Equal(t, "乙供应商", string(prov.Items[0].ProviderName))
		tr, err := c.QueryStockTransfers(ctx, &wangdiantong.StockTransferQuery{APIOuterNo: "A2"})
		require.NoError(t, err)
		require.Len(t, tr.Items, 1)
		assert.Equal(t, "DB2", string(tr.Items[0].TransferNo))
		tr, err = c.QueryStockTransfers(ctx, &wangdiantong.StockTransferQuery{FromWarehouseNo: "W1", StartTime: day, EndTime: day})
		require.NoError(t, err)
		require.Len(t, tr.Items, 1)
		assert.Equal(t, "DB1", string(tr.Items[0].TransferNo))
	}
	recs := srv.Records(wangdiantongtest.PurchaseOrderTable)
	assert.Len(t, recs, 4)
	for _, r := range recs {
		assert.Equal(t, 1, r.Writes, r.Key)
	}
}
