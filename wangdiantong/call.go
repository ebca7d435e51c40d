package wangdiantong

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/duijie/duijie"
)

// CallRequest is a call of any Wangdiantong operation this package does not
// type, on the client's route (Config.Route): an openapi2 script
// (api.wangdian.cn/openapi2/<file>.php) or a 企业奇门 method (wdt.*).
type CallRequest struct {
	// Method names the operation on the client's route: the openapi2
	// script, e.g. "suites_query.php", on RouteOpenAPI; the Qimen method,
	// e.g. "wdt.suites.query", on RouteQimen. The typed operations' names on
	// both routes are in the operation table: Operations (Wire) and
	// QimenMethod.
	Method string
	// Params are the business parameters (业务参数), sent as form fields:
	//
	//   - a struct (or a pointer to one) with url tags, encoded by
	//     github.com/google/go-querystring as the typed methods encode
	//     theirs: duijie.Time as "2006-01-02 15:04:05" in China time,
	//     duijie.Date, Amount and Int64 as written, booleans as 1/0 with
	//     the ",int" option, JSON-valued parameters (lists such as
	//     trade_list) as a JSON field;
	//   - url.Values or map[string]string, sent as they are;
	//   - map[string]any, kept for quick calls and the command line: each
	//     value goes as such a struct's field would (time.Time as a
	//     duijie.Time, strings as they are, booleans as 1/0, numbers as
	//     written) and any list, map or struct as JSON text, emoji
	//     dropped unless Config.KeepEmoji;
	//   - nil, for none.
	//
	// Empty values are left out, as the official SDK requires, and a
	// parameter takes one value (a slice field that go-querystring would
	// repeat is refused; send it as JSON). The system parameters (sid,
	// appkey, timestamp, sign, and on Qimen method, app_key,
	// target_app_key, format, v, sign_method) are the client's and may not
	// be set here.
	Params any
	// SafeToReplay marks a read, or a write the ERP de-duplicates by a key
	// the parameters carry (as trade_push does by tid): the call is then
	// replayed after failures that may have reached the server (a 5xx, a
	// reset, a timeout, a busy answer). It is false by default: a raw write
	// is sent once and never replayed blindly after an unclear outcome; the
	// error then says it may have arrived (duijie.MayHaveArrived), for the
	// caller to look the outcome up. Either way a call is replayed when it
	// provably never reached the server, or after the throttle codes the
	// vendor documents as refused before processing (1012 on openapi2, 7 on
	// the Qimen gateway).
	SafeToReplay bool
}

// systemParams are set by the client on every call; CallRequest.Params may
// not set them.
var systemParams = map[string]bool{
	"sid": true, "appkey": true, "timestamp": true, "sign": true,
	"method": true, "app_key": true, "target_app_key": true, "format": true, "v": true, "sign_method": true,
}

// Call is the escape hatch for operations without a typed method. It signs
// and sends req.Method on the client's route with req.Params, and decodes
// the business part of the answer into out (nil discards it): the
// top-level fields on openapi2, the "response" object on Qimen. The
// envelope is checked, classified and retried exactly as for the typed
// methods, which go through the same path; req.SafeToReplay decides whether
// failures that may have reached the server are retried. When the vendor
// answers with an error, out still receives whatever business fields came
// with it, and the error is returned.
func (c *Client) Call(ctx context.Context, req *CallRequest, out any) error {
	if req == nil {
		return duijie.Invalid(vendor, "CallRequest", duijie.RuleRequired, "")
	}
	switch {
	case req.Method == "":
		return duijie.Invalid(vendor, "method", duijie.RuleRequired, "the openapi2 script (e.g. goods_query.php) on RouteOpenAPI, the Qimen method (e.g. wdt.goods.query) on RouteQimen")
	case strings.ContainsAny(req.Method, "/\\?#%& \t\r\n"):
		return duijie.Invalid(vendor, "method", duijie.RuleFormat, "an operation name such as goods_query.php or wdt.goods.query")
	}
	params, err := c.callParams(req.Params)
	if err != nil {
		return err
	}
	// Not a row of the table: the request names the operation on the
	// client's route and says itself whether it is safe to replay.
	o := operation{Operation: duijie.Operation{Wire: req.Method, SafeToReplay: req.SafeToReplay}}
	if c.cfg.Route == RouteQimen {
		o = operation{Operation: duijie.Operation{SafeToReplay: req.SafeToReplay}, qimen: req.Method}
	}
	_, err = c.call(ctx, o, params, out)
	return err
}

