package push

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// clock is a settable clock for tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// host records what it is handed and answers with answer (nil: taken).
type host struct {
	mu      sync.Mutex
	calls   map[Key]int
	handed  []Delivery
	answer  func(Delivery) error
	entered chan struct{} // when set, each DeliverFunc call sends on it
	release chan struct{} // when set, each DeliverFunc call waits on it
}

func newHost() *host { return &host{calls: map[Key]int{}} }

func (h *host) deliver(ctx context.Context, ds []Delivery) []error {
	if h.entered != nil {
		h.entered <- struct{}{}
	}
	if h.release != nil {
		<-h.release
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	errs := make([]error, len(ds))
	for i, d := range ds {
		h.calls[d.Key]++
		h.handed = append(h.handed, d)
		if h.answer != nil {
			errs[i] = h.answer(d)
		}
	}
	return errs
}

// total is how many orders the host was handed.
func (h *host) total() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.handed)
}

func (h *host) count(shop, tid string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.calls[Key{Shop: shop, Tid: tid}]
}

const testSecret = Secret("test-secret-9f3a")

// fixture is a Receiver with a fixed clock, a recording host and a log.
type fixture struct {
	t     *testing.T
	rc    *Receiver
	clock *clock
	host  *host
	log   *bytes.Buffer
	logMu sync.Mutex
}

// syncWriter serializes writes to the fixture's log.
type syncWriter struct{ f *fixture }

func (w syncWriter) Write(p []byte) (int, error) {
	w.f.logMu.Lock()
	defer w.f.logMu.Unlock()
	return w.f.log.Write(p)
}

func newFixture(t *testing.T, opts ...Option) *fixture {
	t.Helper()
	f := &fixture{t: t, clock: &clock{t: time.Unix(vectorTimestamp, 0)}, host: newHost(), log: &bytes.Buffer{}}
	logger := slog.New(slog.NewTextHandler(syncWriter{f}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	base := []Option{WithSecret(testSecret), WithClock(f.clock.now), WithLogger(logger), WithRateLimit(1000, 1000)}
	rc, err := NewReceiver(f.host.deliver, append(base, opts...)...)
	require.NoError(t, err)
	f.rc = rc
	return f
}

func (f *fixture) logText() string {
	f.logMu.Lock()
	defer f.logMu.Unlock()
	return f.log.String()
}

// request builds a push of body to /callback signed at the fixture's time.
func (f *fixture) request(body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/callback", bytes.NewBufferString(body))
	require.NoError(f.t, SignRequest(r, testSecret, []byte(body), f.clock.now()))
	return r
}

// serve sends r and returns the recorder.
func (f *fixture) serve(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	f.rc.ServeHTTP(w, r)
	return w
}

// push sends body signed afresh and decodes the per-order answer.
func (f *fixture) push(body string) (int, []Result) {
	f.t.Helper()
	w := f.serve(f.request(body))
	var res []Result
	if w.Code == http.StatusOK || w.Code == http.StatusServiceUnavailable {
		require.NoError(f.t, json.Unmarshal(w.Body.Bytes(), &res), w.Body.String())
	}
	return w.Code, res
}

// order is a small callback order.
func order(shop, tid, paid string) string {
	return `{"shop_no":"` + shop + `","tid":"` + tid + `","trade_status":30,"pay_status":2,"paid":"` + paid +
		`","order_list":[{"oid":"` + tid + `-1","num":"1","price":"` + paid + `","spec_no":"SKU1"}]}`
}

// readCloser is a request body of s.
func readCloser(s string) io.ReadCloser { return io.NopCloser(strings.NewReader(s)) }

// slogTo logs text to w.
func slogTo(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }
