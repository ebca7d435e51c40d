package honor

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

const testBase = "https://honor.example/gw"

var testConfig = Config{AppID: "honor-test-app", AppKey: "honor-test-appkey-0001", ShopNo: "SHOP-TEST-01",
	ProvinceDistributorID: "PD-440000-01", Nonce: func() string { return "0123456789abcdef" }}

// testNow is 2026-11-28 10:00:00 CST, timestamp 1795831200000.
var testNow = time.UnixMilli(1795831200000)

func newTestClient(t *testing.T, cfg Config, opts ...duijie.Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(httpmock.NewNotFoundResponder(t.Fatal))
	c, err := NewClient(cfg, append([]duijie.Option{duijie.WithBaseURL(testBase), duijie.WithHTTPClient(&http.Client{Transport: mt}),
		duijie.WithClock(func() time.Time { return testNow }), duijie.WithRateLimit(),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond})}, opts...)...)
	require.NoError(t, err)
	return c, mt
}

// capture answers body to every POST at path and records the forms sent.
func capture(mt *httpmock.MockTransport, path, body string) *[]url.Values {
	var forms []url.Values
	mt.RegisterResponder("POST", testBase+path, func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		f, err := url.ParseQuery(string(b))
		if err != nil {
			return nil, err
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded; charset=utf-8" {
			return httpmock.NewStringResponse(400, "content type "+ct), nil
		}
		forms = append(forms, f)
		return httpmock.NewStringResponse(200, body), nil
	})
	return &forms
}

func ok(data string) string {
	return `{"code":"0","message":"success","request_id":"r1","data":` + data + `}`
}

// checkSigned asserts the common parameters and that sign covers the rest.
func checkSigned(t *testing.T, f url.Values, method string) {
	t.Helper()
	assert.Equal(t, method, f.Get("method"))
	assert.Equal(t, "honor-test-app", f.Get("app_id"))
	assert.Equal(t, "SHOP-TEST-01", f.Get("shop_no"))
	assert.Equal(t, "PD-440000-01", f.Get("distributor_id"))
	assert.Equal(t, "1795831200000", f.Get("timestamp"))
	assert.Equal(t, "0123456789abcdef", f.Get("nonce"))
	assert.Equal(t, "HMAC-SHA256", f.Get("sign_method"))
	m := map[string]string{}
	for k := range f {
		m[k] = f.Get(k)
	}
	assert.Equal(t, SignHMACSHA256(m, "honor-test-appkey-0001"), f.Get("sign"))
}

func TestOrderQueryExactBody(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	var body string
	mt.RegisterResponder("POST", testBase+"/openapi/vf/order/query", func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		return httpmock.NewStringResponse(200, ok(`{"total":1,"list":[{"order_no":"VF1","order_time":"2026-11-22 09:58:00","modified_time":"2026-11-22 10:01:02","total_amount":"3999.00","pay_amount":3999,"lines":[{"line_no":"1","goods_code":"G1","quantity":"2","price":"1999.50","amount":"3999.00"}]}]}`)), nil
	})
	from := time.Date(2026, 11, 22, 10, 0, 0, 0, duijie.CST())
	p, err := c.QueryVFOrders(context.Background(), &VFOrderQuery{ModifiedFrom: from, ModifiedTo: from.Add(5 * time.Minute)})
	require.NoError(t, err)
	// The golden vector of sign_test.go, as the wire carries it.
	assert.Equal(t, "app_id=honor-test-app"+
		"&biz_content=%7B%22start_modified%22%3A%222026-11-22+10%3A00%3A00%22%2C%22end_modified%22%3A%222026-11-22+10%3A05%3A00%22%2C%22page_no%22%3A1%2C%22page_size%22%3A50%7D"+
		"&distributor_id=PD-440000-01&method=honor.vf.order.query&nonce=0123456789abcdef&shop_no=SHOP-TEST-01"+
		"&sign=55CED7BEF058E60AD639908074B0A3B9843A3B1238931A849CD15F436710F769&sign_method=HMAC-SHA256&timestamp=1795831200000", body)
	require.Len(t, p.Items, 1)
	o := p.Items[0]
	assert.Equal(t, "VF1", o.OrderNo)
	assert.Equal(t, "2026-11-22 10:01:02", o.ModifiedTime.String())
	assert.Equal(t, "3999", o.PayAmount.String())
	assert.Equal(t, "1999.50", o.Lines[0].Price.Fixed(2))
	assert.Equal(t, 1, p.Total)
	assert.Equal(t, 1, p.Number)
	assert.Equal(t, 50, p.Size)
	assert.False(t, p.HasMore)
	assert.Equal(t, "2026-11-28 10:00:00", p.SyncedAt.String())
}

