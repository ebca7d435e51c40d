package storetest_test

import (
	"testing"
	"time"

	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/psi"
	"github.com/duijie/duijie/store/storetest"
)

// same returns an opener whose handles are all one in-memory store.
func same[T any](make func() T) storetest.Opener[T] {
	return func(*testing.T) func() T {
		s := make()
		return func() T { return s }
	}
}

func TestMemoryCheckpoints(t *testing.T) {
	storetest.TestCheckpointStore(t, same(func() mapping.CheckpointStore { return &mapping.MemoryCheckpoints{} }))
}

func TestMemoryTokenStore(t *testing.T) {
	storetest.TestTokenStore(t, same(func() jushuitan.TokenStore { return jushuitan.NewMemoryTokenStore() }))
	storetest.TestTokenLocker(t, same(func() storetest.TokenStoreLocker { return jushuitan.NewMemoryTokenStore() }))
}

func TestMemoryLog(t *testing.T) {
	storetest.TestLogStore(t, same(func() psi.LogStore { return &psi.MemoryLog{} }))
}

func TestMemoryVFOrders(t *testing.T) {
	storetest.TestVFOrderStore(t, same(func() mapping.VFOrderStore { return &mapping.MemoryVFOrders{} }))
}

func TestMemoryTables(t *testing.T) {
	storetest.TestTableStore(t, same(func() mapping.TableStore { return &mapping.MemoryTables{} }))
}

func TestMemoryLeases(t *testing.T) {
	storetest.TestLeaseStore(t, func(_ *testing.T, now func() time.Time) func() mapping.LeaseStore {
		s := &mapping.MemoryLeases{Now: now}
		return func() mapping.LeaseStore { return s }
	})
}
