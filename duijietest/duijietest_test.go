package duijietest

import (
	"context"
	"io"
	"math/rand"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newCounting(t *testing.T) (*Server, *atomic.Int64) {
	t.Helper()
	var applied atomic.Int64
	s := NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		applied.Add(1)
		_, _ = io.WriteString(w, "applied")
	}), 1)
	t.Cleanup(s.Close)
	return s, &applied
}

func post(t *testing.T, s *Server) (*http.Response, string, error) {
	t.Helper()
	c := &http.Client{Timeout: 2 * time.Second}
	resp, err := c.Post(s.URL()+"/op", "text/plain", strings.NewReader("body"))
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b), nil
}

func TestFaultsApplyInOrderThenStop(t *testing.T) {
	s, applied := newCounting(t)
	s.FailNext(1, Fault{Kind: FaultStatus, Status: 503, Body: []byte("busy")})
	s.FailNext(1, Fault{Kind: FaultBody, Body: []byte(`{"code":199}`)})

	resp, body, err := post(t, s)
	require.NoError(t, err)
	assert.Equal(t, 503, resp.StatusCode)
	assert.Equal(t, "busy", body)

	resp, body, err = post(t, s)
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, `{"code":199}`, body)
	assert.Zero(t, applied.Load())

	_, body, err = post(t, s)
	require.NoError(t, err)
	assert.Equal(t, "applied", body)
	assert.EqualValues(t, 1, applied.Load())
	assert.Equal(t, 3, s.Calls("/op"))
	assert.Equal(t, 2, s.FaultsInjected(0))
	assert.Equal(t, 1, s.FaultsInjected(FaultBody))
	j := s.Journal()
	require.Len(t, j, 3)
	assert.Equal(t, "body", string(j[0].Body))
	assert.False(t, j[0].Handled)
	assert.True(t, j[2].Handled)
}

func TestResetBeforeAndAfterHandler(t *testing.T) {
	s, applied := newCounting(t)
	s.FailNext(1, Fault{Kind: FaultResetBefore})
	_, _, err := post(t, s)
	require.Error(t, err)
	assert.Zero(t, applied.Load(), "reset before: nothing applied")

	s.FailNext(1, Fault{Kind: FaultResetAfter})
	_, _, err = post(t, s)
	require.Error(t, err)
	assert.EqualValues(t, 1, applied.Load(), "reset after: applied, but no answer")
	assert.True(t, s.Journal()[1].Handled)
}

func TestDelayRespectsClientTimeout(t *testing.T) {
	s, applied := newCounting(t)
	s.FailNext(1, Fault{Kind: FaultDelay, Delay: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", s.URL()+"/op", strings.NewReader("x"))
	_, err := http.DefaultClient.Do(req)
	require.Error(t, err)
	s.Close() // returns promptly: the delayed handler saw the client leave
	assert.Zero(t, applied.Load())
}

func TestProbabilityIsSeeded(t *testing.T) {
	run := func() []bool {
		s, _ := newCounting(t)
		s.Inject(Rule{Fault: Fault{Kind: FaultStatus}, Probability: 0.3, Match: func(r *http.Request) bool { return r.URL.Path == "/op" }})
		var out []bool
		for range 30 {
			resp, _, err := post(t, s)
			require.NoError(t, err)
			out = append(out, resp.StatusCode == 500)
		}
		return out
	}
	a, b := run(), run()
	assert.Equal(t, a, b)
	assert.Contains(t, a, true)
	assert.Contains(t, a, false)
}

func TestWindowLimiter(t *testing.T) {
	w := &Window{Max: 2, Per: time.Second}
	t0 := time.Unix(0, 0)
	assert.True(t, w.Allow(t0))
	assert.True(t, w.Allow(t0.Add(100*time.Millisecond)))
	assert.False(t, w.Allow(t0.Add(900*time.Millisecond)))
	assert.True(t, w.Allow(t0.Add(1001*time.Millisecond)))
	assert.False(t, w.Allow(t0.Add(1050*time.Millisecond)))
}

func TestAnswerAfterAppliesThenAnswersTheFault(t *testing.T) {
	s, applied := newCounting(t)
	s.FailNext(1, Fault{Kind: FaultAnswerAfter, Body: []byte("Too Many Requests")})
	resp, body, err := post(t, s)
	require.NoError(t, err)
	assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
	assert.Equal(t, "Too Many Requests", body)
	assert.EqualValues(t, 1, applied.Load(), "the write was stored before the throttle answer")
	assert.Equal(t, 1, s.FaultsInjected(FaultAnswerAfter))
}

func TestLateAnswerIsATimeoutAfterTheWriteWasApplied(t *testing.T) {
	s, applied := newCounting(t)
	c := &http.Client{Transport: ClientTransport(nil)}
	s.FailNext(1, Fault{Kind: FaultLateAnswer})
	_, err := c.Post(s.URL()+"/op", "text/plain", strings.NewReader("body"))
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	var ne interface{ Timeout() bool }
	require.ErrorAs(t, err, &ne)
	assert.True(t, ne.Timeout())
	assert.EqualValues(t, 1, applied.Load())

	// Without ClientTransport the client sees the gateway's 504.
	resp, _, err := func() (*http.Response, string, error) {
		s.FailNext(1, Fault{Kind: FaultLateAnswer})
		return post(t, s)
	}()
	require.NoError(t, err)
	assert.Equal(t, http.StatusGatewayTimeout, resp.StatusCode)
	assert.EqualValues(t, 2, applied.Load())

	// Answers without a fault pass through.
	resp, err = c.Post(s.URL()+"/op", "text/plain", strings.NewReader("body"))
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "applied", string(b))
}

func TestCancelAfterCancelsTheCallersContext(t *testing.T) {
	s, applied := newCounting(t)
	c := &http.Client{Transport: ClientTransport(nil)}
	s.FailNext(1, Fault{Kind: FaultCancelAfter})
	ctx, cancel := CancelableContext(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", s.URL()+"/op", strings.NewReader("x"))
	_, err := c.Do(req)
	require.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, ctx.Err(), context.Canceled, "the caller's context ended")
	assert.EqualValues(t, 1, applied.Load())

	// A context without the kit's cancel sees a late answer instead.
	s.FailNext(1, Fault{Kind: FaultCancelAfter})
	_, err = c.Post(s.URL()+"/op", "text/plain", strings.NewReader("x"))
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestStandardMixRates(t *testing.T) {
	counts := map[FaultKind]int{}
	rule := StandardMix(Fault{Kind: FaultBody, Body: []byte("throttle")})
	r := rand.New(rand.NewSource(7))
	const n = 100000
	for range n {
		if f, ok := pickChance(rule.Mix, r.Float64()); ok {
			counts[f.Kind]++
		}
	}
	for kind, want := range map[FaultKind]float64{FaultStatus: 0.08, FaultResetBefore: 0.02, FaultResetAfter: 0.02,
		FaultBody: 0.04, FaultAnswerAfter: 0.02, FaultLateAnswer: 0.02, FaultCancelAfter: 0.01} {
		assert.InDelta(t, want, float64(counts[kind])/n, 0.003, kind.String())
	}
}
