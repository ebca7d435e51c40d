package jushuitan

import (
	"math/rand/v2"
	"net/url"
	"testing"

	"github.com/duijie/duijie/internal/form"
)

func TestAppendQueryEscapeIsQueryEscape(t *testing.T) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	inputs := []string{"", " ", "a b+c&d=e", `{"so_id":"SO 1","name":"手机"}`, string(all)}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		b := make([]byte, r.IntN(64))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		inputs = append(inputs, string(b))
	}
	for _, s := range inputs {
		want := url.QueryEscape(s)
		if got := string(form.AppendEscaped(nil, s)); got != want {
			t.Fatalf("form.AppendEscaped(%q) = %q, want %q", s, got, want)
		}
		if got := string(form.AppendEscaped([]byte("x="), []byte(s))); got != "x="+want {
			t.Fatalf("form.AppendEscaped(bytes %q) = %q, want %q", s, got, "x="+want)
		}
		if n := form.EscapedLen(s); n != len(want) {
			t.Fatalf("form.EscapedLen(%q) = %d, want %d", s, n, len(want))
		}
	}
}

func TestSignBusinessIsSignOpenAPI(t *testing.T) {
	for _, biz := range []string{"{}", `[{"so_id":"SO1","name":"手机 壳"}]`, ""} {
		params := map[string]string{"app_key": "k", "access_token": "tok", "timestamp": "1639128407", "version": "2", "charset": "utf-8", "biz": biz}
		if got, want := signBusiness("secret", "tok", "k", "1639128407", []byte(biz)), SignOpenAPI("secret", params); got != want {
			t.Fatalf("biz %q: signBusiness %s, SignOpenAPI %s", biz, got, want)
		}
	}
}

func TestBusinessFormIsValuesEncode(t *testing.T) {
	biz := []byte(`{"a":"b c&d","e":"手机"}`)
	f := formWriter{}
	f.grow(0)
	f.add("access_token", "t k")
	f.add("app_key", "a+b")
	addBytes(&f, "biz", biz)
	f.add("charset", "utf-8")
	want := url.Values{"access_token": {"t k"}, "app_key": {"a+b"}, "biz": {string(biz)}, "charset": {"utf-8"}}.Encode()
	if string(f.b) != want {
		t.Fatalf("form %q, want %q", f.b, want)
	}
}
