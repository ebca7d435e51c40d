package duijie

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// cst is China Standard Time, UTC+8 all year. It is a fixed zone, so no
// tzdata is needed.
var cst = time.FixedZone("CST", 8*3600)

// CST returns China Standard Time (UTC+8 all year, no tzdata needed), the
// zone every Time is written in.
func CST() *time.Location { return cst }

// Layouts the vendors use.
const (
	// LayoutDateTime is the common "2006-01-02 15:04:05".
	LayoutDateTime = "2006-01-02 15:04:05"
	// LayoutDate is a date alone.
	LayoutDate = "2006-01-02"
)

// parseLayouts are tried in order when decoding a time.
var parseLayouts = []string{
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	time.RFC3339Nano,
	"2006/1/2 15:04:05.999999999",
	"2006/1/2 15:04",
	"2006-01-02 15:04",
	LayoutDate,
	"2006/1/2",
}

// Time is an instant that vendors write as "2006-01-02 15:04:05" in China
// Standard Time. It decodes "", null and "0000-00-00 00:00:00" as the zero
// time, fractional seconds, RFC 3339, slashed dates ("2020/3/23 15:54:17")
// and Unix seconds or milliseconds given as a JSON number. It encodes as
// "2006-01-02 15:04:05" in CST, and the zero time as "".
type Time struct {
	time.Time
}

// NewTime returns t as a Time.
func NewTime(t time.Time) Time { return Time{Time: t} }

// ParseTime parses s in any accepted layout, in CST unless s names a zone.
func ParseTime(s string) (Time, error) {
	s = strings.TrimSpace(s)
	if isZeroText(s) {
		return Time{}, nil
	}
	for _, layout := range parseLayouts {
		if t, err := time.ParseInLocation(layout, s, cst); err == nil {
			return Time{Time: t}, nil
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if t := fromUnix(n); t.IsZero() || (t.Year() >= 1 && t.Year() <= 9999) {
			return t, nil
		}
	}
	return Time{}, fmt.Errorf("duijie: %q is not a time", truncate([]byte(s)))
}

// fromUnix reads seconds, or milliseconds when the number is too large to be
// seconds of a plausible year.
func fromUnix(n int64) Time {
	if n == 0 {
		return Time{}
	}
	if n > 1e11 || n < -1e11 {
		return Time{Time: time.UnixMilli(n).In(cst)}
	}
	return Time{Time: time.Unix(n, 0).In(cst)}
}

func isZeroText(s string) bool {
	return s == "" || strings.HasPrefix(s, "0000-00-00") || strings.HasPrefix(s, "0001-01-01 00:00:00")
}

// Format formats the time with layout in CST; the zero time is "".
func (t Time) Format(layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.In(cst).Format(layout)
}

// String returns "2006-01-02 15:04:05" in CST, or "" for the zero time.
func (t Time) String() string { return t.Format(LayoutDateTime) }

// MarshalJSON writes "2006-01-02 15:04:05" in CST, or "" for the zero time.
func (t Time) MarshalJSON() ([]byte, error) {
	return strconv.AppendQuote(nil, t.String()), nil
}

// UnmarshalJSON accepts a string in any accepted layout, a Unix number, "" and null.
func (t *Time) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	var s string
	if b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("duijie: time: %w", err)
		}
	} else {
		s = string(b)
	}
	v, err := ParseTime(s)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// MarshalText writes the same form as String.
func (t Time) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText parses any accepted layout.
func (t *Time) UnmarshalText(b []byte) error {
	v, err := ParseTime(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// EncodeValues implements go-querystring's Encoder: "2006-01-02 15:04:05" in
// CST, and nothing at all for the zero time.
func (t Time) EncodeValues(key string, v *url.Values) error {
	if !t.IsZero() {
		v.Set(key, t.String())
	}
	return nil
}

// Date is a calendar day, written "2006-01-02". "", null and "0000-00-00"
// decode as the zero date.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the day t falls on in CST.
func DateOf(t time.Time) Date {
	y, m, d := t.In(cst).Date()
	return Date{Year: y, Month: m, Day: d}
}

// ParseDate parses "2006-01-02" (a time part, if any, is ignored).
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if isZeroText(s) {
		return Date{}, nil
	}
	t, err := ParseTime(s)
	if err != nil {
		return Date{}, fmt.Errorf("duijie: %q is not a date", truncate([]byte(s)))
	}
	return DateOf(t.Time), nil
}

// IsZero reports whether d is the zero date.
func (d Date) IsZero() bool { return d == Date{} }

// Start returns midnight CST at the start of d.
func (d Date) Start() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, cst) }

// AddDays returns the date n days later (or earlier for negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.Start().AddDate(0, 0, n)) }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Start().Before(e.Start()) }

// String returns "2006-01-02", or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Start().Format(LayoutDate)
}

// MarshalJSON writes "2006-01-02", or "" for the zero date.
func (d Date) MarshalJSON() ([]byte, error) { return strconv.AppendQuote(nil, d.String()), nil }

// UnmarshalJSON accepts "2006-01-02", "", null and "0000-00-00".
func (d *Date) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duijie: date must be a string: %w", err)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// EncodeValues implements go-querystring's Encoder; the zero date is left out.
func (d Date) EncodeValues(key string, v *url.Values) error {
	if !d.IsZero() {
		v.Set(key, d.String())
	}
	return nil
}
