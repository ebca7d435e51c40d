package duijie

import (
	"log/slog"

	"github.com/duijie/duijie/internal/redact"
)

// Secret is a credential (app secret, token, password). It prints as
// [REDACTED] through fmt, slog and JSON; Reveal returns the value.
type Secret string

// String returns [REDACTED] (or "" for an empty secret).
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redact.Mask
}

// GoString returns [REDACTED] for %#v.
func (s Secret) GoString() string { return `"` + s.String() + `"` }

// LogValue returns [REDACTED] for slog.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON writes "[REDACTED]" so a config dumped as JSON leaks nothing.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + s.String() + `"`), nil }

// Reveal returns the secret's value, for signing.
func (s Secret) Reveal() string { return string(s) }
