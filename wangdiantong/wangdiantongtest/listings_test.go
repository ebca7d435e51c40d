package wangdiantongtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// Each listing serves what was seeded, by its filters and window, on
// every route.
func TestListingsServeWhatWasSeeded(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, duijie.CST())
	in, out := day.Add(2*time.Hour), day.Add(-48*time.Hour)
	srv.AddPurchaseStockin(wangdiantong.PurchaseStockin{StockinNo: "RK1", OuterNo: "O1", WarehouseNo: "W1"}, in)
	srv.AddPurchaseStockin(wangdiantong.PurchaseStockin{StockinNo: "RK0", OuterNo: "O0", WarehouseNo: "W1"}, out)
	srv.AddPurchaseOrder(wangdiantong.PurchaseOrder{PurchaseNo: "CG1", OuterNo: "K1"}, in)
	srv.AddPurchaseOrder(wangdiantong.PurchaseOrder{PurchaseNo: "CG0", OuterNo: "K0"}, out)
	srv.AddRefund(wangdiantong.Refund{RefundNo: "TK1", SrcNo: "R1", ShopNo: "s1"}, in)
	srv.AddRefund(wangdiantong.Refund{RefundNo: "TK0", SrcNo: "R0", ShopNo: "s1"}, out)
	srv.AddArchivedRefund(wangdiantong.Refund{RefundNo: "TK-OLD"}, in)
	srv.AddStockout(wangdiantong.Stockout{OrderNo: "CK1", Status: "110", OrderType: "7", ConsignTime: duijie.NewTime(in)}, in)
	srv.AddStockout(wangdiantong.Stockout{OrderNo: "CK2", Status: "55", OrderType: "7"}, in)
	srv.AddStockin(wangdiantong.Stockin{StockinNo: "QR1", Status: "80", OuterNo: "K9"}, in)
	srv.AddStockin(wangdiantong.Stockin{StockinNo: "QR2", Status: "30"}, in)
	srv.AddPurchaseReturn(wangdiantong.PurchaseReturn{ReturnNo: "CT1", APIOuterNo: "A1"}, in)
	srv.AddPurchaseReturn(wangdiantong.PurchaseReturn{ReturnNo: "CT0", APIOuterNo: "A0"}, out)
	srv.AddPurchaseReturnStockout(wangdiantong.PurchaseReturnStockout{OrderNo: "TC1", SrcOrderNo: "CT1"}, in)
	srv.AddPurchaseReturnStockout(wangdiantong.PurchaseReturnStockout{OrderNo: "TC0", SrcOrderNo: "CT0"}, out)
	ctx := context.Background()
	from, to := day, day.Add(24*time.Hour)
	for name, c := range clients(t, srv) {
		type check struct {
			what string
			want []string
			got  func() ([]string, error)
		}
		nos := func(f func(yield func(string, error) bool)) ([]string, error) {
			var out []string
			for no, err := range f {
				if err != nil {
					return nil, err
				}
				out = append(out, no)
			}
			return out, nil
		}
		checks := []check{
			{"purchase stock-ins in the window", []string{"RK1"}, func() ([]string, error) {
				return nos(func(y func(string, error) bool) {
					for r, err := range c.PurchaseStockins(ctx, &wangdiantong.PurchaseStockinQuery{StartTime: from, EndTime: to}) {
						if !y(string(r.StockinNo), err) {
							return
						}
					}
				})
			}},
			{"purchase stock-ins by outer number", []string{"RK0"}, func() ([]string, error) {
				p, err := c.QueryPurchaseStockins(ctx, &wangdiantong.PurchaseStockinQuery{StockinOuterNo: "O0"})
				return wdtBNos(p, err, func(r wangdiantong.PurchaseStockin) string { return string(r.StockinNo) })
			}},
			{"purchase orders by outer number", []string{"CG1"}, func() ([]string, error) {
				p, err := c.QueryPurchaseOrders(ctx, &wangdiantong.PurchaseOrderQuery{OuterNo: "K1"})
				return wdtBNos(p, err, func(r wangdiantong.PurchaseOrder) string { return string(r.PurchaseNo) })
			}},
			{"refunds in the window", []string{"TK1"}, func() ([]string, error) {
				p, err := c.QueryRefunds(ctx, &wangdiantong.RefundQuery{StartTime: from, EndTime: to, ShopNo: "s1"})
				return wdtBNos(p, err, func(r wangdiantong.Refund) string { return string(r.RefundNo) })
			}},
			{"refunds by platform refund number", []string{"TK0"}, func() ([]string, error) {
				p, err := c.QueryRefunds(ctx, &wangdiantong.RefundQuery{SrcRefundNo: "R0"})
				return wdtBNos(p, err, func(r wangdiantong.Refund) string { return string(r.RefundNo) })
			}},
			{"shipped stock-outs by consign time", []string{"CK1"}, func() ([]string, error) {
				p, err := c.QueryStockouts(ctx, &wangdiantong.StockoutQuery{StartTime: from, EndTime: to})
				return wdtBNos(p, err, func(r wangdiantong.Stockout) string { return string(r.OrderNo) })
			}},
			{"audited stock-outs by modification", []string{"CK2"}, func() ([]string, error) {
				p, err := c.QueryStockouts(ctx, &wangdiantong.StockoutQuery{StartTime: from, EndTime: to, Status: 55, OrderType: 7})
				return wdtBNos(p, err, func(r wangdiantong.Stockout) string { return string(r.OrderNo) })
			}},
			{"finished stock-ins by default", []string{"QR1"}, func() ([]string, error) {
				p, err := c.QueryStockins(ctx, &wangdiantong.StockinQuery{StartTime: from, EndTime: to})
				return wdtBNos(p, err, func(r wangdiantong.Stockin) string { return string(r.StockinNo) })
			}},
			{"stock-ins by outer number", []string{"QR1"}, func() ([]string, error) {
				p, err := c.QueryStockins(ctx, &wangdiantong.StockinQuery{OuterNo: "K9"})
				return wdtBNos(p, err, func(r wangdiantong.Stockin) string { return string(r.StockinNo) })
			}},
			{"purchase returns in the window", []string{"CT1"}, func() ([]string, error) {
				p, err := c.QueryPurchaseReturns(ctx, &wangdiantong.PurchaseReturnQuery{StartTime: from, EndTime: to})
				return wdtBNos(p, err, func(r wangdiantong.PurchaseReturn) string { return string(r.ReturnNo) })
			}},
			{"purchase-return stock-outs by return", []string{"TC0"}, func() ([]string, error) {
				p, err := c.QueryPurchaseReturnStockouts(ctx, &wangdiantong.PurchaseReturnStockoutQuery{SrcOrderNo: "CT0"})
				return wdtBNos(p, err, func(r wangdiantong.PurchaseReturnStockout) string { return string(r.OrderNo) })
			}},
		}
		for _, ch := range checks {
			got, err := ch.got()
			require.NoError(t, err, "%s: %s", name, ch.what)
			assert.Equal(t, ch.want, got, "%s: %s", name, ch.what)
		}
		his, err := c.QueryRefunds(ctx, &wangdiantong.RefundQuery{History: true, StartTime: from, EndTime: to})
		if name != "openapi2" {
			var ve *duijie.ValidationError
			assert.ErrorAs(t, err, &ve, "no Qimen name is published for his_refund_query")
			continue
		}
		got, err := wdtBNos(his, err, func(r wangdiantong.Refund) string { return string(r.RefundNo) })
		require.NoError(t, err)
		assert.Equal(t, []string{"TK-OLD"}, got)
	}
}

