package duijietest

import (
	"net/http"
	"testing"

	"github.com/duijie/duijie"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func resolve(opts []duijie.Option) duijie.Options {
	var o duijie.Options
	for _, f := range opts {
		f(&o)
	}
	return o
}

func TestClientOptionsPointAtTheFake(t *testing.T) {
	const base = "http://127.0.0.1:1/root"
	opts, err := ClientOptions(base, duijie.WithUserAgent("test"))
	require.NoError(t, err)
	o := resolve(opts)
	assert.Equal(t, base, o.BaseURL)
	assert.Equal(t, "test", o.UserAgent)
	require.NotNil(t, o.HTTPClient)
	assert.IsType(t, &clientTransport{}, o.HTTPClient.Transport, "the fake's client plays out late answers and cancels")

	own := &http.Client{}
	opts, err = ClientOptions(base, duijie.WithHTTPClient(own), duijie.WithBaseURL(base))
	require.NoError(t, err, "the fake's own URL may be named")
	o = resolve(opts)
	assert.Same(t, own, o.HTTPClient, "the caller's HTTP client replaces the fake's")
	assert.Equal(t, base, o.BaseURL)
}

func TestClientOptionsRefuseAnotherHost(t *testing.T) {
	const base = "http://127.0.0.1:1/root"
	for _, opts := range [][]duijie.Option{
		{duijie.WithBaseURL("https://openapi.example.com")},
		{duijie.WithBaseURL(base), duijie.WithBaseURL("https://openapi.example.com")},
		{duijie.WithBaseURL("")},
	} {
		got, err := ClientOptions(base, opts...)
		require.Error(t, err)
		assert.Nil(t, got)
		assert.Contains(t, err.Error(), base)
	}
}
