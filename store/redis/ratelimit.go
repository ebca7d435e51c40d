package redis

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/duijie/duijie"
)

// RateLimiterIdle is how long a rate limiter's key outlives its last
// reserved slot; Redis then drops it.
const RateLimiterIdle = time.Minute

// reserveScript is GCRA over several limits at once. KEYS[1] is the
// limiter's hash, one field per limit holding that limit's theoretical
// arrival time (TAT, microseconds since the epoch). ARGV: now (µs, or ""
// for the server's clock), the longest wait the caller accepts (µs, -1 for
// any), the key's idle lifetime (ms), then per limit its field, its
// interval and its tolerance ((burst-1) × interval), in µs.
//
// A request arriving at now may be sent once every limit allows it: at
// TAT - tolerance of each, so the wait is the largest of those, if
// positive. When that wait is longer than the caller accepts, nothing
// changes and {0, wait} is returned. Otherwise every limit records the
// request at the time it is sent, now + wait: TAT = max(TAT, now + wait) +
// interval, and {1, wait} is returned. Either every limit takes the slot or
// none does.
var reserveScript = goredis.NewScript(`
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local maxwait = tonumber(ARGV[2])
local idle = tonumber(ARGV[3])
local n = (#ARGV - 3) / 3
local tats = {}
local wait = 0
for i = 1, n do
  local base = 3 + (i - 1) * 3
  local tat = tonumber(redis.call('HGET', KEYS[1], ARGV[base + 1])) or now
  if tat < now then tat = now end
  tats[i] = tat
  local w = tat - tonumber(ARGV[base + 3]) - now
  if w > wait then wait = w end
end
if maxwait >= 0 and wait > maxwait then
  return {0, wait}
end
local send = now + wait
local fields = {}
local last = now
for i = 1, n do
  local base = 3 + (i - 1) * 3
  local tat = tats[i]
  if tat < send then tat = send end
  tat = tat + tonumber(ARGV[base + 2])
  if tat > last then last = tat end
  fields[#fields + 1] = ARGV[base + 1]
  fields[#fields + 1] = tat
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('PEXPIRE', KEYS[1], math.ceil((last - now) / 1000) + idle)
return {1, wait}
`)

