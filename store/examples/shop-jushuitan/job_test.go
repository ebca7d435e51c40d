package main

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/store/examples/internal/proctest"
)

func setup(t *testing.T, hold int) (string, *proctest.Fake, map[string]string, []string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs binaries")
	}
	fake := proctest.StartFake(t, "../internal/fakeproc", "jushuitan", hold)
	bin := proctest.Build(t, ".")
	env := proctest.Merge(fake.Env, map[string]string{"JST_URL": fake.URL + "/open"}) // the route is accepted
	return bin, fake, env, []string{"-real", "-once", "-lag", "0s", "-state", filepath.Join(t.TempDir(), "state.db")}
}

// windows returns the shipment windows asked, in order.
func windows(t *testing.T, st proctest.State) [][2]string {
	var out [][2]string
	for _, r := range st.Requests {
		if r.Path != "/open/logistic/query" {
			continue
		}
		form, err := url.ParseQuery(r.Body)
		require.NoError(t, err)
		var biz struct{ ModifiedBegin, ModifiedEnd string }
		require.NoError(t, json.Unmarshal([]byte(strings.ReplaceAll(strings.ReplaceAll(form.Get("biz"), "modified_begin", "ModifiedBegin"), "modified_end", "ModifiedEnd")), &biz))
		out = append(out, [2]string{biz.ModifiedBegin, biz.ModifiedEnd})
	}
	return out
}

// eachOnce checks that Jushuitan holds the four paid orders, each uploaded once.
func eachOnce(t *testing.T, fake *proctest.Fake) {
	t.Helper()
	var got []string
	for _, o := range fake.State(t).JST {
		got = append(got, o.SoID)
		assert.Equal(t, 1, o.Uploads, o.SoID)
	}
	assert.ElementsMatch(t, []string{"SO-1001", "SO-1002", "SO-1004", "SO-1005"}, got)
}

func TestJobDryRunThenTwoRunsReadAndUploadEachRecordOnce(t *testing.T) {
	bin, fake, env, args := setup(t, 0)
	dry := proctest.Run(t, bin, env, append(args, "-dry-run")...)
	assert.Equal(t, 0, dry.Code, dry.Stdout+dry.Stderr)
	assert.Contains(t, dry.Stdout, "dry run, would upload: SO-1001")
	assert.Empty(t, fake.State(t).Writes(), "a dry run writes nothing")

	first := proctest.Run(t, bin, env, args...)
	assert.Equal(t, 0, first.Code, first.Stdout+first.Stderr)
	assert.Contains(t, first.Stdout, "round 1: 3 stock row(s) updated, 4 order(s) uploaded, 0 not uploaded, 0 shipped")
	fake.Post(t, "/ship?so_id=SO-1001&lid=SF1000000001")
	// Jushuitan's windows are whole seconds and end at now − lag: the
	// shipment, stamped now, belongs to a window that ends after the next
	// whole second. Wait for the clock to pass it (a slow machine passes
	// it sooner; nothing races).
	for next := time.Now().Truncate(time.Second).Add(time.Second); time.Now().Before(next); {
		time.Sleep(time.Until(next))
	}
	w1 := len(windows(t, fake.State(t)))

	// -since far back is ignored: the checkpoint holds.
	second := proctest.Run(t, bin, env, append(args, "-since", "2020-01-01")...)
	assert.Equal(t, 0, second.Code, second.Stdout+second.Stderr)
	assert.Contains(t, second.Stdout, "0 order(s) uploaded, 0 not uploaded, 1 shipped")
	eachOnce(t, fake)

	ws := windows(t, fake.State(t))
	require.Greater(t, len(ws), w1)
	// ws[0] is the dry run's, ws[1:w1] the first run's, then the second's:
	// each of the second run's windows starts where the one before ended.
	for i := w1; i < len(ws); i++ {
		assert.Equal(t, ws[i-1][1], ws[i][0], "window %d: %v", i, ws)
	}
}

func TestJobKilledWithTheUploadInFlightUploadsEachOrderOnce(t *testing.T) {
	bin, fake, env, args := setup(t, 1)
	p := proctest.Start(t, bin, env, args...)
	<-fake.Held // the upload reached Jushuitan; its answer never comes
	require.NoError(t, p.Kill())
	p.Wait()

	again := proctest.Run(t, bin, env, args...)
	assert.Equal(t, 0, again.Code, again.Stdout+again.Stderr)
	assert.Contains(t, again.Stdout, "found in Jushuitan after a cut-off upload: 4")
	eachOnce(t, fake)
	assert.Len(t, fake.State(t).Writes(), 1, "the cut-off upload was looked up, not sent again")
}
