package bench_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

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

// BenchmarkQuotaWDT runs 120 calls against a fake enforcing WDT's 60 calls
// a minute, with time scaled 20 times (the fake's clock runs fast and the
// client's limit is 60 per 3 s), and reports the share of the allowed rate
// the client's limiter used and the throttle answers it got.
func BenchmarkQuotaWDT(b *testing.B) {
	const scale, calls = 20, 120
	for b.Loop() {
		start := time.Now()
		scaled := func() time.Time { return start.Add(time.Since(start) * scale) }
		srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(wangdiantong.DefaultCallsPerMinute), wangdiantongtest.WithClock(scaled))
		counter := &throttleCounter{}
		c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()),
			duijie.WithHTTPClient(&http.Client{Transport: counter}), duijie.WithClock(scaled),
			duijie.WithRateLimit(duijie.Limit{Events: wangdiantong.DefaultCallsPerMinute, Per: time.Minute / scale}))
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		for i := 0; i < calls; i++ {
			if _, err := c.QueryShops(context.Background(), nil); err != nil {
				b.Fatal(err)
			}
		}
		elapsed := time.Since(t0)
		srv.Close()
		allowed := float64(wangdiantong.DefaultCallsPerMinute) / (time.Minute / scale).Seconds()
		// The first call needs no wait, so calls-1 intervals were spent.
		used := float64(calls-1) / elapsed.Seconds() / allowed
		b.ReportMetric(100*used, "quota-used-%")
		b.ReportMetric(float64(counter.n.Load()), "throttles")
	}
}
