package mapping

import (
	"context"
	"errors"
	"iter"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/duijie/duijie"
)

// leaseClock is the moved clock of the MemoryLeases in these tests.
type leaseClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *leaseClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *leaseClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// manualTicks stands in for the background renewal's ticker: the test
// ticks it by hand.
type manualTicks struct {
	c        chan time.Time
	interval time.Duration
}

func (m *manualTicks) install(s *Sync[rec]) {
	m.c = make(chan time.Time)
	s.tick = func(d time.Duration) (<-chan time.Time, func()) {
		m.interval = d
		return m.c, func() {}
	}
}

// renewNow ticks twice: the second tick is taken only once the renewal the
// first one started has finished, so on return the lease was renewed.
func (m *manualTicks) renewNow() {
	m.c <- time.Time{}
	m.c <- time.Time{}
}

// countingStore counts the checkpoint loads.
type countingStore struct {
	MemoryCheckpoints
	loads int
}

func (c *countingStore) LoadCheckpoint(ctx context.Context, s string) (Checkpoint, bool, error) {
	c.loads++
	return c.MemoryCheckpoints.LoadCheckpoint(ctx, s)
}

const testTTL = 30 * time.Second

// leasedSync is newSync with worker owner holding leases from l.
func leasedSync(store CheckpointStore, v *vendorFake, delivered *[]string, l *MemoryLeases, owner string) *Sync[rec] {
	s := newSync(store, v, delivered, nil)
	s.Leases, s.Owner, s.LeaseTTL = l, owner, testTTL
	return s
}

func newLeases() (*MemoryLeases, *leaseClock) {
	c := &leaseClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	return &MemoryLeases{Now: c.Now}, c
}

func TestSyncLeaseHeldElsewhereReadsNothing(t *testing.T) {
	leases, clock := newLeases()
	ctx := context.Background()
	held, ok, err := leases.AcquireLease(ctx, "wdt-refund→kingdee", "worker-b", testTTL)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	store := &countingStore{}
	v := &vendorFake{recs: recsEvery(cst(2024, 3, 1, 0, 0, 30), time.Minute, 30), asOf: cst(2024, 3, 1, 0, 31, 0)}
	var got []string
	s := leasedSync(store, v, &got, leases, "worker-a")
	rep, err := s.Run(ctx, v.asOf)
	if !errors.Is(err, ErrLeaseHeld) || rep != nil {
		t.Fatalf("Run = %v, %v; want ErrLeaseHeld", rep, err)
	}
	var he *LeaseHeldError
	if !errors.As(err, &he) || he.Holder != held || he.Scheme != s.Scheme {
		t.Fatalf("error %#v, want the holder %+v", err, held)
	}
	want := `mapping: sync wdt-refund→kingdee: lease held by "worker-b" until ` + duijie.NewTime(held.Expires).String()
	if err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if store.loads != 0 || v.calls != 0 || len(got) != 0 {
		t.Errorf("read %d checkpoints, fetched %d windows, delivered %d records; want nothing", store.loads, v.calls, len(got))
	}
	// The holder's lease is untouched: renewing it still works.
	clock.Add(testTTL / 2)
	if _, err := leases.RenewLease(ctx, held, testTTL); err != nil {
		t.Errorf("holder's lease after the refused run: %v", err)
	}
}

func TestSyncLeaseReleasedAtTheEnd(t *testing.T) {
	ctx := context.Background()
	for _, fail := range []bool{false, true} {
		leases, _ := newLeases()
		v := &vendorFake{recs: recsEvery(cst(2024, 3, 1, 0, 0, 30), time.Minute, 30), asOf: cst(2024, 3, 1, 0, 31, 0)}
		var got []string
		s := leasedSync(&MemoryCheckpoints{}, v, &got, leases, "worker-a")
		if fail {
			s.Deliver = func(context.Context, Window, []rec) error { return errors.New("target refused") }
		}
		var ticks manualTicks
		ticks.install(s)
		_, err := s.Run(ctx, v.asOf)
		if (err != nil) != fail {
			t.Fatalf("fail=%v: Run: %v", fail, err)
		}
		if ticks.interval != testTTL/3 {
			t.Errorf("renewal every %v, want TTL/3 = %v", ticks.interval, testTTL/3)
		}
		// Without moving the clock, another worker takes the scheme at once.
		l, ok, err := leases.AcquireLease(ctx, s.Scheme, "worker-b", testTTL)
		if err != nil || !ok || l.Fence != 2 {
			t.Errorf("fail=%v: after the run another worker got %+v, %v, %v; want the lease, fence 2", fail, l, ok, err)
		}
	}
}

