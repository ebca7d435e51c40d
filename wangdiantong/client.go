package wangdiantong

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/redact"
	"github.com/duijie/duijie/internal/transport"
)

const vendor = "wangdiantong"

// Endpoint roots.
const (
	// ProductionURL is the enterprise openapi2 root.
	ProductionURL = "https://api.wangdian.cn/openapi2"
	// SandboxURL is the enterprise openapi2 sandbox root.
	SandboxURL = "https://sandbox.wangdian.cn/openapi2"
	// QimenURL is the Qimen gateway of 旺店通·企业奇门.
	QimenURL = "http://hu3cgwt0tc.api.taobao.com/router/qm"
	// QimenSandboxURL is the Qimen test gateway.
	QimenSandboxURL = "http://hu3cgwt0tc.api.taobao.com/router/qmtest"
)

// DefaultCallsPerMinute is the client-side limit NewClient sets unless
// WithRateLimit says otherwise: the vendor answers code 1012 past 60 calls
// a minute.
const DefaultCallsPerMinute = 60

// DefaultTargetAppKey is Wangdiantong's app on the Qimen platform.
const DefaultTargetAppKey = "21363512"

// Route chooses how calls travel.
type Route int

const (
	// RouteOpenAPI calls the enterprise openapi2 scripts directly.
	RouteOpenAPI Route = iota
	// RouteQimen calls through the Taobao Qimen gateway (企业奇门).
	RouteQimen
)

// Config holds the credentials.
type Config struct {
	// SID is the seller account Wangdiantong assigns (卖家账号).
	SID string
	// AppKey and AppSecret are the openapi2 interface account.
	AppKey    string
	AppSecret duijie.Secret
	// Route chooses openapi2 (default) or Qimen.
	Route Route
	// Qimen configures the Qimen route.
	Qimen QimenConfig
	// KeepEmoji sends characters outside the Basic Multilingual Plane
	// (emoji) in pushed orders. By default they are removed, because the
	// ERP stores text in 3-byte UTF-8 and refuses or mangles them.
	KeepEmoji bool
}

// QimenConfig holds the Taobao Qimen app credentials.
type QimenConfig struct {
	// AppKey and AppSecret are the caller's Taobao open platform app.
	AppKey    string
	AppSecret duijie.Secret
	// TargetAppKey is Wangdiantong's app; empty means DefaultTargetAppKey.
	TargetAppKey string
	// SignMethod is md5 (default), hmac or hmac-sha256.
	SignMethod SignMethod
}

// Client calls Wangdiantong. It is safe for concurrent use.
type Client struct {
	cfg Config
	t   *transport.Transport
}

// NewClient checks cfg and returns a client. The default base URL follows
// the route (ProductionURL or QimenURL); the default client-side limit is 60
// calls a minute, the vendor's throttle.
func NewClient(cfg Config, opts ...duijie.Option) (*Client, error) {
	required := func(field, v string) error {
		if strings.TrimSpace(v) == "" {
			return fmt.Errorf("wangdiantong: Config.%s is required", field)
		}
		return nil
	}
	if err := required("SID", cfg.SID); err != nil {
		return nil, err
	}
	base := ProductionURL
	secrets := []string{cfg.AppSecret.Reveal()}
	switch cfg.Route {
	case RouteOpenAPI:
		if err := required("AppKey", cfg.AppKey); err != nil {
			return nil, err
		}
		if err := required("AppSecret", cfg.AppSecret.Reveal()); err != nil {
			return nil, err
		}
	case RouteQimen:
		base = QimenURL
		q := &cfg.Qimen
		if err := required("Qimen.AppKey", q.AppKey); err != nil {
			return nil, fmt.Errorf("%w for RouteQimen", err)
		}
		if err := required("Qimen.AppSecret", q.AppSecret.Reveal()); err != nil {
			return nil, fmt.Errorf("%w for RouteQimen", err)
		}
		if q.TargetAppKey == "" {
			q.TargetAppKey = DefaultTargetAppKey
		}
		if q.SignMethod == "" {
			q.SignMethod = SignMD5
		}
		if SignQimen(nil, "", q.SignMethod) == "" {
			return nil, fmt.Errorf("wangdiantong: Config.Qimen.SignMethod %q is not md5, hmac or hmac-sha256", q.SignMethod)
		}
		secrets = append(secrets, q.AppSecret.Reveal())
	default:
		return nil, fmt.Errorf("wangdiantong: Config.Route %d is unknown", cfg.Route)
	}
	s, err := transport.Resolve(vendor, duijie.Options{BaseURL: base, Limits: []duijie.Limit{duijie.PerMinute(DefaultCallsPerMinute)}}, opts)
	if err != nil {
		return nil, err
	}
	t := transport.New[duijie.APIError, duijie.TransportError](transport.Config{Vendor: vendor, Settings: s, Classify: classifier(cfg.Route), Redactor: redact.New(secrets...)})
	return &Client{cfg: cfg, t: t}, nil
}

