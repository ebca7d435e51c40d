package push

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// keyLocks serializes the handling of one order key within a process.
type keyLocks struct {
	mu sync.Mutex
	m  map[Key]*keyLock
}

// keyLock is one key's lock and how many pushes hold or wait for it.
type keyLock struct {
	ch   chan struct{}
	refs int
}

// lock takes k's lock, or gives up when ctx ends.
func (l *keyLocks) lock(ctx context.Context, k Key) error {
	l.mu.Lock()
	e := l.m[k]
	if e == nil {
		e = &keyLock{ch: make(chan struct{}, 1)}
		l.m[k] = e
	}
	e.refs++
	l.mu.Unlock()
	select {
	case e.ch <- struct{}{}:
		return nil
	case <-ctx.Done():
		l.release(k, e)
		return ctx.Err()
	}
}

// unlock releases k's lock, taken by lock.
func (l *keyLocks) unlock(k Key) {
	l.mu.Lock()
	e := l.m[k]
	l.mu.Unlock()
	<-e.ch
	l.release(k, e)
}

// release drops one reference to e, and e itself when none is left.
func (l *keyLocks) release(k Key, e *keyLock) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e.refs--
	if e.refs == 0 {
		delete(l.m, k)
	}
}

// maxIdleLimiters is the number of senders above which limiters that are
// back to a full bucket (as good as new) are dropped.
const maxIdleLimiters = 1024

// limiters holds one token bucket per sender.
type limiters struct {
	r     rate.Limit
	burst int

	mu   sync.Mutex
	m    map[string]*rate.Limiter
	next int
}

// allow reports whether sender may send a request at now.
func (s *limiters) allow(sender string, now time.Time) bool {
	if s.r == rate.Inf {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.m[sender]
	if l == nil {
		if len(s.m) >= max(s.next, maxIdleLimiters) {
			for k, old := range s.m {
				if old.TokensAt(now) >= float64(s.burst) {
					delete(s.m, k)
				}
			}
			s.next = 2 * len(s.m)
		}
		l = rate.NewLimiter(s.r, s.burst)
		s.m[sender] = l
	}
	return l.AllowN(now, 1)
}
