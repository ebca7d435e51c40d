package wangdiantongtest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

func TestPushedGoodsAreQueriedAndUpdatedInPlace(t *testing.T) {
	now := time.Date(2024, 6, 1, 10, 0, 0, 0, duijie.CST())
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0), wangdiantongtest.WithClock(func() time.Time { return now }))
	defer srv.Close()
	ctx := context.Background()
	for name, c := range wdtBClients(t, srv, now) {
		no := "G-" + name
		price := duijie.AmountFromInt(10)
		_, err := c.PushGoods(ctx, &wangdiantong.GoodsPushRequest{Goods: []wangdiantong.GoodsPush{{GoodsNo: no, GoodsName: "鞋",
			Specs: []wangdiantong.GoodsPushSpec{{SpecNo: no + "-42", Barcode: "690" + name, RetailPrice: &price}}}}})
		require.NoError(t, err, name)
		// A second push updates the record and adds a SKU; no second goods.
		_, err = c.PushGoods(ctx, &wangdiantong.GoodsPushRequest{Goods: []wangdiantong.GoodsPush{{GoodsNo: no, GoodsName: "跑鞋",
			Specs: []wangdiantong.GoodsPushSpec{{SpecNo: no + "-42", SpecName: "42码"}, {SpecNo: no + "-43"}}}}})
		require.NoError(t, err, name)
		page, err := c.QueryGoods(ctx, &wangdiantong.GoodsQuery{SpecNo: no + "-43"})
		require.NoError(t, err, name)
		require.Len(t, page.Items, 1, name)
		g := page.Items[0]
		assert.Equal(t, "跑鞋", string(g.GoodsName))
		assert.Equal(t, duijie.Int64(2), g.SpecCount)
		require.Len(t, g.Specs, 2)
		assert.Equal(t, "42码", string(g.Specs[0].SpecName))
		assert.Equal(t, "10", g.Specs[0].RetailPrice.String(), "a field not sent again is kept")
		assert.Equal(t, "2024-06-01 10:00:00", g.GoodsModified.String())
		byBarcode, err := c.QueryGoods(ctx, &wangdiantong.GoodsQuery{Barcode: "690" + name})
		require.NoError(t, err)
		require.Len(t, byBarcode.Items, 1)
		rec, ok := srv.Record(wangdiantongtest.GoodsTable, no)
		require.True(t, ok)
		assert.Equal(t, 2, rec.Writes)
	}
	assert.Len(t, srv.Records(wangdiantongtest.GoodsTable), 4)
	// The window selects by goods_modified.
	c, _ := srv.NewClient(fast, unlimited, duijie.WithClock(func() time.Time { return now }))
	srv.AddGoods(wangdiantong.Goods{GoodsNo: "OLD", Deleted: 0}, now.Add(-48*time.Hour))
	srv.AddGoods(wangdiantong.Goods{GoodsNo: "GONE", Deleted: 1}, now.Add(-48*time.Hour))
	var nos []string
	for g, err := range c.GoodsList(ctx, &wangdiantong.GoodsQuery{StartTime: now.Add(-72 * time.Hour), EndTime: now.Add(-time.Hour)}) {
		require.NoError(t, err)
		nos = append(nos, string(g.GoodsNo))
	}
	assert.Equal(t, []string{"OLD"}, nos, "deleted goods only with Deleted")
	page, err := c.QueryGoods(ctx, &wangdiantong.GoodsQuery{GoodsNo: "GONE", Deleted: true})
	require.NoError(t, err)
	assert.Len(t, page.Items, 1)
}

func TestGoodsPushCapsHoldOnTheFake(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	c, err := srv.NewClient(fast, unlimited)
	require.NoError(t, err)
	ctx := context.Background()
	goods := func(n, specs int) []map[string]any {
		out := make([]map[string]any, n)
		for i := range out {
			list := make([]map[string]any, specs)
			for j := range list {
				list[j] = map[string]any{"spec_no": fmt.Sprint("S", i, "-", j)}
			}
			out[i] = map[string]any{"goods_no": fmt.Sprint("G", i), "spec_list": list}
		}
		return out
	}
	// The raw call skips the client's checks; the fake refuses the whole call.
	for _, list := range [][]map[string]any{goods(51, 1), goods(1, 501), {{"goods_no": "G", "spec_list": []any{}}}, {{"spec_list": []any{map[string]any{"spec_no": "S"}}}}} {
		err := c.Call(ctx, &wangdiantong.CallRequest{Method: "goods_push.php", Params: map[string]any{"goods_list": list}}, nil)
		assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	}
	assert.Empty(t, srv.Records(wangdiantongtest.GoodsTable))
	require.NoError(t, c.Call(ctx, &wangdiantong.CallRequest{Method: "goods_push.php", Params: map[string]any{"goods_list": goods(50, 500)}}, nil))
	assert.Len(t, srv.Records(wangdiantongtest.GoodsTable), 50)
}

// wdtBClients are an openapi2 client and a Qimen client per sign method,
// on the fake's clock now.
func wdtBClients(t *testing.T, srv *wangdiantongtest.Server, now time.Time) map[string]*wangdiantong.Client {
	t.Helper()
	clock := duijie.WithClock(func() time.Time { return now })
	out := map[string]*wangdiantong.Client{}
	c, err := srv.NewClient(fast, unlimited, clock)
	require.NoError(t, err)
	out["openapi2"] = c
	for _, m := range []wangdiantong.SignMethod{wangdiantong.SignMD5, wangdiantong.SignHMAC, wangdiantong.SignHMACSHA256} {
		c, err := srv.NewQimenClient(m, fast, unlimited, clock)
		require.NoError(t, err)
		out["qimen-"+string(m)] = c
	}
	return out
}
