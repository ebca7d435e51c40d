package duijie

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/duijie/duijie/internal/transport"
)

// Limit is one client-side rate limit: at most Events requests per Per,
// spread evenly (burst Burst, default 1). The spacing (Interval) is a little
// wider than Per/Events, so that no window of length Per sees more than Events requests
// even when network delays shift arrivals: vendors count in sliding windows.
// The zero Limit (see NoLimit) limits nothing.
type Limit struct {
	Events int
	Per    time.Duration
	Burst  int
}

// PerSecond returns a limit of n requests a second.
func PerSecond(n int) Limit { return Limit{Events: n, Per: time.Second} }

// PerMinute returns a limit of n requests a minute.
func PerMinute(n int) Limit { return Limit{Events: n, Per: time.Minute} }

// NoLimit returns the zero Limit: WithRateLimit(NoLimit()) turns the
// vendor's default client-side limits off.
func NoLimit() Limit { return Limit{} }

// IsZero reports whether l is NoLimit.
func (l Limit) IsZero() bool { return l == Limit{} }

// Interval is the spacing of requests under l: Per/Events widened by the
// same margin (2%) that every limiter of the SDK applies. It is zero for
// NoLimit and for a limit without positive Events and Per.
func (l Limit) Interval() time.Duration {
	if l.Events <= 0 || l.Per <= 0 {
		return 0
	}
	return time.Duration(math.Round(float64(l.Per) * (1 + transport.SpacingMargin) / float64(l.Events)))
}

// RateLimiter spaces a client's requests; see WithRateLimiter. The client
// calls Wait before every attempt, retries included.
//
// Wait blocks until one request may be sent, and then returns nil; the
// request is sent at once. It returns an error instead when ctx ends first,
// and at once, with an error matching context.DeadlineExceeded, when ctx's
// deadline comes before the next free slot. A Wait that fails means the
// request was never sent: the client reports a *TransportError with
// MayHaveReachedServer false (or the context's error) and does not retry
// the attempt. Implementations must be safe for concurrent use.
type RateLimiter interface {
	Wait(ctx context.Context) error
}

// NewRateLimiter returns the in-process limiter a client builds from its
// Limits: every limit at once, each spaced by its Interval, with its Burst
// (default 1). NoLimit entries are dropped; with none left, Wait never
// waits. Passed to the NewClient of several clients through
// WithRateLimiter, it makes them share one quota inside one process.
func NewRateLimiter(limits ...Limit) (RateLimiter, error) {
	var ls []transport.Limit
	for i, l := range limits {
		if l.IsZero() {
			continue
		}
		if l.Events <= 0 || l.Per <= 0 {
			return nil, fmt.Errorf("duijie: rate limit %d: events and period must be positive", i)
		}
		ls = append(ls, transport.Limit(l))
	}
	if len(ls) == 0 {
		return noWait{}, nil
	}
	return transport.NewLimiter(nil, ls...), nil
}

// noWait is the limiter of no limits.
type noWait struct{}

func (noWait) Wait(context.Context) error { return nil }
