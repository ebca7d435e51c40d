package chaos_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/logcapture"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// wdtBBills is the number of one-bill-per-call pushes of each chaos row
// below: a tenth of records, as each is one call.
const wdtBBills = records / 10

// wdtBChaos starts a fake under the standard chaos plan, seeded with the
// goods the stock bills name, and a client for it.
func wdtBChaos(t *testing.T, seed int64) (*wangdiantongtest.Server, *wangdiantong.Client, *logcapture.Capture) {
	t.Helper()
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0), wangdiantongtest.WithSeed(seed))
	t.Cleanup(srv.Close)
	srv.AddGoods(wangdiantong.Goods{GoodsNo: "G", Specs: []wangdiantong.GoodsSpec{{SpecNo: "SKU-A"}, {SpecNo: "SKU-B"}}}, time.Now())
	srv.Inject(chaosPlan(wangdiantongtest.ThrottleFault())...)
	logger, logs := logcapture.New()
	c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithHTTPClient(chaosClient()),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 4, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond}),
		duijie.WithRateLimit(), duijie.WithLogger(logger))
	require.NoError(t, err)
	return srv, c, logs
}

// wdtBKeys are the keys of a table's records, once per record.
func wdtBKeys(srv *wangdiantongtest.Server, table string) ([]string, map[string]int) {
	var keys []string
	writes := map[string]int{}
	for _, r := range srv.Records(table) {
		keys = append(keys, r.Key)
		writes[r.Key] = r.Writes
	}
	return keys, writes
}

func TestWdtGoodsPushUnderChaosStoresEveryGoodsOnce(t *testing.T) {
	srv, c, _ := wdtBChaos(t, 21)
	all := make([]wangdiantong.GoodsPush, records)
	want := make([]string, records)
	for i := range all {
		no := fmt.Sprintf("G%05d", i)
		all[i] = wangdiantong.GoodsPush{GoodsNo: no, GoodsName: "货品", Specs: []wangdiantong.GoodsPushSpec{{SpecNo: no + "-1"}}}
		want[i] = no
	}
	push := func(goods []wangdiantong.GoodsPush) (left []wangdiantong.GoodsPush) {
		for start := 0; start < len(goods); start += wangdiantong.MaxGoodsPerPush {
			batch := goods[start:min(start+wangdiantong.MaxGoodsPerPush, len(goods))]
			ctx, cancel := callContext()
			_, err := c.PushGoods(ctx, &wangdiantong.GoodsPushRequest{Goods: batch})
			cancel()
			if err != nil {
				left = append(left, batch...)
			}
		}
		return left
	}
	rerun(t, "goods", push(all), func(g wangdiantong.GoodsPush) string { return g.GoodsNo }, push)
	keys, _ := wdtBKeys(srv, wangdiantongtest.GoodsTable)
	keys = slices.DeleteFunc(keys, func(k string) bool { return k == "G" }) // seeded by wdtBChaos
	exactlyOnce(t, "goods records", want, keys)
	assertEveryFault(t, srv.FaultsInjected)
}

func TestWdtStockoutPushUnderChaosStoresEveryBillOnce(t *testing.T) {
	srv, c, _ := wdtBChaos(t, 22)
	want := make([]string, wdtBBills)
	for i := range want {
		want[i] = fmt.Sprintf("OUT%05d", i)
	}
	push := func(keys []string) (left []string) {
		for _, k := range keys {
			ctx, cancel := callContext()
			_, err := c.PushStockout(ctx, &wangdiantong.StockoutPush{OuterNo: k, WarehouseNo: "W1", Check: true,
				Details: []wangdiantong.StockoutPushDetail{{SpecNo: "SKU-A", Num: duijie.AmountFromInt(1)}}})
			cancel()
			if err != nil {
				left = append(left, k)
			}
		}
		return left
	}
	rerun(t, "stock-outs", push(want), func(k string) string { return k }, push)
	keys, writes := wdtBKeys(srv, wangdiantongtest.StockoutTable)
	exactlyOnce(t, "stock-out bills", want, keys)
	for k, n := range writes {
		assert.Equal(t, 1, n, "%s: a replay stores no second bill", k)
	}
	assertEveryFault(t, srv.FaultsInjected)
}

