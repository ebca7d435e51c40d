package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/duijie/duijie/push"

	"github.com/duijie/duijie/store/internal/column"
)

// PushReplay is the push.ReplayStore of a Store: the signatures a
// push.Receiver accepted, kept until they leave the window, so a replay is
// refused after a restart and by every process sharing the file.
type PushReplay struct{ s *Store }

var _ push.ReplayStore = PushReplay{}

// PushReplay returns the store's accepted push signatures.
func (s *Store) PushReplay() PushReplay { return PushReplay{s} }

// Claim records id until expires and reports whether it was new at now.
// It is one write transaction, so of two claims of one id, in one process
// or several, one returns true. Claims expired at now are dropped.
func (r PushReplay) Claim(ctx context.Context, id string, now, expires time.Time) (bool, error) {
	fresh := false
	err := r.s.write(ctx, func(tx *sql.Tx) error {
		at := column.Time(now)
		if _, err := tx.ExecContext(ctx, `DELETE FROM push_claims WHERE expires_at <= ?`, at); err != nil {
			return wrap("push claim", err)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO push_claims (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`,
			id, column.Time(expires))
		if err != nil {
			return wrap("push claim", err)
		}
		n, err := res.RowsAffected()
		fresh = n == 1
		return wrap("push claim", err)
	})
	return fresh, err
}

// PushOutcomes is the push.OutcomeStore of a Store: the settled outcome of
// the latest version of each pushed order, so an order settled before a
// restart is answered again, not handed on twice. Outcomes are kept until
// PruneBefore drops them.
type PushOutcomes struct{ s *Store }

var _ push.OutcomeStore = PushOutcomes{}

// PushOutcomes returns the store's settled push outcomes.
func (s *Store) PushOutcomes() PushOutcomes { return PushOutcomes{s} }

// Get returns the outcome stored for key; ok is false when none is.
func (o PushOutcomes) Get(ctx context.Context, key push.Key) (push.Outcome, bool, error) {
	var out push.Outcome
	var at string
	err := o.s.db.QueryRowContext(ctx, `SELECT hash, ok, reason, at FROM push_outcomes WHERE shop = ? AND tid = ?`, key.Shop, key.Tid).
		Scan(&out.Hash, &out.OK, &out.Reason, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return push.Outcome{}, false, nil
	}
	if err != nil {
		return push.Outcome{}, false, wrap("push outcome", err)
	}
	if out.At, err = decTime(at); err != nil {
		return push.Outcome{}, false, err
	}
	return out, true, nil
}

// Put stores out for key, replacing any earlier outcome.
func (o PushOutcomes) Put(ctx context.Context, key push.Key, out push.Outcome) error {
	return o.s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO push_outcomes (shop, tid, hash, ok, reason, at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (shop, tid) DO UPDATE SET hash = excluded.hash, ok = excluded.ok, reason = excluded.reason, at = excluded.at`,
			key.Shop, key.Tid, out.Hash, out.OK, out.Reason, column.Time(out.At))
		return wrap("push outcome", err)
	})
}

// PruneBefore drops the outcomes settled before t and returns how many it
// dropped; an order pushed again after its outcome was dropped is handed
// on again.
func (o PushOutcomes) PruneBefore(ctx context.Context, t time.Time) (int, error) {
	var n int64
	err := o.s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM push_outcomes WHERE at < ?`, column.Time(t))
		if err != nil {
			return wrap("prune push outcomes", err)
		}
		n, err = res.RowsAffected()
		return wrap("prune push outcomes", err)
	})
	return int(n), err
}
