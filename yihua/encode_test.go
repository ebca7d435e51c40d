package yihua

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"

	"github.com/duijie/duijie"
)

func TestAmountWriter(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0.0000", "12": "12.0000", "-3": "-3.0000", "79.8": "79.8", "0.0": "0.0", "0.0000": "0.0000",
		"-0.5": "-0.5", "0.0005": "0.0005", "-0.0005": "-0.0005", "106.4000": "106.4000", "1.23450": "1.2345",
		"1.23456": "1.2346", "-1.23455": "-1.2346", "1e3": "1000.0000", "99999999999999.9999": "99999999999999.9999",
		"123456789012345678901234567890.12": "123456789012345678901234567890.12", "99999999999999": "99999999999999.0000",
		"999999999999999": "999999999999999.0000",
	} {
		assert.Equal(t, want, FormatMoney(amt(in)), in)
	}
	for in, want := range map[string]string{"1": "1", "2.50": "2.50", "0": "0", "1e2": "100", "0.00001": "0.0000"} {
		assert.Equal(t, want, FormatQuantity(amt(in)), in)
	}
	assert.Equal(t, "0.0000", FormatMoney(duijie.Amount{}))
	assert.Equal(t, "12.50", FormatMoney(duijie.AmountFromCents(1250)), "the caller's scale is kept")
	a, buf := amt("106.4000"), make([]byte, 0, 64)
	assert.Zero(t, testing.AllocsPerRun(100, func() { buf = appendAmount(buf[:0], a, moneyScale) }))
}

func FuzzAmountWriter(f *testing.F) {
	for _, s := range []string{"0", "79.8", "-0.0005", "1e3", "123456789012345678901234567890.12", "1.23456", "-9223372036854775808"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := decimal.NewFromString(s)
		if err != nil || len(s) > 80 || d.Exponent() > 100 || d.Exponent() < -100 {
			return
		}
		a := duijie.AmountFromDecimal(d)
		for _, def := range []int32{0, moneyScale} {
			want := d.Round(moneyScale)
			scale := -want.Exponent()
			if d.Exponent() >= -moneyScale {
				want, scale = d, -d.Exponent()
			}
			if scale <= 0 {
				scale = def
			}
			if got := string(appendAmount(nil, a, def)); got != want.StringFixed(scale) {
				t.Fatalf("%s with default scale %d: got %s, want %s", s, def, got, want.StringFixed(scale))
			}
		}
	})
}
