// Package duijie (对接, "to connect two systems") connects a Go ERP backend
// to the Chinese e-commerce platforms and ERPs it trades with: Jushuitan
// (聚水潭), Wangdiantong (旺店通) directly or through the Qimen (奇门) gateway,
// Kingdee Cloud Galaxy (金蝶云星空), Yihua (益华) and the Honor Himall VF
// distributor API with its PSI upload (荣耀 VF / PSI). It gives typed,
// signed, retried and rate-limited clients, in-process fakes of every vendor
// to test against, the pure mapping and PSI logic a host ERP composes around
// them, a receiver for pushed orders and durable state stores.
//
// This package is the public core every vendor package uses: the values,
// the errors, the client options and the page type. Vendor packages name
// them directly (duijie.WithBaseURL, duijie.Amount, duijie.ErrAuth) and
// keep no copies of their own.
//
// # Packages
//
//   - duijie: the public core (below).
//   - wangdiantong: Wangdiantong enterprise openapi2 and its Qimen route:
//     trade_push, refund stock-ins, trades, stock, shops, warehouses,
//     logistics sync.
//   - jushuitan: Jushuitan openapi v2 and the legacy API: tokens, inventory,
//     order upload, orders, shipments, shops, warehouses, ts cursors.
//   - kingdee: Kingdee Cloud Galaxy WebAPI: Save/BatchSave/Draft settled by
//     bill-number look-up, Submit/Audit/UnAudit/Delete/Push/View,
//     ExecuteBillQuery paging, the sales return SAL_RETURNSTOCK.
//   - yihua: Yihua ErpService TradeTransferToErp and its Master/Detail/Pay
//     XML.
//   - honor: Honor Himall VF goods, customers, orders, shipment feedback,
//     incentives, fund pool and the PSI serial-number upload.
//   - wangdiantong/wangdiantongtest, jushuitan/jushuitantest,
//     kingdee/kingdeetest, yihua/yihuatest, honor/honortest: a stateful
//     in-process fake of each vendor that checks signatures, keeps state,
//     pages like the vendor and injects faults.
//   - duijietest: the public fault kit every vendor fake is built on (one
//     fault vocabulary, a chaos mix, a journal of requests); each fake has
//     URL(), Config() and NewClient(opts...).
//   - mapping: pure logic: correspondence tables, orders that keep only
//     mapped lines, converters between vendor models, incremental sync
//     windows with checkpoints.
//   - psi: pure logic: which wholesale documents and serial numbers go to
//     Honor PSI, the nightly batch, the upload log and its re-upload (补传).
//   - push: an http.Handler receiving signed pushed orders (OpenCallback),
//     de-duplicated and handed to the host once per content.
//   - cmd/duijie: the duijie command: sign a request, explain a refused
//     one, call any operation, serve the fakes.
//   - store (module github.com/duijie/duijie/store): durable implementations
//     of the SDK's state interfaces: store/sqlite, store/postgres,
//     store/redis, the shared suite store/storetest, and the runnable
//     programs under store/examples.
//
// # The public core
//
//   - Values: Amount, an exact decimal for money and quantities (ParseAmount,
//     AmountFromInt, AmountFromCents, AmountFromDecimal); Time, an instant in
//     China Standard Time (NewTime, ParseTime, CST); Date, a calendar day
//     (DateOf, ParseDate); Int64, an id sent as 123 or "123"; Text, a string
//     sometimes sent as a number; Bool, a flag sent as true, "1", "Y" ...;
//     Secret, a credential that prints as [REDACTED]; the layouts
//     LayoutDateTime and LayoutDate.
//   - Errors: *APIError (the vendor's code and message; AsAPIError),
//     *ValidationError (input refused before any byte is sent, naming one
//     of the Rule constants; Invalid),
//     *BatchError with one RowError per failed row, *TransportError (no
//     usable answer), MayHaveArrived and ClassForStatus.
//   - Sentinels for errors.Is: ErrRateLimited, ErrAuth, ErrSignature,
//     ErrInvalidRequest, ErrNotFound, ErrTemporary, ErrRepeatedPage.
//   - Client options, accepted by every vendor's NewClient: Options, Option,
//     WithBaseURL, WithHTTPClient, WithRetry (a RetryPolicy;
//     DefaultRetryPolicy), WithRateLimit (Limit: PerSecond, PerMinute,
//     NoLimit), WithRateLimiter (a RateLimiter shared by clients or
//     processes; NewRateLimiter, store/redis), WithLogger, WithClock,
//     WithUserAgent, WithMaxBodyBytes.
//   - Page[T], the one shape of a page that every paged read returns.
//   - Operation (with Paging): the row of each vendor's operation table,
//     which its Operations function returns: the client method, the
//     vendor's wire name, the request and response types, replay safety,
//     paging kind, window maximum, page-size maximum and batch cap. The
//     typed methods, iterators and retry decisions read that table.
//   - Version.
//
// # Replays
//
// One rule holds for every vendor and operation, and each operation's doc
// comment says which part applies. Reads are replayed after any transient
// failure (a 5xx, a reset, a timeout, a throttle answer). Any request is
// replayed when it provably never reached the server, or when the vendor
// answered with a code it documents as refused before processing
// (Jushuitan 199 and 200, Wangdiantong 1012, the Qimen gateway's 7). A
// write is replayed after an unclear outcome only when the vendor documents
// that it de-duplicates by a key the request carries (Wangdiantong
// trade_push by tid, logistics_sync_ack by rec_id); never on message text
// that merely reads like a throttle. Otherwise the SDK settles the outcome
// by a look-up where the vendor allows one (Kingdee bills, by bill number)
// or reports the write as may-have-arrived: duijie.MayHaveArrived(err) is
// true, or a batch row has RowError.OutcomeUnknown, and the host looks the
// document up before sending it again. Validation, auth and signature
// errors are never retried.
//
// # Usage
//
//	c, err := jushuitan.NewClient(
//		jushuitan.Config{AppKey: key, AppSecret: duijie.Secret(secret), AccessToken: duijie.Secret(token)},
//		duijie.WithBaseURL(jushuitan.SandboxURL), duijie.WithLogger(logger))
//	for item, err := range c.Inventory(ctx, &jushuitan.InventoryQuery{SKUIDs: []string{"A1"}}) {
//		// every page; stops at the first error
//	}
//	res, err := c.UploadOrders(ctx, &jushuitan.UploadOrdersRequest{Orders: orders})
//	var be *duijie.BatchError
//	switch {
//	case errors.As(err, &be): // res holds every order's outcome; be lists the failed rows
//	case duijie.MayHaveArrived(err): // no clear answer: the orders may be in Jushuitan
//	case errors.Is(err, duijie.ErrAuth): // the merchant must authorize the app again
//	}
package duijie
