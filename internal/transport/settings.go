package transport

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/duijie/duijie/internal/version"
)

// DefaultMaxBodyBytes caps a response body unless WithMaxBodyBytes says otherwise.
const DefaultMaxBodyBytes = 8 << 20

// DefaultTimeout is the per-attempt timeout of the default HTTP client.
const DefaultTimeout = 30 * time.Second

// RetryPolicy says how often and how long to retry what is safe to retry.
type RetryPolicy struct {
	// MaxAttempts is the number of sends including the first; 1 disables retries.
	MaxAttempts int
	// WaitMin and WaitMax bound the exponential backoff between attempts.
	WaitMin, WaitMax time.Duration
	// MaxRetryAfter caps how long a vendor's Retry-After may make a call wait.
	MaxRetryAfter time.Duration
}

// DefaultRetry returns the default policy: three attempts with waits of
// 500ms to 5s, and a vendor's Retry-After honoured up to two minutes.
func DefaultRetry() RetryPolicy {
	return RetryPolicy{MaxAttempts: 3, WaitMin: 500 * time.Millisecond, WaitMax: 5 * time.Second, MaxRetryAfter: 2 * time.Minute}
}

// Settings are the applied client options: the public Options (whose fields
// document each setting) after Resolve, with the defaults filled in.
type Settings struct {
	BaseURL      string
	HTTPClient   *http.Client
	Retry        RetryPolicy
	Limits       []Limit
	RateLimiter  RateLimiter
	Logger       *slog.Logger
	Clock        func() time.Time
	UserAgent    string
	MaxBodyBytes int64
}

// RateLimiter has the method set of the public RateLimiter: Wait blocks
// until one request may be sent, or fails, in which case the request is
// never sent.
type RateLimiter interface {
	Wait(ctx context.Context) error
}

// retryShape and limitShape are the field lists of the public RetryPolicy
// and Limit, which this package cannot name.
type (
	retryShape = struct {
		MaxAttempts      int
		WaitMin, WaitMax time.Duration
		MaxRetryAfter    time.Duration
	}
	limitShape = struct {
		Events int
		Per    time.Duration
		Burst  int
	}
)

// optionsFields is the field list of the public Options, with its retry
// policy, limit and rate limiter types as parameters.
type optionsFields[R, L, RL any] = struct {
	BaseURL      string
	HTTPClient   *http.Client
	Retry        R
	Limits       []L
	RateLimiter  RL
	Logger       *slog.Logger
	Clock        func() time.Time
	UserAgent    string
	MaxBodyBytes int64
}

// optionsShape is satisfied by the public Options type.
type optionsShape[R ~retryShape, L ~limitShape, RL RateLimiter] interface {
	~optionsFields[R, L, RL]
}

// Resolve applies opts to the vendor's defaults and returns the settings,
// after checking the base URL and the limits. It is generic over the public
// Options type (whose fields optionsShape lists) so that this package need
// not import the root package. Retry fields the defaults leave zero get
// DefaultRetry's, before the options are applied. A rate limiter in the
// options is kept as the settings' RateLimiter, which replaces the Limits.
func Resolve[O optionsShape[R, L, RL], F ~func(*O), R ~retryShape, L ~limitShape, RL RateLimiter](vendor string, defaults O, opts []F) (Settings, error) {
	o := defaults
	shape := optionsFields[R, L, RL](o)
	if retryShape(shape.Retry).MaxAttempts == 0 {
		shape.Retry = R(DefaultRetry())
		o = O(shape)
	}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	shape = optionsFields[R, L, RL](o)
	s := Settings{
		BaseURL: shape.BaseURL, HTTPClient: shape.HTTPClient, Retry: RetryPolicy(shape.Retry),
		Logger: shape.Logger, Clock: shape.Clock, UserAgent: shape.UserAgent, MaxBodyBytes: shape.MaxBodyBytes,
	}
	for _, l := range shape.Limits {
		s.Limits = append(s.Limits, Limit(l))
	}
	if any(shape.RateLimiter) != nil {
		s.RateLimiter = shape.RateLimiter
	}
	return Apply(vendor, s)
}

// Apply fills the zero fields of s with the package defaults and checks the
// base URL and the limits.
func Apply(vendor string, s Settings) (Settings, error) {
	if s.Retry.MaxAttempts == 0 {
		s.Retry = DefaultRetry()
	}
	if s.Retry.MaxAttempts < 1 {
		s.Retry.MaxAttempts = 1
	}
	if s.Retry.WaitMax < s.Retry.WaitMin {
		s.Retry.WaitMax = s.Retry.WaitMin
	}
	if s.Clock == nil {
		s.Clock = time.Now
	}
	if s.MaxBodyBytes <= 0 {
		s.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if s.HTTPClient == nil {
		s.HTTPClient = &http.Client{Timeout: DefaultTimeout}
	}
	for i, l := range s.Limits {
		if l.Events <= 0 || l.Per <= 0 {
			return s, fmt.Errorf("%s: rate limit %d: events and period must be positive", vendor, i)
		}
	}
	u, err := CheckBaseURL(s.BaseURL)
	if err != nil {
		return s, fmt.Errorf("%s: %w", vendor, err)
	}
	s.BaseURL = u
	return s, nil
}

// CheckBaseURL checks that raw is an absolute http(s) URL without query or
// fragment, and returns it without a trailing slash.
func CheckBaseURL(raw string) (string, error) {
	if raw == "" {
		return "", fmt.Errorf("base URL is required")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("base URL %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("base URL %q: scheme must be http or https", raw)
	}
	if u.Host == "" {
		return "", fmt.Errorf("base URL %q: host is missing", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("base URL %q: must not have a query or fragment", raw)
	}
	return strings.TrimRight(raw, "/"), nil
}

// userAgent returns the header value for these settings.
func (s Settings) userAgent() string {
	ua := "duijie/" + version.Number
	if s.UserAgent != "" {
		ua = s.UserAgent + " " + ua
	}
	return ua
}
