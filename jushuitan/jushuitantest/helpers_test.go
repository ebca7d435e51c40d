package jushuitantest_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// start is the fake clock's first reading.
//
// Tests mostly use a clock that moves a second on every reading: a call
// reads it at least twice (client and fake), so the fake's limits of 5 a
// second and 100 a minute are never reached unless a test wants them.
var start = time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST())

// clock is a fake clock shared by a client and the fake. Every reading
// moves it on by step, so calls are spread in time and the fake's rate
// limits stay out of the way unless step is 0.
type clock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

func newClock(step time.Duration) *clock { return &clock{t: start, step: step} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.t
	c.t = c.t.Add(c.step)
	return t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var generations = []jushuitan.Generation{jushuitan.OpenAPI, jushuitan.Legacy}

// fast retries quickly; the client-side limiter runs on the real clock, so
// tests turn it off and let the fake's limits (on the fake clock) speak.
var fast = []duijie.Option{
	duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond}),
	duijie.WithRateLimit(),
}

// baseURL is the fake's root for a generation.
func baseURL(srv *jushuitantest.Server, g jushuitan.Generation) string {
	if g == jushuitan.Legacy {
		return srv.LegacyURL()
	}
	return srv.URL()
}

// configFor is the fake's credentials for a generation.
func configFor(srv *jushuitantest.Server, g jushuitan.Generation) jushuitan.Config {
	if g == jushuitan.Legacy {
		return srv.LegacyConfig()
	}
	return srv.Config()
}

// newClient returns a client of cfg's generation that talks to srv on clk.
func newClient(t *testing.T, srv *jushuitantest.Server, cfg jushuitan.Config, clk *clock, opts ...duijie.Option) *jushuitan.Client {
	t.Helper()
	all := append([]duijie.Option{duijie.WithBaseURL(baseURL(srv, cfg.Generation)), duijie.WithClock(clk.Now)}, fast...)
	c, err := jushuitan.NewClient(cfg, append(all, opts...)...)
	require.NoError(t, err)
	return c
}

// pair starts a fake on a stepping clock and a client of generation g.
func pair(t *testing.T, g jushuitan.Generation, opts ...jushuitantest.Option) (*jushuitantest.Server, *jushuitan.Client, *clock) {
	t.Helper()
	clk := newClock(time.Second)
	srv := jushuitantest.NewServer(append([]jushuitantest.Option{jushuitantest.WithClock(clk.Now)}, opts...)...)
	t.Cleanup(srv.Close)
	return srv, newClient(t, srv, configFor(srv, g), clk), clk
}

func money(s string) duijie.Amount {
	a, err := duijie.ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

// order is a valid upload for the fake's shop.
func order(soID string) jushuitan.UploadOrder {
	at := duijie.NewTime(start)
	return jushuitan.UploadOrder{
		ShopID: jushuitantest.ShopID, SoID: soID, OrderDate: at, ShopStatus: jushuitan.StatusWaitSellerSendGoods,
		ShopBuyerID: "buyer-" + soID, ReceiverAddress: "广东省深圳市南山区科技园1号", ReceiverName: "张三", ReceiverMobile: "13800138000",
		PayAmount: money("99.50"),
		Items: []jushuitan.UploadOrderItem{{SKUID: "SKU1", Name: "手机壳", Qty: 1, Price: money("99.5"), Amount: money("99.5"),
			OuterOiID: soID + "-1"}},
		Pay: &jushuitan.UploadOrderPay{OuterPayID: "PAY-" + soID, PayDate: at, Payment: "支付宝", Amount: money("99.5")},
	}
}

func upload(orders ...jushuitan.UploadOrder) *jushuitan.UploadOrdersRequest {
	return &jushuitan.UploadOrdersRequest{Orders: orders}
}

func soID(i int) string { return fmt.Sprintf("SO%04d", i) }

// formOf parses an openapi v2 request body.
func formOf(e duijietest.Entry) url.Values {
	v, _ := url.ParseQuery(string(e.Body))
	return v
}

// bizOf returns the business JSON of a request in either generation.
func bizOf(t *testing.T, g jushuitan.Generation, e duijietest.Entry) string {
	t.Helper()
	if g == jushuitan.Legacy {
		return string(e.Body)
	}
	return formOf(e).Get("biz")
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
