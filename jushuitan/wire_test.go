package jushuitan

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

// md5hex is written out here rather than taken from sign.go, so that the
// expected signatures below are derived independently of the signer.
func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// wantForm is the exact openapi v2 body for biz at fixedNow with the
// vector B credentials: keys in the order url.Values encodes them, the
// sign spelled out as the vendor's rule says.
func wantForm(biz string) string {
	sign := md5hex(vecSecret + "access_token" + vecToken + "app_key" + vecAppKey + "biz" + biz + "charset" + "utf-8" +
		"timestamp" + "1639128407" + "version" + "2")
	return "access_token=" + vecToken + "&app_key=" + vecAppKey + "&biz=" + url.QueryEscape(biz) +
		"&charset=utf-8&sign=" + sign + "&timestamp=1639128407&version=2"
}

// wantLegacyQuery is the exact legacy query string for method at fixedNow.
func wantLegacyQuery(method string) string {
	sign := md5hex(method + legacyPartnerID + "token" + legacyToken + "ts" + "1639128407" + legacyPartnerKey)
	return "method=" + method + "&partnerid=" + legacyPartnerID + "&token=" + legacyToken + "&ts=1639128407&sign=" + sign
}

// Every typed operation's exact request in both generations: the openapi v2
// form body (biz included byte for byte, signed) and the legacy query
// string and JSON body.
func TestRequestBytesPerOperation(t *testing.T) {
	from := time.Date(2024, 5, 1, 0, 0, 0, 0, duijie.CST())
	order := sampleOrder("SO1")
	order.ReceiverMobile = ""
	cases := []struct {
		name   string
		path   string
		method string
		call   func(c *Client) error
		biz    string
		answer string // the payload: "data" on openapi v2, flat on legacy
	}{
		{
			name: "inventory", path: "/open/inventory/query", method: "inventory.query",
			call: func(c *Client) error {
				_, err := c.QueryInventory(context.Background(), &InventoryQuery{WarehouseID: 20001, SKUIDs: []string{"A1", "B2"},
					ItemIDs: []string{"I1"}, Names: []string{"壳"}, HasLockQty: true, ModifiedBegin: from, ModifiedEnd: from.Add(48 * time.Hour), PageIndex: 2, PageSize: 100})
				return err
			},
			biz: `{"wms_co_id":20001,"page_index":2,"page_size":100,"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-03 00:00:00",` +
				`"sku_ids":"A1,B2","has_lock_qty":true,"names":"壳","i_ids":"I1"}`,
			answer: `"inventorys":[],"has_next":false`,
		},
		{
			name: "inventory by ts", path: "/open/inventory/query", method: "inventory.query",
			call: func(c *Client) error {
				for _, err := range c.InventoryByTS(context.Background(), &InventoryQuery{WarehouseID: 1}) {
					return err
				}
				return nil
			},
			biz:    `{"wms_co_id":1,"page_index":1,"page_size":100,"ts":0}`,
			answer: `"inventorys":[],"has_next":false`,
		},
		{
			name: "orders", path: "/open/orders/single/query", method: "orders.single.query",
			call: func(c *Client) error {
				_, err := c.QueryOrders(context.Background(), &OrderQuery{ShopID: 10, SoIDs: []string{"A", "B"}, OIDs: []int64{9000001},
					Status: "Sent", PageSize: 50})
				return err
			},
			biz:    `{"shop_id":10,"so_ids":["A","B"],"o_ids":[9000001],"status":"Sent","page_size":50}`,
			answer: `"orders":[],"has_next":false`,
		},
		{
			name: "orders by window", path: "/open/orders/single/query", method: "orders.single.query",
			call: func(c *Client) error {
				_, err := c.QueryOrders(context.Background(), &OrderQuery{IsOfflineShop: true, ModifiedBegin: from, ModifiedEnd: from.Add(MaxWindow), DateType: DateSend, PageIndex: 3})
				return err
			},
			biz:    `{"is_offline_shop":true,"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-08 00:00:00","date_type":3,"page_index":3}`,
			answer: `"orders":[]`,
		},
		{
			// DateModified is the zero value and still travels: the range
			// bounds the modified time because the request says so.
			name: "orders by modified window", path: "/open/orders/single/query", method: "orders.single.query",
			call: func(c *Client) error {
				_, err := c.QueryOrders(context.Background(), &OrderQuery{ModifiedBegin: from, ModifiedEnd: from.Add(time.Hour)})
				return err
			},
			biz:    `{"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-01 01:00:00","date_type":0}`,
			answer: `"orders":[]`,
		},
		{
			name: "orders by ts", path: "/open/orders/single/query", method: "orders.single.query",
			call: func(c *Client) error {
				for _, err := range c.OrdersByTS(context.Background(), &OrderQuery{StartTS: 9223372036854775000, PageSize: 20}) {
					return err
				}
				return nil
			},
			biz:    `{"page_index":1,"page_size":20,"start_ts":9223372036854775000,"is_get_total":false}`,
			answer: `"orders":[],"has_next":false`,
		},
		{
			name: "shipments", path: "/open/logistic/query", method: "logistic.query",
			call: func(c *Client) error {
				_, err := c.QueryShipments(context.Background(), &LogisticsQuery{ShopID: 10, ModifiedBegin: from, ModifiedEnd: from.Add(time.Hour),
					DateType: DateSend, PageIndex: 1, PageSize: 50})
				return err
			},
			biz:    `{"shop_id":10,"page_index":1,"page_size":50,"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-01 01:00:00","date_type":3}`,
			answer: `"orders":[]`,
		},
		{
			// Left out, date_type would mean the send date (the vendor's
			// default); asking for the modified time sends 0.
			name: "shipments by modified window", path: "/open/logistic/query", method: "logistic.query",
			call: func(c *Client) error {
				_, err := c.QueryShipments(context.Background(), &LogisticsQuery{ModifiedBegin: from, ModifiedEnd: from.Add(time.Hour), DateType: DateModified})
				return err
			},
			biz:    `{"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-01 01:00:00","date_type":0}`,
			answer: `"orders":[]`,
		},
		{
			name: "shipments by so_ids", path: "/open/logistic/query", method: "logistic.query",
			call: func(c *Client) error {
				_, err := c.QueryShipments(context.Background(), &LogisticsQuery{SoIDs: []string{"SO1"}})
				return err
			},
			biz:    `{"so_ids":["SO1"]}`,
			answer: `"orders":[]`,
		},
		{
			name: "shops", path: "/open/shops/query", method: "shops.query",
			call: func(c *Client) error {
				_, err := c.QueryShops(context.Background(), &ShopQuery{ShopIDs: []int64{1, 2}, Nicks: []string{"老板"}, PageIndex: 1, PageSize: 100})
				return err
			},
			biz:    `{"page_index":1,"page_size":100,"shop_ids":[1,2],"nicks":["老板"]}`,
			answer: `"datas":[]`,
		},
		{
			name: "warehouses", path: "/open/wms/partner/query", method: "wms.partner.query",
			call: func(c *Client) error {
				_, err := c.QueryWarehouses(context.Background(), nil)
				return err
			},
			biz:    `{}`,
			answer: `"datas":[]`,
		},
		{
			name: "upload", path: "/open/jushuitan/orders/upload", method: "jushuitan.orders.upload",
			call: func(c *Client) error {
				_, err := c.UploadOrders(context.Background(), &UploadOrdersRequest{Orders: []UploadOrder{order}})
				return err
			},
			biz: `[{"shop_id":10,"so_id":"SO1","order_date":"2024-05-01 10:00:00","shop_status":"WAIT_SELLER_SEND_GOODS",` +
				`"shop_buyer_id":"buyer<1>&","receiver_address":"广东省深圳市南山区科技园1号","receiver_name":"张三",` +
				`"pay_amount":99.50,"freight":0.00,"is_cod":false,"items":[{"sku_id":"SKU1","shop_sku_id":"P1","amount":99.50,"price":99.5000,"qty":1,"name":"手机","outer_oi_id":"SO1-1","is_gift":false}],` +
				`"pay":{"outer_pay_id":"PAY-SO1","pay_date":"2024-05-01 10:00:00","payment":"支付宝","amount":99.50}}]`,
			answer: `"datas":[{"o_id":1,"so_id":"SO1","issuccess":true,"msg":""}]`,
		},
		{
			name: "raw call", path: "/open/purchase/query", method: "purchase.query",
			call: func(c *Client) error {
				return c.Call(context.Background(), &CallRequest{Path: "/open/purchase/query", Method: "purchase.query",
					Params: map[string]any{"page_index": 1, "po_ids": []int{7}}, SafeToReplay: true}, nil)
			},
			biz:    `{"page_index":1,"po_ids":[7]}`,
			answer: `"datas":[]`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name+"/openapi", func(t *testing.T) {
			c, mt := newTestClient(t, vectorCfg)
			got := respond(mt, "POST", testBase+tc.path, `{"code":0,"msg":"执行成功","data":{`+tc.answer+`}}`)
			require.NoError(t, tc.call(c))
			require.Len(t, got.bodies, 1)
			assert.Equal(t, wantForm(tc.biz), got.bodies[0])
			assert.Equal(t, "application/x-www-form-urlencoded;charset=UTF-8", got.ctypes[0])
			assert.Empty(t, got.queries[0])
		})
		t.Run(tc.name+"/legacy", func(t *testing.T) {
			c, mt := newTestClient(t, legacyCfg)
			got := respond(mt, "POST", testLegacyBase, `{"code":0,"issuccess":true,"msg":"",`+tc.answer+`}`)
			require.NoError(t, tc.call(c))
			require.Len(t, got.bodies, 1)
			assert.Equal(t, wantLegacyQuery(tc.method), got.queries[0])
			assert.Equal(t, tc.biz, got.bodies[0])
			assert.Equal(t, "application/json; charset=utf-8", got.ctypes[0])
		})
	}
}

