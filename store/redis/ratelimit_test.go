package redis_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
	"github.com/duijie/duijie/store/redis"
	"github.com/duijie/duijie/store/storetest"
)

// sleeps records the waits of a limiter instead of sleeping them.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(_ context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return nil
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// limiterOpener returns a function that makes a limiter of limits on a
// fresh key, each call through a new client (as a second process would),
// reading clock and recording its sleeps in sl.
func limiterOpener(t *testing.T, clock *storetest.Clock, sl *sleeps, limits ...duijie.Limit) (func() *redis.RateLimiter, string) {
	a := addr(t)
	key := storetest.UniqueName(t, "duijie-test:rate:")
	t.Cleanup(func() { clean(a, key) })
	return func() *redis.RateLimiter {
		l, err := redis.NewRateLimiter(client(t, a), key, limits...)
		require.NoError(t, err)
		redis.SetRateLimiterClock(l, clock.Now, sl.sleep)
		return l
	}, key
}

// reserveAll reserves n slots at the clock's time, without a bound on the
// wait, and returns the waits.
func reserveAll(t *testing.T, l *redis.RateLimiter, n int) []time.Duration {
	t.Helper()
	var waits []time.Duration
	for range n {
		w, taken, err := redis.Reserve(context.Background(), l, -1)
		require.NoError(t, err)
		require.True(t, taken)
		waits = append(waits, w)
	}
	return waits
}

var limiterEpoch = time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)

func TestRateLimiterSpacesRequests(t *testing.T) {
	clock := storetest.NewClock(limiterEpoch)
	open, _ := limiterOpener(t, clock, &sleeps{}, duijie.PerSecond(5))
	l := open()
	ms := time.Millisecond
	assert.Equal(t, []time.Duration{0, 204 * ms, 408 * ms, 612 * ms}, reserveAll(t, l, 4),
		"at one instant each request waits one more interval, Per/Events widened by 2%")
	clock.Add(500 * ms)
	assert.Equal(t, []time.Duration{316 * ms, 520 * ms}, reserveAll(t, l, 2), "the fifth slot is at 816ms")
	clock.Add(10 * time.Second)
	assert.Equal(t, []time.Duration{0, 204 * ms}, reserveAll(t, open(), 2), "an idle limit starts afresh")
}

func TestRateLimiterBurst(t *testing.T) {
	clock := storetest.NewClock(limiterEpoch)
	open, _ := limiterOpener(t, clock, &sleeps{}, duijie.Limit{Events: 5, Per: time.Second, Burst: 3})
	ms := time.Millisecond
	assert.Equal(t, []time.Duration{0, 0, 0, 204 * ms, 408 * ms}, reserveAll(t, open(), 5))
}

func TestRateLimiterHonoursEveryLimit(t *testing.T) {
	clock := storetest.NewClock(limiterEpoch)
	ms := time.Millisecond
	open, _ := limiterOpener(t, clock, &sleeps{}, duijie.PerSecond(5), duijie.PerMinute(100))
	assert.Equal(t, []time.Duration{0, 612 * ms, 1224 * ms}, reserveAll(t, open(), 3), "the minute limit binds")

	open, _ = limiterOpener(t, clock, &sleeps{}, duijie.PerSecond(5), duijie.PerMinute(1000))
	assert.Equal(t, []time.Duration{0, 204 * ms, 408 * ms}, reserveAll(t, open(), 3), "the second limit binds")

	// Sending each request as soon as it may go, a minute holds 99 of the
	// 100 a minute allows: the margin, as with a client's own limiter.
	open, _ = limiterOpener(t, clock, &sleeps{}, duijie.PerSecond(5), duijie.PerMinute(100))
	l := open()
	start := clock.Now()
	sent := 0
	for {
		w := reserveAll(t, l, 1)[0]
		clock.Add(w)
		if !clock.Now().Before(start.Add(time.Minute)) {
			break
		}
		sent++
	}
	assert.Equal(t, 99, sent)
}

// TestRateLimiterSharedByClients: limiters of one key on different clients
// share one quota; another key is another quota.
func TestRateLimiterSharedByClients(t *testing.T) {
	clock := storetest.NewClock(limiterEpoch)
	open, _ := limiterOpener(t, clock, &sleeps{}, duijie.PerSecond(5))
	a, b := open(), open()
	ms := time.Millisecond
	assert.Equal(t, []time.Duration{0}, reserveAll(t, a, 1))
	assert.Equal(t, []time.Duration{204 * ms}, reserveAll(t, b, 1))
	assert.Equal(t, []time.Duration{408 * ms}, reserveAll(t, a, 1))
	other, _ := limiterOpener(t, clock, &sleeps{}, duijie.PerSecond(5))
	assert.Equal(t, []time.Duration{0}, reserveAll(t, other(), 1))
}