func TestRequestBytesPerOperation(t *testing.T) {
	day := duijie.DateOf(time.Date(2026, 11, 1, 0, 0, 0, 0, duijie.CST()))
	at := duijie.NewTime(time.Date(2026, 11, 22, 11, 0, 0, 0, duijie.CST()))
	cases := []struct {
		name, path, method, biz, answer string
		call                            func(*Client) error
	}{
		{"goods", "/openapi/vf/goods/query", "honor.vf.goods.query", `{"goods_code":"G1","modified_since":"2026-11-22 11:00:00","page_no":2,"page_size":100}`, ok(`{"total":0,"list":[]}`),
			func(c *Client) error {
				_, err := c.QueryVFGoods(context.Background(), &VFGoodsQuery{GoodsCode: "G1", ModifiedSince: at, PageNo: 2, PageSize: 100})
				return err
			}},
		{"goods nil", "/openapi/vf/goods/query", "honor.vf.goods.query", `{"page_no":1,"page_size":50}`, ok(`{"total":0,"list":[]}`),
			func(c *Client) error { _, err := c.QueryVFGoods(context.Background(), nil); return err }},
		{"customers", "/openapi/vf/customer/query", "honor.vf.customer.query", `{"customer_code":"C1","page_no":1,"page_size":50}`, ok(`{"total":0,"list":null}`),
			func(c *Client) error {
				_, err := c.QueryVFCustomers(context.Background(), &VFCustomerQuery{CustomerCode: "C1"})
				return err
			}},
		{"order by number", "/openapi/vf/order/query", "honor.vf.order.query", `{"order_no":"VF9","status":"audited","page_no":1,"page_size":50}`, ok(`{"total":0,"list":""}`),
			func(c *Client) error {
				_, err := c.QueryVFOrders(context.Background(), &VFOrderQuery{OrderNo: "VF9", Status: "audited"})
				return err
			}},
		{"incentives", "/openapi/vf/incentive/query", "honor.vf.incentive.query", `{"start_date":"2026-11-01","end_date":"2026-12-01","customer_code":"C1","page_no":1,"page_size":10}`, ok(`{"total":0,"list":[]}`),
			func(c *Client) error {
				_, err := c.QueryVFIncentives(context.Background(), &DateRangeQuery{StartDate: day, EndDate: day.AddDays(30), CustomerCode: "C1", PageSize: 10})
				return err
			}},
		{"fund pool", "/openapi/vf/fundpool/query", "honor.vf.fundpool.query", `{"start_date":"2026-11-01","end_date":"2026-11-01","page_no":1,"page_size":50}`, ok(`{"total":0,"list":[]}`),
			func(c *Client) error {
				_, err := c.QueryVFFundPool(context.Background(), &DateRangeQuery{StartDate: day, EndDate: day})
				return err
			}},
		{"feedback", "/openapi/vf/shipment/feedback", "honor.vf.shipment.feedback",
			`{"order_no":"VF1","outbound_no":"PF1","outbound_time":"2026-11-22 11:00:00","warehouse_code":"WH1","tracking_no":"SF123","lines":[{"line_no":"1","goods_code":"G1","quantity":2,"serials":["868000000000011","868000000000012"]},{"goods_code":"ACC","quantity":1.5}]}`,
			ok(`{"order_no":"VF1","outbound_no":"PF1","status":"created"}`),
			func(c *Client) error {
				_, err := c.SendVFShipmentFeedback(context.Background(), &VFShipmentFeedback{Origin: OriginHimall, OrderNo: "VF1", OutboundNo: "PF1",
					OutboundTime: at, WarehouseCode: "WH1", TrackingNo: "SF123", Lines: []VFShipmentLine{
						{LineNo: "1", GoodsCode: "G1", Quantity: duijie.AmountFromInt(2), Serials: []string{"868000000000011", "868000000000012"}},
						{GoodsCode: "ACC", Quantity: duijie.AmountFromCents(150)}}})
				return err
			}},
		{"psi", "/openapi/psi/serial/upload", "honor.psi.serial.upload",
			`{"records":[{"doc_no":"PF1","doc_type":"wholesale_exchange","doc_date":"2026-11-22 11:00:00","direction":"in","vf_order_no":"VF1","warehouse_code":"WH1","supplier_code":"S1","customer_code":"C1","goods_code":"G1","brand":"荣耀","category":"手机","serial":"868000000000011"}]}`,
			ok(`{"results":[{"doc_no":"PF1","serial":"868000000000011","success":true}]}`),
			func(c *Client) error {
				_, err := c.UploadPSI(context.Background(), &PSIUploadRequest{Records: []PSIRecord{{DocNo: "PF1", DocType: PSIWholesaleExchange, DocDate: at,
					Direction: PSIIn, VFOrderNo: "VF1", WarehouseCode: "WH1", SupplierCode: "S1", CustomerCode: "C1", GoodsCode: "G1",
					Brand: "荣耀", Category: "手机", Serial: "868000000000011"}}})
				return err
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t, testConfig)
			forms := capture(mt, tc.path, tc.answer)
			require.NoError(t, tc.call(c))
			require.Len(t, *forms, 1)
			f := (*forms)[0]
			assert.Equal(t, tc.biz, f.Get("biz_content"))
			checkSigned(t, f, tc.method)
			assert.Len(t, f, 9)
		})
	}
}

