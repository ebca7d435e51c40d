package jushuitantest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// fastRetry keeps the examples' retry waits short.
var fastRetry = duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond})

// A read that meets the proxy's HTTP 503 is replayed; the journal shows
// both calls.
func Example() {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	srv.FailNext(1, jushuitantest.BusyFault())

	c, err := srv.NewClient(fastRetry)
	if err != nil {
		fmt.Println(err)
		return
	}
	page, err := c.QueryShops(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(page.Items[0].ShopID, page.Items[0].ShopName)
	fmt.Println("calls:", srv.Calls(""), "faults:", srv.FaultsInjected(duijietest.FaultStatus))
	// Output:
	// 10001 自有商城
	// calls: 2 faults: 1
}

// The legacy generation has its own client, at LegacyURL.
func ExampleServer_NewLegacyClient() {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	c, err := srv.NewLegacyClient()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Generation() == jushuitan.Legacy)
	// Output: true
}

// NewClient points the client at the fake and nowhere else: an option that
// names another base URL, the production one included, is refused.
func ExampleServer_NewClient() {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	_, err := srv.NewClient(duijie.WithBaseURL(jushuitan.ProductionURL))
	fmt.Println("production refused:", err != nil)
	_, err = srv.NewLegacyClient(duijie.WithBaseURL(srv.URL()))
	fmt.Println("the openapi URL refused for legacy:", err != nil)
	// Output:
	// production refused: true
	// the openapi URL refused for legacy: true
}
