package push_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/duijie/duijie/push"
)

// A sender signs each push with the shared secret; the Receiver hands each
// order to the host once and answers one result per order.
func Example() {
	deliver := push.OneByOne(func(ctx context.Context, d push.Delivery) error {
		if len(d.Order.Lines) == 0 {
			return push.Refused(errors.New("order_list is empty"))
		}
		return nil // saved, e.g. pushed to WDT trade_push
	})
	secret := push.Secret("shared-with-the-sender")
	rc, err := push.NewReceiver(deliver, push.WithSecret(secret))
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(rc)
	defer srv.Close()

	body := []byte(`[{"shop_no":"QY01","tid":"CB-1","paid":"9.9","order_list":[{"oid":"CB-1-1","num":1,"price":"9.9"}]},
	                {"shop_no":"QY01","tid":"CB-2","paid":"5","order_list":[]}]`)
	for range 2 { // the second send is a sender's retry
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/callback", bytes.NewReader(body))
		if err := push.SignRequest(req, secret, body, time.Now()); err != nil {
			fmt.Println(err)
			return
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		var results []push.Result
		json.NewDecoder(resp.Body).Decode(&results)
		resp.Body.Close()
		fmt.Println(resp.StatusCode)
		for _, r := range results {
			fmt.Println(strings.TrimSpace(fmt.Sprintf("  %s ok=%v repeat=%v %s", r.Tid, r.OK, r.Repeat, r.Reason)))
		}
	}

	// An unsigned push is refused and hands nothing on.
	resp, err := http.Post(srv.URL+"/callback", "application/json", bytes.NewReader(body))
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode)
	// Output:
	// 200
	// CB-1 ok=true repeat=false
	// CB-2 ok=false repeat=false order_list is empty
	// 200
	// CB-1 ok=true repeat=true
	// CB-2 ok=false repeat=true order_list is empty
	// 401
}

// Sign computes the signature header; this is the documented test vector.
func ExampleSign() {
	sig := push.Sign("push-test-secret", "POST", "/callback", 1795000000, "3f2a9c1e7b6d4058",
		[]byte(`{"shop_no":"QY01","tid":"CB-1001"}`))
	fmt.Println(push.HeaderSignature + ": " + sig)
	// Output: X-Duijie-Signature: v1=224496a7f15a99f11187c5c5022719713b1bd476ff6b1388a197eab98611982b
}

// A Receiver refuses to start without a secret; on a trusted network the
// host may opt out explicitly, and the Receiver warns once at start.
func ExampleNewReceiver() {
	deliver := func(ctx context.Context, orders []push.Delivery) []error { return make([]error, len(orders)) }
	_, err := push.NewReceiver(deliver)
	fmt.Println(err)
	_, err = push.NewReceiver(deliver, push.WithoutAuth())
	fmt.Println(err)
	// Output:
	// push: no secret: give WithSecret, or WithoutAuth on a trusted network
	// <nil>
}
