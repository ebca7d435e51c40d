package yihua

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/duijie/duijie"
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

// BodyEncoding is how parameters travel. The vendor's page does not say. Its
// examples show JSON string escaping, and a WCF REST method (.svc) binds
// named parameters from a wrapped JSON object but not from a form without
// extra host code, so JSON is the default; BodyForm is there for a host that
// turns out to want a form.
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
	UserAccessToken duijie.Secret
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
func NewClient(cfg Config, opts ...duijie.Option) (*Client, error) {
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
	s, err := transport.Resolve(vendor, duijie.Options{BaseURL: ProductionURL}, opts)
	if err != nil {
		return nil, err
	}
	t := transport.New[duijie.APIError, duijie.TransportError](transport.Config{
		Vendor:   vendor,
		Settings: s,
		Classify: classify,
		Redactor: redact.New(cfg.UserAccessToken.Reveal()),
	})
	return &Client{cfg: cfg, t: t}, nil
}

// send posts the credentials and params and returns the decoded envelope.
// uid, when not empty, replaces Config.UID.
func (c *Client) send(ctx context.Context, op transport.Operation, uid string, params []param) (*envelope, error) {
	if uid == "" {
		uid = c.cfg.UID
	}
	all := make([]param, 0, 3+len(params))
	all = append(all, param{"PlatformID", c.cfg.PlatformID}, param{"UserAccessToken", c.cfg.UserAccessToken.Reveal()}, param{"UID", uid})
	all = append(all, params...)
	body, contentType, err := encodeParams(all, c.cfg.Encoding)
	if err != nil {
		return nil, err
	}
	res, err := c.t.Do(ctx, &transport.Request{
		Op:     op,
		Method: http.MethodPost,
		URL:    c.t.Settings().BaseURL + ServicePath + op.Name,
		Header: http.Header{"Content-Type": {contentType}, "Accept": {"application/json"}},
		Body:   body,
	})
	if err != nil {
		return nil, err
	}
	return res.Decoded.(*envelope), nil
}

// Content types of the two body encodings.
const (
	contentTypeJSON = "application/json; charset=utf-8"
	contentTypeForm = "application/x-www-form-urlencoded; charset=utf-8"
)

// encodeParams writes the parameters in order, as one JSON object (with <,
// > and & left as they are, not \u003c escapes) or as a form.
func encodeParams(params []param, enc BodyEncoding) ([]byte, string, error) {
	var b bytes.Buffer
	if enc == BodyForm {
		for i, p := range params {
			if i > 0 {
				b.WriteByte('&')
			}
			v, err := formValue(p.val)
			if err != nil {
				return nil, "", duijie.Invalid(vendor, "params."+p.key, duijie.RuleFormat, err.Error())
			}
			b.WriteString(url.QueryEscape(p.key))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
		return b.Bytes(), contentTypeForm, nil
	}
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	b.WriteByte('{')
	for i, p := range params {
		if i > 0 {
			b.WriteByte(',')
		}
		// A string always encodes; Encode ends each value with a newline.
		_ = e.Encode(p.key)
		b.Truncate(b.Len() - 1)
		b.WriteByte(':')
		if err := e.Encode(p.val); err != nil {
			return nil, "", duijie.Invalid(vendor, "params."+p.key, duijie.RuleFormat, err.Error())
		}
		b.Truncate(b.Len() - 1)
	}
	b.WriteByte('}')
	return b.Bytes(), contentTypeJSON, nil
}

// formValue is the form text of one parameter value: strings as they are,
// numbers in their exact form, and anything else as its JSON.
func formValue(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	case int:
		return strconv.Itoa(v), nil
	case bool:
		return strconv.FormatBool(v), nil
	case fmt.Stringer:
		return v.String(), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}
