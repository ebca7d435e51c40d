package wangdiantong

import (
	"reflect"
	"time"

	"github.com/duijie/duijie"
)

// operation is one row of the operation table: the public description
// (duijie.Operation, whose Wire is the openapi2 script) plus the Qimen
// method name and, for listings, the answer's list key.
type operation struct {
	duijie.Operation
	// qimen is the 企业奇门 method name, sent without the routing prefix
	// (hu3cgwt0tc.) as the gateway accepts; "" where none is published, in
	// which case the Qimen route refuses the call before sending.
	qimen string
	// list is the answer's list key of a listing (trades, stocks, …).
	list string
}

// opID names a row of the table.
type opID int

// The rows, in table order.
const (
	opPushTrades opID = iota
	opRefundStockins
	opRefundStockinsArchive
	opTrades
	opTradesArchive
	opStock
	opLogisticsSync
	opLogisticsAck
	opShops
	opWarehouses
	opSalesStockouts
	opSalesStockoutsArchive
	opGoods
	opGoodsPush
	opPurchaseStockins
	opPurchaseOrders
	opRefunds
	opRefundsArchive
	opStockouts
	opStockins
	opPurchaseReturns
	opPurchaseReturnStockouts
	opStockoutPush
	opStockinPush
	opStocktake
	opStockTransfers
	opProviders
	opPurchaseOrderPush
	numOps
)

// Windows and page sizes of the listings (vendor notes §1.5): trade_query
// spans at most 60 minutes, the stock-in and stock queries 30 days, both
// ends inclusive; page_size is 1..100 on every listing typed here.
const (
	tradeWindow   = time.Hour
	monthWindow   = 30 * 24 * time.Hour
	listPageLimit = 100
	// refundPageLimit is refund_query's page_size maximum (1..40, vendor
	// notes from QEasy pages).
	refundPageLimit = 40
)

