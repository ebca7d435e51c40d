package wangdiantong

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

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
	t   *transport.Transport[envelope]
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
	t := transport.New[duijie.APIError, duijie.TransportError](transport.Config[envelope]{Vendor: vendor, Settings: s, Classify: classifier(cfg.Route), Redactor: redact.New(secrets...)})
	return &Client{cfg: cfg, t: t}, nil
}

// send signs the parameters for the route and posts them as a form. The
// system parameters are added to the business ones (in place of any of the
// same names), the whole sorted once; the signature is streamed into its
// hash and the body written once, at its final size.
func (c *Client) send(ctx context.Context, o operation, business []kv) (*transport.Result[envelope], error) {
	now := c.t.Now()
	var sys []kv
	var buf [10]kv
	endpoint := c.t.Settings().BaseURL
	if c.cfg.Route == RouteQimen {
		q := c.cfg.Qimen
		sys = append(buf[:0], kv{"sid", c.cfg.SID}, kv{"method", o.qimen}, kv{"app_key", q.AppKey}, kv{"target_app_key", q.TargetAppKey},
			kv{"format", "json"}, kv{"v", "2.0"}, kv{"sign_method", string(q.SignMethod)},
			kv{"timestamp", now.In(duijie.CST()).Format(duijie.LayoutDateTime)})
		if c.cfg.AppKey != "" {
			sys = append(sys, kv{"appkey", c.cfg.AppKey})
		}
	} else {
		sys = append(buf[:0], kv{"sid", c.cfg.SID}, kv{"appkey", c.cfg.AppKey}, kv{"timestamp", strconv.FormatInt(now.Unix(), 10)})
		endpoint += "/" + o.Wire
	}
	params := make([]kv, 0, len(business)+len(sys)+1)
outer:
	for _, p := range business {
		if p.k == "sign" {
			continue
		}
		for _, s := range sys {
			if s.k == p.k {
				continue outer
			}
		}
		params = append(params, p)
	}
	params = append(params, sys...)
	sortPairs(params)
	var sign string
	if c.cfg.Route == RouteQimen {
		sign = signQimen(params, c.cfg.Qimen.AppSecret.Reveal(), c.cfg.Qimen.SignMethod)
	} else {
		sign = signOpenAPI(params, c.cfg.AppSecret.Reveal())
	}
	at, _ := slices.BinarySearchFunc(params, "sign", func(p kv, k string) int { return strings.Compare(p.k, k) })
	params = slices.Insert(params, at, kv{"sign", sign})
	return c.t.Do(ctx, &transport.Request{
		Op:     transport.Operation{Name: c.wire(o), SafeToReplay: o.SafeToReplay},
		Method: http.MethodPost,
		URL:    endpoint,
		Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded; charset=utf-8"}},
		Body:   appendForm(nil, params),
	})
}
