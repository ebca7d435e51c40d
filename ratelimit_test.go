package duijie_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// countingLimiter counts its waits and fails them with err when set.
type countingLimiter struct {
	mu    sync.Mutex
	waits int
	err   error
}

func (l *countingLimiter) Wait(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.waits++
	return l.err
}

func (l *countingLimiter) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.waits
}

// TestClientWaitsForItsRateLimiter: a client given a RateLimiter waits for
// it before every attempt, retries included, and not for its own limits; a
// wait that fails sends nothing, and a write whose wait failed is reported
// as never having reached the vendor.
func TestClientWaitsForItsRateLimiter(t *testing.T) {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	lim := &countingLimiter{}
	// The client's own limit would let one request through a minute and
	// fail the second at once under the deadline below: the RateLimiter
	// replaces it, whichever option comes first.
	c, err := srv.NewClient(duijie.WithRateLimiter(lim), duijie.WithRateLimit(duijie.PerMinute(1)),
		duijie.WithRetry(duijie.RetryPolicy{WaitMin: time.Millisecond, WaitMax: time.Millisecond}))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultStatus, Status: 500})
	_, err = c.QueryShops(ctx, nil)
	require.NoError(t, err)
	_, err = c.QueryShops(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 3, srv.Calls("/open/shops/query"), "a failed attempt, its retry, and one more call")
	assert.Equal(t, 3, lim.count(), "one wait per attempt")

	srv.ResetJournal()
	lim.err = errors.New("quota store unreachable")
	err = c.Call(ctx, &jushuitan.CallRequest{Path: "/open/shops/query", Params: map[string]any{}}, nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, lim.err)
	var te *duijie.TransportError
	require.ErrorAs(t, err, &te)
	assert.False(t, te.MayHaveReachedServer)
	assert.False(t, duijie.MayHaveArrived(err))
	assert.Empty(t, srv.Journal(), "nothing was sent")
	assert.Equal(t, 4, lim.count(), "a failed wait is not retried")
}

func TestNewRateLimiter(t *testing.T) {
	lim, err := duijie.NewRateLimiter(duijie.NoLimit())
	require.NoError(t, err)
	for range 3 {
		require.NoError(t, lim.Wait(context.Background()), "no limits: no wait")
	}

	lim, err = duijie.NewRateLimiter(duijie.PerMinute(1), duijie.NoLimit())
	require.NoError(t, err)
	require.NoError(t, lim.Wait(context.Background()))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	assert.ErrorIs(t, lim.Wait(ctx), context.DeadlineExceeded, "the next slot is past the deadline")

	_, err = duijie.NewRateLimiter(duijie.PerSecond(5), duijie.Limit{Events: 5})
	assert.ErrorContains(t, err, "rate limit 1")
}

func TestLimitInterval(t *testing.T) {
	assert.Equal(t, 204*time.Millisecond, duijie.PerSecond(5).Interval())
	assert.Equal(t, 612*time.Millisecond, duijie.PerMinute(100).Interval())
	assert.Equal(t, 1020*time.Millisecond, duijie.PerMinute(60).Interval())
	assert.Zero(t, duijie.NoLimit().Interval())
}
