package jushuitan

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

const (
	testBase       = "https://jst.example/prefix"
	testLegacyBase = "https://jst.example/prefix/api/open/query.aspx"
)

var fixedNow = time.Unix(1639128407, 0)

// vectorCfg is the official vector B credentials.
var vectorCfg = Config{AppKey: vecAppKey, AppSecret: vecSecret, AccessToken: vecToken}

var legacyCfg = Config{Generation: Legacy, PartnerID: legacyPartnerID, PartnerKey: legacyPartnerKey, Token: legacyToken}

func newTestClient(t *testing.T, cfg Config, extra ...duijie.Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(httpmock.NewNotFoundResponder(t.Fatal))
	base := testBase
	if cfg.Generation == Legacy {
		base = testLegacyBase
	}
	opts := append([]duijie.Option{duijie.WithBaseURL(base), duijie.WithHTTPClient(&http.Client{Transport: mt}), duijie.WithClock(func() time.Time { return fixedNow }),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond}), duijie.WithRateLimit()}, extra...)
	c, err := NewClient(cfg, opts...)
	require.NoError(t, err)
	return c, mt
}

type captured struct {
	bodies  []string
	queries []string
	ctypes  []string
}

func (c *captured) form(i int) url.Values {
	v, _ := url.ParseQuery(c.bodies[i])
	return v
}

// respond registers answers in order (the last one repeats) and records
// every request.
func respond(mt *httpmock.MockTransport, method, u string, answers ...string) *captured {
	got := &captured{}
	mt.RegisterResponder(method, u, func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		got.bodies = append(got.bodies, string(b))
		got.queries = append(got.queries, r.URL.RawQuery)
		got.ctypes = append(got.ctypes, r.Header.Get("Content-Type"))
		i := len(got.bodies) - 1
		if i >= len(answers) {
			i = len(answers) - 1
		}
		return httpmock.NewStringResponse(200, answers[i]), nil
	})
	return got
}