func TestSyncLeaseRenewedAcrossALongWindow(t *testing.T) {
	leases, clock := newLeases()
	ctx := context.Background()
	store := &MemoryCheckpoints{}
	v := &vendorFake{recs: recsEvery(cst(2024, 3, 1, 0, 0, 30), time.Minute, 30), asOf: cst(2024, 3, 1, 0, 31, 0)}
	var got []string
	s := leasedSync(store, v, &got, leases, "worker-a")
	var ticks manualTicks
	ticks.install(s)
	fetch := s.Fetch
	s.Fetch = func(ctx context.Context, w Window) iter.Seq2[rec, error] {
		// Each window takes 4 TTLs; the background renewal keeps the lease.
		for range 12 {
			clock.Add(testTTL / 3)
			ticks.renewNow()
		}
		return fetch(ctx, w)
	}
	rep, err := s.Run(ctx, v.asOf)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Windows) != 3 || len(got) != 30 || !rep.Checkpoint.LastSyncTime.Equal(cst(2024, 3, 1, 0, 30, 0)) {
		t.Errorf("%d windows, %d records, checkpoint %v; want 3, 30, 00:30", len(rep.Windows), len(got), rep.Checkpoint.LastSyncTime)
	}
	// 2 minutes of lease clock passed; the lease was live all along and
	// was released at the end.
	if l, ok, err := leases.AcquireLease(ctx, s.Scheme, "worker-b", testTTL); !ok || err != nil || l.Fence != 2 {
		t.Errorf("after the run: %+v, %v, %v", l, ok, err)
	}
}

func TestSyncLeaseLostMidWindowCancelsAndSavesNothing(t *testing.T) {
	leases, clock := newLeases()
	ctx := context.Background()
	store := &MemoryCheckpoints{}
	v := &vendorFake{recs: recsEvery(cst(2024, 3, 1, 0, 0, 30), time.Minute, 30), asOf: cst(2024, 3, 1, 0, 31, 0)}
	var got []string
	s := leasedSync(store, v, &got, leases, "worker-a")
	var ticks manualTicks
	ticks.install(s)
	windows := 0
	var deliverErr error
	s.Deliver = func(ctx context.Context, _ Window, rs []rec) error {
		windows++
		if windows == 2 {
			// The worker stalls past its lease; another takes the scheme,
			// and the next renewal finds the lease gone.
			clock.Add(testTTL)
			if _, ok, err := leases.AcquireLease(context.Background(), s.Scheme, "worker-b", testTTL); !ok || err != nil {
				t.Errorf("worker-b could not take the expired lease: %v, %v", ok, err)
			}
			ticks.c <- time.Time{}
			select {
			case <-ctx.Done():
				deliverErr = context.Cause(ctx)
				return ctx.Err()
			case <-time.After(10 * time.Second):
				t.Error("the lost lease did not cancel Deliver's context")
			}
		}
		for _, r := range rs {
			got = append(got, r.ID)
		}
		return nil
	}
	rep, err := s.Run(ctx, v.asOf)
	if !errors.Is(err, ErrLeaseLost) {
		t.Fatalf("Run: %v, want ErrLeaseLost", err)
	}
	if !errors.Is(deliverErr, ErrLeaseLost) {
		t.Errorf("Deliver's context cause %v, want ErrLeaseLost", deliverErr)
	}
	if len(rep.Windows) != 1 || len(got) != 10 {
		t.Errorf("%d windows, %d records delivered; want only the first window's 10", len(rep.Windows), len(got))
	}
	cp, _, _ := store.LoadCheckpoint(ctx, s.Scheme)
	if !cp.LastSyncTime.Equal(cst(2024, 3, 1, 0, 10, 0)) {
		t.Errorf("checkpoint %v, want the end of the first window", cp.LastSyncTime)
	}
	// worker-b's lease was not released by worker-a.
	if l, ok, _ := leases.AcquireLease(ctx, s.Scheme, "worker-c", testTTL); ok || l.Owner != "worker-b" {
		t.Errorf("after worker-a's run the lease is %+v (taken: %v), want worker-b's", l, ok)
	}
}