// stockin_order_push is never replayed: a bill is either stored once or
// reported, and a reported one that may have arrived is looked up before
// it is pushed again, as a host does.
func TestWdtStockinPushUnderChaosLosesNothing(t *testing.T) {
	srv, c, logs := wdtBChaos(t, 23)
	want := make([]string, wdtBBills)
	for i := range want {
		want[i] = fmt.Sprintf("IN%05d", i)
	}
	ambiguous := 0
	var errs []error
	push := func(keys []string) (left []string) {
		for _, k := range keys {
			ctx, cancel := callContext()
			_, err := c.PushStockin(ctx, &wangdiantong.StockinPush{OuterNo: k, WarehouseNo: "W1", Check: true,
				Details: []wangdiantong.StockinPushDetail{{SpecNo: "SKU-B", StockinNum: duijie.AmountFromInt(1)}}})
			cancel()
			if err != nil {
				errs = append(errs, err)
				if duijie.MayHaveArrived(err) {
					ambiguous++
				}
				left = append(left, k)
			}
		}
		return left
	}
	reported := push(want)
	stored, _ := wdtBKeys(srv, wangdiantongtest.StockinTable)
	isStored := map[string]bool{}
	for _, k := range stored {
		isStored[k] = true
	}
	isReported := map[string]bool{}
	for _, k := range reported {
		isReported[k] = true
	}
	for _, k := range want {
		if !isStored[k] && !isReported[k] {
			t.Fatalf("%s was neither stored nor reported: silently lost", k)
		}
	}
	t.Logf("first run: %d of %d reported (%d may have arrived)", len(reported), len(want), ambiguous)
	assert.Positive(t, ambiguous, "the mix cuts writes off after they reached the ERP")
	// The re-run looks each reported bill up through the SDK and pushes
	// only those the ERP does not have.
	lookUp := func(keys []string) (left []string) {
		var missing []string
		for _, k := range keys {
			ctx, cancel := callContext()
			page, err := c.QueryStockins(ctx, &wangdiantong.StockinQuery{OuterNo: k, Status: 80})
			cancel()
			switch {
			case err != nil:
				left = append(left, k) // not settled: try again next round
			case len(page.Items) == 0:
				missing = append(missing, k)
			}
		}
		return append(left, push(missing)...)
	}
	rerun(t, "stock-ins", reported, func(k string) string { return k }, lookUp)
	keys, writes := wdtBKeys(srv, wangdiantongtest.StockinTable)
	exactlyOnce(t, "stock-in bills", want, keys)
	for k, n := range writes {
		assert.Equal(t, 1, n, k)
	}
	assertEveryFault(t, srv.FaultsInjected)
	var te *duijie.TransportError
	assert.True(t, slices.ContainsFunc(errs, func(err error) bool { return errors.As(err, &te) }))
	assert.Empty(t, logs.Leaks(nil, errs...))
}

func TestWdtStocktakeUnderChaosAppliesEveryBillOnce(t *testing.T) {
	srv, c, _ := wdtBChaos(t, 24)
	const lines = 25
	bills := make([]string, records/lines)
	for i := range bills {
		bills[i] = fmt.Sprintf("PD%05d", i)
	}
	duplicates := 0
	push := func(keys []string) (left []string) {
		for _, k := range keys {
			ls := make([]wangdiantong.StocktakeLine, lines)
			for j := range ls {
				spec := "SKU-A"
				if j%2 == 1 {
					spec = "SKU-B"
				}
				ls[j] = wangdiantong.StocktakeLine{SpecNo: spec, StockNum: duijie.AmountFromInt(int64(j)), PositionNo: fmt.Sprintf("P%02d", j)}
			}
			mode := 2
			ctx, cancel := callContext()
			res, err := c.PushStocktake(ctx, &wangdiantong.StocktakeRequest{APIOuterNo: k, WarehouseNo: "W1", Mode: &mode, Lines: ls})
			cancel()
			switch {
			case err != nil:
				left = append(left, k)
			case res.Duplicate:
				duplicates++
			}
		}
		return left
	}
	rerun(t, "stocktakes", push(bills), func(k string) string { return k }, push)
	t.Logf("%d bills answered as duplicates of an applied attempt", duplicates)
	keys, writes := wdtBKeys(srv, wangdiantongtest.StocktakeTable)
	exactlyOnce(t, "stocktaking bills", bills, keys)
	for k, n := range writes {
		assert.Equal(t, 1, n, k)
	}
	assertEveryFault(t, srv.FaultsInjected)
}

func TestWdtPurchaseOrderPushUnderChaosStoresEveryOrderOnce(t *testing.T) {
	srv, c, _ := wdtBChaos(t, 25)
	want := make([]string, wdtBBills)
	for i := range want {
		want[i] = fmt.Sprintf("PO%05d", i)
	}
	push := func(keys []string) (left []string) {
		for _, k := range keys {
			ctx, cancel := callContext()
			_, err := c.PushPurchaseOrder(ctx, &wangdiantong.PurchaseOrderPush{OuterNo: k, ProviderNo: "P1", WarehouseNo: "W1",
				Details: []wangdiantong.PurchaseOrderPushDetail{{SpecNo: "SKU-A", Num: duijie.AmountFromInt(5)}}})
			cancel()
			if err != nil {
				left = append(left, k)
			}
		}
		return left
	}
	rerun(t, "purchase orders", push(want), func(k string) string { return k }, push)
	keys, writes := wdtBKeys(srv, wangdiantongtest.PurchaseOrderTable)
	exactlyOnce(t, "purchase orders", want, keys)
	for k, n := range writes {
		assert.Equal(t, 1, n, "%s: a replay stores no second order", k)
	}
	assertEveryFault(t, srv.FaultsInjected)
}
