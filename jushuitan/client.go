package jushuitan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/form"
	"github.com/duijie/duijie/internal/redact"
	"github.com/duijie/duijie/internal/transport"
)

const vendor = "jushuitan"

// Endpoint roots. The openapi v2 roots take "/open/<path>" and
// "/openWeb/auth/<call>" after them; the legacy roots are the full
// query.aspx address.
const (
	// ProductionURL is the openapi v2 production root.
	ProductionURL = "https://openapi.jushuitan.com"
	// SandboxURL is the openapi v2 sandbox root.
	SandboxURL = "https://dev-api.jushuitan.com"
	// LegacyProductionURL is the legacy API endpoint.
	LegacyProductionURL = "https://open.erp321.com/api/open/query.aspx"
	// LegacySandboxURL is the legacy API sandbox endpoint.
	LegacySandboxURL = "https://c.jushuitan.com/api/open/query.aspx"
)

// Default client-side limits, the vendor's published quota: more than 5
// calls a second is answered with code 199, more than 100 a minute with 200.
const (
	// DefaultCallsPerSecond is the per-second quota (code 199 past it).
	DefaultCallsPerSecond = 5
	// DefaultCallsPerMinute is the per-minute quota (code 200 past it).
	DefaultCallsPerMinute = 100
)

// DefaultRefreshAhead is how long before its expiry an access token is
// refreshed, unless Config.RefreshAhead says otherwise.
const DefaultRefreshAhead = 24 * time.Hour

// Generation chooses which of the vendor's two APIs the client speaks.
type Generation int

const (
	// OpenAPI is openapi v2 (openapi.jushuitan.com): form POST to
	// /open/<path>, app_key + access_token, biz signed with the app secret.
	// New integrations must use it.
	OpenAPI Generation = iota
	// Legacy is the older query.aspx API (open.erp321.com): method,
	// partnerid, token, ts and sign in the query string, a JSON body.
	Legacy
)

// String names the generation.
func (g Generation) String() string {
	switch g {
	case OpenAPI:
		return "openapi"
	case Legacy:
		return "legacy"
	}
	return "Generation(" + strconv.Itoa(int(g)) + ")"
}

// Config holds the credentials. Fill the openapi v2 fields or the legacy
// ones, as Generation says.
type Config struct {
	// Generation chooses openapi v2 (default) or the legacy API.
	Generation Generation

	// AppKey and AppSecret identify the openapi v2 app (开发者应用).
	AppKey string
	// AppSecret signs every openapi v2 call; it is never sent.
	AppSecret duijie.Secret
	// AccessToken is the merchant's token (商户授权token). It may be left
	// empty when TokenStore already holds one, or when AutoInitToken is set.
	AccessToken duijie.Secret
	// RefreshToken and TokenExpiresAt, when known, let the client refresh
	// ahead of expiry and after a code 100.
	RefreshToken duijie.Secret
	// TokenExpiresAt is when AccessToken expires; zero when unknown.
	TokenExpiresAt time.Time
	// TokenStore shares tokens between clients and processes; nil means an
	// in-memory store private to this client. A token found in the store
	// wins over AccessToken.
	TokenStore TokenStore
	// RefreshAhead is how long before expiry the token is refreshed;
	// zero means DefaultRefreshAhead.
	RefreshAhead time.Duration
	// ISV marks a third-party (服务商) app. Since 2023-08-15 such apps may not
	// refresh tokens: the client never tries, and an expired token is an
	// ErrAuth that says the merchant must re-authorize.
	ISV bool
	// AutoInitToken lets a self-developed app (商家自研) get a token with
	// getInitToken when it has none, or when its token is refused and
	// cannot be refreshed.
	AutoInitToken bool

	// PartnerID, PartnerKey and Token are the legacy credentials.
	PartnerID string
	// PartnerKey signs every legacy call; it is never sent.
	PartnerKey duijie.Secret
	// Token is the legacy API token (授权token).
	Token duijie.Secret
}

// Client calls Jushuitan. It is safe for concurrent use.
type Client struct {
	cfg    Config
	t      *transport.Transport[envelope]
	legacy bool
	store  TokenStore
	ahead  time.Duration

	// tokMu serialises token refreshes within this process.
	tokMu sync.Mutex
	// refreshFailed remembers the token whose ahead-of-expiry refresh
	// failed, so it is not retried on every call while still valid.
	refreshFailed string
}

