package psi

import (
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/duijie/duijie/honor"
)

func TestPreviousDay(t *testing.T) {
	cases := []struct {
		now  time.Time
		want string
	}{
		{cst(2024, 3, 2, 0, 0, 0), "2024-03-01"},
		{cst(2024, 3, 2, 2, 30, 0), "2024-03-01"},
		{cst(2024, 3, 1, 23, 59, 59), "2024-02-29"},
		{cst(2024, 1, 1, 0, 10, 0), "2023-12-31"},
		// 2024-03-01 16:30 UTC is already 2024-03-02 00:30 in China.
		{time.Date(2024, 3, 1, 16, 30, 0, 0, time.UTC), "2024-03-01"},
		{time.Date(2024, 3, 1, 15, 59, 59, 0, time.UTC), "2024-02-29"},
	}
	for _, c := range cases {
		if got := PreviousDay(c.now).String(); got != c.want {
			t.Errorf("PreviousDay(%v) = %s, want %s", c.now, got, c.want)
		}
	}
	if got := DayOf(time.Date(2024, 3, 1, 16, 0, 0, 0, time.UTC)).String(); got != "2024-03-02" {
		t.Errorf("DayOf = %s", got)
	}
}

func TestDailyBatchDayBoundaries(t *testing.T) {
	sel := NewSelector(fullConfig)
	at := func(no string, t time.Time) Document {
		d := doc(no, honor.PSIWholesaleOut, "VF", enabledLine("S-"+no))
		d.Time = t
		return d
	}
	docs := []Document{
		at("late", cst(2024, 3, 1, 23, 59, 59)),
		at("before", cst(2024, 2, 29, 23, 59, 59)),
		at("midnight", cst(2024, 3, 1, 0, 0, 0)),
		at("next", cst(2024, 3, 2, 0, 0, 0)),
		at("utc", time.Date(2024, 3, 1, 15, 30, 0, 0, time.UTC)), // 23:30 CST
		at("utc-next", time.Date(2024, 3, 1, 16, 0, 0, 0, time.UTC)),
		at("b-noon", cst(2024, 3, 1, 12, 0, 0)),
		at("a-noon", cst(2024, 3, 1, 12, 0, 0)),
	}
	b := sel.DailyBatch(PreviousDay(cst(2024, 3, 2, 1, 0, 0)), docs)
	if b.Day.String() != "2024-03-01" {
		t.Fatalf("Day = %s", b.Day)
	}
	var nos []string
	for _, r := range b.Records {
		nos = append(nos, r.DocNo)
	}
	if want := []string{"midnight", "a-noon", "b-noon", "utc", "late"}; !reflect.DeepEqual(nos, want) {
		t.Errorf("documents %v, want %v", nos, want)
	}
	if want := []string{"before", "next", "utc-next"}; !reflect.DeepEqual(b.OtherDays, want) {
		t.Errorf("OtherDays %v, want %v", b.OtherDays, want)
	}
}

func TestRequestsKeepDocumentsTogether(t *testing.T) {
	rec := func(doc string, n int) []honor.PSIRecord {
		out := make([]honor.PSIRecord, n)
		for i := range out {
			out[i] = honor.PSIRecord{DocNo: doc, Serial: doc + strconv.Itoa(i)}
		}
		return out
	}
	cases := []struct {
		name  string
		docs  []int
		max   int
		sizes []int
	}{
		{"all fit", []int{2, 3}, 10, []int{5}},
		{"second document moves whole", []int{3, 3}, 4, []int{3, 3}},
		{"large document is cut", []int{1, 9, 1}, 4, []int{1, 4, 4, 2}},
		{"exact fill", []int{2, 2, 2}, 4, []int{4, 2}},
		{"nothing", nil, 4, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var all []honor.PSIRecord
			for i, n := range c.docs {
				all = append(all, rec(string(rune('A'+i)), n)...)
			}
			var sizes []int
			total := 0
			for _, r := range chunk(all, c.max) {
				sizes = append(sizes, len(r.Records))
				for _, x := range r.Records {
					if x != all[total] {
						t.Fatalf("record %d out of order", total)
					}
					total++
				}
			}
			if !reflect.DeepEqual(sizes, c.sizes) || total != len(all) {
				t.Errorf("sizes %v (total %d), want %v", sizes, total, c.sizes)
			}
		})
	}
	var many []honor.PSIRecord
	for i := range 450 {
		many = append(many, honor.PSIRecord{DocNo: "D" + strconv.Itoa(i/3), Serial: strconv.Itoa(i)})
	}
	for _, r := range (Selection{Records: many}).Requests() {
		if len(r.Records) > honor.MaxPSIBatch {
			t.Errorf("request of %d records", len(r.Records))
		}
	}
}
