package mapping

import (
	"time"

	"github.com/duijie/duijie/internal/value"
)

// ParseAmount parses a decimal string such as "12.50"; "" is 0.
func ParseAmount(s string) (Amount, error) { return value.ParseAmount(s) }

// AmountFromInt returns the amount n.
func AmountFromInt(n int64) Amount { return value.AmountFromInt(n) }

// NewTime returns t as a Time.
func NewTime(t time.Time) Time { return value.NewTime(t) }
