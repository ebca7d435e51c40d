package wangdiantong

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

// signedBody is the exact form body the client must send for params: the
// common parameters of openCfg at fixedNow, the openapi2 sign, keys sorted.
func signedBody(params map[string]string) string {
	p := map[string]string{"sid": "test2", "appkey": "test2-xx", "timestamp": "1470042310"}
	for k, v := range params {
		p[k] = v
	}
	p["sign"] = SignOpenAPI(p, "12345")
	form := url.Values{}
	for k, v := range p {
		form.Set(k, v)
	}
	return form.Encode()
}

// rawBody records the raw body of every call to endpoint and answers body.
func rawBody(mt *httpmock.MockTransport, endpoint, body string) *[]string {
	var got []string
	mt.RegisterResponder("POST", endpoint, func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, string(b))
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
			return nil, fmt.Errorf("content type %q", ct)
		}
		resp := httpmock.NewStringResponse(200, body)
		resp.Header.Set("Content-Type", "text/html") // the vendor mislabels JSON
		return resp, nil
	})
	return &got
}

func TestRequestBytesPerOperation(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2024, 3, 1, 8, 0, 0, 0, duijie.CST())
	cases := []struct {
		name, file, answer string
		call               func(c *Client) error
		want               map[string]string
	}{
		{"refund stock-ins", "stockin_order_query_refund.php", `{"code":0,"message":"","total_count":"0","stockin_list":[]}`,
			func(c *Client) error {
				_, err := c.QueryRefundStockins(ctx, &RefundStockinQuery{StartTime: start, EndTime: start.Add(24 * time.Hour), ShopNo: "店1"})
				return err
			},
			map[string]string{"status": "80", "start_time": "2024-03-01 08:00:00", "end_time": "2024-03-02 08:00:00", "shop_no": "店1", "page_no": "0", "page_size": "40"}},
		{"archived refund stock-ins", "his_stockin_order_query_refund.php", `{"code":0,"message":"","stockin_list":[]}`,
			func(c *Client) error {
				_, err := c.QueryRefundStockins(ctx, &RefundStockinQuery{History: true, StockinNo: "RK1", Status: RefundStockinToAudit, PageNo: 2, PageSize: 100})
				return err
			},
			map[string]string{"status": "30", "stockin_no": "RK1", "page_no": "2", "page_size": "100"}},
		{"trades", "trade_query.php", `{"code":0,"message":"","total_count":0,"trades":[]}`,
			func(c *Client) error {
				_, err := c.QueryTrades(ctx, &TradeQuery{StartTime: start, EndTime: start.Add(time.Hour - time.Second), Status: 55, WarehouseNo: "W1"})
				return err
			},
			map[string]string{"start_time": "2024-03-01 08:00:00", "end_time": "2024-03-01 08:59:59", "status": "55", "warehouse_no": "W1", "page_no": "0", "page_size": "40"}},
		{"archived trades by number", "his_trade_query.php", `{"code":0,"message":"","trades":[]}`,
			func(c *Client) error {
				_, err := c.QueryTrades(ctx, &TradeQuery{History: true, SrcTid: "T1"})
				return err
			},
			map[string]string{"src_tid": "T1", "page_no": "0", "page_size": "40"}},
		{"stock", "stock_query.php", `{"code":0,"message":"","total_count":0,"stocks":[]}`,
			func(c *Client) error {
				_, err := c.QueryStock(ctx, &StockQuery{StartTime: start, EndTime: start.Add(time.Hour), Barcode: "690"})
				return err
			},
			map[string]string{"start_time": "2024-03-01 08:00:00", "end_time": "2024-03-01 09:00:00", "barcode": "690", "page_no": "0", "page_size": "40"}},
		{"shops", "shop.php", `{"code":0,"message":"","total_count":0,"shoplist":[]}`,
			func(c *Client) error { _, err := c.QueryShops(ctx, nil); return err },
			map[string]string{"page_no": "0", "page_size": "40"}},
		{"warehouses", "warehouse_query.php", `{"code":0,"message":"","warehouses":[]}`,
			func(c *Client) error {
				_, err := c.QueryWarehouses(ctx, &WarehouseQuery{WarehouseNo: "W1", PageSize: 5})
				return err
			},
			map[string]string{"warehouse_no": "W1", "page_no": "0", "page_size": "5"}},
		{"logistics sync query", "logistics_sync_query.php", `{"code":0,"message":"","trades":[]}`,
			func(c *Client) error {
				_, err := c.QueryLogisticsSync(ctx, &LogisticsSyncQuery{ShopNo: "s1", Limit: 20, PartSync: true})
				return err
			},
			map[string]string{"shop_no": "s1", "limit": "20", "is_part_sync_able": "1"}},
		{"logistics sync ack", "logistics_sync_ack.php", `{"code":0,"message":"","errors":[]}`,
			func(c *Client) error {
				_, err := c.AckLogisticsSync(ctx, &LogisticsAckRequest{Acks: []LogisticsAck{{RecID: "7"}, {RecID: "8", Failed: true, Message: "单号错误"}}})
				return err
			},
			map[string]string{"logistics_list": `[{"rec_id":"7","status":0},{"rec_id":"8","status":1,"message":"\u5355\u53f7\u9519\u8bef"}]`}},
		{"trade push in strict mode", "trade_push.php", `{"code":0,"message":"","new_count":1,"chg_count":0}`,
			func(c *Client) error {
				tr := sampleTrade("T1")
				tr.ReceiverName = "Li"
				tr.ReceiverProv, tr.ReceiverCity, tr.ReceiverDist, tr.ReceiverAddr = "P", "C", "D", "A"
				tr.Orders[0].GoodsName = "phone"
				_, err := c.PushTrades(ctx, &TradePushRequest{ShopNo: "shop1", Strict: true, Trades: []Trade{tr}})
				return err
			},
			map[string]string{"shop_no": "shop1", "switch": "1", "trade_list": `[{"tid":"T1","trade_status":30,"pay_status":2,"delivery_term":1,` +
				`"trade_time":"2024-05-01 10:00:00","fenxiao_type":0,"receiver_name":"Li","receiver_province":"P","receiver_city":"C","receiver_district":"D",` +
				`"receiver_address":"A","invoice_kind":0,"remark_flag":0,"seller_flag":0,"post_amount":0,"cod_amount":0,"ext_cod_fee":0,"other_amount":0,` +
				`"paid":99.5,"is_auto_wms":0,"order_list":[{"oid":"T1-1",` +
				`"num":1,"price":99.5,"status":0,"refund_status":0,"spec_no":"SKU1","goods_name":"phone","adjust_amount":0,"discount":0,"share_discount":0}]}]`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t, openCfg)
			got := rawBody(mt, testBase+"/"+tc.file, tc.answer)
			require.NoError(t, tc.call(c))
			require.Len(t, *got, 1)
			assert.Equal(t, signedBody(tc.want), (*got)[0])
		})
	}
}

