// Package honor is a client for Honor's (荣耀) Himall "VF" distributor
// interfaces and the PSI (进销存) serial-number upload, as a phone
// distributor's ERP uses them (荣耀接口):
//
//   - QueryVFGoods / VFGoodsModels: VF商品信息查询, the Himall goods models a
//     host maps to its own goods;
//   - QueryVFCustomers / VFCustomers: VF客户信息查询, the Himall customers;
//   - QueryVFOrders / VFOrders: the VF orders created or changed in a time
//     window (a host polls every 5 minutes and creates wholesale orders);
//   - SendVFShipmentFeedback: VF出库信息反馈, the outbound of a VF order, only
//     for orders that came from Himall, identified by outbound number;
//   - QueryVFIncentives / VFIncentives: VF激励查询, audited incentives by
//     change date;
//   - QueryVFFundPool / VFFundPoolEntries: VF资金池查询, audited customer
//     prepayments by date;
//   - UploadPSI / UploadPSIAll: the PSI upload of wholesale out, return and
//     exchange serial numbers, one outcome per record, identified by
//     (document, serial);
//   - Call: any other operation, signed and checked the same way (see
//     CallRequest; a raw call is never replayed unless it says it is safe).
//
// Usage:
//
//	c, err := honor.NewClient(honor.Config{AppID: id, AppKey: key, ShopNo: shop, ProvinceDistributorID: pd},
//		duijie.WithBaseURL(hostFromHonorsDocument))
//	for o, err := range c.VFOrders(ctx, &honor.VFOrderQuery{ModifiedFrom: last, ModifiedTo: now}) { ... }
//	res, err := c.UploadPSIAll(ctx, &honor.UploadPSIAllRequest{Records: records})
//
// # What is Honor's and what is this package's
//
// Honor gives partners its wire specification privately; no copy is public.
// The operation names, the credentials (APPID, APPKEY, SHOP_NO, 省包商 id)
// and the rules (feedback only for Himall orders, nightly PSI upload of the
// previous day, re-upload) are Honor's, from an ERP's manual. The host,
// paths, method names, field names, signing rule and answer codes are this
// package's defaults, set in one place each so a partner can match Honor's
// document without forking:
//
//   - the endpoint: duijie.WithBaseURL (there is no default host);
//   - paths, method names and replay safety: DefaultOperations, overridden
//     by Config.Operations (Operations lists every typed operation as data:
//     its method, path, types, paging and caps);
//   - signing: DefaultSigner, replaced by Config.Signer;
//   - answer codes: DefaultErrorClasses, extended by Config.ErrorClasses;
//   - anything untyped: Call, with its own path, method name and replay
//     safety in a CallRequest.
//
// # Wire form and signing (defaults)
//
// Every call is an HTTP POST of an application/x-www-form-urlencoded body to
// base URL + path, with these parameters: method (the operation's method
// name), biz_content (the operation's parameters as JSON), app_id, shop_no,
// distributor_id, timestamp (Unix milliseconds), nonce, sign_method
// ("HMAC-SHA256") and sign. The sign is HMAC-SHA256, keyed with APPKEY, of
// every other non-empty parameter sorted by key and written
// "k1=v1&k2=v2..." (values not URL-escaped), in upper-case hex
// (SignHMACSHA256). A call is signed once; a retry sends the same bytes.
//
// The answer is {"code":"0","message":"...","request_id":"...","data":...};
// code "0" is success and any other code is a *duijie.APIError carrying the
// code and message as sent. Listings answer data {"total":N,"list":[...]},
// pages counting from 1.
//
// # Pages
//
// Every Query method returns one *duijie.Page: Items are the rows, Total is
// Honor's count of rows matching the query, Number and Size are the page
// asked for (from 1; 0 in the query means 1 and DefaultPageSize), HasMore is
// true when the page has rows and Number*Size is below Total, and SyncedAt
// is the client-clock time the query was signed with (a host shows it as
// "last synced" and may use it as the next watermark). The iterators walk
// the pages for the caller.
//
// # Retries
//
// Retries follow one rule:
//
//   - reads (the goods, customer, order, incentive and fund-pool queries)
//     are replayed after a 5xx, a reset, a timeout and Honor's busy and
//     throttle codes;
//   - a code documented as "refused before processing" would be replayed for
//     every operation, but Honor's document is private and nothing public
//     documents one, so CodeRateLimited (4001) is not such a code;
//   - a write (shipment feedback, PSI upload) is replayed after an unclear
//     outcome only when the vendor documents that it de-duplicates by a key
//     the request carries. Nothing public does, so by default neither is
//     replayed; a host whose Honor document says feedback is keyed by
//     outbound number, or PSI records by (document, serial), sets that
//     operation's Endpoint.SafeToReplay (see DefaultOperations);
//   - message wording alone never makes a call replayable.
//
// A write that failed unclearly returns an error for which
// duijie.MayHaveArrived is true. A PSI record or feedback the answer does not
// account for is of unknown outcome (PSIResult.Unknown,
// duijie.RowError.OutcomeUnknown), never counted as uploaded or refused; the
// psi package's upload log keeps such records as sent but not confirmed, and
// its re-upload (补传) settles them. Authentication, signature and validation
// errors are never retried. A listing answer without its list key is an error
// matching ErrMissingList, never an empty page.
//
// The honortest package is an in-process fake of these interfaces for tests.
package honor