// Vector H: the legacy inventory.query signature through the client.
func TestLegacyInventoryMatchesVectorH(t *testing.T) {
	c, mt := newTestClient(t, legacyCfg, duijie.WithClock(func() time.Time { return time.Unix(1608000837, 0) }))
	got := respond(mt, "POST", testLegacyBase, `{"code":0,"issuccess":true,"inventorys":[]}`)
	_, err := c.QueryInventory(context.Background(), &InventoryQuery{SKUIDs: []string{"A"}})
	require.NoError(t, err)
	assert.Contains(t, got.queries[0], "&ts=1608000837&sign=cea9a4dc4e1b8ec9c31173e3eb83ec21")
}

// Vector A through GetInitToken: the official token request, byte for byte.
func TestInitTokenWireMatchesVectorA(t *testing.T) {
	c, mt := newTestClient(t, Config{AppKey: vecAppKey, AppSecret: vecSecret, AutoInitToken: true})
	got := respond(mt, "POST", testBase+PathInitToken,
		`{"code":0,"msg":"执行成功","data":{"access_token":"tok-new-1","expires_in":2592000,"refresh_token":"ref-new-1","scope":"all"}}`)
	tok, err := c.GetInitToken(context.Background(), &InitTokenRequest{Code: "123456"})
	require.NoError(t, err)
	assert.Equal(t, "app_key="+vecAppKey+"&charset=utf-8&code=123456&grant_type=authorization_code"+
		"&sign=05e3a51e19e0883afd1882ccd309e0b9&timestamp=1639128407", got.bodies[0])
	assert.Equal(t, duijie.Secret("tok-new-1"), tok.AccessToken)
	assert.Equal(t, fixedNow.Add(30*24*time.Hour), tok.ExpiresAt)
}