func TestPushTradesMatchesFailuresByTid(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	// A tid that looks like a mobile number, and a secret-like substring:
	// both would be masked in a displayed message, not in the outcome.
	mt.RegisterResponder("POST", testBase+"/trade_push.php", httpmock.NewStringResponder(200,
		`{"code":2830,"message":"[{\"tid\":\"13812345678\",\"error\":\"货品不存在\"},{\"tid\":\"X12345\",\"error\":\"a\"},{\"tid\":\"X12345\",\"error\":\"b\"},{\"tid\":\"GHOST\",\"error\":\"未知\"}]","new_count":1,"chg_count":"0"}`))
	res, err := c.PushTrades(context.Background(), &TradePushRequest{ShopNo: "s", Trades: []Trade{sampleTrade("13812345678"), sampleTrade("OK1"), sampleTrade("X12345")}})
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, 3, be.Total)
	assert.Equal(t, []int{0, 2, -1}, be.FailedIndexes())
	assert.Equal(t, "GHOST", be.Failed[2].Key)
	assert.Equal(t, "2830", be.Failed[0].Code)
	require.Len(t, res.Results, 3)
	assert.Equal(t, TradePushResult{Index: 0, Tid: "13812345678", OK: false, Error: "货品不存在"}, res.Results[0])
	assert.Equal(t, TradePushResult{Index: 1, Tid: "OK1", OK: true}, res.Results[1])
	assert.Equal(t, "a; b", res.Results[2].Error)
	assert.Equal(t, 1, res.NewCount)

	// An error that is not a per-trade list leaves every outcome unknown.
	c, mt = newTestClient(t, openCfg)
	mt.RegisterResponder("POST", testBase+"/trade_push.php", httpmock.NewStringResponder(200, `{"code":2830,"message":"店铺不存在"}`))
	res, err = c.PushTrades(context.Background(), &TradePushRequest{ShopNo: "s", Trades: []Trade{sampleTrade("T1")}})
	assert.Nil(t, res)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	assert.False(t, errors.As(err, &be))
}

