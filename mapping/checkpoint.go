package mapping

import (
	"context"
	"maps"
	"sync"
	"time"
)

// Checkpoint is what an incremental sync stores between runs: the
// LAST_SYNC_TIME up to which every record was delivered, and the keys
// delivered recently enough to be read again by the next run's overlap.
type Checkpoint struct {
	// LastSyncTime is the end of the last window whose records were all
	// delivered. The next run reads from here (less the overlap).
	LastSyncTime time.Time `json:"last_sync_time"`
	// Recent maps the key of each record delivered in a window that
	// reaches into the overlap to that window's end. Keys whose window
	// ended before LastSyncTime − overlap are pruned.
	Recent map[string]time.Time `json:"recent,omitempty"`
}

// clone returns a deep copy.
func (c Checkpoint) clone() Checkpoint {
	c.Recent = maps.Clone(c.Recent)
	return c
}

// CheckpointStore keeps one Checkpoint per sync scheme (a flow such as
// "wdt-refund-stockin→kingdee"). The host backs it with its database.
type CheckpointStore interface {
	// LoadCheckpoint returns the scheme's checkpoint, and false when none
	// was ever saved.
	LoadCheckpoint(ctx context.Context, scheme string) (Checkpoint, bool, error)
	// SaveCheckpoint stores the scheme's checkpoint.
	SaveCheckpoint(ctx context.Context, scheme string, cp Checkpoint) error
}

// MemoryCheckpoints is a CheckpointStore in memory, for tests and
// single-process tools. Its zero value is ready; it is safe for concurrent use.
type MemoryCheckpoints struct {
	mu sync.Mutex
	m  map[string]Checkpoint
}

// LoadCheckpoint returns a copy of the stored checkpoint.
func (s *MemoryCheckpoints) LoadCheckpoint(_ context.Context, scheme string) (Checkpoint, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cp, ok := s.m[scheme]
	return cp.clone(), ok, nil
}

// SaveCheckpoint stores a copy of cp.
func (s *MemoryCheckpoints) SaveCheckpoint(_ context.Context, scheme string, cp Checkpoint) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]Checkpoint{}
	}
	s.m[scheme] = cp.clone()
	return nil
}
