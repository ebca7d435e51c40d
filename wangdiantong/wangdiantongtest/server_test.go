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

var fast = duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond})

// unlimited turns the client-side limiter off: these tests measure the fake, not the quota.
var unlimited = duijie.WithRateLimit()

func trade(tid, name string) wangdiantong.Trade {
	one, _ := duijie.ParseAmount("1")
	return wangdiantong.Trade{Tid: tid, TradeStatus: 30, PayStatus: 2, DeliveryTerm: 1,
		TradeTime:    duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST())),
		ReceiverName: name, ReceiverAddr: "地址", Paid: one,
		Orders: []wangdiantong.Order{{Oid: tid + "-1", Num: one, Price: one, SpecNo: "SKU1"}}}
}

func clients(t *testing.T, srv *wangdiantongtest.Server) map[string]*wangdiantong.Client {
	t.Helper()
	out := map[string]*wangdiantong.Client{}
	c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), fast, unlimited)
	require.NoError(t, err)
	out["openapi2"] = c
	for _, m := range []wangdiantong.SignMethod{wangdiantong.SignMD5, wangdiantong.SignHMAC, wangdiantong.SignHMACSHA256} {
		c, err := wangdiantong.NewClient(srv.QimenConfig(m), duijie.WithBaseURL(srv.QimenURL()), fast, unlimited)
		require.NoError(t, err)
		out["qimen-"+string(m)] = c
	}
	return out
}

func TestPushOverEveryRouteAndSignMethod(t *testing.T) {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	for name, c := range clients(t, srv) {
		res, err := c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{ShopNo: "shop1", Trades: []wangdiantong.Trade{trade("T-"+name, "张三")}})
		require.NoError(t, err, name)
		assert.Equal(t, 1, res.NewCount, name)
		// A re-push updates, never duplicates.
		res, err = c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{ShopNo: "shop1", Trades: []wangdiantong.Trade{trade("T-"+name, "李四")}})
		require.NoError(t, err, name)
		assert.Equal(t, 1, res.ChgCount, name)
		st, ok := srv.Trade("shop1", "T-"+name)
		require.True(t, ok)
		assert.Equal(t, 2, st.Pushes)
		assert.Equal(t, "李四", st.Trade["receiver_name"])
	}
	assert.Len(t, srv.Trades(), 4)
}

func TestFakeRejectsBadSignatureAndStaleTimestamp(t *testing.T) {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	cfg := srv.Config()
	cfg.AppSecret = "wrong"
	c, _ := wangdiantong.NewClient(cfg, duijie.WithBaseURL(srv.URL()), fast, unlimited)
	_, err := c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{ShopNo: "s", Trades: []wangdiantong.Trade{trade("T1", "a")}})
	assert.ErrorIs(t, err, duijie.ErrSignature)
	assert.NotContains(t, err.Error(), wangdiantongtest.AppSecret)

	stale := func() time.Time { return time.Now().Add(-6 * time.Minute) }
	c, _ = wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithClock(stale), fast)
	_, err = c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{ShopNo: "s", Trades: []wangdiantong.Trade{trade("T1", "a")}})
	assert.ErrorIs(t, err, duijie.ErrSignature)

	qc := srv.QimenConfig(wangdiantong.SignMD5)
	qc.Qimen.AppSecret = "nope"
	c, _ = wangdiantong.NewClient(qc, duijie.WithBaseURL(srv.QimenURL()), fast, unlimited)
	_, err = c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{ShopNo: "s", Trades: []wangdiantong.Trade{trade("T1", "a")}})
	assert.ErrorIs(t, err, duijie.ErrSignature)
	assert.Empty(t, srv.Trades())
}

