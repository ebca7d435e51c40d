// Package yihua writes orders and returns into a Yihua (益华) ERP through its
// ErpService TradeTransferToErp call (向ERP写入订单).
//
//	c, err := yihua.NewClient(yihua.Config{PlatformID: "YHDT001", UserAccessToken: token, UID: uid},
//		duijie.WithBaseURL(yihua.SandboxURL))
//	res, err := c.TransferTrade(ctx, &yihua.TransferRequest{Trade: trade, Procedure: yihua.ProcedureSale})
//	switch {
//	case err == nil:
//		fmt.Println(res.OuterTradeID) // the ERP's order number
//	case duijie.MayHaveArrived(err):
//		// the ERP may have booked it: look it up before sending again
//	}
//
// # The wire
//
// The only public specification is the vendor's interface page (updated
// 2020-05-09). It names the endpoint, POST
// {root}/Mall/Erp/ErpService.svc/TradeTransferToErp, and its parameters:
// PlatformID (YHDT号), UserAccessToken, UID (the user the order belongs to),
// MasterXml, DetailXml, PayXml, TH (0 sale, 1 return), Audit (1 = audit and
// ship at once) and StoredProcedureName. It does not say how they travel;
// this package sends one JSON object by default (BodyJSON), the form a WCF
// .svc method binds by name, and can send a form instead (BodyForm). Either
// way the parameters are written in that order, so the same request is the
// same bytes. The parameters are typed structs, written by encoding/json
// or, for a form, by go-querystring. There is no signature: the token in
// the body is the credential, and it never appears in logs or errors.
//
// # The XML
//
// A Trade becomes three documents: MasterXml (<master><master .../></master>),
// DetailXml (<detail><detail .../>...</detail>) and PayXml
// (<pay><pay .../></pay>). The hand-written encoder reproduces the vendor's
// examples byte for byte (they are this package's golden tests):
//
//   - attributes in the order of the examples (MasterAttributes,
//     DetailAttributes, PayAttributes), which is not the order of the field
//     table; TradeID, ZipCode, DelayTime and ThirdPartyData appear only in the
//     example and are written too;
//   - a space before "/>", and empty text as "";
//   - amounts with the scale the caller gave them ("79.8" stays "79.8", as in
//     the example's FactMoney) and 4 decimals when they have none; quantities
//     as given ("1");
//   - times in China Standard Time as "2020/3/23 15:54:17" (month, day and
//     hour not padded) and the zero duijie.Time as "1900/1/1 0:00:00";
//   - every attribute value escaped (", ', &, <, >, tab, newline, carriage
//     return), so no input can break the document.
//
// It writes the same bytes as an encoding/xml implementation (a fuzz test
// compares them) several times faster and without allocating per attribute.
// TransferTrade writes the documents straight into its JSON body, already
// escaped, in one buffer sized once.
// DecodeMaster, DecodeDetails and DecodePays read documents back strictly.
//
// # Checks, errors and retries
//
// TransferTrade validates the trade before sending (see Trade.Validate) and
// refuses problems with a *duijie.ValidationError naming the field and the
// rule. The answer is {"Code":"0","Method":0,"Compressed":false,
// "Encrypted":false,"Message":{"OuterTradeID":"…"}}. Any other Code is a
// *duijie.APIError keeping the vendor's code and message; the vendor's code
// table is not public, so such errors carry no class unless the HTTP status
// gives one (429 duijie.ErrRateLimited, 401/403 duijie.ErrAuth, 5xx
// duijie.ErrTemporary …). An answer marked compressed or encrypted is
// refused, since the format of such bodies is not published.
//
// TradeTransferToErp is a write that the vendor does not document as
// de-duplicated, so it is not safe to replay: it is retried only after a
// connection that provably never reached the server. After a throttle (HTTP
// 429, which a gateway may send after the ERP booked the trade), a 5xx, a
// reset or a timeout the error is returned at once (duijie.MayHaveArrived is
// true for it), and the caller must check the ERP before sending the order
// again.
//
// Operations lists the methods this package types as data, one row each:
// client method, ErpService method, Chinese name, request and response
// types, replay safety and caps. TransferTrade reads its row for the
// method it posts to and the retry decision, and the fake's tests check
// that it serves every row.
//
// Other ErpService methods go through Call, with the same checks, errors
// and retries; a raw call is a write unless its CallRequest says
// SafeToReplay, so by default it is never replayed after an unclear
// outcome:
//
//	err := c.Call(ctx, &yihua.CallRequest{Method: "QueryStock", Params: map[string]any{"GoodsID": id}, SafeToReplay: true}, &out)
//
// Yihua publishes no rate limit, so none is applied unless
// duijie.WithRateLimit sets one. The yihuatest package is an in-process
// fake of the service for tests and examples.
package yihua
