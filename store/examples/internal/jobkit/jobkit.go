// Package jobkit holds what the examples' real modes share as scheduled
// jobs: the state file's default path, base URLs given with or without
// their route suffix, SIGINT and SIGTERM that let the document in flight
// finish, a progress report (a live line on a terminal, slog lines
// otherwise) and a -h that lists the environment next to the flags.
package jobkit

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/duijie/duijie/mapping"
)

// Exit codes a scheduler reads.
const (
	// ExitOK: every document was delivered.
	ExitOK = 0
	// ExitIncomplete: some document failed or was left for a later run;
	// the summary says which and why.
	ExitIncomplete = 1
	// ExitUsage: a flag, a variable or the configuration is wrong; nothing
	// was read or written.
	ExitUsage = 2
	// ExitInterrupted: stopped by SIGINT or SIGTERM after the document in
	// flight; the checkpoint is saved.
	ExitInterrupted = 3
)

// StateEnv names the variable that overrides the state file's default path.
const StateEnv = "DUIJIE_STATE"

// DefaultStatePath is the state file used without -state: $DUIJIE_STATE, or
// duijie/state.db in the user's configuration directory, or duijie-state.db
// in the working directory when there is none.
func DefaultStatePath() string {
	if p := os.Getenv(StateEnv); p != "" {
		return p
	}
	if dir, err := os.UserConfigDir(); err == nil {
		return filepath.Join(dir, "duijie", "state.db")
	}
	return "duijie-state.db"
}

// PrepareState creates the state file's directory (mode 0700) when missing.
func PrepareState(path string) error {
	if dir := filepath.Dir(path); dir != "." {
		return os.MkdirAll(dir, 0o700)
	}
	return nil
}

// Var is one environment variable a program reads: its name and meaning.
type Var [2]string

// Usage sets fs.Usage to print the summary, every flag and every
// environment variable with its meaning.
func Usage(fs *flag.FlagSet, summary string, vars []Var) {
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "%s\n\nFlags:\n", strings.TrimSpace(summary))
		fs.PrintDefaults()
		fmt.Fprintf(w, "\nEnvironment (read with -real):\n")
		for _, v := range vars {
			fmt.Fprintf(w, "  %s\n    \t%s\n", v[0], v[1])
		}
	}
}

// BaseURL checks the base URL held by the variable env and returns it with
// the route suffix: a URL with no path gets suffix, a URL whose path already
// ends with suffix (or one of also) is kept, and any other path is refused
// with an error that says what to add.
func BaseURL(env, raw, suffix string, also ...string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", fmt.Errorf("%s is not set: give the base URL, e.g. https://host%s", env, suffix)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%s=%q is not an http(s) URL with a host, e.g. https://host%s", env, raw, suffix)
	}
	path := strings.TrimRight(u.Path, "/")
	if path == "" {
		u.Path = suffix
		return u.String(), nil
	}
	for _, s := range append([]string{suffix}, also...) {
		if strings.HasSuffix(path, s) {
			u.Path = path
			return u.String(), nil
		}
	}
	return "", fmt.Errorf("%s=%q must end with %s: add %s to its path (%s%s)", env, raw, suffix, suffix,
		strings.TrimRight(raw, "/"), suffix)
}

// Stopper turns the first SIGINT or SIGTERM into a request to stop after
// the document in flight; a second one exits at once with ExitInterrupted.
type Stopper struct {
	stopped atomic.Bool
	done    chan struct{}
	once    sync.Once
	sigs    chan os.Signal
}

// NewStopper starts listening for SIGINT and SIGTERM; call Close when done.
func NewStopper(log *slog.Logger) *Stopper {
	s := &Stopper{done: make(chan struct{}), sigs: make(chan os.Signal, 2)}
	signal.Notify(s.sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		n := 0
		for sig := range s.sigs {
			n++
			if n > 1 {
				log.Error("second signal: exiting without waiting", "signal", sig.String())
				os.Exit(ExitInterrupted)
			}
			// Stop before saying so: whoever reads the line may rely on
			// the stop being in force.
			s.Stop()
			log.Warn("stopping after the document in flight", "signal", sig.String())
		}
	}()
	return s
}

// Stop asks the job to stop.
func (s *Stopper) Stop() { s.once.Do(func() { s.stopped.Store(true); close(s.done) }) }

