package postgres_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/psi"
	"github.com/duijie/duijie/store/postgres"
	"github.com/duijie/duijie/store/storetest"
)

// dsn is the test server's connection string, from DUIJIE_TEST_POSTGRES.
func dsn(t testing.TB) string {
	return storetest.Server(t, "DUIJIE_TEST_POSTGRES", "PostgreSQL server")
}

// opener returns a function that opens a Store on a fresh schema of the
// test database, each call with a new connection pool, as a second process
// would have. The schema is dropped when the test ends.
func opener(t *testing.T, opts ...postgres.Option) func() *postgres.Store {
	conn := dsn(t)
	schema := storetest.UniqueName(t, "duijie_test_")
	t.Cleanup(func() { drop(t, conn, schema) })
	return func() *postgres.Store {
		st, err := postgres.Open(context.Background(), conn, append([]postgres.Option{postgres.WithSchema(schema)}, opts...)...)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(st.Close)
		return st
	}
}

// drop removes a test's schema.
func drop(t testing.TB, conn, schema string) {
	c, err := pgx.Connect(context.Background(), conn)
	if err != nil {
		t.Error(err)
		return
	}
	defer c.Close(context.Background())
	if _, err := c.Exec(context.Background(), `DROP SCHEMA IF EXISTS `+pgx.Identifier{schema}.Sanitize()+` CASCADE`); err != nil {
		t.Error(err)
	}
}

func TestCheckpoints(t *testing.T) {
	storetest.TestCheckpointStore(t, func(t *testing.T) func() mapping.CheckpointStore {
		open := opener(t)
		return func() mapping.CheckpointStore { return open().Checkpoints() }
	})
}

func TestTokens(t *testing.T) {
	storetest.TestTokenStore(t, func(t *testing.T) func() jushuitan.TokenStore {
		open := opener(t)
		return func() jushuitan.TokenStore { return open().Tokens() }
	})
	storetest.TestTokenLocker(t, func(t *testing.T) func() storetest.TokenStoreLocker {
		open := opener(t)
		return func() storetest.TokenStoreLocker { return open().Tokens() }
	})
}

func TestLog(t *testing.T) {
	storetest.TestLogStore(t, func(t *testing.T) func() psi.LogStore {
		open := opener(t)
		return func() psi.LogStore { return open().PSILog() }
	})
}

func TestVFOrders(t *testing.T) {
	storetest.TestVFOrderStore(t, func(t *testing.T) func() mapping.VFOrderStore {
		open := opener(t)
		return func() mapping.VFOrderStore { return open().VFOrders() }
	})
}

func TestTables(t *testing.T) {
	storetest.TestTableStore(t, func(t *testing.T) func() mapping.TableStore {
		open := opener(t)
		return func() mapping.TableStore { return open().Tables() }
	})
}

func TestLeases(t *testing.T) {
	storetest.TestLeaseStore(t, func(t *testing.T, now func() time.Time) func() mapping.LeaseStore {
		open := opener(t, postgres.WithClock(now))
		return func() mapping.LeaseStore { return open().Leases() }
	})
}

// TestLeasesServerClock runs the server-clock lease suite.
func TestLeasesServerClock(t *testing.T) {
	open := opener(t)
	storetest.TestLeaseStoreServerClock(t, func() mapping.LeaseStore { return open().Leases() })
}

// TestTokenFencing: a holder of the token lock stalls past its lease,
// another takes the lock and saves a renewed token; the stalled holder's
// save is refused and the newer token kept. A stalled holder that saves
// before the newer one is not refused, and the newer holder's save still
// lands after it.
func TestTokenFencing(t *testing.T) {
	clock := storetest.NewClock(time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC))
	open := opener(t, postgres.WithClock(clock.Now), postgres.WithTokenLease(time.Minute))
	ctx := context.Background()
	for _, stalledFirst := range []bool{false, true} {
		stalled, newer := open().Tokens(), open().Tokens()
		unlockStalled, err := stalled.LockToken(ctx, "app-1")
		if err != nil {
			t.Fatal(err)
		}
		clock.Add(2 * time.Minute)
		unlockNewer, err := newer.LockToken(ctx, "app-1")
		if err != nil {
			t.Fatal(err)
		}
		if stalledFirst {
			if err := stalled.Save(ctx, "app-1", &jushuitan.Token{AccessToken: "stalled"}); err != nil {
				t.Fatalf("a stalled holder's save before any newer one = %v, want nil", err)
			}
		}
		if err := newer.Save(ctx, "app-1", &jushuitan.Token{AccessToken: "newer"}); err != nil {
			t.Fatal(err)
		}
		if err := stalled.Save(ctx, "app-1", &jushuitan.Token{AccessToken: "stale"}); !errors.Is(err, postgres.ErrFenced) {
			t.Fatalf("the stalled holder's save after the newer one = %v, want ErrFenced", err)
		}
		unlockStalled()
		if got, err := stalled.Load(ctx, "app-1"); err != nil || got.AccessToken.Reveal() != "newer" {
			t.Fatalf("token = %+v, %v; want the newer one", got, err)
		}
		// The stalled holder's unlock left the newer holding: a third
		// handle does not get the lock until the newer one unlocks.
		got := make(chan error, 1)
		go func() {
			u, err := open().Tokens().LockToken(ctx, "app-1")
			if err == nil {
				u()
			}
			got <- err
		}()
		if err := newer.Save(ctx, "app-1", &jushuitan.Token{AccessToken: "newer again"}); err != nil {
			t.Fatalf("the newer holder's save after the stalled holder's unlock = %v", err)
		}
		unlockNewer()
		if err := <-got; err != nil {
			t.Fatal(err)
		}
		if err := stalled.Save(ctx, "app-1", &jushuitan.Token{AccessToken: "by hand"}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMigrateConcurrently opens one new schema from several pools at once;
// each version is applied once and every store works.
func TestMigrateConcurrently(t *testing.T) {
	open := opener(t)
	var wg sync.WaitGroup
	stores := make([]*postgres.Store, 4)
	for i := range stores {
		wg.Add(1)
		go func() { defer wg.Done(); stores[i] = open() }()
	}
	wg.Wait()
	for i, st := range stores {
		if st == nil {
			t.Fatalf("store %d did not open", i)
		}
		if err := st.Checkpoints().SaveCheckpoint(context.Background(), "x", mapping.Checkpoint{}); err != nil {
			t.Fatal(err)
		}
	}
}