// Vector F through RefreshAccessToken (derived, no official vector exists).
func TestRefreshTokenWireMatchesVectorF(t *testing.T) {
	cfg := vectorCfg
	cfg.RefreshToken = "eb1964a9d142423a9f0de88b97bb38fc"
	c, mt := newTestClient(t, cfg)
	got := respond(mt, "POST", testBase+PathRefreshToken,
		`{"code":0,"msg":"执行成功","data":{"access_token":"tok-new-2","expires_in":"2592000","refresh_token":"ref-new-2","scope":"all"}}`)
	_, err := c.RefreshAccessToken(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "app_key="+vecAppKey+"&charset=utf-8&grant_type=refresh_token&refresh_token=eb1964a9d142423a9f0de88b97bb38fc"+
		"&scope=all&sign=4fcd2598f1d63af8912f82aba018dab9&timestamp=1639128407", got.bodies[0])

	// The next business call carries the new token.
	biz := respond(mt, "POST", testBase+"/open/shops/query", `{"code":0,"data":{"datas":[]}}`)
	_, err = c.QueryShops(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, "tok-new-2", biz.form(0).Get("access_token"))
}

// Ahead of expiry the token is refreshed before the call; a failed early
// refresh does not fail the call while the token still works, and is not
// retried on every call.
func TestRefreshAheadOfExpiry(t *testing.T) {
	cfg := vectorCfg
	cfg.RefreshToken = "ref-1"
	cfg.TokenExpiresAt = fixedNow.Add(2 * time.Hour)
	c, mt := newTestClient(t, cfg)
	refresh := respond(mt, "POST", testBase+PathRefreshToken, `{"code":100,"msg":"验证失败！无效的refresh_token"}`)
	shops := respond(mt, "POST", testBase+"/open/shops/query", `{"code":0,"data":{"datas":[]}}`)
	for range 2 {
		_, err := c.QueryShops(context.Background(), nil)
		require.NoError(t, err)
	}
	assert.Len(t, refresh.bodies, 1, "tried once for this token")
	assert.Equal(t, vecToken, shops.form(1).Get("access_token"))

	c, mt = newTestClient(t, cfg)
	respond(mt, "POST", testBase+PathRefreshToken, `{"code":0,"data":{"access_token":"tok-3","expires_in":2592000,"refresh_token":"ref-3"}}`)
	shops = respond(mt, "POST", testBase+"/open/shops/query", `{"code":0,"data":{"datas":[]}}`)
	_, err := c.QueryShops(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, "tok-3", shops.form(0).Get("access_token"))
}

