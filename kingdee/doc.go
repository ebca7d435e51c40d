// Package kingdee is a typed client for the Kingdee Cloud Galaxy
// (金蝶云星空, K/3 Cloud) WebAPI, with typed models of the forms ERP
// integrations write and read most and an in-process fake in kingdeetest.
//
// # Endpoints and bodies
//
// Every call is a POST of JSON to
// {site}/Kingdee.BOS.WebApi.ServicesStub.<Service>.common.kdsvc, where the
// site is the customer's own root (https://host/k3cloud): Kingdee has no
// central host. Operations send their arguments in the named form of the
// official Python SDK 8.2.0, {"formid":"SAL_RETURNSTOCK","data":{...}}, or,
// with Config.Body = BodyParameters, in the positional form of the official
// Java SDK, {"parameters":["SAL_RETURNSTOCK","{...}"]} with data as a JSON
// string. Logins always use the positional form. Text is sent without HTML
// escaping, so Chinese and <>& travel as written.
//
// # Operations
//
// Operations returns the operations this package types as one table of
// duijie.Operation rows: the Client method, the full service name, the
// Chinese title, the request and response types, whether the call is
// replayed, the paging kind, the page size and the batch caps. The methods
// read it: the retry and replay decision is the row's SafeToReplay,
// ExecuteBillQuery's page size is checked against its MaxPageSize
// (MaxQueryLimit), and BatchSave and the typed saves refuse more bills than
// their MaxBatch (MaxBatchSave) before sending. Services it does not type
// go through Call.
//
// # Typed forms
//
// Each typed form has a model (references written {"FNumber":"<code>"},
// its line array under the form's own key, custom fields in Extra), a
// Validate that refuses what the server would refuse before anything is
// sent, and a save method on BatchSave that is a row of the operation
// table. Each model's doc comment names where its field keys come from.
//
//	SaveSalReturns       SAL_RETURNSTOCK     销售退货单   SalReturnStock  (FEntity)
//	SaveSalOutStocks     SAL_OUTSTOCK        销售出库单   SalOutStock     (FEntity)
//	SaveMisDeliveries    STK_MisDelivery     其他出库单   MisDelivery     (FEntity)
//	SaveMiscellaneous    STK_MISCELLANEOUS   其他入库单   Miscellaneous   (FEntity)
//	SaveTransferDirects  STK_TransferDirect  直接调拨单   TransferDirect  (FBillEntry)
//	SaveInStocks         STK_InStock         采购入库单   InStock         (FInStockEntry)
//	SavePurMRBs          PUR_MRB             采购退料单   PurMRB          (FPURMRBENTRY)
//	SavePurchaseOrders   PUR_PurchaseOrder   采购订单     PurchaseOrder   (FPOOrderEntry)
//	SaveSaleOrders       SAL_SaleOrder       销售订单     SaleOrder       (FSaleOrderEntry)
//	SaveMaterials        BD_MATERIAL         物料         Material        (SubHeadEntity)
//	SaveSuppliers        BD_Supplier         供应商       Supplier
//	SaveCustomers        BD_Customer         客户         Customer
//	SaveStockCountGains  STK_StockCountGain  盘盈单       StockCountGain  (FBillEntry)
//	SaveStockCountLosses STK_StockCountLoss  盘亏单       StockCountLoss  (FBillEntry)
//	QueryInventory       STK_Inventory       即时库存     InventoryRow    (read only)
//
// Every save takes one path, BatchSave's: the same outcomes per bill, the
// same *duijie.BatchError, and the same replay rule (below). Bills are
// looked up by FBillNo and their FID; base data (BD_*) by its code,
// FNumber, and its own id field (FMATERIALID, FSupplierId, FCUSTID).
//
// # Authentication
//
// AuthSignedHeaders (the default) signs every attempt afresh with the auth
// version 2.0 headers of the official SDKs: the AppID splits into the client
// id and a secret part, which is base64-decoded, XOR-ed with the SDKs' fixed
// key and encoded again; X-Api-Signature is base64 of the lower-hex
// HMAC-SHA256 of "POST\n<encoded path>\n\nx-api-nonce:<n>\nx-api-timestamp:<t>\n"
// under that secret; X-Kd-Appdata is base64 of "AcctID,UserName,LCID,OrgNum"
// and X-Kd-Signature the same HMAC of AppID plus that raw text under the
// AppSecret. The timestamp is in seconds (TimestampMilliseconds for sites
// that want the Java SDK's form) and the nonce equals it.
//
// AuthLoginBySign, AuthLoginByAppSecret and AuthValidateUser log in through
// AuthService and carry the session by the kdservice-sessionid header and
// the session cookies. LoginBySign signs with SHA-256 of the sorted,
// joined AcctID, UserName, AppID, AppSecret and Unix timestamp
// (Config.LoginSHA1 for servers before 8.0.0.202205). A Client holds one
// session, logs in on first use, is safe for concurrent use, and never
// shares its session with another Client.
//
// # Lost sessions and replays
//
// When the server answers MsgCode 1 (会话信息已丢失, the session is gone; in
// signed mode the credentials are wrong), the client drops the session,
// logs in again once (or signs afresh without the stale cookies), and
// replays the call only if it is a read: ExecuteBillQuery, View, and raw
// calls marked SafeToReplay. Submit, Audit, UnAudit, Delete and Push are
// returned to the caller with the error; the session is already renewed.
//
// Save, Draft and BatchSave are never replayed blindly, on any answer:
// Kingdee does not de-duplicate saves, so a save that did reach the server
// would be written twice. A bill's number is read from the encoded bill
// itself (FBillNo, or SaveRequest.NumberField), so the number looked up is
// always the number sent; the look-up reads the bill's id from FID (or
// SaveRequest.IDField: base data has its own). When a save's outcome is unclear (no answer after
// the request may have been sent, a 5xx, a throttle: MsgCode 14 or HTTP
// 429, which Kingdee does not document as refused before processing, a
// lost session, or an answer that does not account for a bill), the client
// looks the numbers up with ExecuteBillQuery; bills not found are looked up
// again after SaveOptions.SettleDelay (DefaultSettleDelay), for a server
// that commits after it answered, and only then sent again. A refusal of a
// number as taken, on a resend or a first send, means a bill with that
// number exists: it is looked up and compared with what was sent (for a
// Comparable model such as SalReturnStock: customer, date, lines,
// quantities, prices, tax rates) and reported RowExisting when it matches
// and RowConflict (ErrConflict) when it does not. A bill no answer and no
// look-up settled is RowUnknown (duijie.RowError.OutcomeUnknown,
// ErrOutcomeUnknown for Save): it may have arrived, and is never reported
// saved.
// BatchSaveRequest.SkipExisting looks the numbers up before the first send,
// for runs repeated after a crash. The typed saves (SaveSalReturns,
// SaveSalOutStocks …) are BatchSave for their form, with the same outcomes
// and errors, compared by the fields each model's CompareKeys names.
//
// # Reads
//
// ExecuteBillQuery answers one page of rows as a *duijie.Page: Kingdee pages
// by row offset and sends no total, so Number is the query's StartRow, Size
// its Limit, Total -1, and HasMore true when the page is full. Rows and
// QueryRows walk every page; QueryInventory and Inventory read on-hand
// stock (STK_Inventory) as InventoryRow values the same way. View answers one bill in the server's layout
// (ViewResponse.Bill, decoded with ViewResponse.Decode).
//
// # Errors
//
// A failed ResponseStatus is a *duijie.APIError whose Code is the MsgCode
// and SubCode the ErrorCode, classed for errors.Is with the duijie
// sentinels: 1, 2, 7 and 15 are ErrAuth; 14 ErrRateLimited (reads are
// retried; writes are not, since Kingdee does not say that nothing ran:
// saves are looked up by number); 10 ErrNotFound; 6 and 13 ErrTemporary;
// other codes ErrInvalidRequest. No
// answer is read as a throttle by its wording. The galaxy gateway's
// HTTP 519 errcode 4002 is ErrAuth and 4006 (a stale timestamp)
// ErrSignature; HTML pages, "response_error:" answers and bodies that are
// not JSON are errors too, never decoded as success. BatchSave maps every
// row back to the input by DIndex and returns a *duijie.BatchError for the
// rows not in Kingdee as sent (failed, conflicting or of unknown outcome),
// alongside the result. Kingdee publishes no rate limit, so none is applied
// unless duijie.WithRateLimit sets one.
package kingdee
