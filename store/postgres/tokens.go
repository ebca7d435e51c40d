package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/mapping"
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
	return &jushuitan.Token{AccessToken: jushuitan.Secret(access), RefreshToken: jushuitan.Secret(refresh), ExpiresAt: at, Scope: scope}, nil
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
	t.s.lmu.Lock()
	fence := t.s.held[appKey]
	t.s.lmu.Unlock()
	tag, err := t.s.pool.Exec(ctx, t.s.q(`INSERT INTO duijie.tokens AS t (app_key, access_token, refresh_token, expires_at, scope, fence)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (app_key) DO UPDATE SET access_token = excluded.access_token, refresh_token = excluded.refresh_token,
		expires_at = excluded.expires_at, scope = excluded.scope,
		fence = CASE WHEN excluded.fence = 0 THEN t.fence ELSE excluded.fence END
		WHERE excluded.fence = 0 OR t.fence <= excluded.fence`),
		appKey, tok.AccessToken.Reveal(), tok.RefreshToken.Reveal(), encTime(tok.ExpiresAt), tok.Scope, fence)
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
	ch := s.keyLock(appKey)
	select {
	case ch <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	owner, err := newOwner()
	if err != nil {
		<-ch
		return nil, err
	}
	var lease mapping.Lease
	for wait := 2 * time.Millisecond; ; wait = min(2*wait, 250*time.Millisecond) {
		l, ok, err := s.acquire(ctx, kindToken, appKey, owner, s.lease)
		if err != nil {
			<-ch
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, err
		}
		if ok {
			lease = l
			break
		}
		timer := time.NewTimer(wait)
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			<-ch
			return nil, ctx.Err()
		}
	}
	s.lmu.Lock()
	s.held[appKey] = lease.Fence
	s.lmu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.lmu.Lock()
			delete(s.held, appKey)
			s.lmu.Unlock()
			// Best effort: a lease left behind runs out by itself.
			_ = s.release(context.Background(), kindToken, lease)
			<-ch
		})
	}, nil
}

// keyLock returns this Store's lock channel of the app key.
func (s *Store) keyLock(appKey string) chan struct{} {
	s.lmu.Lock()
	defer s.lmu.Unlock()
	ch, ok := s.locks[appKey]
	if !ok {
		ch = make(chan struct{}, 1)
		s.locks[appKey] = ch
	}
	return ch
}

// newOwner returns a random name for one holding of a lock.
func newOwner() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", wrap("token lock", err)
	}
	return hex.EncodeToString(b[:]), nil
}
