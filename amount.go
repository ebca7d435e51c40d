package duijie

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/duijie/duijie/internal/jsonx"

	"github.com/shopspring/decimal"
)

// Amount is an exact decimal for money and quantities. The zero value is 0.
//
// It decodes a JSON number, a quoted number, "" and null (the last two as 0)
// and encodes as a JSON number in its shortest exact form. Vendors that want a
// fixed scale or a quoted string use Fixed or AppendJSON at the point where the
// wire form is decided. Package-level switches of shopspring/decimal are never
// touched.
type Amount struct {
	d decimal.Decimal
}

// AmountFromInt returns the amount n.
func AmountFromInt(n int64) Amount { return Amount{d: decimal.NewFromInt(n)} }

// AmountFromDecimal wraps a shopspring decimal.
func AmountFromDecimal(d decimal.Decimal) Amount { return Amount{d: d} }

// AmountFromCents returns n/100, the usual way to turn fen into yuan.
func AmountFromCents(n int64) Amount { return Amount{d: decimal.New(n, -2)} }

// ParseAmount parses a decimal string such as "12.50" or "-3". Surrounding
// spaces are ignored; an empty string is 0.
func ParseAmount(s string) (Amount, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Amount{}, nil
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Amount{}, fmt.Errorf("duijie: %q is not a decimal amount", s)
	}
	return Amount{d: d}, nil
}

// Decimal returns the amount as a shopspring decimal.
func (a Amount) Decimal() decimal.Decimal { return a.d }

// String returns the shortest exact decimal form, e.g. "12.5".
func (a Amount) String() string { return a.d.String() }

// Fixed returns the amount rounded half away from zero to scale places and
// always written with exactly that many, e.g. Fixed(4) of 12.5 is "12.5000".
func (a Amount) Fixed(scale int32) string { return a.d.StringFixed(scale) }

// IsZero reports whether the amount is 0.
func (a Amount) IsZero() bool { return a.d.IsZero() }

// Ptr returns a pointer to a copy of a, for optional fields such as a tax
// rate that is left out of the wire when nil.
func (a Amount) Ptr() *Amount { return &a }

// IsNegative reports whether the amount is below 0.
func (a Amount) IsNegative() bool { return a.d.IsNegative() }

// Sign returns -1, 0 or +1 as the amount is below, at or above 0.
func (a Amount) Sign() int { return a.d.Sign() }

// Equal reports whether a and b are the same number (1.0 equals 1.00).
func (a Amount) Equal(b Amount) bool { return a.d.Equal(b.d) }

// Cmp compares a and b: -1, 0 or +1.
func (a Amount) Cmp(b Amount) int { return a.d.Cmp(b.d) }

// Add returns a+b.
func (a Amount) Add(b Amount) Amount { return Amount{d: a.d.Add(b.d)} }

// Sub returns a-b.
func (a Amount) Sub(b Amount) Amount { return Amount{d: a.d.Sub(b.d)} }

// Mul returns a*b.
func (a Amount) Mul(b Amount) Amount { return Amount{d: a.d.Mul(b.d)} }

// Neg returns -a.
func (a Amount) Neg() Amount { return Amount{d: a.d.Neg()} }

// Round returns a rounded half away from zero to scale places.
func (a Amount) Round(scale int32) Amount { return Amount{d: a.d.Round(scale)} }

// AppendJSON appends the amount to dst as JSON with the given scale (a
// negative scale keeps the exact form), quoted when quoted is true.
func (a Amount) AppendJSON(dst []byte, scale int32, quoted bool) []byte {
	s := a.d.String()
	if scale >= 0 {
		s = a.d.StringFixed(scale)
	}
	if quoted {
		dst = append(dst, '"')
		dst = append(dst, s...)
		return append(dst, '"')
	}
	return append(dst, s...)
}

// MarshalJSON writes the amount as a JSON number in its exact form.
func (a Amount) MarshalJSON() ([]byte, error) { return a.AppendJSON(nil, -1, false), nil }

// UnmarshalJSON accepts 12.5, "12.5", "" and null.
func (a *Amount) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("duijie: amount: %w", err)
		}
		v, err := ParseAmount(s)
		if err != nil {
			return err
		}
		*a = v
		return nil
	}
	if !json.Valid(b) {
		return fmt.Errorf("duijie: %q is not a JSON amount", truncate(b))
	}
	v, err := ParseAmount(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// MarshalText writes the exact decimal form.
func (a Amount) MarshalText() ([]byte, error) { return []byte(a.d.String()), nil }

// UnmarshalText parses a decimal string; empty is 0.
func (a *Amount) UnmarshalText(b []byte) error {
	v, err := ParseAmount(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// EncodeValues implements go-querystring's Encoder with the exact form, never
// the exponent notation a float would produce.
func (a Amount) EncodeValues(key string, v *url.Values) error {
	v.Set(key, a.d.String())
	return nil
}

func truncate(b []byte) string { return jsonx.Sample(b) }
