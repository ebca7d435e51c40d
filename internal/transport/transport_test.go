package transport

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/internal/apierr"
	"github.com/duijie/duijie/internal/redact"
)

const testURL = "https://vendor.example/prefix/api"

func newTestTransport(t *testing.T, classify Classifier[string], mods ...func(*Settings)) (*Transport[string], *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(httpmock.NewNotFoundResponder(t.Fatal))
	s := Settings{
		BaseURL:    "https://vendor.example/prefix",
		HTTPClient: &http.Client{Transport: mt},
		Retry:      RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond},
	}
	for _, m := range mods {
		m(&s)
	}
	s, err := Apply("testvendor", s)
	require.NoError(t, err)
	return New[apiError, transportError](Config[string]{Vendor: "testvendor", Settings: s, Classify: classify, Redactor: redact.New("s3cr3t-value")}), mt
}

func read(safe bool) *Request {
	return &Request{Op: Operation{Name: "op", SafeToReplay: safe}, Method: http.MethodPost, URL: testURL, Body: []byte("a=1")}
}

func TestDoRetriesServerErrorOnSafeOperation(t *testing.T) {
	tr, mt := newTestTransport(t, nil)
	mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(503, "busy").Then(httpmock.NewStringResponder(200, "ok")))
	res, err := tr.Do(context.Background(), read(true))
	require.NoError(t, err)
	assert.Equal(t, "ok", string(res.Body))
	assert.Equal(t, 2, res.Attempts)
	assert.Equal(t, 2, mt.GetTotalCallCount())
}

func TestDoDoesNotRetryUnsafeWriteAfterServerError(t *testing.T) {
	tr, mt := newTestTransport(t, nil)
	mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(502, "bad gateway"))
	_, err := tr.Do(context.Background(), read(false))
	require.Error(t, err)
	assert.ErrorIs(t, err, apierr.ErrTemporary)
	e, ok := asAPIError(err)
	require.True(t, ok)
	assert.Equal(t, 502, e.HTTPStatus)
	assert.Equal(t, "bad gateway", e.Body)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestDoRetriesDialFailureOnWrite(t *testing.T) {
	tr, mt := newTestTransport(t, nil)
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	mt.RegisterResponder("POST", testURL, httpmock.NewErrorResponder(dial).Then(httpmock.NewStringResponder(200, "ok")))
	res, err := tr.Do(context.Background(), read(false))
	require.NoError(t, err)
	assert.Equal(t, 2, res.Attempts)
}

func TestDoDoesNotRetryResetOnUnsafeWrite(t *testing.T) {
	tr, mt := newTestTransport(t, nil)
	mt.RegisterResponder("POST", testURL, httpmock.NewErrorResponder(syscall.ECONNRESET))
	_, err := tr.Do(context.Background(), read(false))
	var te *transportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MayHaveReachedServer)
	assert.Equal(t, 1, te.Attempts)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func throttleClassifier(notProcessed bool) Classifier[string] {
	return func(r *Result[string]) error {
		if string(r.Body) == "throttled" {
			return &apiError{Code: "199", Class: apierr.ErrRateLimited, NotProcessed: notProcessed}
		}
		return nil
	}
}

func TestDoRetriesDocumentedRefusedBeforeProcessingOnWrite(t *testing.T) {
	tr, mt := newTestTransport(t, throttleClassifier(true))
	mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(200, "throttled").Then(httpmock.NewStringResponder(200, "done")))
	res, err := tr.Do(context.Background(), read(false))
	require.NoError(t, err)
	assert.Equal(t, "done", string(res.Body))
	assert.Equal(t, 2, mt.GetTotalCallCount())
}

func TestDoNeverReplaysWriteOnThrottleThatMayFollowProcessing(t *testing.T) {
	tr, mt := newTestTransport(t, throttleClassifier(false))
	mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(200, "throttled"))
	_, err := tr.Do(context.Background(), read(false))
	require.ErrorIs(t, err, apierr.ErrRateLimited)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a write is not replayed on a throttle the vendor does not document as refused before processing")
}