func TestNewClientValidatesEveryCredential(t *testing.T) {
	for _, tc := range []struct {
		field string
		edit  func(*Config)
		want  string
	}{
		{"AppID", func(c *Config) { c.AppID = "" }, "Config.AppID is required"},
		{"AppKey", func(c *Config) { c.AppKey = "" }, "Config.AppKey is required"},
		{"ShopNo", func(c *Config) { c.ShopNo = " " }, "Config.ShopNo is required"},
		{"ProvinceDistributorID", func(c *Config) { c.ProvinceDistributorID = "" }, "Config.ProvinceDistributorID is required"},
		{"padded", func(c *Config) { c.AppID = " a" }, "Config.AppID has leading or trailing spaces"},
		{"control", func(c *Config) { c.ShopNo = "a\nb" }, "Config.ShopNo contains a control character"},
		{"long", func(c *Config) { c.ProvinceDistributorID = strings.Repeat("x", 129) }, "Config.ProvinceDistributorID is longer"},
		{"window", func(c *Config) { c.OrderWindow = -1 }, "Config.OrderWindow"},
		{"unknown op", func(c *Config) { c.Operations = map[Op]Endpoint{"x": {Path: "/x"}} }, `Config.Operations["x"]`},
		{"bad path", func(c *Config) { c.Operations = map[Op]Endpoint{OpPSIUpload: {Path: "psi"}} }, "must start with /"},
		{"code 0", func(c *Config) { c.ErrorClasses = map[string]error{"0": duijie.ErrAuth} }, "Config.ErrorClasses"},
	} {
		t.Run(tc.field, func(t *testing.T) {
			cfg := testConfig
			tc.edit(&cfg)
			_, err := NewClient(cfg, duijie.WithBaseURL(testBase))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), "honor-test-appkey-0001")
		})
	}
	_, err := NewClient(testConfig)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WithBaseURL")
}

