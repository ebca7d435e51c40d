package chaos_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/logcapture"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
	"github.com/duijie/duijie/yihua"
	"github.com/duijie/duijie/yihua/yihuatest"
)

func TestTradePushUnderChaosLosesNothing(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0), wangdiantongtest.WithSeed(42))
	defer srv.Close()
	srv.Inject(chaosPlan(wangdiantongtest.ThrottleFault())...)
	logger, logs := logcapture.New()
	c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithHTTPClient(chaosClient()),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 4, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond}),
		duijie.WithRateLimit(), duijie.WithLogger(logger))
	require.NoError(t, err)

	one := duijie.AmountFromInt(1)
	all := make([]wangdiantong.Trade, records)
	for i := range all {
		tid := fmt.Sprintf("T%05d", i)
		all[i] = wangdiantong.Trade{Tid: tid, TradeStatus: 30, PayStatus: 2, DeliveryTerm: 1,
			TradeTime: duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST())), ReceiverName: "收货人", ReceiverMobile: "13812345678",
			Paid: one, Orders: []wangdiantong.Order{{Oid: tid + "-1", Num: one, Price: one, SpecNo: "SKU"}}}
	}
	var errs []error
	push := func(trades []wangdiantong.Trade) (reported []wangdiantong.Trade) {
		for start := 0; start < len(trades); start += wangdiantong.MaxTradesPerPush {
			batch := trades[start:min(start+wangdiantong.MaxTradesPerPush, len(trades))]
			ctx, cancel := callContext()
			res, err := c.PushTrades(ctx, &wangdiantong.TradePushRequest{ShopNo: "shop", Trades: batch})
			cancel()
			if err == nil {
				continue
			}
			errs = append(errs, err)
			var be *duijie.BatchError
			if errors.As(err, &be) {
				for _, i := range be.FailedIndexes() {
					reported = append(reported, batch[i])
				}
				require.Len(t, res.Results, len(batch))
				continue
			}
			reported = append(reported, batch...)
		}
		return reported
	}
	reported := push(all)
	t.Logf("first run: %d of %d trades reported undelivered; faults injected: %d", len(reported), records, srv.FaultsInjected(0))
	for round := 0; len(reported) > 0 && round < 5; round++ {
		reported = push(reported)
	}
	require.Empty(t, reported, "a re-run delivers what was reported")

	want := make([]string, len(all))
	for i, tr := range all {
		want[i] = tr.Tid
	}
	var stored []string
	for _, s := range srv.Trades() {
		stored = append(stored, s.Trade["tid"].(string))
	}
	exactlyOnce(t, "trades", want, stored)
	assertEveryFault(t, srv.FaultsInjected)
	assert.Empty(t, logs.Leaks([]string{"13812345678"}, errs...))
	assert.NotContains(t, logs.String(), "13812345678")
}

func TestYihuaTransferUnderChaosNeverDuplicates(t *testing.T) {
	srv := yihuatest.NewServer(yihuatest.WithSeed(7))
	defer srv.Close()
	srv.Inject(chaosPlan(yihuatest.ThrottleFault())...)
	logger, logs := logcapture.New()
	c, err := yihua.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithHTTPClient(chaosClient()),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 4, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond}), duijie.WithLogger(logger))
	require.NoError(t, err)

	price := duijie.AmountFromInt(10)
	trade := func(id string) *yihua.Trade {
		return &yihua.Trade{Master: yihua.Master{TradeType: yihua.TradeTypeFixed, TradeID: id,
			CreateTime: duijie.Time{Time: time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST())}, TotalMoney: price, BuyerPhone: "13912345678"},
			Details: []yihua.Detail{{GoodsID: "G", GoodsNumber: duijie.AmountFromInt(1), Price: price}}}
	}
	var reported []string
	var errs []error
	ambiguous := 0
	for i := range records {
		id := fmt.Sprintf("Y%05d", i)
		ctx, cancel := callContext()
		_, err := c.TransferTrade(ctx, &yihua.TransferRequest{Trade: trade(id)})
		cancel()
		if err != nil {
			errs = append(errs, err)
			var te *duijie.TransportError
			if errors.As(err, &te) && te.MayHaveReachedServer {
				ambiguous++
			}
			reported = append(reported, id)
		}
	}
	t.Logf("first run: %d of %d reported undelivered (%d may have reached the ERP)", len(reported), records, ambiguous)
	assert.Zero(t, srv.Duplicates(), "a write that may have reached the ERP is never replayed")
	assert.Positive(t, ambiguous)

	// The re-run: look each reported order up first (as a host does in its
	// ERP), and send only the ones that are not there.
	for round := 0; len(reported) > 0 && round < 5; round++ {
		var again []string
		for _, id := range reported {
			if _, there := srv.Trade(id); there {
				continue
			}
			ctx, cancel := callContext()
			if _, err := c.TransferTrade(ctx, &yihua.TransferRequest{Trade: trade(id)}); err != nil {
				again = append(again, id)
			}
			cancel()
		}
		reported = again
	}
	require.Empty(t, reported, "a re-run delivers what was reported; first: %v", firstKeys(reported))
	want := make([]string, records)
	for i := range want {
		want[i] = fmt.Sprintf("Y%05d", i)
	}
	var stored []string
	for _, st := range srv.Trades() {
		for range st.Writes { // a trade written twice is a duplicate
			stored = append(stored, st.Master.TradeID)
		}
	}
	exactlyOnce(t, "Yihua trades", want, stored)
	assert.Zero(t, srv.Duplicates())
	assertEveryFault(t, srv.FaultsInjected)
	assert.Empty(t, logs.Leaks([]string{yihuatest.UserAccessToken, "13912345678"}, errs...))
}