// Call is the escape hatch for operations without a typed method. It signs
// and sends m with the business parameters (strings as they are, numbers,
// booleans as 1/0, times as "2006-01-02 15:04:05" in China time, anything
// else as JSON text) and decodes the business part of the answer into out:
// the top-level fields on openapi2, the "response" object on Qimen. Empty
// parameters are left out, as the official SDK requires. The envelope is
// checked, classified and retried exactly as for the typed methods, with
// m.SafeToReplay deciding whether failures that may have reached the server
// are retried. When the vendor answers with an error, out still receives
// whatever business fields came with it, and the error is returned.
func (c *Client) Call(ctx context.Context, m Method, params map[string]any, out any) error {
	_, err := c.call(ctx, m, params, out)
	return err
}

// call is Call that also returns the decoded envelope, with the vendor's
// message as sent (error messages are redacted for display, which could
// mangle the per-row details some operations put there).
func (c *Client) call(ctx context.Context, m Method, params map[string]any, out any) (*envelope, error) {
	if c.opName(m) == "" {
		return nil, duijie.Invalid(vendor, "method", duijie.RuleRequired, "the method has no name for this route (Method.File for openapi2, Method.Qimen for Qimen)")
	}
	form := map[string]string{}
	for k, v := range params {
		s, err := c.paramString(v)
		if err != nil {
			return nil, duijie.Invalid(vendor, k, duijie.RuleFormat, err.Error())
		}
		if s != "" {
			form[k] = s
		}
	}
	res, err := c.send(ctx, m, form)
	var env *envelope
	if res != nil {
		env, _ = res.Decoded.(*envelope)
	}
	if out == nil || env == nil {
		return env, err
	}
	// An error answer may still carry business fields (trade_push's counts
	// beside its per-trade failures): decode them and return the error too.
	if derr := json.Unmarshal(env.business, out); derr != nil && err == nil {
		return env, fmt.Errorf("wangdiantong %s: decode answer: %w", c.opName(m), derr)
	}
	return env, err
}

func (c *Client) opName(m Method) string {
	if c.cfg.Route == RouteQimen {
		return m.Qimen
	}
	return m.File
}

// paramString turns a parameter into its wire text; "" means leave it out.
func (c *Client) paramString(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case bool:
		if v {
			return "1", nil
		}
		return "0", nil
	case int:
		return strconv.Itoa(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case time.Time:
		return duijie.NewTime(v).String(), nil
	case duijie.Time:
		return v.String(), nil
	case duijie.Date:
		return v.String(), nil
	case duijie.Amount:
		return v.String(), nil
	case duijie.Int64:
		return v.String(), nil
	case duijie.Text:
		return string(v), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	if len(b) > 0 && b[0] == '"' {
		// A scalar that encodes as a JSON string goes as its text.
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return "", err
		}
		return s, nil
	}
	if string(b) == "null" {
		return "", nil
	}
	return string(asciiJSON(b, c.cfg.KeepEmoji)), nil
}

// asciiJSON rewrites JSON text so that every non-ASCII character is a \u
// escape: the value's length is then the same whether the vendor counts
// characters, UTF-16 units or bytes, so the signature cannot disagree.
// Characters outside the Basic Multilingual Plane are dropped unless keep.
func asciiJSON(b []byte, keep bool) []byte {
	out := make([]byte, 0, len(b))
	const hexdig = "0123456789abcdef"
	esc := func(r rune) {
		out = append(out, '\\', 'u', hexdig[r>>12&0xF], hexdig[r>>8&0xF], hexdig[r>>4&0xF], hexdig[r&0xF])
	}
	for _, r := range string(b) {
		switch {
		case r < 0x80:
			out = append(out, byte(r))
		case r <= 0xFFFF:
			esc(r)
		case keep:
			r -= 0x10000
			esc(0xD800 + (r >> 10))
			esc(0xDC00 + (r & 0x3FF))
		}
	}
	return out
}

// send signs the parameters for the route and posts them as a form.
func (c *Client) send(ctx context.Context, m Method, business map[string]string) (*transport.Result, error) {
	now := c.t.Now()
	params := make(map[string]string, len(business)+8)
	for k, v := range business {
		params[k] = v
	}
	params["sid"] = c.cfg.SID
	endpoint := c.t.Settings().BaseURL
	if c.cfg.Route == RouteQimen {
		q := c.cfg.Qimen
		params["method"] = m.Qimen
		params["app_key"] = q.AppKey
		params["target_app_key"] = q.TargetAppKey
		params["format"] = "json"
		params["v"] = "2.0"
		params["sign_method"] = string(q.SignMethod)
		params["timestamp"] = now.In(duijie.CST()).Format(duijie.LayoutDateTime)
		if c.cfg.AppKey != "" {
			params["appkey"] = c.cfg.AppKey
		}
		params["sign"] = SignQimen(params, q.AppSecret.Reveal(), q.SignMethod)
	} else {
		params["appkey"] = c.cfg.AppKey
		params["timestamp"] = strconv.FormatInt(now.Unix(), 10)
		params["sign"] = SignOpenAPI(params, c.cfg.AppSecret.Reveal())
		endpoint += "/" + m.File
	}
	form := url.Values{}
	for k, v := range params {
		form.Set(k, v)
	}
	return c.t.Do(ctx, &transport.Request{
		Op:     transport.Operation{Name: c.opName(m), SafeToReplay: m.SafeToReplay},
		Method: http.MethodPost,
		URL:    endpoint,
		Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded; charset=utf-8"}},
		Body:   []byte(form.Encode()),
	})
}
