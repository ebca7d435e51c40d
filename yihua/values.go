package yihua

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/duijie/duijie"
)

// CST is China Standard Time (UTC+8 all year), the zone of every Time.
var CST = duijie.CST()

// ParseAmount reads a decimal such as "12.50" or "-3".
func ParseAmount(s string) (Amount, error) { return duijie.ParseAmount(s) }

// AmountFromInt returns the whole number n.
func AmountFromInt(n int64) Amount { return duijie.AmountFromInt(n) }

// AmountFromCents returns n hundredths (1999 is 19.99).
func AmountFromCents(n int64) Amount { return duijie.AmountFromCents(n) }

// AmountFromDecimal wraps a shopspring decimal.
func AmountFromDecimal(d decimal.Decimal) Amount { return duijie.AmountFromDecimal(d) }

// NewTime returns t as a Time; it is written in China Standard Time.
func NewTime(t time.Time) Time { return duijie.NewTime(t) }

// DateOf returns the China Standard Time calendar day of t.
func DateOf(t time.Time) Date { return duijie.DateOf(t) }

// ParseDate reads a "2006-01-02" date.
func ParseDate(s string) (Date, error) { return duijie.ParseDate(s) }
