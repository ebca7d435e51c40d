// Package logcapture records slog output in tests so they can assert that no
// secret, token, password or signature ever reaches a log record.
package logcapture

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"sync"
)

// Capture is an slog destination that keeps every record as JSON text. It is
// safe for concurrent use.
type Capture struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// New returns a debug-level logger writing into a new Capture.
func New() (*slog.Logger, *Capture) {
	c := &Capture{}
	return slog.New(slog.NewJSONHandler(c, &slog.HandlerOptions{Level: slog.LevelDebug})), c
}

// Write implements io.Writer for the handler.
func (c *Capture) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.Write(p)
}

// String returns everything logged so far.
func (c *Capture) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}

// Records returns the number of records logged.
func (c *Capture) Records() int { return strings.Count(c.String(), "\n") }

// Leaks returns a description of every secret found in the log or in the
// given error strings; secrets shorter than 4 bytes are ignored.
func (c *Capture) Leaks(secrets []string, errs ...error) []string {
	var out []string
	texts := map[string]string{"log": c.String()}
	for i, err := range errs {
		if err != nil {
			texts[fmt.Sprintf("error %d", i)] = err.Error()
		}
	}
	for _, s := range secrets {
		if len(s) < 4 {
			continue
		}
		for where, text := range texts {
			if strings.Contains(text, s) {
				out = append(out, fmt.Sprintf("%s contains secret %.3s…", where, s))
			}
		}
	}
	return out
}
