package redis_test

import (
	"context"
	"fmt"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/store/redis"
)

// Two workers share a sync scheme through a lease: the one that takes it
// reads the scheme's next window and renews the lease while it works; the
// other finds it held and tries later. Jushuitan clients of every process
// share the token and its lock through the same store.
func Example() {
	ctx := context.Background()
	rdb := goredis.NewClient(&goredis.Options{Addr: "127.0.0.1:6379"})
	defer rdb.Close()
	st, err := redis.New(rdb, redis.WithPrefix("erp1:"))
	if err != nil {
		fmt.Println(err)
		return
	}
	lease, ok, err := st.Leases().AcquireLease(ctx, "wdt-refund-stockin→kingdee", "worker-7", time.Minute)
	if err != nil || !ok {
		fmt.Println("held by", lease.Owner, err)
		return
	}
	defer st.Leases().ReleaseLease(ctx, lease)
	// ... run the scheme's sync with st.Checkpoints(), renewing the lease
	// with st.Leases().RenewLease before it expires ...

	_, _ = jushuitan.NewClient(jushuitan.Config{AppKey: "app-key", AppSecret: "app-secret", TokenStore: st.Tokens()})
}

// Every process that calls Jushuitan with one app key shares the key's
// quota (5 calls a second and 100 a minute) through one limiter in Redis,
// which replaces each client's own limits.
func ExampleNewRateLimiter() {
	rdb := goredis.NewClient(&goredis.Options{Addr: "127.0.0.1:6379"})
	defer rdb.Close()
	cfg := jushuitan.Config{AppKey: "app-key", AppSecret: "app-secret", AccessToken: "access-token"}
	lim, err := redis.NewRateLimiter(rdb, "duijie:rate:jushuitan:"+cfg.AppKey,
		duijie.PerSecond(jushuitan.DefaultCallsPerSecond), duijie.PerMinute(jushuitan.DefaultCallsPerMinute))
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := jushuitan.NewClient(cfg, duijie.WithRateLimiter(lim))
	if err != nil {
		fmt.Println(err)
		return
	}
	// Each attempt of each call waits for a slot in Redis first.
	_, _ = c.QueryShops(context.Background(), nil)
}
