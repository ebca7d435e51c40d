package chaos_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/internal/fakekit"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// TestRefundStockinSyncUnderChaos reads 10,000 WDT refund stock-ins window
// by window and writes them to Kingdee as sales returns while both fakes
// fail often; runs repeat from the checkpoint until it reaches the end.
func TestRefundStockinSyncUnderChaos(t *testing.T) {
	wdtSrv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0), wangdiantongtest.WithSeed(5))
	defer wdtSrv.Close()
	kdSrv := kingdeetest.NewServer(kingdeetest.WithSeed(6))
	defer kdSrv.Close()
	day := time.Date(2026, 10, 1, 0, 0, 0, 0, wangdiantong.CST)
	for i := 0; i < records; i++ {
		at := day.Add(time.Duration(i) * time.Minute)
		wdtSrv.AddRefundStockin(wangdiantong.RefundStockin{OrderNo: wangdiantong.Text(fmt.Sprintf("RK%05d", i)), ShopNo: "S1", WarehouseNo: "W1",
			Status: "80", StockinTime: wangdiantong.NewTime(at),
			Details: []wangdiantong.RefundStockinDetail{{SpecNo: "SKU", GoodsCount: wangdiantong.AmountFromInt(1), SrcPrice: wangdiantong.AmountFromInt(10)}}}, at)
	}
	wdtSrv.Inject(fakekit.ChaosMix(wangdiantongtest.ThrottleFault(), time.Second))
	kdSrv.Inject(kingdeetest.ChaosMix(time.Second))
	retry := wangdiantong.RetryPolicy{MaxAttempts: 4, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond}
	wdt, err := wangdiantong.NewClient(wdtSrv.Config(), wangdiantong.WithBaseURL(wdtSrv.OpenAPIURL()), wangdiantong.WithHTTPClient(chaosClient()),
		wangdiantong.WithRetry(retry), wangdiantong.WithRateLimit())
	require.NoError(t, err)
	kd, err := kingdee.NewClient(kdSrv.Config(kingdee.AuthSignedHeaders), kingdee.WithHTTPClient(chaosClient()), kingdee.WithRetry(retry))
	require.NoError(t, err)
	opts := mapping.SalReturnOptions{BillNoPrefix: "WDT-", SaleOrg: "100", Customers: mapping.Codes{"S1": "C1"}, DefaultStock: "CK01",
		TaxRate: kingdee.AmountFromInt(13)}
	sync := &mapping.Sync[wangdiantong.RefundStockin]{
		Scheme: "chaos", Store: &mapping.MemoryCheckpoints{},
		Policy: mapping.SyncPolicy{Start: day, Lag: time.Minute, MaxWindow: 24 * time.Hour},
		Key:    func(r wangdiantong.RefundStockin) string { return string(r.OrderNo) },
		Fetch: func(ctx context.Context, w mapping.Window) iter.Seq2[wangdiantong.RefundStockin, error] {
			return wdt.RefundStockins(ctx, &wangdiantong.RefundStockinQuery{StartTime: w.From, EndTime: w.To.Add(-time.Second), PageSize: 100})
		},
		Deliver: func(ctx context.Context, _ mapping.Window, rs []wangdiantong.RefundStockin) error {
			bills := make([]kingdee.SalReturnStock, 0, len(rs))
			for i := range rs {
				b, err := mapping.RefundStockinToSalReturn(&rs[i], opts)
				if err != nil {
					return err
				}
				bills = append(bills, *b)
			}
			for start := 0; start < len(bills); start += 50 {
				if _, err := kd.SaveSalReturns(ctx, bills[start:min(start+50, len(bills))], true, kingdee.SaveOptions{}); err != nil {
					return err
				}
			}
			return nil
		},
	}
	end := day.Add(records*time.Minute + time.Hour)
	runs, failures := 0, 0
	for ; runs < 60; runs++ {
		rep, err := sync.Run(context.Background(), end)
		if err == nil && !rep.Checkpoint.LastSyncTime.Before(end.Add(-time.Minute)) {
			break
		}
		if err != nil {
			failures++
			var be *kingdee.BatchError
			var te *kingdee.TransportError
			var ae *kingdee.APIError
			require.True(t, errors.As(err, &be) || errors.As(err, &te) || errors.As(err, &ae) || errors.Is(err, context.DeadlineExceeded), "%v", err)
		}
	}
	t.Logf("%d runs (%d stopped by a failure); faults injected: WDT %d, Kingdee %d; numbers refused as taken %d",
		runs+1, failures, wdtSrv.FaultsInjected(0), kdSrv.FaultsInjected(0), kdSrv.RepeatedNumbers())
	bills := kdSrv.Bills(kingdee.FormSalReturnStock)
	assert.Len(t, bills, records, "every stock-in exactly once")
	seen := make(map[string]bool, len(bills))
	for _, b := range bills {
		assert.False(t, seen[b.Number], "duplicate %s", b.Number)
		seen[b.Number] = true
	}
	assert.Positive(t, kdSrv.FaultsInjected(fakekit.FaultResetAfter)+wdtSrv.FaultsInjected(fakekit.FaultResetAfter))
}