// callParams turns CallRequest.Params into form values (see its doc).
func (c *Client) callParams(p any) (url.Values, error) {
	var params url.Values
	switch p := p.(type) {
	case nil:
		params = url.Values{}
	case url.Values:
		params = p
	case map[string]string:
		params = make(url.Values, len(p))
		for k, v := range p {
			params.Set(k, v)
		}
	case map[string]any:
		v, err := mapValues(p, c.cfg.KeepEmoji)
		if err != nil {
			return nil, err
		}
		params = v
	default:
		v, err := encode(p)
		if err != nil {
			return nil, duijie.Invalid(vendor, "params", duijie.RuleFormat, "a struct with url tags, url.Values, map[string]string or map[string]any")
		}
		params = v
	}
	for k := range params {
		if systemParams[k] {
			return nil, duijie.Invalid(vendor, "params."+k, duijie.RuleConflict, "a system parameter, set by the client")
		}
	}
	return params, nil
}

// call sends o with the business parameters and decodes the answer into
// out; the typed methods and Call share it. It also returns the decoded
// envelope, with the vendor's message as sent (error messages are redacted
// for display, which could mangle the per-row details some operations put
// there).
//
// extra are parameters set after params, in place of any of the same
// names (the listings' page_no and page_size).
func (c *Client) call(ctx context.Context, o operation, params url.Values, out any, extra ...kv) (*envelope, error) {
	if c.wire(o) == "" {
		return nil, duijie.Invalid(vendor, "method", duijie.RuleRequired, "the operation has no name on this route ("+o.Wire+" has no published Qimen method)")
	}
	form, err := formFields(params, extra...)
	if err != nil {
		return nil, err
	}
	res, err := c.send(ctx, o, form)
	var env *envelope
	if res != nil {
		env = res.Envelope
	}
	if out == nil || env == nil {
		return env, err
	}
	// An error answer may still carry business fields (trade_push's counts
	// beside its per-trade failures): decode them and return the error too.
	if derr := json.Unmarshal(env.business, out); derr != nil && err == nil {
		return env, fmt.Errorf("wangdiantong %s: decode answer: %w", c.wire(o), derr)
	}
	return env, err
}

// wire is o's name on the client's route: the openapi2 script or the
// Qimen method.
func (c *Client) wire(o operation) string {
	if c.cfg.Route == RouteQimen {
		return o.qimen
	}
	return o.Wire
}

// asciiJSON rewrites JSON text so that every non-ASCII character is a \u
// escape: the value's length is then the same whether the vendor counts
// characters, UTF-16 units or bytes, so the signature cannot disagree.
// Characters outside the Basic Multilingual Plane are dropped unless keep.
// The text is measured first and written once, at its final size.
func asciiJSON(b []byte, keep bool) string {
	n := 0
	for _, r := range string(b) {
		switch {
		case r < 0x80:
			n++
		case r <= 0xFFFF:
			n += 6
		case keep:
			n += 12
		}
	}
	if n == len(b) && isASCII(b) {
		return string(b)
	}
	var out strings.Builder
	out.Grow(n)
	const hexdig = "0123456789abcdef"
	esc := func(r rune) {
		out.WriteByte('\\')
		out.WriteByte('u')
		out.WriteByte(hexdig[r>>12&0xF])
		out.WriteByte(hexdig[r>>8&0xF])
		out.WriteByte(hexdig[r>>4&0xF])
		out.WriteByte(hexdig[r&0xF])
	}
	for _, r := range string(b) {
		switch {
		case r < 0x80:
			out.WriteByte(byte(r))
		case r <= 0xFFFF:
			esc(r)
		case keep:
			r -= 0x10000
			esc(0xD800 + (r >> 10))
			esc(0xDC00 + (r & 0x3FF))
		}
	}
	return out.String()
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}
