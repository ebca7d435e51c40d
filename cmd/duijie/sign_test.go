package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testEnv returns an env with captured output, the given environment and a
// fixed clock.
func testEnv(vars map[string]string, now time.Time) (*env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
		getenv: func(k string) string { return vars[k] }, now: func() time.Time { return now }}, &out, &errb
}

// The published vectors of the vendor notes (/work/shared/vendors): each
// must come out of "duijie sign" unchanged.
func TestSignGoldenVectors(t *testing.T) {
	qimen := []string{"--app-key", "12345678", "--secret", "helloworld", "--method", "taobao.item.seller.get", "--target-app-key=",
		"--timestamp", "2016-01-01 12:00:00", "-p", "session=test", "-p", "fields=num_iid,title,nick,price,num", "-p", "num_iid=11223344"}
	jstLegacy := []string{"--partner-id", "ywv5jGT8ge6Pvlq3FZSPol345asd", "--partner-key", "ywv5jGT8ge6Pvlq3FZSPol2323", "--token", "181ee8952a88f5a57db52587472c3798"}
	jst := []string{"--app-key", "5b53060f23d84ddf9703056e84fa5a2d", "--app-secret", "e9c5ca33fecb404b8e6cdbd0ef4a6d25", "--timestamp", "1639128407"}
	for _, tc := range []struct {
		name   string
		args   []string
		want   []string
		source string
	}{
		{"wdt official", []string{"wdt", "--sid", "test2", "--appkey", "test2-xx", "--secret", "12345", "--timestamp", "1470042310",
			"-p", "page_no=0", "-p", "end_time=2016-08-01 13:00:00", "-p", "start_time=2016-08-01 12:00:00", "-p", "page_size=40"},
			[]string{"06-appkey:0008-test2-xx;08-end_time:0019-2016-08-01 13:00:00;07-page_no:0001-0;09-page_size:0002-40;03-sid:0005-test2;10-start_time:0019-2016-08-01 12:00:00;09-timestamp:0010-1470042310<app_secret>",
				"ad4e6fe037ea6e3ba4768317be9d1309"}, "wangdiantong.md §4.1"},
		{"wdt non-ASCII (characters, not bytes)", []string{"wdt", "--sid", "test2", "--appkey", "test2-xx", "--secret", "12345", "--timestamp", "1470042310",
			"-p", "shop_no=测试店铺", "-p", "buyer_nick=张三😀"}, []string{"2abe08808c4132027d22e18c347bbb8b"}, "wangdiantong.md §4.2"},
		{"qimen md5 official", append([]string{"qimen", "--sign-method", "md5"}, qimen...),
			[]string{"<secret>app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.getnum_iid11223344sessiontestsign_methodmd5timestamp2016-01-01 12:00:00v2.0<secret>",
				"66987CB115214E59E6EC978214934FB8"}, "wangdiantong.md §4.3"},
		{"qimen hmac", append([]string{"qimen", "--sign-method", "hmac"}, qimen...), []string{"D56D7858309C31B6251083A874D48273"}, "wangdiantong.md §4.3"},
		{"qimen hmac-sha256", append([]string{"qimen", "--sign-method", "hmac-sha256"}, qimen...),
			[]string{"04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8"}, "wangdiantong.md §4.3"},
		{"jushuitan A token call", append([]string{"jushuitan", "--path", "/openWeb/auth/getInitToken", "-p", "grant_type=authorization_code", "-p", "code=123456"}, jst...),
			[]string{"<app_secret>app_key5b53060f23d84ddf9703056e84fa5a2dcharsetutf-8code123456grant_typeauthorization_codetimestamp1639128407",
				"05e3a51e19e0883afd1882ccd309e0b9"}, "jushuitan.md §4 A"},
		{"jushuitan B business call", append([]string{"jushuitan", "--access-token", "d7b01bf0842a4742a9450e21ffd95f60", "--show-secrets",
			"--biz", `{"page_index":"1","page_size":"100","nicks":["老板"]}`}, jst...),
			[]string{"395f5a78b446be465ac03a02491296c7", "biz=%7B%22page_index%22%3A%221%22%2C%22page_size%22%3A%22100%22%2C%22nicks%22%3A%5B%22%E8%80%81%E6%9D%BF%22%5D%7D"}, "jushuitan.md §4 B"},
		{"jushuitan C", []string{"jushuitan", "--path", "/openWeb/auth/getInitToken", "--app-key", "app", "--app-secret", "secret", "--timestamp", "100"},
			[]string{"706427ca94e342781ac36d501151cb10"}, "jushuitan.md §4 C"},
		{"jushuitan F refresh", append([]string{"jushuitan", "--path", "/openWeb/auth/refreshToken", "-p", "grant_type=refresh_token", "-p", "refresh_token=eb1964a9d142423a9f0de88b97bb38fc", "-p", "scope=all"}, jst...),
			[]string{"4fcd2598f1d63af8912f82aba018dab9"}, "jushuitan.md §4 F (derived)"},
		{"jushuitan G empty biz", append([]string{"jushuitan", "--access-token", "d7b01bf0842a4742a9450e21ffd95f60"}, jst...),
			[]string{"f6a28c76d074aed597f228d14045df52"}, "jushuitan.md §4 G (derived)"},
		{"jushuitan legacy D", append([]string{"jushuitan-legacy", "--method", "shops.query", "--timestamp", "1540370062", "--show-secrets", "--base-url", "https://c.jushuitan.com/api/open/query.aspx"}, jstLegacy...),
			[]string{"aebf9d0146764d578d9c86e3b7783204",
				"https://c.jushuitan.com/api/open/query.aspx?method=shops.query&partnerid=ywv5jGT8ge6Pvlq3FZSPol345asd&token=181ee8952a88f5a57db52587472c3798&ts=1540370062&sign=aebf9d0146764d578d9c86e3b7783204"}, "jushuitan.md §4 D"},
		{"jushuitan legacy E", append([]string{"jushuitan-legacy", "--method", "shops.query", "--timestamp", "1608000837"}, jstLegacy...),
			[]string{"403697654caffbbfe21a841782b6af8f"}, "jushuitan.md §4 E"},
		{"jushuitan legacy H", append([]string{"jushuitan-legacy", "--method", "inventory.query", "--timestamp", "1608000837"}, jstLegacy...),
			[]string{"cea9a4dc4e1b8ec9c31173e3eb83ec21"}, "jushuitan.md §4 H (derived)"},
		{"kingdee AppID secret decoding", []string{"kingdee", "--server-url", "https://erp.example.com/k3cloud", "--acct-id", "5db25ac8d2b819", "--username", "webapi",
			"--appid", "224479_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", "--app-secret", "0123456789abcdef0123456789abcdef", "--timestamp", "1700000000", "--show-secrets"},
			[]string{"MDE3N2I2PzBrPzg4OD45N3IhK3B1InIk", "224479_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX5db25ac8d2b819,webapi,2052,0",
				`POST\n%2Fk3cloud%2FKingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery.common.kdsvc\n\nx-api-nonce:1700000000\nx-api-timestamp:1700000000\n`}, "kingdee.md §5 and §2.1 step 4"},
		{"push", []string{"push", "--secret", "push-test-secret", "--url", "http://127.0.0.1:8080/callback", "--timestamp", "1795000000", "--nonce", "3f2a9c1e7b6d4058",
			"--body", `{"shop_no":"QY01","tid":"CB-1001"}`},
			[]string{"v1=224496a7f15a99f11187c5c5022719713b1bd476ff6b1388a197eab98611982b"}, "push package doc test vector"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, out, errb := testEnv(nil, time.Unix(1700000000, 0))
			code := run(context.Background(), append([]string{"sign"}, tc.args...), e)
			require.Equal(t, 0, code, errb.String())
			for _, w := range tc.want {
				assert.Contains(t, out.String(), w, "source: %s", tc.source)
			}
		})
	}
}

