package jushuitantest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
)

// breadthMany is n distinct keys, for over-the-cap lists.
func breadthMany(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprint(i + 1)
	}
	return out
}

// The fake refuses on the after-sale, purchase-in and purchase-return
// queries what the vendor's notes refuse.
func TestBillQueryRefusals(t *testing.T) {
	week := map[string]any{"modified_begin": "2024-05-01 00:00:00", "modified_end": "2024-05-08 00:00:01"}
	t.Run("refunds", func(t *testing.T) {
		breadthRefusals(t, "/open/refund/single/query", "refund.single.query", map[string]map[string]any{
			"window over seven days": week,
			"page size":              {"so_ids": []string{"A"}, "page_size": 51},
			"buyers":                 {"so_ids": []string{"A"}, "shop_buyer_ids": breadthMany(51)},
			"no filter":              {"status": "Confirmed"},
		})
	})
	t.Run("purchase ins", func(t *testing.T) {
		breadthRefusals(t, "/open/purchasein/query", "purchasein.query", map[string]map[string]any{
			"window over seven days": week,
			"page size":              {"so_ids": []string{"A"}, "page_size": 51},
			"po_ids":                 {"po_ids": breadthMany(31)},
			"io_ids":                 {"io_ids": breadthMany(31)},
			"cursor with a filter":   {"start_ts": 1, "so_ids": []string{"A"}},
			"no filter":              {"statuss": []string{"Confirmed"}},
		})
	})
	t.Run("purchase outs", func(t *testing.T) {
		breadthRefusals(t, "/open/purchaseout/query", "purchaseout.query", map[string]map[string]any{
			"window over seven days": week,
			"page size":              {"so_ids": []string{"A"}, "page_size": 51},
			"io_ids":                 {"io_ids": breadthMany(31)},
			"no filter":              {"status": "Confirmed"},
		})
	})
}

// RefundsByTS and PurchaseInsByTS serve every bill's latest version once
// while bills change mid-scan.
func TestBillCursorsWithChangesMidScan(t *testing.T) {
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			srv, c, _ := pair(t, g)
			var asIDs, ioIDs []int64
			for i := range 120 {
				asIDs = append(asIDs, srv.PutRefund(jushuitan.Refund{SoID: soID(i), Status: "WaitConfirm"}))
				ioIDs = append(ioIDs, srv.PutPurchaseIn(jushuitan.PurchaseIn{PoID: duijie.Int64(i + 1), Status: "Confirmed"}))
			}
			served := map[version]int{}
			n := 0
			for r, err := range c.RefundsByTS(context.Background(), &jushuitan.RefundQuery{PageSize: 15}) {
				require.NoError(t, err)
				served[version{"R" + r.AsID.String(), int64(r.TS)}]++
				if n++; n%10 == 0 && n < 100 {
					cur, _ := srv.Refund(asIDs[(n*7)%len(asIDs)])
					cur.Status, cur.Modified = "Confirmed", duijie.Time{}
					srv.PutRefund(cur)
				}
			}
			n = 0
			for p, err := range c.PurchaseInsByTS(context.Background(), &jushuitan.PurchaseInQuery{PageSize: 15}) {
				require.NoError(t, err)
				served[version{"P" + p.IoID.String(), int64(p.TS)}]++
				if n++; n%10 == 0 && n < 100 {
					cur, _ := srv.PurchaseIn(ioIDs[(n*11)%len(ioIDs)])
					cur.Remark, cur.Modified = fmt.Sprint(n), duijie.Time{}
					srv.PutPurchaseIn(cur)
				}
			}
			for v, times := range served {
				assert.Equal(t, 1, times, "%v served %d times", v, times)
			}
			for _, id := range asIDs {
				r, _ := srv.Refund(id)
				assert.Equal(t, 1, served[version{"R" + r.AsID.String(), int64(r.TS)}], "latest refund %d missed", id)
			}
			for _, id := range ioIDs {
				p, _ := srv.PurchaseIn(id)
				assert.Equal(t, 1, served[version{"P" + p.IoID.String(), int64(p.TS)}], "latest purchase-in %d missed", id)
			}
		})
	}
}

// The purchase queries filter as the notes say: purchase-in defaults to
// Confirmed bills, purchase-return bounds io_date with DateIO and is cut
// into 7-day windows by its iterator.
func TestPurchaseQueryFilters(t *testing.T) {
	srv, c, _ := pair(t, jushuitan.OpenAPI)
	srv.PutPurchaseIn(jushuitan.PurchaseIn{PoID: 1, Status: "Confirmed", SoID: "EXT1"})
	srv.PutPurchaseIn(jushuitan.PurchaseIn{PoID: 1, Status: "WaitConfirm", SoID: "EXT2"})
	p, err := c.QueryPurchaseIns(context.Background(), &jushuitan.PurchaseInQuery{PoIDs: []int64{1}})
	require.NoError(t, err)
	require.Len(t, p.Items, 1)
	assert.Equal(t, "EXT1", p.Items[0].SoID)
	p, err = c.QueryPurchaseIns(context.Background(), &jushuitan.PurchaseInQuery{PoIDs: []int64{1}, Statuses: []string{"WaitConfirm", "Confirmed"}})
	require.NoError(t, err)
	assert.Len(t, p.Items, 2)
	assert.Equal(t, 2, p.Total)

	day := time.Date(2024, 5, 1, 0, 0, 0, 0, duijie.CST())
	want := map[string]bool{}
	for i := range 16 {
		so := soID(i)
		srv.PutPurchaseOut(jushuitan.PurchaseOut{SoID: so, Status: "Confirmed", IoDate: duijie.NewTime(day.Add(time.Duration(i) * 24 * time.Hour)),
			Items: []jushuitan.PurchaseOutItem{{SKUID: "SKU1", Qty: duijie.AmountFromInt(1), CostPrice: money("5.5")}}})
		want[so] = true
	}
	srv.PutPurchaseOut(jushuitan.PurchaseOut{SoID: "DRAFT", Status: "Creating", IoDate: duijie.NewTime(day)})
	got := map[string]int{}
	for o, err := range c.PurchaseOuts(context.Background(), &jushuitan.PurchaseOutQuery{DateType: jushuitan.DateIO, Status: "Confirmed",
		ModifiedBegin: day, ModifiedEnd: day.Add(15 * 24 * time.Hour), PageSize: 5}) {
		require.NoError(t, err)
		require.Len(t, o.Items, 1)
		got[o.SoID]++
	}
	assertOnce(t, want, got)
}
