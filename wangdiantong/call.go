package wangdiantong

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/duijie/duijie"
)

// CallRequest is a call of any Wangdiantong operation this package does not
// type, on the client's route (Config.Route): an openapi2 script
// (api.wangdian.cn/openapi2/<file>.php) or a 企业奇门 method (wdt.*).
type CallRequest struct {
	// Method names the operation on the client's route: the openapi2
	// script, e.g. "goods_query.php", on RouteOpenAPI; the Qimen method,
	// e.g. "wdt.goods.query", on RouteQimen. The typed operations' names on
	// both routes are in the operation table: Operations (Wire) and
	// QimenMethod.
	Method string
	// Params are the business parameters (业务参数): nil, a map[string]any,
	// a map[string]string, or a struct (or any value that encodes as a JSON
	// object, whose members are then the parameters; mind its json tags).
	// They travel as form fields: strings as they are, numbers as written,
	// booleans as 1/0, times as "2006-01-02 15:04:05" in China time, and
	// anything else (lists such as trade_list, objects) as JSON text with
	// every non-ASCII character escaped. Empty values are left out, as the
	// official SDK requires. The system parameters (sid, appkey, timestamp,
	// sign, and on Qimen method, app_key, target_app_key, format, v,
	// sign_method) are the client's and may not be set here.
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
	params, err := callParams(req.Params)
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

// callParams turns CallRequest.Params into named parameters.
func callParams(p any) (map[string]any, error) {
	var params map[string]any
	switch p := p.(type) {
	case nil:
		return map[string]any{}, nil
	case map[string]any:
		params = p
	case map[string]string:
		params = make(map[string]any, len(p))
		for k, v := range p {
			params[k] = v
		}
	default:
		b, err := json.Marshal(p)
		if err != nil {
			return nil, duijie.Invalid(vendor, "params", duijie.RuleFormat, err.Error())
		}
		var members map[string]json.RawMessage
		if err := json.Unmarshal(b, &members); err != nil || members == nil {
			return nil, duijie.Invalid(vendor, "params", duijie.RuleFormat, "must encode as a JSON object")
		}
		params = make(map[string]any, len(members))
		for k, raw := range members {
			params[k] = member(raw)
		}
	}
	for k := range params {
		if systemParams[k] {
			return nil, duijie.Invalid(vendor, "params."+k, duijie.RuleConflict, "a system parameter, set by the client")
		}
	}
	return params, nil
}

// member turns one encoded member of a Params struct into a parameter
// value: a string as its text, a number as written, a boolean as a bool
// (sent as 1/0), null as nothing, and a list or object as its JSON.
func member(raw json.RawMessage) any {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return nil
	case raw[0] == '"':
		var s string
		_ = json.Unmarshal(raw, &s)
		return s
	case string(raw) == "true":
		return true
	case string(raw) == "false":
		return false
	case raw[0] == '{' || raw[0] == '[':
		return raw
	}
	return json.Number(raw)
}

// call sends o with the business parameters and decodes the answer into
// out; the typed methods and Call share it. It also returns the decoded
// envelope, with the vendor's message as sent (error messages are redacted
// for display, which could mangle the per-row details some operations put
// there).
func (c *Client) call(ctx context.Context, o operation, params map[string]any, out any) (*envelope, error) {
	if c.wire(o) == "" {
		return nil, duijie.Invalid(vendor, "method", duijie.RuleRequired, "the operation has no name on this route ("+o.Wire+" has no published Qimen method)")
	}
	form := map[string]string{}
	for k, v := range params {
		s, err := c.paramString(v)
		if err != nil {
			return nil, duijie.Invalid(vendor, k, duijie.RuleFormat, err.Error())
		}
		if s != "" {
			form[k] = s
		}
	}
	res, err := c.send(ctx, o, form)
	var env *envelope
	if res != nil {
		env, _ = res.Decoded.(*envelope)
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

// paramString turns a parameter into its wire text; "" means leave it out.
func (c *Client) paramString(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case bool:
		if v {
			return "1", nil
		}
		return "0", nil
	case int:
		return strconv.Itoa(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case time.Time:
		return duijie.NewTime(v).String(), nil
	case duijie.Time:
		return v.String(), nil
	case duijie.Date:
		return v.String(), nil
	case duijie.Amount:
		return v.String(), nil
	case duijie.Int64:
		return v.String(), nil
	case duijie.Text:
		return string(v), nil
	case json.Number:
		return v.String(), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	if len(b) > 0 && b[0] == '"' {
		// A scalar that encodes as a JSON string goes as its text.
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return "", err
		}
		return s, nil
	}
	if string(b) == "null" {
		return "", nil
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
