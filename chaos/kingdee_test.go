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
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
)

func TestKingdeeBatchSaveUnderChaosSavesEveryBillOnce(t *testing.T) {
	srv := kingdeetest.NewServer(kingdeetest.WithSeed(11))
	defer srv.Close()
	srv.Inject(chaosPlan(kingdeetest.CallLimitFault())...)
	// A slow commit: every bill becomes visible to look-ups only after two
	// more requests, while its number is taken at once.
	srv.DelayCommits(kingdeetest.CommitDelay{Requests: 2})
	logger, logs := logcapture.New()
	cfg := srv.ConfigFor(kingdee.AuthLoginBySign)
	c, err := kingdee.NewClient(cfg, duijie.WithHTTPClient(chaosClient()), duijie.WithLogger(logger),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 4, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond}))
	require.NoError(t, err)

	bill := func(i int) kingdee.SalReturnStock {
		return kingdee.SalReturnStock{BillType: kingdee.RefTo(kingdee.BillTypeSalReturn), BillNo: fmt.Sprintf("XSTH%05d", i),
			Date:    duijie.NewTime(time.Date(2026, 11, 1, 0, 0, 0, 0, duijie.CST())),
			SaleOrg: kingdee.RefTo("100"), StockOrg: kingdee.RefTo("100"), Customer: kingdee.RefTo("SHOP-1"),
			Entries: []kingdee.SalReturnEntry{{Material: kingdee.RefTo("SKU"), RealQty: duijie.AmountFromInt(1),
				TaxPrice: duijie.AmountFromInt(10), TaxRate: duijie.AmountFromInt(13).Ptr()}}}
	}
	const batch = 50
	var errs []error
	save := func(bills []kingdee.SalReturnStock, skipExisting bool) (failed []kingdee.SalReturnStock) {
		for start := 0; start < len(bills); start += batch {
			part := bills[start:min(start+batch, len(bills))]
			ctx, cancel := callContext()
			res, err := c.SaveSalReturns(ctx, &kingdee.SaveSalReturnsRequest{Bills: part, SkipExisting: skipExisting, Options: kingdee.SaveOptions{SettleDelay: time.Millisecond}})
			cancel()
			if err == nil {
				continue
			}
			errs = append(errs, err)
			if res == nil {
				failed = append(failed, part...)
				continue
			}
			require.Len(t, res.Rows, len(part), "every bill has an outcome")
			var be *duijie.BatchError
			require.True(t, errors.As(err, &be), "%v", err)
			for _, i := range be.FailedIndexes() {
				failed = append(failed, part[i])
			}
		}
		return failed
	}
	all := make([]kingdee.SalReturnStock, records)
	for i := range all {
		all[i] = bill(i)
	}
	failed := save(all, false)
	t.Logf("first run: %d of %d bills reported unsaved; faults injected: %d; numbers refused as taken: %d",
		len(failed), records, srv.FaultsInjected(0), srv.RepeatedNumbers())
	for round := 0; len(failed) > 0 && round < 5; round++ {
		failed = save(failed, true)
	}
	require.Empty(t, len(failed), "a re-run saves what was reported; last errors: %v", errs[max(0, len(errs)-3):])

	want := make([]string, len(all))
	for i, b := range all {
		want[i] = b.BillNo
	}
	var stored []string
	for _, b := range srv.Bills(kingdee.FormSalReturnStock) {
		stored = append(stored, b.Number)
	}
	exactlyOnce(t, "Kingdee bills", want, stored)
	assertEveryFault(t, srv.FaultsInjected)
	assert.Empty(t, logs.Leaks([]string{kingdeetest.AppSecret}, errs...))
}
