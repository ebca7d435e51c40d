package scaletest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
	"github.com/duijie/duijie/store/redis"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// The quota measurement: quotaWorkers processes share one app key's quota;
// the measured span is one minute, the period of the vendors' per-minute
// limits, starting when every worker has made its first call.
const (
	quotaWorkers = 3
	quotaSpan    = time.Minute
	// quotaShare is the least share of the quota the workers must use.
	quotaShare = 0.95
)

// quotaResult is what the fake saw during the measured span.
type quotaResult struct {
	from      time.Time
	calls     int   // requests that reached the fake in [from, from+quotaSpan)
	perWorker []int // the same, by worker
	total     int   // requests over the whole run
	run       time.Duration
}

// TestSharedQuota: three worker processes, each with its own client and
// one Redis rate limiter of the vendor's every limit under the key of the
// vendor and app key, call the vendor fake as fast as the limiter lets
// them. The fake enforces the vendor's limits in sliding windows, so over
// any span of one minute it admits at most
//
//	quota = min(per-minute limit, per-second limit × 60)
//
// calls: 100 for Jushuitan (5 a second, 100 a minute), 60 for Wangdiantong
// (60 a minute). Counted from the fake's own journal over the minute that
// starts when all three workers have made a call, the workers together
// reach at least 95% of that quota, and the fake never answers with its
// throttle code. The two vendors are measured at once.
func TestSharedQuota(t *testing.T) {
	addr, prefix := redisServer(t)
	t.Run("jushuitan", func(t *testing.T) {
		t.Parallel()
		srv := jushuitantest.NewServer(jushuitantest.WithRateLimit(jushuitan.DefaultCallsPerSecond, jushuitan.DefaultCallsPerMinute))
		defer srv.Close()
		quota := min(jushuitan.DefaultCallsPerMinute, jushuitan.DefaultCallsPerSecond*60)
		res := measureQuota(t, "jushuitan", srv.URL(), addr, prefix+"rate:jushuitan:"+jushuitantest.AppKey, srv.Journal)
		report(t, "Jushuitan (5/s, 100/min)", quota, res, srv.Throttled())
	})
	t.Run("wangdiantong", func(t *testing.T) {
		t.Parallel()
		srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(wangdiantong.DefaultCallsPerMinute))
		defer srv.Close()
		// The fake does not count its throttle answers: a proxy in front
		// of it reads every answer for code 1012.
		proxy, throttled := throttleCounter(t, srv.Server.URL())
		quota := wangdiantong.DefaultCallsPerMinute
		res := measureQuota(t, "wangdiantong", proxy+"/openapi2", addr, prefix+"rate:wangdiantong:"+wangdiantongtest.AppKey, srv.Journal)
		report(t, "Wangdiantong (60/min)", quota, res, int(throttled.Load()))
	})
}

// report logs the measurement and checks it against the quota.
func report(t *testing.T, vendor string, quota int, res quotaResult, throttled int) {
	t.Helper()
	share := float64(res.calls) / float64(quota)
	t.Logf("%s: %d workers, %d calls reached the fake in the measured %s (by worker %v); quota %d; %.1f%% of the quota; %d throttle answers; %d calls in the whole run of %s",
		vendor, quotaWorkers, res.calls, quotaSpan, res.perWorker, quota, 100*share, throttled, res.total, res.run.Round(100*time.Millisecond))
	if want := int(math.Ceil(quotaShare * float64(quota))); res.calls < want {
		t.Errorf("%s: %d calls in %s, want at least %d (%.0f%% of %d)", vendor, res.calls, quotaSpan, want, 100*quotaShare, quota)
	}
	if throttled != 0 {
		t.Errorf("%s: the fake throttled %d calls, want none", vendor, throttled)
	}
	for i, n := range res.perWorker {
		if n == 0 {
			t.Errorf("%s: worker %d made no call in the measured span", vendor, i+1)
		}
	}
}

