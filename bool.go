package duijie

import (
	"bytes"
	"fmt"
	"strings"
)

// Bool is a flag that vendors send in many forms: true/false, 1/0, "true",
// "True", "1", "Y" and "N" (Honor), "" and null (both false). Any other
// value is an error, never a silent false. It encodes as a JSON boolean.
type Bool bool

// UnmarshalJSON accepts a JSON boolean, number or string in the forms above.
func (b *Bool) UnmarshalJSON(data []byte) error {
	s := string(bytes.TrimSpace(data))
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	switch strings.ToLower(s) {
	case "true", "1", "y", "yes":
		*b = true
	case "false", "0", "n", "no", "", "null":
		*b = false
	default:
		return fmt.Errorf("duijie: %q is not a boolean", truncate(data))
	}
	return nil
}

// MarshalJSON writes true or false.
func (b Bool) MarshalJSON() ([]byte, error) {
	if b {
		return []byte("true"), nil
	}
	return []byte("false"), nil
}
