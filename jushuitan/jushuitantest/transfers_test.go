package jushuitantest_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
)

// Transfer bills are filtered by type and io_date and cut into 7-day
// windows; the fake refuses what the notes refuse.
func TestAllocateQuery(t *testing.T) {
	srv, c, _ := pair(t, jushuitan.OpenAPI)
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, duijie.CST())
	want := map[string]bool{}
	for i := range 10 {
		so := soID(i)
		srv.PutAllocate(jushuitan.Allocate{SoID: so, Type: "调拨出", IoDate: duijie.NewTime(day.Add(time.Duration(i) * 24 * time.Hour)),
			Items: []jushuitan.AllocateItem{{SKUID: "SKU1", Qty: duijie.AmountFromInt(3)}}})
		want[so] = true
	}
	srv.PutAllocate(jushuitan.Allocate{SoID: "IN", Type: "调拨入", IoDate: duijie.NewTime(day)})
	got := map[string]int{}
	for a, err := range c.Allocates(context.Background(), &jushuitan.AllocateQuery{Type: "调拨出", DateType: jushuitan.DateIO,
		ModifiedBegin: day, ModifiedEnd: day.Add(9 * 24 * time.Hour), PageSize: 3}) {
		require.NoError(t, err)
		require.Len(t, a.Items, 1)
		got[a.SoID]++
	}
	assertOnce(t, want, got)
	breadthRefusals(t, "/open/allocate/query", "", map[string]map[string]any{
		"window over seven days": {"modified_begin": "2024-05-01 00:00:00", "modified_end": "2024-05-08 00:00:01"},
		"page size":              {"so_ids": []string{"A"}, "page_size": 51},
		"no filter":              {"type": "调拨出"},
	})
}

// Return receipts are served by key and by the ts cursor, past the cursor
// in ts order; the fake refuses what the notes refuse.
func TestReceivedQuery(t *testing.T) {
	srv, c, _ := pair(t, jushuitan.OpenAPI)
	var ids []int64
	for i := range 30 {
		ids = append(ids, srv.PutReceived(jushuitan.Received{SoID: soID(i), AsID: duijie.Int64(5000001 + i), ShopID: 10001,
			Items: []jushuitan.ReceivedItem{{SKUID: "SKU1", Qty: duijie.AmountFromInt(1)}}}))
	}
	p, err := c.QueryReceived(context.Background(), &jushuitan.ReceivedQuery{AsIDs: []int64{5000001, 5000003}, ShopID: 10001})
	require.NoError(t, err)
	require.Len(t, p.Items, 2)
	assert.Equal(t, soID(2), p.Items[1].SoID)

	var seen []int64
	for r, err := range c.ReceivedByTS(context.Background(), &jushuitan.ReceivedQuery{PageSize: 7}) {
		require.NoError(t, err)
		seen = append(seen, int64(r.IoID))
	}
	assert.Equal(t, ids, seen)
	breadthRefusals(t, "/open/aftersale/received/query", "", map[string]map[string]any{
		"window over seven days": {"modified_begin": "2024-05-01 00:00:00", "modified_end": "2024-05-08 00:00:01"},
		"page size":              {"page_size": 51},
		"as_ids":                 {"as_ids": breadthMany(51)},
		"bad date_type":          {"date_type": 3},
	})
}