// NewClient checks cfg and returns a client. The default base URL is
// ProductionURL (LegacyProductionURL for the legacy generation); the
// default client-side limits are 5 calls a second and 100 a minute.
func NewClient(cfg Config, opts ...duijie.Option) (*Client, error) {
	required := func(field, v string) error {
		if strings.TrimSpace(v) == "" {
			return fmt.Errorf("jushuitan: Config.%s is required for the %s generation", field, cfg.Generation)
		}
		return nil
	}
	var base string
	secrets := []string{}
	switch cfg.Generation {
	case OpenAPI:
		base = ProductionURL
		if err := required("AppKey", cfg.AppKey); err != nil {
			return nil, err
		}
		if err := required("AppSecret", cfg.AppSecret.Reveal()); err != nil {
			return nil, err
		}
		if cfg.AccessToken == "" && cfg.TokenStore == nil && !cfg.AutoInitToken {
			return nil, errors.New("jushuitan: Config.AccessToken is required (or a TokenStore that holds a token, or AutoInitToken)")
		}
		if cfg.RefreshAhead < 0 {
			return nil, errors.New("jushuitan: Config.RefreshAhead must not be negative")
		}
		secrets = append(secrets, cfg.AppSecret.Reveal(), cfg.AccessToken.Reveal(), cfg.RefreshToken.Reveal())
	case Legacy:
		base = LegacyProductionURL
		if err := required("PartnerID", cfg.PartnerID); err != nil {
			return nil, err
		}
		if err := required("PartnerKey", cfg.PartnerKey.Reveal()); err != nil {
			return nil, err
		}
		if err := required("Token", cfg.Token.Reveal()); err != nil {
			return nil, err
		}
		secrets = append(secrets, cfg.PartnerKey.Reveal(), cfg.Token.Reveal())
	default:
		return nil, fmt.Errorf("jushuitan: Config.Generation %d is unknown", int(cfg.Generation))
	}
	s, err := transport.Resolve(vendor, duijie.Options{BaseURL: base, Limits: []duijie.Limit{
		duijie.PerSecond(DefaultCallsPerSecond), duijie.PerMinute(DefaultCallsPerMinute)}}, opts)
	if err != nil {
		return nil, err
	}
	c := &Client{cfg: cfg, legacy: cfg.Generation == Legacy, store: cfg.TokenStore, ahead: cfg.RefreshAhead}
	if c.ahead == 0 {
		c.ahead = DefaultRefreshAhead
	}
	if c.store == nil {
		c.store = NewMemoryTokenStore()
	}
	c.t = transport.New[duijie.APIError, duijie.TransportError](transport.Config[envelope]{Vendor: vendor, Settings: s, Classify: classifier(c.legacy), Redactor: redact.New(secrets...)})
	return c, nil
}

// Generation returns the API generation the client speaks.
func (c *Client) Generation() Generation { return c.cfg.Generation }

// invoke validates op, marshals biz once and sends it.
func (c *Client) invoke(ctx context.Context, op operation, biz any, out any) error {
	if c.name(op) == "" {
		field := "Path"
		if c.legacy {
			field = "Method"
		}
		return duijie.Invalid(vendor, field, duijie.RuleRequired, "the operation has no name in the "+c.cfg.Generation.String()+" generation")
	}
	if !c.legacy && !strings.HasPrefix(op.path, "/") {
		return duijie.Invalid(vendor, "Path", duijie.RuleFormat, "must start with /")
	}
	body, err := marshalBiz(biz)
	if err != nil {
		return duijie.Invalid(vendor, "Params", duijie.RuleFormat, err.Error())
	}
	env, err := c.roundTrip(ctx, op, body)
	if err != nil {
		return err
	}
	return c.decode(op, env, out)
}

// decode unmarshals the envelope's payload into out. An answer whose rows
// sit under a list key (a listAnswer) must carry that key: an answer without
// it is an error, never an empty page.
func (c *Client) decode(op operation, env *envelope, out any) error {
	if out == nil || env == nil {
		return nil
	}
	p := bytes.TrimSpace(env.payload)
	if len(p) == 0 || string(p) == "null" || string(p) == `""` {
		if la, ok := out.(listAnswer); ok {
			return fmt.Errorf("jushuitan %s: decode answer: %w", c.name(op), &missingListError{keys: la.listKeys()})
		}
		return nil
	}
	var err error
	if ld, ok := out.(listDecoder); ok {
		err = ld.decodeList(p)
	} else {
		err = json.Unmarshal(p, out)
	}
	if err != nil {
		return fmt.Errorf("jushuitan %s: decode answer: %w", c.name(op), err)
	}
	return nil
}

