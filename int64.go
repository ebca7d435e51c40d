package duijie

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
)

// Int64 is an integer id or count that vendors send either as 123 or as
// "123". "" and null decode as 0. It encodes as a JSON number.
type Int64 int64

// MarshalJSON writes the number unquoted.
func (n Int64) MarshalJSON() ([]byte, error) { return strconv.AppendInt(nil, int64(n), 10), nil }

// UnmarshalJSON accepts 123, "123", "" and null.
func (n *Int64) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("duijie: int64: %w", err)
		}
		b = bytes.TrimSpace([]byte(s))
		if len(b) == 0 {
			*n = 0
			return nil
		}
	}
	v, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return fmt.Errorf("duijie: %q is not an integer", truncate(b))
	}
	*n = Int64(v)
	return nil
}

// String returns the decimal form.
func (n Int64) String() string { return strconv.FormatInt(int64(n), 10) }

// EncodeValues implements go-querystring's Encoder.
func (n Int64) EncodeValues(key string, v *url.Values) error {
	v.Set(key, n.String())
	return nil
}
