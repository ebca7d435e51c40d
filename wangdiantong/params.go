package wangdiantong

import (
	"encoding/json"
	"net/url"
	"reflect"
	"strconv"
	"time"

	"github.com/google/go-querystring/query"

	"github.com/duijie/duijie"
)

// JSON is a form parameter whose value is JSON text, such as trade_push's
// trade_list: a field of this type in a parameter struct (or a value in a
// map[string]any) is sent as the compact JSON of Value with every
// non-ASCII character written as a \u escape, so that the value's length
// is the same whether the vendor counts characters, UTF-16 units or bytes.
// Characters outside the Basic Multilingual Plane (emoji) are dropped
// unless KeepEmoji is set, as Config.KeepEmoji does for the typed methods.
// A nil Value is left out.
type JSON struct {
	// Value is encoded with encoding/json.
	Value any
	// KeepEmoji sends emoji as \u surrogate pairs instead of dropping them.
	KeepEmoji bool
}

// EncodeValues implements go-querystring's Encoder.
func (j JSON) EncodeValues(key string, v *url.Values) error {
	if j.Value == nil {
		return nil
	}
	b, err := json.Marshal(j.Value)
	if err != nil {
		return err
	}
	if string(b) != "null" {
		v.Set(key, asciiJSON(b, j.KeepEmoji))
	}
	return nil
}

// encode turns typed parameters, a struct with url tags, into form values
// with go-querystring.
func encode(params any) (url.Values, error) {
	v, err := query.Values(params)
	if err != nil {
		return nil, duijie.Invalid(vendor, "params", duijie.RuleFormat, err.Error())
	}
	return v, nil
}

// kv is one form parameter.
type kv struct{ k, v string }

// formFields turns form values into the fields sent and signed: one value
// per parameter, empty values left out (the official SDK refuses them).
// extra are set after v, in place of v's parameters of the same names.
func formFields(v url.Values, extra ...kv) ([]kv, error) {
	out := make([]kv, 0, len(v)+len(extra)+len(systemParams))
outer:
	for k, vs := range v {
		for _, e := range extra {
			if e.k == k {
				continue outer
			}
		}
		switch {
		case len(vs) > 1:
			return nil, duijie.Invalid(vendor, k, duijie.RuleFormat, "one value per parameter; send a list as JSON text (wangdiantong.JSON)")
		case len(vs) == 1 && vs[0] != "":
			out = append(out, kv{k, vs[0]})
		}
	}
	for _, e := range extra {
		if e.v != "" {
			out = append(out, e)
		}
	}
	return out, nil
}

// mapValues encodes CallRequest.Params given as a map[string]any. Each
// value goes as the field of a parameter struct would: a go-querystring
// Encoder (duijie.Time, Date, Amount, Int64, JSON) writes itself; a
// time.Time goes as a duijie.Time; strings as they are, booleans as 1/0,
// numbers as written; nil is left out; anything else (lists, maps,
// structs) goes as JSON (see JSON, with keep for KeepEmoji), except that a
// value whose JSON is a string goes as that string's text.
func mapValues(m map[string]any, keep bool) (url.Values, error) {
	out := url.Values{}
	for k, v := range m {
		if err := mapValue(out, k, v, keep); err != nil {
			return nil, duijie.Invalid(vendor, k, duijie.RuleFormat, err.Error())
		}
	}
	return out, nil
}

func mapValue(out url.Values, k string, v any, keep bool) error {
	switch x := v.(type) {
	case nil:
		return nil
	case query.Encoder:
		return x.EncodeValues(k, &out)
	case time.Time:
		return duijie.NewTime(x).EncodeValues(k, &out)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		out.Set(k, rv.String())
		return nil
	case reflect.Bool:
		out.Set(k, map[bool]string{false: "0", true: "1"}[rv.Bool()])
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		out.Set(k, strconv.FormatInt(rv.Int(), 10))
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		out.Set(k, strconv.FormatUint(rv.Uint(), 10))
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		out.Set(k, s)
		return nil
	}
	return JSON{Value: json.RawMessage(b), KeepEmoji: keep}.EncodeValues(k, &out)
}
