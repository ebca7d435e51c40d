package wangdiantongtest_test

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

func TestQimenGatewayChecks(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	ctx := context.Background()
	for _, m := range []wangdiantong.SignMethod{wangdiantong.SignMD5, wangdiantong.SignHMAC, wangdiantong.SignHMACSHA256} {
		stale := func() time.Time { return time.Now().Add(6 * time.Minute) }
		c, err := wangdiantong.NewClient(srv.QimenConfig(m), duijie.WithBaseURL(srv.QimenURL()), duijie.WithClock(stale), fast, unlimited)
		require.NoError(t, err)
		_, err = c.QueryShops(ctx, nil)
		assert.ErrorIs(t, err, duijie.ErrSignature, "%s: a timestamp 6 minutes ahead", m)

		cfg := srv.QimenConfig(m)
		cfg.Qimen.AppKey = "someone-else"
		c, _ = wangdiantong.NewClient(cfg, duijie.WithBaseURL(srv.QimenURL()), fast, unlimited)
		_, err = c.QueryShops(ctx, nil)
		assert.ErrorIs(t, err, duijie.ErrAuth, m)
	}
	c, _ := wangdiantong.NewClient(srv.QimenConfig(wangdiantong.SignMD5), duijie.WithBaseURL(srv.QimenURL()), fast, unlimited)
	err := c.Call(ctx, &wangdiantong.CallRequest{Method: "wdt.no.such.method", SafeToReplay: true}, nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	e, ok := err.(*duijie.APIError)
	require.True(t, ok)
	assert.Equal(t, "isv.invalid-method", e.SubCode)
	assert.Equal(t, "fake-req", e.RequestID)
}

func TestThrottleAndBusyFaultsAreRetriedOnBothRoutes(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	srv.AddShop(wangdiantong.Shop{ShopNo: "s1"})
	ctx := context.Background()
	c, _ := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), fast, unlimited)
	srv.FailNext(1, wangdiantongtest.ThrottleFault())
	srv.FailNext(1, wangdiantongtest.BusyFault())
	page, err := c.QueryShops(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, page.Items, 1)
	assert.Equal(t, 3, srv.Calls("/openapi2/shop.php"))

	q, _ := wangdiantong.NewClient(srv.QimenConfig(wangdiantong.SignHMAC), duijie.WithBaseURL(srv.QimenURL()), fast, unlimited)
	srv.FailNext(2, wangdiantongtest.QimenThrottleFault())
	page, err = q.QueryShops(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, page.Items, 1)
	srv.FailNext(3, wangdiantongtest.QimenThrottleFault())
	_, err = q.QueryShops(ctx, nil)
	assert.ErrorIs(t, err, duijie.ErrRateLimited, "three throttled attempts")
	assert.Equal(t, 6, srv.FaultsInjected(duijietest.FaultBody), "1 + 2 + 3 throttle answers")
}

func TestArchiveVariantsServeTheArchive(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	at := time.Date(2023, 1, 10, 0, 0, 0, 0, duijie.CST())
	srv.AddRefundStockin(wangdiantong.RefundStockin{StockinNo: "NEW", Status: "80"}, at)
	srv.AddArchivedRefundStockin(wangdiantong.RefundStockin{StockinNo: "OLD", Status: "80"}, at)
	srv.AddTrade(wangdiantong.ERPTrade{TradeNo: "JY-NEW"}, at)
	srv.AddArchivedTrade(wangdiantong.ERPTrade{TradeNo: "JY-OLD"}, at)
	for name, c := range clients(t, srv) {
		q := &wangdiantong.RefundStockinQuery{StartTime: at.Add(-time.Hour), EndTime: at.Add(time.Hour)}
		cur, err := c.QueryRefundStockins(context.Background(), q)
		require.NoError(t, err, name)
		require.Len(t, cur.Items, 1)
		assert.Equal(t, "NEW", string(cur.Items[0].StockinNo))
		q.History = true
		his, err := c.QueryRefundStockins(context.Background(), q)
		if name != "openapi2" {
			var ve *duijie.ValidationError
			require.ErrorAs(t, err, &ve, "no Qimen name is published for the archive")
		} else {
			require.NoError(t, err, name)
			require.Len(t, his.Items, 1)
			assert.Equal(t, "OLD", string(his.Items[0].StockinNo))
		}
		var nos []string
		for tr, err := range c.Trades(context.Background(), &wangdiantong.TradeQuery{History: true, StartTime: at.Add(-90 * time.Minute), EndTime: at.Add(time.Minute)}) {
			require.NoError(t, err, name)
			nos = append(nos, string(tr.TradeNo))
		}
		assert.Equal(t, []string{"JY-OLD"}, nos, name)
	}
}

