package jushuitan_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// businessRefusals are the row messages of refusals the validator cannot
// see: they depend on the ERP's state, not on the order's form.
var businessRefusals = []string{"店铺编号不存在"}

// FuzzUploadLimits builds an upload order from random parts: whatever the
// client's validator accepts, the fake (which enforces the documented
// limits of orders/upload on the wire, counting lengths in UTF-16 units as
// the vendor's nvarchar columns do) must store; whatever it refuses must
// send nothing.
func FuzzUploadLimits(f *testing.F) {
	// Valid.
	f.Add("SO1", "buyer", "广东省", "深圳市南山区科技园1号", "张三", "A1", "备注", "1.50", "2.5", int64(2024), 2, 1, 0)
	// Surrounding spaces, control characters, invalid UTF-8.
	f.Add(" SO1", "b\x01", "\t", "addr\n", "\xff", "A1 ", "a\x7f", "1", "1", int64(2024), 1, 0, 1)
	// Too long by code points, and by UTF-16 units only (emoji).
	f.Add(strings.Repeat("9", 51), strings.Repeat("😀", 26), strings.Repeat("省", 51), strings.Repeat("址", 201), strings.Repeat("😀", 25), strings.Repeat("😀", 21), strings.Repeat("x", 1001), "0", "0", int64(2024), 0, 0, 2)
	f.Add("SO6", strings.Repeat("😀", 26), "", "a", "n", "A1", "", "1", "1", int64(2024), 1, 1, 0)
	f.Add("SO7", "b", "", "a", "n", strings.Repeat("😀", 21), "", "1", "1", int64(2024), 1, 1, 0)
	// Amounts with too many places, huge amounts, years 0 and 9999 and beyond.
	f.Add("SO2", "b", "", "a", "n", "A1", "", "1.001", "1.00001", int64(0), 3, 6, 3)
	f.Add("SO3", "b", "", "a", "n", "A1", "", "123456789012345678901234567890.10", "1."+strings.Repeat("0", 30)+"1", int64(9999), 4, -1, 4)
	f.Add("SO4", "b", "", "a", "n", "A1", "", "-1", "-0.5", int64(10000), 5, 5, 5)
	f.Add("SO5", "b", "", "a", "n", "A1", "", "1e3", "0.1e-1", int64(1), 0, 0, 0)

	srv := jushuitantest.NewServer(jushuitantest.WithRateLimit(0, 0))
	f.Cleanup(srv.Close)
	c, err := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithRateLimit(),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		f.Fatal(err)
	}
	statuses := []jushuitan.ShopStatus{jushuitan.StatusWaitBuyerPay, jushuitan.StatusWaitSellerSendGoods,
		jushuitan.StatusTradeFinished, "", "PAID", jushuitan.StatusTradeClosed}
	refunds := []string{"", "waiting", "success", "closed", "refunded", " waiting"}
	f.Fuzz(func(t *testing.T, soID, buyer, state, address, name, sku, remark, amount, price string, year int64, status, flag, refund int) {
		pay, err := duijie.ParseAmount(amount)
		if err != nil {
			return
		}
		unit, err := duijie.ParseAmount(price)
		if err != nil {
			return
		}
		at := duijie.NewTime(time.Date(int(year%20000), 5, 1, 10, 0, 0, 0, duijie.CST()))
		o := jushuitan.UploadOrder{
			ShopID: jushuitantest.ShopID, SoID: soID, OrderDate: at, ShopStatus: statuses[abs(status)%len(statuses)],
			ShopBuyerID: buyer, ReceiverState: state, ReceiverCity: state, ReceiverDistrict: state, ReceiverTown: state,
			ReceiverAddress: address, ReceiverName: name, ReceiverPhone: name, ReceiverMobile: name, ReceiverCountry: name,
			PayAmount: pay, Freight: unit, BuyerMessage: remark, Remark: remark, ShopModified: at, SellerFlag: flag,
			Labels: remark, OuterSoID: soID, CreatorName: name, SendDate: at, PlanDeliveryDate: at,
			Items: []jushuitan.UploadOrderItem{{SKUID: sku, ShopSKUID: sku, ShopIID: sku, IID: sku, Pic: remark,
				PropertiesValue: remark, Amount: pay, Price: unit, BasePrice: unit, Qty: 1 + abs(flag)%3, Name: name,
				RefundStatus: refunds[abs(refund)%len(refunds)], OuterOiID: soID, Remark: remark}},
			Pay: &jushuitan.UploadOrderPay{OuterPayID: soID, PayDate: at, Payment: name, SellerAccount: buyer,
				BuyerAccount: address, Amount: pay},
		}
		srv.ResetJournal()
		res, err := c.UploadOrders(context.Background(), &jushuitan.UploadOrdersRequest{Orders: []jushuitan.UploadOrder{o}})
		var v *duijie.ValidationError
		if errors.As(err, &v) {
			if n := len(srv.Journal()); n != 0 {
				t.Fatalf("refused (%v) yet sent %d requests", err, n)
			}
			return
		}
		if err != nil && res == nil {
			t.Fatalf("the validator accepted an order the vendor refuses: %v", err)
		}
		for _, r := range res.Results {
			if !r.OK && !isBusiness(r.Message) {
				t.Fatalf("the validator accepted an order the vendor refuses: %s", r.Message)
			}
		}
	})
}

func isBusiness(msg string) bool {
	for _, b := range businessRefusals {
		if strings.Contains(msg, b) {
			return true
		}
	}
	return false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
