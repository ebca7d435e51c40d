// Package redis keeps the SDK's state that many instances share in Redis,
// through github.com/redis/go-redis/v9: Jushuitan tokens and their lock,
// sync checkpoints, leases on sync schemes, and rate limiters that spread
// one app key's quota over every process (NewRateLimiter, given to a client
// with duijie.WithRateLimiter).
//
//	rdb := goredis.NewClient(&goredis.Options{Addr: "127.0.0.1:6379"})
//	st, err := redis.New(rdb, redis.WithPrefix("erp1:"))
//	...
//	jst, err := jushuitan.NewClient(jushuitan.Config{AppKey: k, AppSecret: sec, TokenStore: st.Tokens()})
//	sync := &mapping.Sync[honor.VFOrder]{Store: st.Checkpoints(), Leases: st.Leases(),
//		Owner: workerID, LeaseTTL: 30 * time.Second, ...}
//
// Every key starts with the store's prefix. A lease (and the token lock,
// which is one) is a hash that names its holder, its fence and its expiry;
// each change of it is one Lua script, so it is atomic on the server.
// Expiry is measured with the Redis server's clock (TIME) unless WithClock
// gives one, so the processes of many machines agree on it. The keys hold
// access and refresh tokens: protect the server as you would the tokens.
package redis

import (
	"errors"
	"fmt"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/duijie/duijie/store/internal/fencedlock"
)

// Defaults of the options.
const (
	// DefaultPrefix starts every key of a Store.
	DefaultPrefix = "duijie:"
	// DefaultTokenLease is how long a token lock is held at most: a lock
	// left by a process that died (or stalled) is taken over after it.
	DefaultTokenLease = 5 * time.Minute
)

// Option changes a Store's settings.
type Option func(*Store)

// WithPrefix sets the prefix of every key; DefaultPrefix by default. Stores
// with different prefixes on one server are apart.
func WithPrefix(p string) Option { return func(s *Store) { s.prefix = p } }

// WithTokenLease sets how long a token lock holds at most before another
// process may take it over; DefaultTokenLease by default. A holder that
// stalls past it cannot overwrite a token saved under a newer holding (see
// Tokens.Save).
func WithTokenLease(d time.Duration) Option { return func(s *Store) { s.lease = d } }

// WithClock sets the clock leases and the token lock are measured with. By
// default it is the Redis server's clock, which all processes share; a
// clock given here must be shared by every process using the prefix.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// Store is the SDK's shared state on one Redis client. Its methods return
// views, each implementing one of the SDK's state interfaces. It is safe
// for concurrent use; it does not close the client.
type Store struct {
	rdb    goredis.UniversalClient
	prefix string
	lease  time.Duration
	now    func() time.Time // nil: the server's clock

	locks fencedlock.Locks // token locks of this Store, by app key
}

// New returns a Store on the client.
func New(rdb goredis.UniversalClient, opts ...Option) (*Store, error) {
	if rdb == nil {
		return nil, errors.New("store/redis: the Redis client is required")
	}
	s := &Store{rdb: rdb, prefix: DefaultPrefix, lease: DefaultTokenLease}
	for _, o := range opts {
		o(s)
	}
	if s.lease < time.Millisecond {
		return nil, errors.New("store/redis: the token lease must be at least a millisecond")
	}
	return s, nil
}

// key returns the full key of a part.
func (s *Store) key(parts ...string) string {
	k := s.prefix
	for _, p := range parts {
		k += p
	}
	return k
}

// nowArg is the script argument for "now": the store's clock in
// milliseconds, or "" for the server's clock.
func (s *Store) nowArg() string {
	if s.now == nil {
		return ""
	}
	return fmt.Sprint(s.now().UnixMilli())
}

// wrap names the store in an error.
func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("store/redis: %s: %w", what, err)
}
