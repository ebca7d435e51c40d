package wangdiantongtest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// fastRetry keeps the examples' retry waits short.
var fastRetry = duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond})

// A read that meets the proxy's HTTP 503 is replayed; the journal shows
// both calls.
func Example() {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	srv.AddShop(wangdiantong.Shop{ShopID: "1", ShopNo: "tmall01", ShopName: "天猫旗舰店"})
	srv.FailNext(1, wangdiantongtest.BusyFault())

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
	fmt.Println(page.Items[0].ShopNo, page.Items[0].ShopName)
	fmt.Println("calls:", srv.Calls(""), "faults:", srv.FaultsInjected(duijietest.FaultStatus))
	// Output:
	// tmall01 天猫旗舰店
	// calls: 2 faults: 1
}

// The Qimen route has its own client, at QimenURL; the vendor's flow-limit
// answer before processing is replayed too.
func ExampleServer_NewQimenClient() {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	srv.AddShop(wangdiantong.Shop{ShopID: "1", ShopNo: "tmall01", ShopName: "天猫旗舰店"})
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultStatus, Status: 500})

	c, err := srv.NewQimenClient(wangdiantong.SignHMACSHA256, fastRetry)
	if err != nil {
		fmt.Println(err)
		return
	}
	page, err := c.QueryShops(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(page.Items[0].ShopNo, "calls:", srv.Calls("/router/qm"))
	// Output: tmall01 calls: 2
}

// NewClient points the client at the fake and nowhere else: an option that
// names another base URL, the production one included, is refused.
func ExampleServer_NewClient() {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	_, err := srv.NewClient(duijie.WithBaseURL(wangdiantong.ProductionURL))
	fmt.Println("production refused:", err != nil)
	_, err = srv.NewQimenClient(wangdiantong.SignMD5, duijie.WithBaseURL(wangdiantong.QimenURL))
	fmt.Println("the Qimen gateway refused:", err != nil)
	// Output:
	// production refused: true
	// the Qimen gateway refused: true
}
