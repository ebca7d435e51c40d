package kingdee_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/kingdee"
)

// The vectors below were worked out step by step from the algorithm of the
// official SDKs (base64-decode the AppID's secret part, XOR with the fixed
// key, base64-encode; HMAC-SHA256 as lower hex, then base64 of that text)
// with an independent implementation, and each step is checked again here
// with the standard library alone.
const (
	vecAppID      = "224426_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"
	vecSecretPart = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"
	// vecClientSecret is the decoded secret the official SDKs produce for
	// vecSecretPart (executed against both the Python and the Java SDK).
	vecClientSecret = "MDE3N2I2PzBrPzg4OD45N3IhK3B1InIk"
	vecAppSecret    = "0123456789abcdef0123456789abcdef"
	vecAcctID       = "62d8f0a1e4b2c3"
	vecUser         = "张三"
	vecPath         = "/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.BatchSave.common.kdsvc"
	vecEncodedPath  = "%2Fk3cloud%2FKingdee.BOS.WebApi.ServicesStub.DynamicFormService.BatchSave.common.kdsvc"
	vecSignature    = "YTJiNDBhZjc1MjMyYTE2ZTkwMDc3MmFiMDc4OWUxMjEyOTQ2ZDE5NWQ0NWE5MGI5ZGZhMTY1MzBlM2I5NzExYQ=="
	vecSignatureMS  = "YTc1NjU3NTNiYTUzN2I0OWI5MjcwY2NkMWIxMzZkOTg0ZmIyMjdiMjgwOGI4MDg5YTU1YzMyZGM0MjVkYzFjNg=="
	vecAppData      = "NjJkOGYwYTFlNGIyYzMs5byg5LiJLDIwNTIsMA=="
	vecKdSignature  = "MGM1NGEyZTI0M2FkNDI3ZTNjM2E4OTg0YTIxNWFlODNlMmIyNDU4OThiZjE5NTk3YWJlOTYzYzJmY2M4ZTU4NA=="
	vecLoginSHA256  = "e6fb6faa24806d46b640c27f58df6129d0c948dbfc4c38349bdce38f352ba0a5"
	vecLoginSHA1    = "3ec8dc0e3227030af042a140ab7a308229e5564e"
)

func TestDecodeAppSecret(t *testing.T) {
	got, err := kingdee.DecodeAppSecret(vecSecretPart)
	require.NoError(t, err)
	assert.Equal(t, vecClientSecret, got)

	// By hand: the part decodes to bytes 0..23, and byte i XOR key[i]
	// gives "0054…" XOR 0,1,2,… .
	raw, _ := base64.StdEncoding.DecodeString(vecSecretPart)
	for i := range raw {
		assert.Equal(t, byte(i), raw[i])
	}
	key := "0054f397c6234378b09ca7d3e5debce7"
	manual := make([]byte, len(raw))
	for i := range raw {
		manual[i] = raw[i] ^ key[i]
	}
	assert.Equal(t, vecClientSecret, base64.StdEncoding.EncodeToString(manual))
}

func TestDecodeAppSecretNeedsBase64DecodingFirst(t *testing.T) {
	// XOR-ing the text of the part without decoding it first (a bug of
	// several community SDKs) gives a different, longer secret.
	key := "0054f397c6234378b09ca7d3e5debce7"
	wrong := make([]byte, len(vecSecretPart))
	for i := range vecSecretPart {
		wrong[i] = vecSecretPart[i] ^ key[i]
	}
	wrongSecret := base64.StdEncoding.EncodeToString(wrong)
	assert.Equal(t, "cXFwdydEaHEhUVF6d2JYdCZxCSwlTyVhIF0pMCQxPG8=", wrongSecret)
	got, _ := kingdee.DecodeAppSecret(vecSecretPart)
	assert.NotEqual(t, wrongSecret, got)

	signer, err := kingdee.NewHeaderSigner(vecAppID, vecAppSecret, vecAcctID, vecUser, 2052, "0")
	require.NoError(t, err)
	wrongSig := kingdee.HMACHexBase64(kingdee.StringToSign(vecEncodedPath, "1700000000", "1700000000"), wrongSecret)
	assert.NotEqual(t, wrongSig, signer.Sign(vecPath, "1700000000").Signature)
}

