package honor

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/duijie/duijie"
)

// Parameter names of the default wire form. Every call is a form POST of
// the common parameters below plus biz_content, the operation's JSON.
const (
	ParamAppID         = "app_id"
	ParamShopNo        = "shop_no"
	ParamDistributorID = "distributor_id"
	ParamTimestamp     = "timestamp"
	ParamNonce         = "nonce"
	ParamSignMethod    = "sign_method"
	ParamSign          = "sign"
	ParamMethod        = "method"
	ParamBizContent    = "biz_content"
)

// SignMethodHMACSHA256 is the sign_method value of the default signer.
const SignMethodHMACSHA256 = "HMAC-SHA256"

// Credentials are what Honor issues to a distributor, passed to a Signer.
type Credentials struct {
	// AppID is the APPID.
	AppID string
	// AppKey is the APPKEY, the signing key.
	AppKey duijie.Secret
	// ShopNo is the SHOP_NO.
	ShopNo string
	// ProvinceDistributorID is the 省包商 id.
	ProvinceDistributorID string
}

// Signer adds the authentication parameters to a call. params holds the
// operation's own parameters (method and biz_content) and receives the
// signer's; at is the client clock's time of the call and nonce a fresh
// random string. A call is signed once: a retry sends the same bytes.
//
// Honor's signing rule is in its partner document; when it differs from
// DefaultSigner, set Config.Signer.
type Signer interface {
	Sign(params map[string]string, cred Credentials, at time.Time, nonce string) error
}

// SignerFunc adapts a function to Signer.
type SignerFunc func(params map[string]string, cred Credentials, at time.Time, nonce string) error

// Sign calls f.
func (f SignerFunc) Sign(params map[string]string, cred Credentials, at time.Time, nonce string) error {
	return f(params, cred, at, nonce)
}

// DefaultSigner is the open-platform style signer this package uses unless
// Config.Signer says otherwise. It adds
//
//	app_id         APPID
//	shop_no        SHOP_NO
//	distributor_id 省包商 id
//	timestamp      Unix time of the call in milliseconds
//	nonce          a random string, fresh for every call
//	sign_method    HMAC-SHA256
//	sign           SignHMACSHA256(all of the above and the operation's parameters, APPKEY)
type DefaultSigner struct{}

// Sign adds the parameters listed on DefaultSigner.
func (DefaultSigner) Sign(params map[string]string, cred Credentials, at time.Time, nonce string) error {
	for _, p := range defaultParams(cred, at, nonce) {
		params[p.key] = p.value
	}
	delete(params, ParamSign)
	params[ParamSign] = SignHMACSHA256(params, cred.AppKey.Reveal())
	return nil
}

// defaultParams are the parameters DefaultSigner adds before the sign.
func defaultParams(cred Credentials, at time.Time, nonce string) [6]param {
	return [6]param{
		{ParamAppID, cred.AppID}, {ParamShopNo, cred.ShopNo}, {ParamDistributorID, cred.ProvinceDistributorID},
		{ParamTimestamp, strconv.FormatInt(at.UnixMilli(), 10)}, {ParamNonce, nonce}, {ParamSignMethod, SignMethodHMACSHA256},
	}
}

// signed is Sign on a list instead of a map: the operation's parameters
// ops (keys other than the signer's) and the signer's, with the sign, in
// key order, as sortedParams would list the map Sign fills.
func (DefaultSigner) signed(ops []param, cred Credentials, at time.Time, nonce string) []param {
	ps := make([]param, 0, len(ops)+7)
	ps = append(ps, ops...)
	common := defaultParams(cred, at, nonce)
	ps = append(ps, common[:]...)
	slices.SortFunc(ps, byKey)
	sign := param{ParamSign, signParams(ps, cred.AppKey.Reveal())}
	i, _ := slices.BinarySearchFunc(ps, sign, byKey)
	return slices.Insert(ps, i, sign)
}

// param is one form parameter.
type param struct{ key, value string }

func byKey(a, b param) int { return strings.Compare(a.key, b.key) }

// sortedParams lists params in key order.
func sortedParams(params map[string]string) []param {
	ps := make([]param, 0, len(params))
	for k, v := range params {
		ps = append(ps, param{k, v})
	}
	slices.SortFunc(ps, byKey)
	return ps
}

// SignHMACSHA256 is the default signature: take every parameter except
// "sign" whose value is not empty, sort them by key in byte order, write
// them as key=value joined by "&" (values as they are, not URL-escaped),
// and return the HMAC-SHA256 of that string keyed with APPKEY, in
// upper-case hex. Example: {"b":"2","a":"1","sign":"x","c":""} with key "k"
// signs the string "a=1&b=2".
func SignHMACSHA256(params map[string]string, appKey string) string {
	return signParams(sortedParams(params), appKey)
}

// signParams is SignHMACSHA256 of parameters in key order.
func signParams(ps []param, appKey string) string {
	mac := hmac.New(sha256.New, []byte(appKey))
	writeSigningString(mac, ps)
	var sum [sha256.Size]byte
	// Upper-cased in place: strings.ToUpper(hex.EncodeToString(…)) costs
	// two more allocations and about a quarter of the signer's time.
	var hx [2 * sha256.Size]byte
	hex.Encode(hx[:], mac.Sum(sum[:0]))
	for i, c := range hx {
		if c >= 'a' {
			hx[i] = c - ('a' - 'A')
		}
	}
	return string(hx[:])
}

// SigningString returns the string SignHMACSHA256 authenticates.
func SigningString(params map[string]string) string {
	var b strings.Builder
	writeSigningString(&b, sortedParams(params))
	return b.String()
}

// writeSigningString writes the signing string of ps, in key order, to w
// through a small buffer, so the string itself is never built.
func writeSigningString(w io.Writer, ps []param) {
	sw := chunkWriter{w: w, buf: make([]byte, 0, 512)}
	first := true
	for _, p := range ps {
		if p.key == ParamSign || p.value == "" {
			continue
		}
		if !first {
			sw.put("&")
		}
		first = false
		sw.put(p.key)
		sw.put("=")
		sw.put(p.value)
	}
	sw.flush()
}

// chunkWriter copies strings into buf and hands it to w when full.
type chunkWriter struct {
	w   io.Writer
	buf []byte
}

func (c *chunkWriter) put(s string) {
	for len(s) > 0 {
		if len(c.buf) == cap(c.buf) {
			c.flush()
		}
		n := copy(c.buf[len(c.buf):cap(c.buf)], s)
		c.buf, s = c.buf[:len(c.buf)+n], s[n:]
	}
}

func (c *chunkWriter) flush() {
	if len(c.buf) > 0 {
		_, _ = c.w.Write(c.buf)
		c.buf = c.buf[:0]
	}
}
