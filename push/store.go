package push

import (
	"context"
	"sync"
	"time"
)

// ReplayStore remembers the signatures a Receiver accepted until their
// timestamp leaves the window, so the same signed request is refused the
// second time. Implementations must be safe for concurrent use; a store
// shared by several processes makes the refusal hold across them.
type ReplayStore interface {
	// Claim records id (a hash of an accepted signature, never the
	// signature itself) until expires, and reports whether it was new:
	// false means id was claimed before and its claim has not expired
	// at now. Claim must be atomic: of two concurrent claims of one id,
	// at most one returns true.
	Claim(ctx context.Context, id string, now, expires time.Time) (bool, error)
}

// Outcome is the settled outcome of one version of an order: accepted or
// definitely refused. Outcomes that are not settled are never stored.
type Outcome struct {
	// Hash is the content hash of the version handed on (Delivery.Hash).
	Hash string
	// OK is true when the host took it, false when it refused it.
	OK bool
	// Reason is the refusal's message.
	Reason string
	// At is when the outcome was settled, by the Receiver's clock.
	At time.Time
}

// OutcomeStore keeps the settled outcome of the latest version of each
// order, by Key. Implementations must be safe for concurrent use; the
// Receiver serializes the calls for one key within a process.
type OutcomeStore interface {
	// Get returns the outcome stored for key; ok is false when none is.
	Get(ctx context.Context, key Key) (o Outcome, ok bool, err error)
	// Put stores o for key, replacing any earlier outcome.
	Put(ctx context.Context, key Key, o Outcome) error
}

// MemoryReplayStore is a ReplayStore in memory, safe for concurrent use.
// Expired claims are dropped as new ones arrive. The zero value is ready
// to use.
type MemoryReplayStore struct {
	mu   sync.Mutex
	m    map[string]time.Time
	next int // prune when len(m) reaches next
}

// NewMemoryReplayStore returns an empty MemoryReplayStore.
func NewMemoryReplayStore() *MemoryReplayStore { return &MemoryReplayStore{} }

// minPrune is the smallest size at which a memory store looks for
// expired entries.
const minPrune = 1024

// Claim implements ReplayStore.
func (s *MemoryReplayStore) Claim(_ context.Context, id string, now, expires time.Time) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]time.Time{}
	}
	if until, ok := s.m[id]; ok && now.Before(until) {
		return false, nil
	}
	if len(s.m) >= max(s.next, minPrune) {
		for k, until := range s.m {
			if !now.Before(until) {
				delete(s.m, k)
			}
		}
		s.next = 2 * len(s.m)
	}
	s.m[id] = expires
	return true, nil
}

// Len returns how many claims the store holds, expired ones not yet
// dropped included.
func (s *MemoryReplayStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

// MemoryOutcomeStore is an OutcomeStore in memory, safe for concurrent
// use. It forgets an outcome MaxAge after it was settled (measured
// against the newest outcome put), or never when MaxAge is 0; a
// forgotten order pushed again is handed on again. The zero value keeps
// everything.
type MemoryOutcomeStore struct {
	// MaxAge is how long an outcome is kept; 0 keeps it for the life of
	// the store.
	MaxAge time.Duration

	mu     sync.Mutex
	m      map[Key]Outcome
	newest time.Time
	next   int
}

// NewMemoryOutcomeStore returns an empty store that keeps outcomes for
// maxAge (0: for the life of the store).
func NewMemoryOutcomeStore(maxAge time.Duration) *MemoryOutcomeStore {
	return &MemoryOutcomeStore{MaxAge: maxAge}
}

// Get implements OutcomeStore.
func (s *MemoryOutcomeStore) Get(_ context.Context, key Key) (Outcome, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.m[key]
	if ok && s.MaxAge > 0 && s.newest.Sub(o.At) > s.MaxAge {
		return Outcome{}, false, nil
	}
	return o, ok, nil
}

// Put implements OutcomeStore.
func (s *MemoryOutcomeStore) Put(_ context.Context, key Key, o Outcome) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[Key]Outcome{}
	}
	if o.At.After(s.newest) {
		s.newest = o.At
	}
	if s.MaxAge > 0 && len(s.m) >= max(s.next, minPrune) {
		for k, old := range s.m {
			if s.newest.Sub(old.At) > s.MaxAge {
				delete(s.m, k)
			}
		}
		s.next = 2 * len(s.m)
	}
	s.m[key] = o
	return nil
}

// Len returns how many orders the store holds.
func (s *MemoryOutcomeStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}
