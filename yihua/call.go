package yihua

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/transport"
)

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
	// de-duplication for TradeTransferToErp. The decision is the
	// caller's: Call does not look Method up in Operations.
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