func TestEmojiAreDroppedUnlessKept(t *testing.T) {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	c, _ := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), fast, unlimited)
	_, err := c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{ShopNo: "s", Trades: []wangdiantong.Trade{trade("T1", "张三😀")}})
	require.NoError(t, err)
	st, _ := srv.Trade("s", "T1")
	assert.Equal(t, "张三", st.Trade["receiver_name"])

	cfg := srv.Config()
	cfg.KeepEmoji = true
	c, _ = wangdiantong.NewClient(cfg, duijie.WithBaseURL(srv.URL()), fast, unlimited)
	res, err := c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{ShopNo: "s", Trades: []wangdiantong.Trade{trade("T2", "ok"), trade("T3", "王😀")}})
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be, "the ERP refuses 4-byte characters row by row")
	assert.Equal(t, []int{1}, be.FailedIndexes())
	assert.True(t, res.Results[0].OK)
}

func TestRefundStockinsAcrossWindowsAndPages(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, duijie.CST())
	end := start.Add(75 * 24 * time.Hour)
	want := map[string]bool{}
	for i := range 230 {
		no := fmt.Sprintf("RK%04d", i)
		at := start.Add(time.Duration(i) * 8 * time.Hour)
		if i%10 == 0 {
			at = start.Add(30 * 24 * time.Hour) // exactly on a window edge
		}
		status := "80"
		if i%7 == 0 {
			status = "30" // not finished: not selected by default
		}
		srv.AddRefundStockin(wangdiantong.RefundStockin{StockinNo: duijie.Text(no), OrderNo: duijie.Text(no), Status: duijie.Text(status),
			Details: []wangdiantong.RefundStockinDetail{{SpecNo: "SKU", Num: duijie.AmountFromInt(1)}}}, at)
		if status == "80" && !at.After(end) { // the vendor's range includes its end
			want[no] = true
		}
	}
	for name, c := range clients(t, srv) {
		got := map[string]int{}
		for s, err := range c.RefundStockins(context.Background(), &wangdiantong.RefundStockinQuery{StartTime: start, EndTime: end, PageSize: 17}) {
			require.NoError(t, err, name)
			got[string(s.StockinNo)]++
			require.Len(t, s.Details, 1)
		}
		assert.Len(t, got, len(want), name)
		for no, n := range got {
			assert.True(t, want[no], "%s: %s was not asked for", name, no)
			assert.Equal(t, 1, n, "%s: %s seen %d times", name, no, n)
		}
	}
}

func TestRateLimitAnswersAreRetried(t *testing.T) {
	now := time.Now()
	clock := func() time.Time { return now }
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(2), wangdiantongtest.WithClock(clock))
	defer srv.Close()
	c, _ := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithClock(clock), fast, duijie.WithRateLimit())
	for i := range 2 {
		_, err := c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{ShopNo: "s", Trades: []wangdiantong.Trade{trade(fmt.Sprint("T", i), "a")}})
		require.NoError(t, err)
	}
	_, err := c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{ShopNo: "s", Trades: []wangdiantong.Trade{trade("T9", "a")}})
	require.ErrorIs(t, err, duijie.ErrRateLimited)
	assert.Equal(t, 5, srv.Calls(""), "two accepted, then three throttled attempts")
}

func TestFaultsOnAReplayableWrite(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	c, _ := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), fast, unlimited)
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	srv.FailNext(1, wangdiantongtest.ThrottleFault())
	res, err := c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{ShopNo: "s", Trades: []wangdiantong.Trade{trade("T1", "a")}})
	require.NoError(t, err)
	assert.Equal(t, 1, res.ChgCount, "the first attempt was applied before the reset; the replay updated it")
	st, _ := srv.Trade("s", "T1")
	assert.Equal(t, 2, st.Pushes)
	assert.Len(t, srv.Trades(), 1)
	assert.Equal(t, 3, srv.Calls(""))

	srv.AddLogisticsSync(wangdiantong.LogisticsSync{RecID: "9", ShopNo: "s"})
	srv.AddLogisticsSync(wangdiantong.LogisticsSync{RecID: "10", ShopNo: "s"})
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetBefore})
	ack, err := c.AckLogisticsSync(context.Background(), &wangdiantong.LogisticsAckRequest{Acks: []wangdiantong.LogisticsAck{{RecID: "9"}, {RecID: "10", Failed: true, Message: "x"}}})
	require.NoError(t, err)
	assert.True(t, ack.Results[0].OK && ack.Results[1].OK)
	assert.Equal(t, map[string]string{"9": "0", "10": "1"}, srv.Acks())
}

