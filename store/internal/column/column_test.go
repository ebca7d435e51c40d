package column

import (
	"testing"
	"time"

	"github.com/duijie/duijie"
)

func TestTimeRoundTripsAndSortsAsText(t *testing.T) {
	a := time.Date(2026, 12, 3, 10, 0, 0, 5, time.FixedZone("CST", 8*3600))
	b := a.Add(time.Nanosecond)
	if Time(a) >= Time(b) {
		t.Fatalf("text order %q, %q is not the time order", Time(a), Time(b))
	}
	got, err := ParseTime(Time(a))
	if err != nil || !got.Equal(a) {
		t.Fatalf("ParseTime(Time(a)) = %v, %v", got, err)
	}
	if z, err := ParseTime(Time(time.Time{})); err != nil || !z.IsZero() {
		t.Fatalf("the zero time came back as %v, %v", z, err)
	}
	if _, err := ParseTime("2026-12-03"); err == nil {
		t.Fatal("a bad time was read")
	}
}

func TestDayRoundTrips(t *testing.T) {
	d := duijie.Date{Year: 2026, Month: time.December, Day: 3}
	if Day(d) != 20261203 || ParseDay(Day(d)) != d {
		t.Fatalf("Day = %d, ParseDay = %v", Day(d), ParseDay(Day(d)))
	}
	if Day(duijie.Date{}) != 0 || !ParseDay(0).IsZero() {
		t.Fatal("the zero date does not round-trip")
	}
}
