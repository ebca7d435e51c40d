package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/store/internal/fencedlock"

	"github.com/duijie/duijie/store/internal/column"
)

// Tokens is the jushuitan.TokenStore and jushuitan.TokenLocker of a Store.
type Tokens struct{ s *Store }

var (
	_ jushuitan.TokenStore  = Tokens{}
	_ jushuitan.TokenLocker = Tokens{}
)

// Tokens returns the store's Jushuitan tokens, by app key. Give it to every
// client of the app key (Config.TokenStore), in this process and others.
func (s *Store) Tokens() Tokens { return Tokens{s} }

// Load returns the app key's token, or nil when the store has none.
func (t Tokens) Load(ctx context.Context, appKey string) (*jushuitan.Token, error) {
	var access, refresh, expires, scope string
	err := t.s.pool.QueryRow(ctx, t.s.q(`SELECT access_token, refresh_token, expires_at, scope FROM duijie.tokens WHERE app_key = $1`), appKey).
		Scan(&access, &refresh, &expires, &scope)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, wrap("load token", err)
	}
	at, err := decTime(expires)
	if err != nil {
		return nil, err
	}
	return &jushuitan.Token{AccessToken: duijie.Secret(access), RefreshToken: duijie.Secret(refresh), ExpiresAt: at, Scope: scope}, nil
}

// Save stores tok as the app key's token. While this Store holds the app
// key's token lock, the save is fenced: it is refused with ErrFenced when
// the token was saved meanwhile under a newer holding of the lock (this
// holder stalled past its lease, another took the lock and renewed the
// token), so a stale token never replaces a newer one. A save outside the
// lock is not fenced.
func (t Tokens) Save(ctx context.Context, appKey string, tok *jushuitan.Token) error {
	if tok == nil {
		return errors.New("store/postgres: cannot save a nil token")
	}
	fence := t.s.locks.Fence(appKey)
	tag, err := t.s.pool.Exec(ctx, t.s.q(`INSERT INTO duijie.tokens AS t (app_key, access_token, refresh_token, expires_at, scope, fence)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (app_key) DO UPDATE SET access_token = excluded.access_token, refresh_token = excluded.refresh_token,
		expires_at = excluded.expires_at, scope = excluded.scope,
		fence = CASE WHEN excluded.fence = 0 THEN t.fence ELSE excluded.fence END
		WHERE excluded.fence = 0 OR t.fence <= excluded.fence`),
		appKey, tok.AccessToken.Reveal(), tok.RefreshToken.Reveal(), column.Time(tok.ExpiresAt), tok.Scope, fence)
	if err != nil {
		return wrap("save token", err)
	}
	if tag.RowsAffected() == 0 {
		return ErrFenced
	}
	return nil
}

// LockToken holds the app key's token lock until the returned function is
// called, or returns ctx's error when ctx ends first.
//
// In this Store the goroutines wait their turn on a channel. Across
// processes the lock is a lease (WithTokenLease) with a fence, a row of the
// leases table: a process takes it when no other holds it or when the
// holder's lease ran out, as it does for a process that died or stalled; a
// process that finds it held tries again, waiting a little longer each
// time, up to a quarter second. Saves made while the lock is held carry
// its fence (see Save). Unlocking more than once is harmless.
func (t Tokens) LockToken(ctx context.Context, appKey string) (func(), error) {
	s := t.s
	return s.locks.Lock(ctx, appKey, fencedlock.Lease{
		Acquire: func(ctx context.Context, owner string) (mapping.Lease, bool, error) {
			return s.acquire(ctx, kindToken, appKey, owner, s.lease)
		},
		Release: func(ctx context.Context, l mapping.Lease) error { return s.release(ctx, kindToken, l) },
	})
}
