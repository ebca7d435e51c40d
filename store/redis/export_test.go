package redis

import (
	"context"
	"time"
)

// SetRateLimiterClock gives l a clock, which the script is then given as
// "now" in place of the server's, and a sleep in place of a timer.
func SetRateLimiterClock(l *RateLimiter, now func() time.Time, sleep func(context.Context, time.Duration) error) {
	l.now, l.sleep = now, sleep
}

// Reserve runs l's script: it takes a slot when the wait for it is at most
// maxWait (any wait when negative) and returns the wait and whether the
// slot was taken.
func Reserve(ctx context.Context, l *RateLimiter, maxWait time.Duration) (time.Duration, bool, error) {
	return l.reserve(ctx, maxWait)
}
