package wangdiantong

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/duijie/duijie/internal/redact"
	"github.com/duijie/duijie/internal/transport"
	"github.com/duijie/duijie/internal/value"
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
	AppSecret Secret
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
	AppSecret Secret
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
func NewClient(cfg Config, opts ...Option) (*Client, error) {
	if strings.TrimSpace(cfg.SID) == "" {
		return nil, fmt.Errorf("wangdiantong: Config.SID is required")
	}
	base := ProductionURL
	secrets := []string{cfg.AppSecret.Reveal()}
	switch cfg.Route {
	case RouteOpenAPI:
		if cfg.AppKey == "" || cfg.AppSecret == "" {
			return nil, fmt.Errorf("wangdiantong: Config.AppKey and Config.AppSecret are required")
		}
	case RouteQimen:
		base = QimenURL
		q := &cfg.Qimen
		if q.AppKey == "" || q.AppSecret == "" {
			return nil, fmt.Errorf("wangdiantong: Config.Qimen.AppKey and Config.Qimen.AppSecret are required for RouteQimen")
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
	s, err := transport.Apply(vendor, transport.Settings{BaseURL: base, Limits: []transport.Limit{transport.PerMinute(60)}}, opts)
	if err != nil {
		return nil, err
	}
	t := transport.New(transport.Config{Vendor: vendor, Settings: s, Classify: classifier(cfg.Route), Redactor: redact.New(secrets...)})
	return &Client{cfg: cfg, t: t}, nil
}

// Call sends any operation with business parameters (strings as they are,
// anything else as JSON) and decodes the business part of the answer into
// out: the top-level fields on openapi2, the "response" object on Qimen.
// Empty parameters are left out, as the official SDK requires. When the
// vendor answers with an error, out still receives whatever business fields
// came with it.
func (c *Client) Call(ctx context.Context, m Method, params map[string]any, out any) error {
	if m.File == "" && c.cfg.Route == RouteOpenAPI || m.Qimen == "" && c.cfg.Route == RouteQimen {
		return fmt.Errorf("wangdiantong: the method has no name for this route")
	}
	form := map[string]string{}
	for k, v := range params {
		s, err := c.paramString(v)
		if err != nil {
			return fmt.Errorf("wangdiantong %s: parameter %s: %w", m.File, k, err)
		}
		if s != "" {
			form[k] = s
		}
	}
	res, err := c.send(ctx, m, form)
	if out == nil || res == nil {
		return err
	}
	env, ok := res.Decoded.(*envelope)
	if !ok {
		return err
	}
	// An error answer may still carry business fields (trade_push's counts
	// beside its per-trade failures): decode them and return the error too.
	if derr := json.Unmarshal(env.business, out); derr != nil && err == nil {
		return fmt.Errorf("wangdiantong %s: decode answer: %w", c.opName(m), derr)
	}
	return err
}

func (c *Client) opName(m Method) string {
	if c.cfg.Route == RouteQimen {
		return m.Qimen
	}
	return m.File
}

// paramString turns a parameter into its wire text.
func (c *Client) paramString(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case int:
		return strconv.Itoa(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case value.Time:
		return v.String(), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
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
		params["timestamp"] = now.In(value.CST).Format(value.LayoutDateTime)
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