func TestErrorClassesEveryRoute(t *testing.T) {
	ctx := context.Background()
	open := []struct {
		status      int
		body        string
		class       error
		calls       int
		safeToRetry bool
	}{
		{200, `{"code":100,"message":"无效timestamp"}`, duijie.ErrSignature, 1, true},
		{200, `{"code":"100","message":"已经停用"}`, duijie.ErrAuth, 1, true},
		{200, `{"code":1007,"message":"appkey已停用"}`, duijie.ErrAuth, 1, true},
		{200, `{"code":99,"message":"超过每分钟最大调用频率限制,请稍后重试"}`, duijie.ErrRateLimited, 3, true},
		{200, `{"code":1012,"message":"x"}`, duijie.ErrRateLimited, 3, false}, // the throttle is retried even for unsafe calls
		{200, `{"code":5,"message":"系统繁忙"}`, duijie.ErrTemporary, 3, true},
		{200, `{"code":5,"message":"系统繁忙"}`, duijie.ErrTemporary, 1, false},
		{500, `internal error`, duijie.ErrTemporary, 3, true},
		{502, `<html>bad gateway</html>`, duijie.ErrTemporary, 1, false},
		{404, `not found`, duijie.ErrNotFound, 1, true},
		{200, `<html>ok</html>`, duijie.ErrTemporary, 3, true},
		{200, `{"code":2900,"message":"时间范围与入库单号不能全部为空"}`, duijie.ErrInvalidRequest, 1, true},
	}
	for i, tc := range open {
		c, mt := newTestClient(t, openCfg)
		mt.RegisterResponder("POST", testBase+"/x.php", httpmock.NewStringResponder(tc.status, tc.body))
		err := c.Call(ctx, &CallRequest{Method: "x.php", SafeToReplay: tc.safeToRetry}, nil)
		require.ErrorIs(t, err, tc.class, "%d %s", i, tc.body)
		e, ok := err.(*duijie.APIError)
		require.True(t, ok)
		assert.Equal(t, "wangdiantong", e.Vendor)
		assert.Equal(t, "x.php", e.Operation)
		assert.Equal(t, tc.status, e.HTTPStatus)
		assert.Equal(t, tc.calls, mt.GetTotalCallCount(), "%d %s", i, tc.body)
	}
	qimen := []struct {
		body  string
		class error
		code  string
	}{
		{`{"error_response":{"code":7,"msg":"App Call Limited","sub_code":"accesscontrol.limited-by-app-access-count"}}`, duijie.ErrRateLimited, "7"},
		{`{"error_response":{"code":31,"msg":"Invalid timestamp"}}`, duijie.ErrSignature, "31"},
		{`{"error_response":{"code":27,"msg":"Invalid session","sub_code":"invalid-sessionkey"}}`, duijie.ErrAuth, "27"},
		{`{"error_response":{"code":29,"msg":"Invalid app Key","sub_code":"isv.invalid-app-key"}}`, duijie.ErrAuth, "29"},
		{`{"error_response":{"code":15,"msg":"Remote service error","sub_code":"isp.remote-service-timeout"}}`, duijie.ErrTemporary, "15"},
		{`{"error_response":{"code":22,"msg":"Invalid method","sub_code":"isv.invalid-method"}}`, duijie.ErrInvalidRequest, "22"},
		{`{"error_response":{"code":41,"msg":"Invalid arguments","sub_code":"isv.missing-parameter:limit"}}`, duijie.ErrInvalidRequest, "41"},
		{`{"response":{"flag":"failure","code":"100","message":"无效sign"}}`, duijie.ErrSignature, "100"},
		{`{"response":{"flag":"success","code":"2830","message":"参数值无效"}}`, duijie.ErrInvalidRequest, "2830"},
		{`{"response":"oops"}`, duijie.ErrTemporary, ""},
	}
	for _, tc := range qimen {
		c, mt := newTestClient(t, Config{SID: "s", Route: RouteQimen, Qimen: QimenConfig{AppKey: "k", AppSecret: "qs"}})
		mt.RegisterResponder("POST", testBase, httpmock.NewStringResponder(200, tc.body))
		err := c.Call(ctx, &CallRequest{Method: "wdt.shop.query", SafeToReplay: true}, nil)
		require.ErrorIs(t, err, tc.class, tc.body)
		e, _ := err.(*duijie.APIError)
		assert.Equal(t, tc.code, e.Code, tc.body)
		assert.Equal(t, "wdt.shop.query", e.Operation)
	}
}

