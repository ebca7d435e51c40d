package bench_test

import (
	"context"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// BenchmarkQuotaJushuitan runs 250 calls against a fake enforcing
// Jushuitan's 5 calls a second and 100 a minute, with time scaled 60 times
// (the fake's clock runs fast; the client's limits are 5 per 1/60 s and 100
// per 1 s), and reports the share of the per-minute rate (the one that
// binds over a long sync) the client's limiter used and the throttle
// answers (codes 199, 200) it got.
func BenchmarkQuotaJushuitan(b *testing.B) {
	const scale, calls = 60, 250
	for b.Loop() {
		start := time.Now()
		scaled := func() time.Time { return start.Add(time.Since(start) * scale) }
		srv := jushuitantest.NewServer(jushuitantest.WithRateLimit(jushuitan.DefaultCallsPerSecond, jushuitan.DefaultCallsPerMinute),
			jushuitantest.WithClock(scaled))
		c, err := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithClock(scaled),
			duijie.WithRateLimit(duijie.Limit{Events: jushuitan.DefaultCallsPerSecond, Per: time.Second / scale},
				duijie.Limit{Events: jushuitan.DefaultCallsPerMinute, Per: time.Minute / scale}))
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		for i := 0; i < calls; i++ {
			if _, err := c.QueryShops(context.Background(), &jushuitan.ShopQuery{}); err != nil {
				b.Fatal(err)
			}
		}
		elapsed := time.Since(t0)
		throttled := srv.Throttled()
		srv.Close()
		// Over a run this long the per-minute limit binds; the first call
		// needs no wait, so calls-1 intervals were spent.
		perMinute := float64(jushuitan.DefaultCallsPerMinute) / (time.Minute / scale).Seconds()
		b.ReportMetric(100*float64(calls-1)/elapsed.Seconds()/perMinute, "quota-used-%")
		b.ReportMetric(float64(throttled), "throttles")
	}
}
