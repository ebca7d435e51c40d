package jobkit

import (
	"log/slog"
	"os"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stopSeen records, when the stopper logs, whether the stop was already
// in force.
type stopSeen struct {
	s    atomic.Pointer[Stopper] // set after the stopper's goroutine starts
	seen chan bool
}

func (w *stopSeen) Write(p []byte) (int, error) {
	w.seen <- w.s.Load().Stopped()
	return len(p), nil
}

func TestStopperIsStoppedBeforeItSaysSo(t *testing.T) {
	w := &stopSeen{seen: make(chan bool, 1)}
	s := NewStopper(slog.New(slog.NewTextHandler(w, nil)))
	w.s.Store(s)
	defer s.Close()
	require.False(t, s.Stopped())

	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGTERM))
	assert.True(t, <-w.seen, "a reader of the stopping line must find the stop in force")
	assert.True(t, s.Stopped())
	<-s.Done()
}
