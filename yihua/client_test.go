package yihua

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testBase = "https://erp.example/prefix"
const testURL = testBase + "/Mall/Erp/ErpService.svc/TradeTransferToErp"

var testConfig = Config{PlatformID: "YHDT001", UserAccessToken: "tok-secret-1", UID: "u1"}

func newTestClient(t *testing.T, cfg Config) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(httpmock.NewNotFoundResponder(t.Fatal))
	c, err := NewClient(cfg, duijie.WithBaseURL(testBase), duijie.WithHTTPClient(&http.Client{Transport: mt}),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond}))
	require.NoError(t, err)
	return c, mt
}

const okBody = `{"Code":"0","Method":0,"Compressed":false,"Encrypted":false,"Message":{"OuterTradeID":"6359657698853654528"}}`

func TestTransferTradeSendsTheSeedJSON(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	var got map[string]any
	var ct string
	mt.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		ct = r.Header.Get("Content-Type")
		b, _ := io.ReadAll(r.Body)
		require.NoError(t, json.Unmarshal(b, &got))
		return httpmock.NewStringResponse(200, okBody), nil
	})
	res, err := c.TransferTrade(context.Background(), &TransferRequest{Trade: seedTrade(), AutoAudit: true})
	require.NoError(t, err)
	assert.Equal(t, "6359657698853654528", res.OuterTradeID)
	assert.Equal(t, "application/json; charset=utf-8", ct)
	tr := seedTrade()
	assert.Equal(t, map[string]any{
		"PlatformID": "YHDT001", "UserAccessToken": "tok-secret-1", "UID": "u1",
		"MasterXml": EncodeMaster(&tr.Master), "DetailXml": EncodeDetails(tr.Details), "PayXml": EncodePays(tr.Pays),
		"TH": float64(0), "Audit": float64(1), "StoredProcedureName": "UP_TradeTransferToSale",
	}, got)
}

func TestTransferTradeFormEncoding(t *testing.T) {
	cfg := testConfig
	cfg.Encoding = BodyForm
	c, mt := newTestClient(t, cfg)
	var form url.Values
	mt.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		require.NoError(t, r.ParseForm())
		form = r.PostForm
		return httpmock.NewStringResponse(200, okBody), nil
	})
	_, err := c.TransferTrade(context.Background(), &TransferRequest{Trade: seedTrade(), Return: true, Procedure: ProcedureWholesale})
	require.NoError(t, err)
	assert.Equal(t, "1", form.Get("TH"))
	assert.Equal(t, "0", form.Get("Audit"))
	assert.Equal(t, "UP_TradeTransferToWholesale", form.Get("StoredProcedureName"))
	assert.Equal(t, EncodePays(seedTrade().Pays), form.Get("PayXml"))
}

func TestTransferTradeErrors(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		class  error
		code   string
	}{
		{"vendor code", 200, `{"Code":"1001","Method":0,"Compressed":false,"Encrypted":false,"Message":"授权失败"}`, nil, "1001"},
		{"numeric code", 200, `{"Code":17,"Message":"x"}`, nil, "17"},
		{"encrypted", 200, `{"Code":"0","Compressed":false,"Encrypted":true,"Message":"abc"}`, nil, "0"},
		{"html 500", 500, `<html>err</html>`, duijie.ErrTemporary, ""},
		{"html 200", 200, `<html>proxy</html>`, duijie.ErrTemporary, ""},
		{"no trade id", 200, `{"Code":"0","Message":{}}`, nil, "0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t, testConfig)
			mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(tc.status, tc.body))
			_, err := c.TransferTrade(context.Background(), &TransferRequest{Trade: seedTrade()})
			require.Error(t, err)
			e, ok := err.(*duijie.APIError)
			require.True(t, ok, "%T %v", err, err)
			assert.Equal(t, tc.code, e.Code)
			if tc.class != nil {
				assert.ErrorIs(t, err, tc.class)
			}
			assert.Equal(t, 1, mt.GetTotalCallCount(), "a write is never replayed after it reached the server")
		})
	}
}