// Stopped reports whether a stop was asked.
func (s *Stopper) Stopped() bool { return s != nil && s.stopped.Load() }

// Done is closed when a stop is asked.
func (s *Stopper) Done() <-chan struct{} { return s.done }

// Close stops listening; it ends the listening goroutine.
func (s *Stopper) Close() { signal.Stop(s.sigs); close(s.sigs) }

// IsTerminal reports whether f is a character device (a terminal).
func IsTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Progress reports a long run: windows and documents done of total, the
// rate, errors so far and the estimated time left. On a terminal it keeps
// one live line (redrawn at most every 200ms); otherwise it writes slog
// lines, one per window and one at most every 10s in between; never both.
type Progress struct {
	mu       sync.Mutex
	what     string
	live     io.Writer // nil: slog
	log      *slog.Logger
	now      func() time.Time
	start    time.Time
	last     time.Time
	windows  int
	winDone  int
	docs     int // known so far: documents of the windows read
	docsDone int
	errs     int
	drawn    bool
}

// NewProgress reports to w as a live line when live is true, else to log.
func NewProgress(what string, live bool, w io.Writer, log *slog.Logger) *Progress {
	p := &Progress{what: what, log: log, now: time.Now}
	if live {
		p.live = w
	}
	p.start = p.now()
	return p
}

// Windows sets the number of windows the run plans.
func (p *Progress) Windows(n int) { p.update(func() { p.windows = n }, false) }

// Found adds n documents to the total known.
func (p *Progress) Found(n int) { p.update(func() { p.docs += n }, false) }

// Done counts n documents done and errs failed.
func (p *Progress) Done(n, errs int) { p.update(func() { p.docsDone += n; p.errs += errs }, false) }

// WindowDone counts a window done.
func (p *Progress) WindowDone() { p.update(func() { p.winDone++ }, true) }

// Finish ends the live line.
func (p *Progress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.render(true)
	if p.live != nil && p.drawn {
		fmt.Fprintln(p.live)
	}
}

func (p *Progress) update(f func(), force bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f()
	p.render(force)
}

// render draws or logs the state; p.mu is held.
func (p *Progress) render(force bool) {
	now := p.now()
	every := 10 * time.Second
	if p.live != nil {
		every = 200 * time.Millisecond
	}
	if !force && now.Sub(p.last) < every {
		return
	}
	p.last = now
	elapsed := now.Sub(p.start)
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.docsDone) / elapsed.Seconds()
	}
	eta := "unknown"
	if p.winDone > 0 && p.windows >= p.winDone {
		left := time.Duration(float64(elapsed) / float64(p.winDone) * float64(p.windows-p.winDone))
		eta = left.Round(time.Second).String()
	}
	if p.live != nil {
		fmt.Fprintf(p.live, "\r\033[K%s: windows %d/%d, documents %d/%d, %.1f/s, errors %d, left ~%s",
			p.what, p.winDone, p.windows, p.docsDone, p.docs, rate, p.errs, eta)
		p.drawn = true
		return
	}
	p.log.Info("progress", "job", p.what, "windows_done", p.winDone, "windows", p.windows, "documents_done", p.docsDone,
		"documents_known", p.docs, "per_second", fmt.Sprintf("%.1f", rate), "errors", p.errs, "eta", eta)
}

// DryCheckpoints reads the stored checkpoint and keeps what a run saves in
// memory, so a dry run moves nothing.
type DryCheckpoints struct {
	mapping.CheckpointStore
	mu    sync.Mutex
	saved map[string]mapping.Checkpoint
}

// LoadCheckpoint returns what this run saved, else the stored checkpoint.
func (d *DryCheckpoints) LoadCheckpoint(ctx context.Context, s string) (mapping.Checkpoint, bool, error) {
	d.mu.Lock()
	cp, ok := d.saved[s]
	d.mu.Unlock()
	if ok {
		return cp, true, nil
	}
	return d.CheckpointStore.LoadCheckpoint(ctx, s)
}

// SaveCheckpoint keeps cp in memory only.
func (d *DryCheckpoints) SaveCheckpoint(_ context.Context, s string, cp mapping.Checkpoint) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.saved == nil {
		d.saved = map[string]mapping.Checkpoint{}
	}
	d.saved[s] = cp
	return nil
}
