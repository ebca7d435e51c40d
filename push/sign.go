package push

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Header names of a signed push.
const (
	// HeaderTimestamp carries the signing time in Unix seconds, decimal.
	HeaderTimestamp = "X-Duijie-Timestamp"
	// HeaderNonce carries a fresh random string per send (8 to 128 of
	// A-Z a-z 0-9 - _ . ~).
	HeaderNonce = "X-Duijie-Nonce"
	// HeaderSignature carries "v1=" and the lowercase hex HMAC-SHA256.
	HeaderSignature = "X-Duijie-Signature"
)

// signatureVersion prefixes the signature header and the signed text.
const signatureVersion = "v1"

// Secret is the key a sender and a Receiver share. It prints as
// [REDACTED] through fmt, slog and JSON; only Sign and the Receiver read it.
type Secret string

// String returns [REDACTED] (or "" for an empty secret).
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "[REDACTED]"
}

// GoString returns [REDACTED] for %#v.
func (s Secret) GoString() string { return strconv.Quote(s.String()) }

// LogValue returns [REDACTED] for slog.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON writes "[REDACTED]" so a dumped configuration leaks nothing.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(strconv.Quote(s.String())), nil }

// Sign returns the value of the X-Duijie-Signature header for a push:
//
//	"v1=" + hex(HMAC-SHA256(secret, "v1\n" + method + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + body))
//
// where timestamp is unixSeconds in decimal, nonce is the X-Duijie-Nonce
// value and path is the request path as sent on the request line, without
// the query ("/" when empty). The package documentation gives the rule and
// a test vector.
func Sign(secret Secret, method, path string, unixSeconds int64, nonce string, body []byte) string {
	mac := signature(secret, method, path, strconv.FormatInt(unixSeconds, 10), nonce, body)
	return signatureVersion + "=" + hex.EncodeToString(mac)
}

// NewNonce returns 32 random hex digits for X-Duijie-Nonce.
func NewNonce() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}

// SignRequest sets the X-Duijie-Timestamp, X-Duijie-Nonce (a new one from
// NewNonce) and X-Duijie-Signature headers of req, which will carry body,
// signing at now. It reads neither req.Body nor the clock; the caller
// sends exactly body. A retry must be signed again (the Receiver refuses a
// signature it has already accepted).
func SignRequest(req *http.Request, secret Secret, body []byte, now time.Time) error {
	if req == nil || req.URL == nil {
		return errors.New("push: SignRequest needs a request with a URL")
	}
	if secret == "" {
		return errors.New("push: SignRequest needs a secret")
	}
	ts, nonce := now.Unix(), NewNonce()
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderNonce, nonce)
	req.Header.Set(HeaderSignature, Sign(secret, req.Method, signedPath(req.URL.EscapedPath()), ts, nonce, body))
	return nil
}

// signature is the raw HMAC of the signed text.
func signature(secret Secret, method, path, timestamp, nonce string, body []byte) []byte {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(signatureVersion + "\n" + method + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n"))
	m.Write(body)
	return m.Sum(nil)
}

// signedPath is the path as signed: "/" when empty.
func signedPath(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// requestPath is the path of r as the sender wrote it on the request line,
// so a handler mounted under http.StripPrefix still checks what was signed.
func requestPath(r *http.Request) string {
	if u := r.RequestURI; u != "" && u[0] == '/' {
		if i := strings.IndexByte(u, '?'); i >= 0 {
			u = u[:i]
		}
		return signedPath(u)
	}
	if r.URL == nil {
		return "/"
	}
	return signedPath(r.URL.EscapedPath())
}

// maxTimestampDigits bounds the timestamp header (Unix seconds fit in 11
// digits until the year 5138).
const maxTimestampDigits = 12

// parseTimestamp reads the timestamp header: decimal digits only.
func parseTimestamp(s string) (int64, bool) {
	if s == "" || len(s) > maxTimestampDigits {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// validNonce reports whether s is 8 to 128 of A-Z a-z 0-9 - _ . ~.
func validNonce(s string) bool {
	if len(s) < 8 || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
			return false
		}
	}
	return true
}

// parseSignature reads "v1=<64 hex digits>" into the raw MAC.
func parseSignature(s string) ([]byte, bool) {
	v, ok := strings.CutPrefix(strings.TrimSpace(s), signatureVersion+"=")
	if !ok || len(v) != 2*sha256.Size {
		return nil, false
	}
	mac, err := hex.DecodeString(v)
	return mac, err == nil
}
