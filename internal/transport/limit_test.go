package transport

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLimiterSpacesRequestsUnderEveryLimit(t *testing.T) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewLimiter(nil, PerSecond(5), PerMinute(100))
	// Send each request as soon as the limiter allows it and count how many
	// land in the first minute.
	now := start
	sent := 0
	for {
		wait, _ := l.Reserve(now)
		now = now.Add(wait)
		if !now.Before(start.Add(time.Minute)) {
			break
		}
		sent++
	}
	assert.Equal(t, 99, sent, "the minute limit binds, with the spacing margin")

	l = NewLimiter(nil, PerSecond(5))
	now = start
	var gaps []time.Duration
	prev := now
	for i := 0; i < 6; i++ {
		wait, _ := l.Reserve(now)
		now = now.Add(wait)
		gaps = append(gaps, now.Sub(prev))
		prev = now
	}
	assert.Equal(t, []time.Duration{0, 204 * time.Millisecond, 204 * time.Millisecond, 204 * time.Millisecond, 204 * time.Millisecond, 204 * time.Millisecond}, gaps)
}

func TestLimiterCancelGivesSlotBack(t *testing.T) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewLimiter(nil, PerSecond(1))
	w, _ := l.Reserve(start)
	assert.Zero(t, w)
	w, cancel := l.Reserve(start)
	assert.Equal(t, 1020*time.Millisecond, w)
	cancel()
	w, _ = l.Reserve(start)
	assert.Equal(t, 1020*time.Millisecond, w, "a cancelled slot is reused, not doubled")
}

func TestLimiterWaitFailsFastPastDeadline(t *testing.T) {
	l := NewLimiter(nil, PerMinute(1))
	require.NoError(t, l.Wait(context.Background()))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := l.Wait(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	var nilLimiter *Limiter
	assert.NoError(t, nilLimiter.Wait(ctx))
}

func TestTransportWaitsForLimiterBeforeEachAttempt(t *testing.T) {
	tr, mt := newTestTransport(t, nil, func(s *Settings) { s.Limits = []Limit{PerMinute(1)} })
	mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(200, "ok"))
	_, err := tr.Do(context.Background(), read(false))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = tr.Do(ctx, read(false))
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.DeadlineExceeded))
	assert.Equal(t, 1, mt.GetTotalCallCount(), "the second request was never sent")
}

func TestApplyValidates(t *testing.T) {
	_, err := Apply("v", Settings{})
	assert.ErrorContains(t, err, "base URL is required")
	for _, bad := range []string{"ftp://x", "http://", "https://h/p?x=1", "::"} {
		_, err := Apply("v", Settings{BaseURL: bad})
		assert.Error(t, err, bad)
	}
	_, err = Apply("v", Settings{BaseURL: "https://h", Limits: []Limit{{Events: 0, Per: time.Second}}})
	assert.Error(t, err)
	s, err := Apply("v", Settings{BaseURL: "https://h/p/", UserAgent: "erp/2"})
	require.NoError(t, err)
	assert.Equal(t, "https://h/p", s.BaseURL)
	assert.Equal(t, DefaultRetry(), s.Retry)
	assert.Equal(t, "erp/2 duijie/0.1.0", s.userAgent())
	assert.NotNil(t, s.HTTPClient)
	s, _ = Apply("v", Settings{BaseURL: "https://h", Retry: RetryPolicy{MaxAttempts: -1}})
	assert.Equal(t, 1, s.Retry.MaxAttempts)
}

func TestUserAgentSent(t *testing.T) {
	tr, mt := newTestTransport(t, nil)
	var ua string
	mt.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		ua = r.Header.Get("User-Agent")
		return httpmock.NewStringResponse(200, "ok"), nil
	})
	_, err := tr.Do(context.Background(), read(true))
	require.NoError(t, err)
	assert.Equal(t, "duijie/0.1.0", ua)
}
