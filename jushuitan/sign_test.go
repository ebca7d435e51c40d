package jushuitan

import (
	"crypto/md5"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
)

const (
	vecSecret = "e9c5ca33fecb404b8e6cdbd0ef4a6d25"
	vecAppKey = "5b53060f23d84ddf9703056e84fa5a2d"
	vecToken  = "d7b01bf0842a4742a9450e21ffd95f60"
	vecBiz    = `{"page_index":"1","page_size":"100","nicks":["老板"]}`

	legacyPartnerID  = "ywv5jGT8ge6Pvlq3FZSPol345asd"
	legacyPartnerKey = "ywv5jGT8ge6Pvlq3FZSPol2323"
	legacyToken      = "181ee8952a88f5a57db52587472c3798"
)

// Vector A: the official token request example (docId=70).
func TestSignOpenAPIVectorA(t *testing.T) {
	p := map[string]string{"app_key": vecAppKey, "timestamp": "1639128407", "grant_type": "authorization_code", "charset": "utf-8", "code": "123456"}
	assert.Equal(t, "05e3a51e19e0883afd1882ccd309e0b9", SignOpenAPI(vecSecret, p))
	p["sign"] = "anything"
	assert.Equal(t, "05e3a51e19e0883afd1882ccd309e0b9", SignOpenAPI(vecSecret, p), "sign is not signed")
}

// Vector B: the official business request example (docId=70), Chinese text in biz.
func TestSignOpenAPIVectorB(t *testing.T) {
	p := map[string]string{"app_key": vecAppKey, "access_token": vecToken, "timestamp": "1639128407", "version": "2", "charset": "utf-8", "biz": vecBiz}
	assert.Equal(t, "395f5a78b446be465ac03a02491296c7", SignOpenAPI(vecSecret, p))
}

// Vectors C, F, G: an SDK test and two derived regression cases.
func TestSignOpenAPIOtherVectors(t *testing.T) {
	assert.Equal(t, "706427ca94e342781ac36d501151cb10", SignOpenAPI("secret", map[string]string{"timestamp": "100", "app_key": "app", "charset": "utf-8"}))
	assert.Equal(t, "4fcd2598f1d63af8912f82aba018dab9", SignOpenAPI(vecSecret, map[string]string{
		"app_key": vecAppKey, "timestamp": "1639128407", "grant_type": "refresh_token", "charset": "utf-8",
		"refresh_token": "eb1964a9d142423a9f0de88b97bb38fc", "scope": "all"}))
	assert.Equal(t, "f6a28c76d074aed597f228d14045df52", SignOpenAPI(vecSecret, map[string]string{
		"app_key": vecAppKey, "access_token": vecToken, "timestamp": "1639128407", "version": "2", "charset": "utf-8", "biz": "{}"}))
}

// Vectors D (official example) and E (an SDK test), and derived vector H.
func TestSignLegacyVectors(t *testing.T) {
	assert.Equal(t, "aebf9d0146764d578d9c86e3b7783204", SignLegacy("shops.query", legacyPartnerID, legacyToken, "1540370062", legacyPartnerKey))
	assert.Equal(t, "403697654caffbbfe21a841782b6af8f", SignLegacy("shops.query", legacyPartnerID, legacyToken, "1608000837", legacyPartnerKey))
	assert.Equal(t, "cea9a4dc4e1b8ec9c31173e3eb83ec21", SignLegacy("inventory.query", legacyPartnerID, legacyToken, "1608000837", legacyPartnerKey))
}

func BenchmarkSignOpenAPI(b *testing.B) {
	p := map[string]string{"app_key": vecAppKey, "access_token": vecToken, "timestamp": "1639128407", "version": "2", "charset": "utf-8", "biz": vecBiz}
	b.ReportAllocs()
	for b.Loop() {
		SignOpenAPI(vecSecret, p)
	}
}

func BenchmarkSignLegacy(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		SignLegacy("shops.query", legacyPartnerID, legacyToken, "1540370062", legacyPartnerKey)
	}
}

func FuzzSignOpenAPI(f *testing.F) {
	f.Add(vecSecret, "biz", vecBiz, "timestamp", "1639128407")
	f.Add("", "", "", "sign", "x")
	f.Fuzz(func(t *testing.T, secret, k1, v1, k2, v2 string) {
		p := map[string]string{k1: v1, k2: v2}
		s := SignOpenAPI(secret, p)
		if len(s) != 32 {
			t.Fatalf("sign %q is not 32 hex digits", s)
		}
		if k1 != k2 && s != SignOpenAPI(secret, map[string]string{k2: v2, k1: v1}) {
			t.Fatal("sign depends on map order")
		}
		// The rule written out: secret, then key+value in byte order, "sign" left out.
		if k1 != k2 && k1 != "sign" && k2 != "sign" {
			a, b := k1+v1, k2+v2
			if k2 < k1 {
				a, b = b, a
			}
			if want := md5hex(secret + a + b); s != want {
				t.Fatalf("sign %s, want %s", s, want)
			}
		}
	})
}

func FuzzSignLegacy(f *testing.F) {
	f.Add("shops.query", legacyPartnerID, legacyToken, "1540370062", legacyPartnerKey)
	f.Fuzz(func(t *testing.T, m, p, tok, ts, key string) {
		if s := SignLegacy(m, p, tok, ts, key); len(s) != 32 {
			t.Fatalf("sign %q is not 32 hex digits", s)
		}
	})
}

func TestSigningStringsAreWhatIsSigned(t *testing.T) {
	p := map[string]string{"app_key": vecAppKey, "timestamp": "1639128407", "grant_type": "authorization_code", "charset": "utf-8", "code": "123456", "sign": "x"}
	assert.Equal(t, "app_key5b53060f23d84ddf9703056e84fa5a2dcharsetutf-8code123456grant_typeauthorization_codetimestamp1639128407", OpenAPISigningString(p))
	sum := md5.Sum([]byte(vecSecret + OpenAPISigningString(p)))
	assert.Equal(t, SignOpenAPI(vecSecret, p), hex.EncodeToString(sum[:]))
	assert.Equal(t, "shops.queryywv5jGT8ge6Pvlq3FZSPol345asdtoken181ee8952a88f5a57db52587472c3798ts1540370062",
		LegacySigningString("shops.query", legacyPartnerID, legacyToken, "1540370062"))
}
