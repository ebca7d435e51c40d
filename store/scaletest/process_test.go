package scaletest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	goredis "github.com/redis/go-redis/v9"

	"github.com/duijie/duijie/store/storetest"
)

// roleEnv names the worker role a re-executed test binary plays; the
// worker's settings are in the other envPrefix variables.
const (
	envPrefix = "DUIJIE_SCALE_"
	roleEnv   = envPrefix + "ROLE"
)

// TestMain runs the worker a test started, when this process is one, and
// the tests otherwise.
func TestMain(m *testing.M) {
	if role := os.Getenv(roleEnv); role != "" {
		os.Exit(runWorker(role))
	}
	os.Exit(m.Run())
}

// runWorker plays role until it is done or killed, and returns the exit
// status: 0 when done, 1 on failure (the reason on stderr).
func runWorker(role string) int {
	run, ok := roles[role]
	if !ok {
		fmt.Fprintf(os.Stderr, "unknown worker role %q\n", role)
		return 2
	}
	if err := run(context.Background()); err != nil {
		fmt.Fprintf(os.Stderr, "worker %s: %v\n", role, err)
		return 1
	}
	return 0
}

// roles are the workers' bodies, by role; each reads its settings with
// setting.
var roles = map[string]func(context.Context) error{
	"quota-jushuitan":    quotaJushuitan,
	"quota-wangdiantong": quotaWangdiantong,
	"lease":              leaseWorker,
	"token":              tokenWorker,
}

// setting returns the worker's setting name.
func setting(name string) string { return os.Getenv(envPrefix + name) }

// worker is a worker process: a new process of this test binary.
type worker struct {
	name   string
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  *bufio.Scanner // its stdout, line by line
	stderr lockedBuffer
	done   chan struct{}
	err    error // Wait's, once done is closed
}

// lockedBuffer is a bytes.Buffer safe for the writer goroutine and a
// reader.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startWorker starts a worker process playing role with settings (names
// without envPrefix). It is killed, if still running, when t ends.
func startWorker(t *testing.T, name, role string, settings map[string]string) *worker {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), roleEnv+"="+role)
	for k, v := range settings {
		cmd.Env = append(cmd.Env, envPrefix+k+"="+v)
	}
	w := &worker{name: name, cmd: cmd, done: make(chan struct{})}
	cmd.Stderr = &w.stderr
	var err error
	if w.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	// A pipe of our own, not StdoutPipe: Wait does not close it, so the
	// lines a worker wrote before it ended can still be read.
	out, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = pw
	w.lines = bufio.NewScanner(out)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	go func() {
		w.err = cmd.Wait()
		close(w.done)
	}()
	t.Cleanup(func() {
		w.kill()
		out.Close()
		if t.Failed() {
			t.Logf("%s's stderr:\n%s", w.name, w.stderr.String())
		}
	})
	return w
}

// kill sends SIGKILL, when the worker still runs, and waits for it.
func (w *worker) kill() {
	select {
	case <-w.done:
		return
	default:
	}
	_ = w.cmd.Process.Kill()
	w.stdin.Close()
	<-w.done
}

// killedBySignal reports whether the worker ended by SIGKILL.
func (w *worker) killedBySignal() bool {
	st, ok := w.cmd.ProcessState.Sys().(syscall.WaitStatus)
	return ok && st.Signaled() && st.Signal() == syscall.SIGKILL
}

// expectLine reads the worker's next stdout line and checks it starts with
// want; it returns the line.
func (w *worker) expectLine(t *testing.T, want string) string {
	t.Helper()
	if !w.lines.Scan() {
		t.Fatalf("%s ended before saying %q: %v\n%s", w.name, want, w.lines.Err(), w.stderr.String())
	}
	line := w.lines.Text()
	if !strings.HasPrefix(line, want) {
		t.Fatalf("%s said %q, want %q", w.name, line, want)
	}
	return line
}

// wait waits up to limit for the worker to end and checks it succeeded.
// The limit only keeps a broken worker from hanging the test.
func (w *worker) wait(t *testing.T, limit time.Duration) {
	t.Helper()
	select {
	case <-w.done:
	case <-time.After(limit):
		w.kill()
		t.Fatalf("%s still running after %s\n%s", w.name, limit, w.stderr.String())
	}
	if w.err != nil {
		t.Fatalf("%s: %v\n%s", w.name, w.err, w.stderr.String())
	}
}

// redisServer returns the test Redis server's address and a key prefix no
// other test uses, whose keys are deleted when t ends.
func redisServer(t *testing.T) (addr, prefix string) {
	t.Helper()
	addr = storetest.Server(t, "DUIJIE_TEST_REDIS", "redis-server")
	prefix = storetest.UniqueName(t, "duijie-scale:") + ":"
	t.Cleanup(func() {
		rdb := goredis.NewClient(&goredis.Options{Addr: addr})
		defer rdb.Close()
		ctx := context.Background()
		iter := rdb.Scan(ctx, 0, prefix+"*", 100).Iterator()
		for iter.Next(ctx) {
			rdb.Del(ctx, iter.Val())
		}
	})
	return addr, prefix
}

// postgresServer returns the test PostgreSQL server's connection string and
// a schema name no other test uses; the schema is dropped when t ends.
func postgresServer(t *testing.T) (conn, schema string) {
	t.Helper()
	conn = storetest.Server(t, "DUIJIE_TEST_POSTGRES", "PostgreSQL server")
	schema = storetest.UniqueName(t, "duijie_scale_")
	t.Cleanup(func() {
		ctx := context.Background()
		c, err := pgx.Connect(ctx, conn)
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DROP SCHEMA IF EXISTS `+pgx.Identifier{schema}.Sanitize()+` CASCADE`); err != nil {
			t.Error(err)
		}
	})
	return conn, schema
}
