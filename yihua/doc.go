// Package yihua writes orders and returns into a Yihua (益华) ERP through its
// ErpService TradeTransferToErp call (向ERP写入订单).
//
// The call carries three XML documents built from a Trade: MasterXml
// (<master><master .../></master>), DetailXml (<detail><detail .../>...</detail>)
// and PayXml (<pay><pay .../></pay>). This package's encoder writes them
// exactly as the vendor's examples do: attributes in the documented order,
// amounts with 4 decimals unless the caller gave a scale, times as
// "2020/3/23 15:54:17" and "1900/1/1 0:00:00" for no time.
//
//	c, err := yihua.NewClient(yihua.Config{PlatformID: "YHDT001", UserAccessToken: token, UID: uid})
//	res, err := c.TransferTrade(ctx, &yihua.TransferRequest{Trade: trade, Procedure: yihua.ProcedureSale})
//	fmt.Println(res.OuterTradeID) // the ERP's order number
//
// TradeTransferToErp is a write the vendor does not document as
// de-duplicated, so it is never replayed after it may have reached the
// server: such a failure comes back as an error for the caller to check in the
// ERP before sending again.
package yihua
