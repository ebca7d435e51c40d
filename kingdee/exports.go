package kingdee

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
	// Amount is an exact decimal for money, prices, rates and quantities.
	Amount = value.Amount
	// Time is an instant in China Standard Time.
	Time = value.Time
	// Date is a calendar day in China Standard Time.
	Date = value.Date
	// Int64 is an integer that may arrive as a number or a string.
	Int64 = value.Int64
	// Text is a string that may arrive as a JSON number.
	Text = value.Text
	// Secret is a credential that prints as [REDACTED].
	Secret = redact.Secret
	// APIError is an answer from Kingdee that says the call failed.
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
	// ErrRateLimited: the server answered with its call limit (MsgCode 14)
	// or HTTP 429. Kingdee does not document that nothing ran, so a write
	// answered so may have been applied.
	ErrRateLimited = apierr.ErrRateLimited
	// ErrAuth: bad credentials, a lost session that could not be renewed, no
	// permission or no licence.
	ErrAuth = apierr.ErrAuth
	// ErrSignature: the gateway rejected the signature or its timestamp.
	ErrSignature = apierr.ErrSignature
	// ErrInvalidRequest: the request was refused as malformed or invalid.
	ErrInvalidRequest = apierr.ErrInvalidRequest
	// ErrNotFound: the bill or data does not exist.
	ErrNotFound = apierr.ErrNotFound
	// ErrTemporary: the server is busy or failed; try again later.
	ErrTemporary = apierr.ErrTemporary
)

// WithBaseURL sets the site root, such as "https://erp.example.com/k3cloud",
// replacing Config.ServerURL (a fake's URL in tests).
func WithBaseURL(u string) Option { return transport.WithBaseURL(u) }

// WithHTTPClient sets the inner *http.Client.
func WithHTTPClient(c *http.Client) Option { return transport.WithHTTPClient(c) }

// WithRetry sets the retry policy.
func WithRetry(p RetryPolicy) Option { return transport.WithRetry(p) }

// WithRateLimit sets client-side rate limits; Kingdee publishes none, so
// there are none by default.
func WithRateLimit(limits ...Limit) Option { return transport.WithRateLimit(limits...) }

// WithLogger sends redacted debug lines about each attempt to l.
func WithLogger(l *slog.Logger) Option { return transport.WithLogger(l) }

// WithClock sets the clock used for signature timestamps.
func WithClock(now func() time.Time) Option { return transport.WithClock(now) }

// WithUserAgent puts ua before "duijie/<version>" in the User-Agent header.
func WithUserAgent(ua string) Option { return transport.WithUserAgent(ua) }

// WithMaxBodyBytes caps the size of a response body.
func WithMaxBodyBytes(n int64) Option { return transport.WithMaxBodyBytes(n) }
