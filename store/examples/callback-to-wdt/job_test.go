package main

import (
	"bytes"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/push"
	"github.com/duijie/duijie/store/examples/internal/proctest"
)

// start runs the binary with -listen and returns it with its callback URL.
func start(t *testing.T, bin string, env map[string]string, args ...string) (*proctest.Proc, string) {
	t.Helper()
	p := proctest.Start(t, bin, env, append([]string{"-listen", "127.0.0.1:0", "-delivery-term", "1", "-no-refund-when-absent"}, args...)...)
	line := p.WaitStdout(t, "listening on ")
	return p, strings.TrimPrefix(line, "listening on ")
}

// sendSigned posts body to url with the given headers (a request signed once).
func sendSigned(t *testing.T, url string, h http.Header, body []byte) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	require.NoError(t, err)
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

func stop(t *testing.T, p *proctest.Proc) proctest.Result {
	t.Helper()
	require.NoError(t, p.Signal(syscall.SIGTERM))
	return p.Wait()
}

func TestJobRestartKeepsReplaysRefusedAndSettledOrdersAnswered(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs binaries")
	}
	fake := proctest.StartFake(t, "../internal/fakeproc", "wdt", 0)
	bin := proctest.Build(t, ".")
	secret := push.Secret("job-test-secret")
	env := proctest.Merge(fake.Env, map[string]string{"WDT_URL": fake.URL, secretEnv: string(secret)}) // no /openapi2: added
	state := filepath.Join(t.TempDir(), "state.db")
	good := []byte(`[` + one("J-1") + `]`)
	at := time.Now()

	dry, url := start(t, bin, env, "-dry-run")
	status, res, err := send(http.DefaultClient, url, secret, good, at)
	require.NoError(t, err)
	assert.Equal(t, http.StatusServiceUnavailable, status)
	assert.True(t, res[0].Retry, "a dry run settles nothing")
	out := stop(t, dry)
	assert.Contains(t, out.Stdout, "dry run, would push: shop QY01 trade J-1")
	assert.Empty(t, fake.State(t).Writes(), "a dry run pushes nothing")

	signed, err := http.NewRequest(http.MethodPost, "http://x"+callbackPath, nil)
	require.NoError(t, err)
	require.NoError(t, push.SignRequest(signed, secret, good, at))
	signed.Header.Set("Content-Type", "application/json")
	first, url := start(t, bin, env, "-state", state)
	assert.Equal(t, http.StatusOK, sendSigned(t, url, signed.Header, good))
	out = stop(t, first)
	assert.Equal(t, 0, out.Code, out.Stdout+out.Stderr)
	assert.Contains(t, out.Stdout, "summary: 1 order(s) pushed to WDT, 0 refused, 0 not settled")

	second, url := start(t, bin, env, "-state", state)
	assert.Equal(t, http.StatusConflict, sendSigned(t, url, signed.Header, good), "a replay is refused after the restart")
	status, res, err = send(http.DefaultClient, url, secret, good, time.Now()) // signed again: the sender's retry
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, status)
	assert.True(t, res[0].OK && res[0].Repeat, "answered from the stored outcome: %+v", res[0])
	out = stop(t, second)
	assert.Equal(t, 0, out.Code, out.Stdout+out.Stderr)

	st := fake.State(t)
	require.Len(t, st.WDT, 1)
	assert.Equal(t, 1, st.WDT[0].Pushes)
	assert.Len(t, st.Writes(), 1, "one trade_push across both runs")
}

func TestJobKilledWithAPushInFlightSettlesTheOrderOnRetry(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs binaries")
	}
	fake := proctest.StartFake(t, "../internal/fakeproc", "wdt", 1)
	bin := proctest.Build(t, ".")
	secret := push.Secret("job-test-secret")
	env := proctest.Merge(fake.Env, map[string]string{"WDT_URL": fake.URL + "/openapi2", secretEnv: string(secret)})
	state := filepath.Join(t.TempDir(), "state.db")
	good := []byte(`[` + one("K-1") + `]`)

	p, url := start(t, bin, env, "-state", state)
	sent := make(chan error, 1)
	go func() { _, _, err := send(http.DefaultClient, url, secret, good, time.Now()); sent <- err }()
	<-fake.Held // trade_push reached WDT; its answer never comes
	require.NoError(t, p.Kill())
	p.Wait()
	assert.Error(t, <-sent, "the sender saw no answer and sends again")

	again, url := start(t, bin, env, "-state", state)
	status, res, err := send(http.DefaultClient, url, secret, good, time.Now())
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, status)
	assert.True(t, res[0].OK, "%+v", res[0])
	status, res, err = send(http.DefaultClient, url, secret, good, time.Now())
	require.NoError(t, err)
	assert.True(t, status == http.StatusOK && res[0].Repeat, "settled: answered without a push")
	stop(t, again)

	st := fake.State(t)
	require.Len(t, st.WDT, 1, "WDT holds the order once")
	assert.Len(t, st.Writes(), 2, "the cut-off push and the sender's retry, which trade_push absorbs by tid")
}
