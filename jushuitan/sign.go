package jushuitan

import (
	"crypto/md5"
	"encoding/hex"
	"io"
	"sort"
)

// SignOpenAPI returns the openapi v2 signature of params: the lower-case hex
// MD5 of the app secret followed by every parameter except "sign" as key and
// value with no separator, keys in ascending byte order. The values are the
// raw, unencoded texts that are sent, biz included byte for byte. The same
// rule signs the token calls (/openWeb/auth/...).
func SignOpenAPI(appSecret string, params map[string]string) string {
	keys := make([]string, 0, len(params))
	n := len(appSecret)
	for k, v := range params {
		if k == "sign" {
			continue
		}
		keys = append(keys, k)
		n += len(k) + len(v)
	}
	sort.Strings(keys)
	buf := make([]byte, 0, n)
	buf = append(buf, appSecret...)
	for _, k := range keys {
		buf = append(buf, k...)
		buf = append(buf, params[k]...)
	}
	sum := md5.Sum(buf)
	return hex.EncodeToString(sum[:])
}

// SignLegacy returns the legacy (query.aspx) signature: the lower-case hex
// MD5 of method + partnerid + "token" + token + "ts" + ts + partnerkey. The
// JSON body is not signed.
func SignLegacy(method, partnerID, token, ts, partnerKey string) string {
	buf := make([]byte, 0, len(method)+len(partnerID)+len(token)+len(ts)+len(partnerKey)+7)
	buf = append(buf, method...)
	buf = append(buf, partnerID...)
	buf = append(buf, "token"...)
	buf = append(buf, token...)
	buf = append(buf, "ts"...)
	buf = append(buf, ts...)
	buf = append(buf, partnerKey...)
	sum := md5.Sum(buf)
	return hex.EncodeToString(sum[:])
}

// OpenAPISigningString returns the text SignOpenAPI hashes after the app
// secret: every parameter but "sign", keys in ascending byte order, as
// key1value1key2value2... with no separator.
// md5(secret + OpenAPISigningString(p)) is SignOpenAPI(secret, p).
func OpenAPISigningString(params map[string]string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "sign" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var buf []byte
	for _, k := range keys {
		buf = append(buf, k...)
		buf = append(buf, params[k]...)
	}
	return string(buf)
}

// LegacySigningString returns the text SignLegacy hashes, without the
// partner key that ends it: method + partnerid + "token" + token + "ts" + ts.
func LegacySigningString(method, partnerID, token, ts string) string {
	return method + partnerID + "token" + token + "ts" + ts
}

// signBusiness is SignOpenAPI of the parameters of a business call
// (access_token, app_key, biz, charset utf-8, timestamp, version 2), with
// the signed text written straight into the hash in key order, biz
// without a copy.
func signBusiness(appSecret, accessToken, appKey, ts string, biz []byte) string {
	h := md5.New()
	for _, s := range [...]string{appSecret, "access_token", accessToken, "app_key", appKey, "biz"} {
		_, _ = io.WriteString(h, s)
	}
	_, _ = h.Write(biz)
	for _, s := range [...]string{"charset", "utf-8", "timestamp", ts, "version", "2"} {
		_, _ = io.WriteString(h, s)
	}
	var sum [md5.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0]))
}