func TestDecodeAppSecretRefusesBadParts(t *testing.T) {
	for _, part := range []string{"", "short", vecSecretPart + "A", "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"} {
		_, err := kingdee.DecodeAppSecret(part)
		assert.Error(t, err, part)
	}
	for _, id := range []string{"", "224426", "_" + vecSecretPart, "a_b_" + vecSecretPart, "224426_short"} {
		_, _, err := kingdee.SplitAppID(id)
		assert.Error(t, err, id)
	}
	id, secret, err := kingdee.SplitAppID(vecAppID)
	require.NoError(t, err)
	assert.Equal(t, "224426", id)
	assert.Equal(t, vecClientSecret, secret)
}

func TestHMACHexBase64(t *testing.T) {
	// The hex is lower-case and it is the hex text, not the digest, that
	// is base64-encoded: 64 hex characters make 88 base64 characters.
	m := hmac.New(sha256.New, []byte("key"))
	m.Write([]byte("content"))
	want := base64.StdEncoding.EncodeToString([]byte(hex.EncodeToString(m.Sum(nil))))
	got := kingdee.HMACHexBase64("content", "key")
	assert.Equal(t, want, got)
	assert.Len(t, got, 88)
}

func TestSignedHeadersGolden(t *testing.T) {
	assert.Equal(t, vecEncodedPath, kingdee.EncodePath(vecPath))
	assert.Equal(t, "POST\n"+vecEncodedPath+"\n\nx-api-nonce:1700000000\nx-api-timestamp:1700000000\n",
		kingdee.StringToSign(vecEncodedPath, "1700000000", "1700000000"))
	assert.Equal(t, vecAcctID+",张三,2052,0", kingdee.AppData(vecAcctID, vecUser, 2052, "0"))

	signer, err := kingdee.NewHeaderSigner(vecAppID, vecAppSecret, vecAcctID, vecUser, 2052, "0")
	require.NoError(t, err)
	h := signer.Sign(vecPath, "1700000000")
	assert.Equal(t, kingdee.SignedHeaders{
		ClientID: "224426", Timestamp: "1700000000", Nonce: "1700000000", Signature: vecSignature,
		AppKey: vecAppID, AppData: vecAppData, KdSignature: vecKdSignature,
	}, h)
	assert.Equal(t, vecSignatureMS, signer.Sign(vecPath, "1700000000123").Signature)

	// X-Kd-Signature signs the raw app data, not its base64 form.
	assert.NotEqual(t, kingdee.HMACHexBase64(vecAppID+vecAppData, vecAppSecret), h.KdSignature)
}

func TestLoginSignGolden(t *testing.T) {
	vals := []string{vecAcctID, vecUser, vecAppID, vecAppSecret, "1700000000"}
	assert.Equal(t, vecLoginSHA256, kingdee.LoginSign(false, vals...))
	assert.Equal(t, vecLoginSHA1, kingdee.LoginSign(true, vals...))
	// Byte order: digits before letters, ASCII before Chinese; the input
	// order does not matter and the input is not changed.
	rev := []string{"1700000000", vecAppSecret, vecAppID, vecUser, vecAcctID}
	assert.Equal(t, vecLoginSHA256, kingdee.LoginSign(false, rev...))
	assert.Equal(t, "1700000000", rev[0])
	sum := sha256.Sum256([]byte(vecAppSecret + "1700000000" + vecAppID + vecAcctID + vecUser))
	assert.Equal(t, hex.EncodeToString(sum[:]), vecLoginSHA256)
}
