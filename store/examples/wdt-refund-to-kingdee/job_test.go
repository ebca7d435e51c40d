package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests run the real mode as a scheduler would: the example built
// into a binary, against the vendor fakes in another process
// (testdata/fake), with the state in a SQLite file.

// binaries builds the example and the fake once per test.
func binaries(t *testing.T) (job, fakeBin string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds binaries")
	}
	dir := t.TempDir()
	job, fakeBin = filepath.Join(dir, "job"), filepath.Join(dir, "fake")
	for _, b := range [][2]string{{job, "."}, {fakeBin, "./testdata/fake"}} {
		out, err := exec.Command("go", "build", "-o", b[0], b[1]).CombinedOutput()
		require.NoError(t, err, string(out))
	}
	return job, fakeBin
}

// fakeProc is the fake process.
type fakeProc struct {
	env   map[string]string
	lines chan string
	stdin io.WriteCloser
}

type stats struct {
	Reads    map[string]int `json:"reads"`
	Bills    []string       `json:"bills"`
	Repeated int            `json:"repeated"`
	Writes   int            `json:"writes"`
}

func startFake(t *testing.T, bin string, args ...string) *fakeProc {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { stdin.Close(); cmd.Wait() })
	f := &fakeProc{lines: make(chan string, 16), stdin: stdin}
	sc := bufio.NewScanner(stdout)
	require.True(t, sc.Scan(), "the fake prints its URLs")
	require.NoError(t, json.Unmarshal(sc.Bytes(), &f.env))
	go func() {
		for sc.Scan() {
			f.lines <- sc.Text()
		}
		close(f.lines)
	}()
	return f
}

func (f *fakeProc) stats(t *testing.T) stats {
	t.Helper()
	resp, err := http.Get(f.env["control"] + "/stats")
	require.NoError(t, err)
	defer resp.Body.Close()
	var st stats
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&st))
	return st
}

func (f *fakeProc) post(t *testing.T, path string) {
	t.Helper()
	resp, err := http.Post(f.env["control"]+path, "text/plain", nil)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
}

// jobEnv is the job's environment: base URLs with only the host (the job
// adds /openapi2, /router/qm and /k3cloud) and the fakes' credentials.
func (f *fakeProc) jobEnv() []string {
	env := []string{"WDT_URL=" + f.env["wdt_host"], "KINGDEE_URL=" + f.env["kingdee_host"], "HOME=" + os.Getenv("HOME"), "PATH=" + os.Getenv("PATH")}
	for _, k := range []string{"WDT_SID", "WDT_APPKEY", "WDT_APPSECRET", "QIMEN_APPKEY", "QIMEN_SECRET", "QIMEN_TARGET_APPKEY",
		"KINGDEE_ACCTID", "KINGDEE_USER", "KINGDEE_APPID", "KINGDEE_APPSECRET"} {
		env = append(env, k+"="+f.env[k])
	}
	return env
}

// run runs the job to its end and returns its exit code and output.
func run(t *testing.T, job string, f *fakeProc, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(job, args...)
	cmd.Env = f.jobEnv()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), out.String()
	}
	require.NoError(t, err)
	return 0, out.String()
}

func realArgs(state string, extra ...string) []string {
	return append([]string{"-real", "-state", state, "-progress", "log", "-rate", "6000", "-tax", "tax"}, extra...)
}

func TestRealModeTwiceReadsEachStockinOnceFromTheCheckpoint(t *testing.T) {
	job, fakeBin := binaries(t)
	f := startFake(t, fakeBin, "-stockins", "120", "-days", "40")
	state := filepath.Join(t.TempDir(), "state.db")

	// Run 1, openapi2: 50 days back, two 30-day windows.
	code, out := run(t, job, f, realArgs(state, "-since", "1200h")...)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "run: 2 window(s) done, 120 stock-in(s) read, 120 sales return(s) saved, 0 already in Kingdee")
	assert.Contains(t, out, "msg=progress", "slog progress lines when stderr is no terminal")
	assert.NotContains(t, out, "\r", "no live line off a terminal")

	// Three stock-ins arrive; run 2 goes through Qimen (hmac-sha256) from
	// the checkpoint: a -since of 100 days would read everything again if
	// it were used.
	f.post(t, "/add?n=3&ago=7m")
	code, out = run(t, job, f, realArgs(state, "-since", "2400h", "-route", "qimen", "-qimen-sign", "hmac-sha256")...)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "run: 1 window(s) done, 3 stock-in(s) read, 3 sales return(s) saved, 0 already in Kingdee")

	st := f.stats(t)
	assert.Len(t, st.Reads, 123)
	for no, n := range st.Reads {
		assert.Equal(t, 1, n, "%s read once across both runs", no)
	}
	assert.Len(t, st.Bills, 123)
	assert.Zero(t, st.Repeated)
}