func amt(s string) duijie.Amount {
	a, err := duijie.ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

// The official vector B request through Call: exact form bytes and sign.
func TestCallOpenAPIWireMatchesVectorB(t *testing.T) {
	c, mt := newTestClient(t, vectorCfg)
	got := respond(mt, "POST", testBase+"/open/shops/query", `{"code":0,"msg":"执行成功","data":{"datas":[]}}`)
	// A struct keeps the vector's key order.
	type vb struct {
		PageIndex string   `json:"page_index"`
		PageSize  string   `json:"page_size"`
		Nicks     []string `json:"nicks"`
	}
	var out map[string]any
	require.NoError(t, c.Call(context.Background(), &CallRequest{Path: "/open/shops/query", Params: vb{"1", "100", []string{"老板"}}, SafeToReplay: true}, &out))
	require.Len(t, got.bodies, 1)
	assert.Equal(t, "access_token=d7b01bf0842a4742a9450e21ffd95f60&app_key=5b53060f23d84ddf9703056e84fa5a2d"+
		"&biz=%7B%22page_index%22%3A%221%22%2C%22page_size%22%3A%22100%22%2C%22nicks%22%3A%5B%22%E8%80%81%E6%9D%BF%22%5D%7D"+
		"&charset=utf-8&sign=395f5a78b446be465ac03a02491296c7&timestamp=1639128407&version=2", got.bodies[0])
	assert.Equal(t, "application/x-www-form-urlencoded;charset=UTF-8", got.ctypes[0])
	assert.Empty(t, got.queries[0], "nothing in the query string")
	assert.Equal(t, map[string]any{"datas": []any{}}, out)
}

// Vector D through the legacy generation: the exact published URL query.
func TestLegacyWireMatchesVectorD(t *testing.T) {
	c, mt := newTestClient(t, legacyCfg, duijie.WithClock(func() time.Time { return time.Unix(1540370062, 0) }))
	got := respond(mt, "POST", testLegacyBase, `{"code":0,"issuccess":true,"msg":"","page_index":1,"page_size":100,"has_next":false,"datas":[{"shop_id":7,"shop_name":"店"}]}`)
	res, err := c.QueryShops(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, "method=shops.query&partnerid=ywv5jGT8ge6Pvlq3FZSPol345asd&token=181ee8952a88f5a57db52587472c3798&ts=1540370062&sign=aebf9d0146764d578d9c86e3b7783204", got.queries[0])
	assert.Equal(t, "{}", got.bodies[0])
	assert.Equal(t, "application/json; charset=utf-8", got.ctypes[0])
	require.Len(t, res.Items, 1)
	assert.Equal(t, int64(7), int64(res.Items[0].ShopID))
	assert.Equal(t, 1, res.Number)
	assert.Equal(t, 100, res.Size)
	assert.Equal(t, -1, res.Total, "no data_count in the answer")
	assert.False(t, res.HasMore)
}

// Vector E: the same call a little later.
func TestLegacyWireMatchesVectorE(t *testing.T) {
	c, mt := newTestClient(t, legacyCfg, duijie.WithClock(func() time.Time { return time.Unix(1608000837, 0) }))
	got := respond(mt, "POST", testLegacyBase, `{"code":0,"issuccess":true,"datas":[]}`)
	_, err := c.QueryShops(context.Background(), nil)
	require.NoError(t, err)
	assert.Contains(t, got.queries[0], "&ts=1608000837&sign=403697654caffbbfe21a841782b6af8f")
}

func TestQueryInventoryWire(t *testing.T) {
	c, mt := newTestClient(t, vectorCfg)
	got := respond(mt, "POST", testBase+"/open/inventory/query",
		`{"code":0,"msg":"执行成功","data":{"page_index":1,"page_size":100,"has_next":false,"inventorys":[{"sku_id":"A1","ts":9223372036854775000,"qty":"12","order_lock":"","modified":"2024-05-01 10:00:00.487"}]}}`)
	from := time.Date(2024, 5, 1, 0, 0, 0, 0, duijie.CST())
	res, err := c.QueryInventory(context.Background(), &InventoryQuery{WarehouseID: 1, SKUIDs: []string{"A1", "B2"}, ModifiedBegin: from, ModifiedEnd: from.Add(MaxWindow), PageSize: 100})
	require.NoError(t, err)
	f := got.form(0)
	assert.Equal(t, `{"wms_co_id":1,"page_size":100,"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-08 00:00:00","sku_ids":"A1,B2"}`, f.Get("biz"))
	assert.Equal(t, SignOpenAPI(vecSecret, map[string]string{"app_key": vecAppKey, "access_token": vecToken, "timestamp": "1639128407", "version": "2", "charset": "utf-8", "biz": f.Get("biz")}), f.Get("sign"))
	require.Len(t, res.Items, 1)
	it := res.Items[0]
	assert.Equal(t, int64(9223372036854775000), int64(it.TS), "ts is int64")
	assert.True(t, it.Qty.Equal(amt("12")))
	assert.True(t, it.OrderLock.IsZero(), `"" is zero`)
	assert.Equal(t, 487, it.Modified.Nanosecond()/1e6)
}

func TestValidationBeforeSending(t *testing.T) {
	c, _ := newTestClient(t, vectorCfg) // any request would fail the test
	ctx := context.Background()
	from := time.Date(2024, 5, 1, 0, 0, 0, 0, duijie.CST())
	many := make([]string, 21)
	for i := range many {
		many[i] = "S"
	}
	cases := []struct {
		name  string
		call  func() error
		field string
		rule  string
	}{
		{"inventory no filter", func() error { _, err := c.QueryInventory(ctx, nil); return err }, "modified_begin", "required"},
		{"inventory page size", func() error {
			_, err := c.QueryInventory(ctx, &InventoryQuery{SKUIDs: []string{"A"}, PageSize: 101})
			return err
		}, "page_size", "out of range"},
		{"inventory window", func() error {
			_, err := c.QueryInventory(ctx, &InventoryQuery{ModifiedBegin: from, ModifiedEnd: from.Add(MaxWindow + time.Second)})
			return err
		}, "modified_end", "window over the maximum"},
		{"inventory half range", func() error { _, err := c.QueryInventory(ctx, &InventoryQuery{ModifiedBegin: from}); return err }, "modified_end", "required"},
		{"inventory sku comma", func() error { _, err := c.QueryInventory(ctx, &InventoryQuery{SKUIDs: []string{"A,B"}}); return err }, "sku_ids[0]", "bad format"},
		{"orders so_ids", func() error { _, err := c.QueryOrders(ctx, &OrderQuery{SoIDs: many}); return err }, "so_ids", "too many"},
		{"orders page size", func() error {
			_, err := c.QueryOrders(ctx, &OrderQuery{SoIDs: []string{"1"}, PageSize: 101})
			return err
		}, "page_size", "out of range"},
		{"orders no filter", func() error { _, err := c.QueryOrders(ctx, nil); return err }, "modified_begin", "required"},
		{"logistics page size", func() error {
			_, err := c.QueryShipments(ctx, &LogisticsQuery{SoIDs: []string{"1"}, PageSize: 51})
			return err
		}, "page_size", "out of range"},
		{"shops page size", func() error { _, err := c.QueryShops(ctx, &ShopQuery{PageSize: 101}); return err }, "page_size", "out of range"},
		{"upload empty", func() error { _, err := c.UploadOrders(ctx, nil); return err }, "orders", "required"},
		{"upload batch", func() error {
			_, err := c.UploadOrders(ctx, &UploadOrdersRequest{Orders: make([]UploadOrder, 51)})
			return err
		}, "orders", "too many"},
		{"upload so_id", func() error {
			o := sampleOrder("X")
			o.SoID = strings.Repeat("长", 51)
			_, err := c.UploadOrders(ctx, &UploadOrdersRequest{Orders: []UploadOrder{o}})
			return err
		}, "orders[0].so_id", "too long"},
		{"upload money scale", func() error {
			o := sampleOrder("X")
			o.PayAmount = amt("1.005")
			_, err := c.UploadOrders(ctx, &UploadOrdersRequest{Orders: []UploadOrder{o}})
			return err
		}, "orders[0].pay_amount", "bad format"},
		{"upload duplicate", func() error {
			_, err := c.UploadOrders(ctx, &UploadOrdersRequest{Orders: []UploadOrder{sampleOrder("X"), sampleOrder("X")}})
			return err
		}, "orders[1].so_id", "conflicts with another field"},
		{"upload item qty", func() error {
			o := sampleOrder("X")
			o.Items[0].Qty = 0
			_, err := c.UploadOrders(ctx, &UploadOrdersRequest{Orders: []UploadOrder{o}})
			return err
		}, "orders[0].items[0].qty", "out of range"},
		{"upload invalid UTF-8", func() error {
			o := sampleOrder("X")
			o.Items[0].Name = "手机\xff"
			_, err := c.UploadOrders(ctx, &UploadOrdersRequest{Orders: []UploadOrder{o}})
			return err
		}, "orders[0].items[0].name", "bad format"},
		{"upload invalid UTF-8 in pay", func() error {
			o := sampleOrder("X")
			o.Pay = &UploadOrderPay{Payment: "\xc3", Amount: amt("1")}
			_, err := c.UploadOrders(ctx, &UploadOrdersRequest{Orders: []UploadOrder{o}})
			return err
		}, "orders[0].pay.payment", "bad format"},
		{"raw call without path", func() error { return c.Call(ctx, &CallRequest{Method: "x.y"}, nil) }, "Path", "required"},
		{"raw call with a relative path", func() error { return c.Call(ctx, &CallRequest{Path: "open/x"}, nil) }, "Path", "bad format"},
		{"raw call without a request", func() error { return c.Call(ctx, nil, nil) }, "CallRequest", "required"},
		{"raw call with a payload JSON cannot write", func() error {
			return c.Call(ctx, &CallRequest{Path: "/open/x", Params: map[string]any{"x": make(chan int)}}, nil)
		}, "Params", "bad format"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var ve *duijie.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
			assert.Equal(t, tc.field, ve.Field)
			assert.Equal(t, tc.rule, ve.Rule)
		})
	}
}

