package mapping

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/duijie/duijie"
)

// ErrLeaseLost is returned by LeaseStore.RenewLease when the lease is no
// longer its holder's: it ran out, was released, or another worker took
// the name since. Sync.Run's error matches it when the run lost its
// scheme's lease and stopped without saving the checkpoint.
var ErrLeaseLost = errors.New("mapping: the lease was lost")

// Lease is one worker's hold on a name, such as a sync scheme, so that of
// several workers running the same scheme one at a time reads its next
// window. The holder renews it while it works; a worker that dies stops
// renewing, its lease runs out, and another worker takes the name and
// resumes from the scheme's checkpoint.
type Lease struct {
	// Name is what is held, e.g. the sync scheme "wdt-refund-stockin→kingdee".
	Name string
	// Owner names the worker holding it; each worker uses its own.
	Owner string
	// Fence grows with every new holding of Name and is never reused, so
	// a write made under an older holding can be told from a newer one's
	// and refused.
	Fence int64
	// Expires is when the lease runs out unless renewed, by the store's
	// clock.
	Expires time.Time
}

// LeaseStore hands out leases on names. Implementations are safe for
// concurrent use; one shared by processes (Redis, a database) lets workers
// on several machines share the schemes.
type LeaseStore interface {
	// AcquireLease takes the name for owner for ttl when nobody holds it
	// or its holder's lease has run out, and returns the new lease and
	// true. When a live lease holds the name, its owner's included, it
	// returns that lease and false.
	AcquireLease(ctx context.Context, name, owner string, ttl time.Duration) (Lease, bool, error)
	// RenewLease extends a lease still held to ttl from now and returns it
	// with its new expiry and the same fence. A lease that ran out, was
	// released or was taken by another holding is not renewed: the error
	// matches ErrLeaseLost.
	RenewLease(ctx context.Context, l Lease, ttl time.Duration) (Lease, error)
	// ReleaseLease frees the name when l is still its holding, so another
	// worker may take it at once. Releasing a lost lease does nothing.
	ReleaseLease(ctx context.Context, l Lease) error
}

// CheckLease checks a lease request: the name and owner are required and
// the time to live must be positive. Every LeaseStore refuses what it
// refuses, with its *ValidationError.
func CheckLease(name, owner string, ttl time.Duration) error {
	switch {
	case name == "":
		return invalid("name", duijie.RuleRequired, "what the lease holds")
	case owner == "":
		return invalid("owner", duijie.RuleRequired, "the worker holding the lease")
	case ttl <= 0:
		return invalid("ttl", duijie.RuleRange, "must be positive")
	}
	return nil
}

// MemoryLeases is a LeaseStore in memory, for tests and the goroutines of
// one process. Its zero value is ready; it is safe for concurrent use.
type MemoryLeases struct {
	// Now is the clock leases are measured with; nil means time.Now.
	Now func() time.Time

	mu     sync.Mutex
	leases map[string]Lease
	fences map[string]int64
}

func (m *MemoryLeases) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

// AcquireLease takes the name when it is free or its lease ran out.
func (m *MemoryLeases) AcquireLease(_ context.Context, name, owner string, ttl time.Duration) (Lease, bool, error) {
	if err := CheckLease(name, owner, ttl); err != nil {
		return Lease{}, false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if cur, ok := m.leases[name]; ok && now.Before(cur.Expires) {
		return cur, false, nil
	}
	if m.leases == nil {
		m.leases, m.fences = map[string]Lease{}, map[string]int64{}
	}
	m.fences[name]++
	l := Lease{Name: name, Owner: owner, Fence: m.fences[name], Expires: now.Add(ttl)}
	m.leases[name] = l
	return l, true, nil
}

// RenewLease extends l when it is still held and has not run out.
func (m *MemoryLeases) RenewLease(_ context.Context, l Lease, ttl time.Duration) (Lease, error) {
	if err := CheckLease(l.Name, l.Owner, ttl); err != nil {
		return Lease{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	cur, ok := m.leases[l.Name]
	if !ok || cur.Fence != l.Fence || cur.Owner != l.Owner || !now.Before(cur.Expires) {
		return Lease{}, ErrLeaseLost
	}
	cur.Expires = now.Add(ttl)
	m.leases[l.Name] = cur
	return cur, nil
}

// ReleaseLease frees the name when l still holds it.
func (m *MemoryLeases) ReleaseLease(_ context.Context, l Lease) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if cur, ok := m.leases[l.Name]; ok && cur.Fence == l.Fence && cur.Owner == l.Owner {
		delete(m.leases, l.Name)
	}
	return nil
}
