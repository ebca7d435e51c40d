package chaos_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/honor/honortest"
)

func TestHonorBadInputIsRefusedBeforeSending(t *testing.T) {
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
	psi := func(mutate func(*honor.PSIRecord)) func(context.Context) error {
		r := honor.PSIRecord{DocNo: "PF1", DocType: honor.PSIWholesaleOut, DocDate: at, GoodsCode: "G1", Serial: "860000000000001"}
		mutate(&r)
		return func(ctx context.Context) error {
			_, err := c.UploadPSIAll(ctx, &honor.UploadPSIAllRequest{Records: []honor.PSIRecord{r}})
			return err
		}
	}
	from := time.Date(2026, 11, 21, 0, 0, 0, 0, duijie.CST())
	day := duijie.DateOf(from)
	long := strings.Repeat("9", 65)
	checkRefused(t, func() int { return len(srv.Journal()) }, []badInput{
		{"feedback for an order not from Himall", "Origin", feedback(func(f *honor.VFShipmentFeedback) { f.Origin = "erp" })},
		{"no outbound number", "OutboundNo", feedback(func(f *honor.VFShipmentFeedback) { f.OutboundNo = "" })},
		{"over-long order number", "OrderNo", feedback(func(f *honor.VFShipmentFeedback) { f.OrderNo = long })},
		{"negative quantity", "Lines[0].Quantity", feedback(func(f *honor.VFShipmentFeedback) {
			f.Lines[0].Quantity, f.Lines[0].Serials = duijie.AmountFromInt(-1), nil
		})},
		{"serials not matching the quantity", "Lines[0].Serials", feedback(func(f *honor.VFShipmentFeedback) { f.Lines[0].Quantity = duijie.AmountFromInt(2) })},
		{"invalid UTF-8", "WarehouseName", feedback(func(f *honor.VFShipmentFeedback) { f.WarehouseName = "仓\xff" })},
		{"JSON metacharacters in a serial", "Lines[0].Serials[0]", feedback(func(f *honor.VFShipmentFeedback) { f.Lines[0].Serials[0] = `86","x":"` })},
		{"psi without serial", "Records[0].Serial", psi(func(r *honor.PSIRecord) { r.Serial = "" })},
		{"psi over-long serial", "Records[0].Serial", psi(func(r *honor.PSIRecord) { r.Serial = long })},
		{"psi unknown document type", "Records[0].DocType", psi(func(r *honor.PSIRecord) { r.DocType = "retail" })},
		{"psi exchange without direction", "Records[0].Direction", psi(func(r *honor.PSIRecord) { r.DocType = honor.PSIWholesaleExchange })},
		{"psi invalid UTF-8", "Records[0].CustomerName", psi(func(r *honor.PSIRecord) { r.CustomerName = "\xc3" })},
		{"order window over the maximum", "ModifiedTo", func(ctx context.Context) error {
			_, err := c.QueryVFOrders(ctx, &honor.VFOrderQuery{ModifiedFrom: from, ModifiedTo: from.Add(25 * time.Hour)})
			return err
		}},
		{"order page size over the maximum", "PageSize", func(ctx context.Context) error {
			_, err := c.QueryVFOrders(ctx, &honor.VFOrderQuery{ModifiedFrom: from, ModifiedTo: from.Add(time.Hour), PageSize: honor.MaxPageSize + 1})
			return err
		}},
		{"goods page size over the maximum", "PageSize", func(ctx context.Context) error {
			_, err := c.QueryVFGoods(ctx, &honor.VFGoodsQuery{PageSize: honor.MaxPageSize + 1})
			return err
		}},
		{"incentive dates over the maximum", "EndDate", func(ctx context.Context) error {
			_, err := c.QueryVFIncentives(ctx, &honor.DateRangeQuery{StartDate: day, EndDate: day.AddDays(honor.MaxDateSpan)})
			return err
		}},
		{"fund pool without dates", "StartDate", func(ctx context.Context) error {
			_, err := c.QueryVFFundPool(ctx, &honor.DateRangeQuery{})
			return err
		}},
		{"customer code over-long", "CustomerCode", func(ctx context.Context) error {
			_, err := c.QueryVFCustomers(ctx, &honor.VFCustomerQuery{CustomerCode: long})
			return err
		}},
	})
}
