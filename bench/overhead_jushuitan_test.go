package bench_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// BenchmarkOverheadJushuitan compares a 50-order upload through the SDK
// with the same bytes sent bare.
func BenchmarkOverheadJushuitan(b *testing.B) {
	b.Run("jushuitan_upload_50", func(b *testing.B) {
		srv := jushuitantest.NewServer(jushuitantest.WithRateLimit(0, 0))
		defer srv.Close()
		rec := &recorder{}
		now := time.Now()
		c, err := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithHTTPClient(&http.Client{Transport: rec}),
			duijie.WithRateLimit(), duijie.WithClock(func() time.Time { return now }))
		if err != nil {
			b.Fatal(err)
		}
		price, _ := duijie.ParseAmount("199.00")
		at := duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST()))
		orders := make([]jushuitan.UploadOrder, jushuitan.MaxUploadOrders)
		for i := range orders {
			so := fmt.Sprintf("B%05d", i)
			orders[i] = jushuitan.UploadOrder{ShopID: jushuitantest.ShopID, SoID: so, OrderDate: at, ShopStatus: jushuitan.StatusWaitSellerSendGoods,
				ShopBuyerID: "buyer", ReceiverState: "广东省", ReceiverCity: "深圳市", ReceiverDistrict: "南山区", ReceiverAddress: "科技园1号",
				ReceiverName: "收货人", PayAmount: price,
				Items: []jushuitan.UploadOrderItem{{SKUID: "SKU", Name: "手机", Qty: 1, Price: price, Amount: price, OuterOiID: so + "-1"}}}
		}
		req := &jushuitan.UploadOrdersRequest{Orders: orders}
		call := func() {
			if _, err := c.UploadOrders(context.Background(), req); err != nil {
				b.Fatal(err)
			}
		}
		call()
		b.Run("sdk", func(b *testing.B) { loop(b, call) })
		b.Run("bare", func(b *testing.B) { bare(b, rec) })
		secret := srv.Config().AppSecret.Reveal()
		b.Run("bare_built", func(b *testing.B) {
			bareForm(b, rec, func(params map[string]string) error {
				biz, err := json.Marshal(orders)
				params["biz"] = string(biz)
				params["sign"] = jushuitan.SignOpenAPI(secret, params)
				return err
			})
		})
	})
}