// TestRateLimiterRefusalTakesNothing: a reservation whose wait is longer
// than the caller accepts changes no limit, not even the ones that would
// have let it through.
func TestRateLimiterRefusalTakesNothing(t *testing.T) {
	clock := storetest.NewClock(limiterEpoch)
	ms := time.Millisecond
	open, _ := limiterOpener(t, clock, &sleeps{}, duijie.PerSecond(5), duijie.PerMinute(100))
	l := open()
	assert.Equal(t, []time.Duration{0}, reserveAll(t, l, 1))
	for range 3 {
		w, taken, err := redis.Reserve(context.Background(), l, 611*ms)
		require.NoError(t, err)
		assert.False(t, taken)
		assert.Equal(t, 612*ms, w)
	}
	clock.Add(300 * ms)
	w, taken, err := redis.Reserve(context.Background(), l, 312*ms)
	require.NoError(t, err)
	assert.True(t, taken, "a wait equal to the bound is taken")
	assert.Equal(t, 312*ms, w)
	assert.Equal(t, []time.Duration{924 * ms}, reserveAll(t, l, 1),
		"the refusals left no trace: the next slot follows the one taken at 612ms")
}

func TestRateLimiterWait(t *testing.T) {
	// The clock stands still at the present, which the contexts' deadlines
	// are measured from.
	clock := storetest.NewClock(time.Now())
	sl := &sleeps{}
	open, _ := limiterOpener(t, clock, sl, duijie.PerSecond(5))
	l := open()
	ms := time.Millisecond
	require.NoError(t, l.Wait(context.Background()))
	require.NoError(t, l.Wait(context.Background()))
	assert.Equal(t, []time.Duration{204 * ms}, sl.all(), "the first request goes at once, the second after its wait")

	ctx, cancel := context.WithDeadline(context.Background(), clock.Now().Add(300*ms))
	defer cancel()
	err := l.Wait(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded, "the slot at 408ms is past the deadline")
	assert.Len(t, sl.all(), 1, "a refused wait does not sleep")
	assert.Equal(t, []time.Duration{408 * ms}, reserveAll(t, l, 1), "and takes nothing")

	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, l.Wait(ctx), context.Canceled)
	assert.Equal(t, []time.Duration{612 * ms}, reserveAll(t, l, 1), "an ended context takes nothing")
}

func TestRateLimiterKeyExpires(t *testing.T) {
	clock := storetest.NewClock(limiterEpoch)
	open, key := limiterOpener(t, clock, &sleeps{}, duijie.PerSecond(5), duijie.PerMinute(100))
	reserveAll(t, open(), 2)
	raw := client(t, addr(t))
	ctx := context.Background()
	fields, err := raw.HKeys(ctx, key).Result()
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"1s", "1m0s"}, fields, "one field per limit, named by its period")
	ttl, err := raw.PTTL(ctx, key).Result()
	require.NoError(t, err)
	// The last slot is 1224ms ahead of the clock.
	assert.Greater(t, ttl, time.Duration(0))
	assert.LessOrEqual(t, ttl, redis.RateLimiterIdle+1224*time.Millisecond)
}

func TestNewRateLimiterChecksItsArguments(t *testing.T) {
	rdb := client(t, addr(t))
	_, err := redis.NewRateLimiter(nil, "k", duijie.PerSecond(5))
	assert.ErrorContains(t, err, "client is required")
	_, err = redis.NewRateLimiter(rdb, "", duijie.PerSecond(5))
	assert.ErrorContains(t, err, "key is required")
	_, err = redis.NewRateLimiter(rdb, "k", duijie.NoLimit())
	assert.ErrorContains(t, err, "at least one limit")
	_, err = redis.NewRateLimiter(rdb, "k", duijie.PerSecond(5), duijie.Limit{Per: time.Second})
	assert.ErrorContains(t, err, "rate limit 1: events and period must be positive")
	_, err = redis.NewRateLimiter(rdb, "k", duijie.PerSecond(5), duijie.PerSecond(10))
	assert.ErrorContains(t, err, "rate limit 1: another limit has the period 1s")
	l, err := redis.NewRateLimiter(rdb, "k", duijie.NoLimit(), duijie.PerMinute(100))
	require.NoError(t, err)
	assert.Equal(t, "k", l.Key())
}

// TestClientWaitsForRedisRateLimiter: a Jushuitan client given the limiter
// reserves its slots in Redis, on the server's clock.
func TestClientWaitsForRedisRateLimiter(t *testing.T) {
	a := addr(t)
	key := storetest.UniqueName(t, "duijie-test:rate:jushuitan:")
	t.Cleanup(func() { clean(a, key) })
	lim, err := redis.NewRateLimiter(client(t, a), key,
		duijie.PerSecond(jushuitan.DefaultCallsPerSecond), duijie.PerMinute(jushuitan.DefaultCallsPerMinute))
	require.NoError(t, err)
	srv := jushuitantest.NewServer()
	defer srv.Close()
	c, err := srv.NewClient(duijie.WithRateLimiter(lim))
	require.NoError(t, err)
	_, err = c.QueryShops(context.Background(), nil)
	require.NoError(t, err)
	fields, err := client(t, a).HGetAll(context.Background(), key).Result()
	require.NoError(t, err)
	assert.Len(t, fields, 2, "the call took a slot of both limits")
}
