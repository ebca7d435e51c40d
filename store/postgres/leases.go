package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/duijie/duijie/mapping"
)

// Leases is the mapping.LeaseStore of a Store: leases on sync schemes
// shared by every process using the store's schema. A lease is a row that
// stays when the lease ends, so its fence keeps growing across holdings;
// each change of it is one statement.
type Leases struct{ s *Store }

var _ mapping.LeaseStore = Leases{}

// Leases returns the store's leases.
func (s *Store) Leases() Leases { return Leases{s} }

// The kinds of lease rows.
const (
	kindLease = "lease"
	kindToken = "token"
)

// AcquireLease takes the name for owner when nobody holds it or its lease
// ran out.
func (l Leases) AcquireLease(ctx context.Context, name, owner string, ttl time.Duration) (mapping.Lease, bool, error) {
	if err := mapping.CheckLease(name, owner, ttl); err != nil {
		return mapping.Lease{}, false, err
	}
	return l.s.acquire(ctx, kindLease, name, owner, ttl)
}

// RenewLease extends a lease still held.
func (l Leases) RenewLease(ctx context.Context, lease mapping.Lease, ttl time.Duration) (mapping.Lease, error) {
	if err := mapping.CheckLease(lease.Name, lease.Owner, ttl); err != nil {
		return mapping.Lease{}, err
	}
	return l.s.renew(ctx, kindLease, lease, ttl)
}

// ReleaseLease frees the name when lease still holds it.
func (l Leases) ReleaseLease(ctx context.Context, lease mapping.Lease) error {
	return l.s.release(ctx, kindLease, lease)
}

func (s *Store) acquire(ctx context.Context, kind, name, owner string, ttl time.Duration) (mapping.Lease, bool, error) {
	l := mapping.Lease{Name: name}
	var exp int64
	err := s.pool.QueryRow(ctx, s.q(`WITH c AS (SELECT coalesce($4::bigint, `+serverNow+`) AS now)
		INSERT INTO duijie.leases AS l (kind, name, owner, fence, expires_us)
		SELECT $1, $2, $3, 1, c.now + $5::bigint FROM c
		ON CONFLICT (kind, name) DO UPDATE SET owner = excluded.owner, fence = l.fence + 1, expires_us = excluded.expires_us
		WHERE l.expires_us <= excluded.expires_us - $5::bigint
		RETURNING owner, fence, expires_us`), kind, name, owner, s.nowArg(), us(ttl)).Scan(&l.Owner, &l.Fence, &exp)
	if err == nil {
		l.Expires = time.UnixMicro(exp)
		return l, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return mapping.Lease{}, false, wrap("acquire lease", err)
	}
	err = s.pool.QueryRow(ctx, s.q(`SELECT owner, fence, expires_us FROM duijie.leases WHERE kind = $1 AND name = $2`), kind, name).
		Scan(&l.Owner, &l.Fence, &exp)
	if err != nil {
		return mapping.Lease{}, false, wrap("acquire lease", err)
	}
	l.Expires = time.UnixMicro(exp)
	return l, false, nil
}

func (s *Store) renew(ctx context.Context, kind string, l mapping.Lease, ttl time.Duration) (mapping.Lease, error) {
	var exp int64
	err := s.pool.QueryRow(ctx, s.q(`WITH c AS (SELECT coalesce($5::bigint, `+serverNow+`) AS now)
		UPDATE duijie.leases l SET expires_us = c.now + $6::bigint FROM c
		WHERE l.kind = $1 AND l.name = $2 AND l.owner = $3 AND l.fence = $4 AND l.expires_us > c.now
		RETURNING l.expires_us`), kind, l.Name, l.Owner, l.Fence, s.nowArg(), us(ttl)).Scan(&exp)
	if errors.Is(err, pgx.ErrNoRows) {
		return mapping.Lease{}, mapping.ErrLeaseLost
	}
	if err != nil {
		return mapping.Lease{}, wrap("renew lease", err)
	}
	l.Expires = time.UnixMicro(exp)
	return l, nil
}

func (s *Store) release(ctx context.Context, kind string, l mapping.Lease) error {
	_, err := s.pool.Exec(ctx, s.q(`UPDATE duijie.leases SET owner = '', expires_us = 0
		WHERE kind = $1 AND name = $2 AND owner = $3 AND fence = $4`), kind, l.Name, l.Owner, l.Fence)
	return wrap("release lease", err)
}

// us is d in whole microseconds, at least 1.
func us(d time.Duration) int64 { return max(d.Microseconds(), 1) }