// RateLimiter is a duijie.RateLimiter shared through Redis by every client,
// in any process, that uses its key: the quota of one vendor and app key.
// It enforces all its limits at once, each spaced by its Interval (the
// same 2% margin as a client's own limiter) with its Burst (default 1), by
// the generic cell rate algorithm (GCRA): one hash holds, per limit, the
// time its next request is due, and one Lua script checks and updates
// every limit atomically. Give it to a client with duijie.WithRateLimiter,
// in place of the client's own limits.
//
// Time is the Redis server's clock, so the processes of many machines
// agree on it. A Wait that fails at once (the context's deadline is before
// the slot) takes nothing from the quota; a Wait whose context ends while
// it sleeps keeps its slot, which only leaves a gap. It is safe for
// concurrent use; it does not close the client.
type RateLimiter struct {
	rdb    goredis.UniversalClient
	key    string
	limits []gcraLimit
	// now is the clock given to the script; nil means the server's.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

// gcraLimit is one limit as the script reads it.
type gcraLimit struct {
	field     string
	interval  int64 // µs
	tolerance int64 // µs
}

// NewRateLimiter returns a limiter of limits kept under key, one Redis hash.
// The key names the quota: use one per vendor and app key, such as
// "duijie:rate:jushuitan:" + appKey, and the same limits in every process
// that shares it (the vendor's defaults, e.g. jushuitan.DefaultCallsPerSecond
// and jushuitan.DefaultCallsPerMinute). Each limit's state is the hash's
// field named by its period, so no two limits may have the same Per.
// NoLimit entries are dropped; at least one limit must remain. The key
// vanishes RateLimiterIdle after its last slot.
func NewRateLimiter(rdb goredis.UniversalClient, key string, limits ...duijie.Limit) (*RateLimiter, error) {
	if rdb == nil {
		return nil, errors.New("store/redis: the Redis client is required")
	}
	if key == "" {
		return nil, errors.New("store/redis: the rate limiter's key is required")
	}
	l := &RateLimiter{rdb: rdb, key: key, sleep: sleepContext}
	seen := map[time.Duration]bool{}
	for i, lim := range limits {
		if lim.IsZero() {
			continue
		}
		if lim.Events <= 0 || lim.Per <= 0 {
			return nil, fmt.Errorf("store/redis: rate limit %d: events and period must be positive", i)
		}
		if seen[lim.Per] {
			return nil, fmt.Errorf("store/redis: rate limit %d: another limit has the period %s", i, lim.Per)
		}
		seen[lim.Per] = true
		burst := int64(max(lim.Burst, 1))
		interval := micros(lim.Interval())
		l.limits = append(l.limits, gcraLimit{field: lim.Per.String(), interval: interval, tolerance: (burst - 1) * interval})
	}
	if len(l.limits) == 0 {
		return nil, errors.New("store/redis: a rate limiter needs at least one limit")
	}
	return l, nil
}

// micros is d in whole microseconds, rounded up.
func micros(d time.Duration) int64 {
	return int64((d + time.Microsecond - 1) / time.Microsecond)
}

// Key returns the limiter's key.
func (l *RateLimiter) Key() string { return l.key }

var _ duijie.RateLimiter = (*RateLimiter)(nil)

// Wait blocks until one request may be sent under every limit, taking its
// slot, or until ctx ends. It fails at once, with an error matching
// context.DeadlineExceeded and without taking a slot, when ctx's deadline
// comes before the slot; and with the Redis error when the server cannot
// be reached, so that the client sends nothing rather than send unlimited.
func (l *RateLimiter) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	maxWait := time.Duration(-1)
	if dl, ok := ctx.Deadline(); ok {
		maxWait = max(dl.Sub(l.localNow()), 0)
	}
	wait, taken, err := l.reserve(ctx, maxWait)
	if err != nil {
		return err
	}
	if !taken {
		return fmt.Errorf("store/redis: rate limit %s: next slot in %s is past the context deadline: %w", l.key, wait, context.DeadlineExceeded)
	}
	if wait <= 0 {
		return nil
	}
	return l.sleep(ctx, wait)
}

// reserve runs the script: it takes a slot when the wait for it is at most
// maxWait (any wait when maxWait is negative) and returns the wait and
// whether the slot was taken.
func (l *RateLimiter) reserve(ctx context.Context, maxWait time.Duration) (time.Duration, bool, error) {
	now := ""
	if l.now != nil {
		now = strconv.FormatInt(l.now().UnixMicro(), 10)
	}
	maxArg := int64(-1)
	if maxWait >= 0 {
		maxArg = int64(maxWait / time.Microsecond)
	}
	args := make([]any, 0, 3+3*len(l.limits))
	args = append(args, now, maxArg, RateLimiterIdle.Milliseconds())
	for _, lim := range l.limits {
		args = append(args, lim.field, lim.interval, lim.tolerance)
	}
	res, err := reserveScript.Run(ctx, l.rdb, []string{l.key}, args...).Int64Slice()
	if err != nil {
		return 0, false, wrap("rate limiter "+l.key, err)
	}
	if len(res) != 2 {
		return 0, false, fmt.Errorf("store/redis: rate limiter %s: unexpected script answer %v", l.key, res)
	}
	return time.Duration(res[1]) * time.Microsecond, res[0] == 1, nil
}

// localNow is this process's clock, which the context's deadline is
// measured against.
func (l *RateLimiter) localNow() time.Time {
	if l.now != nil {
		return l.now()
	}
	return time.Now()
}

// sleepContext waits d, or until ctx ends.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
