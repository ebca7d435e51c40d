package yihuatest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/yihua"
	"github.com/duijie/duijie/yihua/yihuatest"
)

func TestThrottleIsNotReplayed(t *testing.T) {
	srv := yihuatest.NewServer()
	defer srv.Close()
	c := client(t, srv, srv.Config())
	srv.FailNext(1, yihuatest.ThrottleFault())
	_, err := c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade("T")})
	assert.ErrorIs(t, err, duijie.ErrRateLimited)
	assert.Equal(t, 1, srv.Calls(yihua.ServicePath+yihua.MethodTradeTransferToErp), "a bare 429 may follow the booking: never replayed")
	_, ok := srv.Trade("T")
	assert.False(t, ok)

	res, err := c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade("T")})
	require.NoError(t, err)
	st, ok := srv.Trade("T")
	require.True(t, ok)
	assert.Equal(t, res.OuterTradeID, st.OuterTradeID)
	assert.Equal(t, 1, st.Writes)
}

func TestVendorErrorAnswersAreNotRetried(t *testing.T) {
	srv := yihuatest.NewServer()
	defer srv.Close()
	c := client(t, srv, srv.Config())
	srv.FailNext(1, yihuatest.AnswerFault("3001", "商品不存在"))
	_, err := c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade("T")})
	var e *duijie.APIError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "3001", e.Code)
	assert.Equal(t, "商品不存在", e.Message)
	assert.Equal(t, yihua.MethodTradeTransferToErp, e.Operation)
	assert.Equal(t, 1, srv.Calls(""))
	assert.Empty(t, srv.Trades())
}

func TestResetBeforeIsReportedNotReplayed(t *testing.T) {
	srv := yihuatest.NewServer()
	defer srv.Close()
	c := client(t, srv, srv.Config())
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetBefore})
	_, err := c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade("T")})
	var te *duijie.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MayHaveReachedServer, "the client cannot tell a reset before from one after")
	assert.Equal(t, 1, te.Attempts)
	assert.Equal(t, 1, srv.Calls(""))
	_, ok := srv.Trade("T")
	assert.False(t, ok)
}

func TestUsersAndPreloadedTrades(t *testing.T) {
	srv := yihuatest.NewServer(yihuatest.WithUsers("shop-2"), yihuatest.WithCredentials("YHDT-9", "token-9999", "shop-1"))
	defer srv.Close()
	c := client(t, srv, srv.Config())
	id := srv.AddTrade(yihuatest.Stored{Master: &yihua.Master{TradeID: "OLD-1"}})
	st, ok := srv.Trade("OLD-1")
	require.True(t, ok)
	assert.Equal(t, id, st.OuterTradeID)
	assert.Equal(t, 1, st.Writes)

	res, err := c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade("N-1"), UID: "shop-2", AutoAudit: true})
	require.NoError(t, err)
	st, _ = srv.Trade("N-1")
	assert.Equal(t, "shop-2", st.UID)
	assert.True(t, st.AutoAudit)
	assert.NotEqual(t, id, res.OuterTradeID)

	_, err = c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade("N-2"), UID: "stranger"})
	var e *duijie.APIError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, yihuatest.CodeUnknownUser, e.Code)
	assert.Equal(t, []string{"OLD-1", "N-1"}, func() (ids []string) {
		for _, s := range srv.Trades() {
			ids = append(ids, s.Master.TradeID)
		}
		return
	}())

	// Writing a TradeID again keeps its ERP number and is counted.
	again, err := c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade("N-1")})
	require.NoError(t, err)
	assert.Equal(t, res.OuterTradeID, again.OuterTradeID)
	assert.Equal(t, 1, srv.Duplicates())
}

