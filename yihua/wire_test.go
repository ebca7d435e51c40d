package yihua

import (
	"context"
	"encoding/json"
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
	"github.com/duijie/duijie/internal/logcapture"
)

// recordBody answers okBody and keeps the request body and content type.
func recordBody(t *testing.T, mt *httpmock.MockTransport, url string, body *string, ct *string) {
	mt.RegisterResponder("POST", url, func(r *http.Request) (*http.Response, error) {
		b, err := io.ReadAll(r.Body)
		require.NoError(t, err)
		*body, *ct = string(b), r.Header.Get("Content-Type")
		return httpmock.NewStringResponse(200, okBody), nil
	})
}

// jsonQuoted is the seed's own way of showing the XML: inside a JSON string.
func jsonQuoted(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

func TestTransferTradeExactJSONBytes(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	var body, ct string
	recordBody(t, mt, testURL, &body, &ct)
	_, err := c.TransferTrade(context.Background(), &TransferRequest{Trade: seedTrade(), AutoAudit: true})
	require.NoError(t, err)
	want := `{"PlatformID":"YHDT001","UserAccessToken":"tok-secret-1","UID":"u1",` +
		`"MasterXml":` + jsonQuoted(golden(t, "seed_master.xml")) +
		`,"DetailXml":` + jsonQuoted(golden(t, "seed_detail.xml")) +
		`,"PayXml":` + jsonQuoted(golden(t, "seed_pay.xml")) +
		`,"TH":0,"Audit":1,"StoredProcedureName":"UP_TradeTransferToSale"}`
	assert.Equal(t, want, body)
	assert.Equal(t, "application/json; charset=utf-8", ct)
	assert.Contains(t, body, `\"79.8\" PayChannel=\"PC_WX\"`, "the seed's escaped form, byte for byte")
}

func TestTransferTradeExactFormBytes(t *testing.T) {
	cfg := testConfig
	cfg.Encoding = BodyForm
	c, mt := newTestClient(t, cfg)
	var body, ct string
	recordBody(t, mt, testURL, &body, &ct)
	_, err := c.TransferTrade(context.Background(), &TransferRequest{Trade: seedTrade(), Return: true,
		Procedure: ProcedureRetail, UID: "order-owner"})
	require.NoError(t, err)
	want := "PlatformID=YHDT001&UserAccessToken=tok-secret-1&UID=order-owner" +
		"&MasterXml=" + url.QueryEscape(golden(t, "seed_master.xml")) +
		"&DetailXml=" + url.QueryEscape(golden(t, "seed_detail.xml")) +
		"&PayXml=" + url.QueryEscape(golden(t, "seed_pay.xml")) +
		"&TH=1&Audit=0&StoredProcedureName=UP_TradeTransferToRetail"
	assert.Equal(t, want, body)
	assert.Equal(t, "application/x-www-form-urlencoded; charset=utf-8", ct)
}

func TestTransferTradeReadsEveryMessageShape(t *testing.T) {
	for body, want := range map[string]string{
		okBody: "6359657698853654528",
		`{"Code":"0","Method":0,"Compressed":false,"Encrypted":false,"Message":{"OuterTradeID":6359657698853654528}}`:   "6359657698853654528",
		`{"Code":"0","Method":0,"Compressed":false,"Encrypted":false,"Message":"6359657698853654528"}`:                  "6359657698853654528",
		`{"Code":"0","Method":0,"Compressed":false,"Encrypted":false,"Message":"{\"OuterTradeID\":\"XS-20240501-1\"}"}`: "XS-20240501-1",
		`{"Code":0,"Message":{"OuterTradeID":"1"}}`:                                                                     "1",
	} {
		c, mt := newTestClient(t, testConfig)
		mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(200, body))
		res, err := c.TransferTrade(context.Background(), &TransferRequest{Trade: seedTrade()})
		require.NoError(t, err, body)
		assert.Equal(t, want, res.OuterTradeID, body)
	}
	for _, msg := range []string{`"成功"`, `""`, `{}`, `{"OuterTradeID":""}`, `null`, `[1]`, `"a b"`, `{"OuterTradeID":{"x":1}}`} {
		c, mt := newTestClient(t, testConfig)
		mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(200, `{"Code":"0","Method":0,"Compressed":false,"Encrypted":false,"Message":`+msg+`}`))
		_, err := c.TransferTrade(context.Background(), &TransferRequest{Trade: seedTrade()})
		e, ok := err.(*duijie.APIError)
		require.True(t, ok, "%s: %v", msg, err)
		assert.Equal(t, "0", e.Code)
		assert.Contains(t, e.Message, "check the ERP before sending again")
		assert.Equal(t, 1, mt.GetTotalCallCount())
	}
}

