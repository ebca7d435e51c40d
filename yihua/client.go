package yihua

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"

	"github.com/google/go-querystring/query"

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
	// BodyForm sends the same parameters, in the same order, as
	// application/x-www-form-urlencoded, their texts written by
	// go-querystring.
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
	t   *transport.Transport[envelope]
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
	t := transport.New[duijie.APIError, duijie.TransportError](transport.Config[envelope]{
		Vendor:   vendor,
		Settings: s,
		Classify: classify,
		Redactor: redact.New(cfg.UserAccessToken.Reveal()),
	})
	return &Client{cfg: cfg, t: t}, nil
}

// credentials lead every call's parameters, in the vendor's order. The tags
// name them for encoding/json (BodyJSON) and go-querystring (BodyForm).
type credentials struct {
	PlatformID      string `json:"PlatformID" url:"PlatformID"`
	UserAccessToken string `json:"UserAccessToken" url:"UserAccessToken"`
	UID             string `json:"UID" url:"UID"`
}

// send posts the credentials (uid, when not empty, in place of Config.UID),
// then typed, a struct of the operation's own parameters (nil for none),
// then raw, a raw call's parameters (nil for none), and returns the decoded
// envelope.
func (c *Client) send(ctx context.Context, op transport.Operation, uid string, typed any, raw *rawParams) (*envelope, error) {
	if uid == "" {
		uid = c.cfg.UID
	}
	parts := []any{credentials{PlatformID: c.cfg.PlatformID, UserAccessToken: c.cfg.UserAccessToken.Reveal(), UID: uid}}
	if typed != nil {
		parts = append(parts, typed)
	}
	body, contentType, err := encodeBody(c.cfg.Encoding, parts, raw)
	if err != nil {
		return nil, err
	}
	return c.post(ctx, op, body, contentType)
}

// post sends body, of the content type given, and returns the decoded
// envelope.
func (c *Client) post(ctx context.Context, op transport.Operation, body []byte, contentType string) (*envelope, error) {
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
	if res.Envelope == nil {
		// The classifier accepts no answer without decoding its envelope.
		return nil, fmt.Errorf("yihua %s: the answer has no envelope", op.Name)
	}
	return res.Envelope, nil
}

// Content types of the two body encodings.
const (
	contentTypeJSON = "application/json; charset=utf-8"
	contentTypeForm = "application/x-www-form-urlencoded; charset=utf-8"
)

// contentType is the content type of enc's bodies.
func contentType(enc BodyEncoding) string {
	if enc == BodyForm {
		return contentTypeForm
	}
	return contentTypeJSON
}

// encodeBody writes the parameters in order: the fields of each struct in
// parts (flat structs whose json and url tags name the parameters), then
// raw's, sorted by name. BodyJSON writes one JSON object with encoding/json
// (with <, > and & left as they are, not \u003c escapes); BodyForm writes
// a form from the values go-querystring makes of the structs.
func encodeBody(enc BodyEncoding, parts []any, raw *rawParams) ([]byte, string, error) {
	if raw == nil {
		raw = &rawParams{}
	}
	var b bytes.Buffer
	if enc == BodyForm {
		for _, part := range parts {
			vs, err := query.Values(part)
			if err != nil {
				return nil, "", duijie.Invalid(vendor, "params", duijie.RuleFormat, err.Error())
			}
			for _, k := range formKeys(reflect.TypeOf(part)) {
				writeFormValues(&b, k, vs[k])
			}
		}
		for _, k := range raw.keys {
			writeFormValues(&b, k, raw.form[k])
		}
		return b.Bytes(), contentTypeForm, nil
	}
	var sb bytes.Buffer
	e, se := json.NewEncoder(&b), json.NewEncoder(&sb)
	e.SetEscapeHTML(false)
	se.SetEscapeHTML(false)
	b.WriteByte('{')
	for _, part := range parts {
		sb.Reset()
		if err := se.Encode(part); err != nil {
			return nil, "", duijie.Invalid(vendor, "params", duijie.RuleFormat, err.Error())
		}
		// A struct encodes as {"k":v,...} and a newline: keep the members.
		members := bytes.TrimSuffix(sb.Bytes(), []byte("}\n"))[1:]
		if len(members) == 0 {
			continue
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		b.Write(members)
	}
	for _, k := range raw.keys {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		// A string always encodes; Encode ends each value with a newline.
		_ = e.Encode(k)
		b.Truncate(b.Len() - 1)
		b.WriteByte(':')
		if err := e.Encode(raw.json[k]); err != nil {
			return nil, "", duijie.Invalid(vendor, "params."+k, duijie.RuleFormat, err.Error())
		}
		b.Truncate(b.Len() - 1)
	}
	b.WriteByte('}')
	return b.Bytes(), contentTypeJSON, nil
}

// formKeys lists the url names of a flat struct's fields in their order, as
// go-querystring names them: the tag's name, else the field's.
func formKeys(t reflect.Type) []string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	keys := make([]string, 0, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("url"), ",")
		switch {
		case !f.IsExported() || name == "-":
			continue
		case name == "":
			name = f.Name
		}
		keys = append(keys, name)
	}
	return keys
}

// writeFormValues appends key=value for each value, with & between pairs.
func writeFormValues(b *bytes.Buffer, key string, values []string) {
	for _, v := range values {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(key))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(v))
	}
}
