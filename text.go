package duijie

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Text is a string field that vendors sometimes send as a JSON number
// (status codes, ids). It decodes "abc", 123 (kept digit for digit, never
// through float64) and null, and encodes as a JSON string.
type Text string

// UnmarshalJSON accepts a string, a number, or null.
func (t *Text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("duijie: text: %w", err)
		}
		*t = Text(s)
		return nil
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		if !json.Valid(b) {
			return fmt.Errorf("duijie: %q is not a JSON number", truncate(b))
		}
		*t = Text(b)
		return nil
	}
	return fmt.Errorf("duijie: %q is neither a string nor a number", truncate(b))
}

// String returns the text.
func (t Text) String() string { return string(t) }
