package wangdiantongtest_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/logcapture"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// TestNoSecretInLogsOrErrors runs failing and retried calls on both routes
// with a logger and checks that no secret or signature was logged.
func TestNoSecretInLogsOrErrors(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	logger, logs := logcapture.New()
	var errs []error
	var signs []string
	for name, cfg := range map[string]wangdiantong.Config{
		"openapi2": srv.Config(), "qimen": srv.QimenConfig(wangdiantong.SignMD5),
	} {
		base := srv.URL()
		if name == "qimen" {
			base = srv.QimenURL()
		}
		c, err := wangdiantong.NewClient(cfg, duijie.WithBaseURL(base), duijie.WithLogger(logger), fast, unlimited)
		require.NoError(t, err)
		srv.FailNext(1, wangdiantongtest.BusyFault())
		_, err = c.PushTrades(context.Background(), &wangdiantong.TradePushRequest{ShopNo: "s", Trades: []wangdiantong.Trade{trade("T-"+name, "张三")}})
		require.NoError(t, err, name)
		bad := cfg
		bad.AppSecret, bad.Qimen.AppSecret = "wrong-secret-1", "wrong-secret-2"
		c, _ = wangdiantong.NewClient(bad, duijie.WithBaseURL(base), duijie.WithLogger(logger), fast, unlimited)
		_, err = c.QueryShops(context.Background(), nil)
		require.ErrorIs(t, err, duijie.ErrSignature, name)
		errs = append(errs, err)
	}
	for _, e := range srv.Journal() {
		if form, err := url.ParseQuery(string(e.Body)); err == nil && form.Get("sign") != "" {
			signs = append(signs, form.Get("sign"))
		}
	}
	require.NotEmpty(t, signs)
	assert.Positive(t, logs.Records())
	secrets := append([]string{wangdiantongtest.AppSecret, wangdiantongtest.QimenAppSecret, "wrong-secret-1", "wrong-secret-2"}, signs...)
	assert.Empty(t, logs.Leaks(secrets, errs...))
}
