package push

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
)

func nop(context.Context, []Delivery) []error { return nil }

func TestNewReceiverRefusesToStartWithoutASecret(t *testing.T) {
	_, err := NewReceiver(nop)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WithSecret")

	for name, opts := range map[string][]Option{
		"both":      {WithSecret("s"), WithoutAuth()},
		"window":    {WithSecret("s"), WithWindow(0)},
		"body":      {WithSecret("s"), WithMaxBody(0)},
		"timeout":   {WithSecret("s"), WithTimeout(-time.Second)},
		"rate":      {WithSecret("s"), WithRateLimit(0, 1)},
		"burst":     {WithSecret("s"), WithRateLimit(1, 0)},
		"clock":     {WithSecret("s"), WithClock(nil)},
		"allowlist": {WithSecret("s"), WithAllowedIPs(netip.Prefix{})},
	} {
		_, err := NewReceiver(nop, opts...)
		assert.Error(t, err, name)
	}
	_, err = NewReceiver(nil, WithSecret("s"))
	assert.Error(t, err)
	_, err = NewReceiver(nop, WithSecret("s"), WithRateLimit(rate.Inf, 0))
	assert.NoError(t, err)
}

func TestWithoutAuthWarnsAtStartAndTakesUnsignedPushes(t *testing.T) {
	var log bytes.Buffer
	h := newHost()
	rc, err := NewReceiver(h.deliver, WithoutAuth(), WithLogger(slogTo(&log)))
	require.NoError(t, err)
	assert.Contains(t, log.String(), "level=WARN")
	assert.Contains(t, log.String(), "unsigned")

	w := httptest.NewRecorder()
	rc.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(order("S", "T1", "1"))))
	assert.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, 1, h.count("S", "T1"))
}

func TestRefusedPushesHandNothingOn(t *testing.T) {
	body := order("QY01", "T1", "10")
	for _, tc := range []struct {
		name   string
		opts   []Option
		build  func(f *fixture) *http.Request
		status int
		reason string
	}{
		{"not POST", nil, func(f *fixture) *http.Request {
			return httptest.NewRequest(http.MethodGet, "/callback", nil)
		}, http.StatusMethodNotAllowed, "POST only"},
		{"unsigned", nil, func(f *fixture) *http.Request {
			return httptest.NewRequest(http.MethodPost, "/callback", strings.NewReader(body))
		}, http.StatusUnauthorized, "unsigned"},
		{"timestamp only", nil, func(f *fixture) *http.Request {
			r := f.request(body)
			r.Header.Del(HeaderSignature)
			return r
		}, http.StatusUnauthorized, "unsigned"},
		{"malformed signature", nil, func(f *fixture) *http.Request {
			r := f.request(body)
			r.Header.Set(HeaderSignature, "sha256=abc")
			return r
		}, http.StatusUnauthorized, "v1=<64 hex digits>"},
		{"nonce changed", nil, func(f *fixture) *http.Request {
			r := f.request(body)
			r.Header.Set(HeaderNonce, NewNonce())
			return r
		}, http.StatusUnauthorized, "does not match"},
		{"malformed nonce", nil, func(f *fixture) *http.Request {
			r := f.request(body)
			r.Header.Set(HeaderNonce, "a b")
			return r
		}, http.StatusUnauthorized, "not 8 to 128"},
		{"malformed timestamp", nil, func(f *fixture) *http.Request {
			r := f.request(body)
			r.Header.Set(HeaderTimestamp, "2026-11-18T11:06:40Z")
			return r
		}, http.StatusUnauthorized, "not Unix seconds"},
		{"wrong secret", nil, func(f *fixture) *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/callback", strings.NewReader(body))
			require.NoError(t, SignRequest(r, "not-the-secret", []byte(body), f.clock.now()))
			return r
		}, http.StatusUnauthorized, "does not match"},
		{"body changed after signing", nil, func(f *fixture) *http.Request {
			r := f.request(body)
			changed := strings.Replace(body, `"10"`, `"1000"`, 1)
			r.Body, r.ContentLength = http.NoBody, int64(len(changed))
			r.Body = readCloser(changed)
			return r
		}, http.StatusUnauthorized, "does not match"},
		{"path changed", nil, func(f *fixture) *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/other", strings.NewReader(body))
			r.Header = f.request(body).Header
			return r
		}, http.StatusUnauthorized, "does not match"},
		{"timestamp changed", nil, func(f *fixture) *http.Request {
			r := f.request(body)
			r.Header.Set(HeaderTimestamp, strconv.FormatInt(f.clock.now().Unix()+1, 10))
			return r
		}, http.StatusUnauthorized, "does not match"},
		{"stale", nil, func(f *fixture) *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/callback", strings.NewReader(body))
			require.NoError(t, SignRequest(r, testSecret, []byte(body), f.clock.now().Add(-5*time.Minute-time.Second)))
			return r
		}, http.StatusUnauthorized, "outside the window"},
		{"from the future", nil, func(f *fixture) *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/callback", strings.NewReader(body))
			require.NoError(t, SignRequest(r, testSecret, []byte(body), f.clock.now().Add(5*time.Minute+time.Second)))
			return r
		}, http.StatusUnauthorized, "outside the window"},
		{"stale in a narrower window", []Option{WithWindow(time.Minute)}, func(f *fixture) *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/callback", strings.NewReader(body))
			require.NoError(t, SignRequest(r, testSecret, []byte(body), f.clock.now().Add(-61*time.Second)))
			return r
		}, http.StatusUnauthorized, "outside the window"},
		{"oversized", []Option{WithMaxBody(64)}, func(f *fixture) *http.Request {
			return f.request(body)
		}, http.StatusRequestEntityTooLarge, "body over 64 bytes"},
		{"oversized without a length", []Option{WithMaxBody(64)}, func(f *fixture) *http.Request {
			r := f.request(body)
			r.ContentLength = -1
			return r
		}, http.StatusRequestEntityTooLarge, "body over 64 bytes"},
		{"address not allowed", []Option{WithAllowedIPs(netip.MustParsePrefix("10.0.0.0/8"))}, func(f *fixture) *http.Request {
			return f.request(body) // httptest's remote address is 192.0.2.1
		}, http.StatusForbidden, "not allowed"},
		{"not orders", nil, func(f *fixture) *http.Request {
			return f.request(`"hello"`)
		}, http.StatusBadRequest, "neither an object nor an array"},
		{"not JSON", nil, func(f *fixture) *http.Request {
			return f.request(`[{"tid":`)
		}, http.StatusBadRequest, "callback orders"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.opts...)
			w := f.serve(tc.build(f))
			assert.Equal(t, tc.status, w.Code, w.Body.String())
			assert.Contains(t, w.Body.String(), tc.reason)
			assert.Equal(t, 0, f.host.total(), "nothing handed on")
		})
	}
}

