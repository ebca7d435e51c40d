package redis_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/store/redis"
	"github.com/duijie/duijie/wangdiantong"
)

// Several workers run one sync scheme through a lease: the run that takes
// it reads the scheme's next windows and renews the lease while it works;
// the others find it held and try at their next tick. Jushuitan clients of
// every process share the token and its lock through the same store.
func Example() {
	ctx := context.Background()
	rdb := goredis.NewClient(&goredis.Options{Addr: "127.0.0.1:6379"})
	defer rdb.Close()
	st, err := redis.New(rdb, redis.WithPrefix("erp1:"))
	if err != nil {
		fmt.Println(err)
		return
	}
	wdt, err := wangdiantong.NewClient(wangdiantong.Config{SID: "sid", AppKey: "app-key", AppSecret: "app-secret"})
	if err != nil {
		fmt.Println(err)
		return
	}
	sync := &mapping.Sync[wangdiantong.RefundStockin]{
		Scheme: "wdt-refund-stockin→kingdee",
		Store:  st.Checkpoints(),
		Policy: mapping.SyncPolicy{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, duijie.CST()), Lag: 5 * time.Minute,
			MaxWindow: 30 * 24 * time.Hour, Overlap: 10 * time.Minute},
		Key: func(r wangdiantong.RefundStockin) string { return string(r.OrderNo) },
		Fetch: func(ctx context.Context, w mapping.Window) iter.Seq2[wangdiantong.RefundStockin, error] {
			return wdt.RefundStockins(ctx, wangdiantong.RefundStockinQuery{}.InWindow(w.From, w.To))
		},
		Deliver: func(ctx context.Context, w mapping.Window, rs []wangdiantong.RefundStockin) error {
			fmt.Println(len(rs), "stock-ins to save by bill number (kingdee SaveSalReturns with SkipExisting)")
			return nil
		},
		Leases:   st.Leases(),
		Owner:    "worker-7",
		LeaseTTL: 30 * time.Second,
	}
	_, err = sync.Run(ctx, time.Now())
	if errors.Is(err, mapping.ErrLeaseHeld) {
		fmt.Println(err) // another worker runs the scheme now
	}

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