// post sends a raw body, as a foreign client would.
func post(t *testing.T, srv *yihuatest.Server, method, ct, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL()+yihua.ServicePath+yihua.MethodTradeTransferToErp, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", ct)
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func TestStrictParameters(t *testing.T) {
	srv := yihuatest.NewServer()
	defer srv.Close()
	p, err := (&yihua.TransferRequest{Trade: trade("S")}).Params()
	require.NoError(t, err)
	cred := fmt.Sprintf(`"PlatformID":%q,"UserAccessToken":%q,"UID":%q`, yihuatest.PlatformID, yihuatest.UserAccessToken, yihuatest.UID)
	xmls := fmt.Sprintf(`"MasterXml":%q,"DetailXml":%q,"PayXml":%q`, p["MasterXml"], p["DetailXml"], p["PayXml"])
	const ct = "application/json"
	for name, tc := range map[string]struct {
		body, code string
	}{
		"ok":              {`{` + cred + `,` + xmls + `,"TH":0,"Audit":0,"StoredProcedureName":"UP_TradeTransferToSale"}`, "0"},
		"TH as string":    {`{` + cred + `,` + xmls + `,"TH":"0","Audit":0,"StoredProcedureName":"UP_TradeTransferToSale"}`, yihuatest.CodeBadParameter},
		"TH of 2":         {`{` + cred + `,` + xmls + `,"TH":2,"Audit":0,"StoredProcedureName":"UP_TradeTransferToSale"}`, yihuatest.CodeBadParameter},
		"Audit missing":   {`{` + cred + `,` + xmls + `,"TH":0,"StoredProcedureName":"UP_TradeTransferToSale"}`, yihuatest.CodeBadParameter},
		"unknown routine": {`{` + cred + `,` + xmls + `,"TH":0,"Audit":0,"StoredProcedureName":"UP_X"}`, yihuatest.CodeBadParameter},
		"xml as number":   {`{` + cred + `,"MasterXml":1,"TH":0,"Audit":0}`, yihuatest.CodeBadParameter},
		"not json":        {`PlatformID=x`, yihuatest.CodeBadParameter},
		"trailing data":   {`{"a":"b"} {}`, yihuatest.CodeBadParameter},
		"bad token":       {`{"PlatformID":"YHDT-TEST","UserAccessToken":"nope","UID":"uid-test"}`, yihuatest.CodeBadToken},
	} {
		status, body := post(t, srv, http.MethodPost, ct, tc.body)
		assert.Equal(t, 200, status, name)
		assert.Contains(t, body, `"Code":"`+tc.code+`"`, name)
	}
	status, _ := post(t, srv, http.MethodGet, ct, "")
	assert.Equal(t, http.StatusMethodNotAllowed, status)
	status, body := post(t, srv, http.MethodPost, "text/plain", "x")
	assert.Equal(t, 200, status)
	assert.Contains(t, body, yihuatest.CodeBadParameter)

	form := url.Values{"PlatformID": {yihuatest.PlatformID}, "UserAccessToken": {yihuatest.UserAccessToken}, "UID": {yihuatest.UID},
		"MasterXml": {strings.Replace(p["MasterXml"].(string), `FactMoney="24.6000"`, `FactMoney="24,6"`, 1)},
		"DetailXml": {p["DetailXml"].(string)}, "PayXml": {p["PayXml"].(string)}, "TH": {"0"}, "Audit": {"0"}, "StoredProcedureName": {"UP_TradeTransferToSale"}}
	_, body = post(t, srv, http.MethodPost, "application/x-www-form-urlencoded", form.Encode())
	assert.Contains(t, body, yihuatest.CodeBadXML)
	assert.Contains(t, body, "FactMoney")
	assert.Len(t, srv.Trades(), 1)
}

func TestChaosNothingLostNothingDuplicated(t *testing.T) {
	srv := yihuatest.NewServer(yihuatest.WithSeed(3))
	defer srv.Close()
	srv.Inject(yihuatest.ChaosMix())
	c, err := yihua.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithHTTPClient(yihuatest.HTTPClient()),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 4, WaitMin: time.Millisecond, WaitMax: time.Millisecond}))
	require.NoError(t, err)
	const n = 300
	pending := map[string]bool{}
	for i := range n {
		id := fmt.Sprintf("C%03d", i)
		if _, err := c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade(id)}); err != nil {
			var te *duijie.TransportError
			var ae *duijie.APIError
			require.True(t, errors.As(err, &te) || errors.As(err, &ae), "%T %v", err, err)
			pending[id] = true
		}
	}
	assert.Zero(t, srv.Duplicates())
	assert.NotEmpty(t, pending, "the mix produced failures")
	for round := 0; len(pending) > 0 && round < 10; round++ {
		for id := range pending {
			if _, there := srv.Trade(id); there {
				delete(pending, id)
				continue
			}
			if _, err := c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade(id)}); err == nil {
				delete(pending, id)
			}
		}
	}
	assert.Empty(t, pending)
	assert.Len(t, srv.Trades(), n)
	assert.Zero(t, srv.Duplicates())
}