func TestAllowedAddressIsTaken(t *testing.T) {
	f := newFixture(t, WithAllowedIPs(netip.MustParsePrefix("192.0.2.0/24"), netip.MustParsePrefix("::1/128")))
	code, _ := f.push(order("S", "T1", "1"))
	assert.Equal(t, http.StatusOK, code)
	r := f.request(order("S", "T2", "1"))
	r.RemoteAddr = "[::ffff:192.0.2.9]:443"
	assert.Equal(t, http.StatusOK, f.serve(r).Code)
	r = f.request(order("S", "T3", "1"))
	r.RemoteAddr = "[::1]:443"
	assert.Equal(t, http.StatusOK, f.serve(r).Code)
	r = f.request(order("S", "T4", "1"))
	r.RemoteAddr = "not an address"
	assert.Equal(t, http.StatusForbidden, f.serve(r).Code)
	assert.Equal(t, 3, f.host.total())
}

func TestReplayedRequestIsRefusedAndHandsNothingOn(t *testing.T) {
	f := newFixture(t)
	body := order("QY01", "T1", "10")
	first := f.request(body)
	replay := first.Clone(context.Background())
	replay.Body = readCloser(body)
	assert.Equal(t, http.StatusOK, f.serve(first).Code)

	f.clock.add(4 * time.Minute) // still inside the window
	w := f.serve(replay)
	assert.Equal(t, http.StatusConflict, w.Code)
	assert.Contains(t, w.Body.String(), "replayed")
	assert.Equal(t, 1, f.host.total())

	f.clock.add(2 * time.Minute) // outside: refused as stale
	replay2 := first.Clone(context.Background())
	replay2.Body = readCloser(body)
	assert.Equal(t, http.StatusUnauthorized, f.serve(replay2).Code)
	assert.Equal(t, 1, f.host.total())
}