func TestLegacyOrderPageSizeIs50(t *testing.T) {
	c, _ := newTestClient(t, legacyCfg)
	_, err := c.QueryOrders(context.Background(), &OrderQuery{SoIDs: []string{"1"}, PageSize: 51})
	var ve *duijie.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "page_size", ve.Field)
}

func TestNewClientNamesTheMissingField(t *testing.T) {
	for _, tc := range []struct {
		cfg   Config
		field string
	}{
		{Config{AppSecret: "s", AccessToken: "t"}, "AppKey"},
		{Config{AppKey: "k", AccessToken: "t"}, "AppSecret"},
		{Config{AppKey: "k", AppSecret: "s"}, "AccessToken"},
		{Config{Generation: Legacy, PartnerKey: "k", Token: "t"}, "PartnerID"},
		{Config{Generation: Legacy, PartnerID: "p", Token: "t"}, "PartnerKey"},
		{Config{Generation: Legacy, PartnerID: "p", PartnerKey: "k"}, "Token"},
		{Config{Generation: 7}, "Generation"},
	} {
		_, err := NewClient(tc.cfg)
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.field)
	}
	_, err := NewClient(vectorCfg, duijie.WithBaseURL("ftp://x"))
	assert.Error(t, err)
	c, err := NewClient(vectorCfg)
	require.NoError(t, err)
	assert.Equal(t, ProductionURL, c.t.Settings().BaseURL)
	assert.Len(t, c.t.Settings().Limits, 2)
	assert.Equal(t, duijie.Limit{Events: 5, Per: time.Second}, duijie.Limit(c.t.Settings().Limits[0]))
	assert.Equal(t, duijie.Limit{Events: 100, Per: time.Minute}, duijie.Limit(c.t.Settings().Limits[1]))
	l, err := NewClient(legacyCfg)
	require.NoError(t, err)
	assert.Equal(t, LegacyProductionURL, l.t.Settings().BaseURL)
}

