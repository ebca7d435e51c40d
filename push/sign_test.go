package push

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The vector documented in the package comment.
const (
	vectorSecret    = Secret("push-test-secret")
	vectorPath      = "/callback"
	vectorTimestamp = int64(1795000000)
	vectorNonce     = "3f2a9c1e7b6d4058"
	vectorBody      = `{"shop_no":"QY01","tid":"CB-1001"}`
	vectorSignature = "v1=224496a7f15a99f11187c5c5022719713b1bd476ff6b1388a197eab98611982b"
)

func TestSignReproducesTheDocumentedVector(t *testing.T) {
	assert.Equal(t, vectorSignature, Sign(vectorSecret, http.MethodPost, vectorPath, vectorTimestamp, vectorNonce, []byte(vectorBody)))
}

func TestSignChangesWithEveryPart(t *testing.T) {
	base := Sign(vectorSecret, "POST", vectorPath, vectorTimestamp, vectorNonce, []byte(vectorBody))
	for name, got := range map[string]string{
		"secret":    Sign("other", "POST", vectorPath, vectorTimestamp, vectorNonce, []byte(vectorBody)),
		"method":    Sign(vectorSecret, "PUT", vectorPath, vectorTimestamp, vectorNonce, []byte(vectorBody)),
		"path":      Sign(vectorSecret, "POST", "/callback2", vectorTimestamp, vectorNonce, []byte(vectorBody)),
		"timestamp": Sign(vectorSecret, "POST", vectorPath, vectorTimestamp+1, vectorNonce, []byte(vectorBody)),
		"nonce":     Sign(vectorSecret, "POST", vectorPath, vectorTimestamp, vectorNonce+"0", []byte(vectorBody)),
		"body":      Sign(vectorSecret, "POST", vectorPath, vectorTimestamp, vectorNonce, []byte(vectorBody+" ")),
	} {
		assert.NotEqual(t, base, got, name)
	}
}

func TestSignRequestSetsTheHeaders(t *testing.T) {
	req, err := http.NewRequest(http.MethodPost, "https://erp.example/callback?x=1", bytes.NewBufferString(vectorBody))
	require.NoError(t, err)
	require.NoError(t, SignRequest(req, vectorSecret, []byte(vectorBody), time.Unix(vectorTimestamp, 0)))
	assert.Equal(t, "1795000000", req.Header.Get(HeaderTimestamp))
	nonce := req.Header.Get(HeaderNonce)
	assert.True(t, validNonce(nonce), nonce)
	assert.Equal(t, Sign(vectorSecret, "POST", "/callback", vectorTimestamp, nonce, []byte(vectorBody)), req.Header.Get(HeaderSignature), "the query is not signed")

	again := req.Clone(context.Background())
	require.NoError(t, SignRequest(again, vectorSecret, []byte(vectorBody), time.Unix(vectorTimestamp, 0)))
	assert.NotEqual(t, nonce, again.Header.Get(HeaderNonce), "each signing draws a new nonce")

	assert.Error(t, SignRequest(req, "", nil, time.Now()))
	assert.Error(t, SignRequest(nil, vectorSecret, nil, time.Now()))
}

func TestRequestPathIsWhatTheSenderWrote(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/hooks/callback%2Fa?x=1", nil)
	assert.Equal(t, "/hooks/callback%2Fa", requestPath(r))
	stripped := http.StripPrefix("/hooks", http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "/hooks/callback%2Fa", requestPath(r))
	}))
	stripped.ServeHTTP(httptest.NewRecorder(), r)
	assert.Equal(t, "/", requestPath(&http.Request{RequestURI: "*"}))
}

func TestSecretNeverPrints(t *testing.T) {
	s := Secret("push-test-secret")
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "secret", s)
	j, err := json.Marshal(struct{ S Secret }{s})
	require.NoError(t, err)
	for _, out := range []string{fmt.Sprint(s), fmt.Sprintf("%v %+v %#v %s", s, s, s, s), buf.String(), string(j)} {
		assert.NotContains(t, out, "push-test-secret")
	}
	assert.Equal(t, "", Secret("").String())
}

func TestParseTimestampAndSignature(t *testing.T) {
	for _, bad := range []string{"", "+1", "-1", "1.5", " 1", "1e9", "9999999999999"} {
		_, ok := parseTimestamp(bad)
		assert.False(t, ok, bad)
	}
	n, ok := parseTimestamp("1795000000")
	assert.True(t, ok)
	assert.Equal(t, vectorTimestamp, n)
	for _, bad := range []string{"", "v1=", "v2=" + vectorSignature[3:], vectorSignature[3:], vectorSignature + "00", "v1=" + string(bytes.Repeat([]byte("zz"), 32))} {
		_, ok := parseSignature(bad)
		assert.False(t, ok, bad)
	}
	for _, bad := range []string{"", "short", "has space 12", "slash/1234", strings.Repeat("a", 129)} {
		assert.False(t, validNonce(bad), bad)
	}
	assert.True(t, validNonce("aZ09-_.~"))
	mac, ok := parseSignature(vectorSignature)
	assert.True(t, ok)
	assert.Len(t, mac, 32)
}