// measureQuota runs the workers against the fake at url until the fake's
// journal covers a whole measured span, then kills them and counts.
func measureQuota(t *testing.T, vendor, url, addr, key string, journal func() []duijietest.Entry) quotaResult {
	t.Helper()
	names := make([]string, quotaWorkers)
	workers := make([]*worker, quotaWorkers)
	for i := range workers {
		names[i] = fmt.Sprintf("scale-%s-worker-%d", vendor, i+1)
		workers[i] = startWorker(t, names[i], "quota-"+vendor, map[string]string{"URL": url, "REDIS": addr, "KEY": key, "NAME": names[i]})
	}
	byWorker := func(e duijietest.Entry) int {
		ua := e.Header.Get("User-Agent")
		for i, n := range names {
			if strings.Contains(ua, n) {
				return i
			}
		}
		return -1
	}
	// from returns the start of the measured span: the first moment every
	// worker has called.
	from := func(entries []duijietest.Entry) (time.Time, bool) {
		first := make([]time.Time, quotaWorkers)
		for _, e := range entries {
			if i := byWorker(e); i >= 0 && (first[i].IsZero() || e.Time.Before(first[i])) {
				first[i] = e.Time
			}
		}
		var start time.Time
		for _, f := range first {
			if f.IsZero() {
				return time.Time{}, false
			}
			if f.After(start) {
				start = f
			}
		}
		return start, true
	}
	// Wait for a call past the span's end: a condition on the fake's
	// state, checked a few times a second. The deadline only stops a
	// broken run.
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(4 * quotaSpan)
	var entries []duijietest.Entry
	var start time.Time
	for done := false; !done; {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("%s: the fake's journal never covered a whole %s span (%d calls)", vendor, quotaSpan, len(journal()))
		}
		for _, w := range workers {
			select {
			case <-w.done:
				t.Fatalf("%s ended: %v\n%s", w.name, w.err, w.stderr.String())
			default:
			}
		}
		entries = journal()
		var ok bool
		if start, ok = from(entries); ok {
			done = slices.ContainsFunc(entries, func(e duijietest.Entry) bool { return !e.Time.Before(start.Add(quotaSpan)) })
		}
	}
	for _, w := range workers {
		w.kill()
	}
	entries = journal()
	res := quotaResult{from: start, perWorker: make([]int, quotaWorkers), total: len(entries)}
	first, last := entries[0].Time, entries[0].Time
	for _, e := range entries {
		if e.Time.Before(first) {
			first = e.Time
		}
		if e.Time.After(last) {
			last = e.Time
		}
		if e.Time.Before(start) || !e.Time.Before(start.Add(quotaSpan)) {
			continue
		}
		res.calls++
		if i := byWorker(e); i >= 0 {
			res.perWorker[i]++
		}
	}
	res.run = last.Sub(first)
	return res
}

// throttleCounter starts a reverse proxy to target that counts the
// answers carrying Wangdiantong's throttle code, 1012.
func throttleCounter(t *testing.T, target string) (string, *atomic.Int64) {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	p := httputil.NewSingleHostReverseProxy(u)
	p.ModifyResponse = func(r *http.Response) error {
		body, err := io.ReadAll(r.Body)
		r.Body.Close()
		if err != nil {
			return err
		}
		var ans struct {
			Code json.RawMessage `json:"code"`
		}
		if json.Unmarshal(body, &ans) == nil && strings.Trim(string(ans.Code), `"`) == "1012" {
			n.Add(1)
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		return nil
	}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return srv.URL, &n
}

// rateLimiter is a worker's Redis rate limiter of limits under the KEY
// setting, on the REDIS setting's server.
func rateLimiter(limits ...duijie.Limit) (*redis.RateLimiter, error) {
	rdb := goredis.NewClient(&goredis.Options{Addr: setting("REDIS")})
	return redis.NewRateLimiter(rdb, setting("KEY"), limits...)
}

// quotaJushuitan is a quota worker: it reads Jushuitan orders window by
// window, going back an hour at a time, as fast as the shared limiter
// lets it, until it is killed.
func quotaJushuitan(ctx context.Context) error {
	rl, err := rateLimiter(duijie.PerSecond(jushuitan.DefaultCallsPerSecond), duijie.PerMinute(jushuitan.DefaultCallsPerMinute))
	if err != nil {
		return err
	}
	c, err := jushuitan.NewClient(jushuitan.Config{AppKey: jushuitantest.AppKey, AppSecret: jushuitantest.AppSecret,
		AccessToken: jushuitantest.AccessToken}, duijie.WithBaseURL(setting("URL")), duijie.WithRateLimiter(rl),
		duijie.WithUserAgent(setting("NAME")))
	if err != nil {
		return err
	}
	end := time.Now().Truncate(time.Hour)
	for {
		if _, err := c.QueryOrders(ctx, &jushuitan.OrderQuery{ModifiedBegin: end.Add(-time.Hour), ModifiedEnd: end}); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
		end = end.Add(-time.Hour)
	}
}

// quotaWangdiantong is quotaJushuitan for Wangdiantong refund stock-ins.
func quotaWangdiantong(ctx context.Context) error {
	rl, err := rateLimiter(duijie.PerMinute(wangdiantong.DefaultCallsPerMinute))
	if err != nil {
		return err
	}
	c, err := wangdiantong.NewClient(wangdiantong.Config{SID: wangdiantongtest.SID, AppKey: wangdiantongtest.AppKey,
		AppSecret: wangdiantongtest.AppSecret}, duijie.WithBaseURL(setting("URL")), duijie.WithRateLimiter(rl),
		duijie.WithUserAgent(setting("NAME")))
	if err != nil {
		return err
	}
	end := time.Now().Truncate(time.Hour)
	for {
		q := wangdiantong.RefundStockinQuery{PageSize: 100}.InWindow(end.Add(-time.Hour), end)
		if _, err := c.QueryRefundStockins(ctx, q); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
		end = end.Add(-time.Hour)
	}
}