func TestTradesStocksShopsWarehousesAndLogistics(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	start := time.Date(2024, 3, 1, 0, 0, 0, 0, duijie.CST())
	for i := range 50 {
		at := start.Add(time.Duration(i) * 7 * time.Minute) // crosses several 60-minute windows, some on an edge
		srv.AddTrade(wangdiantong.ERPTrade{TradeNo: duijie.Text(fmt.Sprint("JY", i)), ShopNo: "s1"}, at)
		srv.AddStock(wangdiantong.Stock{SpecNo: duijie.Text(fmt.Sprint("SKU", i)), WarehouseNo: "W1", StockNum: duijie.AmountFromInt(int64(i))}, at)
	}
	srv.AddShop(wangdiantong.Shop{ShopNo: "s1", ShopName: "店一"})
	srv.AddWarehouse(wangdiantong.Warehouse{WarehouseNo: "W1", Name: "总仓"})
	srv.AddLogisticsSync(wangdiantong.LogisticsSync{RecID: "1", ShopNo: "s1", Tid: "T1", LogisticsNo: "SF1"})
	srv.AddLogisticsSync(wangdiantong.LogisticsSync{RecID: "2", ShopNo: "s1", Tid: "T2", LogisticsNo: "SF2"})
	end := start.Add(49 * 7 * time.Minute)
	for name, c := range clients(t, srv) {
		seen := map[string]int{}
		for tr, err := range c.Trades(context.Background(), &wangdiantong.TradeQuery{StartTime: start, EndTime: end, PageSize: 3}) {
			require.NoError(t, err, name)
			seen[string(tr.TradeNo)]++
		}
		assert.Len(t, seen, 50, name)
		for no, n := range seen {
			assert.Equal(t, 1, n, "%s %s", name, no)
		}
		n := 0
		for st, err := range c.Stocks(context.Background(), &wangdiantong.StockQuery{StartTime: start, EndTime: end}) {
			require.NoError(t, err, name)
			assert.Equal(t, "W1", string(st.WarehouseNo))
			n++
		}
		assert.Equal(t, 50, n, name)
		shops, err := c.QueryShops(context.Background(), nil)
		require.NoError(t, err, name)
		assert.Equal(t, 1, shops.Total)
		assert.Equal(t, "店一", string(shops.Items[0].ShopName))
		whs, err := c.QueryWarehouses(context.Background(), &wangdiantong.WarehouseQuery{WarehouseNo: "W1", PageSize: 10})
		require.NoError(t, err, name)
		assert.Equal(t, "总仓", string(whs.Items[0].Name))
		_, err = c.QueryTrades(context.Background(), &wangdiantong.TradeQuery{StartTime: start, EndTime: start.Add(61 * time.Minute)})
		assert.ErrorIs(t, err, duijie.ErrInvalidRequest, "over the 60-minute window")
	}
	c := clients(t, srv)["openapi2"]
	todo, err := c.QueryLogisticsSync(context.Background(), &wangdiantong.LogisticsSyncQuery{ShopNo: "s1"})
	require.NoError(t, err)
	require.Len(t, todo.Trades, 2)
	_, err = c.AckLogisticsSync(context.Background(), &wangdiantong.LogisticsAckRequest{Acks: []wangdiantong.LogisticsAck{{RecID: string(todo.Trades[0].RecID)}}})
	require.NoError(t, err)
	todo, err = c.QueryLogisticsSync(context.Background(), &wangdiantong.LogisticsSyncQuery{ShopNo: "s1"})
	require.NoError(t, err)
	require.Len(t, todo.Trades, 1)
	assert.Equal(t, "2", string(todo.Trades[0].RecID))
	// A second acknowledgement of the same record is refused row by row.
	res, err := c.AckLogisticsSync(context.Background(), &wangdiantong.LogisticsAckRequest{Acks: []wangdiantong.LogisticsAck{
		{RecID: "2"}, {RecID: "1"}}})
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, []int{1}, be.FailedIndexes())
	assert.True(t, res.Results[0].OK)
	assert.False(t, res.Results[1].OK)
	assert.Equal(t, "非待同步状态,不可更新", res.Results[1].Error)
}

