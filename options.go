package duijie

import (
	"log/slog"
	"net/http"
	"time"
)

// Options are the settings every vendor client shares. A vendor's NewClient
// starts from the vendor's defaults (its production URL and published rate
// limits) and applies each Option in order.
type Options struct {
	// BaseURL is the vendor endpoint root: production, sandbox or a fake.
	BaseURL string
	// HTTPClient is the inner client; nil means a fresh one with a 30s
	// timeout per attempt.
	HTTPClient *http.Client
	// Retry is the retry policy; zero fields take DefaultRetryPolicy's.
	Retry RetryPolicy
	// Limits are client-side rate limits, all enforced at once by a limiter
	// of the client's own, unless RateLimiter is set.
	Limits []Limit
	// RateLimiter, when set, spaces the client's requests instead of Limits,
	// which are then not enforced: a limiter shared by several clients or
	// processes (store/redis has one) carries the limits itself.
	RateLimiter RateLimiter
	// Logger receives redacted debug lines about attempts and retries; nil
	// is silent.
	Logger *slog.Logger
	// Clock returns the current time, for timestamps and signatures; nil
	// means time.Now.
	Clock func() time.Time
	// UserAgent is put before "duijie/<version>" in the User-Agent header.
	UserAgent string
	// MaxBodyBytes caps a response body; zero means 8 MiB.
	MaxBodyBytes int64
}

// Option changes Options; pass them to any vendor's NewClient.
type Option func(*Options)

// WithBaseURL sets the endpoint root (production, sandbox or a fake).
func WithBaseURL(u string) Option { return func(o *Options) { o.BaseURL = u } }

// WithHTTPClient sets the inner *http.Client (timeouts, proxies, httpmock).
func WithHTTPClient(c *http.Client) Option { return func(o *Options) { o.HTTPClient = c } }

// WithRetry sets the retry policy. Zero fields keep their defaults, except
// MaxAttempts, where 1 turns retries off.
func WithRetry(p RetryPolicy) Option {
	return func(o *Options) {
		if p.MaxAttempts > 0 {
			o.Retry.MaxAttempts = p.MaxAttempts
		}
		if p.WaitMin > 0 {
			o.Retry.WaitMin = p.WaitMin
		}
		if p.WaitMax > 0 {
			o.Retry.WaitMax = p.WaitMax
		}
		if p.MaxRetryAfter > 0 {
			o.Retry.MaxRetryAfter = p.MaxRetryAfter
		}
	}
}

// WithRateLimit replaces the vendor's default client-side limits. With no
// limits, or only NoLimit, it turns client-side limiting off.
func WithRateLimit(limits ...Limit) Option {
	return func(o *Options) {
		o.Limits = o.Limits[:0:0]
		for _, l := range limits {
			if !l.IsZero() {
				o.Limits = append(o.Limits, l)
			}
		}
	}
}

// WithRateLimiter makes the client wait for l before every attempt, in place
// of a limiter of its own: the client's Limits (the vendor's defaults or
// WithRateLimit's) are then not enforced, whichever of the two options
// comes first, and l must carry the vendor's limits itself. Give one l to
// every client that spends the same quota (one vendor and app key), and
// use a shared implementation, such as store/redis's, when several
// processes do. WithRateLimiter(nil) restores the client's own limiter.
func WithRateLimiter(l RateLimiter) Option { return func(o *Options) { o.RateLimiter = l } }

// WithLogger sends debug lines about attempts and retries to l, with
// secrets and personal data removed.
func WithLogger(l *slog.Logger) Option { return func(o *Options) { o.Logger = l } }

// WithClock sets the clock used for timestamps and signatures.
func WithClock(now func() time.Time) Option { return func(o *Options) { o.Clock = now } }

// WithUserAgent puts ua before "duijie/<version>" in the User-Agent header.
func WithUserAgent(ua string) Option { return func(o *Options) { o.UserAgent = ua } }

// WithMaxBodyBytes caps the size of a response body.
func WithMaxBodyBytes(n int64) Option { return func(o *Options) { o.MaxBodyBytes = n } }