// TestSyncSecondWorkerResumesAfterTheLeaseRanOut: worker A delivers a
// window but stalls past its lease before saving the checkpoint, so the
// save is refused; worker B, once A's lease ran out, takes the scheme and
// resumes from A's last checkpoint, reading that window again.
func TestSyncSecondWorkerResumesAfterTheLeaseRanOut(t *testing.T) {
	leases, clock := newLeases()
	ctx := context.Background()
	store := &MemoryCheckpoints{}
	v := &vendorFake{recs: recsEvery(cst(2024, 3, 1, 0, 0, 30), time.Minute, 30), asOf: cst(2024, 3, 1, 0, 31, 0)}
	var gotA, gotB []string
	a := leasedSync(store, v, &gotA, leases, "worker-a")
	var ticksA manualTicks
	ticksA.install(a)
	deliver := a.Deliver
	windows := 0
	a.Deliver = func(ctx context.Context, w Window, rs []rec) error {
		if err := deliver(ctx, w, rs); err != nil {
			return err
		}
		if windows++; windows == 2 {
			clock.Add(testTTL) // stalled: the lease ran out, nobody took it yet
		}
		return nil
	}
	_, err := a.Run(ctx, v.asOf)
	if !errors.Is(err, ErrLeaseLost) {
		t.Fatalf("worker A: %v, want ErrLeaseLost", err)
	}
	if cp, _, _ := store.LoadCheckpoint(ctx, a.Scheme); !cp.LastSyncTime.Equal(cst(2024, 3, 1, 0, 10, 0)) {
		t.Fatalf("checkpoint after A %v, want 00:10 (the second window unsaved)", cp.LastSyncTime)
	}
	b := leasedSync(store, v, &gotB, leases, "worker-b")
	var ticksB manualTicks
	ticksB.install(b)
	rep, err := b.Run(ctx, v.asOf)
	if err != nil {
		t.Fatalf("worker B: %v", err)
	}
	if len(rep.Windows) == 0 || !rep.Windows[0].From.Equal(cst(2024, 3, 1, 0, 8, 0)) {
		t.Errorf("worker B's windows %v, want the first from 00:10 less the 2-minute overlap", rep.Windows)
	}
	if !rep.Checkpoint.LastSyncTime.Equal(cst(2024, 3, 1, 0, 30, 0)) {
		t.Errorf("checkpoint after B %v, want 00:30", rep.Checkpoint.LastSyncTime)
	}
	// A delivered the first two windows; B read the second again (the
	// target's keys drop it) and the third.
	want := make([]string, 0, 20)
	for _, r := range v.recs[10:] {
		want = append(want, r.ID)
	}
	if !slices.Equal(gotB, want) {
		t.Errorf("worker B delivered %v, want %v", gotB, want)
	}
	if len(gotA) != 20 {
		t.Errorf("worker A delivered %d records, want 20", len(gotA))
	}
}

func TestSyncLeaseRefusals(t *testing.T) {
	v := &vendorFake{}
	var got []string
	for _, c := range []struct {
		field string
		edit  func(*Sync[rec])
	}{
		{"Sync.Owner", func(s *Sync[rec]) { s.Owner = "" }},
		{"Sync.LeaseTTL", func(s *Sync[rec]) { s.LeaseTTL = 0 }},
		{"Sync.LeaseTTL", func(s *Sync[rec]) { s.LeaseTTL = -time.Second }},
	} {
		s := leasedSync(&MemoryCheckpoints{}, v, &got, &MemoryLeases{}, "worker-a")
		c.edit(s)
		_, err := s.Run(context.Background(), cst(2024, 3, 2, 0, 0, 0))
		var ve *duijie.ValidationError
		if !errors.As(err, &ve) || ve.Field != c.field {
			t.Errorf("%s: err = %v", c.field, err)
		}
	}
}
