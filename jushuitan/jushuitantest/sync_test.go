package jushuitantest_test

import (
	"context"
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// version is one state of a row: its key and its ts.
type version struct {
	key string
	ts  int64
}

// OrdersByTS across many pages while orders change and appear mid-scan:
// every order's latest version is served, and no version twice.
func TestOrdersByTSWithChangesMidScan(t *testing.T) {
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			srv, c, _ := pair(t, g)
			rng := rand.New(rand.NewSource(7))
			var oids []int64
			for i := range 300 {
				oids = append(oids, srv.PutOrder(jushuitan.Order{SoID: soID(i), ShopID: jushuitantest.ShopID, Status: "WaitConfirm"}))
			}
			served := map[version]int{}
			n, changed, added, lastChange := 0, 0, 0, 0
			for o, err := range c.OrdersByTS(context.Background(), &jushuitan.OrderQuery{PageSize: 20}) {
				require.NoError(t, err)
				served[version{o.SoID, int64(o.TS)}]++
				n++
				// Changes stop a while before the end: a change made after
				// the scan's last request belongs to the next sync.
				if n%15 == 0 && n < 250 {
					lastChange = len(srv.Journal())
					// Change orders on both sides of the cursor and add one.
					for range 4 {
						oid := oids[rng.Intn(len(oids))]
						cur, _ := srv.Order(oid)
						cur.Remark = fmt.Sprintf("changed %d", n)
						cur.Modified = duijie.Time{}
						srv.PutOrder(cur)
						changed++
					}
					oids = append(oids, srv.PutOrder(jushuitan.Order{SoID: fmt.Sprintf("NEW%04d", n), ShopID: jushuitantest.ShopID}))
					added++
				}
			}
			require.Positive(t, changed)
			require.Greater(t, len(srv.Journal()), lastChange, "pages were fetched after the last change")
			for v, times := range served {
				assert.Equal(t, 1, times, "%v served %d times", v, times)
			}
			assert.Len(t, oids, 300+added)
			for _, oid := range oids {
				o, ok := srv.Order(oid)
				require.True(t, ok)
				assert.Equal(t, 1, served[version{o.SoID, int64(o.TS)}], "latest version of %s missed", o.SoID)
			}
			// Every request was a cursor request without totals.
			for _, e := range srv.Journal() {
				biz := bizOf(t, g, e)
				assert.Contains(t, biz, `"start_ts":`)
				assert.Contains(t, biz, `"is_get_total":false`)
				assert.NotContains(t, biz, "modified_begin")
			}
		})
	}
}

func TestInventoryByTSWithChangesMidScan(t *testing.T) {
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			srv, c, _ := pair(t, g)
			rng := rand.New(rand.NewSource(11))
			var skus []string
			for i := range 350 {
				sku := fmt.Sprintf("SKU%04d", i)
				skus = append(skus, sku)
				srv.PutInventory(jushuitan.InventoryItem{SKUID: sku, Qty: duijie.AmountFromInt(int64(i))})
			}
			served := map[version]int{}
			n, lastChange := 0, 0
			for it, err := range c.InventoryByTS(context.Background(), &jushuitan.InventoryQuery{PageSize: 50}) {
				require.NoError(t, err)
				served[version{it.SKUID, int64(it.TS)}]++
				n++
				if n%40 == 0 && n < 300 {
					lastChange = len(srv.Journal())
					for range 5 {
						sku := skus[rng.Intn(len(skus))]
						cur, _ := srv.Inventory(sku)
						cur.Qty = cur.Qty.Add(duijie.AmountFromInt(1))
						cur.Modified = duijie.Time{}
						srv.PutInventory(cur)
					}
				}
			}
			require.Greater(t, len(srv.Journal()), lastChange, "pages were fetched after the last change")
			for v, times := range served {
				assert.Equal(t, 1, times, "%v served %d times", v, times)
			}
			for _, sku := range skus {
				it, _ := srv.Inventory(sku)
				assert.Equal(t, 1, served[version{sku, int64(it.TS)}], "latest stock of %s missed", sku)
			}
		})
	}
}

// A sync resumed from the TS of the last row handled serves that row again
// and nothing older.
func TestCursorResumesFromCheckpoint(t *testing.T) {
	srv, c, _ := pair(t, jushuitan.OpenAPI)
	for i := range 30 {
		srv.PutOrder(jushuitan.Order{SoID: soID(i)})
	}
	var last int64
	for o, err := range c.OrdersByTS(context.Background(), &jushuitan.OrderQuery{PageSize: 10}) {
		require.NoError(t, err)
		last = int64(o.TS)
	}
	srv.PutOrder(jushuitan.Order{SoID: "LATE"})
	var got []string
	for o, err := range c.OrdersByTS(context.Background(), &jushuitan.OrderQuery{StartTS: last}) {
		require.NoError(t, err)
		got = append(got, o.SoID)
	}
	assert.Equal(t, []string{soID(29), "LATE"}, got)
}