// TestPushModesOnAPartialRefusal pushes three trades, one of which the ERP
// refuses (a character it cannot store), in each mode and over both routes.
func TestPushModesOnAPartialRefusal(t *testing.T) {
	for _, strict := range []bool{false, true} {
		for _, route := range []string{"openapi2", "qimen"} {
			t.Run(fmt.Sprintf("strict=%v/%s", strict, route), func(t *testing.T) {
				srv := wangdiantongtest.NewServer()
				defer srv.Close()
				cfg, base := srv.Config(), srv.URL()
				if route == "qimen" {
					cfg, base = srv.QimenConfig(wangdiantong.SignMD5), srv.QimenURL()
				}
				cfg.KeepEmoji = true
				c, err := wangdiantong.NewClient(cfg, duijie.WithBaseURL(base), fast, unlimited)
				require.NoError(t, err)
				res, err := c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{ShopNo: "shop1", Strict: strict,
					Trades: []wangdiantong.Trade{trade("A", "张三"), trade("B", "李四😀"), trade("C", "王五")}})
				var be *duijie.BatchError
				require.ErrorAs(t, err, &be)
				require.Len(t, res.Results, 3)
				assert.False(t, res.Results[1].OK)
				assert.Equal(t, "包含无法保存的字符", res.Results[1].Error)
				assert.Empty(t, be.UnknownIndexes(), "the answer accounts for every trade")
				if strict {
					assert.Empty(t, srv.Trades(), "strict mode saves nothing")
					for _, i := range []int{0, 2} {
						assert.False(t, res.Results[i].OK, "a trade of a refused call is never reported created")
						assert.False(t, res.Results[i].OutcomeUnknown)
					}
					assert.Equal(t, []int{0, 1, 2}, be.FailedIndexes())
					return
				}
				assert.Len(t, srv.Trades(), 2)
				assert.True(t, res.Results[0].OK)
				assert.True(t, res.Results[2].OK)
				assert.Equal(t, []int{1}, be.FailedIndexes())
			})
		}
	}
}

// windowKind is one windowed query: how to store a record stamped at a
// time, and how to read a range (inclusive, or a half-open window).
type windowKind struct {
	name string
	max  time.Duration
	add  func(srv *wangdiantongtest.Server, key string, at time.Time)
	read func(c *wangdiantong.Client, from, to time.Time, halfOpen bool) func(func(string, error) bool)
}

var windowKinds = []windowKind{
	{"refund stock-ins", 30 * 24 * time.Hour,
		func(srv *wangdiantongtest.Server, key string, at time.Time) {
			srv.AddRefundStockin(wangdiantong.RefundStockin{StockinNo: duijie.Text(key), OrderNo: duijie.Text(key), Status: "80"}, at)
		},
		func(c *wangdiantong.Client, from, to time.Time, halfOpen bool) func(func(string, error) bool) {
			q := &wangdiantong.RefundStockinQuery{StartTime: from, EndTime: to}
			if halfOpen {
				q = wangdiantong.RefundStockinQuery{}.InWindow(from, to)
			}
			return keys(c.RefundStockins(context.Background(), q), func(s wangdiantong.RefundStockin) string { return string(s.StockinNo) })
		}},
	{"trades", time.Hour,
		func(srv *wangdiantongtest.Server, key string, at time.Time) {
			srv.AddTrade(wangdiantong.ERPTrade{TradeNo: duijie.Text(key)}, at)
		},
		func(c *wangdiantong.Client, from, to time.Time, halfOpen bool) func(func(string, error) bool) {
			q := &wangdiantong.TradeQuery{StartTime: from, EndTime: to}
			if halfOpen {
				q = wangdiantong.TradeQuery{}.InWindow(from, to)
			}
			return keys(c.Trades(context.Background(), q), func(t wangdiantong.ERPTrade) string { return string(t.TradeNo) })
		}},
	{"stock", 30 * 24 * time.Hour,
		func(srv *wangdiantongtest.Server, key string, at time.Time) {
			srv.AddStock(wangdiantong.Stock{SpecNo: duijie.Text(key), WarehouseNo: "W1"}, at)
		},
		func(c *wangdiantong.Client, from, to time.Time, halfOpen bool) func(func(string, error) bool) {
			q := &wangdiantong.StockQuery{StartTime: from, EndTime: to}
			if halfOpen {
				q = wangdiantong.StockQuery{}.InWindow(from, to)
			}
			return keys(c.Stocks(context.Background(), q), func(s wangdiantong.Stock) string { return string(s.SpecNo) })
		}},
}

