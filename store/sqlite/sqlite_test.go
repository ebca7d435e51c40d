package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/psi"
	"github.com/duijie/duijie/store/sqlite"
	"github.com/duijie/duijie/store/storetest"
)

// opener returns a suite opener: fresh file per case, each handle a Store
// of its own on it, as a second process would have.
func opener[T any](view func(*sqlite.Store) T) storetest.Opener[T] {
	return func(t *testing.T) func() T {
		path := filepath.Join(t.TempDir(), "state.db")
		return func() T { return view(open(t, path)) }
	}
}

func open(t *testing.T, path string, opts ...sqlite.Option) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestCheckpointSuite(t *testing.T) {
	storetest.TestCheckpointStore(t, opener(func(s *sqlite.Store) mapping.CheckpointStore { return s.Checkpoints() }))
}

func TestTokenSuite(t *testing.T) {
	storetest.TestTokenStore(t, opener(func(s *sqlite.Store) jushuitan.TokenStore { return s.Tokens() }))
	storetest.TestTokenLocker(t, opener(func(s *sqlite.Store) storetest.TokenStoreLocker { return s.Tokens() }))
}

func TestPSILogSuite(t *testing.T) {
	storetest.TestLogStore(t, opener(func(s *sqlite.Store) psi.LogStore { return s.PSILog() }))
}

func TestVFOrderSuite(t *testing.T) {
	storetest.TestVFOrderStore(t, opener(func(s *sqlite.Store) mapping.VFOrderStore { return s.VFOrders() }))
}

func TestTableSuite(t *testing.T) {
	storetest.TestTableStore(t, opener(func(s *sqlite.Store) mapping.TableStore { return s.Tables() }))
}

func TestLeaseSuite(t *testing.T) {
	storetest.TestLeaseStore(t, func(t *testing.T, now func() time.Time) func() mapping.LeaseStore {
		path := filepath.Join(t.TempDir(), "state.db")
		return func() mapping.LeaseStore { return open(t, path, sqlite.WithClock(now)).Leases() }
	})
}

// TestLeaseSuiteProcessClock runs the lease suite without WithClock: the
// store's default clock is this process's.
func TestLeaseSuiteProcessClock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	storetest.TestLeaseStoreServerClock(t, func() mapping.LeaseStore { return open(t, path).Leases() })
}

// TestSurvivesRestart saves through every view, closes the file and finds
// everything after opening it again.
func TestSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	at := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	st, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	steps := []error{
		st.Checkpoints().SaveCheckpoint(ctx, "honor-vf-orders", mapping.Checkpoint{LastSyncTime: at}),
		st.Tokens().Save(ctx, "app-1", &jushuitan.Token{AccessToken: "at", RefreshToken: "rt", ExpiresAt: at}),
		st.PSILog().SaveEntries(ctx, psi.Entry{Record: storetestRecord(), Status: psi.StatusUnconfirmed}),
		st.VFOrders().UpdateVFOrder(ctx, "VF001", func(s *mapping.VFOrderState) error {
			s.Order, s.TakenAt = &mapping.WholesaleOrder{SourceNo: "VF001"}, at
			s.Feedback.Status = mapping.VFStatusDone
			return nil
		}),
		st.Tables().SaveSynced(ctx, "honor-goods", []mapping.External{{Code: "HW-1"}}, at),
		st.Tables().SaveChoices(ctx, "honor-goods", mapping.Choice{External: "HW-1", ERP: "SP-1"}),
	}
	if err := errors.Join(steps...); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	st = open(t, path)
	if cp, ok, err := st.Checkpoints().LoadCheckpoint(ctx, "honor-vf-orders"); err != nil || !ok || !cp.LastSyncTime.Equal(at) {
		t.Errorf("checkpoint = %v, %v, %v", cp, ok, err)
	}
	if tok, err := st.Tokens().Load(ctx, "app-1"); err != nil || tok == nil || tok.RefreshToken.Reveal() != "rt" {
		t.Errorf("token = %v, %v", tok, err)
	}
	if es, err := st.PSILog().LoadEntries(ctx, psi.LogQuery{Statuses: []psi.Status{psi.StatusUnconfirmed}}); err != nil || len(es) != 1 {
		t.Errorf("PSI log = %v, %v", es, err)
	}
	if vf, ok, err := st.VFOrders().LoadVFOrder(ctx, "VF001"); err != nil || !ok || vf.Feedback.Status != mapping.VFStatusDone {
		t.Errorf("VF order = %+v, %v, %v", vf, ok, err)
	}
	if tb, ok, err := st.Tables().LoadTable(ctx, "honor-goods"); err != nil || !ok || len(tb.Choices) != 1 || !tb.SyncedAt.Equal(at) {
		t.Errorf("table = %+v, %v, %v", tb, ok, err)
	}
}

