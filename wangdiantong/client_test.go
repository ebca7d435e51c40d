package wangdiantong

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

const testBase = "https://wdt.example/prefix/openapi2"

var fixedNow = time.Date(2016, 8, 1, 9, 5, 10, 0, time.UTC) // 1470042310

func newTestClient(t *testing.T, cfg Config) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(httpmock.NewNotFoundResponder(t.Fatal))
	c, err := NewClient(cfg, duijie.WithBaseURL(testBase), duijie.WithHTTPClient(&http.Client{Transport: mt}), duijie.WithClock(func() time.Time { return fixedNow }),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond}), duijie.WithRateLimit())
	require.NoError(t, err)
	return c, mt
}

var openCfg = Config{SID: "test2", AppKey: "test2-xx", AppSecret: "12345"}

func amt(s string) duijie.Amount {
	a, err := duijie.ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

func sampleTrade(tid string) Trade {
	return Trade{Tid: tid, TradeStatus: 30, PayStatus: 2, DeliveryTerm: 1,
		TradeTime:    duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST())),
		ReceiverName: "张三😀", ReceiverProv: "广东省", ReceiverCity: "深圳市", ReceiverDist: "南山区", ReceiverAddr: "科技园1号",
		Paid: amt("99.5"), Orders: []Order{{Oid: tid + "-1", Num: amt("1"), Price: amt("99.5"), SpecNo: "SKU1", GoodsName: "手机"}}}
}

func capture(mt *httpmock.MockTransport, endpoint, body string) *url.Values {
	got := &url.Values{}
	mt.RegisterResponder("POST", endpoint, func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		*got, _ = parseForm(string(b))
		return httpmock.NewStringResponse(200, body), nil
	})
	return got
}

func parseForm(s string) (url.Values, error) { return url.ParseQuery(s) }

func TestPushTradesWireFormOpenAPI(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	form := capture(mt, testBase+"/trade_push.php", `{"code":0,"message":"","new_count":"1","chg_count":0}`)
	res, err := c.PushTrades(context.Background(), &TradePushRequest{ShopNo: "shop1", Trades: []Trade{sampleTrade("T1")}})
	require.NoError(t, err)
	assert.Equal(t, 1, res.NewCount)
	assert.Equal(t, []TradePushResult{{Index: 0, Tid: "T1", OK: true}}, res.Results)
	f := *form
	assert.Equal(t, "test2", f.Get("sid"))
	assert.Equal(t, "test2-xx", f.Get("appkey"))
	assert.Equal(t, "1470042310", f.Get("timestamp"))
	assert.Equal(t, "shop1", f.Get("shop_no"))
	assert.Equal(t, []string{"0"}, f["switch"], "non-strict mode is sent, not left to the vendor's default")
	// Nested lists are ASCII-escaped JSON; the emoji is dropped.
	assert.Equal(t, `[{"tid":"T1","trade_status":30,"pay_status":2,"delivery_term":1,"trade_time":"2024-05-01 10:00:00","fenxiao_type":0,`+
		`"receiver_name":"\u5f20\u4e09","receiver_province":"\u5e7f\u4e1c\u7701","receiver_city":"\u6df1\u5733\u5e02",`+
		`"receiver_district":"\u5357\u5c71\u533a","receiver_address":"\u79d1\u6280\u56ed1\u53f7","invoice_kind":0,"remark_flag":0,"seller_flag":0,`+
		`"post_amount":0,"cod_amount":0,"ext_cod_fee":0,"other_amount":0,"paid":99.5,"is_auto_wms":0,"order_list":[{"oid":"T1-1","num":1,"price":99.5,"status":0,"refund_status":0,`+
		`"spec_no":"SKU1","goods_name":"\u624b\u673a","adjust_amount":0,"discount":0,"share_discount":0}]}]`, f.Get("trade_list"))
	params := map[string]string{}
	for k := range f {
		params[k] = f.Get(k)
	}
	assert.Equal(t, SignOpenAPI(params, "12345"), f.Get("sign"))
}

