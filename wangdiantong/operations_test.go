package wangdiantong_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

var (
	fastRetry = duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond})
	noLimit   = duijie.WithRateLimit()
)

func TestOperationsMatchTheClientMethods(t *testing.T) {
	ctxType := reflect.TypeFor[context.Context]()
	errType := reflect.TypeFor[error]()
	client := reflect.TypeFor[*wangdiantong.Client]()
	ops := wangdiantong.Operations()
	require.Len(t, ops, 28)
	wires := map[string]bool{}
	for _, op := range ops {
		t.Run(op.Wire, func(t *testing.T) {
			assert.False(t, wires[op.Wire], "one row per wire name")
			wires[op.Wire] = true
			assert.NotEmpty(t, op.Title)
			m, ok := client.MethodByName(op.Name)
			require.True(t, ok, "no Client method %s", op.Name)
			ft := m.Type // the receiver is In(0)
			require.Equal(t, 3, ft.NumIn(), "%s takes (ctx, *Request)", op.Name)
			assert.Equal(t, ctxType, ft.In(1))
			assert.Equal(t, reflect.PointerTo(op.Request), ft.In(2))
			require.Equal(t, 2, ft.NumOut())
			assert.Equal(t, errType, ft.Out(1))
			out := ft.Out(0)
			if op.Paging == duijie.NotPaged {
				assert.Equal(t, reflect.PointerTo(op.Response), out)
				assert.Zero(t, op.MaxWindow, "only listings have windows")
				return
			}
			assert.Equal(t, duijie.PagedByNumber, op.Paging)
			require.Equal(t, reflect.Pointer, out.Kind())
			page := out.Elem()
			assert.Equal(t, "github.com/duijie/duijie", page.PkgPath())
			assert.True(t, strings.HasPrefix(page.Name(), "Page["), "%s returns %s, not a *duijie.Page", op.Name, out)
			items, ok := page.FieldByName("Items")
			require.True(t, ok)
			assert.Equal(t, reflect.SliceOf(op.Response), items.Type)
			assert.Positive(t, op.MaxPageSize)
			assert.Zero(t, op.MaxBatch)
		})
	}
}

func TestOperationsIsAFreshSliceEveryCall(t *testing.T) {
	a := wangdiantong.Operations()
	want := a[0]
	a[0].Wire, a[0].MaxBatch = "changed.php", 1
	b := wangdiantong.Operations()
	assert.Equal(t, want, b[0])
}

func TestOperationsCarryTheVendorsLimits(t *testing.T) {
	got := map[string]duijie.Operation{}
	for _, op := range wangdiantong.Operations() {
		got[op.Wire] = op
	}
	// Vendor notes §1.5: windows and batch caps; page_size 1..100.
	assert.Equal(t, time.Hour, got["trade_query.php"].MaxWindow)
	assert.Equal(t, time.Hour, got["his_trade_query.php"].MaxWindow)
	assert.Equal(t, 30*24*time.Hour, got["stockin_order_query_refund.php"].MaxWindow)
	assert.Equal(t, 30*24*time.Hour, got["his_stockin_order_query_refund.php"].MaxWindow)
	assert.Equal(t, 30*24*time.Hour, got["stock_query.php"].MaxWindow)
	assert.Equal(t, 50, got["trade_push.php"].MaxBatch)
	assert.Equal(t, wangdiantong.MaxTradesPerPush, got["trade_push.php"].MaxBatch)
	assert.Equal(t, 50, got["logistics_sync_ack.php"].MaxBatch)
	assert.Equal(t, 100, got["logistics_sync_query.php"].MaxPageSize)
	for _, w := range []string{"trade_query.php", "stockin_order_query_refund.php", "stock_query.php", "shop.php", "warehouse_query.php"} {
		assert.Equal(t, 100, got[w].MaxPageSize, w)
	}
}

func TestTheFakeServesEveryOperation(t *testing.T) {
	srv := wangdiantongtest.NewServer()
	defer srv.Close()
	qimen := 0
	for _, op := range wangdiantong.Operations() {
		assert.True(t, srv.Serves(op.Wire), "the fake does not serve %s", op.Wire)
		name, ok := wangdiantong.QimenMethod(op.Wire)
		if wdtNoQimenName[op.Wire] {
			assert.False(t, ok, "no Qimen name is published for %s", op.Wire)
			continue
		}
		require.True(t, ok, op.Wire)
		assert.True(t, srv.Serves(name), "the fake does not serve %s on the Qimen route", name)
		qimen++
	}
	assert.Equal(t, len(wangdiantong.Operations())-len(wdtNoQimenName), qimen)
	assert.False(t, srv.Serves("suites_query.php"))
	_, ok := wangdiantong.QimenMethod("suites_query.php")
	assert.False(t, ok)
}

// wdtBatchField names the list parameter of each write with a batch cap.
var wdtBatchField = map[string]string{"PushTrades": "trade_list", "AckLogisticsSync": "logistics_list", "PushGoods": "goods_list",
	"PushStocktake": "goods_list"}

