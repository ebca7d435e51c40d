package duijie

import "time"

// Limit is one client-side rate limit: at most Events requests per Per,
// spread evenly (burst Burst, default 1). The spacing is a little wider than
// Per/Events, so that no window of length Per sees more than Events requests
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
