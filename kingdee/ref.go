package kingdee

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/jsonx"
)

// Ref points at base data (an organisation, customer, material, warehouse,
// bill type …) by its code, written {"FNumber":"<code>"} as the WebAPI
// expects with NumberSearch on (the default). The zero Ref is left out of
// the bill.
type Ref struct {
	// Number is the code (编码) of the referenced data.
	Number string `json:"FNumber" limit:"id"`
}

// RefTo returns a reference to the data with code number.
func RefTo(number string) Ref { return Ref{Number: number} }

// IsZero reports whether the reference is empty.
func (r Ref) IsZero() bool { return r.Number == "" }

// MarshalJSON writes {"FNumber":"<code>"}.
func (r Ref) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, len(r.Number)+16)
	b = append(b, `{"FNumber":`...)
	b = jsonx.AppendString(b, r.Number)
	return append(b, '}'), nil
}

// UnmarshalJSON reads {"FNumber":...} with the key in any case, as View
// answers and templates write it, and a bare string.
func (r *Ref) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*r = Ref{}
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &r.Number)
	}
	var m map[string]duijie.Text
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("kingdee: reference: %w", err)
	}
	r.Number = ""
	for k, v := range m {
		if equalFold(k, "FNumber") {
			r.Number = string(v)
		}
	}
	return nil
}

// Extra holds fields a bill carries beyond the typed ones: custom fields
// (F_XXX_...), flex fields, fields of another version. Values are written
// with encoding/json after the typed fields, in key order; a key that a
// typed field already writes is an error, so nothing is overwritten
// silently.
type Extra map[string]any

// appendExtra writes extra's keys into the JSON object obj.
func appendExtra(obj []byte, extra Extra) ([]byte, error) {
	if len(extra) == 0 {
		return obj, nil
	}
	var present map[string]json.RawMessage
	if err := json.Unmarshal(obj, &present); err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		for p := range present {
			if equalFold(p, k) {
				return nil, fmt.Errorf("kingdee: extra field %q is already set by a typed field", k)
			}
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := bytes.TrimRight(obj, " \n")
	out = out[:len(out)-1] // drop '}'
	for _, k := range keys {
		v, err := marshalNoEscape(extra[k])
		if err != nil {
			return nil, fmt.Errorf("kingdee: extra field %q: %w", k, err)
		}
		if len(present) > 0 || k != keys[0] {
			out = append(out, ',')
		}
		kq, _ := marshalNoEscape(k)
		out = append(out, kq...)
		out = append(out, ':')
		out = append(out, v...)
	}
	return append(out, '}'), nil
}

// marshalNoEscape is json.Marshal without HTML escaping, so Chinese text
// and <>& travel as written.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), nil
}

// equalFold compares ASCII field keys without regard to case, as the
// server matches them.
func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