func TestErrorClasses(t *testing.T) {
	cases := []struct {
		body       string
		class      error
		code       string
		calls      int
		legacy     bool
		replaySafe bool
	}{
		{`{"code":10,"msg":"验证失败！无效签名"}`, duijie.ErrSignature, "10", 1, false, true},
		{`{"code":140,"msg":"验证失败！无效的timestamp，请求最大时间误差15分钟"}`, duijie.ErrSignature, "140", 1, false, true},
		{`{"code":140,"issuccess":false,"msg":"参数传递错误","requestId":"r-1"}`, duijie.ErrInvalidRequest, "140", 1, false, true},
		{`{"code":110,"msg":"验证失败！已设置IP白名单，该IP不在白名单列表"}`, duijie.ErrAuth, "110", 1, false, true},
		{`{"code":190,"msg":"验证失败！无API权限，请申请API权限"}`, duijie.ErrAuth, "190", 1, false, true},
		{`{"code":199,"msg":"调用频次超过限制!请稍后再试"}`, duijie.ErrRateLimited, "199", 3, false, false},
		{`{"code":200,"msg":"调用频次超过限制"}`, duijie.ErrRateLimited, "200", 3, false, false},
		{`{"code":170,"msg":"店铺编号不存在"}`, duijie.ErrNotFound, "170", 1, false, true},
		{`{"code":160,"msg":"内部保存失败"}`, duijie.ErrTemporary, "160", 3, false, true},
		{`{"code":160,"msg":"内部保存失败"}`, duijie.ErrTemporary, "160", 1, false, false},
		{`{"code":120,"issuccess":false,"msg":"签名错误"}`, duijie.ErrSignature, "120", 1, true, true},
		{`{"code":180,"issuccess":false,"msg":"请求时间戳 TS 无效"}`, duijie.ErrSignature, "180", 1, true, true},
		{`{"code":0,"issuccess":false,"msg":"失败"}`, duijie.ErrInvalidRequest, "0", 1, true, true},
		{`<html>502 Bad Gateway</html>`, duijie.ErrTemporary, "", 3, false, true},
	}
	for _, tc := range cases {
		t.Run(tc.body, func(t *testing.T) {
			cfg, u := vectorCfg, testBase+"/open/x"
			req := &CallRequest{Path: "/open/x", Method: "x", SafeToReplay: tc.replaySafe}
			if tc.legacy {
				cfg, u = legacyCfg, testLegacyBase
			}
			c, mt := newTestClient(t, cfg)
			respond(mt, "POST", u, tc.body)
			err := c.Call(context.Background(), req, nil)
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.class)
			var e *duijie.APIError
			ok := errors.As(err, &e)
			require.True(t, ok)
			assert.Equal(t, tc.code, e.Code)
			assert.Equal(t, "jushuitan", e.Vendor)
			assert.Equal(t, tc.calls, mt.GetTotalCallCount(), "attempts")
			if strings.Contains(tc.body, "requestId") {
				assert.Equal(t, "r-1", e.RequestID)
			}
		})
	}
}

func TestHTTP500RetriedForReadsOnly(t *testing.T) {
	c, mt := newTestClient(t, vectorCfg)
	mt.RegisterResponder("POST", testBase+"/open/inventory/query", httpmock.ResponderFromMultipleResponses([]*http.Response{
		httpmock.NewStringResponse(500, "oops"),
		httpmock.NewStringResponse(200, `{"code":0,"msg":"执行成功","data":{"inventorys":[{"sku_id":"A"}],"has_next":false}}`),
	}))
	res, err := c.QueryInventory(context.Background(), &InventoryQuery{SKUIDs: []string{"A"}})
	require.NoError(t, err)
	assert.Len(t, res.Items, 1)
	assert.Equal(t, 2, mt.GetTotalCallCount())
	// The same bytes are replayed.
}

func TestRetryReplaysTheSameSignedBytes(t *testing.T) {
	c, mt := newTestClient(t, vectorCfg)
	got := respond(mt, "POST", testBase+"/open/inventory/query", `{"code":199,"msg":"调用频次超过限制"}`, `{"code":0,"data":{"inventorys":[]}}`)
	_, err := c.QueryInventory(context.Background(), &InventoryQuery{SKUIDs: []string{"A"}})
	require.NoError(t, err)
	require.Len(t, got.bodies, 2)
	assert.Equal(t, got.bodies[0], got.bodies[1])
}
