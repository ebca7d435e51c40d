package kingdee

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/duijie/duijie"
)

type (
	// Amount is an exact decimal for money, prices, rates and quantities.
	Amount = duijie.Amount
	// Time is an instant in China Standard Time.
	Time = duijie.Time
	// Date is a calendar day in China Standard Time.
	Date = duijie.Date
	// Int64 is an integer that may arrive as a number or a string.
	Int64 = duijie.Int64
	// Text is a string that may arrive as a JSON number.
	Text = duijie.Text
	// Secret is a credential that prints as [REDACTED].
	Secret = duijie.Secret
	// APIError is an answer from Kingdee that says the call failed.
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
	// ErrRateLimited: the server answered with its call limit (MsgCode 14)
	// or HTTP 429. Kingdee does not document that nothing ran, so a write
	// answered so may have been applied.
	ErrRateLimited = duijie.ErrRateLimited
	// ErrAuth: bad credentials, a lost session that could not be renewed, no
	// permission or no licence.
	ErrAuth = duijie.ErrAuth
	// ErrSignature: the gateway rejected the signature or its timestamp.
	ErrSignature = duijie.ErrSignature
	// ErrInvalidRequest: the request was refused as malformed or invalid.
	ErrInvalidRequest = duijie.ErrInvalidRequest
	// ErrNotFound: the bill or data does not exist.
	ErrNotFound = duijie.ErrNotFound
	// ErrTemporary: the server is busy or failed; try again later.
	ErrTemporary = duijie.ErrTemporary
)

// WithBaseURL sets the site root, such as "https://erp.example.com/k3cloud",
// replacing Config.ServerURL (a fake's URL in tests).
func WithBaseURL(u string) Option { return duijie.WithBaseURL(u) }

// WithHTTPClient sets the inner *http.Client.
func WithHTTPClient(c *http.Client) Option { return duijie.WithHTTPClient(c) }

// WithRetry sets the retry policy.
func WithRetry(p RetryPolicy) Option { return duijie.WithRetry(p) }

// WithRateLimit sets client-side rate limits; Kingdee publishes none, so
// there are none by default.
func WithRateLimit(limits ...Limit) Option { return duijie.WithRateLimit(limits...) }

// WithLogger sends redacted debug lines about each attempt to l.
func WithLogger(l *slog.Logger) Option { return duijie.WithLogger(l) }

// WithClock sets the clock used for signature timestamps.
func WithClock(now func() time.Time) Option { return duijie.WithClock(now) }

// WithUserAgent puts ua before "duijie/<version>" in the User-Agent header.
func WithUserAgent(ua string) Option { return duijie.WithUserAgent(ua) }

// WithMaxBodyBytes caps the size of a response body.
func WithMaxBodyBytes(n int64) Option { return duijie.WithMaxBodyBytes(n) }
