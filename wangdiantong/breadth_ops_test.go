package wangdiantong_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
)

// The rows added for issue 21 carry the limits and replay rules of the
// vendor notes (breadth.md §1) and the Qimen names of cuifan53/wdt-sdk
// src/path.ts.
func TestBreadthRowsCarryTheVendorsLimits(t *testing.T) {
	got := map[string]duijie.Operation{}
	for _, op := range wangdiantong.Operations() {
		got[op.Wire] = op
	}
	month := 30 * 24 * time.Hour
	for wire, want := range map[string]struct {
		qimen         string
		window        time.Duration
		page, batch   int
		replay, paged bool
	}{
		"stockout_order_query_trade.php":     {"wdt.stockout.order.query.trade", month, 100, 0, true, true},
		"his_stockout_order_query_trade.php": {"", month, 100, 0, true, true},
		"goods_query.php":                    {"wdt.goods.query", 0, 100, 0, true, true},
		"goods_push.php":                     {"wdt.goods.push", 0, 0, 50, true, false},
		"stockin_order_query_purchase.php":   {"wdt.stockin.order.query.purchase", 0, 100, 0, true, true},
		"purchase_order_query.php":           {"wdt.purchase.order.query", 0, 100, 0, true, true},
		"refund_query.php":                   {"wdt.refund.query", month, 40, 0, true, true},
		"his_refund_query.php":               {"", month, 40, 0, true, true},
		"stockout_order_query.php":           {"wdt.stockout.order.query", month, 100, 0, true, true},
		"stockin_order_query.php":            {"wdt.stockin.order.query", month, 100, 0, true, true},
		"purchase_return_query.php":          {"wdt.purchase.return.query", 0, 100, 0, true, true},
		"stockout_order_query_return.php":    {"wdt.stockout.order.query.return", 0, 100, 0, true, true},
	} {
		op, ok := got[wire]
		if !assert.True(t, ok, wire) {
			continue
		}
		name, named := wangdiantong.QimenMethod(wire)
		assert.Equal(t, want.qimen, name, wire)
		assert.Equal(t, want.qimen != "", named, wire)
		assert.Equal(t, want.window, op.MaxWindow, wire)
		assert.Equal(t, want.page, op.MaxPageSize, wire)
		assert.Equal(t, want.batch, op.MaxBatch, wire)
		assert.Equal(t, want.replay, op.SafeToReplay, wire)
		assert.Equal(t, want.paged, op.Paging == duijie.PagedByNumber, wire)
	}
}