func TestValidationBeforeSending(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	ctx := context.Background()
	from := time.Date(2026, 11, 22, 10, 0, 0, 0, duijie.CST())
	at := duijie.NewTime(from)
	goodLine := []VFShipmentLine{{GoodsCode: "G1", Quantity: duijie.AmountFromInt(1)}}
	fb := func(edit func(*VFShipmentFeedback)) error {
		f := &VFShipmentFeedback{Origin: OriginHimall, OrderNo: "VF1", OutboundNo: "PF1", OutboundTime: at, Lines: goodLine}
		edit(f)
		_, err := c.SendVFShipmentFeedback(ctx, f)
		return err
	}
	rec := PSIRecord{DocNo: "D1", DocType: PSIWholesaleOut, DocDate: at, GoodsCode: "G1", Serial: "868000000000011"}
	psi := func(edit func([]PSIRecord) []PSIRecord) error {
		_, err := c.UploadPSI(ctx, &PSIUploadRequest{Records: edit([]PSIRecord{rec})})
		return err
	}
	for _, tc := range []struct {
		name, field, rule string
		err               error
	}{
		{"page size", "PageSize", "out of range", func() error { _, err := c.QueryVFGoods(ctx, &VFGoodsQuery{PageSize: 101}); return err }()},
		{"page no", "PageNo", "must not be negative", func() error { _, err := c.QueryVFCustomers(ctx, &VFCustomerQuery{PageNo: -1}); return err }()},
		{"no window", "ModifiedFrom", "required", func() error { _, err := c.QueryVFOrders(ctx, nil); return err }()},
		{"no end", "ModifiedTo", "required", func() error { _, err := c.QueryVFOrders(ctx, &VFOrderQuery{ModifiedFrom: from}); return err }()},
		{"window", "ModifiedTo", "window over the maximum", func() error {
			_, err := c.QueryVFOrders(ctx, &VFOrderQuery{ModifiedFrom: from, ModifiedTo: from.Add(24*time.Hour + time.Second)})
			return err
		}()},
		{"backwards", "ModifiedTo", "out of range", func() error {
			_, err := c.QueryVFOrders(ctx, &VFOrderQuery{ModifiedFrom: from, ModifiedTo: from})
			return err
		}()},
		{"dates", "StartDate", "required", func() error { _, err := c.QueryVFIncentives(ctx, nil); return err }()},
		{"nil feedback", "request", "required", func() error { _, err := c.SendVFShipmentFeedback(ctx, nil); return err }()},
		{"origin", "Origin", RuleNotHimallOrder, fb(func(f *VFShipmentFeedback) { f.Origin = "" })},
		{"outbound", "OutboundNo", "required", fb(func(f *VFShipmentFeedback) { f.OutboundNo = "" })},
		{"time", "OutboundTime", "required", fb(func(f *VFShipmentFeedback) { f.OutboundTime = duijie.Time{} })},
		{"lines", "Lines", "required", fb(func(f *VFShipmentFeedback) { f.Lines = nil })},
		{"qty", "Lines[0].Quantity", "out of range", fb(func(f *VFShipmentFeedback) { f.Lines = []VFShipmentLine{{GoodsCode: "G1"}} })},
		{"serial count", "Lines[0].Serials", "conflicts with another field", fb(func(f *VFShipmentFeedback) {
			f.Lines = []VFShipmentLine{{GoodsCode: "G1", Quantity: duijie.AmountFromInt(2), Serials: []string{"A1"}}}
		})},
		{"serial repeat", "Lines[1].Serials[0]", "conflicts with another field", fb(func(f *VFShipmentFeedback) {
			f.Lines = []VFShipmentLine{{GoodsCode: "G1", Quantity: duijie.AmountFromInt(1), Serials: []string{"A1"}},
				{GoodsCode: "G2", Quantity: duijie.AmountFromInt(1), Serials: []string{"A1"}}}
		})},
		{"serial format", "Lines[0].Serials[0]", "bad format", fb(func(f *VFShipmentFeedback) {
			f.Lines = []VFShipmentLine{{GoodsCode: "G1", Quantity: duijie.AmountFromInt(1), Serials: []string{"86 8"}}}
		})},
		{"psi empty", "Records", "required", psi(func([]PSIRecord) []PSIRecord { return nil })},
		{"psi too many", "Records", "too many", psi(func(r []PSIRecord) []PSIRecord { return make([]PSIRecord, MaxPSIBatch+1) })},
		{"psi dup", "Records[1].Serial", "conflicts with another field", psi(func(r []PSIRecord) []PSIRecord { return append(r, r[0]) })},
		{"psi exchange", "Records[0].Direction", "required", psi(func(r []PSIRecord) []PSIRecord { r[0].DocType = PSIWholesaleExchange; return r })},
		{"psi type", "Records[0].DocType", "bad format", psi(func(r []PSIRecord) []PSIRecord { r[0].DocType = "retail"; return r })},
		{"psi serial", "Records[0].Serial", "too long", psi(func(r []PSIRecord) []PSIRecord { r[0].Serial = strings.Repeat("1", 65); return r })},
		{"psi date", "Records[0].DocDate", "required", psi(func(r []PSIRecord) []PSIRecord { r[0].DocDate = duijie.Time{}; return r })},
		{"feedback utf-8", "Lines[0].Serials[0]", "bad format", fb(func(f *VFShipmentFeedback) {
			f.Lines = []VFShipmentLine{{GoodsCode: "G1", Quantity: duijie.AmountFromInt(1), Serials: []string{"A\xff"}}}
		})},
		{"feedback remark utf-8", "Remark", "bad format", fb(func(f *VFShipmentFeedback) { f.Remark = "备注\xc3" })},
		{"psi name utf-8", "Records[0].WarehouseName", "bad format", psi(func(r []PSIRecord) []PSIRecord { r[0].WarehouseName = "仓\xff"; return r })},
		{"goods code utf-8", "GoodsCode", "bad format", func() error { _, err := c.QueryVFGoods(ctx, &VFGoodsQuery{GoodsCode: "\xff"}); return err }()},
		{"psi direction", "Records[0].Direction", "bad format", psi(func(r []PSIRecord) []PSIRecord { r[0].Direction = "sideways"; return r })},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ve *duijie.ValidationError
			require.ErrorAs(t, tc.err, &ve)
			assert.Equal(t, tc.field, ve.Field)
			assert.Equal(t, tc.rule, ve.Rule)
			assert.ErrorIs(t, tc.err, duijie.ErrInvalidRequest)
		})
	}
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestErrorClassesAndRetries(t *testing.T) {
	cases := []struct {
		name     string
		status   int
		body     string
		class    error
		code     string
		attempts int
	}{
		{"bad app", 200, `{"code":"1001","message":"app_id is unknown","request_id":"q1"}`, duijie.ErrAuth, "1001", 1},
		{"not authorised", 200, `{"code":1002,"message":"shop_no is not authorised"}`, duijie.ErrAuth, "1002", 1},
		{"signature", 200, `{"code":"1003","message":"sign does not match"}`, duijie.ErrSignature, "1003", 1},
		{"timestamp", 200, `{"code":"1004","message":"timestamp expired"}`, duijie.ErrSignature, "1004", 1},
		{"parameter", 200, `{"code":"2001","message":"page_size"}`, duijie.ErrInvalidRequest, "2001", 1},
		{"not found", 200, `{"code":"2002","message":"no such order"}`, duijie.ErrNotFound, "2002", 1},
		{"throttle", 200, `{"code":"4001","message":"slow down"}`, duijie.ErrRateLimited, "4001", 3},
		{"busy", 200, `{"code":"5001","message":"busy"}`, duijie.ErrTemporary, "5001", 3},
		{"http 503", 503, `<html>unavailable</html>`, duijie.ErrTemporary, "", 3},
		{"http 429", 429, ``, duijie.ErrRateLimited, "", 3},
		{"http 401", 401, `{"error":"x"}`, duijie.ErrAuth, "", 1},
		{"not the envelope", 200, `<html>ok</html>`, duijie.ErrTemporary, "", 3},
		{"unknown code", 200, `{"code":"7777","message":"strange"}`, nil, "7777", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t, testConfig)
			mt.RegisterResponder("POST", testBase+"/openapi/vf/goods/query", httpmock.NewStringResponder(tc.status, tc.body))
			_, err := c.QueryVFGoods(context.Background(), nil)
			require.Error(t, err)
			var ae *duijie.APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.code, ae.Code)
			assert.Equal(t, "honor", ae.Vendor)
			assert.Equal(t, "honor.vf.goods.query", ae.Operation)
			if tc.class != nil {
				assert.ErrorIs(t, err, tc.class)
			} else {
				for _, s := range []error{duijie.ErrAuth, duijie.ErrSignature, duijie.ErrRateLimited, duijie.ErrTemporary, duijie.ErrInvalidRequest, duijie.ErrNotFound} {
					assert.NotErrorIs(t, err, s)
				}
			}
			assert.Equal(t, tc.attempts, mt.GetTotalCallCount())
		})
	}
}

