package yihua

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/duijie/duijie/internal/redact"
	"github.com/duijie/duijie/internal/transport"
)

const vendor = "yihua"

// Endpoint roots.
const (
	// ProductionURL is Yihua's production endpoint root.
	ProductionURL = "http://api.mall.yhsms.com.cn"
	// SandboxURL is Yihua's sandbox endpoint root.
	SandboxURL = "http://api.mall.sandbox.yhsms.com.cn"
)

// ServicePath is the ErpService path under the endpoint root; a method name
// follows it.
const ServicePath = "/Mall/Erp/ErpService.svc/"

// BodyEncoding is how parameters travel. The vendor's page does not say; its
// examples show JSON string escaping, so JSON is the default.
type BodyEncoding int

const (
	// BodyJSON sends {"PlatformID":...,"MasterXml":...} as application/json.
	BodyJSON BodyEncoding = iota
	// BodyForm sends the same parameters as application/x-www-form-urlencoded.
	BodyForm
)

// Config holds the credentials Yihua issues.
type Config struct {
	// PlatformID is the YHDT number.
	PlatformID string
	// UserAccessToken is the interface authorisation data.
	UserAccessToken Secret
	// UID is the Yihua cloud user the orders belong to.
	UID string
	// Encoding chooses JSON (default) or form parameters.
	Encoding BodyEncoding
}

// Client calls Yihua's ErpService. It is safe for concurrent use.
type Client struct {
	cfg Config
	t   *transport.Transport
}

// NewClient checks cfg and returns a client for the production endpoint
// unless WithBaseURL says otherwise. Yihua publishes no rate limit, so none
// is applied by default.
func NewClient(cfg Config, opts ...Option) (*Client, error) {
	switch {
	case strings.TrimSpace(cfg.PlatformID) == "":
		return nil, fmt.Errorf("yihua: Config.PlatformID is required")
	case cfg.UserAccessToken == "":
		return nil, fmt.Errorf("yihua: Config.UserAccessToken is required")
	case strings.TrimSpace(cfg.UID) == "":
		return nil, fmt.Errorf("yihua: Config.UID is required")
	case cfg.Encoding != BodyJSON && cfg.Encoding != BodyForm:
		return nil, fmt.Errorf("yihua: Config.Encoding %d is not BodyJSON or BodyForm", cfg.Encoding)
	}
	s, err := transport.Apply(vendor, transport.Settings{BaseURL: ProductionURL}, opts)
	if err != nil {
		return nil, err
	}
	t := transport.New(transport.Config{
		Vendor:   vendor,
		Settings: s,
		Classify: classify,
		Redactor: redact.New(cfg.UserAccessToken.Reveal()),
	})
	return &Client{cfg: cfg, t: t}, nil
}

// Call sends any ErpService method with the given parameters (the client
// adds PlatformID, UserAccessToken and UID) and decodes the answer's Message
// into out, with the same envelope checks as the typed calls. It is treated
// as a write: it is never replayed after it may have reached the server.
func (c *Client) Call(ctx context.Context, method string, params map[string]any, out any) error {
	if method == "" || strings.ContainsAny(method, "/?#") {
		return fmt.Errorf("yihua: method %q is not an ErpService method name", method)
	}
	env, err := c.send(ctx, transport.Operation{Name: method}, params)
	if err != nil {
		return err
	}
	if out == nil || len(env.Message) == 0 {
		return nil
	}
	if err := json.Unmarshal(env.Message, out); err != nil {
		return fmt.Errorf("yihua %s: decode Message: %w", method, err)
	}
	return nil
}

// send encodes params with the credentials and posts them.
func (c *Client) send(ctx context.Context, op transport.Operation, params map[string]any) (*envelope, error) {
	all := map[string]any{
		"PlatformID":      c.cfg.PlatformID,
		"UserAccessToken": c.cfg.UserAccessToken.Reveal(),
		"UID":             c.cfg.UID,
	}
	for k, v := range params {
		all[k] = v
	}
	body, contentType, err := encodeParams(all, c.cfg.Encoding)
	if err != nil {
		return nil, fmt.Errorf("yihua %s: %w", op.Name, err)
	}
	res, err := c.t.Do(ctx, &transport.Request{
		Op:     op,
		Method: http.MethodPost,
		URL:    c.t.Settings().BaseURL + ServicePath + url.PathEscape(op.Name),
		Header: http.Header{"Content-Type": {contentType}, "Accept": {"application/json"}},
		Body:   body,
	})
	if err != nil {
		return nil, err
	}
	return res.Decoded.(*envelope), nil
}

// encodeParams writes the parameters as JSON (keys sorted by encoding/json)
// or as a form.
func encodeParams(params map[string]any, enc BodyEncoding) ([]byte, string, error) {
	if enc == BodyForm {
		v := url.Values{}
		for k, p := range params {
			v.Set(k, fmt.Sprint(p))
		}
		return []byte(v.Encode()), "application/x-www-form-urlencoded; charset=utf-8", nil
	}
	b, err := json.Marshal(params)
	if err != nil {
		return nil, "", err
	}
	return b, "application/json; charset=utf-8", nil
}