func TestRateLimitPerSender(t *testing.T) {
	f := newFixture(t, WithRateLimit(1, 2))
	body := order("S", "T1", "1")
	assert.Equal(t, http.StatusOK, f.serve(f.request(body)).Code)
	assert.Equal(t, http.StatusOK, f.serve(f.request(body)).Code)
	w := f.serve(f.request(body))
	assert.Equal(t, http.StatusTooManyRequests, w.Code)
	assert.Equal(t, "1", w.Header().Get("Retry-After"))

	other := f.request(body)
	other.RemoteAddr = "198.51.100.7:5000"
	assert.Equal(t, http.StatusOK, f.serve(other).Code, "another sender has its own bucket")

	f.clock.add(time.Second)
	assert.Equal(t, http.StatusOK, f.serve(f.request(body)).Code)
	assert.Equal(t, 1, f.host.total(), "the same content is handed on once")
}

func TestSignedPushIsHandedOnAndAnsweredPerOrder(t *testing.T) {
	f := newFixture(t)
	f.host.answer = func(d Delivery) error {
		if d.Key.Tid == "T2" {
			return Refused(errors.New("order_list: no lines"))
		}
		return nil
	}
	code, res := f.push(`[` + order("QY01", "T1", "10") + `,` + order("QY01", "T2", "5") + `,{"shop_no":"QY01","tid":" "}]`)
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, []Result{
		{ShopNo: "QY01", Tid: "T1", OK: true},
		{ShopNo: "QY01", Tid: "T2", Reason: "order_list: no lines"},
		{ShopNo: "QY01", Tid: " ", Reason: "tid is required"},
	}, res)
	require.Len(t, f.host.handed, 2)
	d := f.host.handed[0]
	assert.Equal(t, Key{Shop: "QY01", Tid: "T1"}, d.Key)
	assert.Len(t, d.Hash, 64)
	assert.False(t, d.Update)
	assert.Equal(t, "10", d.Order.Paid.String())

	// The envelope form is taken too.
	code, res = f.push(`{"content":[` + order("QY01", "T3", "1") + `]}`)
	assert.Equal(t, http.StatusOK, code)
	assert.True(t, res[0].OK)
}

func TestARetryIsAnsweredWithTheFirstOutcome(t *testing.T) {
	f := newFixture(t)
	f.host.answer = func(d Delivery) error {
		if d.Key.Tid == "T2" {
			return Refused(errors.New("unknown SKU"))
		}
		return nil
	}
	body := `[` + order("QY01", "T1", "10") + `,` + order("QY01", "T2", "5") + `]`
	_, first := f.push(body)
	// The retry is formatted differently and its amounts written another way.
	retry := "\n " + strings.ReplaceAll(strings.ReplaceAll(body, `"10"`, `10.00`), `,"`, `, "`) + " \n"
	code, again := f.push(retry)
	assert.Equal(t, http.StatusOK, code)
	for i := range first {
		first[i].Repeat = true
	}
	assert.Equal(t, first, again)
	assert.Equal(t, 1, f.host.count("QY01", "T1"))
	assert.Equal(t, 1, f.host.count("QY01", "T2"), "a definite refusal is not handed on again")
}

func TestAChangedOrderIsHandedOnAsAnUpdate(t *testing.T) {
	f := newFixture(t)
	_, res := f.push(order("QY01", "T1", "10"))
	assert.True(t, res[0].OK)
	code, res := f.push(order("QY01", "T1", "12"))
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, Result{ShopNo: "QY01", Tid: "T1", OK: true, Update: true}, res[0])
	require.Len(t, f.host.handed, 2)
	assert.True(t, f.host.handed[1].Update)
	assert.Equal(t, "12", f.host.handed[1].Order.Paid.String())

	// Going back to the first content is a change too, not a repeat.
	_, res = f.push(order("QY01", "T1", "10"))
	assert.True(t, res[0].Update)
	assert.Equal(t, 3, f.host.count("QY01", "T1"))

	// The same tid in another shop is another order.
	_, res = f.push(order("QY02", "T1", "10"))
	assert.False(t, res[0].Update)
	assert.Equal(t, 1, f.host.count("QY02", "T1"))
}

