package redis

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/store/internal/fencedlock"
)

// ErrFenced is returned by Tokens.Save when the token was saved meanwhile
// under a newer holding of the token lock: this holder's lease ran out and
// another process renewed the token, which is kept.
var ErrFenced = errors.New("store/redis: a newer holder of the token lock saved the token; this one is not saved")

// Tokens is the jushuitan.TokenStore and jushuitan.TokenLocker of a Store.
type Tokens struct{ s *Store }

var (
	_ jushuitan.TokenStore  = Tokens{}
	_ jushuitan.TokenLocker = Tokens{}
)

// Tokens returns the store's Jushuitan tokens, by app key. Give it to every
// client of the app key (Config.TokenStore), in this process and others.
func (s *Store) Tokens() Tokens { return Tokens{s} }

// storedToken is a token as a hash field holds it.
type storedToken struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token,omitempty"`
	ExpiresAt    string `json:"expires_at,omitempty"` // RFC 3339 with nanoseconds; absent when zero
	Scope        string `json:"scope,omitempty"`
}

// saveScript: KEYS[1] the token hash; ARGV the token, the fence of the
// lock holding it (0: none). Returns 0 when a newer holding saved it.
var saveScript = goredis.NewScript(`
local cur = tonumber(redis.call('HGET', KEYS[1], 'fence') or '0')
local f = tonumber(ARGV[2])
if f == 0 then
  f = cur
elseif cur > f then
  return 0
end
redis.call('HSET', KEYS[1], 'token', ARGV[1], 'fence', f)
return 1
`)

// Load returns the app key's token, or nil when the store has none.
func (t Tokens) Load(ctx context.Context, appKey string) (*jushuitan.Token, error) {
	raw, err := t.s.rdb.HGet(ctx, t.s.key("token:", appKey), "token").Result()
	if errors.Is(err, goredis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, wrap("load token", err)
	}
	var st storedToken
	if err := json.Unmarshal([]byte(raw), &st); err != nil {
		return nil, wrap("token of "+appKey, err)
	}
	tok := &jushuitan.Token{AccessToken: duijie.Secret(st.AccessToken), RefreshToken: duijie.Secret(st.RefreshToken), Scope: st.Scope}
	if st.ExpiresAt != "" {
		if tok.ExpiresAt, err = time.Parse(time.RFC3339Nano, st.ExpiresAt); err != nil {
			return nil, wrap("token of "+appKey, err)
		}
	}
	return tok, nil
}

// Save stores tok as the app key's token. While this Store holds the app
// key's token lock, the save is fenced: it is refused with ErrFenced when
// the token was saved meanwhile under a newer holding of the lock (this
// holder stalled past its lease, another took the lock and renewed the
// token), so a stale token never replaces a newer one. A save outside the
// lock is not fenced.
func (t Tokens) Save(ctx context.Context, appKey string, tok *jushuitan.Token) error {
	if tok == nil {
		return errors.New("store/redis: cannot save a nil token")
	}
	st := storedToken{AccessToken: tok.AccessToken.Reveal(), RefreshToken: tok.RefreshToken.Reveal(), Scope: tok.Scope}
	if !tok.ExpiresAt.IsZero() {
		st.ExpiresAt = tok.ExpiresAt.Format(time.RFC3339Nano)
	}
	raw, err := json.Marshal(st)
	if err != nil {
		return wrap("token of "+appKey, err)
	}
	ok, err := saveScript.Run(ctx, t.s.rdb, []string{t.s.key("token:", appKey)}, string(raw), t.s.fenceOf(appKey)).Int64()
	if err != nil {
		return wrap("save token", err)
	}
	if ok == 0 {
		return ErrFenced
	}
	return nil
}

// LockToken holds the app key's token lock until the returned function is
// called, or returns ctx's error when ctx ends first.
//
// In this Store the goroutines wait their turn on a channel. Across
// processes the lock is a lease (WithTokenLease) with a fence: a process
// takes it when no other holds it or when the holder's lease ran out, as it
// does for a process that died or stalled; a process that finds it held
// tries again, waiting a little longer each time, up to a quarter second.
// Saves made while the lock is held carry its fence (see Save). Unlocking
// more than once is harmless.
func (t Tokens) LockToken(ctx context.Context, appKey string) (func(), error) {
	s := t.s
	key := s.key("tokenlock:", appKey)
	return s.locks.Lock(ctx, appKey, fencedlock.Lease{
		Acquire: func(ctx context.Context, owner string) (mapping.Lease, bool, error) {
			return s.acquire(ctx, key, appKey, owner, s.lease)
		},
		Release: func(ctx context.Context, l mapping.Lease) error { return s.release(ctx, key, l) },
	})
}

// fenceOf returns the fence of the token lock this Store holds for the app
// key, 0 when it holds none.
func (s *Store) fenceOf(appKey string) string {
	return strconv.FormatInt(s.locks.Fence(appKey), 10)
}
