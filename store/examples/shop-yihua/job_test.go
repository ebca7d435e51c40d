package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/store/examples/internal/proctest"
)

// setup builds the example and the Yihua fake, each run in a process of its
// own, and returns the binary, its environment and its flags.
func setup(t *testing.T, hold int) (string, *proctest.Fake, map[string]string, []string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs binaries")
	}
	fake := proctest.StartFake(t, "../internal/fakeproc", "yihua", hold)
	bin := proctest.Build(t, ".")
	dir := t.TempDir()
	products := filepath.Join(dir, "products.csv")
	require.NoError(t, os.WriteFile(products, []byte("SHOP-A,268E6E1D13754EE9878E31A6F7EB9C43\nSHOP-B,0A1B2C3D4E5F60718293A4B5C6D7E8F9\nSHOP-C,5F0E1D2C3B4A59687766554433221100\n"), 0o600))
	// The route suffix is accepted as well as the bare root.
	env := proctest.Merge(fake.Env, map[string]string{"YIHUA_URL": fake.URL + "/Mall/Erp/ErpService.svc"})
	return bin, fake, env, []string{"-real", "-state", filepath.Join(dir, "state.db"), "-products", products}
}

// eachOnce checks that Yihua holds the four documents, each written once.
func eachOnce(t *testing.T, fake *proctest.Fake) {
	t.Helper()
	st := fake.State(t)
	var got []string
	for _, tr := range st.Yihua {
		got = append(got, tr.TradeID)
		assert.Equal(t, 1, tr.Writes, tr.TradeID)
	}
	assert.ElementsMatch(t, []string{"SO-3001", "SO-3002", "SO-3004", "RT-3001"}, got)
	assert.Len(t, st.Writes(), 4, "one write per document, across every run")
}

func TestJobDryRunThenTwoRunsSendEachDocumentOnce(t *testing.T) {
	bin, fake, env, args := setup(t, 0)

	dry := proctest.Run(t, bin, env, append(args, "-dry-run")...)
	assert.Equal(t, 0, dry.Code, dry.Stderr)
	assert.Contains(t, dry.Stdout, "dry run, would send: order SO-3001 (2 line(s), paid 90)")
	assert.Contains(t, dry.Stdout, "dry run, would send: return RT-3001")
	assert.Empty(t, fake.State(t).Requests, "a dry run sends nothing")

	first := proctest.Run(t, bin, env, args...)
	assert.Equal(t, 0, first.Code, first.Stdout+first.Stderr)
	assert.Contains(t, first.Stdout, "run: 4 sent, 0 found already in the ERP, 0 failed, 0 uncertain")
	second := proctest.Run(t, bin, env, args...)
	assert.Equal(t, 0, second.Code, second.Stdout+second.Stderr)
	assert.Contains(t, second.Stdout, "run: 0 sent, 0 found already in the ERP, 0 failed, 0 uncertain\n  delivered by an earlier run: 4")
	eachOnce(t, fake)

	again := proctest.Run(t, bin, env, append(args, "-dry-run")...)
	assert.NotContains(t, again.Stdout, "would send", "a dry run after the runs has nothing to send")
}

func TestJobKilledWithAWriteInFlightDeliversEveryDocumentOnce(t *testing.T) {
	bin, fake, env, args := setup(t, 2)
	p := proctest.Start(t, bin, env, args...)
	<-fake.Held // SO-3002 reached the ERP; its answer never comes
	require.NoError(t, p.Kill())
	killed := p.Wait()
	assert.NotEqual(t, 0, killed.Code)

	// Without a way to look, the cut-off document is not sent again.
	blind := proctest.Run(t, bin, env, args...)
	assert.Equal(t, 1, blind.Code, blind.Stdout)
	assert.Contains(t, blind.Stdout, "uncertain (check the ERP before sending again): SO-3002")
	assert.Contains(t, blind.Stderr, "1 of 5 document(s) not delivered: 0 failed, 1 uncertain")

	// With the lookup it is found, not sent.
	looked := proctest.Run(t, bin, env, append(args, "-lookup", fake.Bin+" lookup "+fake.Ctl)...)
	assert.Equal(t, 0, looked.Code, looked.Stdout+looked.Stderr)
	assert.Contains(t, looked.Stdout, "run: 0 sent, 1 found already in the ERP, 0 failed, 0 uncertain")
	eachOnce(t, fake)
}

func TestJobStopsAfterTheDocumentInFlightOnSIGTERM(t *testing.T) {
	bin, fake, env, args := setup(t, 2)
	p := proctest.Start(t, bin, env, args...)
	<-fake.Held
	require.NoError(t, p.Signal(syscall.SIGTERM))
	p.WaitStderr(t, "stopping after the document in flight")
	fake.Post(t, "/release")
	res := p.Wait()
	assert.Equal(t, 3, res.Code, res.Stdout+res.Stderr)
	assert.Contains(t, res.Stdout, "run: 2 sent")
	assert.Contains(t, res.Stdout, "left for the next run: SO-3003")
	assert.Len(t, fake.State(t).Writes(), 2)

	rest := proctest.Run(t, bin, env, args...)
	assert.Equal(t, 0, rest.Code, rest.Stdout+rest.Stderr)
	assert.True(t, strings.Contains(rest.Stdout, "run: 2 sent") && strings.Contains(rest.Stdout, "delivered by an earlier run: 2"), rest.Stdout)
	eachOnce(t, fake)
}
