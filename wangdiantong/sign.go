package wangdiantong

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/duijie/duijie/internal/form"
)

// SignOpenAPI signs enterprise openapi2 parameters as the official SDK
// does: every parameter but "sign", sorted by key, each written as
// "%02d-key:%04d-value" with lengths counted in Unicode characters (not
// bytes), joined by ";", the app secret appended, md5 in lower-case hex.
func SignOpenAPI(params map[string]string, appSecret string) string {
	return signOpenAPI(sortedPairs(params), appSecret)
}

// signOpenAPI is SignOpenAPI over parameters sorted by key, "sign" left
// out; the signing text is streamed into the hash, never built.
func signOpenAPI(params []kv, appSecret string) string {
	h := md5.New()
	w := hashWriter{h: h}
	for i, p := range params {
		if i > 0 {
			w.byte(';')
		}
		w.padded(utf8.RuneCountInString(p.k), 2)
		w.byte('-')
		w.string(p.k)
		w.byte(':')
		w.padded(utf8.RuneCountInString(p.v), 4)
		w.byte('-')
		w.string(p.v)
	}
	w.string(appSecret)
	w.flush()
	var sum [md5.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0]))
}

// hashWriter feeds text to a hash through a small buffer, so that no
// string is copied whole.
type hashWriter struct {
	h   hash.Hash
	buf [512]byte
	n   int
}

func (w *hashWriter) flush() {
	w.h.Write(w.buf[:w.n])
	w.n = 0
}

func (w *hashWriter) byte(c byte) {
	if w.n == len(w.buf) {
		w.flush()
	}
	w.buf[w.n] = c
	w.n++
}

func (w *hashWriter) string(s string) {
	for len(s) > 0 {
		if w.n == len(w.buf) {
			w.flush()
		}
		c := copy(w.buf[w.n:], s)
		w.n += c
		s = s[c:]
	}
}

// padded writes n with at least width digits, as pad does.
func (w *hashWriter) padded(n, width int) {
	var d [20]byte
	digits := strconv.AppendInt(d[:0], int64(n), 10)
	for i := len(digits); i < width; i++ {
		w.byte('0')
	}
	for _, c := range digits {
		w.byte(c)
	}
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
	return signQimen(sortedPairs(params), secret, method)
}

// signQimen is SignQimen over parameters sorted by key, "sign" left out;
// the text is streamed into the hash.
func signQimen(params []kv, secret string, method SignMethod) string {
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
	w := hashWriter{h: h}
	for _, p := range params {
		if p.k != "" && p.v != "" {
			w.string(p.k)
			w.string(p.v)
		}
	}
	if method == SignMD5 {
		w.string(secret)
	}
	w.flush()
	return strings.ToUpper(hex.EncodeToString(h.Sum(nil)))
}

// sortedPairs returns params but "sign", sorted by key.
func sortedPairs(params map[string]string) []kv {
	out := make([]kv, 0, len(params))
	for _, k := range sortedKeys(params) {
		out = append(out, kv{k, params[k]})
	}
	return out
}

// sortPairs sorts parameters by key, as url.Values.Encode and the signers
// order them.
func sortPairs(params []kv) {
	slices.SortFunc(params, func(a, b kv) int { return strings.Compare(a.k, b.k) })
}

// appendForm appends params, sorted by key, as url.Values.Encode writes
// them (key=value joined by &, each escaped as url.QueryEscape does), to
// a buffer sized once.
func appendForm(b []byte, params []kv) []byte {
	n := 0
	for _, p := range params {
		n += form.EscapedLen(p.k) + form.EscapedLen(p.v) + 2
	}
	b = slices.Grow(b, n)
	for i, p := range params {
		if i > 0 {
			b = append(b, '&')
		}
		b = form.AppendEscaped(b, p.k)
		b = append(b, '=')
		b = form.AppendEscaped(b, p.v)
	}
	return b
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