func TestTransportFailures(t *testing.T) {
	ctx := context.Background()
	// A reset on a call that is not safe to replay is not retried and says
	// the request may have been applied.
	c, mt := newTestClient(t, openCfg)
	mt.RegisterResponder("POST", testBase+"/x.php", httpmock.NewErrorResponder(syscall.ECONNRESET))
	err := c.Call(ctx, &CallRequest{Method: "x.php", Params: map[string]any{"a": "1"}}, nil)
	var te *duijie.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MayHaveReachedServer)
	assert.Equal(t, 1, mt.GetTotalCallCount())
	// A refused connection never reached the server: retried even then.
	c, mt = newTestClient(t, openCfg)
	mt.RegisterResponder("POST", testBase+"/x.php", httpmock.NewErrorResponder(syscall.ECONNREFUSED).Then(
		httpmock.NewStringResponder(200, `{"code":0,"message":""}`)))
	require.NoError(t, c.Call(ctx, &CallRequest{Method: "x.php"}, nil))
	assert.Equal(t, 2, mt.GetTotalCallCount())
	// A cancelled context returns the context's error.
	c, mt = newTestClient(t, openCfg)
	mt.RegisterResponder("POST", testBase+"/x.php", httpmock.NewStringResponder(200, `{"code":0}`))
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	err = c.Call(cctx, &CallRequest{Method: "x.php", SafeToReplay: true}, nil)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestCallEncodesParameters(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	got := rawBody(mt, testBase+"/goods_query.php", `{"code":0,"message":"","total_count":"1","goods_list":[{"goods_no":"G1"}]}`)
	var out struct {
		Total duijie.Int64 `json:"total_count"`
		Goods []struct {
			GoodsNo duijie.Text `json:"goods_no"`
		} `json:"goods_list"`
	}
	at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	err := c.Call(context.Background(), &CallRequest{Method: "goods_query.php", SafeToReplay: true, Params: map[string]any{
		"spec_no": "S1", "page_no": 0, "flag": true, "off": false, "start_time": at, "amount": amt("1.50"),
		"day": duijie.DateOf(at), "skip": "", "nil": nil, "zero_time": time.Time{}, "list": []string{"a", "é"},
	}}, &out)
	require.NoError(t, err)
	assert.Equal(t, duijie.Int64(1), out.Total)
	assert.Equal(t, "G1", string(out.Goods[0].GoodsNo))
	assert.Equal(t, signedBody(map[string]string{"spec_no": "S1", "page_no": "0", "flag": "1", "off": "0",
		"start_time": "2024-01-02 11:04:05", "amount": "1.5", "day": "2024-01-02", "list": `["a","\u00e9"]`}), (*got)[0])

	err = c.Call(context.Background(), &CallRequest{}, nil)
	var ve *duijie.ValidationError
	require.ErrorAs(t, err, &ve, "no method named")
	assert.Equal(t, "method", ve.Field)
	err = c.Call(context.Background(), &CallRequest{Method: "x.php", Params: map[string]any{"bad": make(chan int)}}, nil)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "bad", ve.Field)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestPagingReadsTotalFromTheFirstPage(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	var pagesAsked []string
	mt.RegisterResponder("POST", testBase+"/stockin_order_query_refund.php", func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		f, _ := url.ParseQuery(string(b))
		pagesAsked = append(pagesAsked, f.Get("page_no"))
		switch f.Get("page_no") {
		case "0":
			return httpmock.NewStringResponse(200, `{"code":0,"message":"","total_count":"5","stockin_list":[{"stockin_no":"A"},{"stockin_no":"B"}]}`), nil
		case "1":
			return httpmock.NewStringResponse(200, `{"code":0,"message":"","stockin_list":[{"stockin_no":"C"},{"stockin_no":"D"}]}`), nil
		default:
			return httpmock.NewStringResponse(200, `{"code":0,"message":"","stockin_list":[{"stockin_no":"E"}]}`), nil
		}
	})
	var got []string
	for s, err := range c.RefundStockins(context.Background(), &RefundStockinQuery{StockinNo: "x", PageSize: 2}) {
		require.NoError(t, err)
		got = append(got, string(s.StockinNo))
	}
	assert.Equal(t, []string{"A", "B", "C", "D", "E"}, got)
	assert.Equal(t, []string{"0", "1", "2"}, pagesAsked, "page_no from 0, and no page past the total")

	// A vendor that repeats a page is an error, not a loop or a silent stop.
	c, mt = newTestClient(t, openCfg)
	mt.RegisterResponder("POST", testBase+"/stockin_order_query_refund.php", httpmock.NewStringResponder(200,
		`{"code":0,"message":"","total_count":"9","stockin_list":[{"stockin_no":"A"},{"stockin_no":"B"}]}`))
	var last error
	n := 0
	for _, err := range c.RefundStockins(context.Background(), &RefundStockinQuery{StockinNo: "x", PageSize: 2}) {
		last = err
		n++
	}
	assert.ErrorIs(t, last, duijie.ErrRepeatedPage)
	assert.Equal(t, 3, n)

	// Breaking stops the calls.
	c, mt = newTestClient(t, openCfg)
	mt.RegisterResponder("POST", testBase+"/stockin_order_query_refund.php", httpmock.NewStringResponder(200,
		`{"code":0,"message":"","total_count":"9","stockin_list":[{"stockin_no":"A"},{"stockin_no":"B"}]}`))
	for range c.RefundStockins(context.Background(), &RefundStockinQuery{StockinNo: "x", PageSize: 2}) {
		break
	}
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestTradesIteratorCutsSixtyMinuteWindows(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	var windows []string
	mt.RegisterResponder("POST", testBase+"/trade_query.php", func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		f, _ := url.ParseQuery(string(b))
		windows = append(windows, f.Get("start_time")+" / "+f.Get("end_time"))
		return httpmock.NewStringResponse(200, `{"code":0,"message":"","total_count":"1","trades":[{"trade_no":"`+f.Get("start_time")+`"}]}`), nil
	})
	start := time.Date(2024, 3, 1, 8, 0, 0, 0, duijie.CST())
	n := 0
	for _, err := range c.Trades(context.Background(), &TradeQuery{StartTime: start, EndTime: start.Add(150 * time.Minute)}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 3, n)
	assert.Equal(t, []string{
		"2024-03-01 08:00:00 / 2024-03-01 08:59:59",
		"2024-03-01 09:00:00 / 2024-03-01 09:59:59",
		"2024-03-01 10:00:00 / 2024-03-01 10:30:00",
	}, windows, "closed windows that neither overlap nor leave a gap")

	// A reversed range is refused before sending.
	for _, err := range c.Trades(context.Background(), &TradeQuery{StartTime: start, EndTime: start.Add(-time.Second)}) {
		assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	}
	assert.Equal(t, 3, mt.GetTotalCallCount())
}

