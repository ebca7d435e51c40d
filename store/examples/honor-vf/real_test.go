package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/psi"
)

// These tests run the real mode as a scheduler would: the example built
// into a binary, against the Honor fake in another process (testdata/fake),
// with the state in a SQLite file.

type fakeStats struct {
	Reads     map[string]int `json:"reads"`
	Writes    int            `json:"writes"`
	Shipments map[string]int `json:"shipments"`
	PSI       map[string]int `json:"psi"`
}

type env struct {
	t            *testing.T
	job, state   string
	hostFile     string
	fake         map[string]string
	lines        chan string
	yesterdayDay string
}

func setup(t *testing.T, fakeArgs ...string) *env {
	t.Helper()
	if testing.Short() {
		t.Skip("builds binaries")
	}
	dir := t.TempDir()
	e := &env{t: t, job: filepath.Join(dir, "job"), state: filepath.Join(dir, "state.db"), hostFile: filepath.Join(dir, "erp.json"),
		lines: make(chan string, 8)}
	fakeBin := filepath.Join(dir, "fake")
	for _, b := range [][2]string{{e.job, "."}, {fakeBin, "./testdata/fake"}} {
		out, err := exec.Command("go", "build", "-o", b[0], b[1]).CombinedOutput()
		require.NoError(t, err, string(out))
	}
	cmd := exec.Command(fakeBin, fakeArgs...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { stdin.Close(); cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	require.True(t, sc.Scan())
	require.NoError(t, json.Unmarshal(sc.Bytes(), &e.fake))
	go func() {
		for sc.Scan() {
			e.lines <- sc.Text()
		}
	}()

	// The host: its goods and customer, the choices, and yesterday's
	// outbounds of VF0000 and VF0001 plus a local one.
	yesterday := time.Now().In(duijie.CST()).AddDate(0, 0, -1)
	at := time.Date(yesterday.Year(), yesterday.Month(), yesterday.Day(), 15, 0, 0, 0, duijie.CST())
	e.yesterdayDay = at.Format(time.DateOnly)
	host := Host{
		Goods: []Goods{{Item: mapping.Item{Code: "SP001", Name: "Magic6"}, Brand: "HONOR", Category: "PHONE"},
			{Item: mapping.Item{Code: "SP002", Name: "X50"}, Brand: "HONOR", Category: "PHONE"}},
		Customers:       []mapping.Item{{Code: "KH001", Name: "华强通讯"}, {Code: "KH100", Name: "门店零售"}},
		GoodsChoices:    []mapping.Choice{{External: "HM-M6", ERP: "SP001"}, {External: "HM-X50", ERP: "SP002"}},
		CustomerChoices: []mapping.Choice{{External: "HC01", ERP: "KH001"}},
		Warehouse:       "CK01",
		PSI:             psi.Config{Warehouses: []string{"CK01"}, Suppliers: []string{"GYS01"}, Customers: []string{"KH100"}, Brands: []string{"HONOR"}, Categories: []string{"PHONE"}},
		Outbounds: []*Outbound{
			{No: "PF0000", Origin: honor.OriginHimall, OrderNo: "VF0000", Time: at, Warehouse: "CK01", CustomerCode: "KH001",
				Lines: []OutboundLine{{HimallGoods: "HM-M6", Goods: "SP001", Serials: []string{"869000000000001"}}}},
			{No: "PF0001", Origin: honor.OriginHimall, OrderNo: "VF0001", Time: at, Warehouse: "CK01", CustomerCode: "KH001",
				Lines: []OutboundLine{{HimallGoods: "HM-X50", Goods: "SP002", Serials: []string{"869000000000002"}}}},
			{No: "PF0900", Time: at, Warehouse: "CK01", Supplier: "GYS01", CustomerCode: "KH100",
				Lines: []OutboundLine{{HimallGoods: "HM-X50", Goods: "SP002", Serials: []string{"869000000000901"}}}},
		},
	}
	b, err := json.Marshal(host)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(e.hostFile, b, 0o600))
	return e
}

func (e *env) cmd(args ...string) *exec.Cmd {
	all := append([]string{"-real", "-state", e.state, "-erp", e.hostFile, "-progress", "log"}, args...)
	cmd := exec.Command(e.job, all...)
	cmd.Env = []string{"HOME=" + os.Getenv("HOME"), "PATH=" + os.Getenv("PATH")}
	for _, k := range []string{"HONOR_URL", "HONOR_APPID", "HONOR_APPKEY", "HONOR_SHOP_NO", "HONOR_DISTRIBUTOR_ID"} {
		cmd.Env = append(cmd.Env, k+"="+e.fake[k])
	}
	return cmd
}

func (e *env) run(args ...string) (int, string) {
	e.t.Helper()
	cmd := e.cmd(args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), out.String()
	}
	require.NoError(e.t, err)
	return 0, out.String()
}

