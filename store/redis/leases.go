package redis

import (
	"context"
	"errors"
	"fmt"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/duijie/duijie/mapping"
)

// A lease is a hash: owner, fence, expires (milliseconds since the epoch;
// 0 once released). The hash stays when the lease ends, so its fence keeps
// growing across holdings.

// clockLua sets now: ARGV[1] when given, else the server's clock.
const clockLua = `
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`

// acquireScript: KEYS[1] the lease; ARGV now, owner, ttl (ms). Returns
// {1 or 0, owner, fence, expires}: the new lease, or the live one.
var acquireScript = goredis.NewScript(clockLua + `
local cur = redis.call('HMGET', KEYS[1], 'owner', 'fence', 'expires')
local fence = tonumber(cur[2]) or 0
if cur[1] and cur[1] ~= '' and tonumber(cur[3]) > now then
  return {0, cur[1], fence, tonumber(cur[3])}
end
fence = fence + 1
local exp = now + tonumber(ARGV[3])
redis.call('HSET', KEYS[1], 'owner', ARGV[2], 'fence', fence, 'expires', exp)
return {1, ARGV[2], fence, exp}
`)

// renewScript: KEYS[1] the lease; ARGV now, owner, fence, ttl. Returns the
// new expiry, or -1 when the holding is lost.
var renewScript = goredis.NewScript(clockLua + `
local cur = redis.call('HMGET', KEYS[1], 'owner', 'fence', 'expires')
if cur[1] ~= ARGV[2] or cur[2] ~= ARGV[3] or tonumber(cur[3]) <= now then
  return -1
end
local exp = now + tonumber(ARGV[4])
redis.call('HSET', KEYS[1], 'expires', exp)
return exp
`)

// releaseScript: KEYS[1] the lease; ARGV owner, fence.
var releaseScript = goredis.NewScript(`
local cur = redis.call('HMGET', KEYS[1], 'owner', 'fence')
if cur[1] == ARGV[1] and cur[2] == ARGV[2] then
  redis.call('HSET', KEYS[1], 'owner', '', 'expires', 0)
  return 1
end
return 0
`)

// Leases is the mapping.LeaseStore of a Store: leases on sync schemes
// shared by every process using the store's prefix.
type Leases struct{ s *Store }

var _ mapping.LeaseStore = Leases{}

// Leases returns the store's leases.
func (s *Store) Leases() Leases { return Leases{s} }

// AcquireLease takes the name for owner when nobody holds it or its lease
// ran out, in one script on the server.
func (l Leases) AcquireLease(ctx context.Context, name, owner string, ttl time.Duration) (mapping.Lease, bool, error) {
	if err := mapping.CheckLease(name, owner, ttl); err != nil {
		return mapping.Lease{}, false, err
	}
	return l.s.acquire(ctx, l.s.key("lease:", name), name, owner, ttl)
}

// RenewLease extends a lease still held.
func (l Leases) RenewLease(ctx context.Context, lease mapping.Lease, ttl time.Duration) (mapping.Lease, error) {
	if err := mapping.CheckLease(lease.Name, lease.Owner, ttl); err != nil {
		return mapping.Lease{}, err
	}
	return l.s.renew(ctx, l.s.key("lease:", lease.Name), lease, ttl)
}

// ReleaseLease frees the name when lease still holds it.
func (l Leases) ReleaseLease(ctx context.Context, lease mapping.Lease) error {
	return l.s.release(ctx, l.s.key("lease:", lease.Name), lease)
}

func (s *Store) acquire(ctx context.Context, key, name, owner string, ttl time.Duration) (mapping.Lease, bool, error) {
	r, err := acquireScript.Run(ctx, s.rdb, []string{key}, s.nowArg(), owner, ms(ttl)).Slice()
	if err != nil {
		return mapping.Lease{}, false, wrap("acquire lease", err)
	}
	if len(r) != 4 {
		return mapping.Lease{}, false, fmt.Errorf("store/redis: acquire lease: unexpected answer %v", r)
	}
	took, _ := r[0].(int64)
	holder, _ := r[1].(string)
	fence, _ := r[2].(int64)
	exp, _ := r[3].(int64)
	return mapping.Lease{Name: name, Owner: holder, Fence: fence, Expires: time.UnixMilli(exp)}, took == 1, nil
}

func (s *Store) renew(ctx context.Context, key string, l mapping.Lease, ttl time.Duration) (mapping.Lease, error) {
	exp, err := renewScript.Run(ctx, s.rdb, []string{key}, s.nowArg(), l.Owner, l.Fence, ms(ttl)).Int64()
	if err != nil {
		return mapping.Lease{}, wrap("renew lease", err)
	}
	if exp < 0 {
		return mapping.Lease{}, mapping.ErrLeaseLost
	}
	l.Expires = time.UnixMilli(exp)
	return l, nil
}

func (s *Store) release(ctx context.Context, key string, l mapping.Lease) error {
	err := releaseScript.Run(ctx, s.rdb, []string{key}, l.Owner, l.Fence).Err()
	if errors.Is(err, goredis.Nil) {
		err = nil
	}
	return wrap("release lease", err)
}

// ms is d in whole milliseconds, at least 1.
func ms(d time.Duration) int64 { return max(d.Milliseconds(), 1) }
