package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"sync"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"

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
	err := t.s.db.QueryRowContext(ctx, `SELECT access_token, refresh_token, expires_at, scope FROM tokens WHERE app_key = ?`, appKey).
		Scan(&access, &refresh, &expires, &scope)
	if errors.Is(err, sql.ErrNoRows) {
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

// Save stores tok as the app key's token.
func (t Tokens) Save(ctx context.Context, appKey string, tok *jushuitan.Token) error {
	if tok == nil {
		return errors.New("store/sqlite: cannot save a nil token")
	}
	return t.s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO tokens (app_key, access_token, refresh_token, expires_at, scope) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (app_key) DO UPDATE SET access_token = excluded.access_token, refresh_token = excluded.refresh_token,
			expires_at = excluded.expires_at, scope = excluded.scope`,
			appKey, tok.AccessToken.Reveal(), tok.RefreshToken.Reveal(), column.Time(tok.ExpiresAt), tok.Scope)
		return wrap("save token", err)
	})
}

// LockToken holds the app key's token lock until the returned function is
// called, or returns ctx's error when ctx ends first.
//
// In this process the goroutines wait their turn on a channel. Across
// processes the lock is a lease, a row of the file naming its holder: a
// process takes it when no other holds it or when the holder's lease
// (WithTokenLease) has run out, as it does for a process that died holding
// it; a process that finds it held tries again, waiting a little longer
// each time, up to a quarter second. The lease is not renewed, so a
// renewal must finish within it. Unlocking more than once is harmless.
func (t Tokens) LockToken(ctx context.Context, appKey string) (func(), error) {
	ch := t.s.keyLock(appKey)
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
	for wait := 2 * time.Millisecond; ; wait = min(2*wait, 250*time.Millisecond) {
		ok, err := t.s.takeLease(ctx, appKey, owner)
		if err != nil {
			<-ch
			return nil, err
		}
		if ok {
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
	var once sync.Once
	return func() {
		once.Do(func() {
			// Best effort: a lease left behind runs out by itself.
			_ = t.s.write(context.Background(), func(tx *sql.Tx) error {
				_, err := tx.Exec(`DELETE FROM token_locks WHERE app_key = ? AND owner = ?`, appKey, owner)
				return err
			})
			<-ch
		})
	}, nil
}

// keyLock returns this process's lock channel of the app key.
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

// takeLease takes the app key's lease for owner when it is free or has run
// out, and reports whether it did.
func (s *Store) takeLease(ctx context.Context, appKey, owner string) (bool, error) {
	took := false
	err := s.write(ctx, func(tx *sql.Tx) error {
		now := s.now()
		var expires string
		err := tx.QueryRowContext(ctx, `SELECT expires_at FROM token_locks WHERE app_key = ?`, appKey).Scan(&expires)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return wrap("token lock", err)
		default:
			until, err := decTime(expires)
			if err != nil {
				return err
			}
			if now.Before(until) {
				return nil
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO token_locks (app_key, owner, expires_at) VALUES (?, ?, ?)
			ON CONFLICT (app_key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at`,
			appKey, owner, column.Time(now.Add(s.lease)))
		if err != nil {
			return wrap("token lock", err)
		}
		took = true
		return nil
	})
	return took, err
}

// newOwner returns a random name for one holding of a lock.
func newOwner() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", wrap("token lock", err)
	}
	return hex.EncodeToString(b[:]), nil
}
