package chaos_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/internal/fakekit"
	"github.com/duijie/duijie/internal/logcapture"
	"github.com/duijie/duijie/internal/value"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
)

func TestKingdeeBatchSaveUnderChaosSavesEveryBillOnce(t *testing.T) {
	srv := kingdeetest.NewServer(kingdeetest.WithSeed(11))
	defer srv.Close()
	srv.Inject(kingdeetest.ChaosMix(time.Second))
	logger, logs := logcapture.New()
	cfg := srv.Config(kingdee.AuthLoginBySign)
	c, err := kingdee.NewClient(cfg, kingdee.WithHTTPClient(chaosClient()), kingdee.WithLogger(logger),
		kingdee.WithRetry(kingdee.RetryPolicy{MaxAttempts: 4, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond}))
	require.NoError(t, err)

	bill := func(i int) kingdee.SalReturnStock {
		return kingdee.SalReturnStock{BillType: kingdee.RefTo(kingdee.BillTypeSalReturn), BillNo: fmt.Sprintf("XSTH%05d", i),
			Date:    value.NewTime(time.Date(2026, 11, 1, 0, 0, 0, 0, value.CST)),
			SaleOrg: kingdee.RefTo("100"), StockOrg: kingdee.RefTo("100"), Customer: kingdee.RefTo("SHOP-1"),
			Entries: []kingdee.SalReturnEntry{{Material: kingdee.RefTo("SKU"), RealQty: value.AmountFromInt(1),
				TaxPrice: value.AmountFromInt(10), TaxRate: value.AmountFromInt(13)}}}
	}
	const batch = 50
	var errs []error
	save := func(bills []kingdee.SalReturnStock, skipExisting bool) (failed []kingdee.SalReturnStock) {
		for start := 0; start < len(bills); start += batch {
			part := bills[start:min(start+batch, len(bills))]
			res, err := c.SaveSalReturns(context.Background(), part, skipExisting, kingdee.SaveOptions{})
			if err == nil {
				continue
			}
			errs = append(errs, err)
			if res == nil {
				failed = append(failed, part...)
				continue
			}
			require.Len(t, res.Rows, len(part), "every bill has an outcome")
			var be *kingdee.BatchError
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
	t.Logf("first run: %d of %d bills reported unsaved; faults: %d resets after, %d bodies, %d statuses, %d delays; numbers refused as taken: %d",
		len(failed), records, srv.FaultsInjected(fakekit.FaultResetAfter), srv.FaultsInjected(fakekit.FaultBody),
		srv.FaultsInjected(fakekit.FaultStatus), srv.FaultsInjected(fakekit.FaultDelay), srv.RepeatedNumbers())
	for round := 0; len(failed) > 0 && round < 5; round++ {
		failed = save(failed, true)
	}
	require.Empty(t, len(failed), "a re-run saves what was reported; last errors: %v", errs[max(0, len(errs)-3):])

	stored := srv.Bills(kingdee.FormSalReturnStock)
	assert.Len(t, stored, records, "every bill exactly once")
	seen := map[string]bool{}
	for _, b := range stored {
		assert.False(t, seen[b.Number], "duplicate %s", b.Number)
		seen[b.Number] = true
	}
	assert.Positive(t, srv.FaultsInjected(fakekit.FaultResetAfter))
	// A number is only refused as taken when a delayed save landed after
	// the lookup that followed its timeout; never after a reset.
	assert.LessOrEqual(t, srv.RepeatedNumbers(), srv.FaultsInjected(fakekit.FaultDelay)*batch)
	assert.Empty(t, logs.Leaks([]string{kingdeetest.AppSecret}, errs...))
}
