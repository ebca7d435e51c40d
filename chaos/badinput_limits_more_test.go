package chaos_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/honor/honortest"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// The limit cases for Jushuitan and Honor (see badinput_limits_test.go).
// Jushuitan documents lengths (so_id <= 50 …) but no character set for
// ids; Honor documents codes of at most 64 bytes.

func TestBadInputLimitsJushuitan(t *testing.T) {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	c, err := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	require.NoError(t, err)
	price, _ := duijie.ParseAmount("99.50")
	thirty, _ := duijie.ParseAmount(manyPlace)
	at := duijie.NewTime(time.Date(2026, 11, 21, 10, 0, 0, 0, duijie.CST()))
	upload := func(mutate func(*jushuitan.UploadOrder)) func(context.Context) error {
		o := jushuitan.UploadOrder{ShopID: jushuitantest.ShopID, SoID: "SO1", OrderDate: at, ShopStatus: jushuitan.StatusWaitSellerSendGoods,
			ShopBuyerID: "buyer", ReceiverAddress: "科技园1号", PayAmount: price,
			Items: []jushuitan.UploadOrderItem{{SKUID: "SKU1", Name: "手机", Qty: 1, Price: price, Amount: price}}}
		mutate(&o)
		return func(ctx context.Context) error {
			_, err := c.UploadOrders(ctx, &jushuitan.UploadOrdersRequest{Orders: []jushuitan.UploadOrder{o}})
			return err
		}
	}
	checkRefused(t, func() int { return len(srv.Journal()) }, []badInput{
		{"10 MB remark (at most 1000)", "orders[0].remark", upload(func(o *jushuitan.UploadOrder) { o.Remark = tenMB })},
		{"10 MB so_id (at most 50)", "orders[0].so_id", upload(func(o *jushuitan.UploadOrder) { o.SoID = tenMB })},
		{"control character in the remark", "orders[0].remark", upload(func(o *jushuitan.UploadOrder) { o.Remark = "a\x00" })},
		{"control character in a line name", "orders[0].items[0].name", upload(func(o *jushuitan.UploadOrder) { o.Items[0].Name = "a\x1f" })},
		{"so_id with a leading space", "orders[0].so_id", upload(func(o *jushuitan.UploadOrder) { o.SoID = " SO1" })},
		{"sku_id with a trailing newline", "orders[0].items[0].sku_id", upload(func(o *jushuitan.UploadOrder) { o.Items[0].SKUID = "SKU1\n" })},
		{"30 decimal places", "orders[0].pay_amount", upload(func(o *jushuitan.UploadOrder) { o.PayAmount = thirty })},
		{"year 0", "orders[0].order_date", upload(func(o *jushuitan.UploadOrder) { o.OrderDate = duijie.NewTime(yearZero) })},
		{"shop_status outside the enum", "orders[0].shop_status", upload(func(o *jushuitan.UploadOrder) { o.ShopStatus = "PAID" })},
	})
}

func TestBadInputLimitsHonor(t *testing.T) {
	srv := honortest.NewServer()
	defer srv.Close()
	c, err := honor.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	require.NoError(t, err)
	at := duijie.NewTime(time.Date(2026, 11, 21, 9, 0, 0, 0, duijie.CST()))
	feedback := func(mutate func(*honor.VFShipmentFeedback)) func(context.Context) error {
		f := honor.VFShipmentFeedback{Origin: honor.OriginHimall, OrderNo: "VF1", OutboundNo: "PF1", OutboundTime: at,
			Lines: []honor.VFShipmentLine{{GoodsCode: "G1", Quantity: duijie.AmountFromInt(1), Serials: []string{"860000000000001"}}}}
		mutate(&f)
		return func(ctx context.Context) error { _, err := c.SendVFShipmentFeedback(ctx, &f); return err }
	}
	checkRefused(t, func() int { return len(srv.Journal()) }, []badInput{
		{"10 MB order number (64 bytes)", "OrderNo", feedback(func(f *honor.VFShipmentFeedback) { f.OrderNo = tenMB })},
		{"order number with a trailing newline", "OrderNo", feedback(func(f *honor.VFShipmentFeedback) { f.OrderNo = "VF1\n" })},
		{"serial with a leading space", "Lines[0].Serials[0]", feedback(func(f *honor.VFShipmentFeedback) { f.Lines[0].Serials[0] = " 86" })},
		{"year 0", "OutboundTime", feedback(func(f *honor.VFShipmentFeedback) { f.OutboundTime = duijie.NewTime(yearZero) })},
	})
}
