package honor

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/limit"
	"github.com/duijie/duijie/internal/redact"
	"github.com/duijie/duijie/internal/transport"
)

const vendor = "honor"

// Honor issues its API host to partners with the credentials, and no host is
// public, so the client has no default endpoint: pass duijie.WithBaseURL with
// the host from Honor's partner document (or a honortest server's URL).

// DefaultOrderWindow is the longest modified-time span one VF order query
// covers unless Config.OrderWindow says otherwise (the operation table's
// MaxWindow of QueryVFOrders); the iterators cut longer ranges into spans
// this long.
const DefaultOrderWindow = 24 * time.Hour

// limits checks every request's parameters under the universal rules
// (names are Go field names, as Honor's other errors). The Honor notes
// give codes at most 64 bytes, checked where each is read.
var limits = limit.New[duijie.ValidationError](limit.Checker{Vendor: vendor, GoNames: true})

// MaxDateSpan is the longest change-date range, in days counting both ends,
// of one incentive or fund-pool query (the operation table's MaxWindow of
// QueryVFIncentives and QueryVFFundPool, in days); the iterators cut longer
// ranges.
const MaxDateSpan = 31

// Page sizes.
const (
	// DefaultPageSize is the page size sent when a query leaves it 0.
	DefaultPageSize = 50
	// MaxPageSize is the largest page size a query may ask for (the
	// operation table's MaxPageSize of every listing).
	MaxPageSize = 100
)

// DefaultLimit returns the client-side rate limit used unless
// duijie.WithRateLimit says otherwise: ten calls a second. Honor publishes no
// quota; this keeps a 5-minute poll and a nightly PSI upload far below any
// plausible one.
func DefaultLimit() duijie.Limit { return duijie.PerSecond(10) }

// Config holds what Honor issues to a distributor (荣耀接口设置) and the
// wire choices a partner may need to change to match Honor's document.
type Config struct {
	// AppID is the APPID Honor issues. Required.
	AppID string
	// AppKey is the APPKEY Honor issues; the default signer's key. Required.
	AppKey duijie.Secret
	// ShopNo is the SHOP_NO Honor issues. Required.
	ShopNo string
	// ProvinceDistributorID is the 省包商 id (the provincial distributor the
	// trade is attributed to). Required.
	ProvinceDistributorID string

	// Operations overrides entries of DefaultOperations (path, method name,
	// whether a failed call may be replayed).
	Operations map[Op]Endpoint
	// Signer signs every call; nil means DefaultSigner.
	Signer Signer
	// ErrorClasses adds to or overrides DefaultErrorClasses: answer code to
	// the class errors.Is matches (nil for none).
	ErrorClasses map[string]error
	// Nonce returns the nonce of a call; nil means 16 random bytes in hex.
	// Set it for deterministic signatures in tests.
	Nonce func() string
	// OrderWindow is the longest span of one VF order query; 0 means the
	// operation table's (DefaultOrderWindow).
	OrderWindow time.Duration
}

// Client calls Honor's VF and PSI interfaces. It is safe for concurrent use.
type Client struct {
	cred   Credentials
	ops    map[Op]opRow // the operation table with Config's overrides
	signer Signer
	nonce  func() string
	t      *transport.Transport[envelope]
}

// NewClient checks cfg and returns a client. duijie.WithBaseURL is required
// (see the package doc). The default client-side rate limit is DefaultLimit.
func NewClient(cfg Config, opts ...duijie.Option) (*Client, error) {
	for _, f := range []struct {
		name, value string
	}{
		{"AppID", cfg.AppID},
		{"AppKey", cfg.AppKey.Reveal()},
		{"ShopNo", cfg.ShopNo},
		{"ProvinceDistributorID", cfg.ProvinceDistributorID},
	} {
		if err := checkCredential(f.value); err != nil {
			return nil, fmt.Errorf("honor: Config.%s %s", f.name, err)
		}
	}
	if cfg.OrderWindow < 0 {
		return nil, fmt.Errorf("honor: Config.OrderWindow must not be negative")
	}
	ops, err := buildOperations(cfg.Operations)
	if err != nil {
		return nil, err
	}
	if cfg.OrderWindow != 0 {
		r := ops[OpVFOrderQuery]
		r.MaxWindow = cfg.OrderWindow
		ops[OpVFOrderQuery] = r
	}
	classes := DefaultErrorClasses()
	for code, class := range cfg.ErrorClasses {
		if code == CodeOK {
			return nil, fmt.Errorf("honor: Config.ErrorClasses: code %q is success and cannot be mapped", code)
		}
		classes[code] = class
	}
	s, err := transport.Resolve(vendor, duijie.Options{Limits: []duijie.Limit{DefaultLimit()}}, opts)
	if err != nil {
		if strings.Contains(err.Error(), "base URL is required") {
			return nil, fmt.Errorf("%w (Honor gives partners its host privately: pass duijie.WithBaseURL)", err)
		}
		return nil, err
	}
	c := &Client{
		cred: Credentials{AppID: cfg.AppID, AppKey: cfg.AppKey, ShopNo: cfg.ShopNo,
			ProvinceDistributorID: cfg.ProvinceDistributorID},
		ops:    ops,
		signer: cfg.Signer,
		nonce:  cfg.Nonce,
	}
	if c.signer == nil {
		c.signer = DefaultSigner{}
	}
	if c.nonce == nil {
		c.nonce = randomNonce
	}
	c.t = transport.New[duijie.APIError, duijie.TransportError](transport.Config[envelope]{
		Vendor:   vendor,
		Settings: s,
		Classify: classifier(classes),
		Redactor: redact.New(cfg.AppKey.Reveal()),
	})
	return c, nil
}