// table is the one description of every typed operation: the typed
// methods, their iterators, the page-size, window and batch checks and the
// retry decision all read it. A new operation is a row here, its request
// and response types, its method and a test. The Qimen names come from the
// published 企业奇门 method list (hu3cgwt0tc.wdt.*) and are listed one by
// one, since they do not all follow from the file names (shop.php is
// wdt.shop.query).
func table() [numOps]operation {
	type O = duijie.Operation
	paged := duijie.PagedByNumber
	return [numOps]operation{
		opPushTrades: {O{Name: "PushTrades", Wire: "trade_push.php", Title: "创建原始单",
			Request: reflect.TypeFor[TradePushRequest](), Response: reflect.TypeFor[TradePushResponse](),
			// The ERP creates or updates by (shop_no, tid): a replay updates.
			SafeToReplay: true, MaxBatch: MaxTradesPerPush}, "wdt.trade.push", ""},
		opRefundStockins: {O{Name: "QueryRefundStockins", Wire: "stockin_order_query_refund.php", Title: "查询退货入库单",
			Request: reflect.TypeFor[RefundStockinQuery](), Response: reflect.TypeFor[RefundStockin](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit, MaxWindow: monthWindow}, "wdt.stockin.order.query.refund", "stockin_list"},
		opRefundStockinsArchive: {O{Name: "QueryRefundStockins", Wire: "his_stockin_order_query_refund.php", Title: "查询历史退货入库单",
			Request: reflect.TypeFor[RefundStockinQuery](), Response: reflect.TypeFor[RefundStockin](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit, MaxWindow: monthWindow}, "", "stockin_list"},
		opTrades: {O{Name: "QueryTrades", Wire: "trade_query.php", Title: "查询订单管理",
			Request: reflect.TypeFor[TradeQuery](), Response: reflect.TypeFor[ERPTrade](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit, MaxWindow: tradeWindow}, "wdt.trade.query", "trades"},
		opTradesArchive: {O{Name: "QueryTrades", Wire: "his_trade_query.php", Title: "查询历史订单",
			Request: reflect.TypeFor[TradeQuery](), Response: reflect.TypeFor[ERPTrade](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit, MaxWindow: tradeWindow}, "wdt.his.trade.query", "trades"},
		opStock: {O{Name: "QueryStock", Wire: "stock_query.php", Title: "增量查询库存",
			Request: reflect.TypeFor[StockQuery](), Response: reflect.TypeFor[Stock](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit, MaxWindow: monthWindow}, "wdt.stock.query", "stocks"},
		// Not paged: the answer is the records still waiting, at most
		// limit of them (1..100), which MaxPageSize holds.
		opLogisticsSync: {O{Name: "QueryLogisticsSync", Wire: "logistics_sync_query.php", Title: "查询物流同步",
			Request: reflect.TypeFor[LogisticsSyncQuery](), Response: reflect.TypeFor[LogisticsSyncResponse](),
			SafeToReplay: true, MaxPageSize: MaxLogisticsSyncLimit}, "wdt.logistics.sync.query", "trades"},
		// Acknowledging the same rec_id again sets the same state.
		opLogisticsAck: {O{Name: "AckLogisticsSync", Wire: "logistics_sync_ack.php", Title: "物流同步回写",
			Request: reflect.TypeFor[LogisticsAckRequest](), Response: reflect.TypeFor[LogisticsAckResponse](),
			SafeToReplay: true, MaxBatch: MaxAcksPerCall}, "wdt.logistics.sync.ack", ""},
		opShops: {O{Name: "QueryShops", Wire: "shop.php", Title: "查询店铺",
			Request: reflect.TypeFor[ShopQuery](), Response: reflect.TypeFor[Shop](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit}, "wdt.shop.query", "shoplist"},
		opWarehouses: {O{Name: "QueryWarehouses", Wire: "warehouse_query.php", Title: "查询仓库",
			Request: reflect.TypeFor[WarehouseQuery](), Response: reflect.TypeFor[Warehouse](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit}, "wdt.warehouse.query", "warehouses"},
		// Window: 30 days, closed (stockout_order_query_trade.php); the
		// archive has no published Qimen name.
		opSalesStockouts: {O{Name: "QuerySalesStockouts", Wire: "stockout_order_query_trade.php", Title: "查询销售出库单",
			Request: reflect.TypeFor[SalesStockoutQuery](), Response: reflect.TypeFor[SalesStockout](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit, MaxWindow: monthWindow}, "wdt.stockout.order.query.trade", "stockout_list"},
		opSalesStockoutsArchive: {O{Name: "QuerySalesStockouts", Wire: "his_stockout_order_query_trade.php", Title: "查询历史销售出库单",
			Request: reflect.TypeFor[SalesStockoutQuery](), Response: reflect.TypeFor[SalesStockout](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit, MaxWindow: monthWindow}, "", "stockout_list"},
		// page_size 1..100; no window maximum is documented.
		opGoods: {O{Name: "QueryGoods", Wire: "goods_query.php", Title: "查询货品档案",
			Request: reflect.TypeFor[GoodsQuery](), Response: reflect.TypeFor[Goods](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit}, "wdt.goods.query", "goods_list"},
		// The ERP creates or updates by goods_no and spec_no: a replay updates.
		opGoodsPush: {O{Name: "PushGoods", Wire: "goods_push.php", Title: "创建货品档案",
			Request: reflect.TypeFor[GoodsPushRequest](), Response: reflect.TypeFor[GoodsPushResponse](),
			SafeToReplay: true, MaxBatch: MaxGoodsPerPush}, "wdt.goods.push", ""},
		// No window maximum is documented for the next two.
		opPurchaseStockins: {O{Name: "QueryPurchaseStockins", Wire: "stockin_order_query_purchase.php", Title: "查询采购入库单",
			Request: reflect.TypeFor[PurchaseStockinQuery](), Response: reflect.TypeFor[PurchaseStockin](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit}, "wdt.stockin.order.query.purchase", "stockin_list"},
		opPurchaseOrders: {O{Name: "QueryPurchaseOrders", Wire: "purchase_order_query.php", Title: "查询采购单",
			Request: reflect.TypeFor[PurchaseOrderQuery](), Response: reflect.TypeFor[PurchaseOrder](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit}, "wdt.purchase.order.query", "purchase_list"},
		// Window: 30 days, closed (refund_query.php); page_size 1..40.
		opRefunds: {O{Name: "QueryRefunds", Wire: "refund_query.php", Title: "查询退换管理",
			Request: reflect.TypeFor[RefundQuery](), Response: reflect.TypeFor[Refund](),
			SafeToReplay: true, Paging: paged, MaxPageSize: refundPageLimit, MaxWindow: monthWindow}, "wdt.refund.query", "refunds"},
		opRefundsArchive: {O{Name: "QueryRefunds", Wire: "his_refund_query.php", Title: "查询历史退换单",
			Request: reflect.TypeFor[RefundQuery](), Response: reflect.TypeFor[Refund](),
			SafeToReplay: true, Paging: paged, MaxPageSize: refundPageLimit, MaxWindow: monthWindow}, "", "refunds"},
		// Window: 30 days, closed (both pages).
		opStockouts: {O{Name: "QueryStockouts", Wire: "stockout_order_query.php", Title: "查询出库单管理",
			Request: reflect.TypeFor[StockoutQuery](), Response: reflect.TypeFor[Stockout](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit, MaxWindow: monthWindow}, "wdt.stockout.order.query", "stockout_list"},
		opStockins: {O{Name: "QueryStockins", Wire: "stockin_order_query.php", Title: "查询入库单管理",
			Request: reflect.TypeFor[StockinQuery](), Response: reflect.TypeFor[Stockin](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit, MaxWindow: monthWindow}, "wdt.stockin.order.query", "stockin_list"},
		// No window maximum is documented for the next two.
		opPurchaseReturns: {O{Name: "QueryPurchaseReturns", Wire: "purchase_return_query.php", Title: "查询采购退货单",
			Request: reflect.TypeFor[PurchaseReturnQuery](), Response: reflect.TypeFor[PurchaseReturn](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit}, "wdt.purchase.return.query", "purchase_list"},
		opPurchaseReturnStockouts: {O{Name: "QueryPurchaseReturnStockouts", Wire: "stockout_order_query_return.php", Title: "查询采购退货出库单",
			Request: reflect.TypeFor[PurchaseReturnStockoutQuery](), Response: reflect.TypeFor[PurchaseReturnStockout](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit}, "wdt.stockout.order.query.return", "stockout_list"},
		// outer_no is documented as the de-duplication key: a replay does
		// not create a second bill.
		opStockoutPush: {O{Name: "PushStockout", Wire: "stockout_order_push.php", Title: "创建其他出库单",
			Request: reflect.TypeFor[StockoutPush](), Response: reflect.TypeFor[StockoutPushResponse](),
			SafeToReplay: true}, "wdt.stockout.order.push", ""},
		// outer_no as a key is only inferred: never replayed after an
		// unclear outcome.
		opStockinPush: {O{Name: "PushStockin", Wire: "stockin_order_push.php", Title: "创建其他入库单",
			Request: reflect.TypeFor[StockinPush](), Response: reflect.TypeFor[StockinPushResponse](),
			SafeToReplay: false}, "wdt.stockin.order.push", ""},
		// api_outer_no is unique in the ERP; at most 500 lines.
		opStocktake: {O{Name: "PushStocktake", Wire: "stock_sync_by_pd.php", Title: "创建盘点单",
			Request: reflect.TypeFor[StocktakeRequest](), Response: reflect.TypeFor[StocktakeResponse](),
			SafeToReplay: true, MaxBatch: MaxStocktakeLines}, "wdt.stock.sync.by.pd", ""},
		// No window maximum is documented.
		opStockTransfers: {O{Name: "QueryStockTransfers", Wire: "stock_transfer_query.php", Title: "查询调拨单",
			Request: reflect.TypeFor[StockTransferQuery](), Response: reflect.TypeFor[StockTransfer](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit}, "wdt.stock.transfer.query", "transfer_list"},
		opProviders: {O{Name: "QueryProviders", Wire: "purchase_provider_query.php", Title: "查询供应商",
			Request: reflect.TypeFor[ProviderQuery](), Response: reflect.TypeFor[Provider](),
			SafeToReplay: true, Paging: paged, MaxPageSize: listPageLimit}, "wdt.purchase.provider.query", "provider_list"},
		// outer_no is to be kept unique: a replay does not add an order.
		opPurchaseOrderPush: {O{Name: "PushPurchaseOrder", Wire: "purchase_order_push.php", Title: "创建采购单",
			Request: reflect.TypeFor[PurchaseOrderPush](), Response: reflect.TypeFor[PurchaseOrderPushResponse](),
			SafeToReplay: true}, "wdt.purchase.order.push", ""},
	}
}

// row returns the table's row id.
func (id opID) row() operation { return table()[id] }

// Operations returns the typed operations, one row each, in a new slice on
// every call: Name is the Client method, Wire the enterprise openapi2
// script (e.g. "trade_push.php"), Title the vendor's Chinese name, Request
// and Response the method's types (Response is the row type of a paged
// read), SafeToReplay whether failures that may have reached the vendor
// are retried, and the paging kind with the page-size, window and batch
// maxima the client checks before sending. QueryTrades and
// QueryRefundStockins, QuerySalesStockouts and QueryRefunds have a second
// row for their archive scripts (his_*), chosen by the query's History
// field. QimenMethod gives each row's name on the Qimen route. Other
// operations go through Client.Call.
func Operations() []duijie.Operation {
	t := table()
	out := make([]duijie.Operation, len(t))
	for i, o := range t {
		out[i] = o.Operation
	}
	return out
}

// QimenMethod returns the 企业奇门 method name of a typed operation, given
// its openapi2 script (an Operations row's Wire), e.g. "wdt.trade.push"
// for "trade_push.php". ok is false for a script this package does not
// type and for the archive scripts with no published Qimen name
// (his_stockin_order_query_refund.php, his_stockout_order_query_trade.php,
// his_refund_query.php).
func QimenMethod(wire string) (name string, ok bool) {
	for _, o := range table() {
		if o.Wire == wire {
			return o.qimen, o.qimen != ""
		}
	}
	return "", false
}