func TestNeitherThrottleNorBusyIsReplayed(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(429, "Too Many Requests").Then(httpmock.NewStringResponder(200, okBody)))
	_, err := c.TransferTrade(context.Background(), &TransferRequest{Trade: seedTrade()})
	assert.ErrorIs(t, err, duijie.ErrRateLimited)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a bare HTTP 429 may come after the ERP booked the trade: never replayed")

	for _, status := range []int{500, 502, 503, 504} {
		c, mt = newTestClient(t, testConfig)
		mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(status, "busy"))
		_, err = c.TransferTrade(context.Background(), &TransferRequest{Trade: seedTrade()})
		assert.ErrorIs(t, err, duijie.ErrTemporary)
		assert.Equal(t, 1, mt.GetTotalCallCount(), "HTTP %d: the write may have been applied", status)
	}
	for status, class := range map[int]error{400: duijie.ErrInvalidRequest, 401: duijie.ErrAuth, 403: duijie.ErrAuth, 404: duijie.ErrNotFound} {
		c, mt = newTestClient(t, testConfig)
		mt.RegisterResponder("POST", testURL, httpmock.NewStringResponder(status, "<html>Request Error</html>"))
		_, err = c.TransferTrade(context.Background(), &TransferRequest{Trade: seedTrade()})
		assert.ErrorIs(t, err, class, "HTTP %d", status)
		assert.Equal(t, 1, mt.GetTotalCallCount())
	}
}

func TestContextCancelIsReturned(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	ctx, cancel := context.WithCancel(context.Background())
	mt.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		cancel()
		return nil, context.Canceled
	})
	_, err := c.TransferTrade(ctx, &TransferRequest{Trade: seedTrade()})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestNoSecretInLogsOrErrors(t *testing.T) {
	logger, logs := logcapture.New()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(httpmock.NewNotFoundResponder(t.Fatal))
	c, err := NewClient(testConfig, duijie.WithBaseURL(testBase), duijie.WithHTTPClient(&http.Client{Transport: mt}), duijie.WithLogger(logger),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond}))
	require.NoError(t, err)
	// A gateway that echoes the request back in its error page.
	mt.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		return httpmock.NewStringResponse(429, string(b)), nil
	})
	tr := seedTrade()
	_, err = c.TransferTrade(context.Background(), &TransferRequest{Trade: tr})
	require.ErrorIs(t, err, duijie.ErrRateLimited)
	e, _ := err.(*duijie.APIError)
	require.NotNil(t, e)
	assert.NotContains(t, e.Body, "tok-secret-1")
	assert.Empty(t, logs.Leaks([]string{"tok-secret-1", tr.Master.BuyerPhone}, err))
	assert.Positive(t, logs.Records())
}

func TestCallParams(t *testing.T) {
	base := testBase + "/Mall/Erp/ErpService.svc/"
	c, mt := newTestClient(t, testConfig)
	var body, ct string
	recordBody(t, mt, base+"QueryStock", &body, &ct)
	type query struct {
		GoodsID string        `json:"GoodsID"`
		Page    int           `json:"Page"`
		Qty     duijie.Amount `json:"Qty"`
	}
	require.NoError(t, c.Call(context.Background(), &CallRequest{Method: "QueryStock", Params: query{GoodsID: "g<1>", Page: 2, Qty: amt("1.50")}}, nil))
	assert.Equal(t, `{"PlatformID":"YHDT001","UserAccessToken":"tok-secret-1","UID":"u1","GoodsID":"g<1>","Page":2,"Qty":1.5}`, body)

	require.NoError(t, c.Call(context.Background(), &CallRequest{Method: "QueryStock", Params: url.Values{"b": {"2"}, "a": {"1"}, "UID": {"other"}}}, nil))
	assert.Equal(t, `{"PlatformID":"YHDT001","UserAccessToken":"tok-secret-1","UID":"other","a":"1","b":"2"}`, body)

	cfg := testConfig
	cfg.Encoding = BodyForm
	c, mt = newTestClient(t, cfg)
	recordBody(t, mt, base+"QueryStock", &body, &ct)
	require.NoError(t, c.Call(context.Background(), &CallRequest{Method: "QueryStock", Params: map[string]any{"Page": 2, "On": true, "Name": "a&b", "Qty": amt("1.50"), "Nil": nil}}, nil))
	assert.Equal(t, "PlatformID=YHDT001&UserAccessToken=tok-secret-1&UID=u1&Name=a%26b&Nil=&On=true&Page=2&Qty=1.5", body)

	for name, params := range map[string]any{
		"UserAccessToken": map[string]string{"UserAccessToken": "x"},
		"PlatformID":      map[string]any{"PlatformID": "x"},
		"UID":             map[string]any{"UID": 5},
		"two values":      url.Values{"a": {"1", "2"}},
		"not an object":   []int{1},
		"unencodable":     map[string]any{"f": func() {}},
	} {
		err := c.Call(context.Background(), &CallRequest{Method: "QueryStock", Params: params}, nil)
		assert.ErrorIs(t, err, duijie.ErrInvalidRequest, name)
	}
	for _, m := range []string{"", "../x", "a b", "a%2F", "1abc", "TradeTransferToErp?x=1", "方法"} {
		assert.ErrorIs(t, c.Call(context.Background(), &CallRequest{Method: m}, nil), duijie.ErrInvalidRequest, m)
	}
	assert.ErrorIs(t, c.Call(context.Background(), nil, nil), duijie.ErrInvalidRequest, "no request")
	assert.Zero(t, mt.GetTotalCallCount()-1, "refused calls send nothing")
}

