package jsonx

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func FuzzAppendStringIsEncodingJSON(f *testing.F) {
	for _, s := range []string{"", `a"b\c`, "\x00\x1f\b\f\n\r\t", "中文\u2028\u2029", "\xff\xfe bad", "<>&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		got := AppendString([]byte("x"), s)
		if string(got[1:])+"\n" != want.String() {
			t.Fatalf("AppendString(%q) = %s, want %s", s, got[1:], want.String())
		}
		if n := StringLen(s); utf8.ValidString(s) && n < len(got)-1 {
			t.Fatalf("StringLen(%q) = %d, wrote %d", s, n, len(got)-1)
		}
	})
}
