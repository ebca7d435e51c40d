package main

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/wangdiantong"
)

var t0 = time.Unix(1700000000, 0)

// signed runs "duijie sign" and returns the printed request (a dump) and
// the signature.
func signedDump(t *testing.T, args ...string) (dump, sign string) {
	t.Helper()
	e, out, errb := testEnv(nil, t0)
	require.Equal(t, 0, run(context.Background(), append([]string{"sign"}, append(args, "--show-secrets")...), e), errb.String())
	s := out.String()
	i := strings.Index(s, "\nrequest:\n")
	require.GreaterOrEqual(t, i, 0)
	for _, label := range []string{"\nsign:\n  ", "\nsignature:\n  ", "X-Api-Signature = "} {
		if j := strings.Index(s, label); j >= 0 && label != "X-Api-Signature = " {
			sign = strings.SplitN(s[j+len(label):], "\n", 2)[0]
		}
	}
	return s[i+len("\nrequest:\n"):], sign
}

func md5s(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

var (
	wdtArgs = []string{"wdt", "--sid", "test2", "--appkey", "test2-xx", "--secret", "12345", "--timestamp", "1700000000",
		"-p", "shop_no=测试店铺", "-p", "page_size=40"}
	wdtCreds   = []string{"--sid", "test2", "--appkey", "test2-xx", "--secret", "12345"}
	jstArgs    = []string{"jushuitan", "--app-key", "ak", "--app-secret", "jst-secret", "--access-token", "tok-123", "--timestamp", "1700000000"}
	jstCreds   = []string{"--app-key", "ak", "--app-secret", "jst-secret"}
	qimenArgs  = []string{"qimen", "--app-key", "qk", "--secret", "qm-secret", "--sid", "test2", "--method", "wdt.trade.query", "--timestamp", "2023-11-15 06:13:20"}
	qimenCreds = []string{"--app-key", "qk", "--secret", "qm-secret"}
	kdAppID    = "224479_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"
	kdArgs     = []string{"--server-url", "https://erp.example.com/k3cloud", "--acct-id", "acct", "--username", "webapi", "--appid", kdAppID, "--app-secret", "kd-secret"}
)

// wdtParams are the parameters wdtArgs signs.
func wdtParams() map[string]string {
	return map[string]string{"sid": "test2", "appkey": "test2-xx", "timestamp": "1700000000", "shop_no": "测试店铺", "page_size": "40"}
}

// formDump is a form POST dump of params with sign.
func formDump(target string, params map[string]string, sign string) string {
	v := url.Values{}
	for k, s := range params {
		v.Set(k, s)
	}
	v.Set("sign", sign)
	return "POST " + target + "\nContent-Type: application/x-www-form-urlencoded\n\n" + v.Encode()
}

func TestExplainNamesTheCause(t *testing.T) {
	okWDT, wdtSign := signedDump(t, wdtArgs...)
	okJST, _ := signedDump(t, append(jstArgs, "--biz", `{"shop_ids":[1],"note":"<a&b>"}`)...)
	okQimen, qimenSign := signedDump(t, qimenArgs...)
	okKD, _ := signedDump(t, append([]string{"kingdee", "--timestamp", "1700000000"}, kdArgs...)...)
	okLogin, _ := signedDump(t, append([]string{"kingdee-login", "--timestamp", "1700000000"}, kdArgs...)...)
	okPush, _ := signedDump(t, "push", "--secret", "push-secret", "--timestamp", "1700000000", "--nonce", "n0nce-123", "--body", `{"tid":"T1","shop_no":"S1"}`)
	okHonor, _ := signedDump(t, "honor", "--app-id", "A", "--app-key", "honor-key", "--shop-no", "S", "--distributor-id", "D", "--nonce", "n1", "--biz", `{"page":1}`)
	okLegacy, _ := signedDump(t, "jushuitan-legacy", "--partner-id", "pid", "--partner-key", "pkey", "--token", "ltok", "--timestamp", "1700000000")

	// Real mistakes, each rebuilt as the wrong client would have sent it.
	p := wdtParams()
	byteLen := md5s(packWDT(p, sortedKeys(p), func(s string) int { return len(s) }) + "12345")
	secretFirst := md5s("12345" + wangdiantong.OpenAPISigningString(p))
	jp := map[string]string{"app_key": "ak", "access_token": "tok-123", "timestamp": "1700000000", "version": "2", "charset": "utf-8", "biz": `{"note":"a b"}`}
	esc := map[string]string{}
	for k, v := range jp {
		esc[k] = url.QueryEscape(v)
	}
	escaped := jushuitan.SignOpenAPI("jst-secret", esc)
	topStyle := strings.ToUpper(md5s("jst-secret" + jushuitan.OpenAPISigningString(jp) + "jst-secret"))
	kdPart := kdAppID[strings.IndexByte(kdAppID, '_')+1:]
	kdPath := "/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery.common.kdsvc"
	undecoded := kingdee.HMACHexBase64(kingdee.StringToSign(kingdee.EncodePath(kdPath), "1700000000", "1700000000"), kdPart)
	goodKD := kingdee.HMACHexBase64(kingdee.StringToSign(kingdee.EncodePath(kdPath), "1700000000", "1700000000"), mustSecret(t, kdPart))
	msLogin := kingdee.LoginSign(false, "acct", "webapi", kdAppID, "kd-secret", "1700000000000")
	goodLogin := kingdee.LoginSign(false, "acct", "webapi", kdAppID, "kd-secret", "1700000000")

	for _, tc := range []struct {
		name, vendor, dump string
		creds              []string
		at                 int64
		want               string
	}{
		{"wdt correct", "wdt", okWDT, wdtCreds, 0, "result: matches"},
		{"wdt lengths in bytes", "wdt", formDump("https://api.wangdian.cn/openapi2/trade_query.php", p, byteLen), wdtCreds, 0, "counted in UTF-8 bytes"},
		{"wdt secret in front", "wdt", formDump("https://api.wangdian.cn/openapi2/trade_query.php", p, secretFirst), wdtCreds, 0, "secret was put in front"},
		{"wdt timestamp outside the window", "wdt", okWDT, wdtCreds, 1700000000 + 450, "timestamp is 7m30s behind the clock, outside the vendor's ±5m0s window"},
		{"wdt timestamp in milliseconds", "wdt", strings.Replace(okWDT, "timestamp=1700000000", "timestamp=1700000000000", 1), wdtCreds, 0, "is in milliseconds; the vendor wants seconds"},
		{"wdt extra query parameter", "wdt", strings.Replace(okWDT, "trade_query.php", "trade_query.php?debug=1", 1), wdtCreds, 0, "query-string parameters [debug] were left out"},
		{"wdt upper-case hex", "wdt", strings.Replace(okWDT, wdtSign, strings.ToUpper(wdtSign), 1), wdtCreds, 0, "upper-case hex"},
		{"wdt wrong method name", "wdt", strings.Replace(okWDT, "trade_query.php", "trade_query", 1), wdtCreds, 0, "openapi2 methods are scripts"},
		{"jushuitan correct", "jushuitan", okJST, jstCreds, 0, "result: matches"},
		{"jushuitan biz re-encoded after signing", "jushuitan", strings.Replace(okJST, "%3Ca%26b%3E", "%5Cu003ca%5Cu0026b%5Cu003e", 1), jstCreds, 0, "the body changed after signing"},
		{"jushuitan values URL-escaped before signing", "jushuitan", formDump("https://openapi.jushuitan.com/open/shops/query", jp, escaped), jstCreds, 0, "URL-escaped before signing"},
		{"jushuitan Taobao-style secret", "jushuitan", formDump("https://openapi.jushuitan.com/open/shops/query", jp, topStyle), jstCreds, 0, "secret was put at both ends"},
		{"jushuitan form versus query", "jushuitan", queryInsteadOfForm(okJST), jstCreds, 0, "are in the query string; openapi v2 reads every parameter from the form body"},
		{"jushuitan GBK charset", "jushuitan", formDump("https://openapi.jushuitan.com/open/shops/query", jp, "x") + "&shop=%D5%C5", jstCreds, 0, "are not UTF-8"},
		{"jushuitan legacy signed for another method", "jushuitan-legacy", strings.Replace(okLegacy, "method=shops.query", "method=jushuitan.shops.query", 1), []string{"--partner-key", "pkey"}, 0, `computed for method "shops.query" but the request sends method "jushuitan.shops.query"`},
		{"jushuitan legacy correct", "jushuitan-legacy", okLegacy, []string{"--partner-key", "pkey"}, 0, "result: matches"},
		{"qimen correct", "qimen", okQimen, qimenCreds, 0, "result: matches"},
		{"qimen timestamp in UTC", "qimen", okQimen, qimenCreds, 1700000000 + 8*3600, "is UTC; Qimen wants China time"},
		{"qimen lower-case hex", "qimen", strings.Replace(okQimen, qimenSign, strings.ToLower(qimenSign), 1), qimenCreds, 0, "lower-case hex"},
		{"qimen wrong method name", "qimen", strings.Replace(okQimen, "method=wdt.trade.query", "method=wdt.trade.get", 1), qimenCreds, 0, `method "wdt.trade.get" is not a Qimen method name`},
		{"kingdee correct", "kingdee", okKD, kdArgs, 0, "result: matches"},
		{"kingdee AppID secret not base64-decoded", "kingdee", strings.Replace(okKD, goodKD, undecoded, 1), kdArgs, 0, "must be base64-decoded, XOR-ed"},
		{"kingdee LoginBySign in milliseconds", "kingdee", strings.Replace(strings.Replace(okLogin, "1700000000,", "1700000000000,", 1), goodLogin, msLogin, 1), kdArgs, 0, "is in milliseconds; LoginBySign takes Unix seconds"},
		{"kingdee LoginBySign correct", "kingdee", okLogin, kdArgs, 0, "result: matches"},
		{"push correct", "push", okPush, []string{"--secret", "push-secret"}, 0, "result: matches"},
		{"push body changed after signing", "push", strings.Replace(okPush, `{"tid":"T1","shop_no":"S1"}`, "{\n  \"tid\": \"T1\",\n  \"shop_no\": \"S1\"\n}", 1), []string{"--secret", "push-secret"}, 0, "the body changed after signing"},
		{"honor correct", "honor", okHonor, []string{"--app-key", "honor-key"}, 0, "result: matches"},
		{"honor seconds", "honor", strings.Replace(okHonor, "timestamp=1700000000000", "timestamp=1700000000", 1), []string{"--app-key", "honor-key"}, 0, "is in seconds; the default signer sends milliseconds"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			f := filepath.Join(dir, "req.txt")
			require.NoError(t, os.WriteFile(f, []byte(tc.dump), 0o600))
			at := tc.at
			if at == 0 {
				at = 1700000000
			}
			e, out, errb := testEnv(nil, time.Unix(at, 0))
			args := append([]string{"explain", tc.vendor, "--dump", f}, tc.creds...)
			require.Equal(t, 0, run(context.Background(), args, e), errb.String())
			assert.Contains(t, out.String(), tc.want)
			if !strings.Contains(tc.want, "matches") {
				assert.NotContains(t, out.String(), "result: matches")
			}
		})
	}
}