func TestDoNeverReplaysWriteOnBareHTTP429(t *testing.T) {
	tr, mt := newTestTransport(t, nil)
	mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(429, "slow down"))
	_, err := tr.Do(context.Background(), read(false))
	require.ErrorIs(t, err, apierr.ErrRateLimited)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestDoRetriesThrottleOnRead(t *testing.T) {
	tr, mt := newTestTransport(t, throttleClassifier(false))
	mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(200, "throttled").Then(httpmock.NewStringResponder(200, "done")))
	res, err := tr.Do(context.Background(), read(true))
	require.NoError(t, err)
	assert.Equal(t, "done", string(res.Body))
	assert.Equal(t, 2, mt.GetTotalCallCount())
}

func TestDoReturnsCompletedAttemptAfterContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	// The context ends right after the answer has come back whole: the
	// cancel runs after the inner round trip returned, whatever the speed.
	tr, mt := newTestTransport(t, nil, func(s *Settings) {
		s.HTTPClient = &http.Client{Transport: cancelAfter{base: s.HTTPClient.Transport, cancel: cancel}}
	})
	mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(200, "stored"))
	res, err := tr.Do(ctx, read(false))
	require.NoError(t, err, "a delivered write must not look failed")
	assert.Equal(t, "stored", string(res.Body))
	assert.Equal(t, 1, res.Attempts)
}

func TestDoWriteCutOffInFlightMayHaveReachedServer(t *testing.T) {
	tr, mt := newTestTransport(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	mt.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		cancel() // the caller gives up while the server holds the request
		<-r.Context().Done()
		return nil, r.Context().Err()
	})
	_, err := tr.Do(ctx, read(false))
	var te *transportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MayHaveReachedServer)
	assert.Equal(t, 1, te.Attempts)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestDoWriteDeadlineInFlightMatchesDeadlineExceeded(t *testing.T) {
	tr, mt := newTestTransport(t, nil)
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(time.Hour))
	defer cancel()
	mt.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		return nil, context.DeadlineExceeded // what net/http returns when the deadline passes mid-request
	})
	_, err := tr.Do(ctx, read(false))
	var te *transportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MayHaveReachedServer)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestDoNeverRetriesAuthError(t *testing.T) {
	classify := func(r *Result[string]) error {
		return &apiError{Code: "100", Message: "token s3cr3t-value expired", Class: apierr.ErrAuth}
	}
	tr, mt := newTestTransport(t, classify)
	mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(200, `{"code":100,"access_token":"abc123"}`))
	_, err := tr.Do(context.Background(), read(true))
	require.ErrorIs(t, err, apierr.ErrAuth)
	e, _ := asAPIError(err)
	assert.Equal(t, "testvendor op: code 100: token [REDACTED] expired", e.Error())
	assert.Equal(t, `{"code":100,"access_token":"[REDACTED]"}`, e.Body)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestDoContextCancelDuringBackoff(t *testing.T) {
	tr, mt := newTestTransport(t, nil, func(s *Settings) { s.Retry = RetryPolicy{MaxAttempts: 5, WaitMin: time.Hour, WaitMax: time.Hour} })
	mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(503, "busy"))
	ctx, cancel := context.WithCancel(context.Background())
	// Cancel exactly when the wait before the second attempt is chosen, so the
	// first answer is complete whatever the machine's speed.
	inner := tr.rc.Backoff
	tr.rc.Backoff = func(min, max time.Duration, n int, r *http.Response) time.Duration {
		cancel()
		return inner(min, max, n, r)
	}
	_, err := tr.Do(ctx, read(true))
	require.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, err, apierr.ErrTemporary, "the last answer is kept")
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestDoHonoursRetryAfter(t *testing.T) {
	var got []time.Duration
	tr, mt := newTestTransport(t, nil)
	resp := httpmock.NewStringResponse(429, "slow down")
	resp.Header.Set("Retry-After", "7")
	mt.RegisterResponder("POST", testURL, httpmock.ResponderFromResponse(resp))
	inner := tr.rc.Backoff
	tr.rc.Backoff = func(min, max time.Duration, n int, r *http.Response) time.Duration {
		got = append(got, inner(min, max, n, r))
		return 0
	}
	_, err := tr.Do(context.Background(), read(true))
	require.ErrorIs(t, err, apierr.ErrRateLimited)
	assert.Equal(t, []time.Duration{7 * time.Second, 7 * time.Second}, got)
	assert.Equal(t, 3, mt.GetTotalCallCount())
}

