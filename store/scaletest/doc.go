// Package scaletest holds the store module's multi-process measurements,
// the "done when" of running the SDK as many instances. It has no code of
// its own, only tests; each re-executes the test binary as worker
// processes (real OS processes, sharing nothing but a Redis server) while
// the vendor fakes run in the test process on loopback and count what
// reaches them:
//
//   - TestSharedQuota: three workers share one app key's quota through a
//     Redis rate limiter (store/redis.NewRateLimiter) against the
//     Jushuitan fake enforcing 5 calls a second and 100 a minute, and the
//     Wangdiantong fake enforcing 60 a minute. Over a measured minute they
//     reach at least 95% of what the fake admits, and are never throttled.
//   - TestLeaseTakeover: three workers sync Wangdiantong refund stock-ins
//     into Kingdee sales returns through mapping.Sync with leases and
//     checkpoints in Redis (and again in PostgreSQL); the lease holder is
//     killed (SIGKILL) in the middle of a window, another worker takes the
//     scheme over, and every bill is in Kingdee exactly once.
//   - TestOneRefresh: two processes sharing a Jushuitan token in Redis
//     (store/redis.Tokens and its lock) find it due for renewal at once;
//     one refresh reaches the vendor and both call with the new token.
//
// The tests need DUIJIE_TEST_REDIS (host:port) and, for the PostgreSQL
// run of the lease test, DUIJIE_TEST_POSTGRES (a connection string);
// without them they are skipped with a message naming the server, except
// under CI=true, where they fail. They take
// a little over a minute: the quota is a per-minute one.
package scaletest
