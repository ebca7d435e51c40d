package bench

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"
)

// pairedCalls is how many calls of each side make one round.
const pairedCalls = 8

// paired measures sdk against bare in alternating rounds: each round times
// pairedCalls calls of one side and then of the other, and the order flips
// every round, so that a machine that slows down or speeds up during the
// run weighs on both sides alike. It reports the median of the per-round
// ratios sdk/bare ("ratio"), their interquartile range ("ratio-iqr"), and
// the mean time of one call of each side. Each function makes one call.
func paired(b *testing.B, sdk, bare func()) {
	b.Helper()
	// Warm both paths: connections, pools and caches.
	sdk()
	bare()
	var ratios []float64
	var sdkTotal, bareTotal time.Duration
	round := 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		first, second := sdk, bare
		if round%2 == 1 {
			first, second = bare, sdk
		}
		start := time.Now()
		for range pairedCalls {
			first()
		}
		d1 := time.Since(start)
		start = time.Now()
		for range pairedCalls {
			second()
		}
		d2 := time.Since(start)
		ds, db := d1, d2
		if round%2 == 1 {
			ds, db = d2, d1
		}
		ratios = append(ratios, float64(ds)/float64(db))
		sdkTotal += ds
		bareTotal += db
		round++
	}
	b.StopTimer()
	r := ratioStats(ratios)
	b.ReportMetric(r.median, "ratio")
	b.ReportMetric(r.iqr, "ratio-iqr")
	calls := float64(round * pairedCalls)
	b.ReportMetric(float64(sdkTotal.Nanoseconds())/calls, "sdk-ns/call")
	b.ReportMetric(float64(bareTotal.Nanoseconds())/calls, "bare-ns/call")
}

// stats are the median and interquartile range of some ratios.
type stats struct{ median, iqr float64 }

// ratioStats sorts ratios and returns their median and interquartile
// range (nearest rank).
func ratioStats(ratios []float64) stats {
	if len(ratios) == 0 {
		return stats{}
	}
	sort.Float64s(ratios)
	at := func(p float64) float64 { return ratios[int(p*float64(len(ratios)-1)+0.5)] }
	return stats{median: at(0.5), iqr: at(0.75) - at(0.25)}
}

func TestRatioStats(t *testing.T) {
	got := ratioStats([]float64{1.4, 1.0, 1.2, 1.1, 1.3})
	if got.median != 1.2 || got.iqr < 0.2-1e-9 || got.iqr > 0.2+1e-9 {
		t.Fatalf("median %v iqr %v, want 1.2 and 0.2", got.median, got.iqr)
	}
	if (ratioStats(nil) != stats{}) {
		t.Fatal("no ratios should give zero stats")
	}
}

// sentRequest is one request as it left a client.
type sentRequest struct {
	method, url, path string
	header            http.Header
	body              []byte
}

// wireRecorder is an http.RoundTripper that keeps every request it passes
// on to http.DefaultTransport. The same-bytes tests use it; the benchmarks
// never do.
type wireRecorder struct {
	mu   sync.Mutex
	sent []sentRequest
}

// RoundTrip keeps a copy of the request and sends it on.
func (c *wireRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		r.Body.Close()
		body = b
	}
	c.mu.Lock()
	c.sent = append(c.sent, sentRequest{r.Method, r.URL.String(), r.URL.Path, r.Header.Clone(), body})
	c.mu.Unlock()
	r2 := r.Clone(r.Context())
	r2.Body = io.NopCloser(bytes.NewReader(body))
	r2.ContentLength = int64(len(body))
	return http.DefaultTransport.RoundTrip(r2)
}

// take returns the requests kept since the last take and forgets them.
func (c *wireRecorder) take() []sentRequest {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.sent
	c.sent = nil
	return out
}

// one returns the single request sent since the last take, failing the
// test when there were more or none.
func (c *wireRecorder) one(t *testing.T) sentRequest {
	t.Helper()
	got := c.take()
	if len(got) != 1 {
		t.Fatalf("%d requests sent, want 1", len(got))
	}
	return got[0]
}

// last returns the latest request kept.
func (c *wireRecorder) last(t *testing.T) sentRequest {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.sent) == 0 {
		t.Fatal("nothing sent")
	}
	return c.sent[len(c.sent)-1]
}

// sameWire fails the test unless the SDK and the bare client sent the same
// method, URL and body, and the same headers: all of them, or only those
// named.
func sameWire(t *testing.T, what string, sdk, bare sentRequest, headers ...string) {
	t.Helper()
	if sdk.method != bare.method || sdk.url != bare.url {
		t.Errorf("%s: SDK sent %s %s, bare %s %s", what, sdk.method, sdk.url, bare.method, bare.url)
	}
	if !bytes.Equal(sdk.body, bare.body) {
		t.Errorf("%s: bodies differ:\nSDK  %s\nbare %s", what, sdk.body, bare.body)
	}
	sh, bh := sdk.header, bare.header
	if len(headers) > 0 {
		sh, bh = http.Header{}, http.Header{}
		for _, h := range headers {
			sh[h], bh[h] = sdk.header.Values(h), bare.header.Values(h)
		}
	}
	if fmt.Sprint(sh) != fmt.Sprint(bh) {
		t.Errorf("%s: headers differ:\nSDK  %v\nbare %v", what, sh, bh)
	}
}

// appendPadded appends n with at least width digits, as %0Nd does.
func appendPadded(b []byte, n, width int) []byte {
	for d := len(strconv.Itoa(n)); d < width; d++ {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}
