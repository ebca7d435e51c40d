package main

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/push"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestDemoPushesTheGoodOrderOnceAndRefusesTheUnsignedPush(t *testing.T) {
	var out bytes.Buffer
	srv, results, err := demo(&out, quiet())
	require.NoError(t, err)
	defer srv.Close()
	require.Len(t, results, 2)
	assert.Equal(t, push.Result{ShopNo: "QY01", Tid: "CB-1001", OK: true}, results[0])
	assert.False(t, results[1].OK)
	assert.False(t, results[1].Retry, "a refusal is final")
	assert.Contains(t, results[1].Reason, "order_list")

	trades := srv.Trades()
	require.Len(t, trades, 1, "only the good order reached WDT")
	assert.Equal(t, "CB-1001", trades[0].Trade["tid"])
	assert.Equal(t, "QY01", trades[0].ShopNo)
	assert.Equal(t, 1, trades[0].Pushes, "the repeated callback was not pushed again")
	assert.Equal(t, 1, srv.Calls("/openapi2/trade_push.php"))

	text := out.String()
	assert.True(t, strings.HasPrefix(text, "signed callback answered HTTP 200\n"), text)
	assert.Contains(t, text, "the same callback sent again answered HTTP 200\n  CB-1001 already in WDT")
	assert.Contains(t, text, "an unsigned callback answered HTTP 401\n")
	assert.NotContains(t, text, "13800138000")
}

// endpoint is the receiver over a WDT fake, with a client that neither
// retries (so the fake's faults reach the receiver) nor spaces its calls.
func endpoint(t *testing.T) (*wangdiantongtest.Server, *httptest.Server, push.Secret) {
	t.Helper()
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	t.Cleanup(srv.Close)
	c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 1}), duijie.WithRateLimit())
	require.NoError(t, err)
	secret := push.Secret("endpoint-test-secret")
	rc, err := push.NewReceiver(deliverToWDT(c, mapping.TradePushOptions{ShopNo: "QY01", DeliveryTerm: 1, NoRefundWhenAbsent: true}, quiet()), push.WithSecret(secret))
	require.NoError(t, err)
	hs := httptest.NewServer(rc)
	t.Cleanup(hs.Close)
	return srv, hs, secret
}

func TestAnOrderWDTMayHaveSavedIsPushedAgainOnRetryThenSettled(t *testing.T) {
	srv, hs, secret := endpoint(t)
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	now := time.Now()

	status, res, err := send(hs.Client(), hs.URL+callbackPath, secret, []byte(sample), now)
	require.NoError(t, err)
	assert.Equal(t, http.StatusServiceUnavailable, status)
	assert.True(t, res[0].Unknown && res[0].Retry, "%+v", res[0])
	assert.False(t, res[1].Retry, "the bad order's refusal is final")

	status, res, err = send(hs.Client(), hs.URL+callbackPath, secret, []byte(sample), now)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, status)
	assert.True(t, res[0].OK && !res[0].Repeat)
	assert.True(t, res[1].Repeat)

	status, res, err = send(hs.Client(), hs.URL+callbackPath, secret, []byte(sample), now)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, status)
	assert.True(t, res[0].OK && res[0].Repeat)

	tr, ok := srv.Trade("QY01", "CB-1001")
	require.True(t, ok)
	assert.Equal(t, 2, tr.Pushes, "stored by the reset call, updated once by the retry, never again")
}

func TestOrdersOfTwoShopsInOnePushAreMatchedToTheirOutcomes(t *testing.T) {
	srv, hs, secret := endpoint(t)
	body := `[` + strings.Replace(one("A-1"), `"shop_no":"QY01"`, `"shop_no":"QY02"`, 1) + `,` + one("B-1") + `,` +
		strings.Replace(one("A-2"), `"order_list":[`, `"order_list":[],"x":[`, 1) + `,` + strings.Replace(one("A-3"), `"shop_no":"QY01"`, `"shop_no":"QY02"`, 1) + `]`
	status, res, err := send(hs.Client(), hs.URL+callbackPath, secret, []byte(body), time.Now())
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, status)
	require.Len(t, res, 4)
	assert.Equal(t, []string{"A-1", "B-1", "A-2", "A-3"}, []string{res[0].Tid, res[1].Tid, res[2].Tid, res[3].Tid})
	assert.True(t, res[0].OK)
	assert.True(t, res[1].OK)
	assert.False(t, res[2].OK, "the order without lines")
	assert.True(t, res[3].OK)
	_, ok := srv.Trade("QY02", "A-3")
	assert.True(t, ok)
	assert.Len(t, srv.Trades(), 3)
}

func one(tid string) string {
	return `{"shop_no":"QY01","tid":"` + tid + `","trade_status":30,"pay_status":2,"trade_time":"2026-11-22 09:30:00","paid":"5",` +
		`"receiver_name":"王五","receiver_address":"科技园1号","order_list":[{"oid":"` + tid + `-1","num":"1","price":"5","spec_no":"SKU-1"}]}`
}

func TestServeRefusesToStartWithoutASecret(t *testing.T) {
	o := serveOptions{addr: "127.0.0.1:0", window: push.DefaultWindow, state: filepath.Join(t.TempDir(), "state.db"), out: io.Discard}
	t.Setenv(secretEnv, "")
	assert.Equal(t, 2, serve(o, quiet()))

	t.Setenv(secretEnv, "s")
	o.allow = "not-a-network"
	assert.Equal(t, 2, serve(o, quiet()))
	o.allow = ""
	t.Setenv("WDT_URL", "http://wdt.example/api")
	assert.Equal(t, 2, serve(o, quiet()), "a URL with a wrong path")
}

func TestATradeWDTWouldRefuseDoesNotTakeItsNeighboursDown(t *testing.T) {
	srv, hs, secret := endpoint(t)
	bad := strings.Replace(one("N-BAD"), `"paid":"5"`, `"paid":"5","post_amount":"-1"`, 1) // WDT's client refuses it before sending
	body := `[` + one("N-1") + `,` + bad + `,` + one("N-2") + `]`
	status, res, err := send(hs.Client(), hs.URL+callbackPath, secret, []byte(body), time.Now())
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, status)
	require.Len(t, res, 3)
	assert.True(t, res[0].OK)
	assert.False(t, res[1].OK || res[1].Retry, "refused for good: %+v", res[1])
	assert.Contains(t, res[1].Reason, "wangdiantong: invalid request: trade_list[0].post_amount")
	assert.Equal(t, 2, srv.Calls("/openapi2/trade_push.php"), "the good trades went one by one, the bad one never")
	assert.True(t, res[2].OK)
	assert.Len(t, srv.Trades(), 2)
}
