// Package proctest runs an example's binary as a scheduler would, against
// a vendor fake in another process (the fakeproc command): it builds both
// with go build, starts the fake, runs the example with the fake's URL and
// credentials in its environment, and reads the fake's state afterwards.
// Nothing waits on a timer: a run is killed when the fake says it holds a
// write, and a process is waited for until it exits.
package proctest

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
	"runtime"
	"strings"
	"testing"
)

// Request is one request the fake's front saw.
type Request struct {
	Path  string `json:"path"`
	Write bool   `json:"write"`
	Body  string `json:"body"`
}

// State is what the fake holds and what it was asked.
type State struct {
	Requests []Request    `json:"requests"`
	Yihua    []YihuaTrade `json:"yihua,omitempty"`
	JST      []JSTOrder   `json:"jushuitan,omitempty"`
	WDT      []WDTTrade   `json:"wdt,omitempty"`
}

// Writes returns the write requests.
func (s State) Writes() []Request {
	var out []Request
	for _, r := range s.Requests {
		if r.Write {
			out = append(out, r)
		}
	}
	return out
}

// YihuaTrade is a trade the Yihua fake holds.
type YihuaTrade struct {
	TradeID, OuterTradeID string
	Writes                int
	Return                bool
}

// JSTOrder is an order the Jushuitan fake holds.
type JSTOrder struct {
	SoID    string
	OID     int64
	Uploads int
}

// WDTTrade is a trade the WDT fake holds.
type WDTTrade struct {
	ShopNo, Tid string
	Pushes      int
}

// Build compiles the package at dir (relative to the test's directory)
// into t.TempDir() and returns the binary's path.
func Build(t *testing.T, dir string) string {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), filepath.Base(abs))
	if runtime.GOOS == "windows" {
		out += ".exe"
	}
	cmd := exec.Command("go", "build", "-o", out, ".")
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", dir, err, b)
	}
	return out
}

// Fake is a vendor fake running in another process.
type Fake struct {
	// URL is the base URL the example talks to; Ctl the control URL.
	URL, Ctl string
	// Env holds the fake's credentials as the example's variables.
	Env map[string]string
	// Bin is the fakeproc binary.
	Bin string
	// Held receives once for every write the fake holds unanswered.
	Held chan struct{}
}

// StartFake builds fakeproc (at fakeDir) and starts it for vendor, holding
// the hold-th write (0: none). It is stopped when the test ends.
func StartFake(t *testing.T, fakeDir, vendor string, hold int) *Fake {
	t.Helper()
	bin := Build(t, fakeDir)
	cmd := exec.Command(bin, "-vendor", vendor, "-hold", itoa(hold))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Wait() })
	r := bufio.NewReader(stdout)
	line, err := r.ReadBytes('\n')
	if err != nil {
		t.Fatalf("fakeproc: %v", err)
	}
	var hello struct {
		URL, Ctl string
		Env      map[string]string
	}
	if err := json.Unmarshal(line, &hello); err != nil {
		t.Fatalf("fakeproc said %q: %v", line, err)
	}
	f := &Fake{URL: hello.URL, Ctl: hello.Ctl, Env: hello.Env, Bin: bin, Held: make(chan struct{}, 16)}
	go func() {
		for {
			l, err := r.ReadString('\n')
			if strings.TrimSpace(l) == "held" {
				f.Held <- struct{}{}
			}
			if err != nil {
				return
			}
		}
	}()
	return f
}

// State reads what the fake holds.
func (f *Fake) State(t *testing.T) State {
	t.Helper()
	resp, err := http.Get(f.Ctl + "/state")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st State
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	return st
}

// Post posts to a control path of the fake (e.g. "/ship?so_id=…").
func (f *Fake) Post(t *testing.T, path string) {
	t.Helper()
	resp, err := http.Post(f.Ctl+path, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST %s: %s", path, resp.Status)
	}
}

// Result is how a run ended.
type Result struct {
	Code           int
	Stdout, Stderr string
}

// Proc is a running example.
type Proc struct {
	cmd            *exec.Cmd
	stdout, stderr bytes.Buffer
	// Lines receives stdout's lines as they are written, Errs stderr's.
	Lines, Errs chan string
	done, edone chan struct{}
}

// Start starts bin with args and env (added to this process's environment).
func Start(t *testing.T, bin string, env map[string]string, args ...string) *Proc {
	t.Helper()
	p := &Proc{cmd: exec.Command(bin, args...), Lines: make(chan string, 1024), Errs: make(chan string, 1024),
		done: make(chan struct{}), edone: make(chan struct{})}
	p.cmd.Env = os.Environ()
	for k, v := range env {
		p.cmd.Env = append(p.cmd.Env, k+"="+v)
	}
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	errPipe, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go lines(out, &p.stdout, p.Lines, p.done)
	go lines(errPipe, &p.stderr, p.Errs, p.edone)
	t.Cleanup(func() { p.cmd.Process.Kill(); p.Wait() })
	return p
}

// lines copies r into buf and sends each line to ch (dropping lines
// nobody reads once ch is full), and closes done at the end.
func lines(r io.Reader, buf *bytes.Buffer, ch chan string, done chan struct{}) {
	defer close(done)
	br := bufio.NewReader(io.TeeReader(r, buf))
	for {
		l, err := br.ReadString('\n')
		if l != "" {
			select {
			case ch <- strings.TrimRight(l, "\n"):
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

// WaitLine waits for a line of ch that contains s, and fails the test when
// the stream ends first.
func WaitLine(t *testing.T, ch <-chan string, done <-chan struct{}, s string) string {
	t.Helper()
	for {
		select {
		case l := <-ch:
			if strings.Contains(l, s) {
				return l
			}
		case <-done:
			t.Fatalf("the process ended without writing %q", s)
		}
	}
}

// WaitStderr waits for a line of stderr containing s.
func (p *Proc) WaitStderr(t *testing.T, s string) string {
	t.Helper()
	return WaitLine(t, p.Errs, p.edone, s)
}

// WaitStdout waits for a line of stdout containing s.
func (p *Proc) WaitStdout(t *testing.T, s string) string {
	t.Helper()
	return WaitLine(t, p.Lines, p.done, s)
}

// Signal sends sig to the process.
func (p *Proc) Signal(sig os.Signal) error { return p.cmd.Process.Signal(sig) }

// Kill kills the process (SIGKILL).
func (p *Proc) Kill() error { return p.cmd.Process.Kill() }

// Wait waits for the process to exit and returns how it ended.
func (p *Proc) Wait() Result {
	<-p.done
	<-p.edone
	err := p.cmd.Wait()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	}
	return Result{Code: code, Stdout: p.stdout.String(), Stderr: p.stderr.String()}
}

// Run runs bin to its end.
func Run(t *testing.T, bin string, env map[string]string, args ...string) Result {
	t.Helper()
	return Start(t, bin, env, args...).Wait()
}

// Merge returns the union of the maps, later ones winning.
func Merge(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
