package wangdiantong

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

func TestInWindowSendsTheInclusiveSecondRange(t *testing.T) {
	at := time.Date(2024, 3, 1, 8, 0, 0, 0, duijie.CST())
	cases := []struct {
		name       string
		from, to   time.Time
		start, end string
	}{
		{"whole seconds", at, at.Add(time.Hour), "2024-03-01 08:00:00", "2024-03-01 08:59:59"},
		{"one second", at, at.Add(time.Second), "2024-03-01 08:00:00", "2024-03-01 08:00:00"},
		{"fractions round up", at.Add(300 * time.Millisecond), at.Add(10*time.Second + 300*time.Millisecond), "2024-03-01 08:00:01", "2024-03-01 08:00:10"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t, openCfg)
			form := capture(mt, testBase+"/stockin_order_query_refund.php", `{"code":0,"message":"","total_count":0,"stockin_list":[]}`)
			_, err := c.QueryRefundStockins(context.Background(), RefundStockinQuery{ShopNo: "S1"}.InWindow(tc.from, tc.to))
			require.NoError(t, err)
			assert.Equal(t, tc.start, form.Get("start_time"))
			assert.Equal(t, tc.end, form.Get("end_time"))
			assert.Equal(t, "S1", form.Get("shop_no"), "the rest of the query is kept")
		})
	}
}

func TestInWindowWithoutAWholeSecondSendsNothing(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	at := time.Date(2024, 3, 1, 8, 0, 0, 0, duijie.CST())
	for _, w := range [][2]time.Time{{at, at}, {at.Add(100 * time.Millisecond), at.Add(900 * time.Millisecond)}} {
		p, err := c.QueryRefundStockins(context.Background(), RefundStockinQuery{}.InWindow(w[0], w[1]))
		require.NoError(t, err)
		assert.Empty(t, p.Items)
		pt, err := c.QueryTrades(context.Background(), TradeQuery{}.InWindow(w[0], w[1]))
		require.NoError(t, err)
		assert.Empty(t, pt.Items)
		ps, err := c.QueryStock(context.Background(), StockQuery{}.InWindow(w[0], w[1]))
		require.NoError(t, err)
		assert.Empty(t, ps.Items)
		for range c.RefundStockins(context.Background(), RefundStockinQuery{}.InWindow(w[0], w[1])) {
			t.Fatal("an empty window yields nothing")
		}
		for range c.Trades(context.Background(), TradeQuery{}.InWindow(w[0], w[1])) {
			t.Fatal("an empty window yields nothing")
		}
		for range c.Stocks(context.Background(), StockQuery{}.InWindow(w[0], w[1])) {
			t.Fatal("an empty window yields nothing")
		}
	}
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestSpansNeitherOverlapNorLeaveAGap(t *testing.T) {
	at := time.Date(2024, 3, 1, 8, 0, 0, 0, duijie.CST())
	type span struct{ from, to time.Time }
	collect := func(from, to time.Time, max time.Duration) []span {
		var out []span
		for s, e := range spans(from, to, max) {
			out = append(out, span{s, e})
		}
		return out
	}
	assert.Equal(t, []span{{at, at}}, collect(at, at, time.Hour), "one second is one span")
	assert.Equal(t, []span{{at, at.Add(time.Hour - time.Second)}, {at.Add(time.Hour), at.Add(time.Hour)}},
		collect(at, at.Add(time.Hour), time.Hour), "the end second gets its own span")
	got := collect(at.Add(700*time.Millisecond), at.Add(3*time.Hour+400*time.Millisecond), time.Hour)
	require.Len(t, got, 4)
	assert.Equal(t, at, got[0].from, "read to the second")
	assert.Equal(t, at.Add(3*time.Hour), got[3].to)
	for i, s := range got {
		assert.LessOrEqual(t, s.to.Sub(s.from), time.Hour-time.Second, "span %d within the maximum", i)
		if i > 0 {
			assert.Equal(t, got[i-1].to.Add(time.Second), s.from, "span %d starts the second after the previous ends", i)
		}
	}
}
