package jushuitantest_test

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// breadthRaw sends params to an operation through the raw Call of a client
// of generation g, so that the fake's own refusals are reached (the typed
// methods refuse the same input before sending).
func breadthRaw(c *jushuitan.Client, g jushuitan.Generation, path, method string, params map[string]any) error {
	req := &jushuitan.CallRequest{Path: path, Params: params, SafeToReplay: true}
	if g == jushuitan.Legacy {
		req = &jushuitan.CallRequest{Method: method, Params: params, SafeToReplay: true}
	}
	return c.Call(context.Background(), req, nil)
}

// breadthRefusals checks that the fake answers each raw request with code
// 140 (参数不符合规范), in both generations, or on openapi v2 only when the
// operation has no legacy method.
func breadthRefusals(t *testing.T, path, method string, cases map[string]map[string]any) {
	t.Helper()
	for _, g := range generations {
		if method == "" && g == jushuitan.Legacy {
			continue
		}
		srv, c, _ := pair(t, g)
		for name, params := range cases {
			t.Run(g.String()+"/"+name, func(t *testing.T) {
				err := breadthRaw(c, g, path, method, params)
				require.Error(t, err)
				assert.Equal(t, "140", apiCode(t, err))
				assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
			})
		}
		assert.Positive(t, calls(srv, g, path, method), "the requests reached the fake")
	}
}

// The fake refuses what the vendor's notes refuse on the sales-out query:
// a range over seven days (one day with drp_co_id), only one bound, more
// than 50 bills a page or keys, more than 20 waybills, and a query with
// neither a range nor keys nor a cursor.
func TestSaleOutQueryRefusals(t *testing.T) {
	many := make([]string, 51)
	for i := range many {
		many[i] = fmt.Sprint(i + 1)
	}
	breadthRefusals(t, "/open/orders/out/simple/query", "orders.out.simple.query", map[string]map[string]any{
		"window over seven days": {"modified_begin": "2024-05-01 00:00:00", "modified_end": "2024-05-08 00:00:01"},
		"distributor window over one day": {"modified_begin": "2024-05-01 00:00:00", "modified_end": "2024-05-02 00:00:01",
			"drp_co_id": 7},
		"one bound":       {"modified_begin": "2024-05-01 00:00:00"},
		"page size":       {"so_ids": []string{"A"}, "page_size": 51},
		"so_ids":          {"so_ids": many},
		"io_ids":          {"io_ids": many},
		"l_ids":           {"so_ids": []string{"A"}, "l_ids": many[:21]},
		"no filter":       {"shop_id": 1},
		"bad date_type":   {"so_ids": []string{"A"}, "date_type": 3},
		"negative cursor": {"start_ts": -1},
	})
}

// Seeded bills are served with their lines; keys, shop, status, date type
// and page counts filter and page as the notes say.
func TestSaleOutQueryFilters(t *testing.T) {
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			srv, c, _ := pair(t, g)
			day := time.Date(2024, 5, 1, 0, 0, 0, 0, duijie.CST())
			var ids []int64
			for i := range 12 {
				ids = append(ids, srv.PutSaleOut(jushuitan.SaleOut{SoID: soID(i), OID: duijie.Int64(9000001 + i), ShopID: jushuitantest.ShopID,
					Status: "Confirmed", IoDate: duijie.NewTime(day.Add(time.Duration(i) * 24 * time.Hour)), WmsCoID: jushuitantest.WmsCoID,
					Items: []jushuitan.SaleOutItem{{SKUID: "SKU1", Qty: duijie.AmountFromInt(2), SalePrice: money("9.90"), SaleAmount: money("19.80")}}}))
			}
			srv.PutSaleOut(jushuitan.SaleOut{SoID: "OTHER", ShopID: 2, Status: "WaitConfirm", IoDate: duijie.NewTime(day)})

			p, err := c.QuerySaleOuts(context.Background(), &jushuitan.SaleOutQuery{IoIDs: ids[:3], PageSize: 2})
			require.NoError(t, err)
			require.Len(t, p.Items, 2)
			assert.Equal(t, 3, p.Total)
			assert.True(t, p.HasMore)
			assert.Equal(t, soID(0), p.Items[0].SoID)
			require.Len(t, p.Items[0].Items, 1)
			assert.Equal(t, "19.8", p.Items[0].Items[0].SaleAmount.String())
			assert.Equal(t, int64(ids[0]), int64(p.Items[0].IoID))

			// The outbound date bounds io_date: days 2 to 4 of shop 10001.
			var got []string
			for o, err := range c.SaleOuts(context.Background(), &jushuitan.SaleOutQuery{ShopID: jushuitantest.ShopID, DateType: jushuitan.DateIO,
				ModifiedBegin: day.Add(2 * 24 * time.Hour), ModifiedEnd: day.Add(4 * 24 * time.Hour), PageSize: 1}) {
				require.NoError(t, err)
				got = append(got, o.SoID)
			}
			assert.Equal(t, []string{soID(2), soID(3), soID(4)}, got)

			p, err = c.QuerySaleOuts(context.Background(), &jushuitan.SaleOutQuery{SoIDs: []string{"OTHER", soID(5)}, Status: "WaitConfirm"})
			require.NoError(t, err)
			require.Len(t, p.Items, 1)
			assert.Equal(t, "OTHER", p.Items[0].SoID)
		})
	}
}

