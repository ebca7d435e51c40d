package honor

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/duijie/duijie"
)

type (
	// Amount is an exact decimal for money and quantities.
	Amount = duijie.Amount
	// Time is an instant in China Standard Time.
	Time = duijie.Time
	// Date is a calendar day in China Standard Time.
	Date = duijie.Date
	// Int64 is an integer that may arrive as a number or a string.
	Int64 = duijie.Int64
	// Secret is a credential that prints as [REDACTED].
	Secret = duijie.Secret
	// APIError is an answer from Honor that says the call failed.
	APIError = duijie.APIError
	// ValidationError is input refused before anything was sent.
	ValidationError = duijie.ValidationError
	// BatchError lists the failed rows of a batch write.
	BatchError = duijie.BatchError
	// RowError is the failure of one row of a batch write.
	RowError = duijie.RowError
	// TransportError is a call that got no usable answer.
	TransportError = duijie.TransportError
	// Option configures a Client.
	Option = duijie.Option
	// RetryPolicy says how often and how long to retry.
	RetryPolicy = duijie.RetryPolicy
	// Limit is a client-side rate limit.
	Limit = duijie.Limit
)

// Error classes for errors.Is.
var (
	// ErrRateLimited: the vendor throttled the call.
	ErrRateLimited = duijie.ErrRateLimited
	// ErrAuth: bad credentials or token.
	ErrAuth = duijie.ErrAuth
	// ErrSignature: the vendor rejected the signature.
	ErrSignature = duijie.ErrSignature
	// ErrInvalidRequest: the request was refused as malformed.
	ErrInvalidRequest = duijie.ErrInvalidRequest
	// ErrNotFound: the object does not exist.
	ErrNotFound = duijie.ErrNotFound
	// ErrTemporary: the vendor is busy or failed; try again later.
	ErrTemporary = duijie.ErrTemporary
)

// WithBaseURL sets the endpoint root (production, sandbox or a fake).
func WithBaseURL(u string) Option { return duijie.WithBaseURL(u) }

// WithHTTPClient sets the inner *http.Client.
func WithHTTPClient(c *http.Client) Option { return duijie.WithHTTPClient(c) }

// WithRetry sets the retry policy.
func WithRetry(p RetryPolicy) Option { return duijie.WithRetry(p) }

// WithRateLimit replaces the default client-side rate limits.
func WithRateLimit(limits ...Limit) Option { return duijie.WithRateLimit(limits...) }

// WithLogger sends redacted debug lines about each attempt to l.
func WithLogger(l *slog.Logger) Option { return duijie.WithLogger(l) }

// WithClock sets the clock used for timestamps.
func WithClock(now func() time.Time) Option { return duijie.WithClock(now) }

// WithUserAgent puts ua before "duijie/<version>" in the User-Agent header.
func WithUserAgent(ua string) Option { return duijie.WithUserAgent(ua) }

// WithMaxBodyBytes caps the size of a response body.
func WithMaxBodyBytes(n int64) Option { return duijie.WithMaxBodyBytes(n) }
