// Package jushuitan is a client for the Jushuitan (聚水潭) open platform:
// openapi v2 (openapi.jushuitan.com, form POST to /open/<path> with
// app_key, access_token and a signed biz JSON) and the legacy API
// (open.erp321.com/api/open/query.aspx, partnerid/token/ts/sign in the
// query string and a JSON body). Choose with Config.Generation; the typed
// operations are the same on both, except those with no known legacy
// method (QueryOtherInOuts, UploadStockCount, UploadPurchase,
// QueryPurchases, UploadAfterSales, QueryAllocates, QueryReceived), which
// a legacy client refuses before sending.
//
//	c, err := jushuitan.NewClient(jushuitan.Config{AppKey: key, AppSecret: secret, AccessToken: token})
//	page, err := c.QueryInventory(ctx, &jushuitan.InventoryQuery{WarehouseID: 1, SKUIDs: []string{"A1"}})
//	for item, err := range c.InventoryByTS(ctx, &jushuitan.InventoryQuery{TS: checkpoint}) { ... }
//	res, err := c.UploadOrders(ctx, &jushuitan.UploadOrdersRequest{Orders: orders})
//
// The operations: QueryInventory / Inventory / InventoryByTS
// (/open/inventory/query, 商品库存查询), UploadOrders
// (/open/jushuitan/orders/upload, 订单上传, at most 50 orders, one outcome
// per order), QueryOrders / Orders / OrdersByTS (/open/orders/single/query,
// 订单查询), QueryShipments / Shipments (/open/logistic/query, 发货信息查询),
// QueryShops / Shops (/open/shops/query, 店铺查询), QueryWarehouses /
// Warehouses (/open/wms/partner/query, 仓库查询), QuerySaleOuts / SaleOuts /
// SaleOutsByTS (/open/orders/out/simple/query, 销售出库查询), QueryRefunds /
// Refunds / RefundsByTS (/open/refund/single/query, 退货退款查询),
// QueryPurchaseIns / PurchaseIns / PurchaseInsByTS (/open/purchasein/query,
// 采购入库查询), QueryPurchaseOuts / PurchaseOuts (/open/purchaseout/query,
// 采购退货查询), QueryOtherInOuts / OtherInOuts / OtherInOutsByTS
// (/open/other/inout/query, 其它出入库查询), UploadOtherInOut
// (/open/jushuitan/otherinout/upload, 新建其它出入库), QuerySKUs / SKUs
// (/open/sku/query, 普通商品资料查询), UploadSKUs
// (/open/jushuitan/itemsku/upload, 普通商品资料上传, one outcome per SKU),
// QuerySuppliers / Suppliers (/open/supplier/query, 供应商查询),
// UploadSuppliers (/open/supplier/upload, 供应商上传, one outcome per
// supplier), QueryStockCounts / StockCounts (/open/inventory/count/query,
// 库存盘点查询), UploadStockCount (/open/jushuitan/inventoryv2/upload,
// 新建盘点单-修改库存), UploadPurchase (/open/jushuitan/purchase/upload,
// 采购单上传), QueryPurchases / Purchases (/open/purchase/query, 采购单查询),
// UploadAfterSales (/open/aftersale/upload, 售后上传, one outcome per
// bill), QueryAllocates / Allocates (/open/allocate/query, 调拨单查询),
// QueryReceived / ReceivedBills / ReceivedByTS
// (/open/aftersale/received/query, 实际收货查询), and Call for any other
// path or method:
//
//	err := c.Call(ctx, &jushuitan.CallRequest{Path: "/open/allocate/query", Params: biz, SafeToReplay: true}, &out)
//
// Operations lists the typed operations as data, one row per generation:
// the method, the path or legacy method, the Chinese name, the request and
// response types, replay safety, paging, and the page-size, window and
// batch caps the client enforces before sending.
//
// The page-level queries return a *duijie.Page in the vendor's terms:
// Number is page_index (from 1), Size page_size, HasMore has_next, and Total
// data_count, -1 when the answer has none (is_get_total=false, as the ts
// cursor sends it). The iterators walk every page.
//
// # Signing
//
// openapi v2 signs MD5(app_secret + k1v1k2v2...) over the sorted form
// parameters, lower-case hex (SignOpenAPI); the biz JSON is marshalled once,
// without HTML escaping, and the signed bytes are the bytes sent and
// replayed. The legacy API signs MD5(method + partnerid + "token" + token +
// "ts" + ts + partnerkey) (SignLegacy). Both are checked against the
// vendor's published examples.
//
// # Tokens
//
// Access tokens live in a TokenStore (in memory by default) so that several
// processes can share one; a store that is also a TokenLocker (as
// MemoryTokenStore is) lets only one client at a time renew the token. The
// client refreshes a token RefreshAhead before it expires, and when the vendor
// refuses a token (code 100) it renews it once and replays the call only when
// the operation is safe to replay. Third-party (ISV) apps may not refresh
// (code 150): their error matches ErrMustReauthorize and duijie.ErrAuth.
// Self-developed apps may set AutoInitToken to call getInitToken (with a new
// code) when no token is left.
//
// A code exchange (getInitToken, accessToken) or refresh spends a single-use
// code or refresh token, so it is never replayed: after an unclear outcome,
// or a refused refresh, the client reloads the token store first and uses a
// token another process (or an earlier answer) stored; otherwise it reports
// an error matching ErrTokenOutcomeUnknown and never resends the code. A
// token the vendor issued is saved even when the caller's context ended.
//
// # Syncing without gaps
//
// Time ranges are capped at 7 days by the vendor (one day for supplier
// queries, and for sales-out queries that name a distributor); the
// iterators (Inventory, Orders, Shipments, SaleOuts and the other plural
// methods) cut longer ranges. Paging by time can miss rows that change
// during the scan, so the vendor recommends the ts (rowversion) cursor:
// InventoryByTS, OrdersByTS, SaleOutsByTS, RefundsByTS, PurchaseInsByTS,
// OtherInOutsByTS and ReceivedByTS move the cursor page by page, serve a
// row that changed again in its new version, and never skip one.
//
// # Errors, retries, limits
//
// Vendor codes map to the duijie sentinels ErrRateLimited (199, 200),
// ErrAuth (100, 110, 190), ErrSignature (10, 120, 180, and 140 about the
// timestamp), ErrNotFound (170), ErrTemporary (5xx, 内部保存失败) and
// ErrInvalidRequest; a *duijie.APIError keeps the raw code, message and
// requestId. A list answer without its list key (inventorys, orders, datas;
// shops.query's datas or shops) is an error matching ErrMissingList, never
// an empty page. The client paces itself to 5 calls a second and 100 a
// minute unless duijie.WithRateLimit says otherwise.
//
// Retries follow one rule:
//
//   - reads (the queries) are replayed after any transient failure;
//   - codes 199 and 200, which the vendor's code table gives for its gateway
//     throttle (the call was counted and refused, not run), are replayed for
//     every operation, writes included;
//   - a write is replayed after an unclear outcome (5xx, a reset, a
//     timeout, HTTP 429) only when the vendor documents that it
//     de-duplicates by a key the request carries: UploadStockCount (so_id,
//     the first success standing) and UploadAfterSales (outer_as_id, unique
//     on the platform). UploadOrders is keyed by (shop_id, so_id), but an
//     upload of a known key updates the order, so the client leaves the
//     resend to the caller; UploadOtherInOut, UploadSKUs, UploadSuppliers
//     and UploadPurchase have keys the notes only infer (external_id,
//     sku_id, supplier_code) and are never resent; token calls spend
//     single-use codes and refresh tokens;
//   - message wording alone never makes a call replayable: only the codes
//     above do;
//   - a raw call (Call) is a write unless its CallRequest says
//     SafeToReplay: by default it is never replayed blindly after an
//     unclear outcome.
//
// After an unclear outcome a write returns the error (a *duijie.TransportError
// says whether the request may have reached the vendor). UploadOrders reports
// every order's outcome; an order the answer does not account for is of
// unknown outcome (UploadResult.Unknown, duijie.RowError.OutcomeUnknown),
// never success and never a plain failure, and uploading it again is safe
// because the vendor keys orders by (shop_id, so_id). A partial success
// returns every order's outcome together with a *duijie.BatchError.
//
// The jushuitantest package is an in-process fake of both generations for
// tests and examples.
package jushuitan