// A 20-day outbound range is walked as three windows of at most seven
// days, each bill once, the bills on a window's edge included.
func TestSaleOutsCutIntoWindows(t *testing.T) {
	srv, c, _ := pair(t, jushuitan.OpenAPI)
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, duijie.CST())
	want := map[string]bool{}
	for i := range 21 {
		so := soID(i)
		srv.PutSaleOut(jushuitan.SaleOut{SoID: so, IoDate: duijie.NewTime(day.Add(time.Duration(i) * 24 * time.Hour))})
		want[so] = true
	}
	got := map[string]int{}
	for o, err := range c.SaleOuts(context.Background(), &jushuitan.SaleOutQuery{DateType: jushuitan.DateIO, ModifiedBegin: day,
		ModifiedEnd: day.Add(20 * 24 * time.Hour), PageSize: 4}) {
		require.NoError(t, err)
		got[o.SoID]++
	}
	assertOnce(t, want, got)
	windows := 0
	for _, e := range srv.Journal() {
		biz := formOf(e).Get("biz")
		assert.Contains(t, biz, `"date_type":2`)
		if strings.Contains(biz, `"page_index":1,`) {
			windows++
		}
	}
	assert.Equal(t, 3, windows, "three windows, each from page 1")
}

// SaleOutsByTS over many pages while bills change and appear mid-scan:
// every bill's latest version is served, and no version twice; every
// request is a cursor request without totals.
func TestSaleOutsByTSWithChangesMidScan(t *testing.T) {
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			srv, c, _ := pair(t, g)
			rng := rand.New(rand.NewSource(5))
			var ids []int64
			for i := range 260 {
				ids = append(ids, srv.PutSaleOut(jushuitan.SaleOut{SoID: soID(i), ShopID: jushuitantest.ShopID, Status: "Confirmed"}))
			}
			served := map[version]int{}
			n, lastChange := 0, 0
			for o, err := range c.SaleOutsByTS(context.Background(), &jushuitan.SaleOutQuery{PageSize: 25}) {
				require.NoError(t, err)
				served[version{o.IoID.String(), int64(o.TS)}]++
				n++
				if n%20 == 0 && n < 220 {
					lastChange = len(srv.Journal())
					for range 3 {
						cur, _ := srv.SaleOut(ids[rng.Intn(len(ids))])
						cur.Remark = fmt.Sprintf("changed %d", n)
						cur.Modified = duijie.Time{}
						srv.PutSaleOut(cur)
					}
					ids = append(ids, srv.PutSaleOut(jushuitan.SaleOut{SoID: fmt.Sprintf("NEW%04d", n)}))
				}
			}
			require.Greater(t, len(srv.Journal()), lastChange, "pages were fetched after the last change")
			for v, times := range served {
				assert.Equal(t, 1, times, "%v served %d times", v, times)
			}
			for _, id := range ids {
				o, ok := srv.SaleOut(id)
				require.True(t, ok)
				assert.Equal(t, 1, served[version{o.IoID.String(), int64(o.TS)}], "latest version of %d missed", id)
			}
			for _, e := range srv.Journal() {
				biz := bizOf(t, g, e)
				assert.Contains(t, biz, `"start_ts":`)
				assert.Contains(t, biz, `"is_get_total":false`)
			}
		})
	}
}
