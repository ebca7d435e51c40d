package transport

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/duijie/duijie"
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

// Settings is what the client options set. Vendor packages fill the defaults
// and apply the caller's options on top.
type Settings struct {
	// BaseURL is the vendor endpoint root.
	BaseURL string
	// HTTPClient is the inner client; nil means a fresh one with DefaultTimeout.
	HTTPClient *http.Client
	// Retry is the retry policy.
	Retry RetryPolicy
	// Limits are client-side rate limits, all enforced at once.
	Limits []Limit
	// Logger receives debug lines about attempts and retries; nil is silent.
	Logger *slog.Logger
	// Clock returns the current time, for timestamps and signatures.
	Clock func() time.Time
	// UserAgent is put before "duijie/<version>".
	UserAgent string
	// MaxBodyBytes caps a response body.
	MaxBodyBytes int64
}

// Option changes Settings.
type Option func(*Settings)

// WithBaseURL sets the vendor endpoint root (production, sandbox, a fake).
func WithBaseURL(u string) Option { return func(s *Settings) { s.BaseURL = u } }

// WithHTTPClient sets the inner *http.Client (timeouts, proxies, httpmock).
func WithHTTPClient(c *http.Client) Option { return func(s *Settings) { s.HTTPClient = c } }

// WithRetry sets the retry policy. Zero fields keep their defaults, except
// MaxAttempts, where 1 turns retries off.
func WithRetry(p RetryPolicy) Option {
	return func(s *Settings) {
		if p.MaxAttempts > 0 {
			s.Retry.MaxAttempts = p.MaxAttempts
		}
		if p.WaitMin > 0 {
			s.Retry.WaitMin = p.WaitMin
		}
		if p.WaitMax > 0 {
			s.Retry.WaitMax = p.WaitMax
		}
		if p.MaxRetryAfter > 0 {
			s.Retry.MaxRetryAfter = p.MaxRetryAfter
		}
	}
}

// WithRateLimit replaces the vendor's default client-side limits; with no
// limits at all it turns client-side limiting off.
func WithRateLimit(limits ...Limit) Option {
	return func(s *Settings) { s.Limits = append([]Limit{}, limits...) }
}

// WithLogger sends debug lines about attempts and retries to l, with
// secrets and personal data removed.
func WithLogger(l *slog.Logger) Option { return func(s *Settings) { s.Logger = l } }

// WithClock sets the clock used for timestamps and signatures.
func WithClock(now func() time.Time) Option { return func(s *Settings) { s.Clock = now } }

// WithUserAgent puts ua before "duijie/<version>" in the User-Agent header.
func WithUserAgent(ua string) Option { return func(s *Settings) { s.UserAgent = ua } }

// WithMaxBodyBytes caps the size of a response body.
func WithMaxBodyBytes(n int64) Option { return func(s *Settings) { s.MaxBodyBytes = n } }

// Apply returns defaults with opts applied, after checking the base URL.
// Fields defaults leaves zero get the package defaults.
func Apply(vendor string, defaults Settings, opts []Option) (Settings, error) {
	s := defaults
	if s.Retry.MaxAttempts == 0 {
		s.Retry = DefaultRetry()
	}
	for _, o := range opts {
		if o != nil {
			o(&s)
		}
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
	ua := "duijie/" + duijie.Version
	if s.UserAgent != "" {
		ua = s.UserAgent + " " + ua
	}
	return ua
}