func keys[T any](seq func(func(T, error) bool), key func(T) string) func(func(string, error) bool) {
	return func(yield func(string, error) bool) {
		for it, err := range seq {
			if !yield(key(it), err) || err != nil {
				return
			}
		}
	}
}

func readAll(t *testing.T, seq func(func(string, error) bool)) map[string]int {
	t.Helper()
	got := map[string]int{}
	for k, err := range seq {
		require.NoError(t, err)
		got[k]++
	}
	return got
}

// TestWindowEdgesReadEveryBoundaryRecordOnce stores records stamped exactly
// on every edge the iterators and InWindow cut at, and on the seconds
// beside them, and reads each windowed query over both routes.
func TestWindowEdgesReadEveryBoundaryRecordOnce(t *testing.T) {
	start := time.Date(2024, 3, 1, 8, 0, 0, 0, duijie.CST())
	for _, k := range windowKinds {
		t.Run(k.name, func(t *testing.T) {
			srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
			defer srv.Close()
			end := start.Add(2*k.max + 30*time.Minute)
			stamps := map[string]time.Time{
				"before": start.Add(-time.Second), "start": start,
				"edge1-": start.Add(k.max - time.Second), "edge1": start.Add(k.max),
				"edge1-frac": start.Add(k.max - 500*time.Millisecond), // the vendor keeps seconds: edge1- again
				"edge2-":     start.Add(2*k.max - time.Second), "edge2": start.Add(2 * k.max),
				"end": end, "after": end.Add(time.Second),
			}
			for key, at := range stamps {
				k.add(srv, key, at)
			}
			inside := func(from, to time.Time, halfOpen bool) map[string]int {
				want := map[string]int{}
				for key, at := range stamps {
					at = at.Truncate(time.Second)
					if !at.Before(from) && (at.Before(to) || !halfOpen && at.Equal(to)) {
						want[key] = 1
					}
				}
				return want
			}
			for name, c := range clients(t, srv) {
				// The inclusive range, cut into the vendor's maximum window.
				assert.Equal(t, inside(start, end, false), readAll(t, k.read(c, start, end, false)), name)
				// One second, start == end: the vendor's range includes it.
				assert.Equal(t, map[string]int{"edge1": 1}, readAll(t, k.read(c, stamps["edge1"], stamps["edge1"], false)), name)
				// Consecutive half-open windows read the shared edge once, in the later one.
				got := readAll(t, k.read(c, start, start.Add(k.max), true))
				assert.Equal(t, inside(start, start.Add(k.max), true), got, name)
				for key, n := range readAll(t, k.read(c, start.Add(k.max), end, true)) {
					got[key] += n
				}
				assert.Equal(t, inside(start, end, true), got, "%s: each record once across the windows", name)
				assert.NotContains(t, got, "end", "a half-open window leaves out its end")
				// A window starting inside a second starts at the next one.
				assert.NotContains(t, readAll(t, k.read(c, start.Add(time.Millisecond), start.Add(k.max), true)), "start", name)
			}
		})
	}
}