func TestDryRunWritesNothing(t *testing.T) {
	job, fakeBin := binaries(t)
	f := startFake(t, fakeBin, "-stockins", "30", "-days", "10")
	state := filepath.Join(t.TempDir(), "state.db")

	code, out := run(t, job, f, realArgs(state, "-since", "360h", "-dry-run")...)
	require.Equal(t, 0, code, out)
	assert.Equal(t, 30, strings.Count(out, "would save WDT-RK"), out)
	assert.Contains(t, out, "would save WDT-RK000000: customer TMALL-01")
	assert.Contains(t, out, "dry run: 30 sales return(s) would be saved; nothing was written, the checkpoint stays")
	st := f.stats(t)
	assert.Zero(t, st.Writes, "the servers saw only reads")
	assert.Empty(t, st.Bills)

	// The checkpoint did not move: the real run reads from -since.
	code, out = run(t, job, f, realArgs(state, "-since", "360h")...)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "30 stock-in(s) read, 30 sales return(s) saved")
}

func TestKilledMidWindowAndStartedAgainSavesEachBillOnce(t *testing.T) {
	job, fakeBin := binaries(t)
	// 120 stock-ins in one window, 50 a batch: the fake holds the second
	// batch's answer after storing it (100 bills), and the job is killed
	// there, its outcome unknown to the job.
	f := startFake(t, fakeBin, "-stockins", "120", "-days", "20", "-hold-after", "60")
	state := filepath.Join(t.TempDir(), "state.db")

	cmd := exec.Command(job, realArgs(state, "-since", "600h")...)
	cmd.Env = f.jobEnv()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Start())
	assert.Equal(t, "HOLD 100", <-f.lines)
	require.NoError(t, cmd.Process.Kill())
	cmd.Wait()
	assert.Len(t, f.stats(t).Bills, 100)

	code, out2 := run(t, job, f, realArgs(state, "-since", "600h")...)
	require.Equal(t, 0, code, out2)
	assert.Contains(t, out2, "run: 1 window(s) done, 120 stock-in(s) read, 20 sales return(s) saved, 100 already in Kingdee")
	st := f.stats(t)
	assert.Len(t, st.Bills, 120)
	assert.Zero(t, st.Repeated, "no bill was sent twice")
	seen := map[string]bool{}
	for _, b := range st.Bills {
		assert.False(t, seen[b], b)
		seen[b] = true
	}
}

func TestSIGTERMFinishesTheBatchInFlightAndSaysWhatIsLeft(t *testing.T) {
	job, fakeBin := binaries(t)
	f := startFake(t, fakeBin, "-stockins", "120", "-days", "20", "-hold-after", "60")
	state := filepath.Join(t.TempDir(), "state.db")

	cmd := exec.Command(job, realArgs(state, "-since", "600h")...)
	cmd.Env = f.jobEnv()
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	assert.Equal(t, "HOLD 100", <-f.lines)
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	// The job says it will stop; then the fake answers the batch in flight.
	sc := bufio.NewScanner(stderr)
	for sc.Scan() && !strings.Contains(sc.Text(), "stopping after the document in flight") {
	}
	f.post(t, "/release")
	go io.Copy(io.Discard, stderr)
	err = cmd.Wait()
	var ee *exec.ExitError
	require.True(t, errors.As(err, &ee), "%v\n%s", err, stdout.String())
	assert.Equal(t, 3, ee.ExitCode(), stdout.String())
	assert.Contains(t, stdout.String(), "run: 0 window(s) done, 120 stock-in(s) read, 100 sales return(s) saved")
	assert.Contains(t, stdout.String(), "left for the next run (stopped): WDT-RK000100")
	assert.Equal(t, 20, strings.Count(stdout.String(), "left for the next run"))

	code, out := run(t, job, f, realArgs(state, "-since", "600h")...)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "20 sales return(s) saved, 100 already in Kingdee")
	st := f.stats(t)
	assert.Len(t, st.Bills, 120)
	assert.Zero(t, st.Repeated)
}

func TestRealModeRefusesWhatItCannotUse(t *testing.T) {
	job, fakeBin := binaries(t)
	f := startFake(t, fakeBin, "-stockins", "1", "-days", "1")
	state := filepath.Join(t.TempDir(), "state.db")
	cmd := exec.Command(job, realArgs(state)...)
	cmd.Env = append(f.jobEnv(), "WDT_URL="+f.env["wdt_host"]+"/api")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	require.True(t, errors.As(err, &ee))
	assert.Equal(t, 2, ee.ExitCode())
	assert.Contains(t, string(out), fmt.Sprintf(`WDT_URL=%q must end with /openapi2: add /openapi2 to its path`, f.env["wdt_host"]+"/api"))

	var help bytes.Buffer
	cmd = exec.Command(job, "-h")
	cmd.Stderr = &help
	cmd.Run()
	for _, want := range []string{"-state", "-since", "-dry-run", "-route", "-qimen-sign", "-material", "-qty", "-price", "-tax",
		"-page-size", "-batch", "-rate", "-progress", "WDT_URL", "WDT_SID", "QIMEN_APPKEY", "KINGDEE_URL", "DUIJIE_STATE"} {
		assert.Contains(t, help.String(), want)
	}
}
