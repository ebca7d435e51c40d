package postgres_test

import (
	"context"
	"fmt"
	"time"

	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/store/postgres"
)

// Open migrates the store's schema; its views go where the SDK asks for
// state: checkpoints to a sync, the token store to Jushuitan clients, and
// leases so that one worker at a time reads a scheme's next window.
func Example() {
	ctx := context.Background()
	st, err := postgres.Open(ctx, "postgres://erp@127.0.0.1/erp?sslmode=disable", postgres.WithSchema("duijie"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	// A sync run takes the scheme's lease, renews it while it works and
	// releases it at the end (see mapping.Sync.Run).
	sync := &mapping.Sync[string]{Scheme: "wdt-refund-stockin→kingdee", Store: st.Checkpoints(),
		Leases: st.Leases(), Owner: "worker-7", LeaseTTL: 30 * time.Second}
	_ = sync
	_, _ = jushuitan.NewClient(jushuitan.Config{AppKey: "app-key", AppSecret: "app-secret", TokenStore: st.Tokens()})
}
