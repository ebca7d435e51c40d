package duijie

import (
	"bytes"

	"github.com/duijie/duijie/internal/jsonx"
)

// Text is a string field that vendors sometimes send as a JSON number
// (status codes, ids). It decodes "abc", 123 (kept digit for digit, never
// through float64) and null, and encodes as a JSON string.
type Text string

// UnmarshalJSON accepts a string, a number, or null.
func (t *Text) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil // as encoding/json does: null leaves the value alone
	}
	s, err := jsonx.Text(b)
	if err != nil {
		return err
	}
	*t = Text(s)
	return nil
}

// String returns the text.
func (t Text) String() string { return string(t) }