func TestSignHidesSecretsAndReadsTheEnvironment(t *testing.T) {
	vars := map[string]string{"DUIJIE_JST_APP_KEY": "k", "DUIJIE_JST_APP_SECRET": "the-app-secret", "DUIJIE_JST_ACCESS_TOKEN": "the-access-token"}
	e, out, errb := testEnv(vars, time.Unix(1700000000, 0))
	require.Equal(t, 0, run(context.Background(), []string{"sign", "jushuitan"}, e), errb.String())
	assert.NotContains(t, out.String(), "the-app-secret")
	assert.NotContains(t, out.String(), "the-access-token")
	assert.Contains(t, out.String(), "access_token=[REDACTED]")
	assert.Contains(t, out.String(), "timestamp=1700000000")
}

func TestSignOtherModes(t *testing.T) {
	now := time.Unix(1700000000, 0)
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"kingdee-login", "--server-url", "https://erp.example.com/k3cloud", "--acct-id", "a", "--username", "u", "--appid", "1_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", "--app-secret", "s3cret"},
			[]string{"Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginBySign.common.kdsvc", `"parameters":["a","u","1_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX",1700000000,`}},
		{[]string{"kingdee", "--ms", "--server-url", "https://e/k3cloud", "--acct-id", "a", "--username", "u", "--appid", "1_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", "--app-secret", "s3cret"},
			[]string{"x-api-timestamp: 1700000000000", "<client secret"}},
		{[]string{"honor", "--app-id", "A", "--app-key", "KEY", "--shop-no", "S", "--distributor-id", "D", "--nonce", "n0nce", "--biz", `{"page":1}`},
			[]string{"app_id=A&biz_content={\"page\":1}&distributor_id=D&method=honor.vf.order.query&nonce=n0nce&shop_no=S&sign_method=HMAC-SHA256&timestamp=1700000000000"}},
		{[]string{"yihua", "--platform-id", "P", "--token", "tok-secret", "--uid", "U", "-p", "TH=0"},
			[]string{`{"PlatformID":"P","UserAccessToken":"[REDACTED]","UID":"U","TH":"0"}`, "/Mall/Erp/ErpService.svc/TradeTransferToErp"}},
	} {
		e, out, errb := testEnv(nil, now)
		require.Equal(t, 0, run(context.Background(), append([]string{"sign"}, tc.args...), e), errb.String())
		for _, w := range tc.want {
			assert.Contains(t, out.String(), w)
		}
	}
}