func mustSecret(t *testing.T, part string) string {
	s, err := kingdee.DecodeAppSecret(part)
	require.NoError(t, err)
	return s
}

// queryInsteadOfForm moves a dump's form body into its URL.
func queryInsteadOfForm(dump string) string {
	head, body, _ := strings.Cut(dump, "\n\n")
	lines := strings.Split(head, "\n")
	lines[0] = strings.Replace(lines[0], " https", " https", 1) + "?" + strings.TrimSpace(body)
	return strings.Join(lines, "\n") + "\n\n"
}

func TestExplainReadsCurlAndURLBody(t *testing.T) {
	dump, _ := signedDump(t, wdtArgs...)
	head, body, _ := strings.Cut(dump, "\n\n")
	target := strings.Fields(strings.SplitN(head, "\n", 2)[0])[1]
	body = strings.TrimSpace(body)
	dir := t.TempDir()
	f := filepath.Join(dir, "curl.txt")
	require.NoError(t, os.WriteFile(f, []byte("curl -s -X POST '"+target+"' \\\n  -H 'Content-Type: application/x-www-form-urlencoded' \\\n  --data-raw '"+body+"'"), 0o600))
	for _, args := range [][]string{{"--curl", f}, {"--url", target, "--body", body}} {
		e, out, errb := testEnv(nil, t0)
		require.Equal(t, 0, run(context.Background(), append(append([]string{"explain", "wdt"}, args...), wdtCreds...), e), errb.String())
		assert.Contains(t, out.String(), "result: matches")
	}
}
