package wangdiantong

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// SignOpenAPI signs enterprise openapi2 parameters as the official SDK
// does: every parameter but "sign", sorted by key, each written as
// "%02d-key:%04d-value" with lengths counted in Unicode characters (not
// bytes), joined by ";", the app secret appended, md5 in lower-case hex.
func SignOpenAPI(params map[string]string, appSecret string) string {
	keys := sortedKeys(params)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(';')
		}
		v := params[k]
		b.WriteString(pad(utf8.RuneCountInString(k), 2))
		b.WriteByte('-')
		b.WriteString(k)
		b.WriteByte(':')
		b.WriteString(pad(utf8.RuneCountInString(v), 4))
		b.WriteByte('-')
		b.WriteString(v)
	}
	b.WriteString(appSecret)
	sum := md5.Sum([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// pad writes n with at least width digits, as printf's %0Nd does.
func pad(n, width int) string {
	s := strconv.Itoa(n)
	if len(s) < width {
		s = strings.Repeat("0", width-len(s)) + s
	}
	return s
}

// SignMethod is a Qimen (Taobao TOP) signature method.
type SignMethod string

// The Qimen signature methods.
const (
	// SignMD5 is md5(secret + k1v1k2v2... + secret).
	SignMD5 SignMethod = "md5"
	// SignHMAC is HMAC-MD5 keyed with the secret.
	SignHMAC SignMethod = "hmac"
	// SignHMACSHA256 is HMAC-SHA256 keyed with the secret.
	SignHMACSHA256 SignMethod = "hmac-sha256"
)

// SignQimen signs Qimen parameters as Taobao TOP does: every parameter but
// "sign" with a non-empty key and value, sorted by key, concatenated as
// key1value1key2value2..., then md5 wrapped in the secret or HMAC keyed by
// it, in upper-case hex. It returns "" for an unknown method.
func SignQimen(params map[string]string, secret string, method SignMethod) string {
	var h hash.Hash
	switch method {
	case SignMD5:
		h = md5.New()
		h.Write([]byte(secret))
	case SignHMAC:
		h = hmac.New(md5.New, []byte(secret))
	case SignHMACSHA256:
		h = hmac.New(sha256.New, []byte(secret))
	default:
		return ""
	}
	for _, k := range sortedKeys(params) {
		if v := params[k]; k != "" && v != "" {
			h.Write([]byte(k))
			h.Write([]byte(v))
		}
	}
	if method == SignMD5 {
		h.Write([]byte(secret))
	}
	return strings.ToUpper(hex.EncodeToString(h.Sum(nil)))
}

func sortedKeys(params map[string]string) []string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "sign" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// OpenAPISigningString returns the text SignOpenAPI hashes, without the
// app secret that follows it: every parameter but "sign", sorted by key,
// each as "%02d-key:%04d-value" (lengths in Unicode characters), joined by
// ";". md5(OpenAPISigningString(p) + secret) is SignOpenAPI(p, secret).
func OpenAPISigningString(params map[string]string) string {
	var b strings.Builder
	for i, k := range sortedKeys(params) {
		if i > 0 {
			b.WriteByte(';')
		}
		v := params[k]
		b.WriteString(pad(utf8.RuneCountInString(k), 2))
		b.WriteByte('-')
		b.WriteString(k)
		b.WriteByte(':')
		b.WriteString(pad(utf8.RuneCountInString(v), 4))
		b.WriteByte('-')
		b.WriteString(v)
	}
	return b.String()
}

// QimenSigningString returns the text SignQimen authenticates, without the
// secret md5 wraps it in: every parameter but "sign" with a non-empty key
// and value, sorted by key, as key1value1key2value2....
func QimenSigningString(params map[string]string) string {
	var b strings.Builder
	for _, k := range sortedKeys(params) {
		if v := params[k]; k != "" && v != "" {
			b.WriteString(k)
			b.WriteString(v)
		}
	}
	return b.String()
}
