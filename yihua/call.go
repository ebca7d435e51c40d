package yihua

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/google/go-querystring/query"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/transport"
)

// CallRequest is a call of any ErpService method (POST
// /Mall/Erp/ErpService.svc/<method>) this package does not type.
type CallRequest struct {
	// Method is the ErpService method name, e.g. "TradeTransferToErp"
	// (MethodTradeTransferToErp): letters, digits and underscores.
	Method string
	// Params holds the method's parameters: nil, a map[string]string,
	// url.Values (one value per key), a map[string]any, or a struct (or a
	// pointer to one). They are sent after the credentials, in sorted key
	// order. With BodyJSON (the default) a struct is written by
	// encoding/json, named by its json tags, and a map's values are
	// written as encoding/json writes them. With BodyForm a struct is
	// written by go-querystring, named by its url tags (the field name
	// without one; duijie.Amount, Time, Date and Int64 write themselves),
	// with one value per parameter; a map[string]any's values are written
	// as go-querystring writes a field of the value's type (nil as "", a
	// value that writes nothing, such as the zero duijie.Time, left out),
	// and a value that is not one text (a slice, map, nested struct …) is
	// refused rather than guessed at: send such values with BodyJSON. The
	// client adds PlatformID and UserAccessToken, which Params must not
	// set; a "UID" in Params, a non-empty string, replaces Config.UID for
	// this call.
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
	raw, err := callParams(req.Params, c.cfg.Encoding)
	if err != nil {
		return err
	}
	env, err := c.send(ctx, transport.Operation{Name: method, SafeToReplay: req.SafeToReplay}, raw.uid, nil, raw)
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

// rawParams are CallRequest.Params made ready for the client's encoding:
// their names sorted, with the value encoding/json writes (BodyJSON) or the
// text go-querystring wrote (BodyForm), and the UID taken out.
type rawParams struct {
	keys []string
	json map[string]any // BodyJSON
	form url.Values     // BodyForm: one text each
	uid  string         // the UID parameter, "" without one
}

// callParams turns CallRequest.Params into rawParams for enc. It refuses
// PlatformID and UserAccessToken (set from Config), a UID that is not a
// non-empty string, and more or less than one text per name in a form.
func callParams(params any, enc BodyEncoding) (*rawParams, error) {
	r := &rawParams{}
	if enc == BodyForm {
		r.form = url.Values{}
	} else {
		r.json = map[string]any{}
	}
	set := func(k string, v any, text []string) {
		if r.form != nil {
			r.form[k] = text
		} else {
			r.json[k] = v
		}
	}
	switch p := params.(type) {
	case nil:
	case map[string]string:
		for k, v := range p {
			set(k, v, []string{v})
		}
	case url.Values:
		for _, k := range slices.Sorted(maps.Keys(p)) {
			vs := p[k]
			if len(vs) != 1 {
				return nil, duijie.Invalid(vendor, "params."+k, duijie.RuleTooMany, "one value per parameter")
			}
			set(k, vs[0], vs)
		}
	case map[string]any:
		if v, ok := p["UID"]; ok {
			if s, ok := v.(string); !ok || s == "" {
				return nil, duijie.Invalid(vendor, "params.UID", duijie.RuleFormat, "a non-empty string")
			}
		}
		for _, k := range slices.Sorted(maps.Keys(p)) {
			v := p[k]
			if r.form == nil {
				r.json[k] = v
				continue
			}
			text, err := formText(v)
			if err != nil {
				return nil, duijie.Invalid(vendor, "params."+k, duijie.RuleFormat, err.Error())
			}
			if len(text) > 0 {
				r.form[k] = text
			}
		}
	default:
		if r.form != nil {
			vs, err := query.Values(params)
			if err != nil {
				return nil, duijie.Invalid(vendor, "params", duijie.RuleFormat, "a struct, url.Values, map[string]string or map[string]any")
			}
			if name, why := formTrap(reflect.ValueOf(params), ""); name != "" {
				return nil, duijie.Invalid(vendor, "params."+name, duijie.RuleFormat, why)
			}
			for _, k := range slices.Sorted(maps.Keys(vs)) {
				if len(vs[k]) != 1 {
					return nil, duijie.Invalid(vendor, "params."+k, duijie.RuleTooMany, "one value per parameter in a form")
				}
			}
			r.form = vs
			break
		}
		b, err := json.Marshal(params)
		if err != nil {
			return nil, duijie.Invalid(vendor, "params", duijie.RuleFormat, err.Error())
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if err := dec.Decode(&r.json); err != nil || r.json == nil {
			return nil, duijie.Invalid(vendor, "params", duijie.RuleFormat, "must encode as a JSON object")
		}
	}
	for k := range r.json {
		r.keys = append(r.keys, k)
	}
	for k := range r.form {
		r.keys = append(r.keys, k)
	}
	sort.Strings(r.keys)
	for i := 0; i < len(r.keys); i++ {
		switch k := r.keys[i]; k {
		case "PlatformID", "UserAccessToken":
			return nil, duijie.Invalid(vendor, "params."+k, duijie.RuleConflict, "set from Config")
		case "UID":
			var ok bool
			if r.form != nil {
				r.uid = r.form.Get(k)
				ok = len(r.form[k]) == 1
			} else {
				r.uid, ok = r.json[k].(string)
			}
			if !ok || r.uid == "" {
				return nil, duijie.Invalid(vendor, "params.UID", duijie.RuleFormat, "a non-empty string")
			}
			r.keys = append(r.keys[:i], r.keys[i+1:]...)
			i--
		}
	}
	return r, nil
}

// formText is the form text of one map[string]any value: what
// go-querystring writes for a struct field of the value's own type. So
// duijie.Amount, Time, Date and Int64 write themselves (EncodeValues),
// strings, booleans and numbers are written as fmt writes them, time.Time
// in RFC 3339, a nil pointer as "" (a nil *duijie.Amount is refused, see
// formTrap). A nil value is "". A value that writes nothing (the zero
// duijie.Time or Date) gives no text, and the parameter is left out, as
// go-querystring leaves it out of a struct. A value that is not one text (a slice, array, map, struct without EncodeValues, func,
// channel or complex number) is refused, and so is a float (see formTrap).
func formText(v any) ([]string, error) {
	if v == nil {
		return []string{""}, nil
	}
	if _, why := formTrap(reflect.ValueOf(v), "v"); why != "" {
		return nil, errors.New(why)
	}
	t := reflect.TypeOf(v)
	if !oneText(t) {
		return nil, fmt.Errorf("a %s is not one form text; send it with BodyJSON, or as text", t)
	}
	field := reflect.StructField{Name: "V", Type: t, Tag: `url:"v"`}
	sv := reflect.New(reflect.StructOf([]reflect.StructField{field})).Elem()
	sv.Field(0).Set(reflect.ValueOf(v))
	vs, err := query.Values(sv.Interface())
	if err != nil {
		return nil, err
	}
	return vs["v"], nil
}

// oneText reports whether go-querystring writes a field of type t as one
// text.
func oneText(t reflect.Type) bool {
	if t.Implements(reflect.TypeFor[query.Encoder]()) {
		return true
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeFor[time.Time]() {
		return true
	}
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// Why a form refuses what go-querystring would write inexactly.
const (
	errFloat   = "a float has no exact form text (go-querystring writes 100000000 as 1e+08): use duijie.Amount, json.Number, an integer or a string"
	errNilZero = "nil, which go-querystring would write as the zero value: give a value, or leave it out (omitempty)"
)

// formTrap returns the name go-querystring gives the first value it would
// write inexactly from v (whose own name is name), and why, or "" when
// there is none. It writes floats as fmt's %v does, 1e+08 for 100000000,
// which the ERP may not read as that number, and a nil pointer to a type
// with EncodeValues (a *duijie.Amount) as that type's zero, a silent 0, so
// a form refuses both; BodyJSON writes them as encoding/json does. The
// walk follows go-querystring's: url tags, omitempty, embedded structs in
// their parent's scope, nested ones as name[field], types with
// EncodeValues writing themselves.
func formTrap(v reflect.Value, name string) (string, string) {
	encoder := reflect.TypeFor[query.Encoder]()
	if !v.IsValid() {
		return "", ""
	}
	if v.Type().Implements(encoder) {
		if v.Kind() == reflect.Pointer && v.IsNil() {
			return name, errNilZero
		}
		return "", ""
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return "", ""
		}
		return formTrap(v.Elem(), name)
	case reflect.Float32, reflect.Float64:
		return name, errFloat
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if n, why := formTrap(v.Index(i), name); n != "" {
				return n, why
			}
		}
	case reflect.Struct:
		t := v.Type()
		if t == reflect.TypeFor[time.Time]() {
			return "", ""
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag, opts, _ := strings.Cut(f.Tag.Get("url"), ",")
			fv := v.Field(i)
			if !f.IsExported() && !f.Anonymous || tag == "-" ||
				strings.Contains(","+opts+",", ",omitempty,") && fv.IsZero() {
				continue
			}
			n := tag
			switch {
			case n == "" && f.Anonymous && reflect.Indirect(fv).Kind() == reflect.Struct:
				n = name // an embedded struct's fields are in its parent's scope
			case n == "":
				n = f.Name
				fallthrough
			default:
				if name != "" {
					n = name + "[" + n + "]"
				}
			}
			if r, why := formTrap(fv, n); r != "" {
				return r, why
			}
		}
	}
	return "", ""
}
