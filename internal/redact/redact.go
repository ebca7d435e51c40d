// Package redact keeps secrets, signatures and personal data out of log lines
// and error strings.
package redact

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Mask replaces every redacted value.
const Mask = "[REDACTED]"

// sensitiveSuffixes mark a key whose value is secret or personal, compared in
// lower case with "-" and "_" removed.
var sensitiveSuffixes = []string{
	"secret", "token", "password", "passwd", "pwd", "sign", "signature", "partnerkey",
	"appkey", "sessionid", "cookie", "authorization",
	"mobile", "phone", "telephone", "tel", "address", "idcard",
}

// notSensitive are keys that end like a sensitive one but are not.
var notSensitive = map[string]bool{
	"signmethod": true, "tokentype": true, "hotel": true, "assign": true,
}

// IsSensitiveKey reports whether values under key are redacted.
func IsSensitiveKey(key string) bool {
	k := strings.ToLower(key)
	k = strings.NewReplacer("_", "", "-", "", ".", "").Replace(k)
	if notSensitive[k] {
		return false
	}
	for _, s := range sensitiveSuffixes {
		if strings.HasSuffix(k, s) {
			return true
		}
	}
	return false
}

var (
	jsonPair  = regexp.MustCompile(`"([A-Za-z_][\w\-.]*)"\s*:\s*("(?:[^"\\]|\\.)*"|-?[0-9][0-9.eE+\-]*)`)
	formPair  = regexp.MustCompile(`(^|[?&;\s,])([A-Za-z_][\w\-.%]*)=([^&\s;,]*)`)
	xmlAttr   = regexp.MustCompile(`([A-Za-z_][\w\-]*)="([^"]*)"`)
	cnMobile  = regexp.MustCompile(`(^|\D)((?:\+?86[- ]?)?1[3-9]\d{9})(\D|$)`)
	minSecret = 4
)

// Redactor removes known secret values (added as they become known: app
// secrets, tokens, session ids) and the values of sensitive keys in JSON,
// form/query and XML-attribute text, and mainland mobile numbers. It is safe
// for concurrent use.
type Redactor struct {
	mu      sync.RWMutex
	secrets []string
}

// New returns a Redactor that knows the given secret values.
func New(secrets ...string) *Redactor {
	r := &Redactor{}
	for _, s := range secrets {
		r.Add(s)
	}
	return r
}

// Add teaches r one more secret value (short values are ignored, as they
// would mask ordinary text).
func (r *Redactor) Add(secret string) {
	if r == nil || len(secret) < minSecret {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.secrets {
		if s == secret {
			return
		}
	}
	r.secrets = append(r.secrets, secret)
	// Longest first, so a secret that contains another is masked whole.
	sort.Slice(r.secrets, func(i, j int) bool { return len(r.secrets[i]) > len(r.secrets[j]) })
}

// String returns s with every secret and sensitive value masked.
func (r *Redactor) String(s string) string {
	if r != nil {
		r.mu.RLock()
		for _, sec := range r.secrets {
			s = strings.ReplaceAll(s, sec, Mask)
			if esc := url.QueryEscape(sec); esc != sec {
				s = strings.ReplaceAll(s, esc, Mask)
			}
		}
		r.mu.RUnlock()
	}
	return Text(s)
}

// Bytes is String for a body; the result is at most max bytes (cut on a rune
// boundary) when max > 0.
func (r *Redactor) Bytes(b []byte, max int) string {
	s := r.String(string(b))
	if max > 0 && len(s) > max {
		cut := max
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return s
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// URL returns u as a string with sensitive query values masked.
func (r *Redactor) URL(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	c.User = nil
	if c.RawQuery != "" {
		q := c.Query()
		for k := range q {
			if IsSensitiveKey(k) {
				q[k] = []string{Mask}
			}
		}
		c.RawQuery = q.Encode()
	}
	return r.String(c.String())
}

// Text masks sensitive keyed values and mobile numbers in s, without any
// known secret values.
func Text(s string) string {
	s = jsonPair.ReplaceAllStringFunc(s, func(m string) string {
		sub := jsonPair.FindStringSubmatch(m)
		if !IsSensitiveKey(sub[1]) {
			return m
		}
		return `"` + sub[1] + `":"` + Mask + `"`
	})
	s = formPair.ReplaceAllStringFunc(s, func(m string) string {
		sub := formPair.FindStringSubmatch(m)
		key, err := url.QueryUnescape(sub[2])
		if err != nil {
			key = sub[2]
		}
		if !IsSensitiveKey(key) {
			return m
		}
		return sub[1] + sub[2] + "=" + Mask
	})
	s = xmlAttr.ReplaceAllStringFunc(s, func(m string) string {
		sub := xmlAttr.FindStringSubmatch(m)
		if !IsSensitiveKey(sub[1]) {
			return m
		}
		return sub[1] + `="` + Mask + `"`
	})
	// Twice, because adjacent numbers share the separating character.
	for range 2 {
		s = cnMobile.ReplaceAllString(s, "${1}"+Mask+"${3}")
	}
	return s
}