func TestKeptRawCodeAndRequestID(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	mt.RegisterResponder("POST", testBase+"/openapi/vf/goods/query",
		httpmock.NewStringResponder(200, `{"code":"1003","message":"签名错误 sign=ABC","request_id":"req-77","data":{"app_key":"honor-test-appkey-0001"}}`))
	_, err := c.QueryVFGoods(context.Background(), nil)
	var ae *duijie.APIError
	ok := errors.As(err, &ae)
	require.True(t, ok)
	assert.Equal(t, "1003", ae.Code)
	assert.Equal(t, "req-77", ae.RequestID)
	assert.Contains(t, ae.Message, "签名错误")
	assert.NotContains(t, ae.Body, "honor-test-appkey-0001")
	assert.NotContains(t, ae.Message+ae.Body+err.Error(), "ABC")
}

func TestWritesRetryOnlyWhenSafe(t *testing.T) {
	fb := &VFShipmentFeedback{Origin: OriginHimall, OrderNo: "VF1", OutboundNo: "PF1",
		OutboundTime: duijie.NewTime(testNow), Lines: []VFShipmentLine{{GoodsCode: "G1", Quantity: duijie.AmountFromInt(1)}}}
	t.Run("feedback is not replayed after a 500 by default", func(t *testing.T) {
		c, mt := newTestClient(t, testConfig)
		mt.RegisterResponder("POST", testBase+"/openapi/vf/shipment/feedback", httpmock.NewStringResponder(500, "oops"))
		_, err := c.SendVFShipmentFeedback(context.Background(), fb)
		assert.ErrorIs(t, err, duijie.ErrTemporary)
		assert.True(t, duijie.MayHaveArrived(err))
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
	t.Run("replayed when the host's Honor document says it is keyed", func(t *testing.T) {
		cfg := testConfig
		ep := DefaultOperations()[OpVFShipmentFeedback]
		ep.SafeToReplay = true
		cfg.Operations = map[Op]Endpoint{OpVFShipmentFeedback: ep}
		c, mt := newTestClient(t, cfg)
		var bodies []string
		mt.RegisterResponder("POST", testBase+"/openapi/vf/shipment/feedback", func(r *http.Request) (*http.Response, error) {
			b, _ := io.ReadAll(r.Body)
			bodies = append(bodies, string(b))
			if len(bodies) == 1 {
				return httpmock.NewStringResponse(500, "oops"), nil
			}
			return httpmock.NewStringResponse(200, ok(`{"order_no":"VF1","outbound_no":"PF1","status":"updated"}`)), nil
		})
		res, err := c.SendVFShipmentFeedback(context.Background(), fb)
		require.NoError(t, err)
		assert.True(t, res.Replayed())
		require.Len(t, bodies, 2)
		assert.Equal(t, bodies[0], bodies[1], "a retry replays the same signed bytes")
	})
	t.Run("busy and throttle answers are not replayed for a write", func(t *testing.T) {
		c, mt := newTestClient(t, testConfig)
		mt.RegisterResponder("POST", testBase+"/openapi/vf/shipment/feedback", httpmock.NewStringResponder(200, `{"code":"5001","message":"busy"}`))
		_, err := c.SendVFShipmentFeedback(context.Background(), fb)
		assert.ErrorIs(t, err, duijie.ErrTemporary)
		assert.Equal(t, 1, mt.GetTotalCallCount())
		// Nothing public says Honor's throttle answer comes before
		// processing, so a write is not replayed on it either.
		mt.RegisterResponder("POST", testBase+"/openapi/vf/shipment/feedback", httpmock.NewStringResponder(200, `{"code":"4001","message":"slow"}`))
		_, err = c.SendVFShipmentFeedback(context.Background(), fb)
		assert.ErrorIs(t, err, duijie.ErrRateLimited)
		assert.True(t, duijie.MayHaveArrived(err))
		assert.Equal(t, 2, mt.GetTotalCallCount())
	})
	t.Run("transport failure", func(t *testing.T) {
		c, mt := newTestClient(t, testConfig)
		mt.RegisterResponder("POST", testBase+"/openapi/vf/shipment/feedback", httpmock.NewErrorResponder(io.ErrUnexpectedEOF))
		_, err := c.SendVFShipmentFeedback(context.Background(), fb)
		var te *duijie.TransportError
		require.ErrorAs(t, err, &te)
		assert.True(t, te.MayHaveReachedServer)
		assert.True(t, duijie.MayHaveArrived(err))
		assert.Equal(t, 1, mt.GetTotalCallCount())
	})
	t.Run("a definite refusal did not arrive", func(t *testing.T) {
		c, mt := newTestClient(t, testConfig)
		mt.RegisterResponder("POST", testBase+"/openapi/vf/shipment/feedback", httpmock.NewStringResponder(200, `{"code":"2003","message":"not a VF order"}`))
		_, err := c.SendVFShipmentFeedback(context.Background(), fb)
		assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
		assert.False(t, duijie.MayHaveArrived(err))
	})
}

func TestPSIUploadMatchesResultsByKey(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	at := duijie.NewTime(testNow)
	recs := []PSIRecord{
		{DocNo: "D1", DocType: PSIWholesaleOut, DocDate: at, GoodsCode: "G1", Serial: "S1"},
		{DocNo: "D1", DocType: PSIWholesaleOut, DocDate: at, GoodsCode: "G1", Serial: "S2"},
		{DocNo: "D2", DocType: PSIWholesaleReturn, DocDate: at, GoodsCode: "G1", Serial: "S1"},
		{DocNo: "D3", DocType: PSIWholesaleOut, DocDate: at, GoodsCode: "G1", Serial: "S3"},
	}
	// Results come back out of order, one refused, one missing.
	forms := capture(mt, "/openapi/psi/serial/upload", ok(`{"results":[
		{"doc_no":"D2","serial":"S1","success":"1","replaced":1},
		{"doc_no":"D1","serial":"S2","success":false,"code":"3101","message":"unknown serial"},
		{"doc_no":"D1","serial":"S1","success":true}]}`))
	res, err := c.UploadPSI(context.Background(), &PSIUploadRequest{Records: recs})
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, []int{1, 3}, be.FailedIndexes())
	assert.Equal(t, "3101", be.Failed[0].Code)
	assert.ErrorIs(t, be.Failed[1].Err, errNoResult)
	assert.Equal(t, "D3/S3", be.Failed[1].Key)
	// D3/S3 is missing from the answer: unknown, not refused.
	assert.Equal(t, []int{3}, be.UnknownIndexes())
	assert.False(t, be.Failed[0].OutcomeUnknown)
	assert.True(t, res.Results[3].Unknown)
	assert.False(t, res.Results[1].Unknown)
	require.Len(t, res.Results, 4)
	assert.True(t, res.Results[0].OK)
	assert.False(t, res.Results[1].OK)
	assert.True(t, res.Results[2].OK && res.Results[2].Replaced)
	assert.False(t, res.Results[3].OK)
	assert.Len(t, res.Failed(), 2)
	// The caller's records are not changed; the wire carries the filled direction.
	assert.Equal(t, PSIDirection(""), recs[2].Direction)
	assert.Contains(t, (*forms)[0].Get("biz_content"), `"doc_no":"D2","doc_type":"wholesale_return","doc_date":"2026-11-28 10:00:00","direction":"in"`)
}

func TestUploadPSIAllStopsAndListsUnsent(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	recs := make([]PSIRecord, 2*MaxPSIBatch+10)
	for i := range recs {
		recs[i] = PSIRecord{DocNo: "D", DocType: PSIWholesaleOut, DocDate: duijie.NewTime(testNow), GoodsCode: "G", Serial: "S" + duijie.Int64(i).String()}
	}
	n := 0
	mt.RegisterResponder("POST", testBase+"/openapi/psi/serial/upload", func(r *http.Request) (*http.Response, error) {
		n++
		if n > 1 {
			return httpmock.NewStringResponse(200, `{"code":"1003","message":"sign"}`), nil
		}
		var rows []string
		for _, r := range recs[:MaxPSIBatch] {
			rows = append(rows, `{"doc_no":"D","serial":"`+r.Serial+`","success":true}`)
		}
		return httpmock.NewStringResponse(200, ok(`{"results":[`+strings.Join(rows, ",")+`]}`)), nil
	})
	res, err := c.UploadPSIAll(context.Background(), &UploadPSIAllRequest{Records: recs})
	require.Error(t, err)
	assert.Equal(t, 2, n, "the walk stops at the failed call")
	assert.ErrorIs(t, err, duijie.ErrSignature)
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	assert.Len(t, be.Failed, MaxPSIBatch+10)
	require.Len(t, res.Results, len(recs))
	assert.True(t, res.Results[0].Sent && res.Results[0].OK)
	failedCall, neverSent := res.Results[MaxPSIBatch], res.Results[2*MaxPSIBatch+5]
	assert.True(t, failedCall.Sent, "the failed call's records were sent")
	assert.False(t, failedCall.OK)
	assert.ErrorIs(t, be.Failed[0].Err, duijie.ErrSignature)
	assert.ErrorIs(t, failedCall.Err, duijie.ErrSignature)
	assert.False(t, failedCall.Unknown, "a signature refusal did not arrive")
	assert.Empty(t, be.UnknownIndexes())
	assert.ErrorIs(t, neverSent.Err, errNotSent)
	assert.False(t, neverSent.Sent)
	assert.False(t, neverSent.Unknown)
	assert.Equal(t, 2*MaxPSIBatch+5, neverSent.Index)
	assert.ErrorIs(t, be.Failed[MaxPSIBatch+5].Err, errNotSent)
}

func TestOperationTableAndSignerOverrides(t *testing.T) {
	cfg := testConfig
	cfg.Operations = map[Op]Endpoint{OpVFGoodsQuery: {Path: "/router", Method: "vf.goods.get", SafeToReplay: true}}
	cfg.Signer = SignerFunc(func(p map[string]string, cr Credentials, at time.Time, nonce string) error {
		p["appid"] = cr.AppID
		p["ts"] = at.UTC().Format(time.RFC3339)
		p["sig"] = "x-" + nonce
		return nil
	})
	cfg.ErrorClasses = map[string]error{"E42": duijie.ErrNotFound}
	c, mt := newTestClient(t, cfg)
	forms := capture(mt, "/router", ok(`{"total":0,"list":[]}`))
	_, err := c.QueryVFGoods(context.Background(), nil)
	require.NoError(t, err)
	f := (*forms)[0]
	assert.Equal(t, url.Values{"method": {"vf.goods.get"}, "biz_content": {`{"page_no":1,"page_size":50}`},
		"appid": {"honor-test-app"}, "ts": {"2026-11-28T02:00:00Z"}, "sig": {"x-0123456789abcdef"}}, f)
	ep, _ := c.Endpoint(OpVFGoodsQuery)
	assert.Equal(t, "/router", ep.Path)
	ep, _ = c.Endpoint(OpPSIUpload)
	assert.Equal(t, "/openapi/psi/serial/upload", ep.Path)

	mt.RegisterResponder("POST", testBase+"/router", httpmock.NewStringResponder(200, `{"code":"E42","message":"gone"}`))
	_, err = c.QueryVFGoods(context.Background(), nil)
	assert.ErrorIs(t, err, duijie.ErrNotFound)
	assert.Len(t, Operations(), 7)
}

func TestRawCall(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	forms := capture(mt, "/openapi/vf/rebate/query", ok(`{"rebate":"12.30","items":[1,2]}`))
	var out struct {
		Rebate duijie.Amount `json:"rebate"`
		Items  []int         `json:"items"`
	}
	err := c.Call(context.Background(), &CallRequest{Path: "/openapi/vf/rebate/query", Method: "honor.vf.rebate.query",
		Params: map[string]any{"customer_code": "C1"}, SafeToReplay: true}, &out)
	require.NoError(t, err)
	assert.Equal(t, "12.3", out.Rebate.String())
	assert.Equal(t, []int{1, 2}, out.Items)
	f := (*forms)[0]
	assert.Equal(t, `{"customer_code":"C1"}`, f.Get("biz_content"))
	checkSigned(t, f, "honor.vf.rebate.query")

	// No biz_content and no method name; errors carry the path then.
	forms2 := capture(mt, "/ping", `{"code":"2001","message":"bad"}`)
	err = c.Call(context.Background(), &CallRequest{Path: "/ping"}, nil)
	var ae *duijie.APIError
	ok := errors.As(err, &ae)
	require.True(t, ok)
	assert.Equal(t, "/ping", ae.Operation)
	assert.False(t, (*forms2)[0].Has("biz_content"))
	assert.False(t, (*forms2)[0].Has("method"))

	var ve *duijie.ValidationError
	err = c.Call(context.Background(), &CallRequest{Path: "no-slash"}, nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Path", ve.Field)
	err = c.Call(context.Background(), &CallRequest{Path: "/x", Method: "a b"}, nil)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Method", ve.Field)
	err = c.Call(context.Background(), &CallRequest{Path: "/x", Params: func() {}}, nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	err = c.Call(context.Background(), nil, nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
}

// A raw call is sent once unless it says it is safe to replay.
func TestRawCallReplay(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	n := 0
	mt.RegisterResponder("POST", testBase+"/openapi/vf/rebate/apply", func(r *http.Request) (*http.Response, error) {
		n++
		if n == 1 {
			return httpmock.NewStringResponse(502, "bad gateway"), nil
		}
		return httpmock.NewStringResponse(200, ok(`{}`)), nil
	})
	err := c.Call(context.Background(), &CallRequest{Path: "/openapi/vf/rebate/apply", Params: map[string]any{"no": "R1"}}, nil)
	require.Error(t, err)
	assert.Equal(t, 1, n, "a raw write is not replayed by default")
	assert.True(t, duijie.MayHaveArrived(err))

	n = 0
	err = c.Call(context.Background(), &CallRequest{Path: "/openapi/vf/rebate/apply", Params: map[string]any{"no": "R1"}, SafeToReplay: true}, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, n, "a call marked safe is replayed after a 5xx")
}

func TestContextCancelled(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	mt.RegisterResponder("POST", testBase+"/openapi/vf/goods/query", httpmock.NewStringResponder(200, ok(`{}`)))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.QueryVFGoods(ctx, nil)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestSubSecondWindowWidened(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	forms := capture(mt, "/openapi/vf/order/query", ok(`{"total":0,"list":[]}`))
	from := time.Date(2026, 11, 22, 10, 0, 0, 700e6, duijie.CST())
	_, err := c.QueryVFOrders(context.Background(), &VFOrderQuery{ModifiedFrom: from, ModifiedTo: from.Add(5 * time.Minute)})
	require.NoError(t, err)
	assert.Equal(t, `{"start_modified":"2026-11-22 10:00:00","end_modified":"2026-11-22 10:05:01","page_no":1,"page_size":50}`, (*forms)[0].Get("biz_content"))
}

// A PSI answer without a results list accounts for no record: every record
// is of unknown outcome, never uploaded and never refused.
func TestPSIAnswerWithoutResultsIsUnknown(t *testing.T) {
	at := duijie.NewTime(testNow)
	recs := []PSIRecord{{DocNo: "D1", DocType: PSIWholesaleOut, DocDate: at, GoodsCode: "G1", Serial: "S1"},
		{DocNo: "D1", DocType: PSIWholesaleOut, DocDate: at, GoodsCode: "G1", Serial: "S2"}}
	for _, answer := range []string{ok(`{}`), ok(`null`), `{"code":"0","message":"success"}`, ok(`{"results":"none"}`)} {
		c, mt := newTestClient(t, testConfig)
		capture(mt, "/openapi/psi/serial/upload", answer)
		res, err := c.UploadPSI(context.Background(), &PSIUploadRequest{Records: recs})
		var be *duijie.BatchError
		require.ErrorAs(t, err, &be, answer)
		assert.Equal(t, []int{0, 1}, be.UnknownIndexes(), answer)
		for _, r := range res.Results {
			assert.True(t, r.Unknown && r.Sent && !r.OK, answer)
		}
	}
}

// Shipment feedback whose answer names another outbound number does not
// account for the feedback sent: outcome unknown, not success.
func TestFeedbackAnswerForAnotherOutboundIsUnknown(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	mt.RegisterResponder("POST", testBase+"/openapi/vf/shipment/feedback",
		httpmock.NewStringResponder(200, ok(`{"order_no":"VF1","outbound_no":"PF9","status":"created"}`)))
	fb := &VFShipmentFeedback{Origin: OriginHimall, OrderNo: "VF1", OutboundNo: "PF1",
		OutboundTime: duijie.NewTime(testNow), Lines: []VFShipmentLine{{GoodsCode: "G1", Quantity: duijie.AmountFromInt(1)}}}
	res, err := c.SendVFShipmentFeedback(context.Background(), fb)
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	require.NotNil(t, res)
	assert.Equal(t, []int{0}, be.UnknownIndexes())
	assert.Equal(t, "PF1", be.Failed[0].Key)
}

// A listing answer without its list key is an error, never an empty page.
func TestListingWithoutListKeyIsAnError(t *testing.T) {
	for _, answer := range []string{ok(`{"total":3}`), ok(`{"total":0,"rows":[]}`), ok(`null`), `{"code":"0","message":"success"}`} {
		c, mt := newTestClient(t, testConfig)
		capture(mt, "/openapi/vf/order/query", answer)
		_, err := c.QueryVFOrders(context.Background(), &VFOrderQuery{OrderNo: "VF1"})
		require.ErrorIs(t, err, ErrMissingList, answer)
	}
}

func TestHasMore(t *testing.T) {
	for _, c := range []struct {
		n, no, size, total int
		want               bool
	}{
		{3, 1, 3, 7, true},
		{3, 2, 3, 7, true},
		{1, 3, 3, 7, false},
		{3, 1, 3, 3, false},
		{0, 1, 50, 10, false}, // an empty page ends the walk whatever the total says
		{0, 1, 50, 0, false},
	} {
		assert.Equal(t, c.want, hasMore(c.n, c.no, c.size, c.total), "%+v", c)
	}
}