func TestKeepEmojiEscapesSurrogates(t *testing.T) {
	assert.Equal(t, `"\u5f20\ud83d\ude00"`, string(asciiJSON([]byte(`"张😀"`), true)))
	assert.Equal(t, `"\u5f20"`, string(asciiJSON([]byte(`"张😀"`), false)))
}

func TestPushTradesQimenWire(t *testing.T) {
	cfg := Config{SID: "test2", AppKey: "test2-xx", Route: RouteQimen, Qimen: QimenConfig{AppKey: "qk", AppSecret: "qs", SignMethod: SignHMACSHA256}}
	c, mt := newTestClient(t, cfg)
	form := capture(mt, testBase, `{"response":{"flag":"success","code":0,"message":"","new_count":0,"chg_count":1}}`)
	res, err := c.PushTrades(context.Background(), &TradePushRequest{ShopNo: "shop1", Trades: []Trade{sampleTrade("T1")}})
	require.NoError(t, err)
	assert.Equal(t, 1, res.ChgCount)
	f := *form
	assert.Equal(t, "wdt.trade.push", f.Get("method"))
	assert.Equal(t, "qk", f.Get("app_key"))
	assert.Equal(t, DefaultTargetAppKey, f.Get("target_app_key"))
	assert.Equal(t, "test2", f.Get("sid"))
	assert.Equal(t, "json", f.Get("format"))
	assert.Equal(t, "2.0", f.Get("v"))
	assert.Equal(t, "hmac-sha256", f.Get("sign_method"))
	assert.Equal(t, "2016-08-01 17:05:10", f.Get("timestamp"), "China time")
	params := map[string]string{}
	for k := range f {
		params[k] = f.Get(k)
	}
	assert.Equal(t, SignQimen(params, "qs", SignHMACSHA256), f.Get("sign"))
}

func TestPushTradesPartialFailure(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	mt.RegisterResponder("POST", testBase+"/trade_push.php", httpmock.NewStringResponder(200,
		`{"code":2830,"message":"[{\"tid\":\"T2\",\"error\":\"货品不存在\"}]","new_count":2,"chg_count":0}`))
	res, err := c.PushTrades(context.Background(), &TradePushRequest{ShopNo: "s", Trades: []Trade{sampleTrade("T1"), sampleTrade("T2"), sampleTrade("T3")}})
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, []int{1}, be.FailedIndexes())
	require.Len(t, res.Results, 3)
	assert.True(t, res.Results[0].OK)
	assert.False(t, res.Results[1].OK)
	assert.Equal(t, "货品不存在", res.Results[1].Error)
	assert.Equal(t, 2, res.NewCount, "the counts that came with the failure are kept")
	assert.True(t, res.Results[2].OK)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestErrorClassesAndRetries(t *testing.T) {
	cases := []struct {
		body  string
		class error
		calls int
	}{
		{`{"code":100,"message":"无效sign"}`, duijie.ErrSignature, 1},
		{`{"code":100,"message":"无效appkey"}`, duijie.ErrAuth, 1},
		{`{"code":"1012","message":"系统调用频繁"}`, duijie.ErrRateLimited, 3},
		{`{"code":2830,"message":"参数值无效"}`, duijie.ErrInvalidRequest, 1},
	}
	for _, tc := range cases {
		c, mt := newTestClient(t, openCfg)
		mt.RegisterResponder("POST", testBase+"/trade_push.php", httpmock.NewStringResponder(200, tc.body))
		_, err := c.PushTrades(context.Background(), &TradePushRequest{ShopNo: "s", Trades: []Trade{sampleTrade("T1")}})
		require.ErrorIs(t, err, tc.class, tc.body)
		e, ok := err.(*duijie.APIError)
		require.True(t, ok)
		assert.NotEmpty(t, e.Code)
		assert.Equal(t, tc.calls, mt.GetTotalCallCount(), tc.body)
	}
	// trade_push is keyed by tid, so a reset is replayed.
	c, mt := newTestClient(t, openCfg)
	mt.RegisterResponder("POST", testBase+"/trade_push.php", httpmock.NewErrorResponder(syscall.ECONNRESET).Then(
		httpmock.NewStringResponder(200, `{"code":0,"message":"","new_count":1,"chg_count":0}`)))
	_, err := c.PushTrades(context.Background(), &TradePushRequest{ShopNo: "s", Trades: []Trade{sampleTrade("T1")}})
	require.NoError(t, err)
	assert.Equal(t, 2, mt.GetTotalCallCount())
	// Qimen envelopes.
	qc := Config{SID: "s", Route: RouteQimen, Qimen: QimenConfig{AppKey: "k", AppSecret: "qs"}}
	c, mt = newTestClient(t, qc)
	mt.RegisterResponder("POST", testBase, httpmock.NewStringResponder(200,
		`{"error_response":{"code":25,"msg":"Invalid signature","sub_code":"isv.invalid-signature","request_id":"r9"}}`))
	_, err = c.QueryRefundStockins(context.Background(), &RefundStockinQuery{StockinNo: "RK1"})
	require.ErrorIs(t, err, duijie.ErrSignature)
	e, _ := err.(*duijie.APIError)
	assert.Equal(t, "r9", e.RequestID)
	assert.Equal(t, "isv.invalid-signature", e.SubCode)
}