func (e *env) stats() fakeStats {
	e.t.Helper()
	resp, err := http.Get(e.fake["control"] + "/stats")
	require.NoError(e.t, err)
	defer resp.Body.Close()
	var st fakeStats
	require.NoError(e.t, json.NewDecoder(resp.Body).Decode(&st))
	return st
}

// kept returns the VF order numbers the run's summary lists as kept.
func kept(out string) []string {
	var nos []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "  VF") {
			nos = append(nos, strings.TrimSpace(strings.SplitN(l, ":", 2)[0]))
		}
	}
	return nos
}

func TestRealModeTwiceReadsEachOrderOnceAndKeepsTheStates(t *testing.T) {
	e := setup(t, "-orders", "12", "-days", "3")
	jobs := "tables,orders,feedback,psi"

	code, out := e.run("-since", "96h", "-jobs", jobs, "-day", e.yesterdayDay)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "goods synced at")
	assert.Contains(t, out, "12 order(s) read, 12 created")
	assert.Contains(t, out, "feedback: 2 sent (0 replayed), not Himall orders: PF0900")
	assert.Contains(t, out, "log: 3 uploaded, 0 unconfirmed, 0 failed, 0 not sent")
	assert.Contains(t, out, "VF0000: customer KH001, 1 line(s), amount 1899, taken ")
	assert.Contains(t, out, "回写 done, 上传 done")
	assert.Len(t, kept(out), 12)

	// Two orders arrive; run 2 starts from the checkpoint (a -since of a
	// year would read every order again), sends no feedback twice and
	// adds no PSI record already in the day's log.
	resp, err := http.Post(e.fake["control"]+"/add?n=2&ago=90s", "text/plain", nil)
	require.NoError(t, err)
	resp.Body.Close()
	code, out = e.run("-since", "8760h", "-jobs", jobs, "-day", e.yesterdayDay)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "2 order(s) read, 2 created")
	assert.Contains(t, out, "feedback: 0 sent")
	assert.Len(t, kept(out), 14)

	st := e.stats()
	assert.Len(t, st.Reads, 14)
	for no, n := range st.Reads {
		assert.Equal(t, 1, n, "%s read once across both runs", no)
	}
	assert.Equal(t, map[string]int{"PF0000": 1, "PF0001": 1}, st.Shipments)
	assert.Equal(t, map[string]int{"PF0000/869000000000001": 1, "PF0001/869000000000002": 1, "PF0900/869000000000901": 1}, st.PSI)
}

func TestDryRunWritesNothing(t *testing.T) {
	e := setup(t, "-orders", "6", "-days", "2")
	code, out := e.run("-since", "72h", "-jobs", "tables,orders", "-dry-run")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "would save table honor-goods: 2 from Himall, 2 choice(s)")
	assert.Equal(t, 6, strings.Count(out, "would keep wholesale order for VF"), out)

	// Nothing was kept: the real run reads from -since and takes all six.
	code, out = e.run("-since", "72h", "-jobs", "tables,orders")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "6 order(s) read, 6 created")

	code, out = e.run("-jobs", "feedback,psi", "-day", e.yesterdayDay, "-dry-run")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "would send feedback PF0000 for VF0000")
	assert.Contains(t, out, "would upload PSI record PF0900/869000000000901")
	assert.Zero(t, e.stats().Writes, "Honor saw only reads")
}

func TestKilledMidWindowAndStartedAgainKeepsEachOrderOnce(t *testing.T) {
	// 12 orders over 3 days, read in 24-hour windows: the fake holds the
	// page that brings the orders served to 5, in the second window, and
	// the job is killed there.
	e := setup(t, "-orders", "12", "-days", "3", "-hold-after", "5")
	cmd := e.cmd("-since", "96h", "-jobs", "tables,orders")
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	require.NoError(t, cmd.Start())
	line := <-e.lines
	assert.True(t, strings.HasPrefix(line, "HOLD "), line)
	require.NoError(t, cmd.Process.Kill())
	cmd.Wait()

	code, out := e.run("-since", "96h", "-jobs", "tables,orders")
	require.Equal(t, 0, code, out)
	nos := kept(out)
	assert.Len(t, nos, 12)
	seen := map[string]bool{}
	for _, no := range nos {
		assert.False(t, seen[no], no)
		seen[no] = true
	}
	st := e.stats()
	for no, n := range st.Reads {
		assert.LessOrEqual(t, n, 2, "%s: only the window in flight is read again", no)
	}
}
