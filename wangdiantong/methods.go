package wangdiantong

import "time"

// Method describes one typed Wangdiantong operation on both routes: a row
// of the table below, which the typed methods, their retries and the fake
// read.
type Method struct {
	// File is the enterprise openapi2 script, e.g. "trade_push.php".
	File string
	// Qimen is the Qimen method name, e.g. "wdt.trade.push". Names are
	// listed explicitly: they do not all follow from the file name.
	Qimen string
	// SafeToReplay is true for reads and for writes keyed by a business
	// number the vendor de-duplicates on.
	SafeToReplay bool
	// MaxPageSize is the largest page_size the vendor accepts (0: not paged).
	MaxPageSize int
	// MaxWindow is the longest start_time..end_time span (0: no window).
	MaxWindow time.Duration
}

// The typed operations, one row each: their names on both routes, replay
// safety, page and window maxima. Other operations go through Client.Call
// with a CallRequest naming them. The Qimen names come from the published
// 企业奇门 method list (hu3cgwt0tc.wdt.*), sent without the routing prefix
// as the gateway accepts; they are listed one by one because they do not
// all follow from the file names (shop.php is wdt.shop.query).
var (
	// MethodTradePush creates or updates raw orders by tid (创建原始单).
	MethodTradePush = Method{File: "trade_push.php", Qimen: "wdt.trade.push", SafeToReplay: true}
	// MethodRefundStockinQuery queries refund stock-ins (查询退货入库单).
	MethodRefundStockinQuery = Method{File: "stockin_order_query_refund.php", Qimen: "wdt.stockin.order.query.refund", SafeToReplay: true, MaxPageSize: 100, MaxWindow: 30 * 24 * time.Hour}
	// MethodRefundStockinQueryHistory queries archived refund stock-ins
	// (查询历史退货入库单). It has no Qimen name: none is published, so on
	// the Qimen route the call is refused before sending.
	MethodRefundStockinQueryHistory = Method{File: "his_stockin_order_query_refund.php", SafeToReplay: true, MaxPageSize: 100, MaxWindow: 30 * 24 * time.Hour}
	// MethodTradeQuery queries ERP orders by modification time (查询订单管理).
	MethodTradeQuery = Method{File: "trade_query.php", Qimen: "wdt.trade.query", SafeToReplay: true, MaxPageSize: 100, MaxWindow: time.Hour}
	// MethodTradeQueryHistory queries archived ERP orders (查询历史订单).
	MethodTradeQueryHistory = Method{File: "his_trade_query.php", Qimen: "wdt.his.trade.query", SafeToReplay: true, MaxPageSize: 100, MaxWindow: time.Hour}
	// MethodStockQuery queries stock changes (增量查询库存).
	MethodStockQuery = Method{File: "stock_query.php", Qimen: "wdt.stock.query", SafeToReplay: true, MaxPageSize: 100, MaxWindow: 30 * 24 * time.Hour}
	// MethodLogisticsSyncQuery lists shipments waiting to be synced (查询物流同步).
	MethodLogisticsSyncQuery = Method{File: "logistics_sync_query.php", Qimen: "wdt.logistics.sync.query", SafeToReplay: true}
	// MethodLogisticsSyncAck reports shipment sync results (物流同步回写);
	// acknowledging the same rec_id again sets the same state.
	MethodLogisticsSyncAck = Method{File: "logistics_sync_ack.php", Qimen: "wdt.logistics.sync.ack", SafeToReplay: true}
	// MethodShopQuery queries shops (查询店铺).
	MethodShopQuery = Method{File: "shop.php", Qimen: "wdt.shop.query", SafeToReplay: true, MaxPageSize: 100}
	// MethodWarehouseQuery queries warehouses (查询仓库).
	MethodWarehouseQuery = Method{File: "warehouse_query.php", Qimen: "wdt.warehouse.query", SafeToReplay: true, MaxPageSize: 100}
)
