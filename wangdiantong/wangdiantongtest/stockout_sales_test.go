package wangdiantongtest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

func TestSalesStockoutsSelectAsTheVendorDocuments(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	day := time.Date(2024, 4, 1, 0, 0, 0, 0, duijie.CST())
	bill := func(no, status string, consigned time.Time, tids string) wangdiantong.SalesStockout {
		return wangdiantong.SalesStockout{OrderNo: duijie.Text(no), StockoutNo: duijie.Text(no), Status: duijie.Text(status), SrcTids: duijie.Text(tids),
			ShopNo: "s1", ConsignTime: duijie.NewTime(consigned),
			Details: []wangdiantong.SalesStockoutDetail{{SpecNo: "SKU1", GoodsCount: duijie.AmountFromInt(2)}}}
	}
	// Shipped on day+1, modified on day+40: the default query reads the
	// consign time.
	srv.AddSalesStockout(bill("CK1", "95", day.Add(24*time.Hour), "T1,T2"), day.Add(40*24*time.Hour))
	srv.AddSalesStockout(bill("CK2", "110", day.Add(48*time.Hour), "T3"), day.Add(48*time.Hour))
	// Audited, not shipped: only a status below 95 finds it, by modification time.
	srv.AddSalesStockout(bill("CK3", "55", time.Time{}, "T4"), day.Add(72*time.Hour))
	srv.AddArchivedSalesStockout(bill("CK0", "110", day.Add(time.Hour), "T0"), day.Add(time.Hour))
	ctx := context.Background()
	for name, c := range clients(t, srv) {
		nos := func(q *wangdiantong.SalesStockoutQuery) []string {
			t.Helper()
			var out []string
			for b, err := range c.SalesStockouts(ctx, q) {
				require.NoError(t, err, name)
				out = append(out, string(b.OrderNo))
			}
			return out
		}
		month := &wangdiantong.SalesStockoutQuery{StartTime: day, EndTime: day.Add(30*24*time.Hour - time.Second)}
		assert.Equal(t, []string{"CK1", "CK2"}, nos(month), name)
		assert.Equal(t, []string{"CK3"}, nos(&wangdiantong.SalesStockoutQuery{Status: wangdiantong.SalesStockoutAudited, StartTime: day, EndTime: day.Add(5 * 24 * time.Hour)}), name)
		// With is_by_modified, a shipped status selects by modification time.
		late := &wangdiantong.SalesStockoutQuery{Status: wangdiantong.SalesStockoutShipped, ByModified: true, StartTime: day.Add(39 * 24 * time.Hour), EndTime: day.Add(41 * 24 * time.Hour)}
		assert.Equal(t, []string{"CK1"}, nos(late), name)
		assert.Equal(t, []string{"CK1"}, nos(&wangdiantong.SalesStockoutQuery{SrcTid: "T2"}), name)
		assert.Equal(t, []string{"CK2"}, nos(&wangdiantong.SalesStockoutQuery{StockoutNo: "CK2"}), name)
		// A 75-day range is cut into 30-day windows by the iterator.
		assert.Equal(t, []string{"CK1", "CK2"}, nos(&wangdiantong.SalesStockoutQuery{StartTime: day.Add(-20 * 24 * time.Hour), EndTime: day.Add(55 * 24 * time.Hour)}), name)
		his, err := c.QuerySalesStockouts(ctx, &wangdiantong.SalesStockoutQuery{History: true, StartTime: day, EndTime: day.Add(24 * time.Hour)})
		if name != "openapi2" {
			var ve *duijie.ValidationError
			require.ErrorAs(t, err, &ve, "no Qimen name is published for the archive")
			continue
		}
		require.NoError(t, err)
		require.Len(t, his.Items, 1)
		assert.Equal(t, "CK0", string(his.Items[0].OrderNo))
		assert.Equal(t, "2", his.Items[0].Details[0].GoodsCount.String())
	}
}

func TestSalesStockoutsPageAndRefuseLikeTheVendor(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	day := time.Date(2024, 4, 1, 0, 0, 0, 0, duijie.CST())
	for i := range 7 {
		at := day.Add(time.Duration(i) * time.Hour)
		srv.AddSalesStockout(wangdiantong.SalesStockout{OrderNo: duijie.Text(fmt.Sprint("CK", i)), Status: "110", ConsignTime: duijie.NewTime(at)}, at)
	}
	c, err := srv.NewClient(fast, unlimited)
	require.NoError(t, err)
	ctx := context.Background()
	q := &wangdiantong.SalesStockoutQuery{StartTime: day, EndTime: day.Add(24 * time.Hour), PageSize: 3}
	first, err := c.QuerySalesStockouts(ctx, q)
	require.NoError(t, err)
	assert.Equal(t, 7, first.Total)
	assert.True(t, first.HasMore)
	q.PageNo = 2
	last, err := c.QuerySalesStockouts(ctx, q)
	require.NoError(t, err)
	assert.Equal(t, -1, last.Total, "total_count comes with page 0 only")
	require.Len(t, last.Items, 1)
	assert.Equal(t, "CK6", string(last.Items[0].OrderNo))
	// The raw call skips the client's checks; the fake still refuses a
	// window over 30 days, a missing window and an unknown status.
	for _, p := range []map[string]any{
		{"start_time": day, "end_time": day.Add(30*24*time.Hour + time.Second), "page_no": 0, "page_size": 10},
		{"page_no": 0, "page_size": 10},
		{"stockout_no": "CK1", "status": 60, "page_no": 0, "page_size": 10},
		{"stockout_no": "CK1", "page_no": 0, "page_size": 101},
	} {
		err := c.Call(ctx, &wangdiantong.CallRequest{Method: "stockout_order_query_trade.php", Params: p, SafeToReplay: true}, nil)
		assert.ErrorIs(t, err, duijie.ErrInvalidRequest, "%v", p)
	}
}