func TestListingsRefuseWhatTheVendorRefuses(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	c, err := srv.NewClient(fast, unlimited)
	require.NoError(t, err)
	ctx := context.Background()
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, duijie.CST())
	over := map[string]any{"start_time": day, "end_time": day.Add(30*24*time.Hour + time.Second), "page_no": 0, "page_size": 10}
	none := map[string]any{"page_no": 0, "page_size": 10}
	for _, tc := range []struct {
		method string
		params map[string]any
	}{
		{"refund_query.php", over}, {"refund_query.php", none},
		{"refund_query.php", map[string]any{"tid": "T1", "page_no": 0, "page_size": 41}},
		{"stockout_order_query.php", over}, {"stockout_order_query.php", none},
		{"stockin_order_query.php", over}, {"stockin_order_query.php", none},
		{"purchase_order_query.php", map[string]any{"page_no": 0, "page_size": 101}},
	} {
		err := c.Call(ctx, &wangdiantong.CallRequest{Method: tc.method, Params: tc.params, SafeToReplay: true}, nil)
		assert.ErrorIs(t, err, duijie.ErrInvalidRequest, "%s %v", tc.method, tc.params)
	}
	// At the caps, answered.
	require.NoError(t, c.Call(ctx, &wangdiantong.CallRequest{Method: "refund_query.php", Params: map[string]any{"tid": "T1", "page_no": 0, "page_size": 40}, SafeToReplay: true}, nil))
	require.NoError(t, c.Call(ctx, &wangdiantong.CallRequest{Method: "stockin_order_query.php",
		Params: map[string]any{"start_time": day, "end_time": day.Add(30 * 24 * time.Hour), "page_no": 0, "page_size": 100}, SafeToReplay: true}, nil))
}

// wdtBNos are the numbers of a page's rows.
func wdtBNos[T any](p *duijie.Page[T], err error, no func(T) string) ([]string, error) {
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range p.Items {
		out = append(out, no(r))
	}
	return out, nil
}
