package kingdee

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/jsonx"
	"github.com/duijie/duijie/internal/redact"
	"github.com/duijie/duijie/internal/transport"
)

const vendor = "kingdee"

// DynamicFormService is the prefix of the bill services.
const DynamicFormService = "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService."

// serviceSuffix ends every service URL.
const serviceSuffix = ".common.kdsvc"

// Client calls one Kingdee site as one user. It keeps one session, safe for
// concurrent use and never shared with another Client.
type Client struct {
	cfg    Config
	t      *transport.Transport[answer]
	base   string
	signer *HeaderSigner
	sess   *session
	// billBytes is the size of the last typed bill written, so the next
	// save's body starts near its size instead of growing to it.
	billBytes atomic.Int64
}

// NewClient checks cfg and returns a client. The site comes from
// Config.ServerURL or duijie.WithBaseURL. Kingdee publishes no rate limit,
// so none is applied unless duijie.WithRateLimit sets one.
func NewClient(cfg Config, opts ...duijie.Option) (*Client, error) {
	cfg = cfg.withDefaults()
	if err := cfg.check(); err != nil {
		return nil, err
	}
	s, err := transport.Resolve(vendor, duijie.Options{BaseURL: cfg.ServerURL}, opts)
	if err != nil && s.BaseURL == "" {
		return nil, fmt.Errorf("kingdee: Config.ServerURL (or WithBaseURL) is required: the site root, such as https://erp.example.com/k3cloud")
	}
	if err != nil {
		return nil, err
	}
	c := &Client{cfg: cfg, base: strings.TrimRight(s.BaseURL, "/"), sess: newSession()}
	secrets := []string{cfg.AppSecret.Reveal(), cfg.Password.Reveal()}
	if cfg.Auth == AuthSignedHeaders {
		c.signer, err = NewHeaderSigner(cfg.AppID, cfg.AppSecret.Reveal(), cfg.AcctID, cfg.UserName, cfg.LCID, cfg.OrgNum)
		if err != nil {
			return nil, fmt.Errorf("kingdee: Config.AppID: %w", err)
		}
		secrets = append(secrets, c.signer.clientSecret)
	}
	c.t = transport.New[duijie.APIError, duijie.TransportError](transport.Config[answer]{
		Vendor:   vendor,
		Settings: s,
		Classify: c.classify,
		Redactor: redact.New(secrets...),
	})
	return c, nil
}

// serviceURL returns the URL of a service.
func (c *Client) serviceURL(service string) string {
	return c.base + "/" + service + serviceSuffix
}

// classify decodes the answer and keeps the session cookies of answers
// that succeeded.
func (c *Client) classify(r *transport.Result[answer]) error {
	err := classify(r)
	if err == nil {
		c.sess.capture(r.Header)
	}
	return err
}

// post sends body to the service op.Wire once through the transport, which
// retries it when op.SafeToReplay, signing it and, when session is true
// (every call but the logins), attaching the session on every attempt.
func (c *Client) post(ctx context.Context, op duijie.Operation, session bool, body []byte) (*transport.Result[answer], error) {
	h := http.Header{}
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Accept-Charset", "utf-8")
	req := &transport.Request{
		Op:     transport.Operation{Name: shortName(op.Wire), SafeToReplay: op.SafeToReplay},
		Method: http.MethodPost,
		URL:    c.serviceURL(op.Wire),
		Header: h,
		Body:   body,
		Sign: func(r *http.Request) error {
			if c.signer != nil {
				c.signHeaders(r)
			}
			if session {
				c.sess.apply(r)
			}
			return nil
		},
	}
	return c.t.Do(ctx, req)
}

// signHeaders sets fresh auth version 2.0 headers on an attempt.
func (c *Client) signHeaders(r *http.Request) {
	now := c.t.Now()
	ts := strconv.FormatInt(now.Unix(), 10)
	if c.cfg.Timestamp == TimestampMilliseconds {
		ts = strconv.FormatInt(now.UnixMilli(), 10)
	}
	sh := c.signer.Sign(r.URL.Path, ts)
	r.Header.Set(HeaderClientID, sh.ClientID)
	r.Header.Set(HeaderAuthVersion, "2.0")
	r.Header.Set(HeaderTimestamp, sh.Timestamp)
	r.Header.Set(HeaderNonce, sh.Nonce)
	r.Header.Set(HeaderSignHeaders, "x-api-timestamp,x-api-nonce")
	r.Header.Set(HeaderSignature, sh.Signature)
	r.Header.Set(HeaderAppKey, sh.AppKey)
	r.Header.Set(HeaderAppData, sh.AppData)
	r.Header.Set(HeaderKdSignature, sh.KdSignature)
}