// A raw call is a write unless it says otherwise: it is sent once after an
// unclear outcome by default, and replayed when marked SafeToReplay.
func TestCallReplaysOnlyWhenSafeToReplay(t *testing.T) {
	base := testBase + "/Mall/Erp/ErpService.svc/"
	for _, safe := range []bool{false, true} {
		c, mt := newTestClient(t, testConfig)
		mt.RegisterResponder("POST", base+"QueryStock", httpmock.NewStringResponder(502, "bad gateway").Then(
			httpmock.NewStringResponder(200, `{"Code":"0","Message":{"Qty":"3"}}`)))
		var out struct{ Qty duijie.Amount }
		err := c.Call(context.Background(), &CallRequest{Method: "QueryStock", SafeToReplay: safe}, &out)
		if safe {
			require.NoError(t, err)
			assert.Equal(t, "3", out.Qty.String())
			assert.Equal(t, 2, mt.GetTotalCallCount())
			continue
		}
		assert.ErrorIs(t, err, duijie.ErrTemporary)
		assert.True(t, duijie.MayHaveArrived(err))
		assert.Equal(t, 1, mt.GetTotalCallCount())
	}
}

func TestCallDecodesMessage(t *testing.T) {
	base := testBase + "/Mall/Erp/ErpService.svc/"
	c, mt := newTestClient(t, testConfig)
	mt.RegisterResponder("POST", base+"Inner", httpmock.NewStringResponder(200, `{"Code":"0","Message":"{\"Qty\":\"3\"}"}`))
	mt.RegisterResponder("POST", base+"Text", httpmock.NewStringResponder(200, `{"Code":"0","Message":"ok"}`))
	mt.RegisterResponder("POST", base+"Bad", httpmock.NewStringResponder(200, `{"Code":"0","Message":"not json"}`))
	mt.RegisterResponder("POST", base+"Refused", httpmock.NewStringResponder(200, `{"Code":"2001","Message":"库存不足"}`))
	var out struct{ Qty duijie.Amount }
	require.NoError(t, c.Call(context.Background(), &CallRequest{Method: "Inner"}, &out))
	assert.Equal(t, "3", out.Qty.String())
	var s string
	require.NoError(t, c.Call(context.Background(), &CallRequest{Method: "Text"}, &s))
	assert.Equal(t, "ok", s)
	assert.ErrorContains(t, c.Call(context.Background(), &CallRequest{Method: "Bad"}, &out), "decode Message")
	err := c.Call(context.Background(), &CallRequest{Method: "Refused"}, &out)
	e, ok := err.(*duijie.APIError)
	require.True(t, ok)
	assert.Equal(t, "2001", e.Code)
	assert.Equal(t, "库存不足", e.Message)
	assert.Equal(t, "Refused", e.Operation)
}

func TestParamsMatchesTheWire(t *testing.T) {
	p, err := (&TransferRequest{Trade: seedTrade(), Return: true}).Params()
	require.NoError(t, err)
	assert.Equal(t, golden(t, "seed_master.xml"), p["MasterXml"])
	assert.Equal(t, 1, p["TH"])
	assert.Equal(t, "UP_TradeTransferToSale", p["StoredProcedureName"])
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"Audit":0`)
}
