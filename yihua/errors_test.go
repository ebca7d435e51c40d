package yihua

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/transport"
)

func classifyBody(status int, body string) (*transport.Result[envelope], error) {
	r := &transport.Result[envelope]{StatusCode: status, Body: []byte(body)}
	return r, classify(r)
}

func TestClassifyDecodesOnce(t *testing.T) {
	r, err := classifyBody(200, okBody)
	require.NoError(t, err)
	env, ok := r.Envelope, r.Envelope != nil
	require.True(t, ok)
	id, ok := OuterTradeID(env.Message)
	assert.True(t, ok)
	assert.Equal(t, "6359657698853654528", id)

	_, err = classifyBody(200, `{"Code":"0","Compressed":true,"Message":"H4sI"}`)
	assert.ErrorContains(t, err, "compressed or encrypted")
	_, err = classifyBody(500, `{"Code":"500","Message":"服务器忙"}`)
	assert.ErrorIs(t, err, duijie.ErrTemporary)
	_, err = classifyBody(200, ``)
	assert.ErrorIs(t, err, duijie.ErrTemporary)
	_, err = classifyBody(200, `{"Message":"no code"}`)
	assert.ErrorIs(t, err, duijie.ErrTemporary)
}

func FuzzClassify(f *testing.F) {
	f.Add(200, okBody)
	f.Add(200, `{"Code":17,"Message":"x"}`)
	f.Add(500, `<html/>`)
	f.Add(200, `{"Code":"0","Message":"{\"OuterTradeID\":1}"}`)
	f.Add(429, `{"Code":"0","Encrypted":true}`)
	f.Fuzz(func(t *testing.T, status int, body string) {
		if status < 100 || status > 599 {
			return
		}
		r, err := classifyBody(status, body)
		if err == nil {
			env, ok := r.Envelope, r.Envelope != nil
			if !ok || env.code() != CodeOK || status > 299 {
				t.Fatalf("accepted %d %q", status, body)
			}
			_, _ = OuterTradeID(env.Message)
		}
	})
}
