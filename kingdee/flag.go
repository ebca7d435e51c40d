package kingdee

import "fmt"

// Flag is an optional boolean option, sent as "true" or "false" as in
// Kingdee's samples; FlagUnset leaves the option out, so the server's
// default applies.
type Flag int8

const (
	// FlagUnset leaves the option to the server's default.
	FlagUnset Flag = iota
	// FlagTrue sends "true".
	FlagTrue
	// FlagFalse sends "false".
	FlagFalse
)

// IsZero reports whether the flag is unset.
func (f Flag) IsZero() bool { return f == FlagUnset }

// MarshalJSON writes "true" or "false" (quoted, as the samples do). An
// unset or unknown flag has no wire value and is an error, never a silent
// "false": leave the field out (the option structs do, with omitzero).
func (f Flag) MarshalJSON() ([]byte, error) {
	switch f {
	case FlagTrue:
		return []byte(`"true"`), nil
	case FlagFalse:
		return []byte(`"false"`), nil
	}
	return nil, fmt.Errorf("kingdee: Flag %d has no wire value; leave the field out for the server's default", int(f))
}