// seed001Fields are the stockin_list and details_list fields of the
// 查询退货入库单 model (seed 001).
var seed001Fields = map[string][]string{
	"stockin": strings.Fields(`order_no warehouse_no warehouse_name shop_no shop_remark src_order_no process_status status
		stockin_time created_time trade_no trade_type order_type order_type_name goods_amount actual_refund_amount total_price
		post_fee other_fee logistics_type logistics_no logistics_name logistics_code refund_no check_time customer_no customer_name
		nick_name shop_name stockin_reason flag_name platform_id stockin_operator_name check_operator_name refund_remark
		refund_operator_name stockin_no wms_outer_no wms_status wms_result warehouse_id src_order_id reason_id fa_status
		logistics_id post_share_type operator_id check_operator_id goods_type_count note_count flag_id details_list`),
	"detail": strings.Fields(`stockin_id remark goods_count discount tax_amount adjust_price right_price tid src_order_type
		adjust_num modified rec_id src_order_detail_id spec_no cost_price production_date validity_days expire_date src_price
		tax_price tax total_cost right_num num num2 right_cost brand_no brand_name goods_name prop2 goods_no spec_name spec_code
		goods_unit batch_no batch_remark position_no oid org_stockin_detail_id spec_id batch_id position_id unit_id base_unit_id
		unit_ratio expect_num cost_price2 share_post_cost share_post_total created`),
}