// Code 100 on a read: renewed once and replayed with the same biz and a new
// token; on a call not safe to replay: renewed, not replayed.
func TestCode100RenewsOnce(t *testing.T) {
	cfg := vectorCfg
	cfg.RefreshToken = "ref-1"
	c, mt := newTestClient(t, cfg)
	refresh := respond(mt, "POST", testBase+PathRefreshToken, `{"code":0,"data":{"access_token":"tok-2","expires_in":2592000,"refresh_token":"ref-2"}}`)
	inv := respond(mt, "POST", testBase+"/open/inventory/query", `{"code":100,"msg":"验证失败！无效的access_token或access_token已过期"}`,
		`{"code":0,"data":{"inventorys":[]}}`)
	_, err := c.QueryInventory(context.Background(), &InventoryQuery{SKUIDs: []string{"A"}})
	require.NoError(t, err)
	require.Len(t, inv.bodies, 2)
	assert.Equal(t, inv.form(0).Get("biz"), inv.form(1).Get("biz"))
	assert.Equal(t, vecToken, inv.form(0).Get("access_token"))
	assert.Equal(t, "tok-2", inv.form(1).Get("access_token"))
	assert.Len(t, refresh.bodies, 1)

	up := respond(mt, "POST", testBase+"/open/jushuitan/orders/upload", `{"code":100,"msg":"验证失败！无效的access_token或access_token已过期"}`)
	_, err = c.UploadOrders(context.Background(), &UploadOrdersRequest{Orders: []UploadOrder{sampleOrder("SO1")}})
	require.ErrorIs(t, err, duijie.ErrAuth)
	assert.Len(t, up.bodies, 1, "not replayed")
	assert.Len(t, refresh.bodies, 2, "renewed")
}

// Without a refresh token, code 100 is an auth error that says what to set.
func TestCode100WithoutRefreshToken(t *testing.T) {
	c, mt := newTestClient(t, vectorCfg)
	respond(mt, "POST", testBase+"/open/shops/query", `{"code":100,"msg":"验证失败！无效的access_token或access_token已过期"}`)
	_, err := c.QueryShops(context.Background(), nil)
	require.ErrorIs(t, err, duijie.ErrAuth)
	assert.Contains(t, err.Error(), "refresh token")
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

// Code 150 from refreshToken becomes ErrMustReauthorize with the vendor's
// code kept.
func TestCode150MustReauthorize(t *testing.T) {
	cfg := vectorCfg
	cfg.RefreshToken = "ref-1"
	c, mt := newTestClient(t, cfg)
	respond(mt, "POST", testBase+PathRefreshToken, `{"code":150,"msg":"服务商应用禁止刷新access_token,需商户重新授权"}`)
	respond(mt, "POST", testBase+"/open/shops/query", `{"code":100,"msg":"验证失败！无效的access_token或access_token已过期"}`)
	_, err := c.QueryShops(context.Background(), nil)
	require.ErrorIs(t, err, ErrMustReauthorize)
	require.ErrorIs(t, err, duijie.ErrAuth)
	var e *duijie.APIError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "150", e.Code)
	assert.Contains(t, err.Error(), "the merchant must re-authorize")
	assert.Equal(t, 2, mt.GetTotalCallCount())
}

// Code 100 on the legacy API: refresh.token once, then the read replayed.
func TestLegacyCode100RefreshesOnce(t *testing.T) {
	c, mt := newTestClient(t, legacyCfg)
	got := respond(mt, "POST", testLegacyBase, `{"code":100,"issuccess":false,"msg":"Token 超时"}`, `{"code":0,"issuccess":true}`, `{"code":0,"issuccess":true,"datas":[]}`)
	_, err := c.QueryShops(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, got.queries, 3)
	assert.Contains(t, got.queries[1], "method=refresh.token&")
	assert.Equal(t, "{}", got.bodies[1])
	assert.Equal(t, got.bodies[0], got.bodies[2])
}
