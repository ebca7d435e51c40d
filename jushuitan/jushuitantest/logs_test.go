package jushuitantest_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/internal/logcapture"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// TestNoSecretInLogsOrErrors runs retried, refused, renewed and broken
// calls in both generations with a logger, and checks that no secret,
// token, signature or phone number reached a log line or an error string.
func TestNoSecretInLogsOrErrors(t *testing.T) {
	logger, logs := logcapture.New()
	var errs []error
	secrets := []string{jushuitantest.AppSecret, jushuitantest.AccessToken, jushuitantest.RefreshToken,
		jushuitantest.PartnerKey, jushuitantest.LegacyToken, "wrong-secret-1", "wrong-key-2", "13800138000"}
	ctx := context.Background()
	for _, g := range generations {
		srv, _, clk := pair(t, g)
		c := newClient(t, srv, configFor(srv, g), clk, duijie.WithLogger(logger))

		srv.FailNext(1, jushuitantest.BusyFault())
		_, err := c.QueryShops(ctx, nil)
		require.NoError(t, err)

		if g == jushuitan.Legacy {
			srv.ExpireLegacyToken()
		} else {
			srv.ExpireTokens()
		}
		_, err = c.UploadOrders(ctx, upload(order("SO1")))
		require.ErrorIs(t, err, duijie.ErrAuth)
		errs = append(errs, err)

		srv.FailUpload("SO2", "收货人手机号不正确")
		_, err = c.UploadOrders(ctx, upload(order("SO1"), order("SO2")))
		require.Error(t, err)
		errs = append(errs, err)

		srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultBody,
			Body: []byte(`{"code":140,"issuccess":false,"msg":"参数不符合规范: receiver_mobile 13800138000"}`)})
		_, err = c.UploadOrders(ctx, upload(order("SO3")))
		require.ErrorIs(t, err, duijie.ErrInvalidRequest)
		errs = append(errs, err)

		srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
		_, err = c.UploadOrders(ctx, upload(order("SO4")))
		require.Error(t, err)
		errs = append(errs, err)

		bad := configFor(srv, g)
		bad.AppSecret, bad.PartnerKey = "wrong-secret-1", "wrong-key-2"
		_, err = newClient(t, srv, bad, clk, duijie.WithLogger(logger)).QueryShops(ctx, nil)
		require.ErrorIs(t, err, duijie.ErrSignature)
		errs = append(errs, err)

		secrets = append(secrets, srv.CurrentToken())
		for _, e := range srv.Journal() {
			if s := formOf(e).Get("sign"); s != "" {
				secrets = append(secrets, s)
			}
			if s := e.Query.Get("sign"); s != "" {
				secrets = append(secrets, s)
			}
			if s := formOf(e).Get("refresh_token"); s != "" {
				secrets = append(secrets, s)
			}
		}
	}
	assert.Positive(t, logs.Records())
	assert.Empty(t, logs.Leaks(secrets, errs...))
}