// A Yihua form holds one text per name, as yihua.Client sends it: text
// values are escaped, and an object or array is refused rather than
// written as JSON text the client itself would never send.
func TestSignYihuaForm(t *testing.T) {
	now := time.Unix(1700000000, 0)
	creds := []string{"sign", "yihua", "--form", "--platform-id", "P", "--token", "tok", "--uid", "U"}
	e, out, errb := testEnv(nil, now)
	require.Equal(t, 0, run(context.Background(), append(creds, "-p", "TH=a b&c"), e), errb.String())
	assert.Contains(t, out.String(), "PlatformID=P&UserAccessToken=[REDACTED]&UID=U&TH=a+b%26c")
	assert.Contains(t, out.String(), "application/x-www-form-urlencoded; charset=utf-8")

	for _, params := range []string{`{"Detail":[{"sku":"A"}]}`, `{"Master":{"TradeID":"1"}}`} {
		e, out, errb := testEnv(nil, now)
		e.stdin = strings.NewReader(params)
		assert.Equal(t, 1, run(context.Background(), append(creds, "--params", "-"), e), params)
		assert.Contains(t, errb.String(), "a form holds one text per name, not an object or array; drop --form to send JSON", params)
		assert.Empty(t, out.String(), params)
	}
}

func TestUsageAndErrors(t *testing.T) {
	now := time.Unix(1700000000, 0)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"sign", "wdt", "-h"}, 0, "-secret"},
		{[]string{"explain", "kingdee", "-h"}, 0, "-dump"},
		{[]string{"call", "-h"}, 0, "duijie call"},
		{[]string{"fake", "-h"}, 0, "-listen"},
		{[]string{"sign", "wdt"}, 1, "missing credential: give -sid or set DUIJIE_WDT_SID"},
		{[]string{"sign", "nope"}, 2, "unknown mode"},
		{[]string{"nope"}, 2, "unknown command"},
		{[]string{"sign", "wdt", "--bogus"}, 2, "flag provided but not defined"},
	} {
		e, out, errb := testEnv(nil, now)
		assert.Equal(t, tc.code, run(context.Background(), tc.args, e), tc.args)
		assert.Contains(t, out.String()+errb.String(), tc.want, tc.args)
	}
}
