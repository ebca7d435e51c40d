package honortest_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/honor/honortest"
)

// fastRetry keeps the examples' retry waits short.
var fastRetry = duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond})

// A read that meets an HTTP 503 is replayed; the journal shows both calls.
func Example() {
	srv := honortest.NewServer()
	defer srv.Close()
	srv.AddGoods(honor.VFGoodsModel{GoodsCode: "MAGIC6-256", GoodsName: "荣耀 Magic6"})
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultStatus, Status: http.StatusServiceUnavailable})

	c, err := srv.NewClient(fastRetry)
	if err != nil {
		fmt.Println(err)
		return
	}
	page, err := c.QueryVFGoods(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(page.Items[0].GoodsCode, page.Items[0].GoodsName)
	fmt.Println("calls:", srv.Calls(""), "faults:", srv.FaultsInjected(duijietest.FaultStatus))
	// Output:
	// MAGIC6-256 荣耀 Magic6
	// calls: 2 faults: 1
}

// NewClient points the client at the fake and nowhere else: an option that
// names another base URL is refused.
func ExampleServer_NewClient() {
	srv := honortest.NewServer()
	defer srv.Close()
	_, err := srv.NewClient(duijie.WithBaseURL("https://partner.example.com"))
	fmt.Println("another host refused:", err != nil)
	_, err = srv.NewClient(duijie.WithBaseURL(srv.URL()))
	fmt.Println("the fake's own URL accepted:", err == nil)
	// Output:
	// another host refused: true
	// the fake's own URL accepted: true
}
