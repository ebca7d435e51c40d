package bench_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/transport"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// The quota runs measure the limiter, not the scheduler: time passes only
// when the limiter makes a call wait. A call itself takes no time, and a
// wait moves the clock that both the limiter and the fake read on by
// exactly the wait. On a busy machine a real-time run loses the slots that
// a descheduled goroutine wakes up too late for (at 60× time scale under
// CPU load Jushuitan used 68–97% of its quota); on virtual time every run
// uses the quota the limiter's spacing gives, on any machine. The real-time
// measurement across processes is in the store module's multi-process
// tests.

// virtualClock is time that moves only when told. It is safe for
// concurrent use.
type virtualClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *virtualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *virtualClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// virtualLimiter is the SDK's in-process limiter reading a virtual clock:
// Wait takes the next slot of every limit as the client's limiter does, and
// moves the clock to it instead of sleeping.
type virtualLimiter struct {
	limits *transport.Limiter
	clock  *virtualClock
}

func newVirtualLimiter(clock *virtualClock, limits ...duijie.Limit) virtualLimiter {
	ls := make([]transport.Limit, len(limits))
	for i, l := range limits {
		ls[i] = transport.Limit(l)
	}
	return virtualLimiter{limits: transport.NewLimiter(clock.Now, ls...), clock: clock}
}

func (v virtualLimiter) Wait(context.Context) error {
	wait, _ := v.limits.Reserve(v.clock.Now())
	v.clock.advance(wait)
	return nil
}

// throttleCounter counts answers that carry WDT's throttle code.
type throttleCounter struct{ n atomic.Int64 }

func (t *throttleCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if bytes.Contains(b, []byte(`"code":1012`)) {
		t.n.Add(1)
	}
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return resp, nil
}

// quotaRun is what one run measured: the share of the binding limit's rate
// used over the run, and the throttle answers the fake gave.
type quotaRun struct {
	used      float64
	throttles int64
}

// usedShare is the share of a rate of events per per that calls spent over
// elapsed; the first call needs no wait, so calls-1 intervals were spent.
func usedShare(calls int, elapsed time.Duration, events int, per time.Duration) float64 {
	return float64(calls-1) / elapsed.Seconds() / (float64(events) / per.Seconds())
}

// runQuotaWDT makes calls calls against a fake enforcing WDT's 60 calls a
// minute, through the client's default limit on virtual time.
func runQuotaWDT(tb testing.TB, calls int) quotaRun {
	clock := &virtualClock{t: time.Date(2024, 3, 1, 10, 0, 0, 0, duijie.CST())}
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(wangdiantong.DefaultCallsPerMinute), wangdiantongtest.WithClock(clock.Now))
	defer srv.Close()
	counter := &throttleCounter{}
	c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()),
		duijie.WithHTTPClient(&http.Client{Transport: counter}), duijie.WithClock(clock.Now),
		duijie.WithRateLimiter(newVirtualLimiter(clock, duijie.PerMinute(wangdiantong.DefaultCallsPerMinute))))
	if err != nil {
		tb.Fatal(err)
	}
	start := clock.Now()
	for range calls {
		if _, err := c.QueryShops(context.Background(), nil); err != nil {
			tb.Fatal(err)
		}
	}
	return quotaRun{
		used:      usedShare(calls, clock.Now().Sub(start), wangdiantong.DefaultCallsPerMinute, time.Minute),
		throttles: counter.n.Load(),
	}
}

// runQuotaJushuitan makes calls calls against a fake enforcing Jushuitan's
// 5 calls a second and 100 a minute, through the client's default limits
// on virtual time. Over a run this long the per-minute limit binds.
func runQuotaJushuitan(tb testing.TB, calls int) quotaRun {
	clock := &virtualClock{t: time.Date(2024, 3, 1, 10, 0, 0, 0, duijie.CST())}
	srv := jushuitantest.NewServer(jushuitantest.WithRateLimit(jushuitan.DefaultCallsPerSecond, jushuitan.DefaultCallsPerMinute),
		jushuitantest.WithClock(clock.Now))
	defer srv.Close()
	c, err := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithClock(clock.Now),
		duijie.WithRateLimiter(newVirtualLimiter(clock,
			duijie.PerSecond(jushuitan.DefaultCallsPerSecond), duijie.PerMinute(jushuitan.DefaultCallsPerMinute))))
	if err != nil {
		tb.Fatal(err)
	}
	start := clock.Now()
	for range calls {
		if _, err := c.QueryShops(context.Background(), &jushuitan.ShopQuery{}); err != nil {
			tb.Fatal(err)
		}
	}
	return quotaRun{
		used:      usedShare(calls, clock.Now().Sub(start), jushuitan.DefaultCallsPerMinute, time.Minute),
		throttles: int64(srv.Throttled()),
	}
}

// TestQuotaUse: on virtual time the default limits use at least 95% of each
// vendor's binding rate and draw no throttle answer.
func TestQuotaUse(t *testing.T) {
	for name, run := range map[string]func(testing.TB, int) quotaRun{"wdt": runQuotaWDT, "jushuitan": runQuotaJushuitan} {
		t.Run(name, func(t *testing.T) {
			got := run(t, 250)
			if got.used < 0.95 || got.used > 1 || got.throttles != 0 {
				t.Fatalf("quota used %.1f%%, %d throttle answers; want 95–100%% and none", 100*got.used, got.throttles)
			}
		})
	}
}

// BenchmarkQuotaWDT reports the share of WDT's 60 calls a minute that 250
// calls through the client's default limit used, and the throttle answers
// the fake gave (see runQuotaWDT).
func BenchmarkQuotaWDT(b *testing.B) {
	for b.Loop() {
		r := runQuotaWDT(b, 250)
		b.ReportMetric(100*r.used, "quota-used-%")
		b.ReportMetric(float64(r.throttles), "throttles")
	}
}

// BenchmarkQuotaJushuitan reports the share of Jushuitan's 100 calls a
// minute (under 5 a second as well) that 250 calls through the client's
// default limits used, and the throttle answers (codes 199, 200) the fake
// gave (see runQuotaJushuitan).
func BenchmarkQuotaJushuitan(b *testing.B) {
	for b.Loop() {
		r := runQuotaJushuitan(b, 250)
		b.ReportMetric(100*r.used, "quota-used-%")
		b.ReportMetric(float64(r.throttles), "throttles")
	}
}
