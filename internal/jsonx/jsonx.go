// Package jsonx holds the SDK's one copy of each JSON helper the vendors
// share: the decoder of the flexible scalars vendors send (text that may
// come as a string or a number, flags in many spellings), the root
// package's Text and Bool decode through it; Object, a one-pass check of an
// answer that hands back its top-level members so an envelope is read
// without a second parse (it accepts exactly what encoding/json accepts,
// which its fuzz test holds it to); and AppendString, encoding/json's
// string form written into a caller's buffer.
package jsonx

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text decodes a JSON string, a JSON number (kept digit for digit, never
// through float64) or null ("") as text.
func Text(b []byte) (string, error) {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		return "", nil
	case b[0] == '"':
		if s, ok := PlainString(b); ok {
			return s, nil
		}
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return "", fmt.Errorf("duijie: text: %w", err)
		}
		return s, nil
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		if !json.Valid(b) {
			return "", fmt.Errorf("duijie: %q is not a JSON number", Sample(b))
		}
		return string(b), nil
	}
	return "", fmt.Errorf("duijie: %q is neither a string nor a number", Sample(b))
}

// PlainString returns the text of a JSON string that needs no unquoting: no
// escape, no control character, valid UTF-8. ok is false for anything else
// (decode that with encoding/json), so the two always agree.
func PlainString(b []byte) (s string, ok bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	in := b[1 : len(b)-1]
	for _, c := range in {
		if c < 0x20 || c == '"' || c == '\\' {
			return "", false
		}
	}
	if !utf8.Valid(in) {
		return "", false
	}
	return string(in), true
}

// TextOr is Text for envelope fields a vendor may fill with anything: a
// value Text refuses (true, an object) is returned as its JSON text.
func TextOr(b []byte) string {
	if s, err := Text(b); err == nil {
		return s
	}
	return string(bytes.TrimSpace(b))
}

// Bool decodes true/false, 1/0, "true", "True", "1", "Y"/"N", "yes"/"no",
// "" and null (false). Anything else is an error, never a silent false.
func Bool(b []byte) (bool, error) {
	s := string(bytes.TrimSpace(b))
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	switch strings.ToLower(s) {
	case "true", "1", "y", "yes":
		return true, nil
	case "false", "0", "n", "no", "", "null":
		return false, nil
	}
	return false, fmt.Errorf("duijie: %q is not a boolean", Sample(b))
}

// Sample is b cut to 32 bytes, for error messages.
func Sample(b []byte) string {
	if len(b) > 32 {
		return string(b[:32]) + "..."
	}
	return string(b)
}
