package chaos_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
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
	day := time.Date(2026, 10, 1, 0, 0, 0, 0, duijie.CST())
	for i := 0; i < records; i++ {
		at := day.Add(time.Duration(i) * time.Minute)
		wdtSrv.AddRefundStockin(wangdiantong.RefundStockin{OrderNo: duijie.Text(fmt.Sprintf("RK%05d", i)), ShopNo: "S1", WarehouseNo: "W1",
			Status: "80", StockinTime: duijie.NewTime(at),
			Details: []wangdiantong.RefundStockinDetail{{SpecNo: "SKU", Num: duijie.AmountFromInt(1), TaxPrice: duijie.AmountFromInt(10)}}}, at)
	}
	wdtSrv.Inject(chaosPlan(wangdiantongtest.ThrottleFault())...)
	kdSrv.Inject(chaosPlan(kingdeetest.CallLimitFault())...)
	kdSrv.DelayCommits(kingdeetest.CommitDelay{Requests: 2}) // a slow commit
	retry := duijie.RetryPolicy{MaxAttempts: 4, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond}
	wdt, err := wangdiantong.NewClient(wdtSrv.Config(), duijie.WithBaseURL(wdtSrv.URL()), duijie.WithHTTPClient(chaosClient()),
		duijie.WithRetry(retry), duijie.WithRateLimit())
	require.NoError(t, err)
	kd, err := kingdee.NewClient(kdSrv.Config(), duijie.WithHTTPClient(chaosClient()), duijie.WithRetry(retry))
	require.NoError(t, err)
	opts := mapping.SalReturnOptions{BillNoPrefix: "WDT-", SaleOrg: "100", Customers: mapping.Codes{"S1": "C1"}, DefaultStock: "CK01",
		Tax: mapping.TaxFixed, TaxRate: duijie.AmountFromInt(13).Ptr()}
	sync := &mapping.Sync[wangdiantong.RefundStockin]{
		Scheme: "chaos", Store: &mapping.MemoryCheckpoints{},
		Policy: mapping.SyncPolicy{Start: day, Lag: time.Minute, MaxWindow: 6 * time.Hour},
		Key:    func(r wangdiantong.RefundStockin) string { return string(r.OrderNo) },
		Fetch: func(ctx context.Context, w mapping.Window) iter.Seq2[wangdiantong.RefundStockin, error] {
			return wdt.RefundStockins(ctx, wangdiantong.RefundStockinQuery{PageSize: 100}.InWindow(w.From, w.To))
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
				if _, err := kd.SaveSalReturns(ctx, &kingdee.SaveSalReturnsRequest{Bills: bills[start:min(start+50, len(bills))], SkipExisting: true, Options: kingdee.SaveOptions{SettleDelay: time.Millisecond}}); err != nil {
					return err
				}
			}
			return nil
		},
	}
	end := day.Add(records*time.Minute + time.Hour)
	// Runs repeat from the checkpoint, as a cron job would, until the sync
	// reaches the end; ten runs in a row without progress fail the test.
	runs, failures, stalled, halvings := 0, 0, 0, 0
	progress := func() int { return len(kdSrv.Bills(kingdee.FormSalReturnStock)) }
	var last mapping.Checkpoint
	for done := false; !done && stalled < 10; runs++ {
		before := progress()
		ctx, cancel := callContext()
		rep, err := sync.Run(ctx, end)
		cancel()
		done = err == nil && !rep.Checkpoint.LastSyncTime.Before(end.Add(-time.Minute))
		if err != nil {
			failures++
			var be *duijie.BatchError
			var te *duijie.TransportError
			var ae *duijie.APIError
			require.True(t, errors.As(err, &be) || errors.As(err, &te) || errors.As(err, &ae) || errors.Is(err, context.Canceled), "%v", err)
		}
		stalled++
		if rep != nil {
			halvings += rep.Halvings
		}
		if rep != nil && (rep.Checkpoint.LastSyncTime.After(last.LastSyncTime) || progress() > before) {
			last, stalled = rep.Checkpoint, 0
		}
	}
	t.Logf("%d runs (%d stopped by a failure, %d windows halved); faults injected: WDT %d, Kingdee %d; numbers refused as taken %d",
		runs, failures, halvings, wdtSrv.FaultsInjected(0), kdSrv.FaultsInjected(0), kdSrv.RepeatedNumbers())
	require.Less(t, stalled, 10, "the sync stopped making progress at %s", last.LastSyncTime)
	want := make([]string, records)
	for i := range want {
		want[i] = fmt.Sprintf("WDT-RK%05d", i)
	}
	var stored []string
	for _, b := range kdSrv.Bills(kingdee.FormSalReturnStock) {
		stored = append(stored, b.Number)
	}
	exactlyOnce(t, "sales returns", want, stored)
	assertEveryFault(t, func(k duijietest.FaultKind) int { return wdtSrv.FaultsInjected(k) + kdSrv.FaultsInjected(k) })
}