// marshalBiz writes biz as compact JSON with raw UTF-8 and no HTML
// escaping; nil is {}.
func marshalBiz(biz any) ([]byte, error) {
	switch b := biz.(type) {
	case nil:
		return []byte("{}"), nil
	case json.RawMessage:
		if !json.Valid(b) {
			return nil, errors.New("not valid JSON")
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, b); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(biz); err != nil {
		return nil, err
	}
	out := bytes.TrimRight(buf.Bytes(), "\n")
	if string(out) == "null" {
		return []byte("{}"), nil
	}
	return out, nil
}

// roundTrip sends body, and when the vendor refuses the token (code 100)
// refreshes it once and replays the call if op is safe to replay.
func (c *Client) roundTrip(ctx context.Context, op operation, body []byte) (*envelope, error) {
	if c.legacy {
		env, err := c.sendLegacy(ctx, op, body)
		if err == nil || !isTokenRejected(err) || op.method == table[opRefreshLegacyToken].method {
			return env, err
		}
		// The legacy token keeps its value but must be refreshed.
		if rerr := c.RefreshLegacyToken(ctx); rerr != nil {
			return env, fmt.Errorf("%w (refreshing the legacy token also failed: %v)", err, rerr)
		}
		if !op.safeToReplay {
			return env, fmt.Errorf("%w (token refreshed; %s was not replayed because it is not safe to replay; calling it again uses the refreshed token)", err, op.method)
		}
		return c.sendLegacy(ctx, op, body)
	}
	tok, err := c.currentToken(ctx)
	if err != nil {
		return nil, err
	}
	env, err := c.sendOpenAPI(ctx, op, body, tok.AccessToken.Reveal())
	if err == nil || !isTokenRejected(err) {
		return env, err
	}
	fresh, rerr := c.recoverToken(ctx, tok)
	if rerr != nil {
		if isReauthorize(rerr) || errors.Is(rerr, ErrMustReauthorize) {
			return env, rerr
		}
		return env, fmt.Errorf("%w (renewing the token also failed: %v)", err, rerr)
	}
	if !op.safeToReplay {
		return env, fmt.Errorf("%w (token renewed; %s was not replayed because it is not safe to replay; calling it again uses the new token)", err, op.path)
	}
	return c.sendOpenAPI(ctx, op, body, fresh.AccessToken.Reveal())
}

// sendOpenAPI signs the form for an openapi v2 business call and posts it.
// The form is written once, in the byte order url.Values.Encode gives it
// (keys sorted), and the signature hashes the parameters as SignOpenAPI
// does without copying biz.
func (c *Client) sendOpenAPI(ctx context.Context, op operation, biz []byte, accessToken string) (*envelope, error) {
	ts := strconv.FormatInt(c.t.Now().Unix(), 10)
	sign := signBusiness(c.cfg.AppSecret.Reveal(), accessToken, c.cfg.AppKey, ts, biz)
	body := formWriter{}
	body.grow(form.EscapedLen(accessToken) + form.EscapedLen(c.cfg.AppKey) + form.EscapedLen(biz) + len(sign) + len(ts) + 64)
	body.add("access_token", accessToken)
	body.add("app_key", c.cfg.AppKey)
	addBytes(&body, "biz", biz)
	body.add("charset", "utf-8")
	body.add("sign", sign)
	body.add("timestamp", ts)
	body.add("version", "2")
	return c.post(ctx, op, body.b)
}

// postForm signs params with the app secret and posts them form-encoded to
// the base URL + op's path. The signed bytes are replayed on every retry.
func (c *Client) postForm(ctx context.Context, op operation, params map[string]string) (*envelope, error) {
	params["sign"] = SignOpenAPI(c.cfg.AppSecret.Reveal(), params)
	form := url.Values{}
	for k, v := range params {
		form.Set(k, v)
	}
	return c.post(ctx, op, []byte(form.Encode()))
}

// post posts a form body to the base URL + op's path.
func (c *Client) post(ctx context.Context, op operation, body []byte) (*envelope, error) {
	res, err := c.t.Do(ctx, &transport.Request{
		Op:     op.transport(false),
		Method: http.MethodPost,
		URL:    c.t.Settings().BaseURL + op.path,
		Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded;charset=UTF-8"}},
		Body:   body,
	})
	return decoded(res), err
}

// sendLegacy puts the system parameters in the query string and posts the
// JSON body.
func (c *Client) sendLegacy(ctx context.Context, op operation, body []byte) (*envelope, error) {
	ts := strconv.FormatInt(c.t.Now().Unix(), 10)
	token := c.cfg.Token.Reveal()
	sign := SignLegacy(op.method, c.cfg.PartnerID, token, ts, c.cfg.PartnerKey.Reveal())
	u := c.t.Settings().BaseURL + "?method=" + url.QueryEscape(op.method) + "&partnerid=" + url.QueryEscape(c.cfg.PartnerID) +
		"&token=" + url.QueryEscape(token) + "&ts=" + ts + "&sign=" + sign
	res, err := c.t.Do(ctx, &transport.Request{
		Op:     op.transport(true),
		Method: http.MethodPost,
		URL:    u,
		Header: http.Header{"Content-Type": {"application/json; charset=utf-8"}},
		Body:   body,
	})
	return decoded(res), err
}

func decoded(res *transport.Result[envelope]) *envelope {
	if res == nil {
		return nil
	}
	env := res.Envelope
	return env
}