func jsonTags(v any) map[string]bool {
	out := map[string]bool{}
	rt := reflect.TypeOf(v)
	for i := range rt.NumField() {
		out[strings.Split(rt.Field(i).Tag.Get("json"), ",")[0]] = true
	}
	return out
}

func TestRefundStockinHasTheWholeSeedModel(t *testing.T) {
	head, detail := jsonTags(RefundStockin{}), jsonTags(RefundStockinDetail{})
	for _, f := range seed001Fields["stockin"] {
		assert.True(t, head[f], "RefundStockin lacks %s", f)
	}
	for _, f := range seed001Fields["detail"] {
		assert.True(t, detail[f], "RefundStockinDetail lacks %s", f)
	}
	// Every field as a string, as the vendor sends them.
	var b strings.Builder
	b.WriteString(`{"code":"0","message":"","total_count":"1","stockin_list":[{`)
	for i, f := range seed001Fields["stockin"] {
		if f == "details_list" {
			continue
		}
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "%q:%q", f, sample(f))
	}
	b.WriteString(`,"details_list":[{`)
	for i, f := range seed001Fields["detail"] {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "%q:%q", f, sample(f))
	}
	b.WriteString(`}]}]}`)
	c, mt := newTestClient(t, openCfg)
	mt.RegisterResponder("POST", testBase+"/stockin_order_query_refund.php", httpmock.NewStringResponder(200, b.String()))
	page, err := c.QueryRefundStockins(context.Background(), &RefundStockinQuery{StockinNo: "RK1"})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	s := page.Items[0]
	assert.Equal(t, 1, page.Total)
	assert.Equal(t, "stockin_no-v", string(s.StockinNo))
	assert.Equal(t, "123.4500", s.ActualRefundAmount.Fixed(4))
	assert.Equal(t, "2024-03-01 12:30:00", s.CheckTime.String())
	assert.True(t, s.StockinTime.IsZero(), "0000-00-00 00:00:00 is the zero time")
	d := s.Details[0]
	assert.Equal(t, "123.45", d.Num.String())
	assert.Equal(t, "2024-03-01 12:30:00", d.Created.String())
	assert.Equal(t, "oid-v", string(d.Oid))
}

