package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/duijie/duijie/mapping"
)

// LeaseOpener starts fresh, empty storage for one test and returns a
// function that opens a handle on it, as an Opener does; every handle
// measures leases with the clock now, which the suite moves.
type LeaseOpener func(t *testing.T, now func() time.Time) func() mapping.LeaseStore

// Clock is a clock that moves only when told, for measuring leases
// without waiting. It is safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock standing at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Add moves the clock on by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// TestLeaseStore runs the suite of mapping.LeaseStore: what CheckLease
// refuses, a free name taken with a fence and an expiry, a held name
// refused to everyone (its owner too) through any handle, a lease that ran
// out taken over with a greater fence while the old holding can neither
// renew nor release, renewals that move the expiry, releases that free the
// name at once, names apart, and goroutines on two handles racing for a
// name, exactly one of which wins each round. Leases last an hour of the
// suite's clock, which moves only when the suite moves it.
func TestLeaseStore(t *testing.T, open LeaseOpener) {
	const ttl = time.Hour
	start := time.Date(2024, 3, 1, 10, 0, 0, 0, cst)
	setup := func(t *testing.T) (*Clock, func() mapping.LeaseStore) {
		c := NewClock(start)
		return c, open(t, c.Now)
	}
	acquire := func(t *testing.T, s mapping.LeaseStore, name, owner string) (mapping.Lease, bool) {
		t.Helper()
		l, ok, err := s.AcquireLease(ctx(t), name, owner, ttl)
		if err != nil {
			t.Fatalf("AcquireLease(%q, %q): %v", name, owner, err)
		}
		return l, ok
	}
	near := func(t *testing.T, what string, got, want time.Time) {
		t.Helper()
		if d := got.Sub(want); d < -time.Millisecond || d > time.Millisecond {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}

	t.Run("refused", func(t *testing.T) {
		_, h := setup(t)
		s := h()
		for _, c := range []struct {
			name, owner string
			ttl         time.Duration
		}{{"", "w1", ttl}, {"scheme", "", ttl}, {"scheme", "w1", 0}, {"scheme", "w1", -time.Second}} {
			if _, _, err := s.AcquireLease(ctx(t), c.name, c.owner, c.ttl); !sameError(err, mapping.CheckLease(c.name, c.owner, c.ttl)) {
				t.Errorf("AcquireLease(%q, %q, %v) = %v, want %v", c.name, c.owner, c.ttl, err, mapping.CheckLease(c.name, c.owner, c.ttl))
			}
		}
		if l, ok := acquire(t, s, "scheme", "w1"); !ok || l.Owner != "w1" {
			t.Fatalf("after refusals, AcquireLease = %+v, %v", l, ok)
		}
	})

	t.Run("acquire, held, expire, take over", func(t *testing.T) {
		clock, h := setup(t)
		a, b := h(), h()
		l1, ok := acquire(t, a, "scheme", "w1")
		if !ok || l1.Name != "scheme" || l1.Owner != "w1" || l1.Fence <= 0 {
			t.Fatalf("AcquireLease on a free name = %+v, %v", l1, ok)
		}
		near(t, "Expires", l1.Expires, start.Add(ttl))
		for _, c := range []struct {
			s     mapping.LeaseStore
			owner string
		}{{b, "w2"}, {a, "w2"}, {b, "w1"}, {a, "w1"}} {
			cur, ok := acquire(t, c.s, "scheme", c.owner)
			if ok || cur.Owner != "w1" || cur.Fence != l1.Fence {
				t.Fatalf("AcquireLease by %s of a held name = %+v, %v; want w1's lease, false", c.owner, cur, ok)
			}
			near(t, "the holder's Expires", cur.Expires, l1.Expires)
		}
		clock.Add(ttl - time.Second)
		if _, ok := acquire(t, b, "scheme", "w2"); ok {
			t.Fatal("a lease was taken a second before it ran out")
		}
		clock.Add(time.Second)
		l2, ok := acquire(t, b, "scheme", "w2")
		if !ok || l2.Owner != "w2" || l2.Fence <= l1.Fence {
			t.Fatalf("AcquireLease after the lease ran out = %+v, %v; want w2's with a fence above %d", l2, ok, l1.Fence)
		}
		if _, err := a.RenewLease(ctx(t), l1, ttl); !errors.Is(err, mapping.ErrLeaseLost) {
			t.Fatalf("RenewLease of the old holding = %v, want ErrLeaseLost", err)
		}
		if err := a.ReleaseLease(ctx(t), l1); err != nil {
			t.Fatalf("ReleaseLease of the old holding = %v", err)
		}
		if cur, ok := acquire(t, a, "scheme", "w3"); ok || cur.Fence != l2.Fence {
			t.Fatalf("the old holding's release freed the new one: %+v, %v", cur, ok)
		}
	})

	t.Run("renew", func(t *testing.T) {
		clock, h := setup(t)
		a, b := h(), h()
		l, _ := acquire(t, a, "scheme", "w1")
		clock.Add(ttl / 2)
		r, err := b.RenewLease(ctx(t), l, ttl)
		if err != nil {
			t.Fatal(err)
		}
		if r.Fence != l.Fence || r.Owner != "w1" || r.Name != "scheme" {
			t.Fatalf("RenewLease = %+v, want the same holding as %+v", r, l)
		}
		near(t, "renewed Expires", r.Expires, start.Add(ttl/2+ttl))
		clock.Add(ttl/2 + time.Minute) // past the first expiry, before the renewed one
		if cur, ok := acquire(t, b, "scheme", "w2"); ok || cur.Fence != l.Fence {
			t.Fatalf("a renewed lease was taken at its first expiry: %+v, %v", cur, ok)
		}
		clock.Add(ttl) // past the renewed expiry, nobody took it
		if _, err := a.RenewLease(ctx(t), r, ttl); !errors.Is(err, mapping.ErrLeaseLost) {
			t.Fatalf("RenewLease after the lease ran out = %v, want ErrLeaseLost", err)
		}
		if _, err := a.RenewLease(ctx(t), r, 0); errors.Is(err, mapping.ErrLeaseLost) || err == nil {
			t.Fatalf("RenewLease with no ttl = %v, want a validation error", err)
		}
	})

	t.Run("release", func(t *testing.T) {
		_, h := setup(t)
		a, b := h(), h()
		l, _ := acquire(t, a, "scheme", "w1")
		if err := a.ReleaseLease(ctx(t), l); err != nil {
			t.Fatal(err)
		}
		if _, err := a.RenewLease(ctx(t), l, ttl); !errors.Is(err, mapping.ErrLeaseLost) {
			t.Fatalf("RenewLease after release = %v, want ErrLeaseLost", err)
		}
		l2, ok := acquire(t, b, "scheme", "w1")
		if !ok || l2.Fence <= l.Fence {
			t.Fatalf("AcquireLease after release = %+v, %v; want a fence above %d", l2, ok, l.Fence)
		}
		if err := a.ReleaseLease(ctx(t), l); err != nil {
			t.Fatalf("releasing twice = %v", err)
		}
		if _, ok := acquire(t, a, "scheme", "w2"); ok {
			t.Fatal("a second release of the old holding freed the new one")
		}
	})

	t.Run("names apart", func(t *testing.T) {
		_, h := setup(t)
		s := h()
		la, oka := acquire(t, s, "scheme-a", "w1")
		lb, okb := acquire(t, s, "scheme-b", "w1")
		if !oka || !okb {
			t.Fatalf("two names: %v, %v; want both taken", oka, okb)
		}
		if err := s.ReleaseLease(ctx(t), la); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RenewLease(ctx(t), lb, ttl); err != nil {
			t.Fatalf("releasing one name lost the other: %v", err)
		}
	})

	t.Run("one winner", func(t *testing.T) {
		clock, h := setup(t)
		handles := []mapping.LeaseStore{h(), h()}
		const workers, rounds = 8, 4
		last := int64(0)
		for round := range rounds {
			c := ctx(t)
			var wg sync.WaitGroup
			got := make(chan mapping.Lease, workers)
			errs := make(chan error, workers)
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					l, ok, err := handles[w%2].AcquireLease(c, "scheme", fmt.Sprintf("w%d", w), ttl)
					if err != nil {
						errs <- err
					} else if ok {
						got <- l
					}
				}()
			}
			wg.Wait()
			close(got)
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			var won []mapping.Lease
			for l := range got {
				won = append(won, l)
			}
			if len(won) != 1 {
				t.Fatalf("round %d: %d workers took the lease, want 1: %+v", round, len(won), won)
			}
			if won[0].Fence <= last {
				t.Fatalf("round %d: fence %d, not above the last holding's %d", round, won[0].Fence, last)
			}
			last = won[0].Fence
			if round%2 == 0 {
				clock.Add(ttl) // the winner dies
			} else if err := handles[0].ReleaseLease(c, won[0]); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// sameError reports whether got is an error with want's message.
func sameError(got, want error) bool {
	return got != nil && want != nil && got.Error() == want.Error()
}

// TestLeaseStoreServerClock takes, refuses, renews and releases a lease on
// stores that measure expiry with their server's clock (no WithClock),
// opened twice on one storage. An hour-long lease cannot run out meanwhile,
// and the server's clock is this machine's, so the expiry is checked only to
// within a minute.
func TestLeaseStoreServerClock(t *testing.T, open func() mapping.LeaseStore) {
	a, b := open(), open()
	ctx := context.Background()
	before := time.Now()
	l, ok, err := a.AcquireLease(ctx, "scheme", "w1", time.Hour)
	if err != nil || !ok {
		t.Fatalf("AcquireLease = %+v, %v, %v", l, ok, err)
	}
	if l.Expires.Before(before.Add(time.Hour-time.Minute)) || l.Expires.After(time.Now().Add(time.Hour+time.Minute)) {
		t.Errorf("Expires = %v, want about an hour after %v", l.Expires, before)
	}
	if cur, ok, err := b.AcquireLease(ctx, "scheme", "w2", time.Hour); err != nil || ok || cur.Fence != l.Fence || cur.Owner != "w1" {
		t.Fatalf("AcquireLease of a held name = %+v, %v, %v", cur, ok, err)
	}
	if _, err := b.RenewLease(ctx, l, time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := b.ReleaseLease(ctx, l); err != nil {
		t.Fatal(err)
	}
	if l2, ok, err := b.AcquireLease(ctx, "scheme", "w2", time.Hour); err != nil || !ok || l2.Fence <= l.Fence {
		t.Fatalf("AcquireLease after release = %+v, %v, %v", l2, ok, err)
	}
}