func TestAChangedOrderAfterARefusalIsHandedOnAsNew(t *testing.T) {
	f := newFixture(t)
	f.host.answer = func(d Delivery) error {
		if d.Order.Paid.String() == "0" {
			return Refused(errors.New("paid is zero"))
		}
		return nil
	}
	_, res := f.push(order("QY01", "T1", "0"))
	assert.False(t, res[0].OK)
	_, res = f.push(order("QY01", "T1", "5"))
	assert.Equal(t, Result{ShopNo: "QY01", Tid: "T1", OK: true}, res[0])
}

func TestUnknownAndTemporaryOutcomesAreHandedOnAgain(t *testing.T) {
	f := newFixture(t)
	fail := map[string]error{
		"T1": Unknown(errors.New("trade_push: reset after sending")),
		"T2": errors.New("trade_push: connection refused"),
	}
	f.host.answer = func(d Delivery) error { return fail[d.Key.Tid] }
	body := `[` + order("S", "T1", "1") + `,` + order("S", "T2", "1") + `,` + order("S", "T3", "1") + `]`
	code, res := f.push(body)
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.Equal(t, []Result{
		{ShopNo: "S", Tid: "T1", Unknown: true, Retry: true, Reason: "trade_push: reset after sending"},
		{ShopNo: "S", Tid: "T2", Retry: true, Reason: "trade_push: connection refused"},
		{ShopNo: "S", Tid: "T3", OK: true},
	}, res)

	fail = map[string]error{}
	code, res = f.push(body)
	assert.Equal(t, http.StatusOK, code)
	assert.True(t, res[0].OK && !res[0].Repeat)
	assert.True(t, res[1].OK && !res[1].Repeat)
	assert.True(t, res[2].OK && res[2].Repeat)
	assert.Equal(t, 2, f.host.count("S", "T1"))
	assert.Equal(t, 2, f.host.count("S", "T2"))
	assert.Equal(t, 1, f.host.count("S", "T3"))
}

func TestTheSameOrderTwiceInOnePush(t *testing.T) {
	f := newFixture(t)
	code, res := f.push(`[` + order("S", "T1", "1") + `,` + order("S", "T1", "1") + `,` + order("S", "T1", "2") + `]`)
	assert.Equal(t, http.StatusOK, code)
	assert.True(t, res[0].OK)
	assert.Equal(t, res[0], res[1])
	assert.False(t, res[2].OK)
	assert.Contains(t, res[2].Reason, "twice in this push")
	assert.Equal(t, 1, f.host.count("S", "T1"))
}

func TestADeliverFuncAnsweringTheWrongCountLeavesOrdersUnknown(t *testing.T) {
	f := newFixture(t)
	rc, err := NewReceiver(func(context.Context, []Delivery) []error { return nil }, WithSecret(testSecret), WithClock(f.clock.now))
	require.NoError(t, err)
	f.rc = rc
	code, res := f.push(order("S", "T1", "1"))
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.True(t, res[0].Unknown)
	assert.Contains(t, res[0].Reason, "returned 0 results for 1 orders")
}

func TestConcurrentIdenticalPushesReachTheHostOnce(t *testing.T) {
	f := newFixture(t)
	f.host.entered, f.host.release = make(chan struct{}, 2), make(chan struct{})
	body := order("S", "T1", "1")
	first, second := f.request(body), f.request(body+" ") // two sends, signed apart
	var wg sync.WaitGroup
	answers := make([]*httptest.ResponseRecorder, 2)
	wg.Go(func() { answers[0] = f.serve(first) })
	<-f.host.entered // the first push is inside the host, holding the key
	wg.Go(func() { answers[1] = f.serve(second) })
	waitForWaiters(f.rc, Key{Shop: "S", Tid: "T1"}, 2)
	close(f.host.release)
	wg.Wait()

	assert.Equal(t, 1, f.host.count("S", "T1"))
	assert.Equal(t, http.StatusOK, answers[0].Code)
	assert.Equal(t, http.StatusOK, answers[1].Code)
	assert.Contains(t, answers[1].Body.String(), `"repeat":true`)
}