// checkCredential refuses empty, padded, overlong or control-character values.
func checkCredential(v string) error {
	switch {
	case strings.TrimSpace(v) == "":
		return fmt.Errorf("is required")
	case strings.TrimSpace(v) != v:
		return fmt.Errorf("has leading or trailing spaces")
	case len(v) > 128:
		return fmt.Errorf("is longer than 128 bytes")
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		return fmt.Errorf("contains a control character")
	}
	return nil
}

func randomNonce() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Endpoint returns the endpoint the client uses for op.
func (c *Client) Endpoint(op Op) (Endpoint, bool) {
	r, ok := c.ops[op]
	if !ok {
		return Endpoint{}, false
	}
	return r.endpoint(), true
}

// row returns op's row of the client's operation table. Every Op constant
// has one (buildOperations starts from the whole table).
func (c *Client) row(op Op) opRow { return c.ops[op] }

// call sends a typed operation at its endpoint; the row's SafeToReplay
// (the table's, or Config.Operations') is the retry decision.
func (c *Client) call(ctx context.Context, op Op, params any, out any) (time.Time, error) {
	r := c.row(op)
	return c.send(ctx, r.endpoint(), params, out)
}

// send signs params once and posts them; it returns the time the call was
// signed with.
func (c *Client) send(ctx context.Context, ep Endpoint, params any, out any) (time.Time, error) {
	name := ep.Method
	if name == "" {
		name = ep.Path
	}
	ops := make([]param, 0, 2)
	if ep.Method != "" {
		ops = append(ops, param{ParamMethod, ep.Method})
	}
	if params != nil {
		// Valid UTF-8, no control characters but tab and newline, no year 0.
		if err := limits.Check(params); err != nil {
			return time.Time{}, err
		}
		b, err := json.Marshal(params)
		if err != nil {
			return time.Time{}, duijie.Invalid(vendor, ParamBizContent, duijie.RuleFormat, err.Error())
		}
		ops = append(ops, param{ParamBizContent, string(b)})
	}
	at := c.t.Now()
	var signed []param
	if def, ok := c.signer.(DefaultSigner); ok {
		// The common case: the same parameters without a map.
		signed = def.signed(ops, c.cred, at, c.nonce())
	} else {
		// Room for every parameter a signer usually adds.
		form := make(map[string]string, 12)
		for _, p := range ops {
			form[p.key] = p.value
		}
		if err := c.signer.Sign(form, c.cred, at, c.nonce()); err != nil {
			return at, fmt.Errorf("honor %s: sign: %w", name, err)
		}
		signed = sortedParams(form)
	}
	res, err := c.t.Do(ctx, &transport.Request{
		Op:     transport.Operation{Name: name, SafeToReplay: ep.SafeToReplay},
		Method: http.MethodPost,
		URL:    c.t.Settings().BaseURL + ep.Path,
		Header: http.Header{
			"Content-Type": {"application/x-www-form-urlencoded; charset=utf-8"},
			"Accept":       {"application/json"},
		},
		Body: encodeForm(signed),
	})
	if err != nil {
		return at, err
	}
	env := res.Envelope
	if out == nil || env == nil || len(env.Data) == 0 || string(env.Data) == "null" {
		return at, nil
	}
	if raw, ok := out.(*json.RawMessage); ok {
		*raw = env.Data // a slice of the body the envelope's decode checked
		return at, nil
	}
	if err := json.Unmarshal(env.Data, out); err != nil {
		return at, fmt.Errorf("honor %s: decode data: %w", name, err)
	}
	return at, nil
}
