package jushuitantest_test

import (
	"context"
	"net"
	"net/http"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// onPath matches the requests to one path.
func onPath(path string) func(*http.Request) bool {
	return func(r *http.Request) bool { return r.URL.Path == path }
}

// sharedStore is a token store two processes share without a lock (it
// hides MemoryTokenStore's TokenLocker).
type sharedStore struct{ s *jushuitan.MemoryTokenStore }

func (s sharedStore) Load(ctx context.Context, k string) (*jushuitan.Token, error) {
	return s.s.Load(ctx, k)
}
func (s sharedStore) Save(ctx context.Context, k string, t *jushuitan.Token) error {
	return s.s.Save(ctx, k, t)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// The fake treats codes as single-use: the merchant's code and a
// getInitToken code work once.
func TestFakeCodesAreSingleUse(t *testing.T) {
	srv, c, _ := pair(t, jushuitan.OpenAPI)
	ctx := context.Background()
	_, err := c.GetAccessToken(ctx, &jushuitan.AccessTokenRequest{Code: jushuitantest.AuthCode})
	require.NoError(t, err)
	_, err = c.GetAccessToken(ctx, &jushuitan.AccessTokenRequest{Code: jushuitantest.AuthCode})
	require.ErrorIs(t, err, duijie.ErrAuth, "a second use of the code is refused")
	_, err = c.GetAccessToken(ctx, &jushuitan.AccessTokenRequest{Code: srv.AuthorizeAgain()})
	require.NoError(t, err)

	_, err = c.GetInitToken(ctx, &jushuitan.InitTokenRequest{Code: "abc123"})
	require.NoError(t, err)
	_, err = c.GetInitToken(ctx, &jushuitan.InitTokenRequest{Code: "abc123"})
	require.ErrorIs(t, err, duijie.ErrAuth)
	assert.Equal(t, 3, srv.CodeGrants())
}

// A code exchange whose answer is lost is not sent again: the code is
// single-use, and a second use would be refused. The error says the outcome
// is unknown.
func TestLostCodeExchangeIsNotResent(t *testing.T) {
	srv, c, _ := pair(t, jushuitan.OpenAPI)
	srv.Inject(duijietest.Rule{Fault: duijietest.Fault{Kind: duijietest.FaultResetAfter}, Count: 1, Match: onPath(jushuitan.PathAccessToken)})
	_, err := c.GetAccessToken(context.Background(), &jushuitan.AccessTokenRequest{Code: jushuitantest.AuthCode})
	require.ErrorIs(t, err, jushuitan.ErrTokenOutcomeUnknown)
	assert.Contains(t, err.Error(), "not sent again")
	assert.Equal(t, 1, srv.Calls(jushuitan.PathAccessToken), "the code was sent once")
	assert.Equal(t, 1, srv.CodeGrants(), "the vendor did issue a token")
}

// A refresh whose answer is lost is not replayed with the spent refresh
// token; with no newer token in the store the unknown outcome is reported.
func TestLostRefreshIsNotReplayed(t *testing.T) {
	srv, c, _ := pair(t, jushuitan.OpenAPI)
	srv.Inject(duijietest.Rule{Fault: duijietest.Fault{Kind: duijietest.FaultResetAfter}, Count: 1, Match: onPath(jushuitan.PathRefreshToken)})
	_, err := c.RefreshAccessToken(context.Background())
	require.ErrorIs(t, err, jushuitan.ErrTokenOutcomeUnknown)
	assert.Contains(t, err.Error(), "refresh token is single-use")
	assert.Equal(t, 1, srv.Calls(jushuitan.PathRefreshToken), "the refresh token was sent once")
	assert.Equal(t, 1, srv.Refreshes())
}

// Two processes share a token store. While this client's refresh is cut off
// with its outcome unclear, the other process has refreshed with the same
// refresh token and stored the new token. The client reloads the store and
// uses that token: no resend of the spent refresh token, no new
// authorization (getInitToken), and the read goes through.
func TestUnclearRefreshUsesTheTokenAnotherProcessStored(t *testing.T) {
	clk := newClock(0)
	srv := jushuitantest.NewServer(jushuitantest.WithClock(clk.Now), jushuitantest.WithRateLimit(0, 0))
	t.Cleanup(srv.Close)
	cfg := srv.Config()
	cfg.TokenStore = sharedStore{jushuitan.NewMemoryTokenStore()}
	cfg.AutoInitToken = true
	other := newClient(t, srv, cfg, clk)
	cut := false
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Path == jushuitan.PathRefreshToken && !cut {
			cut = true
			_, err := other.RefreshAccessToken(r.Context())
			require.NoError(t, err)
			// This client's own refresh is cut off after it left.
			return nil, &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
		}
		return http.DefaultTransport.RoundTrip(r)
	})
	c := newClient(t, srv, cfg, clk, duijie.WithHTTPClient(&http.Client{Transport: rt}))
	srv.ExpireTokens()

	page, err := c.QueryShops(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.True(t, cut)
	assert.Equal(t, 0, srv.CodeGrants(), "no new authorization was forced")
	assert.Equal(t, 1, srv.Refreshes(), "the refresh token was spent once, by the other process")
	assert.Equal(t, 1, srv.Calls(jushuitan.PathRefreshToken), "the spent refresh token was not sent again")
	tok, err := cfg.TokenStore.Load(context.Background(), jushuitantest.AppKey)
	require.NoError(t, err)
	assert.Equal(t, srv.CurrentToken(), tok.AccessToken.Reveal())
}

// The same when this client's refresh is refused because the other process
// spent the refresh token first: the store is reloaded before giving up.
func TestRefusedRefreshUsesTheTokenAnotherProcessStored(t *testing.T) {
	clk := newClock(0)
	srv := jushuitantest.NewServer(jushuitantest.WithClock(clk.Now), jushuitantest.WithRateLimit(0, 0))
	t.Cleanup(srv.Close)
	cfg := srv.Config()
	cfg.TokenStore = sharedStore{jushuitan.NewMemoryTokenStore()}
	other := newClient(t, srv, cfg, clk)
	ran := false
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Path == jushuitan.PathRefreshToken && !ran {
			ran = true
			_, err := other.RefreshAccessToken(r.Context())
			require.NoError(t, err)
		}
		return http.DefaultTransport.RoundTrip(r)
	})
	c := newClient(t, srv, cfg, clk, duijie.WithHTTPClient(&http.Client{Transport: rt}))
	srv.ExpireTokens()

	_, err := c.QueryShops(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, 2, srv.Calls(jushuitan.PathRefreshToken), "the other process's refresh and this client's refused one")
	assert.Equal(t, 1, srv.Refreshes())
	assert.Equal(t, 0, srv.CodeGrants())
}