// sample is a plausible string value for a field of the seed model.
func sample(f string) string {
	switch f {
	case "stockin_time":
		return "0000-00-00 00:00:00"
	case "created_time", "check_time", "modified", "created":
		return "2024-03-01 12:30:00"
	case "production_date", "expire_date":
		return "2024-03-01"
	}
	for _, n := range []string{"amount", "price", "fee", "num", "count", "discount", "cost", "tax", "ratio", "num2", "total"} {
		if strings.HasSuffix(f, n) || f == n || strings.HasPrefix(f, "cost_price") || f == "num2" {
			return "123.45"
		}
	}
	return f + "-v"
}

func TestNewClientNamesTheField(t *testing.T) {
	cases := map[string]Config{
		"Config.SID":             {AppKey: "k", AppSecret: "s"},
		"Config.AppKey":          {SID: "s", AppSecret: "x"},
		"Config.AppSecret":       {SID: "s", AppKey: "k"},
		"Config.Qimen.AppKey":    {SID: "s", Route: RouteQimen},
		"Config.Qimen.AppSecret": {SID: "s", Route: RouteQimen, Qimen: QimenConfig{AppKey: "k"}},
		"Config.Qimen.SignMethod": {SID: "s", Route: RouteQimen,
			Qimen: QimenConfig{AppKey: "k", AppSecret: "s", SignMethod: "sha1"}},
		"Config.Route": {SID: "s", Route: 9},
	}
	for field, cfg := range cases {
		_, err := NewClient(cfg)
		require.Error(t, err, field)
		assert.Contains(t, err.Error(), field)
	}
	_, err := NewClient(openCfg, duijie.WithBaseURL("ftp://x"))
	assert.Error(t, err)
}

func TestSecretsStayOutOfErrorsAndBodies(t *testing.T) {
	cfg := Config{SID: "test2", AppKey: "test2-xx", AppSecret: "sekrit-openapi"}
	c, mt := newTestClient(t, cfg)
	mt.RegisterResponder("POST", testBase+"/x.php", httpmock.NewStringResponder(200, `{"code":100,"message":"无效sign sekrit-openapi"}`))
	err := c.Call(context.Background(), &CallRequest{Method: "x.php"}, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "sekrit")
	e, _ := err.(*duijie.APIError)
	assert.NotContains(t, e.Body, "sekrit")
	assert.Equal(t, "[REDACTED]", fmt.Sprint(cfg.AppSecret))
}

func TestIteratorCanBeRangedTwice(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	mt.RegisterResponder("POST", testBase+"/shop.php", func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		f, _ := url.ParseQuery(string(b))
		if f.Get("page_no") == "0" {
			return httpmock.NewStringResponse(200, `{"code":0,"message":"","total_count":3,"shoplist":[{"shop_no":"a"},{"shop_no":"b"}]}`), nil
		}
		return httpmock.NewStringResponse(200, `{"code":0,"message":"","shoplist":[{"shop_no":"c"}]}`), nil
	})
	seq := c.Shops(context.Background(), &ShopQuery{PageSize: 2})
	for range 2 {
		var got []string
		for s, err := range seq {
			require.NoError(t, err)
			got = append(got, string(s.ShopNo))
		}
		assert.Equal(t, []string{"a", "b", "c"}, got)
	}
	assert.Equal(t, 4, mt.GetTotalCallCount())
}
