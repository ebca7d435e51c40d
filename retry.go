package duijie

import "time"

// RetryPolicy says how often and how long a client retries what is safe to
// retry (see the package documentation for the replay rule).
type RetryPolicy struct {
	// MaxAttempts is the number of sends including the first; 1 disables
	// retries.
	MaxAttempts int
	// WaitMin and WaitMax bound the exponential backoff between attempts.
	WaitMin, WaitMax time.Duration
	// MaxRetryAfter caps how long a vendor's Retry-After may make a call
	// wait.
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy returns the policy a client uses unless WithRetry says
// otherwise: three attempts with waits of 500ms to 5s, and a vendor's
// Retry-After honoured up to two minutes.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 3, WaitMin: 500 * time.Millisecond, WaitMax: 5 * time.Second, MaxRetryAfter: 2 * time.Minute}
}
