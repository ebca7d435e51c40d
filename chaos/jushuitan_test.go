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
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

func TestJushuitanUploadUnderChaosStoresEveryOrderOnce(t *testing.T) {
	// The fake's own quota is off: the injected throttle answers stand in for it.
	srv := jushuitantest.NewServer(jushuitantest.WithSeed(21), jushuitantest.WithRateLimit(0, 0))
	defer srv.Close()
	srv.Inject(chaosPlan(jushuitantest.ThrottleFault())...)
	logger, logs := logcapture.New()
	c, err := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithHTTPClient(chaosClient()),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 4, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond}),
		duijie.WithRateLimit(), duijie.WithLogger(logger))
	require.NoError(t, err)

	at := duijie.NewTime(time.Date(2026, 11, 21, 10, 0, 0, 0, duijie.CST()))
	price, _ := duijie.ParseAmount("99.50")
	all := make([]jushuitan.UploadOrder, records)
	for i := range all {
		so := fmt.Sprintf("SO%05d", i)
		all[i] = jushuitan.UploadOrder{ShopID: jushuitantest.ShopID, SoID: so, OrderDate: at, ShopStatus: jushuitan.StatusWaitSellerSendGoods,
			ShopBuyerID: "buyer", ReceiverAddress: "广东省深圳市南山区科技园1号", ReceiverName: "张三", ReceiverMobile: "13812345678", PayAmount: price,
			Items: []jushuitan.UploadOrderItem{{SKUID: "SKU1", Name: "手机", Qty: 1, Price: price, Amount: price, OuterOiID: so + "-1"}}}
	}
	var errs []error
	ambiguous := 0
	upload := func(orders []jushuitan.UploadOrder) (reported []jushuitan.UploadOrder) {
		for start := 0; start < len(orders); start += jushuitan.MaxUploadOrders {
			batch := orders[start:min(start+jushuitan.MaxUploadOrders, len(orders))]
			ctx, cancel := callContext()
			res, err := c.UploadOrders(ctx, &jushuitan.UploadOrdersRequest{Orders: batch})
			cancel()
			if err == nil {
				continue
			}
			errs = append(errs, err)
			var be *duijie.BatchError
			if errors.As(err, &be) {
				require.Len(t, res.Results, len(batch), "every order has an outcome")
				for _, i := range be.FailedIndexes() {
					reported = append(reported, batch[i])
				}
				continue
			}
			var te *duijie.TransportError
			if errors.As(err, &te) && te.MayHaveReachedServer {
				ambiguous++
			}
			reported = append(reported, batch...) // the whole call failed: all of it is reported
		}
		return reported
	}
	reported := upload(all)
	t.Logf("first run: %d of %d orders reported undelivered (%d calls may have reached the ERP); faults injected: %d",
		len(reported), records, ambiguous, srv.FaultsInjected(0))
	require.NotEmpty(t, reported, "the chaos made some calls fail")
	for round := 0; len(reported) > 0 && round < 6; round++ {
		reported = upload(reported)
	}
	require.Zero(t, len(reported), "a re-run delivers what was reported")

	want := make([]string, len(all))
	for i, o := range all {
		want[i] = o.SoID
	}
	var stored []string
	updates := 0
	for _, s := range srv.Uploads() {
		stored = append(stored, s.SoID) // the ERP keeps one order per (shop, so_id)
		updates += s.Uploads - 1
	}
	exactlyOnce(t, "Jushuitan orders", want, stored)
	t.Logf("%d re-uploads updated an order the ERP already had", updates)
	assert.Positive(t, ambiguous, "some failures may have reached the ERP and were not replayed by the client")
	assertEveryFault(t, srv.FaultsInjected)
	assert.Empty(t, logs.Leaks([]string{jushuitantest.AppSecret, jushuitantest.AccessToken, srv.CurrentToken(), jushuitantest.RefreshToken, "13812345678"}, errs...))
}
