package transport

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"golang.org/x/time/rate"
)

// Limit is one client-side rate limit: at most Events per Per, spread evenly
// (burst Burst, default 1). The spacing is Per/Events widened by
// SpacingMargin, so that with the default burst no window of length Per
// sees more than Events requests even when network delays shift a
// request's arrival by a little: vendors count in sliding windows, and a
// bucket spaced at exactly Per/Events lets Events+1 requests span one Per.
type Limit struct {
	Events int
	Per    time.Duration
	Burst  int
}

// SpacingMargin widens the spacing of every Limit (2%: 98% of the quota is
// used).
const SpacingMargin = 0.02

// PerSecond returns a limit of n requests a second.
func PerSecond(n int) Limit { return Limit{Events: n, Per: time.Second} }

// PerMinute returns a limit of n requests a minute.
func PerMinute(n int) Limit { return Limit{Events: n, Per: time.Minute} }

// Limiter enforces several limits at once. It is safe for concurrent use.
type Limiter struct {
	limiters []*rate.Limiter
	now      func() time.Time
	sleep    func(ctx context.Context, d time.Duration) error
}

// NewLimiter returns a limiter for limits (nil when there are none). now is
// the clock the limiter reads.
func NewLimiter(now func() time.Time, limits ...Limit) *Limiter {
	if len(limits) == 0 {
		return nil
	}
	if now == nil {
		now = time.Now
	}
	l := &Limiter{now: now, sleep: sleepContext}
	for _, lim := range limits {
		burst := lim.Burst
		if burst < 1 {
			burst = 1
		}
		every := rate.Limit(float64(lim.Events) / (lim.Per.Seconds() * (1 + SpacingMargin)))
		l.limiters = append(l.limiters, rate.NewLimiter(every, burst))
	}
	return l
}

// Reserve takes one slot from every limit at time now and returns how long
// the caller must wait before sending. cancel gives the slots back.
func (l *Limiter) Reserve(now time.Time) (wait time.Duration, cancel func()) {
	rs := make([]*rate.Reservation, 0, len(l.limiters))
	for _, rl := range l.limiters {
		r := rl.ReserveN(now, 1)
		rs = append(rs, r)
		if d := r.DelayFrom(now); d > wait {
			wait = d
		}
	}
	return wait, func() {
		for _, r := range rs {
			r.CancelAt(now)
		}
	}
}

// Wait blocks until a request may be sent, or ctx is done. It fails at once
// when ctx's deadline comes before the slot.
func (l *Limiter) Wait(ctx context.Context) error {
	if l == nil {
		return nil
	}
	now := l.now()
	wait, cancel := l.Reserve(now)
	if wait <= 0 {
		return nil
	}
	if dl, ok := ctx.Deadline(); ok && dl.Before(now.Add(wait)) {
		cancel()
		return fmt.Errorf("rate limit: next slot in %s is past the context deadline: %w", wait, context.DeadlineExceeded)
	}
	if err := l.sleep(ctx, wait); err != nil {
		cancel()
		return err
	}
	return nil
}

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

// limiter returns the rate limiter the settings ask for: RateLimiter when
// set, otherwise an in-process one for Limits, or nil when there are none.
func (s Settings) limiter() RateLimiter {
	if s.RateLimiter != nil {
		return s.RateLimiter
	}
	if l := NewLimiter(nil, s.Limits...); l != nil {
		return l
	}
	return nil
}

// limitedTransport waits for the limiter before every attempt. A wait that
// fails ends the attempt before anything is sent: its error is a
// limiterError, which the retry decision reads as "never reached the
// server".
type limitedTransport struct {
	base    http.RoundTripper
	limiter RateLimiter
}

func (t *limitedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.limiter.Wait(req.Context()); err != nil {
		return nil, &limiterError{err: err}
	}
	return t.base.RoundTrip(req)
}

// limiterError marks a wait that ended before the request was sent.
type limiterError struct{ err error }

func (e *limiterError) Error() string { return e.err.Error() }
func (e *limiterError) Unwrap() error { return e.err }