func TestTransferTradeRetriesOnlyWhatNeverArrived(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	mt.RegisterResponder("POST", testURL, httpmock.NewErrorResponder(refused).Then(httpmock.NewStringResponder(200, okBody)))
	_, err := c.TransferTrade(context.Background(), &TransferRequest{Trade: seedTrade()})
	require.NoError(t, err)
	assert.Equal(t, 2, mt.GetTotalCallCount())

	c, mt = newTestClient(t, testConfig)
	mt.RegisterResponder("POST", testURL, httpmock.NewErrorResponder(syscall.ECONNRESET))
	_, err = c.TransferTrade(context.Background(), &TransferRequest{Trade: seedTrade()})
	var te *duijie.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MayHaveReachedServer)
	assert.Equal(t, 1, mt.GetTotalCallCount())
	assert.NotContains(t, err.Error(), "tok-secret-1")
}

func TestValidationBeforeSending(t *testing.T) {
	long := "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三"
	cases := map[string]struct {
		mutate func(*Trade)
		field  string
		rule   string
	}{
		"no trade id":       {func(t *Trade) { t.Master.TradeID = "" }, "Master.TradeID", "required"},
		"no trade type":     {func(t *Trade) { t.Master.TradeType = "" }, "Master.TradeType", "required"},
		"no create time":    {func(t *Trade) { t.Master.CreateTime = duijie.Time{} }, "Master.CreateTime", "required"},
		"name too long":     {func(t *Trade) { t.Master.BuyerName = long }, "Master.BuyerName", "too long"},
		"address too long":  {func(t *Trade) { t.Master.BuyerAddress = long + long + long + long }, "Master.BuyerAddress", "too long"},
		"negative money":    {func(t *Trade) { t.Master.Freight = amt("-1") }, "Master.Freight", "must not be negative"},
		"negative price":    {func(t *Trade) { t.Details[2].Price = amt("-0.01") }, "Details[2].Price", "must not be negative"},
		"zero quantity":     {func(t *Trade) { t.Details[1].GoodsNumber = amt("0") }, "Details[1].GoodsNumber", "out of range"},
		"no lines":          {func(t *Trade) { t.Details = nil }, "Details", "required"},
		"no goods id":       {func(t *Trade) { t.Details[0].GoodsID = "" }, "Details[0].GoodsID", "required"},
		"invalid utf-8":     {func(t *Trade) { t.Master.Remark = "bad\xff" }, "Master.Remark", "bad format"},
		"control character": {func(t *Trade) { t.Master.BuyerName = "a\x01b" }, "Master.BuyerName", "bad format"},
		"no pay channel":    {func(t *Trade) { t.Pays[0].PayChannel = "" }, "Pays[0].PayChannel", "required"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c, mt := newTestClient(t, testConfig)
			tr := seedTrade()
			tc.mutate(tr)
			_, err := c.TransferTrade(context.Background(), &TransferRequest{Trade: tr})
			var ve *duijie.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
			assert.Equal(t, tc.rule, ve.Rule)
			assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
			assert.Zero(t, mt.GetTotalCallCount())
		})
	}
	c, _ := newTestClient(t, testConfig)
	_, err := c.TransferTrade(context.Background(), &TransferRequest{Trade: seedTrade(), Procedure: "UP_Other"})
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	_, err = c.TransferTrade(context.Background(), nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
}

func TestNewClientChecksConfig(t *testing.T) {
	for name, cfg := range map[string]Config{
		"PlatformID":      {UserAccessToken: "t", UID: "u"},
		"UserAccessToken": {PlatformID: "p", UID: "u"},
		"UID":             {PlatformID: "p", UserAccessToken: "t"},
		"Encoding":        {PlatformID: "p", UserAccessToken: "t", UID: "u", Encoding: 7},
	} {
		_, err := NewClient(cfg)
		assert.ErrorContains(t, err, name)
	}
	_, err := NewClient(testConfig, duijie.WithBaseURL("ftp://x"))
	assert.Error(t, err)
	c, err := NewClient(testConfig)
	require.NoError(t, err)
	assert.Equal(t, ProductionURL, c.t.Settings().BaseURL)
}

func TestCallRaw(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	mt.RegisterResponder("POST", testBase+"/Mall/Erp/ErpService.svc/QueryStock", httpmock.NewStringResponder(200,
		`{"Code":"0","Method":0,"Compressed":false,"Encrypted":false,"Message":{"Qty":"3"}}`))
	var out struct{ Qty duijie.Amount }
	require.NoError(t, c.Call(context.Background(), &CallRequest{Method: "QueryStock", Params: map[string]any{"GoodsID": "g1"}}, &out))
	assert.Equal(t, "3", out.Qty.String())
	assert.Error(t, c.Call(context.Background(), &CallRequest{Method: "../x"}, nil))
}