func TestValidation(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	many := make([]Trade, 51)
	for i := range many {
		many[i] = sampleTrade("T" + strconv.Itoa(i))
	}
	noLines := sampleTrade("X")
	noLines.Orders = nil
	badNum := sampleTrade("Y")
	badNum.Orders[0].Num = amt("0")
	cases := map[string]struct {
		req   *TradePushRequest
		field string
	}{
		"too many":  {&TradePushRequest{ShopNo: "s", Trades: many}, "trade_list"},
		"no shop":   {&TradePushRequest{Trades: many[:1]}, "shop_no"},
		"no lines":  {&TradePushRequest{ShopNo: "s", Trades: []Trade{noLines}}, "trade_list[0].order_list"},
		"dup tid":   {&TradePushRequest{ShopNo: "s", Trades: []Trade{many[0], many[0]}}, "trade_list[1].tid"},
		"zero num":  {&TradePushRequest{ShopNo: "s", Trades: []Trade{badNum}}, "trade_list[0].order_list[0].num"},
		"long shop": {&TradePushRequest{ShopNo: "一二三四五六七八九十一二三四五六七八九十一", Trades: many[:1]}, "shop_no"},
	}
	for name, tc := range cases {
		_, err := c.PushTrades(context.Background(), tc.req)
		var ve *duijie.ValidationError
		require.ErrorAs(t, err, &ve, name)
		assert.Equal(t, tc.field, ve.Field, name)
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, duijie.CST())
	_, err := c.QueryRefundStockins(context.Background(), &RefundStockinQuery{StartTime: start, EndTime: start.Add(31 * 24 * time.Hour)})
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	_, err = c.QueryRefundStockins(context.Background(), &RefundStockinQuery{StartTime: start, EndTime: start.Add(time.Hour), PageSize: 101})
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	_, err = c.QueryRefundStockins(context.Background(), nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest, "a time range or a number is required")
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestNewClientChecksConfig(t *testing.T) {
	for _, cfg := range []Config{
		{AppKey: "k", AppSecret: "s"},
		{SID: "s", AppKey: "k"},
		{SID: "s", Route: RouteQimen},
		{SID: "s", Route: RouteQimen, Qimen: QimenConfig{AppKey: "k", AppSecret: "s", SignMethod: "sha1"}},
		{SID: "s", Route: 9},
	} {
		_, err := NewClient(cfg)
		assert.Error(t, err)
	}
}
