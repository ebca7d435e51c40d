package yihua

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
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

// CallRequest is a call of any ErpService method (POST
// /Mall/Erp/ErpService.svc/<method>) this package does not type.
type CallRequest struct {
	// Method is the ErpService method name, e.g. "TradeTransferToErp"
	// (MethodTradeTransferToErp): letters, digits and underscores.
	Method string
	// Params holds the method's parameters: nil, a map[string]string, a
	// map[string]any, url.Values (one value per key), or a struct, which is
	// turned into an object by encoding/json (mind its field tags). They
	// are sent after the credentials, in sorted key order. The client adds
	// PlatformID and UserAccessToken, which Params must not set; a "UID"
	// in Params replaces Config.UID for this call.
	Params any
	// SafeToReplay marks a read, or a write the ERP de-duplicates by a key
	// the parameters carry: the call is then replayed after failures that
	// may have reached the server (a 5xx, a reset, a timeout, HTTP 429). It
	// is false by default: a raw write is never replayed blindly after an
	// unclear outcome, only when it provably never reached the server;
	// otherwise the error says it may have arrived (duijie.MayHaveArrived),
	// for the caller to look the outcome up. Yihua documents no
	// de-duplication for TradeTransferToErp.
	SafeToReplay bool
}

// Call sends any ErpService method not typed by this package and decodes
// the answer's Message into out (nil discards it), with the same envelope
// checks, errors and retries as the typed calls, which go through the same
// path. When Message is a string holding JSON, as WCF services often send
// it, the JSON inside is decoded.
func (c *Client) Call(ctx context.Context, req *CallRequest, out any) error {
	if req == nil {
		return duijie.Invalid(vendor, "CallRequest", duijie.RuleRequired, "")
	}
	method := req.Method
	if !isMethodName(method) {
		return duijie.Invalid(vendor, "method", duijie.RuleFormat, "an ErpService method name such as TradeTransferToErp")
	}
	ps, err := normalizeParams(req.Params)
	if err != nil {
		return err
	}
	uid := ""
	for i := 0; i < len(ps); i++ {
		switch ps[i].key {
		case "PlatformID", "UserAccessToken":
			return duijie.Invalid(vendor, "params."+ps[i].key, duijie.RuleConflict, "set from Config")
		case "UID":
			s, ok := ps[i].val.(string)
			if !ok || s == "" {
				return duijie.Invalid(vendor, "params.UID", duijie.RuleFormat, "a non-empty string")
			}
			uid = s
			ps = append(ps[:i], ps[i+1:]...)
			i--
		}
	}
	env, err := c.send(ctx, transport.Operation{Name: method, SafeToReplay: req.SafeToReplay}, uid, ps)
	if err != nil {
		return err
	}
	if out == nil || len(env.Message) == 0 {
		return nil
	}
	err = json.Unmarshal(env.Message, out)
	if err != nil {
		var inner string
		if json.Unmarshal(env.Message, &inner) == nil && json.Valid([]byte(inner)) {
			err = json.Unmarshal([]byte(inner), out)
		}
	}
	if err != nil {
		return fmt.Errorf("yihua %s: decode Message: %w", method, err)
	}
	return nil
}

// isMethodName reports whether s is an identifier: ASCII letters, digits
// and underscores, not starting with a digit.
func isMethodName(s string) bool {
	if s == "" || len(s) > 128 || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// param is one call parameter. Bodies keep parameters in order, so the
// bytes on the wire are the same for the same request.
type param struct {
	key string
	val any
}

// normalizeParams turns CallRequest.Params into an ordered list.
func normalizeParams(params any) ([]param, error) {
	var m map[string]any
	switch p := params.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		m = p
	case map[string]string:
		m = make(map[string]any, len(p))
		for k, v := range p {
			m[k] = v
		}
	case url.Values:
		m = make(map[string]any, len(p))
		for k, vs := range p {
			if len(vs) != 1 {
				return nil, duijie.Invalid(vendor, "params."+k, duijie.RuleTooMany, "one value per parameter")
			}
			m[k] = vs[0]
		}
	default:
		b, err := json.Marshal(params)
		if err != nil {
			return nil, duijie.Invalid(vendor, "params", duijie.RuleFormat, err.Error())
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if err := dec.Decode(&m); err != nil || m == nil {
			return nil, duijie.Invalid(vendor, "params", duijie.RuleFormat, "must encode as a JSON object")
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]param, len(keys))
	for i, k := range keys {
		out[i] = param{k, m[k]}
	}
	return out, nil
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
