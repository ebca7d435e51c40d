package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/duijie/duijie/mapping"
)

// Leases is the mapping.LeaseStore of a Store: leases on sync schemes,
// shared by every process opening the file. A lease is a row that stays
// when the lease ends, so its fence keeps growing across holdings and is
// never reused; each change of it is one write transaction. Leases are
// measured with the store's clock (WithClock), which processes sharing the
// file must share.
type Leases struct{ s *Store }

var _ mapping.LeaseStore = Leases{}

// Leases returns the store's leases.
func (s *Store) Leases() Leases { return Leases{s} }

// AcquireLease takes the name for owner when nobody holds it or its lease
// ran out.
func (l Leases) AcquireLease(ctx context.Context, name, owner string, ttl time.Duration) (mapping.Lease, bool, error) {
	if err := mapping.CheckLease(name, owner, ttl); err != nil {
		return mapping.Lease{}, false, err
	}
	var out mapping.Lease
	var took bool
	err := l.s.write(ctx, func(tx *sql.Tx) error {
		now := l.s.now().UnixMicro()
		cur := mapping.Lease{Name: name}
		var fence, exp int64
		err := tx.QueryRowContext(ctx, `SELECT owner, fence, expires_us FROM leases WHERE name = ?`, name).
			Scan(&cur.Owner, &fence, &exp)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return wrap("acquire lease", err)
		case now < exp:
			cur.Fence, cur.Expires = fence, time.UnixMicro(exp)
			out = cur
			return nil
		}
		exp = now + us(ttl)
		_, err = tx.ExecContext(ctx, `INSERT INTO leases (name, owner, fence, expires_us) VALUES (?, ?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, fence = excluded.fence, expires_us = excluded.expires_us`,
			name, owner, fence+1, exp)
		if err != nil {
			return wrap("acquire lease", err)
		}
		out = mapping.Lease{Name: name, Owner: owner, Fence: fence + 1, Expires: time.UnixMicro(exp)}
		took = true
		return nil
	})
	if err != nil {
		return mapping.Lease{}, false, err
	}
	return out, took, nil
}

// RenewLease extends a lease still held.
func (l Leases) RenewLease(ctx context.Context, lease mapping.Lease, ttl time.Duration) (mapping.Lease, error) {
	if err := mapping.CheckLease(lease.Name, lease.Owner, ttl); err != nil {
		return mapping.Lease{}, err
	}
	err := l.s.write(ctx, func(tx *sql.Tx) error {
		now := l.s.now().UnixMicro()
		exp := now + us(ttl)
		res, err := tx.ExecContext(ctx, `UPDATE leases SET expires_us = ?
			WHERE name = ? AND owner = ? AND fence = ? AND expires_us > ?`, exp, lease.Name, lease.Owner, lease.Fence, now)
		if err != nil {
			return wrap("renew lease", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return wrap("renew lease", err)
		}
		if n == 0 {
			return mapping.ErrLeaseLost
		}
		lease.Expires = time.UnixMicro(exp)
		return nil
	})
	if err != nil {
		return mapping.Lease{}, err
	}
	return lease, nil
}

// ReleaseLease frees the name when lease still holds it; the row and its
// fence stay.
func (l Leases) ReleaseLease(ctx context.Context, lease mapping.Lease) error {
	return l.s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE leases SET owner = '', expires_us = 0
			WHERE name = ? AND owner = ? AND fence = ?`, lease.Name, lease.Owner, lease.Fence)
		return wrap("release lease", err)
	})
}

// us is d in whole microseconds, at least 1.
func us(d time.Duration) int64 { return max(d.Microseconds(), 1) }
