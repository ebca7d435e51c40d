package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

func TestFakeServesASignedCallAndStopsOnCancel(t *testing.T) {
	e, out, errb := testEnv(nil, time.Now())
	ready := make(chan map[string]string, 1)
	e.ready = func(a map[string]string) { ready <- a }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"fake", "--listen", "127.0.0.1:0"}, e) }()
	var addrs map[string]string
	select {
	case addrs = <-ready:
	case code := <-done:
		t.Fatalf("fake ended with %d: %s", code, errb.String())
	}
	c, err := wangdiantong.NewClient(wangdiantong.Config{SID: wangdiantongtest.SID, AppKey: wangdiantongtest.AppKey, AppSecret: wangdiantongtest.AppSecret},
		duijie.WithBaseURL(addrs["front"]+"/wangdiantong/openapi2"))
	require.NoError(t, err)
	var shops map[string]any
	require.NoError(t, c.Call(context.Background(), &wangdiantong.CallRequest{Method: "shop.php", Params: map[string]any{"page_no": 0, "page_size": 10}, SafeToReplay: true}, &shops))
	assert.Contains(t, shops, "shoplist")
	cancel()
	require.Equal(t, 0, <-done, errb.String())
	assert.Contains(t, out.String(), "DUIJIE_WDT_SECRET="+wangdiantongtest.AppSecret)
	assert.Contains(t, out.String(), "duijie fake: stopped")
}

func TestCallDryRunPrintsTheSignedRequest(t *testing.T) {
	e, out, errb := testEnv(map[string]string{"DUIJIE_JST_APP_KEY": "ak", "DUIJIE_JST_APP_SECRET": "jst-secret", "DUIJIE_JST_ACCESS_TOKEN": "tok-123"}, t0)
	require.Equal(t, 0, run(context.Background(), []string{"call", "jushuitan", "/open/shops/query", "--dry-run", "--biz", `{"page_index":1}`}, e), errb.String())
	// The SDK client's own request equals what "duijie sign" prints.
	want, _ := signedDump(t, "jushuitan", "--app-key", "ak", "--app-secret", "jst-secret", "--access-token", "tok-123", "--timestamp", "1700000000", "--biz", `{"page_index":1}`)
	wantBody := strings.TrimSpace(strings.SplitN(want, "\n\n", 2)[1])
	assert.Contains(t, strings.ReplaceAll(out.String(), "[REDACTED]", "tok-123"), wantBody)
	assert.NotContains(t, out.String(), "tok-123")
}

func TestCallAgainstTheFake(t *testing.T) {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	e, out, errb := testEnv(map[string]string{"DUIJIE_WDT_SID": wangdiantongtest.SID, "DUIJIE_WDT_APPKEY": wangdiantongtest.AppKey, "DUIJIE_WDT_SECRET": wangdiantongtest.AppSecret}, time.Now())
	e.now = time.Now
	require.Equal(t, 0, run(context.Background(), []string{"call", "wdt", "shop.php", "--base-url", srv.URL(), "-p", "page_no=0", "-p", "page_size=10"}, e), errb.String())
	assert.Contains(t, out.String(), "shoplist")
	e, _, errb = testEnv(nil, time.Now())
	assert.Equal(t, 1, run(context.Background(), []string{"call", "wdt", "shop.php", "--base-url", srv.URL()}, e))
	assert.Contains(t, errb.String(), "SID is required")
}
