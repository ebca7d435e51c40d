package honor

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The vectors below were computed outside Go (Python's hmac module, and
// `openssl dgst -sha256 -hmac k` for the first) from the rule in the doc.
func TestSignHMACSHA256GoldenVectors(t *testing.T) {
	cases := []struct {
		name   string
		params map[string]string
		key    string
		str    string
		sign   string
	}{
		{
			name:   "sorted, sign and empty values left out",
			params: map[string]string{"b": "2", "a": "1", "sign": "x", "c": ""},
			key:    "k",
			str:    "a=1&b=2",
			sign:   "ACAA976E196269880B8B3898A5EC2F3881696E4570890E89538BA5A0CBFE2829",
		},
		{
			name: "an order query as the client sends it",
			params: map[string]string{
				"method":         "honor.vf.order.query",
				"biz_content":    `{"start_modified":"2026-11-22 10:00:00","end_modified":"2026-11-22 10:05:00","page_no":1,"page_size":50}`,
				"app_id":         "honor-test-app",
				"shop_no":        "SHOP-TEST-01",
				"distributor_id": "PD-440000-01",
				"timestamp":      "1795831200000",
				"nonce":          "0123456789abcdef",
				"sign_method":    "HMAC-SHA256",
			},
			key:  "honor-test-appkey-0001",
			str:  `app_id=honor-test-app&biz_content={"start_modified":"2026-11-22 10:00:00","end_modified":"2026-11-22 10:05:00","page_no":1,"page_size":50}&distributor_id=PD-440000-01&method=honor.vf.order.query&nonce=0123456789abcdef&shop_no=SHOP-TEST-01&sign_method=HMAC-SHA256&timestamp=1795831200000`,
			sign: "55CED7BEF058E60AD639908074B0A3B9843A3B1238931A849CD15F436710F769",
		},
		{
			name:   "byte order (upper case first), UTF-8, '&' and '=' inside values not escaped",
			params: map[string]string{"remark": "荣耀 测试&x=1", "app_id": "A1", "Zeta": "z", "sign": "old"},
			key:    "密钥key",
			str:    "Zeta=z&app_id=A1&remark=荣耀 测试&x=1",
			sign:   "1858C9FC50705E61760E02A0D82978D5EFB3EDF19AC40CDD51B6BC104B4B2E60",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.str, SigningString(tc.params))
			assert.Equal(t, tc.sign, SignHMACSHA256(tc.params, tc.key))
		})
	}
}

func TestDefaultSignerAddsEveryCommonParameter(t *testing.T) {
	params := map[string]string{
		"method":      "honor.vf.order.query",
		"biz_content": `{"start_modified":"2026-11-22 10:00:00","end_modified":"2026-11-22 10:05:00","page_no":1,"page_size":50}`,
		"sign":        "stale",
	}
	cred := Credentials{AppID: "honor-test-app", AppKey: "honor-test-appkey-0001", ShopNo: "SHOP-TEST-01", ProvinceDistributorID: "PD-440000-01"}
	require.NoError(t, DefaultSigner{}.Sign(params, cred, time.UnixMilli(1795831200000), "0123456789abcdef"))
	assert.Equal(t, map[string]string{
		"method":         "honor.vf.order.query",
		"biz_content":    `{"start_modified":"2026-11-22 10:00:00","end_modified":"2026-11-22 10:05:00","page_no":1,"page_size":50}`,
		"app_id":         "honor-test-app",
		"shop_no":        "SHOP-TEST-01",
		"distributor_id": "PD-440000-01",
		"timestamp":      "1795831200000",
		"nonce":          "0123456789abcdef",
		"sign_method":    "HMAC-SHA256",
		"sign":           "55CED7BEF058E60AD639908074B0A3B9843A3B1238931A849CD15F436710F769",
	}, params)
}

func TestSignerFunc(t *testing.T) {
	var got Credentials
	s := SignerFunc(func(p map[string]string, c Credentials, at time.Time, nonce string) error {
		got = c
		p["token"] = c.AppKey.Reveal() + nonce
		return nil
	})
	p := map[string]string{}
	require.NoError(t, s.Sign(p, Credentials{AppID: "a", AppKey: "k"}, time.Time{}, "n"))
	assert.Equal(t, "kn", p["token"])
	assert.Equal(t, "a", got.AppID)
}

func BenchmarkSignHMACSHA256(b *testing.B) {
	params := map[string]string{
		"method":         "honor.psi.serial.upload",
		"biz_content":    `{"records":[{"doc_no":"PF2026112200001","doc_type":"wholesale_out","serial":"868123456789012"}]}`,
		"app_id":         "honor-test-app",
		"shop_no":        "SHOP-TEST-01",
		"distributor_id": "PD-440000-01",
		"timestamp":      "1795831200000",
		"nonce":          "0123456789abcdef",
		"sign_method":    "HMAC-SHA256",
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = SignHMACSHA256(params, "honor-test-appkey-0001")
	}
}

func BenchmarkSignDefaultSigner(b *testing.B) {
	cred := Credentials{AppID: "honor-test-app", AppKey: "honor-test-appkey-0001", ShopNo: "SHOP-TEST-01", ProvinceDistributorID: "PD-440000-01"}
	at := time.UnixMilli(1795831200000)
	b.ReportAllocs()
	for b.Loop() {
		p := map[string]string{"method": "honor.vf.goods.query", "biz_content": `{"page_no":1,"page_size":50}`}
		_ = DefaultSigner{}.Sign(p, cred, at, "0123456789abcdef")
	}
}

// TestSignedListIsTheSignedMap holds the default signer's list form, which
// the client sends, to Sign on a map listed in key order, for operations
// with and without a method or biz_content and credentials with empty or
// unusual values.
func TestSignedListIsTheSignedMap(t *testing.T) {
	at := time.UnixMilli(1795831200123)
	creds := []Credentials{
		{AppID: "honor-test-app", AppKey: "k", ShopNo: "SHOP-1", ProvinceDistributorID: "PD-1"},
		{AppID: "A&B=C", AppKey: "密钥", ShopNo: "店 1", ProvinceDistributorID: ""},
		{AppID: "", AppKey: "", ShopNo: "", ProvinceDistributorID: "x"},
	}
	opsList := [][]param{
		nil,
		{{ParamMethod, "honor.vf.order.query"}},
		{{ParamBizContent, `{"a":"荣耀&x=1"}`}},
		{{ParamMethod, "honor.psi.upload"}, {ParamBizContent, `{"records":[]}`}},
		{{ParamMethod, ""}, {ParamBizContent, ""}},
	}
	for _, cred := range creds {
		for _, ops := range opsList {
			m := map[string]string{}
			for _, p := range ops {
				m[p.key] = p.value
			}
			require.NoError(t, DefaultSigner{}.Sign(m, cred, at, "nonce-1"))
			want := sortedParams(m)
			got := DefaultSigner{}.signed(ops, cred, at, "nonce-1")
			assert.Equal(t, want, got, "cred %+v ops %v", cred, ops)
			assert.Equal(t, string(encodeForm(want)), string(encodeForm(got)))
		}
	}
}
