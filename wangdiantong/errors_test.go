package wangdiantong

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/transport"
)

func TestClassifyDecodesOnce(t *testing.T) {
	r := &transport.Result[envelope]{StatusCode: 200, Body: []byte(`{"code":"0","message":"","total_count":"2","stockin_list":[]}`)}
	require.NoError(t, classifyOpenAPI(r))
	env := r.Envelope
	assert.Equal(t, "0", env.code)
	r = &transport.Result[envelope]{StatusCode: 200, Body: []byte(`{"response":{"flag":"failure","code":"1012","sub_code":"isv.flow-limit","message":"busy"}}`)}
	assert.ErrorIs(t, classifyQimen(r), duijie.ErrRateLimited)
	r = &transport.Result[envelope]{StatusCode: 502, Body: []byte(`<html>bad gateway</html>`)}
	assert.ErrorIs(t, classifyOpenAPI(r), duijie.ErrTemporary)
	r = &transport.Result[envelope]{StatusCode: 200, Body: []byte(`{"response":{"flag":"success","code":0,"trades":[]}}`)}
	require.NoError(t, classifyQimen(r))
	assert.JSONEq(t, `{"flag":"success","code":0,"trades":[]}`, string(r.Envelope.business))
}

func FuzzClassify(f *testing.F) {
	f.Add([]byte(`{"code":0,"message":"","new_count":1}`), 200)
	f.Add([]byte(`{"code":"1012","message":"x"}`), 200)
	f.Add([]byte(`{"error_response":{"code":25,"msg":"m"}}`), 200)
	f.Add([]byte(`{"response":{"flag":"failure"}}`), 500)
	f.Fuzz(func(t *testing.T, body []byte, status int) {
		for _, route := range []Route{RouteOpenAPI, RouteQimen} {
			r := &transport.Result[envelope]{StatusCode: status, Body: body}
			err := classifier(route)(r)
			if err == nil {
				env, ok := r.Envelope, r.Envelope != nil
				if !ok || !json.Valid(env.business) {
					t.Fatalf("accepted an answer without a decodable business part: %q", body)
				}
			}
		}
	})
}
