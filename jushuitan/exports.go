package jushuitan

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/duijie/duijie/internal/apierr"
	"github.com/duijie/duijie/internal/redact"
	"github.com/duijie/duijie/internal/transport"
	"github.com/duijie/duijie/internal/value"
)

type (
	// Amount is an exact decimal for money and quantities.
	Amount = value.Amount
	// Time is an instant in China Standard Time.
	Time = value.Time
	// Date is a calendar day in China Standard Time.
	Date = value.Date
	// Int64 is an integer that may arrive as a number or a string.
	Int64 = value.Int64
	// Secret is a credential that prints as [REDACTED].
	Secret = redact.Secret
	// APIError is an answer from Jushuitan that says the call failed.
	APIError = apierr.APIError
	// ValidationError is input refused before anything was sent.
	ValidationError = apierr.ValidationError
	// BatchError lists the failed rows of a batch write.
	BatchError = apierr.BatchError
	// RowError is the failure of one row of a batch write.
	RowError = apierr.RowError
	// TransportError is a call that got no usable answer.
	TransportError = apierr.TransportError
	// Option configures a Client.
	Option = transport.Option
	// RetryPolicy says how often and how long to retry.
	RetryPolicy = transport.RetryPolicy
	// Limit is a client-side rate limit.
	Limit = transport.Limit
)

// Error classes for errors.Is.
var (
	// ErrRateLimited: the vendor throttled the call.
	ErrRateLimited = apierr.ErrRateLimited
	// ErrAuth: bad credentials or token.
	ErrAuth = apierr.ErrAuth
	// ErrSignature: the vendor rejected the signature.
	ErrSignature = apierr.ErrSignature
	// ErrInvalidRequest: the request was refused as malformed.
	ErrInvalidRequest = apierr.ErrInvalidRequest
	// ErrNotFound: the object does not exist.
	ErrNotFound = apierr.ErrNotFound
	// ErrTemporary: the vendor is busy or failed; try again later.
	ErrTemporary = apierr.ErrTemporary
)

// WithBaseURL sets the endpoint root (production, sandbox or a fake).
func WithBaseURL(u string) Option { return transport.WithBaseURL(u) }

// WithHTTPClient sets the inner *http.Client.
func WithHTTPClient(c *http.Client) Option { return transport.WithHTTPClient(c) }

// WithRetry sets the retry policy.
func WithRetry(p RetryPolicy) Option { return transport.WithRetry(p) }

// WithRateLimit replaces the default client-side rate limits.
func WithRateLimit(limits ...Limit) Option { return transport.WithRateLimit(limits...) }

// WithLogger sends redacted debug lines about each attempt to l.
func WithLogger(l *slog.Logger) Option { return transport.WithLogger(l) }

// WithClock sets the clock used for timestamps.
func WithClock(now func() time.Time) Option { return transport.WithClock(now) }

// WithUserAgent puts ua before "duijie/<version>" in the User-Agent header.
func WithUserAgent(ua string) Option { return transport.WithUserAgent(ua) }

// WithMaxBodyBytes caps the size of a response body.
func WithMaxBodyBytes(n int64) Option { return transport.WithMaxBodyBytes(n) }