// wdtNoCap are the rows with no window, page-size or batch cap: one bill
// per call, with no documented limit on its lines.
var wdtNoCap = map[string]bool{"stockout_order_push.php": true, "stockin_order_push.php": true, "purchase_order_push.php": true}

// wdtNoQimenName are the rows with no published Qimen method: the archive
// scripts other than his_trade_query.
var wdtNoQimenName = map[string]bool{"his_stockin_order_query_refund.php": true, "his_stockout_order_query_trade.php": true,
	"his_refund_query.php": true}

func TestReplayFollowsTheTable(t *testing.T) {
	rows := map[string]duijie.Operation{}
	for _, op := range wangdiantong.Operations() {
		rows[op.Name] = op
	}
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	srv.AddShop(wangdiantong.Shop{ShopNo: "s1"})
	c, err := srv.NewClient(fastRetry, noLimit)
	require.NoError(t, err)
	ctx := context.Background()
	one, _ := duijie.ParseAmount("1")
	push := &wangdiantong.TradePushRequest{ShopNo: "s1", Trades: []wangdiantong.Trade{{Tid: "T1", TradeStatus: 30, PayStatus: 2, DeliveryTerm: 1,
		TradeTime: duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST())),
		Orders:    []wangdiantong.Order{{Oid: "T1-1", Num: one, Price: one, SpecNo: "SKU1"}}}}}
	calls := map[string]func() error{
		"QueryShops": func() error { _, err := c.QueryShops(ctx, nil); return err },
		"PushTrades": func() error { _, err := c.PushTrades(ctx, push); return err },
	}
	for _, name := range []string{"QueryShops", "PushTrades"} {
		op := rows[name]
		srv.ResetJournal()
		// The handler runs, then the connection is reset: the outcome is
		// unclear to the client.
		srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
		err := calls[name]()
		if op.SafeToReplay {
			require.NoError(t, err, name)
			assert.Equal(t, 2, srv.Calls(""), "%s is safe to replay: replayed once after the reset", op.Wire)
		} else {
			assert.True(t, duijie.MayHaveArrived(err), name)
			assert.Equal(t, 1, srv.Calls(""), "%s is not safe to replay: sent once", op.Wire)
		}
	}
	// trade_push is a write the ERP keys by tid, so its row says replay;
	// the same write named by a raw call that does not say so is sent once.
	assert.True(t, rows["PushTrades"].SafeToReplay)
	st, _ := srv.Trade("s1", "T1")
	assert.Equal(t, 2, st.Pushes, "the replay updated the trade the first attempt saved")
	srv.ResetJournal()
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	err = c.Call(ctx, &wangdiantong.CallRequest{Method: rows["PushTrades"].Wire, Params: map[string]any{"shop_no": "s1", "trade_list": push.Trades}}, nil)
	assert.True(t, duijie.MayHaveArrived(err))
	assert.Equal(t, 1, srv.Calls(""), "a raw write is sent once")
}

