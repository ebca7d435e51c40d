package duijie

import (
	"encoding/json"
	"testing"
)

func FuzzAmountJSON(f *testing.F) {
	for _, s := range []string{`1`, `"2.50"`, `""`, `null`, `-0.0001`, `"1e5"`, `"x"`, `{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var a Amount
		if err := json.Unmarshal(b, &a); err != nil {
			return
		}
		out, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		var back Amount
		if err := json.Unmarshal(out, &back); err != nil || !back.Equal(a) {
			t.Fatalf("round trip of %q: %s -> %v (%v)", b, out, back, err)
		}
	})
}

func FuzzTimeJSON(f *testing.F) {
	for _, s := range []string{`"2024-01-02 03:04:05"`, `"0000-00-00 00:00:00"`, `""`, `null`, `1700000000`, `"2020/3/23 15:54:17"`, `"2024-01-02 03:04:05.123"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var tm Time
		if err := json.Unmarshal(b, &tm); err != nil {
			return
		}
		out, _ := json.Marshal(tm)
		var back Time
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("re-decode of %s: %v", out, err)
		}
		// Encoding keeps whole seconds in CST.
		if !back.Equal(tm.Truncate(1e9)) {
			t.Fatalf("round trip of %q: %v -> %s -> %v", b, tm.Time, out, back.Time)
		}
	})
}

func FuzzDateAndInt64JSON(f *testing.F) {
	for _, s := range []string{`"2024-02-29"`, `""`, `null`, `"0000-00-00"`, `12`, `"12"`, `"-5"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var d Date
		if json.Unmarshal(b, &d) == nil {
			out, _ := json.Marshal(d)
			var back Date
			if err := json.Unmarshal(out, &back); err != nil || back != d {
				t.Fatalf("date round trip of %q: %v -> %s -> %v (%v)", b, d, out, back, err)
			}
		}
		var n Int64
		if json.Unmarshal(b, &n) == nil {
			out, _ := json.Marshal(n)
			var back Int64
			if err := json.Unmarshal(out, &back); err != nil || back != n {
				t.Fatalf("int64 round trip of %q", b)
			}
		}
	})
}
