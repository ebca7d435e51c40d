package mapping

import (
	"time"

	"github.com/duijie/duijie"
)

// ParseAmount parses a decimal string such as "12.50"; "" is 0.
func ParseAmount(s string) (Amount, error) { return duijie.ParseAmount(s) }

// AmountFromInt returns the amount n.
func AmountFromInt(n int64) Amount { return duijie.AmountFromInt(n) }

// NewTime returns t as a Time.
func NewTime(t time.Time) Time { return duijie.NewTime(t) }
