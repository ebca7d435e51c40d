// Package wangdiantong is a client for Wangdiantong (旺店通) enterprise
// openapi2, called directly (api.wangdian.cn/openapi2/<file>.php) or through
// the Taobao Qimen gateway (旺店通·企业奇门, wdt.* methods): choose with
// Config.Route. The typed operations are the same on both routes.
//
//	c, err := wangdiantong.NewClient(wangdiantong.Config{SID: sid, AppKey: key, AppSecret: secret})
//	res, err := c.PushTrades(ctx, &wangdiantong.TradePushRequest{ShopNo: "shop1", Trades: trades})
//	for s, err := range c.RefundStockins(ctx, &wangdiantong.RefundStockinQuery{StartTime: from, EndTime: to}) { ... }
//
// The operations: PushTrades (trade_push, 创建原始单, at most 50 trades, one
// outcome per trade), QueryRefundStockins / RefundStockins
// (stockin_order_query_refund, 查询退货入库单, and its archive
// his_stockin_order_query_refund), QueryTrades / Trades (trade_query and
// his_trade_query, 60-minute windows), QueryStock / Stocks (stock_query),
// QueryShops, QueryWarehouses, QueryLogisticsSync and AckLogisticsSync
// (物流同步), and Call for anything else.
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
// Nested lists (trade_list, logistics_list) travel as JSON strings with
// every non-ASCII character written as a \u escape, so the signed length is
// the same however a server counts. Characters outside the Basic
// Multilingual Plane (emoji) in those lists are dropped by default, because
// the ERP stores 3-byte UTF-8 and refuses or mangles them; set
// Config.KeepEmoji to send them (the ERP may then refuse the trade, which
// PushTrades reports for that trade). Plain parameters are sent as given.
//
// # Paging and windows
//
// Pages are numbered from 0; page_size is checked against each endpoint's
// maximum (Method.MaxPageSize) and defaults to DefaultPageSize. total_count
// is read from the first page. The iterators cut the time range into the
// endpoint's maximum window (closed intervals that neither overlap nor
// leave a gap), page each window, and stop at the first error. Rows are
// selected by modification time: pull up to a moment a little in the past,
// so rows still changing do not move between pages while you read.
//
// # Errors, retries, limits
//
// Answers are decoded as JSON whatever their Content-Type says. Code 1012
// and throttle wording are ErrRateLimited and retried for every operation;
// code 100 is ErrSignature (sign, timestamp) or ErrAuth (appkey, disabled
// account); Qimen gateway codes map the same way and keep sub_code and
// request_id; 5xx and busy answers are ErrTemporary, retried for
// operations that are safe to replay (every typed operation here is: reads,
// and writes the ERP keys by tid or rec_id). The client keeps to
// DefaultCallsPerMinute (60) calls a minute unless WithRateLimit says
// otherwise. A call that queues for its slot longer than the vendor's
// five-minute timestamp tolerance would be refused as ErrSignature, so do
// not queue hundreds of concurrent calls on one client.
//
// The package wangdiantongtest has an in-process fake of both routes for
// tests and examples.
package wangdiantong