func storetestRecord() honor.PSIRecord {
	return honor.PSIRecord{DocNo: "CK-1", Serial: "SN-1", GoodsCode: "HW-1"}
}

// TestMigrations: a new file is at the current version, opening again
// changes nothing, two Stores opening a new file at once both succeed, and
// a file from a newer release is refused.
func TestMigrations(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.db")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := sqlite.Open(path)
			if err == nil {
				err = st.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	open(t, path).Close()
	if v := version(t, path); v != sqlite.SchemaVersion() {
		t.Fatalf("version %d, want %d", v, sqlite.SchemaVersion())
	}

	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE schema_version SET version = ?`, sqlite.SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if st, err := sqlite.Open(path); err == nil {
		st.Close()
		t.Fatal("a file of a newer schema version was opened")
	}
}

func version(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n, v int
	if err := db.QueryRow(`SELECT count(*), max(version) FROM schema_version`).Scan(&n, &v); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("schema_version has %d rows", n)
	}
	var mode string
	if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q, %v; want wal", mode, err)
	}
	return v
}

// TestFile: the file is created with its owner's permissions only, at the
// path given, whatever characters it holds.
func TestFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "état 100%?#1.db")
	open(t, path)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if _, err := sqlite.Open(""); err == nil {
		t.Error("Open(\"\") = nil error")
	}
}

// TestTokenLease: across processes the token lock is a lease. A process
// that dies holding it blocks the others until the lease runs out; then
// another takes it over, and the dead holder's late unlock does not free
// the new holder's lease.
func TestTokenLease(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	t0 := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	clock := func(d time.Duration) sqlite.Option { return sqlite.WithClock(func() time.Time { return t0.Add(d) }) }
	lease := sqlite.WithTokenLease(time.Minute)

	dead := open(t, path, lease, clock(0))
	unlockDead, err := dead.Tokens().LockToken(ctx, "app-1")
	if err != nil {
		t.Fatal(err)
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	early := open(t, path, lease, clock(59*time.Second))
	if u, err := early.Tokens().LockToken(cancelled, "app-1"); !errors.Is(err, context.Canceled) {
		if u != nil {
			u()
		}
		t.Fatalf("within the lease, LockToken = %v, want context.Canceled", err)
	}

	late := open(t, path, lease, clock(2*time.Minute))
	unlockLate, err := late.Tokens().LockToken(ctx, "app-1")
	if err != nil {
		t.Fatalf("after the lease, LockToken = %v", err)
	}
	unlockDead() // the first holder comes back too late
	other := open(t, path, lease, clock(2*time.Minute))
	if u, err := other.Tokens().LockToken(cancelled, "app-1"); !errors.Is(err, context.Canceled) {
		if u != nil {
			u()
		}
		t.Fatalf("a stale unlock freed the new holder's lease: LockToken = %v", err)
	}
	unlockLate()
	unlockLate() // harmless
	u, err := other.Tokens().LockToken(ctx, "app-1")
	if err != nil {
		t.Fatal(err)
	}
	u()

	// Another app key is not held by app-1's lock.
	unlockLate, err = late.Tokens().LockToken(ctx, "app-1")
	if err != nil {
		t.Fatal(err)
	}
	defer unlockLate()
	u, err = other.Tokens().LockToken(ctx, "app-2")
	if err != nil {
		t.Fatal(err)
	}
	u()
}

// TestMigrationAddsLeases opens a file of schema version 2 (before leases)
// holding a checkpoint: it is migrated to the current version, the
// checkpoint kept, and leases work on it.
func TestMigrationAddsLeases(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.db")
	ctx := context.Background()
	at := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	st := open(t, path)
	if err := st.Checkpoints().SaveCheckpoint(ctx, "scheme", mapping.Checkpoint{LastSyncTime: at}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{`DROP TABLE leases`, `UPDATE schema_version SET version = 2`} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	st = open(t, path)
	if v := version(t, path); v != 3 || sqlite.SchemaVersion() != 3 {
		t.Fatalf("version %d after migrating (package %d), want 3", v, sqlite.SchemaVersion())
	}
	if cp, ok, err := st.Checkpoints().LoadCheckpoint(ctx, "scheme"); err != nil || !ok || !cp.LastSyncTime.Equal(at) {
		t.Fatalf("checkpoint after migrating: %+v, %v, %v", cp, ok, err)
	}
	if l, ok, err := st.Leases().AcquireLease(ctx, "scheme", "w1", time.Minute); err != nil || !ok || l.Fence != 1 {
		t.Fatalf("lease after migrating: %+v, %v, %v", l, ok, err)
	}
}