// do sends a business call with a session. When the server answers that
// the session is lost (MsgCode 1), the session is dropped and renewed once
// (a new login, or a fresh signed request without the stale cookies), and
// the call is replayed only when op.SafeToReplay. Any other call returns
// the error, the session already renewed for the next call.
func (c *Client) do(ctx context.Context, op duijie.Operation, body []byte) (*transport.Result[answer], error) {
	for renewed := false; ; renewed = true {
		if err := c.ensureSession(ctx); err != nil {
			return nil, err
		}
		gen, _ := c.sess.state()
		res, err := c.post(ctx, op, true, body)
		if err == nil || !IsSessionLost(err) || renewed {
			return res, err
		}
		c.sess.drop(gen)
		if !op.SafeToReplay {
			return res, err
		}
	}
}

// shortName drops the common prefixes from a service name for errors and logs.
func shortName(service string) string {
	service = strings.TrimPrefix(service, "Kingdee.BOS.WebApi.ServicesStub.")
	return service
}

// namedArg is one argument of an operation: its name in the named form
// and its value.
type namedArg struct {
	name  string
	value any
}

// body encodes an operation's arguments in the configured form. In the
// positional form an argument that is an object (data) travels as a JSON
// string, as the official Java SDK sends it.
func (c *Client) body(args ...namedArg) ([]byte, error) {
	if c.cfg.Body == BodyParameters {
		params := make([]any, len(args))
		for i, a := range args {
			if s, ok := a.value.(string); ok {
				params[i] = s
				continue
			}
			if r, ok := a.value.(rawJSON); ok {
				params[i] = string(r)
				continue
			}
			b, err := marshalNoEscape(a.value)
			if err != nil {
				return nil, err
			}
			params[i] = string(b)
		}
		return parametersBody(params)
	}
	size := 2
	for _, a := range args {
		size += len(a.name) + 4
		switch v := a.value.(type) {
		case rawJSON:
			size += len(v)
		case string:
			size += len(v) + 2
		}
	}
	buf := make([]byte, 1, size)
	buf[0] = '{'
	for i, a := range args {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = jsonx.AppendString(buf, a.name)
		buf = append(buf, ':')
		switch v := a.value.(type) {
		case rawJSON:
			buf = append(buf, v...)
		case string:
			buf = jsonx.AppendString(buf, v)
		default:
			b, err := marshalNoEscape(v)
			if err != nil {
				return nil, err
			}
			buf = append(buf, b...)
		}
	}
	return append(buf, '}'), nil
}

// rawJSON is an argument already encoded by this package as compact JSON,
// without HTML escaping: it travels as is, as encoding/json would copy it.
type rawJSON []byte

// MarshalJSON returns r.
func (r rawJSON) MarshalJSON() ([]byte, error) { return r, nil }

// parametersBody is {"parameters":[...]}.
func parametersBody(params []any) ([]byte, error) {
	if params == nil {
		params = []any{}
	}
	return marshalNoEscape(struct {
		Parameters []any `json:"parameters"`
	}{params})
}

// status returns the ResponseStatus of an operation answer, or an error
// when the answer has none.
func status(res *transport.Result[answer], op string) (*resultEnvelope, *ResponseStatus, error) {
	a := res.Envelope
	if a == nil || a.kind != kindStatus || a.result.ResponseStatus == nil {
		return nil, nil, &duijie.APIError{Vendor: vendor, Operation: op, HTTPStatus: res.StatusCode,
			Message: "the answer has no ResponseStatus", Class: duijie.ErrTemporary}
	}
	return a.result, a.result.ResponseStatus, nil
}

// failure fills the common fields of a status error of an operation.
func (c *Client) failure(res *transport.Result[answer], op string, s *ResponseStatus) *duijie.APIError {
	e := statusError(s)
	e.Vendor, e.Operation, e.HTTPStatus = vendor, op, res.StatusCode
	e.Message = c.t.Redactor().String(e.Message)
	e.Body = c.t.Redactor().Bytes(res.Body, duijie.MaxBodySample)
	return e
}
