package duijie_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/duijie/duijie"
)

func ExampleParseAmount() {
	price, err := duijie.ParseAmount("19.9")
	if err != nil {
		panic(err)
	}
	total := price.Mul(duijie.AmountFromInt(3))
	fmt.Println(total, total.Fixed(2), total.Fixed(4))
	// Output: 59.7 59.70 59.7000
}

func ExampleAmount_UnmarshalJSON() {
	var row struct {
		Paid  duijie.Amount `json:"paid"`
		Fee   duijie.Amount `json:"fee"`
		Extra duijie.Amount `json:"extra"`
	}
	// Vendors send numbers, quoted numbers and "" for the same kind of field.
	if err := json.Unmarshal([]byte(`{"paid":12.5,"fee":"0.30","extra":""}`), &row); err != nil {
		panic(err)
	}
	fmt.Println(row.Paid, row.Fee, row.Extra)
	// Output: 12.5 0.3 0
}

func ExampleParseTime() {
	for _, s := range []string{"2024-03-05 08:09:10", "2020/3/23 15:54:17", "0000-00-00 00:00:00"} {
		t, err := duijie.ParseTime(s)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%q zero=%v\n", t.String(), t.IsZero())
	}
	// Output:
	// "2024-03-05 08:09:10" zero=false
	// "2020-03-23 15:54:17" zero=false
	// "" zero=true
}

func ExampleDateOf() {
	// 20:00 UTC is already the next day in China Standard Time.
	d := duijie.DateOf(time.Date(2024, 3, 5, 20, 0, 0, 0, time.UTC))
	fmt.Println(d, d.AddDays(-1))
	// Output: 2024-03-06 2024-03-05
}

func ExampleSecret() {
	cfg := struct{ AppKey, AppSecret any }{"key-1", duijie.Secret("s3cr3t")}
	fmt.Printf("%+v\n", cfg)
	// Output: {AppKey:key-1 AppSecret:[REDACTED]}
}

func ExampleMayHaveArrived() {
	// A write cut off in flight may have been applied; look it up before
	// sending it again.
	cut := &duijie.TransportError{Vendor: "kingdee", Operation: "Save", Attempts: 1, MayHaveReachedServer: true, Err: errors.New("connection reset")}
	refused := duijie.Invalid("kingdee", "FBillNo", duijie.RuleRequired, "")
	busy := &duijie.APIError{Vendor: "wangdiantong", Code: "1012", Class: duijie.ErrRateLimited, NotProcessed: true}
	fmt.Println(duijie.MayHaveArrived(cut), duijie.MayHaveArrived(refused), duijie.MayHaveArrived(busy))
	fmt.Println(errors.Is(refused, duijie.ErrInvalidRequest), errors.Is(busy, duijie.ErrRateLimited))
	// Output:
	// true false false
	// true true
}

func ExampleWithRateLimit() {
	var o duijie.Options
	duijie.WithRateLimit(duijie.PerSecond(5), duijie.PerMinute(100))(&o)
	fmt.Println(len(o.Limits), o.Limits[0].Events, o.Limits[1].Per)
	duijie.WithRateLimit(duijie.NoLimit())(&o)
	fmt.Println(len(o.Limits))
	// Output:
	// 2 5 1m0s
	// 0
}

func ExampleWithRetry() {
	o := duijie.Options{Retry: duijie.DefaultRetryPolicy()}
	duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 5})(&o)
	fmt.Println(o.Retry.MaxAttempts, o.Retry.WaitMin, o.Retry.WaitMax)
	// Output: 5 500ms 5s
}
