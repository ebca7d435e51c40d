package redact

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestRedactEverySecretKind(t *testing.T) {
	r := New("app-secret-123", "tok/en+value")
	cases := map[string]string{
		"known secret in text":       "bad key app-secret-123 used",
		"query-escaped known secret": "token=" + url.QueryEscape("tok/en+value"),
		"form sign":                  "app_key=k&sign=0a1b2c3d&timestamp=1",
		"json token":                 `{"access_token":"abc999","code":0}`,
		"json number password":       `{"password":123456}`,
		"xml phone":                  `<master BuyerPhone="021-5555" BuyerAddress="上海市 1号"/>`,
		"mobile in prose":            "收货人电话13812345678请联系",
		"mobile with +86":            "tel +8613812345678",
		"json address":               `{"receiver_address":"北京市朝阳区"}`,
		"header style signature":     "X-Api-Signature=ZmFrZQ==",
	}
	leaks := []string{"app-secret-123", "tok/en+value", url.QueryEscape("tok/en+value"), "0a1b2c3d", "abc999", "123456", "021-5555", "上海市", "13812345678", "北京市", "ZmFrZQ"}
	for name, in := range cases {
		out := r.String(in)
		for _, l := range leaks {
			assert.NotContains(t, out, l, name)
		}
		assert.Contains(t, out, Mask, name)
	}
	// Ordinary values stay.
	assert.Equal(t, `{"so_id":"SO1","shop_id":10}`, r.String(`{"so_id":"SO1","shop_id":10}`))
	assert.Equal(t, "sign_method=md5&page=1", r.String("sign_method=md5&page=1"))
	assert.Equal(t, "order 2024010112345678901", r.String("order 2024010112345678901"))
}

func TestRedactURLAndBytes(t *testing.T) {
	r := New()
	u, _ := url.Parse("https://user:pw@h/api?method=m&token=abc&sign=def&partnerid=p")
	got := r.URL(u)
	assert.NotContains(t, got, "abc")
	assert.NotContains(t, got, "def")
	assert.NotContains(t, got, "pw")
	assert.Contains(t, got, "partnerid=p")
	s := r.Bytes([]byte(strings.Repeat("界", 300)), 512)
	assert.LessOrEqual(t, len(s), 512)
	assert.True(t, utf8.ValidString(s))
}

func FuzzRedactNeverLeaksSecret(f *testing.F) {
	f.Add("prefix ", " suffix")
	f.Add(`{"a":"`, `"}`)
	f.Fuzz(func(t *testing.T, before, after string) {
		r := New("Zq9-secret-Zq9")
		out := r.String(before + "Zq9-secret-Zq9" + after)
		if strings.Contains(out, "Zq9-secret-Zq9") {
			t.Fatalf("secret leaked: %q", out)
		}
	})
}
