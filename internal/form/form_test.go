package form

import (
	"net/url"
	"testing"
)

func FuzzAppendEscapedIsQueryEscape(f *testing.F) {
	for _, s := range []string{"", "a b", "中文&=+%", "\x00\xff", "~-._AZaz09"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := url.QueryEscape(s)
		if got := string(AppendEscaped([]byte("x"), s)); got != "x"+want {
			t.Fatalf("AppendEscaped(%q) = %q, want %q", s, got[1:], want)
		}
		if got := string(AppendEscaped(nil, []byte(s))); got != want {
			t.Fatalf("AppendEscaped([]byte %q) = %q, want %q", s, got, want)
		}
		if n := EscapedLen(s); n != len(want) {
			t.Fatalf("EscapedLen(%q) = %d, want %d", s, n, len(want))
		}
	})
}