// A 20-day range is cut into 7-day windows; a row stamped exactly on a
// window boundary is served once.
func TestWindowsCutAtSevenDays(t *testing.T) {
	day := 24 * time.Hour
	from := start.Add(-40 * day)
	to := from.Add(20 * day)
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			srv, c, _ := pair(t, g)
			want := map[string]bool{}
			for i := range 60 {
				// 0 .. 19.67 days; rows 21 and 42 fall exactly on the
				// window boundaries, which both neighbouring windows include.
				at := from.Add(time.Duration(i) * 8 * time.Hour)
				so := soID(i)
				srv.PutOrder(jushuitan.Order{SoID: so, Modified: duijie.NewTime(at)})
				srv.PutShipment(jushuitan.Shipment{OID: duijie.Int64(i + 1), SoID: so, SendDate: duijie.NewTime(at)})
				srv.PutInventory(jushuitan.InventoryItem{SKUID: "SKU-" + so, Modified: duijie.NewTime(at)})
				want[so] = true
			}
			srv.PutOrder(jushuitan.Order{SoID: "OUTSIDE", Modified: duijie.NewTime(to.Add(time.Second))})
			ctx := context.Background()

			got := map[string]int{}
			for o, err := range c.Orders(ctx, &jushuitan.OrderQuery{ModifiedBegin: from, ModifiedEnd: to, PageSize: 10}) {
				require.NoError(t, err)
				got[o.SoID]++
			}
			assertOnce(t, want, got)

			got = map[string]int{}
			for s, err := range c.Shipments(ctx, &jushuitan.LogisticsQuery{ModifiedBegin: from, ModifiedEnd: to, DateType: jushuitan.DateSend, PageSize: 7}) {
				require.NoError(t, err)
				got[s.SoID]++
			}
			assertOnce(t, want, got)

			got = map[string]int{}
			for it, err := range c.Inventory(ctx, &jushuitan.InventoryQuery{ModifiedBegin: from, ModifiedEnd: to, PageSize: 9}) {
				require.NoError(t, err)
				got[it.SKUID[len("SKU-"):]]++
			}
			assertOnce(t, want, got)

			// Every request carried a window of at most 7 days, and the
			// windows were [from, +7d], [+7d, +14d], [+14d, to].
			windows := map[string]bool{}
			for _, e := range srv.Journal() {
				biz := bizOf(t, g, e)
				var w struct {
					Begin string `json:"modified_begin"`
					End   string `json:"modified_end"`
				}
				require.NoError(t, jsonUnmarshal(biz, &w))
				b, err1 := time.ParseInLocation("2006-01-02 15:04:05", w.Begin, duijie.CST())
				e, err2 := time.ParseInLocation("2006-01-02 15:04:05", w.End, duijie.CST())
				require.NoError(t, err1)
				require.NoError(t, err2)
				assert.LessOrEqual(t, e.Sub(b), jushuitan.MaxWindow)
				windows[w.Begin+"/"+w.End] = true
			}
			assert.Len(t, windows, 3)
			assert.True(t, windows[fmtCST(from)+"/"+fmtCST(from.Add(7*day))])
			assert.True(t, windows[fmtCST(from.Add(14*day))+"/"+fmtCST(to)])
		})
	}
}

func assertOnce(t *testing.T, want map[string]bool, got map[string]int) {
	t.Helper()
	for so := range want {
		assert.Equal(t, 1, got[so], "%s", so)
	}
	assert.Len(t, got, len(want), "nothing outside the range")
}

func fmtCST(t time.Time) string { return t.In(duijie.CST()).Format("2006-01-02 15:04:05") }

// The shipment query's date_type travels even when it is the zero value:
// asking for the modified time gets the shipments changed in the range,
// not those sent in it (the vendor's default when date_type is absent).
func TestShipmentsByModifiedTime(t *testing.T) {
	now := time.Date(2024, 6, 10, 12, 0, 0, 0, duijie.CST())
	srv := jushuitantest.NewServer(jushuitantest.WithClock(func() time.Time { return now }), jushuitantest.WithRateLimit(0, 0))
	t.Cleanup(srv.Close)
	// Sent long ago, changed (put) now.
	srv.PutShipment(jushuitan.Shipment{OID: 1, SoID: "OLD", SendDate: duijie.NewTime(now.AddDate(0, -1, 0))})
	c, err := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithClock(func() time.Time { return now }))
	require.NoError(t, err)
	q := &jushuitan.LogisticsQuery{ModifiedBegin: now.Add(-time.Hour), ModifiedEnd: now.Add(time.Hour), DateType: jushuitan.DateModified}
	page, err := c.QueryShipments(context.Background(), q)
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, "OLD", page.Items[0].SoID)

	q.DateType = jushuitan.DateSend
	page, err = c.QueryShipments(context.Background(), q)
	require.NoError(t, err)
	assert.Empty(t, page.Items)
}
