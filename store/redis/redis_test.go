package redis_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/store/redis"
	"github.com/duijie/duijie/store/storetest"
)

// addr is the test server's address, from DUIJIE_TEST_REDIS.
func addr(t testing.TB) string {
	return storetest.Server(t, "DUIJIE_TEST_REDIS", "redis-server")
}

// client returns a new client of the test server, closed when t ends.
func client(t testing.TB, a string) *goredis.Client {
	rdb := goredis.NewClient(&goredis.Options{Addr: a})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

// opener returns a function that opens a Store on a fresh key prefix, each
// call through a new client (a connection pool of its own, as a second
// process would have).
func opener(t *testing.T, opts ...redis.Option) func() *redis.Store {
	open, _ := openerPrefix(t, opts...)
	return open
}

// openerPrefix is opener that also returns the key prefix.
func openerPrefix(t *testing.T, opts ...redis.Option) (func() *redis.Store, string) {
	a := addr(t)
	prefix := storetest.UniqueName(t, "duijie-test:") + ":"
	t.Cleanup(func() { clean(a, prefix) })
	return func() *redis.Store {
		st, err := redis.New(client(t, a), append([]redis.Option{redis.WithPrefix(prefix)}, opts...)...)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}, prefix
}

// clean deletes the keys of a prefix.
func clean(a, prefix string) {
	rdb := goredis.NewClient(&goredis.Options{Addr: a})
	defer rdb.Close()
	ctx := context.Background()
	iter := rdb.Scan(ctx, 0, prefix+"*", 100).Iterator()
	for iter.Next(ctx) {
		rdb.Del(ctx, iter.Val())
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

func TestLeases(t *testing.T) {
	storetest.TestLeaseStore(t, func(t *testing.T, now func() time.Time) func() mapping.LeaseStore {
		open := opener(t, redis.WithClock(now))
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
// before the newer one is not refused (its token is the newest the vendor
// issued), and the newer holder's save still lands after it.
func TestTokenFencing(t *testing.T) {
	clock := storetest.NewClock(time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC))
	open, prefix := openerPrefix(t, redis.WithClock(clock.Now), redis.WithTokenLease(time.Minute))
	ctx := context.Background()
	raw := client(t, addr(t))
	for _, stalledFirst := range []bool{false, true} {
		stalled, newer := open().Tokens(), open().Tokens()
		unlockStalled, err := stalled.LockToken(ctx, "app-1")
		if err != nil {
			t.Fatal(err)
		}
		clock.Add(2 * time.Minute) // the holder stalls past its lease
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
		err = stalled.Save(ctx, "app-1", &jushuitan.Token{AccessToken: "stale"})
		if !errors.Is(err, redis.ErrFenced) {
			t.Fatalf("the stalled holder's save after the newer one = %v, want ErrFenced", err)
		}
		unlockStalled() // must not free the newer holding
		if got, err := stalled.Load(ctx, "app-1"); err != nil || got.AccessToken.Reveal() != "newer" {
			t.Fatalf("token = %+v, %v; want the newer one", got, err)
		}
		if owner, err := raw.HGet(ctx, prefix+"tokenlock:app-1", "owner").Result(); err != nil || owner == "" {
			t.Fatalf("after the stalled holder's unlock the lock's owner is %q, %v: it freed the newer holding", owner, err)
		}
		unlockNewer()
		// A save outside the lock is not fenced.
		if err := stalled.Save(ctx, "app-1", &jushuitan.Token{AccessToken: "by hand"}); err != nil {
			t.Fatal(err)
		}
	}
}

// The cross-process tests run this test binary again as a second process;
// childEnv tells the child what to do.
const childEnv = "DUIJIE_TEST_REDIS_CHILD"

// TestChild is the second process of the cross-process tests; it does
// nothing unless started by one of them.
func TestChild(t *testing.T) {
	role := os.Getenv(childEnv)
	if role == "" {
		return
	}
	a, prefix := addr(t), os.Getenv(childEnv+"_PREFIX")
	ctx := context.Background()
	switch role {
	case "renew":
		st, err := redis.New(client(t, a), redis.WithPrefix(prefix))
		if err != nil {
			t.Fatal(err)
		}
		n, _ := strconv.Atoi(os.Getenv(childEnv + "_ROUNDS"))
		for range n {
			if err := renew(ctx, st.Tokens()); err != nil {
				t.Fatal(err)
			}
		}
	case "take over":
		at, _ := strconv.ParseInt(os.Getenv(childEnv+"_CLOCK"), 10, 64)
		st, err := redis.New(client(t, a), redis.WithPrefix(prefix), redis.WithTokenLease(time.Minute),
			redis.WithClock(func() time.Time { return time.UnixMilli(at) }))
		if err != nil {
			t.Fatal(err)
		}
		unlock, err := st.Tokens().LockToken(ctx, "app-1")
		if err != nil {
			t.Fatal(err)
		}
		defer unlock()
		if err := st.Tokens().Save(ctx, "app-1", &jushuitan.Token{AccessToken: "child"}); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("unknown role %q", role)
	}
}

// child runs TestChild in a new process of this test binary.
func child(t *testing.T, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// renew stands for a client's renewal: under the lock, read the token and
// save its successor (the access token counts the renewals).
func renew(ctx context.Context, s redis.Tokens) error {
	unlock, err := s.LockToken(ctx, "app-1")
	if err != nil {
		return err
	}
	defer unlock()
	tok, err := s.Load(ctx, "app-1")
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(tok.AccessToken.Reveal())
	if err != nil {
		return err
	}
	return s.Save(ctx, "app-1", &jushuitan.Token{AccessToken: duijie.Secret(strconv.Itoa(n + 1))})
}

// TestCrossProcessRenewals: this process and another renew one token under
// the lock at the same time; no renewal is lost.
func TestCrossProcessRenewals(t *testing.T) {
	a := addr(t)
	prefix := storetest.UniqueName(t, "duijie-test:") + ":"
	t.Cleanup(func() { clean(a, prefix) })
	st, err := redis.New(client(t, a), redis.WithPrefix(prefix))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := st.Tokens().Save(ctx, "app-1", &jushuitan.Token{AccessToken: "0"}); err != nil {
		t.Fatal(err)
	}
	const rounds = 20
	cmd := child(t, childEnv+"=renew", childEnv+"_PREFIX="+prefix, fmt.Sprintf("%s_ROUNDS=%d", childEnv, rounds))
	var out []byte
	var cerr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); out, cerr = cmd.CombinedOutput() }()
	for range rounds {
		if err := renew(ctx, st.Tokens()); err != nil {
			t.Error(err)
			break
		}
	}
	wg.Wait()
	if cerr != nil {
		t.Fatalf("the other process: %v\n%s", cerr, out)
	}
	tok, err := st.Tokens().Load(ctx, "app-1")
	if err != nil {
		t.Fatal(err)
	}
	if want := strconv.Itoa(2 * rounds); tok.AccessToken.Reveal() != want {
		t.Fatalf("after %s renewals in two processes the token is %q: renewals overlapped", want, tok.AccessToken.Reveal())
	}
}

// TestCrossProcessFencing: this process holds the token lock and stalls;
// another process, whose clock is past the lease, takes the lock and saves
// a token; this process's late save is refused and the other's token kept.
func TestCrossProcessFencing(t *testing.T) {
	a := addr(t)
	prefix := storetest.UniqueName(t, "duijie-test:") + ":"
	t.Cleanup(func() { clean(a, prefix) })
	at := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	st, err := redis.New(client(t, a), redis.WithPrefix(prefix), redis.WithTokenLease(time.Minute),
		redis.WithClock(func() time.Time { return at }))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	unlock, err := st.Tokens().LockToken(ctx, "app-1")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	cmd := child(t, childEnv+"=take over", childEnv+"_PREFIX="+prefix,
		fmt.Sprintf("%s_CLOCK=%d", childEnv, at.Add(2*time.Minute).UnixMilli()))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the other process: %v\n%s", err, out)
	}
	if err := st.Tokens().Save(ctx, "app-1", &jushuitan.Token{AccessToken: "stale"}); !errors.Is(err, redis.ErrFenced) {
		t.Fatalf("the stalled holder's save = %v, want ErrFenced", err)
	}
	if tok, err := st.Tokens().Load(ctx, "app-1"); err != nil || tok.AccessToken.Reveal() != "child" {
		t.Fatalf("token = %+v, %v; want the other process's", tok, err)
	}
}
