package mapping

import (
	"testing"
	"time"

	"github.com/duijie/duijie"
)

func amt(s string) duijie.Amount {
	a, err := duijie.ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

func cst(y int, m time.Month, d, h, mi, s int) time.Time {
	return time.Date(y, m, d, h, mi, s, 0, duijie.CST())
}

func tm(y int, m time.Month, d, h, mi, s int) duijie.Time {
	return duijie.NewTime(cst(y, m, d, h, mi, s))
}

func eqAmt(t *testing.T, field string, got duijie.Amount, want string) {
	t.Helper()
	if !got.Equal(amt(want)) {
		t.Errorf("%s = %s, want %s", field, got, want)
	}
}