func TestATimeoutWaitingForTheKeyAsksForARetry(t *testing.T) {
	f := newFixture(t, WithTimeout(20*time.Millisecond))
	f.host.entered, f.host.release = make(chan struct{}, 2), make(chan struct{})
	body := order("S", "T1", "1")
	var wg sync.WaitGroup
	var held *httptest.ResponseRecorder
	wg.Go(func() { held = f.serve(f.request(body)) })
	<-f.host.entered
	// The second push waits for the key until its own deadline: the first
	// is held inside the host until the second has answered.
	code, res := f.push(`[` + order("S", "T1", "1") + `,` + order("S", "T9", "1") + `]`)
	close(f.host.release)
	wg.Wait()
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.True(t, res[0].Retry && res[1].Retry)
	assert.Contains(t, res[0].Reason, "timed out waiting")
	assert.Equal(t, http.StatusOK, held.Code)
	assert.Equal(t, 1, f.host.total())
	assert.Empty(t, f.rc.locks.m, "every key lock released")
}

func TestASenderHangingUpDoesNotCutTheDeliveryShort(t *testing.T) {
	f := newFixture(t)
	var seen error
	rc, err := NewReceiver(OneByOne(func(ctx context.Context, d Delivery) error {
		seen = ctx.Err()
		_, ok := ctx.Deadline()
		assert.True(t, ok, "the delivery has the receiver's deadline")
		return nil
	}), WithSecret(testSecret), WithClock(f.clock.now))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := httptest.NewRecorder()
	rc.ServeHTTP(w, f.request(order("S", "T1", "1")).WithContext(ctx))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.NoError(t, seen)
}

func TestStoreFailuresAskForARetry(t *testing.T) {
	f := newFixture(t, WithReplayStore(failingReplay{}))
	w := f.serve(f.request(order("S", "T1", "1")))
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	assert.Equal(t, 0, f.host.total())

	f = newFixture(t, WithOutcomeStore(failingOutcomes{}))
	code, res := f.push(order("S", "T1", "1"))
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.True(t, res[0].Retry)
	assert.Equal(t, 0, f.host.total(), "without the outcome store nothing is handed on")
}

func TestNothingLoggedContainsTheSecretOrASignature(t *testing.T) {
	f := newFixture(t, WithRateLimit(1000, 3))
	f.host.answer = func(d Delivery) error { return Refused(errors.New("refused")) }
	var sigs []string
	send := func(r *http.Request) {
		sigs = append(sigs, r.Header.Get(HeaderSignature))
		f.serve(r)
	}
	body := order("S", "T1", "1")
	good := f.request(body)
	replay := good.Clone(context.Background())
	replay.Body = readCloser(body)
	send(good)
	send(replay)
	bad := f.request(body)
	bad.Header.Set(HeaderSignature, Sign("wrong", "POST", "/callback", f.clock.now().Unix(), bad.Header.Get(HeaderNonce), []byte(body)))
	send(bad)
	send(f.request(body)) // over the rate
	log := f.logText()
	assert.Contains(t, log, "replayed")
	assert.Contains(t, log, "does not match")
	assert.Contains(t, log, "too many")
	assert.NotContains(t, log, string(testSecret))
	for _, s := range sigs {
		assert.NotContains(t, log, s[3:])
	}
	assert.NotContains(t, log, "SKU1", "order contents are not logged")
}

// waitForWaiters spins until n pushes hold or wait for key's lock.
func waitForWaiters(rc *Receiver, key Key, n int) {
	for {
		rc.locks.mu.Lock()
		e := rc.locks.m[key]
		ok := e != nil && e.refs >= n
		rc.locks.mu.Unlock()
		if ok {
			return
		}
		runtime.Gosched()
	}
}

type failingReplay struct{}

func (failingReplay) Claim(context.Context, string, time.Time, time.Time) (bool, error) {
	return false, errors.New("replay store down")
}

type failingOutcomes struct{}

func (failingOutcomes) Get(context.Context, Key) (Outcome, bool, error) {
	return Outcome{}, false, errors.New("outcome store down")
}

func (failingOutcomes) Put(context.Context, Key, Outcome) error {
	return errors.New("outcome store down")
}

func TestARefusedBodyIsNotQuotedInTheLog(t *testing.T) {
	f := newFixture(t)
	w := f.serve(f.request(`[{"tid":"T1","receiver_mobile":{"n":"13800138000"}}]`))
	assert.Equal(t, http.StatusBadRequest, w.Code)
	assert.Contains(t, w.Body.String(), "13800138000", "the sender is told what is wrong")
	assert.Contains(t, f.logText(), "body is not callback orders")
	assert.NotContains(t, f.logText(), "13800138000")
}
