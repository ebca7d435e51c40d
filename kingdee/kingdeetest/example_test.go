package kingdeetest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
)

// quickRetry keeps the examples' retry waits short.
var quickRetry = duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond})

type bill struct {
	Number string `json:"FBillNo"`
}

// A read that meets an IIS error page is replayed; the journal shows both
// calls.
func Example() {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	srv.AddBill(kingdee.FormSalReturnStock, "XSTH-0001", nil)
	srv.FailNext(1, kingdeetest.ServerError())

	c, err := srv.NewClient(quickRetry)
	if err != nil {
		fmt.Println(err)
		return
	}
	q := &kingdee.BillQuery{FormID: kingdee.FormSalReturnStock, FieldKeys: []string{"FBillNo"}}
	for b, err := range kingdee.QueryRows[bill](context.Background(), c, q) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(b.Number)
	}
	fmt.Println("calls:", srv.Calls(""), "faults:", srv.FaultsInjected(duijietest.FaultStatus))
	// Output:
	// XSTH-0001
	// calls: 2 faults: 1
}

// An expired session is the fake's own fault: a session client logs in
// again and replays the read.
func ExampleServer_ExpireSessions() {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	srv.AddBill(kingdee.FormSalReturnStock, "XSTH-0001", nil)
	c, err := srv.NewClientFor(kingdee.AuthLoginBySign, quickRetry)
	if err != nil {
		fmt.Println(err)
		return
	}
	q := &kingdee.BillQuery{FormID: kingdee.FormSalReturnStock, FieldKeys: []string{"FBillNo"}}
	read := func() {
		for b, err := range kingdee.QueryRows[bill](context.Background(), c, q) {
			if err != nil {
				fmt.Println(err)
				return
			}
			fmt.Println(b.Number)
		}
	}
	read()
	srv.ExpireSessions()
	read()
	fmt.Println("logins:", srv.Logins())
	// Output:
	// XSTH-0001
	// XSTH-0001
	// logins: 2
}

// Config holds the fake's URL as ServerURL, so kingdee.NewClient needs no
// option; NewClient refuses an option that names another host.
func ExampleServer_Config() {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	cfg := srv.Config()
	fmt.Println(cfg.ServerURL == srv.URL())
	_, err := srv.NewClient(duijie.WithBaseURL("https://erp.example.com/k3cloud"))
	fmt.Println("another host refused:", err != nil)
	// Output:
	// true
	// another host refused: true
}
