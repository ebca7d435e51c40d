// Package wangdiantong is a client for Wangdiantong (旺店通) enterprise
// openapi2, called directly (api.wangdian.cn/openapi2/<file>.php) or through
// the Taobao Qimen gateway (旺店通·企业奇门, wdt.* methods): choose with
// Config.Route. The typed operations are the same on both routes.
//
//	c, err := wangdiantong.NewClient(wangdiantong.Config{SID: sid, AppKey: key, AppSecret: secret})
//	res, err := c.PushTrades(ctx, &wangdiantong.TradePushRequest{ShopNo: "shop1", Trades: trades})
//	for s, err := range c.RefundStockins(ctx, &wangdiantong.RefundStockinQuery{StartTime: from, EndTime: to}) { ... }
//
// The typed operations (each a row of Operations, with its Qimen name from
// QimenMethod; the iterators walk every page and window):
//
//   - orders and shipping: PushTrades (trade_push, 创建原始单, at most 50
//     trades in strict or non-strict mode, one outcome per trade),
//     QueryTrades / Trades (trade_query and his_trade_query, 60-minute
//     windows), QueryLogisticsSync and AckLogisticsSync (物流同步),
//     QuerySalesStockouts / SalesStockouts (stockout_order_query_trade,
//     查询销售出库单, and his_stockout_order_query_trade);
//   - returns: QueryRefundStockins / RefundStockins
//     (stockin_order_query_refund, 查询退货入库单, and its archive),
//     QueryRefunds / Refunds (refund_query, 查询退换管理, and
//     his_refund_query);
//   - master data: QueryShops, QueryWarehouses, QueryGoods / GoodsList
//     (goods_query, 查询货品档案), PushGoods (goods_push, 创建货品档案, at
//     most 50 goods, upserted by goods_no and spec_no), QueryProviders /
//     Providers (purchase_provider_query, 查询供应商);
//   - purchase: QueryPurchaseOrders / PurchaseOrders (purchase_order_query,
//     查询采购单), PushPurchaseOrder (purchase_order_push, 创建采购单, keyed
//     by outer_no), QueryPurchaseStockins / PurchaseStockins
//     (stockin_order_query_purchase, 查询采购入库单), QueryPurchaseReturns /
//     PurchaseReturns (purchase_return_query, 查询采购退货单),
//     QueryPurchaseReturnStockouts / PurchaseReturnStockouts
//     (stockout_order_query_return, 查询采购退货出库单);
//   - stock: QueryStock / Stocks (stock_query), QueryStockouts / Stockouts
//     (stockout_order_query, 查询出库单管理), QueryStockins / Stockins
//     (stockin_order_query, 查询入库单管理), PushStockout
//     (stockout_order_push, 创建其他出库单, keyed by outer_no, replayed),
//     PushStockin (stockin_order_push, 创建其他入库单, outer_no only
//     inferred as a key, never replayed), PushStocktake (stock_sync_by_pd,
//     创建盘点单, keyed by api_outer_no, at most 500 lines),
//     QueryStockTransfers / StockTransfers (stock_transfer_query, 查询调拨单).
//
// Call reaches anything else:
//
//	err := c.Call(ctx, &wangdiantong.CallRequest{Method: "suites_query.php", Params: map[string]any{"suite_no": "T1"}, SafeToReplay: true}, &out)
//
// # Signing
//
// openapi2 signs the sorted parameters as "%02d-key:%04d-value" joined by
// ";" with the app secret appended, md5 in lower-case hex, lengths counted
// in Unicode characters as the official PHP SDK does (SignOpenAPI). Qimen
// signs with md5, hmac or hmac-sha256 in upper-case hex (SignQimen). Every
// call is signed once, with the client's clock, and the same bytes are
// replayed on a retry.
//
// # Characters
//
// Nested values (trade_list, logistics_list, goods_list, stockout_info …)
// travel as JSON strings with every non-ASCII character written as a \u
// escape, so the signed length is the same however a server counts.
// Characters outside the Basic Multilingual Plane (emoji) in those lists are
// dropped by default, because the ERP stores 3-byte UTF-8 and refuses or
// mangles them; set Config.KeepEmoji to send them (the ERP may then refuse
// the trade, which PushTrades reports for that trade). Plain parameters are
// sent as given.
//
// # Paging and windows
//
// Pages are numbered from 0; page_size is checked against each endpoint's
// maximum (the MaxPageSize of its row in Operations: 100, 40 for
// refund_query) and defaults to DefaultPageSize. The page-level methods
// (every Query method but QueryLogisticsSync) return a *duijie.Page:
// Number and Size are
// page_no and page_size, Total is total_count (-1 when the answer has none:
// the vendor may send it with page 0 only), and HasMore is computed from
// the total, or from a full page without one. The iterators read the total
// from the first page. An answer without its list key (stockin_list,
// trades, stocks, stockout_list, goods_list …, one per listing) is an
// error matching ErrMissingList, never an empty page. Where the vendor
// documents no maximum span (goods, purchase, transfer and supplier
// listings) the window is optional and read as one span. StartTime and EndTime are the vendor's own
// range, inclusive at both ends and read to the second; a range of one
// second (StartTime == EndTime) is queried, not skipped. The iterators cut
// the range into the endpoint's maximum window, each span ending the
// second before the next begins, so no record is read twice or missed on a
// boundary, page each span, and stop at the first error. To read a
// half-open window [from, to), such as the windows mapping.Sync hands out,
// use the query's InWindow, which sets the inclusive range for you. Rows
// are selected by modification time: pull up to a moment a little in the
// past, so rows still changing do not move between pages while you read.
//
// # Errors, retries, limits
//
// Answers are decoded as JSON whatever their Content-Type says; failures are
// *duijie.APIError values classed with the duijie sentinels. Code 100 is
// ErrSignature (sign, timestamp) or ErrAuth (appkey, disabled account);
// Qimen gateway codes map the same way and keep sub_code and request_id;
// 5xx and busy answers are ErrTemporary; throttle answers are
// ErrRateLimited.
//
// Retries follow one rule. Reads, and the writes the ERP keys by a number
// the request carries — trade_push by tid (a replay updates the trade,
// never adds a second one), logistics_sync_ack by rec_id, goods_push by
// goods_no and spec_no, stockout_order_push and purchase_order_push by
// outer_no, and stock_sync_by_pd by api_outer_no — are replayed
// after an unclear outcome: a 5xx, a reset, a timeout, a busy or throttle
// answer. The throttle codes 1012 (openapi2) and 7 (the Qimen gateway's
// call limit) are refused before processing, so any call is replayed after
// them. Message wording alone never makes a write replayable: an answer
// that only reads like a throttle (频繁, 超过每分钟 ...) is ErrRateLimited,
// but is replayed only for an operation that is safe to replay. A raw
// call (Call with a CallRequest) is replayed after an unclear outcome only
// when its SafeToReplay says so, which it does not by default; otherwise
// the error says the write may have arrived. The client keeps to
// DefaultCallsPerMinute (60) calls a minute unless duijie.WithRateLimit
// says otherwise. A call that queues for its slot longer than the vendor's
// five-minute timestamp tolerance would be refused as ErrSignature, so do
// not queue hundreds of concurrent calls on one client.
//
// The package wangdiantongtest has an in-process fake of both routes for
// tests and examples.
package wangdiantong
