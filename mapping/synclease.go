package mapping

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/duijie/duijie"
)

// ErrLeaseHeld is matched by errors.Is when Sync.Run finds its scheme's
// lease held by another live worker; the error is a *LeaseHeldError naming
// the holder.
var ErrLeaseHeld = errors.New("mapping: the lease is held by another worker")

// LeaseHeldError is returned by Sync.Run when another worker holds the
// scheme's lease. Nothing was read: the holder is running the scheme, and
// the caller tries again later (after Holder.Expires at the latest, when
// the holder died).
type LeaseHeldError struct {
	// Scheme is the sync scheme whose lease is held.
	Scheme string
	// Holder is the live lease: its Owner and Expires say who holds the
	// scheme and until when, unless renewed.
	Holder Lease
}

// Error names the scheme, the holder and the expiry.
func (e *LeaseHeldError) Error() string {
	return fmt.Sprintf("mapping: sync %s: lease held by %q until %s", e.Scheme, e.Holder.Owner, duijie.NewTime(e.Holder.Expires))
}

// Is matches ErrLeaseHeld.
func (e *LeaseHeldError) Is(target error) bool { return target == ErrLeaseHeld }

// leaseKeeper holds a Sync run's lease: it renews it in the background
// every TTL/3 and on demand before a checkpoint is saved, and cancels the
// run's context when the lease is lost.
type leaseKeeper struct {
	store  LeaseStore
	ttl    time.Duration
	cancel context.CancelCauseFunc

	mu    sync.Mutex
	lease Lease
	lost  error // set once: the error that lost the lease
}

// errLeaseLost wraps ErrLeaseLost with the scheme, the owner and the fence
// of the holding that was lost.
func errLeaseLost(l Lease, cause error) error {
	if errors.Is(cause, ErrLeaseLost) {
		return fmt.Errorf("mapping: sync %s: lease of %q (fence %d) lost: %w", l.Name, l.Owner, l.Fence, ErrLeaseLost)
	}
	return fmt.Errorf("mapping: sync %s: lease of %q (fence %d) not renewed: %w", l.Name, l.Owner, l.Fence, cause)
}

// renew extends the lease. A lease the store says is lost stays lost: the
// run's context is cancelled with the error as its cause. Another failure
// (the store unreachable) is returned and the lease kept, so the next
// renewal may still succeed before it runs out.
func (k *leaseKeeper) renew(ctx context.Context) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.lost != nil {
		return k.lost
	}
	l, err := k.store.RenewLease(ctx, k.lease, k.ttl)
	if err == nil {
		k.lease = l
		return nil
	}
	err = errLeaseLost(k.lease, err)
	if errors.Is(err, ErrLeaseLost) {
		k.lost = err
		k.cancel(err)
	}
	return err
}

// keep renews the lease on every tick until stop is closed or the lease is
// lost.
func (k *leaseKeeper) keep(ctx context.Context, ticks <-chan time.Time, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-ctx.Done():
			return
		case <-ticks:
			if err := k.renew(ctx); errors.Is(err, ErrLeaseLost) {
				return
			}
		}
	}
}

// release frees the lease unless it was lost.
func (k *leaseKeeper) release(ctx context.Context) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.lost != nil {
		return nil
	}
	return k.store.ReleaseLease(ctx, k.lease)
}

// leaseTicker returns the ticks of the background renewal and a function
// stopping them.
func leaseTicker(d time.Duration) (<-chan time.Time, func()) {
	t := time.NewTicker(d)
	return t.C, t.Stop
}

// claim takes the scheme's lease for one run and starts renewing it. It
// returns the run's context, cancelled when the lease is lost, and a
// function that stops the renewal and releases the lease. With no
// LeaseStore it returns ctx and a keeper of nil.
func (s *Sync[T]) claim(ctx context.Context) (context.Context, *leaseKeeper, func(), error) {
	if s.Leases == nil {
		return ctx, nil, func() {}, nil
	}
	l, ok, err := s.Leases.AcquireLease(ctx, s.Scheme, s.Owner, s.LeaseTTL)
	if err != nil {
		return ctx, nil, nil, fmt.Errorf("mapping: sync %s: acquire lease: %w", s.Scheme, err)
	}
	if !ok {
		return ctx, nil, nil, &LeaseHeldError{Scheme: s.Scheme, Holder: l}
	}
	runCtx, cancel := context.WithCancelCause(ctx)
	k := &leaseKeeper{store: s.Leases, ttl: s.LeaseTTL, cancel: cancel, lease: l}
	tick := s.tick
	if tick == nil {
		tick = leaseTicker
	}
	interval := max(s.LeaseTTL/3, time.Millisecond)
	ticks, stopTicks := tick(interval)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		k.keep(runCtx, ticks, stop)
	}()
	end := func() {
		close(stop)
		<-done
		stopTicks()
		// Released even when the caller's context is done, so the next
		// worker need not wait for the lease to run out.
		_ = k.release(context.WithoutCancel(ctx))
		cancel(nil)
	}
	return runCtx, k, end, nil
}

// checkLease checks the lease options: Owner and a positive LeaseTTL are
// required when Leases is set.
func (s *Sync[T]) checkLease() error {
	if s.Leases == nil {
		return nil
	}
	switch {
	case s.Owner == "":
		return invalid("Sync.Owner", duijie.RuleRequired, "the worker holding the lease")
	case s.LeaseTTL <= 0:
		return invalid("Sync.LeaseTTL", duijie.RuleRange, "must be positive when Leases is set")
	}
	return nil
}