func TestCapsFromTheTableAreCheckedBeforeSending(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	c, err := srv.NewClient(fastRetry, noLimit)
	require.NoError(t, err)
	ctx := context.Background()
	from := time.Date(2024, 3, 1, 0, 0, 0, 0, duijie.CST())
	one, _ := duijie.ParseAmount("1")
	trades := func(n int) []wangdiantong.Trade {
		out := make([]wangdiantong.Trade, n)
		for i := range out {
			tid := fmt.Sprint("T", i)
			out[i] = wangdiantong.Trade{Tid: tid, TradeStatus: 30, PayStatus: 2, DeliveryTerm: 1,
				TradeTime: duijie.NewTime(from), Orders: []wangdiantong.Order{{Oid: tid + "-1", Num: one, Price: one, SpecNo: "SKU1"}}}
		}
		return out
	}
	acks := func(n int) []wangdiantong.LogisticsAck {
		out := make([]wangdiantong.LogisticsAck, n)
		for i := range out {
			out[i].RecID = fmt.Sprint(i + 1)
		}
		return out
	}
	// call sends op's request with a window of span, a page size of size
	// and a batch of n records, whichever the row has.
	call := func(op duijie.Operation, span time.Duration, size, n int) error {
		archive := strings.HasPrefix(op.Wire, "his_")
		to := from.Add(span)
		var err error
		switch op.Name {
		case "QueryTrades":
			_, err = c.QueryTrades(ctx, &wangdiantong.TradeQuery{StartTime: from, EndTime: to, PageSize: size, History: archive})
		case "QueryRefundStockins":
			_, err = c.QueryRefundStockins(ctx, &wangdiantong.RefundStockinQuery{StartTime: from, EndTime: to, PageSize: size, History: archive})
		case "QuerySalesStockouts":
			_, err = c.QuerySalesStockouts(ctx, &wangdiantong.SalesStockoutQuery{StartTime: from, EndTime: to, PageSize: size, History: archive})
		case "QueryPurchaseStockins":
			_, err = c.QueryPurchaseStockins(ctx, &wangdiantong.PurchaseStockinQuery{PageSize: size})
		case "QueryPurchaseOrders":
			_, err = c.QueryPurchaseOrders(ctx, &wangdiantong.PurchaseOrderQuery{PageSize: size})
		case "QueryRefunds":
			_, err = c.QueryRefunds(ctx, &wangdiantong.RefundQuery{StartTime: from, EndTime: to, PageSize: size, History: archive})
		case "QueryStockouts":
			_, err = c.QueryStockouts(ctx, &wangdiantong.StockoutQuery{StartTime: from, EndTime: to, PageSize: size})
		case "QueryStockins":
			_, err = c.QueryStockins(ctx, &wangdiantong.StockinQuery{StartTime: from, EndTime: to, PageSize: size})
		case "QueryPurchaseReturns":
			_, err = c.QueryPurchaseReturns(ctx, &wangdiantong.PurchaseReturnQuery{PageSize: size})
		case "QueryPurchaseReturnStockouts":
			_, err = c.QueryPurchaseReturnStockouts(ctx, &wangdiantong.PurchaseReturnStockoutQuery{PageSize: size})
		case "PushStocktake":
			lines := make([]wangdiantong.StocktakeLine, n)
			for i := range lines {
				lines[i] = wangdiantong.StocktakeLine{SpecNo: fmt.Sprint("S", i), StockNum: one}
			}
			_, err = c.PushStocktake(ctx, &wangdiantong.StocktakeRequest{APIOuterNo: fmt.Sprint("PD", n), WarehouseNo: "W1", Lines: lines})
		case "QueryStockTransfers":
			_, err = c.QueryStockTransfers(ctx, &wangdiantong.StockTransferQuery{PageSize: size})
		case "QueryProviders":
			_, err = c.QueryProviders(ctx, &wangdiantong.ProviderQuery{PageSize: size})
		case "QueryGoods":
			_, err = c.QueryGoods(ctx, &wangdiantong.GoodsQuery{PageSize: size})
		case "PushGoods":
			goods := make([]wangdiantong.GoodsPush, n)
			for i := range goods {
				goods[i] = wangdiantong.GoodsPush{GoodsNo: fmt.Sprint("G", i), Specs: []wangdiantong.GoodsPushSpec{{SpecNo: fmt.Sprint("S", i)}}}
			}
			_, err = c.PushGoods(ctx, &wangdiantong.GoodsPushRequest{Goods: goods})
		case "QueryStock":
			_, err = c.QueryStock(ctx, &wangdiantong.StockQuery{StartTime: from, EndTime: to, PageSize: size})
		case "QueryShops":
			_, err = c.QueryShops(ctx, &wangdiantong.ShopQuery{PageSize: size})
		case "QueryWarehouses":
			_, err = c.QueryWarehouses(ctx, &wangdiantong.WarehouseQuery{PageSize: size})
		case "QueryLogisticsSync":
			_, err = c.QueryLogisticsSync(ctx, &wangdiantong.LogisticsSyncQuery{ShopNo: "s1", Limit: size})
		case "PushTrades":
			_, err = c.PushTrades(ctx, &wangdiantong.TradePushRequest{ShopNo: "s1", Trades: trades(n)})
		case "AckLogisticsSync":
			_, err = c.AckLogisticsSync(ctx, &wangdiantong.LogisticsAckRequest{Acks: acks(n)})
		default:
			t.Fatalf("no request for %s", op.Name)
		}
		return err
	}
	checked := 0
	for _, op := range wangdiantong.Operations() {
		type limit struct {
			field              string
			span               time.Duration
			size, n            int
			overSpan, overSize bool
		}
		var limits []limit
		if op.MaxWindow > 0 {
			limits = append(limits, limit{field: "end_time", span: op.MaxWindow, size: 1, overSpan: true})
		}
		if op.MaxPageSize > 0 {
			field := "page_size"
			if op.Paging == duijie.NotPaged {
				field = "limit"
			}
			limits = append(limits, limit{field: field, size: op.MaxPageSize, overSize: true})
		}
		if op.MaxBatch > 0 {
			limits = append(limits, limit{field: wdtBatchField[op.Name], n: op.MaxBatch})
		}
		if wdtNoCap[op.Wire] {
			require.Empty(t, limits, "%s has a cap", op.Wire)
			continue
		}
		require.NotEmpty(t, limits, "%s has no cap to check", op.Wire)
		for _, l := range limits {
			t.Run(op.Wire+"/"+l.field, func(t *testing.T) {
				// At the cap the request is sent.
				srv.ResetJournal()
				err := call(op, l.span, l.size, l.n)
				var ve *duijie.ValidationError
				assert.False(t, errors.As(err, &ve), "at the cap: %v", err)
				assert.Equal(t, 1, srv.Calls(""), "at the cap the request is sent")
				// One past it, nothing is sent.
				srv.ResetJournal()
				span, size, n := l.span, l.size, l.n
				switch {
				case l.overSpan:
					span += time.Second
				case l.overSize:
					size++
				default:
					n++
				}
				err = call(op, span, size, n)
				require.ErrorAs(t, err, &ve)
				assert.Equal(t, l.field, ve.Field)
				assert.Zero(t, srv.Calls(""), "nothing is sent past the cap")
				checked++
			})
		}
	}
	assert.Equal(t, 36, checked, "11 windows, 21 page sizes, 4 batches")
}