func TestFakeRefusesWhatTheVendorRefuses(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	c, _ := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), fast, unlimited)
	ctx := context.Background()
	many := make([]wangdiantong.Trade, 51)
	for i := range many {
		many[i] = trade(fmt.Sprint("T", i), "a")
	}
	// The raw call skips the client's checks; the fake still holds the cap.
	err := c.Call(ctx, &wangdiantong.CallRequest{Method: "trade_push.php", Params: map[string]any{"shop_no": "s", "trade_list": many}, SafeToReplay: true}, nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	assert.Empty(t, srv.Trades())
	// A window over 30 days and a missing window.
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, duijie.CST())
	err = c.Call(ctx, &wangdiantong.CallRequest{Method: "stockin_order_query_refund.php", Params: map[string]any{"start_time": from, "end_time": from.Add(31 * 24 * time.Hour), "page_no": 0, "page_size": 10}, SafeToReplay: true}, nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	err = c.Call(ctx, &wangdiantong.CallRequest{Method: "stockin_order_query_refund.php", Params: map[string]any{"page_no": 0, "page_size": 10}, SafeToReplay: true}, nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	err = c.Call(ctx, &wangdiantong.CallRequest{Method: "shop.php", Params: map[string]any{"page_no": 0, "page_size": 101}, SafeToReplay: true}, nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	// An unknown script.
	err = c.Call(ctx, &wangdiantong.CallRequest{Method: "nope.php", SafeToReplay: true}, nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
}

// TestRefundStockinsUnderChaos reads every refund stock-in through the
// standard chaos mix on both routes: all of them, each once.
func TestRefundStockinsUnderChaos(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0), wangdiantongtest.WithSeed(7))
	defer srv.Close()
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, duijie.CST())
	const n = 300
	for i := range n {
		srv.AddRefundStockin(wangdiantong.RefundStockin{StockinNo: duijie.Text(fmt.Sprintf("RK%04d", i)), Status: "80"},
			start.Add(time.Duration(i)*5*time.Hour))
	}
	end := start.Add(n * 5 * time.Hour)
	hc := wangdiantongtest.HTTPClient()
	retry := duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 12, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond})
	open, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithHTTPClient(hc), retry, unlimited)
	require.NoError(t, err)
	qimen, err := wangdiantong.NewClient(srv.QimenConfig(wangdiantong.SignHMACSHA256), duijie.WithBaseURL(srv.QimenURL()), duijie.WithHTTPClient(hc), retry, unlimited)
	require.NoError(t, err)
	for name, c := range map[string]*wangdiantong.Client{"openapi2": open, "qimen": qimen} {
		srv.ClearFaults()
		throttle := wangdiantongtest.ThrottleFault()
		if name == "qimen" {
			throttle = wangdiantongtest.QimenThrottleFault()
		}
		srv.Inject(duijietest.StandardMix(throttle))
		seen := map[string]int{}
		for s, err := range c.RefundStockins(context.Background(), &wangdiantong.RefundStockinQuery{StartTime: start, EndTime: end, PageSize: 25}) {
			require.NoError(t, err, name)
			seen[string(s.StockinNo)]++
		}
		assert.Len(t, seen, n, name)
		for no, k := range seen {
			assert.Equal(t, 1, k, "%s: %s", name, no)
		}
	}
	assert.Positive(t, srv.FaultsInjected(0))
}