func TestDoBodyCap(t *testing.T) {
	tr, mt := newTestTransport(t, nil, func(s *Settings) { s.MaxBodyBytes = 4 })
	mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(200, "12345"))
	_, err := tr.Do(context.Background(), read(true))
	require.Error(t, err)
	assert.True(t, errors.Is(err, errBodyTooLarge))
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

// TestReadCappedWhateverTheDeclaredLength reads the whole body whether the
// declared length is right, short, long or unknown, and refuses one over the
// cap, declared or not.
func TestReadCappedWhateverTheDeclaredLength(t *testing.T) {
	body := strings.Repeat("x", 3000)
	for _, size := range []int64{-1, 0, 10, 3000, 4000} {
		got, err := readCapped(strings.NewReader(body), size, 4096)
		require.NoError(t, err, "declared %d", size)
		assert.Equal(t, body, string(got), "declared %d", size)
	}
	_, err := readCapped(strings.NewReader("12345"), 5, 4)
	require.ErrorIs(t, err, errBodyTooLarge)
	_, err = readCapped(strings.NewReader("12345"), 3, 4)
	require.ErrorIs(t, err, errBodyTooLarge)
	got, err := readCapped(strings.NewReader("1234"), 4, 4)
	require.NoError(t, err)
	assert.Equal(t, "1234", string(got))
}

func TestLogsAndErrorsCarryNoSecrets(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	tr, mt := newTestTransport(t, nil, func(s *Settings) { s.Logger = logger })
	secretURL := testURL + "?token=s3cr3t-value&sign=abcdef0123&method=x"
	mt.RegisterResponder("POST", secretURL, httpmock.NewErrorResponder(syscall.ECONNRESET))
	req := read(true)
	req.URL = secretURL
	_, err := tr.Do(context.Background(), req)
	require.Error(t, err)
	assert.Equal(t, 3, mt.GetTotalCallCount())
	for _, s := range []string{err.Error(), buf.String()} {
		assert.NotContains(t, s, "s3cr3t-value")
		assert.NotContains(t, s, "abcdef0123")
	}
	assert.Contains(t, buf.String(), `"attempt":3`)
	assert.Contains(t, err.Error(), "method=x")
}

func TestSignRunsBeforeEveryAttempt(t *testing.T) {
	tr, mt := newTestTransport(t, nil)
	var seen []string
	mt.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		seen = append(seen, r.Header.Get("X-Sig"))
		if len(seen) < 3 {
			return httpmock.NewStringResponse(503, ""), nil
		}
		return httpmock.NewStringResponse(200, "ok"), nil
	})
	n := 0
	req := read(true)
	req.Sign = func(r *http.Request) error {
		n++
		r.Header.Set("X-Sig", strconv.Itoa(n))
		return nil
	}
	_, err := tr.Do(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, []string{"1", "2", "3"}, seen)
}

func TestClassifierEnvelopeIsReturned(t *testing.T) {
	tr, mt := newTestTransport(t, func(r *Result[string]) error {
		env := "decoded " + string(r.Body)
		r.Envelope = &env
		return nil
	})
	mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(200, "four"))
	res, err := tr.Do(context.Background(), read(true))
	require.NoError(t, err)
	require.NotNil(t, res.Envelope)
	assert.Equal(t, "decoded four", *res.Envelope)
}

// cancelAfter cancels a context once the inner transport has answered.
type cancelAfter struct {
	base   http.RoundTripper
	cancel context.CancelFunc
}

func (c cancelAfter) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(r)
	c.cancel()
	return resp, err
}
