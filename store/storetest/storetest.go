// Package storetest is the suite every implementation of the SDK's state
// interfaces passes: mapping.CheckpointStore, jushuitan.TokenStore and
// TokenLocker, psi.LogStore, mapping.VFOrderStore, mapping.TableStore and
// mapping.LeaseStore.
// The in-memory implementations pass it, the SQLite store passes it, and so
// must any store shared between processes.
//
// Each Test function runs its cases as subtests, each on fresh storage:
//
//	func TestCheckpoints(t *testing.T) {
//		storetest.TestCheckpointStore(t, func(t *testing.T) func() mapping.CheckpointStore {
//			path := filepath.Join(t.TempDir(), "state.db")
//			return func() mapping.CheckpointStore {
//				st, err := sqlite.Open(path)
//				if err != nil {
//					t.Fatal(err)
//				}
//				t.Cleanup(func() { st.Close() })
//				return st.Checkpoints()
//			}
//		})
//	}
//
// No case's outcome depends on the machine's speed: concurrent cases count
// what landed, and waiting cases end on a cancelled context or on the lock
// being released, never on a timer racing the work.
package storetest

import (
	"context"
	"encoding/json"
	"testing"
	"time"
)

// Opener starts fresh, empty storage for one test and returns a function
// that opens a handle on it. Every call of that function returns a new
// handle on the same storage: for a database, a new connection pool, as a
// second process would have; an in-memory store returns itself. The opener
// closes the handles it opens with t.Cleanup.
type Opener[T any] func(t *testing.T) func() T

// cst is China Standard Time, the zone the vendors write.
var cst = time.FixedZone("CST", 8*3600)

// ctx returns a context for one case, cancelled when the case ends. Its
// deadline only turns a hang (a lock never released) into a failure.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return c
}

// jsonOf returns v as JSON, for comparing values whose stored form is JSON.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sameTime fails unless got is the instant want.
func sameTime(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}
