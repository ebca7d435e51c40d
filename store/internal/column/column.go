// Package column holds the column forms the SQL stores share: times as
// fixed-width UTC text and dates as yyyymmdd numbers.
package column

import (
	"fmt"
	"time"

	"github.com/duijie/duijie"
)

// timeLayout is a fixed-width UTC form: exact to the nanosecond, and its
// text order is the time order.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// Time writes t for a column.
func Time(t time.Time) string { return t.UTC().Format(timeLayout) }

// ParseTime reads a column written by Time; the zero time comes back zero.
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad time %q in the store: %w", s, err)
	}
	if t.IsZero() {
		return time.Time{}, nil
	}
	return t, nil
}

// Day writes a date as yyyymmdd, 0 for the zero date.
func Day(d duijie.Date) int {
	if d.IsZero() {
		return 0
	}
	return d.Year*10000 + int(d.Month)*100 + d.Day
}

// ParseDay reads Day's form.
func ParseDay(n int) duijie.Date {
	if n == 0 {
		return duijie.Date{}
	}
	return duijie.Date{Year: n / 10000, Month: time.Month(n / 100 % 100), Day: n % 100}
}
