package bench_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/honor/honortest"
)

// BenchmarkOverheadHonor compares a 100-order page of the VF order query
// through the SDK with the same bytes sent bare.
func BenchmarkOverheadHonor(b *testing.B) {
	b.Run("honor_order_query_100", func(b *testing.B) {
		srv := honortest.NewServer()
		defer srv.Close()
		from := time.Now().Add(-time.Hour).Truncate(time.Second)
		for i := 0; i < 100; i++ {
			srv.AddOrder(honor.VFOrder{OrderNo: fmt.Sprintf("VF%05d", i), CustomerCode: "C1", CustomerName: "深圳某某通讯",
				ModifiedTime: duijie.NewTime(from.Add(time.Duration(i) * time.Second)), PayAmount: duijie.AmountFromCents(199900),
				Lines: []honor.VFOrderLine{{LineNo: "1", GoodsCode: "G1", GoodsName: "荣耀 Magic6", Quantity: duijie.AmountFromInt(1),
					Price: duijie.AmountFromCents(199900), Amount: duijie.AmountFromCents(199900)}}})
		}
		rec := &recorder{}
		c, err := honor.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithHTTPClient(&http.Client{Transport: rec}), duijie.WithRateLimit())
		if err != nil {
			b.Fatal(err)
		}
		q := &honor.VFOrderQuery{ModifiedFrom: from, ModifiedTo: from.Add(time.Hour), PageSize: 100}
		call := func() {
			p, err := c.QueryVFOrders(context.Background(), q)
			if err != nil || len(p.Items) != 100 {
				b.Fatal(err)
			}
		}
		call()
		b.Run("sdk", func(b *testing.B) { loop(b, call) })
		b.Run("bare", func(b *testing.B) { bare(b, rec) })
		b.Run("bare_typed", func(b *testing.B) {
			bareTyped(b, rec, func() any {
				return &struct {
					Code string
					Data struct {
						Total int
						List  []honor.VFOrder
					}
				}{}
			})
		})
	})
}
