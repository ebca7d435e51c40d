// Package wangdiantong is a client for Wangdiantong (旺店通) enterprise
// openapi2, called directly (api.wangdian.cn/openapi2/<file>.php) or through
// the Taobao Qimen gateway (旺店通·企业奇门, wdt.* methods): choose with
// Config.Route. The typed operations are the same on both routes.
//
//	c, err := wangdiantong.NewClient(wangdiantong.Config{SID: sid, AppKey: key, AppSecret: secret})
//	res, err := c.PushTrades(ctx, &wangdiantong.TradePushRequest{ShopNo: "shop1", Trades: trades})
//	for s, err := range c.RefundStockins(ctx, &wangdiantong.RefundStockinQuery{StartTime: from, EndTime: to}) { ... }
//
// Signing follows the official SDKs: openapi2 counts lengths in Unicode
// characters; Qimen signs with md5, hmac or hmac-sha256 in upper-case hex.
// Nested lists travel as JSON strings with every non-ASCII character
// escaped, so the signed length cannot depend on how a server counts.
// Characters outside the Basic Multilingual Plane (emoji) in pushed orders
// are dropped by default, because the ERP stores 3-byte UTF-8; set
// Config.KeepEmoji to send them.
//
// Answers are decoded as JSON whatever their Content-Type says. Code 1012
// (at most 60 calls a minute) is retried with backoff, and the client keeps
// to 60 calls a minute by default.
package wangdiantong
