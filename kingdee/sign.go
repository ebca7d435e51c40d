package kingdee

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// appSecretKey is the fixed key the official SDKs XOR the AppID's secret
// part with.
const appSecretKey = "0054f397c6234378b09ca7d3e5debce7"

// Header names of auth version 2.0, as the official Python SDK writes them.
const (
	HeaderClientID    = "X-Api-ClientID"
	HeaderAuthVersion = "X-Api-Auth-Version"
	HeaderTimestamp   = "x-api-timestamp"
	HeaderNonce       = "x-api-nonce"
	HeaderSignHeaders = "x-api-signheaders"
	HeaderSignature   = "X-Api-Signature"
	HeaderAppKey      = "X-Kd-Appkey"
	HeaderAppData     = "X-Kd-Appdata"
	HeaderKdSignature = "X-Kd-Signature"
	// HeaderSessionID carries the session id (KDSVCSessionId).
	HeaderSessionID = "kdservice-sessionid"
)

// SplitAppID splits an AppID of the form "<clientId>_<secret part>" into
// the client id and the decoded client secret. The secret part is 32
// characters of standard base64; it is decoded, XOR-ed byte by byte with
// the SDKs' fixed key and encoded again.
func SplitAppID(appID string) (clientID, clientSecret string, err error) {
	parts := strings.Split(appID, "_")
	if len(parts) != 2 || parts[0] == "" {
		return "", "", errors.New("an AppID has the form <clientId>_<32 characters>")
	}
	secret, err := DecodeAppSecret(parts[1])
	if err != nil {
		return "", "", err
	}
	return parts[0], secret, nil
}

// DecodeAppSecret turns the AppID's secret part into the client secret
// that signs X-Api-Signature: base64-decode, XOR with the fixed key,
// base64-encode.
func DecodeAppSecret(part string) (string, error) {
	if len(part) != 32 {
		return "", fmt.Errorf("the AppID's secret part has %d characters, want 32", len(part))
	}
	raw, err := base64.StdEncoding.DecodeString(part)
	if err != nil {
		return "", fmt.Errorf("the AppID's secret part is not base64: %w", err)
	}
	for i := range raw {
		raw[i] ^= appSecretKey[i%len(appSecretKey)]
	}
	return base64.StdEncoding.EncodeToString(raw), nil
}

// HMACHexBase64 is the SDKs' signature function: HMAC-SHA256 of content
// under key, as lower-case hex, and that hex text base64-encoded (88
// characters).
func HMACHexBase64(content, key string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(content))
	var sum [sha256.Size]byte
	var hx [2 * sha256.Size]byte
	hex.Encode(hx[:], m.Sum(sum[:0]))
	return base64.StdEncoding.EncodeToString(hx[:])
}

// EncodePath is the path as signed: everything after the host, with every
// reserved character, '/' included, percent-encoded in upper-case hex.
func EncodePath(path string) string { return url.QueryEscape(path) }

// StringToSign is the text X-Api-Signature covers.
func StringToSign(encodedPath, nonce, timestamp string) string {
	return "POST\n" + encodedPath + "\n\nx-api-nonce:" + nonce + "\nx-api-timestamp:" + timestamp + "\n"
}

// AppData is the raw text X-Kd-Appdata carries in base64 and
// X-Kd-Signature signs: "AcctID,UserName,LCID,OrgNum".
func AppData(acctID, userName string, lcid int, orgNum string) string {
	return acctID + "," + userName + "," + strconv.Itoa(lcid) + "," + orgNum
}

// SignedHeaders are the auth version 2.0 headers of one request.
type SignedHeaders struct {
	ClientID, Timestamp, Nonce, Signature string
	AppKey, AppData, KdSignature          string
}

// HeaderSigner computes the auth version 2.0 headers.
type HeaderSigner struct {
	AppID, AppSecret, AcctID, UserName, OrgNum string
	LCID                                       int

	clientID, clientSecret string
	// fixed holds X-Kd-Appdata and X-Kd-Signature for the fields as
	// NewHeaderSigner got them; Sign computes them again only when a field
	// has changed since.
	fixed fixedHeaders
}

// fixedHeaders are the headers that depend on the signer's fields alone.
type fixedHeaders struct {
	appID, appSecret, data string
	appData, kdSignature   string
}

// NewHeaderSigner checks the AppID and decodes its secret.
func NewHeaderSigner(appID, appSecret, acctID, userName string, lcid int, orgNum string) (*HeaderSigner, error) {
	id, secret, err := SplitAppID(appID)
	if err != nil {
		return nil, err
	}
	s := &HeaderSigner{AppID: appID, AppSecret: appSecret, AcctID: acctID, UserName: userName,
		LCID: lcid, OrgNum: orgNum, clientID: id, clientSecret: secret}
	data := AppData(acctID, userName, lcid, orgNum)
	s.fixed = fixedHeaders{appID: appID, appSecret: appSecret, data: data,
		appData: base64.StdEncoding.EncodeToString([]byte(data)), kdSignature: HMACHexBase64(appID+data, appSecret)}
	return s, nil
}

// Sign returns the headers for a POST to path (the URL's path, unescaped)
// with the given timestamp text; the nonce is the timestamp, as in the
// official SDKs.
func (s *HeaderSigner) Sign(path, timestamp string) SignedHeaders {
	data := AppData(s.AcctID, s.UserName, s.LCID, s.OrgNum)
	appData, kdSignature := s.fixed.appData, s.fixed.kdSignature
	if data != s.fixed.data || s.AppID != s.fixed.appID || s.AppSecret != s.fixed.appSecret {
		appData, kdSignature = base64.StdEncoding.EncodeToString([]byte(data)), HMACHexBase64(s.AppID+data, s.AppSecret)
	}
	return SignedHeaders{
		ClientID:    s.clientID,
		Timestamp:   timestamp,
		Nonce:       timestamp,
		Signature:   HMACHexBase64(StringToSign(EncodePath(path), timestamp, timestamp), s.clientSecret),
		AppKey:      s.AppID,
		AppData:     appData,
		KdSignature: kdSignature,
	}
}

// LoginSign is LoginBySign's sign: the values sorted by byte order, joined
// without a separator, hashed with SHA-256 (SHA-1 when sha1 is set, for
// servers before 8.0.0.202205), in lower-case hex.
func LoginSign(useSHA1 bool, values ...string) string {
	sorted := append([]string(nil), values...)
	sort.Strings(sorted)
	var h hash.Hash
	if useSHA1 {
		h = sha1.New()
	} else {
		h = sha256.New()
	}
	for _, v := range sorted {
		h.Write([]byte(v))
	}
	return hex.EncodeToString(h.Sum(nil))
}
