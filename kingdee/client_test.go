package kingdee_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
)

const testSite = "https://erp.example.com/k3cloud"

var fixedNow = time.Unix(1700000000, 123e6)

func signedConfig() kingdee.Config {
	return kingdee.Config{AcctID: vecAcctID, UserName: vecUser, AppID: vecAppID, AppSecret: duijie.Secret(vecAppSecret)}
}

// newMockClient returns a client on an httpmock transport with a clock that
// advances one second per reading.
func newMockClient(t *testing.T, cfg kingdee.Config, opts ...duijie.Option) (*kingdee.Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(httpmock.NewNotFoundResponder(t.Fatal))
	var tick atomic.Int64
	clock := func() time.Time { return fixedNow.Add(time.Duration(tick.Add(1)-1) * time.Second) }
	base := []duijie.Option{duijie.WithBaseURL(testSite), duijie.WithHTTPClient(&http.Client{Transport: mt}),
		duijie.WithClock(clock), duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond})}
	c, err := kingdee.NewClient(cfg, append(base, opts...)...)
	require.NoError(t, err)
	return c, mt
}

// seen is one request as the server got it.
type seen struct {
	header http.Header
	body   string
}

// record answers every call to service with the bodies in turn (the last
// one repeats) and keeps what was sent.
func record(mt *httpmock.MockTransport, service string, answers ...string) *[]seen {
	var got []seen
	mt.RegisterResponder("POST", testSite+"/"+service+".common.kdsvc", func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, seen{r.Header.Clone(), string(b)})
		a := answers[min(len(got), len(answers))-1]
		return httpmock.NewStringResponse(200, a), nil
	})
	return &got
}

const okSave = `{"Result":{"ResponseStatus":{"ErrorCode":0,"IsSuccess":true,"Errors":[],"SuccessEntitys":[{"Id":100001,"Number":"XSTH-1","DIndex":0}],"SuccessMessages":[],"MsgCode":0},"Id":100001,"Number":"XSTH-1","NeedReturnData":[{"FBillNo":"XSTH-1"}]}}`

func sampleBill(no string) kingdee.SalReturnStock {
	return kingdee.SalReturnStock{
		BillType: kingdee.RefTo(kingdee.BillTypeSalReturn), BillNo: no,
		Date:    duijie.NewTime(time.Date(2026, 11, 20, 0, 0, 0, 0, duijie.CST())),
		SaleOrg: kingdee.RefTo("100"), Customer: kingdee.RefTo("C<1>&"), StockOrg: kingdee.RefTo("100"),
		HeadNote: "退货",
		Finance:  &kingdee.SalReturnFinance{SettleOrg: kingdee.RefTo("100")},
		Entries: []kingdee.SalReturnEntry{{Material: kingdee.RefTo("M1"), RealQty: duijie.AmountFromInt(2),
			TaxPrice: duijie.AmountFromCents(1999), TaxRate: duijie.AmountFromInt(0).Ptr(), Stock: kingdee.RefTo("WH")}},
	}
}

const sampleBillJSON = `{"FBillTypeID":{"FNumber":"XSTHD01_SYS"},"FBillNo":"XSTH-1","FDate":"2026-11-20 00:00:00","FSaleOrgId":{"FNumber":"100"},"FRetcustId":{"FNumber":"C<1>&"},"FStockOrgId":{"FNumber":"100"},"FHeadNote":"退货","SubHeadEntity":{"FSettleOrgId":{"FNumber":"100"}},"FEntity":[{"FMaterialId":{"FNumber":"M1"},"FRealQty":2,"FTaxPrice":19.99,"FIsFree":false,"FEntryTaxRate":0,"FStockId":{"FNumber":"WH"}}]}`

func TestSaveWireBytesNamedForm(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	got := record(mt, kingdee.ServiceSave, okSave)
	res, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: sampleBill("XSTH-1"),
		Options: kingdee.SaveOptions{NeedReturnFields: []string{"FBillNo"}, IsVerifyBaseDataField: kingdee.FlagTrue, IsAutoSubmitAndAudit: kingdee.FlagFalse, BatchCount: 4}})
	require.NoError(t, err)
	assert.Equal(t, &kingdee.SaveResult{ID: "100001", Number: "XSTH-1", Status: kingdee.RowSaved, NeedReturnData: res.NeedReturnData}, res)
	assert.JSONEq(t, `[{"FBillNo":"XSTH-1"}]`, string(mustJSON(res.NeedReturnData)))
	require.Len(t, *got, 1)
	assert.Equal(t, `{"formid":"SAL_RETURNSTOCK","data":{"NeedReturnFields":["FBillNo"],"IsVerifyBaseDataField":"true","IsAutoSubmitAndAudit":"false","Model":`+sampleBillJSON+`}}`, (*got)[0].body)

	h := (*got)[0].header
	assert.Equal(t, "application/json; charset=utf-8", h.Get("Content-Type"))
	assert.Equal(t, "224426", h.Get("X-Api-ClientID"))
	assert.Equal(t, "2.0", h.Get("X-Api-Auth-Version"))
	assert.Equal(t, "1700000000", h.Get("x-api-timestamp"))
	assert.Equal(t, "1700000000", h.Get("x-api-nonce"))
	assert.Equal(t, "x-api-timestamp,x-api-nonce", h.Get("x-api-signheaders"))
	signer, _ := kingdee.NewHeaderSigner(vecAppID, vecAppSecret, vecAcctID, vecUser, 2052, "0")
	want := signer.Sign("/k3cloud/"+kingdee.ServiceSave+".common.kdsvc", "1700000000")
	assert.Equal(t, want.Signature, h.Get("X-Api-Signature"))
	assert.Equal(t, vecAppID, h.Get("X-Kd-Appkey"))
	assert.Equal(t, vecAppData, h.Get("X-Kd-Appdata"))
	assert.Equal(t, vecKdSignature, h.Get("X-Kd-Signature"))
	assert.Empty(t, h.Get("kdservice-sessionid"))
	assert.Regexp(t, `duijie/\S+$`, h.Get("User-Agent"))
}

func mustJSON(v any) []byte {
	b, err := jsonMarshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func TestSaveWireBytesParametersForm(t *testing.T) {
	cfg := signedConfig()
	cfg.Body = kingdee.BodyParameters
	cfg.Timestamp = kingdee.TimestampMilliseconds
	c, mt := newMockClient(t, cfg)
	got := record(mt, kingdee.ServiceSave, okSave)
	_, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: sampleBill("XSTH-1")})
	require.NoError(t, err)
	data := `{"Model":` + sampleBillJSON + `}`
	quoted := strconv.Quote(data)
	assert.Equal(t, `{"parameters":["SAL_RETURNSTOCK",`+quoted+`]}`, (*got)[0].body)
	h := (*got)[0].header
	assert.Equal(t, "1700000000123", h.Get("x-api-timestamp"))
	signer, _ := kingdee.NewHeaderSigner(vecAppID, vecAppSecret, vecAcctID, vecUser, 2052, "0")
	assert.Equal(t, signer.Sign("/k3cloud/"+kingdee.ServiceSave+".common.kdsvc", "1700000000123").Signature, h.Get("X-Api-Signature"))
}

func TestReadsAreResignedOnEveryAttempt(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	var stamps, sigs []string
	mt.RegisterResponder("POST", testSite+"/"+kingdee.ServiceExecuteBillQuery+".common.kdsvc", func(r *http.Request) (*http.Response, error) {
		stamps = append(stamps, r.Header.Get("x-api-timestamp"))
		sigs = append(sigs, r.Header.Get("X-Api-Signature"))
		if len(stamps) < 3 {
			return httpmock.NewStringResponse(502, "<html>Bad Gateway</html>"), nil
		}
		return httpmock.NewStringResponse(200, `[["A"]]`), nil
	})
	page, err := c.ExecuteBillQuery(context.Background(), &kingdee.BillQuery{FormID: "BD_MATERIAL", FieldKeys: []string{"FNumber"}})
	require.NoError(t, err)
	assert.Equal(t, []kingdee.Row{{[]byte(`"A"`)}}, page.Items)
	assert.False(t, page.HasMore, "with Limit 0 the server's default applies and no page is known to follow")
	assert.Equal(t, []string{"1700000000", "1700000001", "1700000002"}, stamps)
	assert.Len(t, sigs, 3)
	assert.NotEqual(t, sigs[0], sigs[1])
	assert.NotEqual(t, sigs[1], sigs[2])
}

func TestBillQueryWireBytesAndRows(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	got := record(mt, kingdee.ServiceExecuteBillQuery, `[["XSTH-1",100001,"12.50",null,"2026-11-20T00:00:00"],["XSTH-2",100002,"",null,"2026-11-21T00:00:00"]]`)
	q := &kingdee.BillQuery{FormID: "SAL_RETURNSTOCK", FieldKeys: []string{"FBillNo", "FID", "FAmount", "FNote", "FDate"},
		Filter: "FBillNo LIKE " + kingdee.Quote("XSTH%") + " AND FNote = " + kingdee.Quote("it's"), OrderBy: "FID ASC", StartRow: 20, Limit: 10}
	page, err := c.ExecuteBillQuery(context.Background(), q)
	require.NoError(t, err)
	assert.Equal(t, -1, page.Total, "Kingdee answers no total")
	assert.Equal(t, 20, page.Number, "the page is numbered by its first row")
	assert.Equal(t, 10, page.Size)
	assert.False(t, page.HasMore, "a page shorter than Limit is the last")
	rows := page.Items
	assert.Equal(t, `{"data":{"FormId":"SAL_RETURNSTOCK","FieldKeys":"FBillNo,FID,FAmount,FNote,FDate","FilterString":"FBillNo LIKE 'XSTH%' AND FNote = 'it''s'","OrderString":"FID ASC","TopRowCount":0,"StartRow":20,"Limit":10,"SubSystemId":""}}`, (*got)[0].body)
	require.Len(t, rows, 2)
	assert.Equal(t, "100001", rows[0].String(1))
	assert.Equal(t, "", rows[0].String(3))
	a, err := rows[0].Amount(2)
	require.NoError(t, err)
	assert.Equal(t, "12.5", a.String())

	type line struct {
		BillNo string       `json:"FBillNo"`
		ID     duijie.Int64 `json:"FID"`
		Amount duijie.Amount
		Note   string      `json:"FNote"`
		Date   duijie.Time `json:"FDate"`
	}
	var l line
	require.NoError(t, rows[1].Decode(q.FieldKeys, &l))
	assert.Equal(t, "XSTH-2", l.BillNo)
	assert.Equal(t, duijie.Int64(100002), l.ID)
	assert.Equal(t, "2026-11-21 00:00:00", l.Date.String())
	assert.Error(t, rows[1].Decode([]string{"one"}, &l))
}

func TestRowsWalksPagesUntilAShortPage(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	var starts []string
	mt.RegisterResponder("POST", testSite+"/"+kingdee.ServiceExecuteBillQuery+".common.kdsvc", func(r *http.Request) (*http.Response, error) {
		var body struct {
			Data struct{ StartRow, Limit int } `json:"data"`
		}
		b, _ := io.ReadAll(r.Body)
		require.NoError(t, jsonUnmarshal(b, &body))
		starts = append(starts, strconv.Itoa(body.Data.StartRow)+"/"+strconv.Itoa(body.Data.Limit))
		n := min(body.Data.Limit, 25-body.Data.StartRow)
		rows := make([][]int, 0, n)
		for i := 0; i < n; i++ {
			rows = append(rows, []int{body.Data.StartRow + i})
		}
		return httpmock.NewJsonResponse(200, rows)
	})
	var ids []string
	for row, err := range c.Rows(context.Background(), &kingdee.BillQuery{FormID: "F", FieldKeys: []string{"FID"}, Limit: 10}) {
		require.NoError(t, err)
		ids = append(ids, row.String(0))
	}
	assert.Len(t, ids, 25)
	assert.Equal(t, "24", ids[24])
	assert.Equal(t, []string{"0/10", "10/10", "20/10"}, starts)

	starts = nil
	type r struct {
		ID int `json:"FID"`
	}
	var got []int
	for v, err := range kingdee.QueryRows[r](context.Background(), c, &kingdee.BillQuery{FormID: "F", FieldKeys: []string{"FID"}, Limit: 4, StartRow: 3, TopRowCount: 6}) {
		require.NoError(t, err)
		got = append(got, v.ID)
	}
	assert.Equal(t, []int{3, 4, 5, 6, 7, 8}, got)
	assert.Equal(t, []string{"3/4", "7/2"}, starts)
}

func TestQueryValidation(t *testing.T) {
	c, _ := newMockClient(t, signedConfig())
	for name, q := range map[string]*kingdee.BillQuery{
		"BillQuery": nil, "FormID": {FieldKeys: []string{"A"}}, "FieldKeys": {FormID: "F"},
		"Limit": {FormID: "F", FieldKeys: []string{"A"}, Limit: 10001}, "StartRow": {FormID: "F", FieldKeys: []string{"A"}, StartRow: -1},
		"FieldKeys[1]": {FormID: "F", FieldKeys: []string{"A", "B,C"}},
	} {
		_, err := c.ExecuteBillQuery(context.Background(), q)
		var ve *duijie.ValidationError
		require.ErrorAs(t, err, &ve, name)
		assert.Equal(t, name, ve.Field)
		assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	}
}

func TestErrorClasses(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		class  error
		code   string
	}{
		{"session lost", 200, `{"Result":{"ResponseStatus":{"ErrorCode":500,"IsSuccess":false,"Errors":[{"FieldName":null,"Message":"会话信息已丢失，请重新登录","DIndex":0}],"SuccessEntitys":[],"SuccessMessages":[],"MsgCode":1}}}`, duijie.ErrAuth, "1"},
		{"lost session text without code", 200, `{"Result":{"ResponseStatus":{"IsSuccess":"false","Errors":[{"Message":"会话信息已丢失，请重新登录"}],"MsgCode":""}}}`, duijie.ErrAuth, "0"},
		{"no permission", 200, `{"Result":{"ResponseStatus":{"IsSuccess":false,"Errors":[{"Message":"没有权限"}],"MsgCode":2}}}`, duijie.ErrAuth, "2"},
		{"call limit", 200, `{"Result":{"ResponseStatus":{"IsSuccess":false,"Errors":[{"Message":"调用限制"}],"MsgCode":14}}}`, duijie.ErrRateLimited, "14"},
		{"unknown field", 200, `{"Result":{"ResponseStatus":{"IsSuccess":false,"Errors":[{"FieldName":"FX","Message":"元数据中标识为FX的字段不存在"}],"MsgCode":9}}}`, duijie.ErrInvalidRequest, "9"},
		{"not found", 200, `{"Result":{"ResponseStatus":{"IsSuccess":false,"Errors":[{"Message":"未找到"}],"MsgCode":10}}}`, duijie.ErrNotFound, "10"},
		{"network control", 200, `{"Result":{"ResponseStatus":{"IsSuccess":false,"Errors":[{"Message":"网控冲突"}],"MsgCode":13}}}`, duijie.ErrTemporary, "13"},
		{"gateway app id", 519, `{"errcode":4002,"description":"Unauthorized, APP_ID is empty[GW]"}`, duijie.ErrAuth, "4002"},
		{"gateway timestamp", 519, `{"errcode":4006,"description":"X-Api-TimeStamp is invalid[GW]"}`, duijie.ErrSignature, "4006"},
		{"acct", 500, `Fail to verify thirty passport`, duijie.ErrTemporary, ""},
		{"html", 200, `<html><body>login</body></html>`, duijie.ErrTemporary, ""},
		{"response_error", 200, `response_error:{"Message":"对象不存在","InnerExWrapper":null}`, duijie.ErrInvalidRequest, "response_error"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t, signedConfig(), duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 1}))
			record(mt, kingdee.ServiceSubmit, tc.body)
			mt.RegisterResponder("POST", testSite+"/"+kingdee.ServiceSubmit+".common.kdsvc", httpmock.NewStringResponder(tc.status, tc.body))
			_, err := c.Submit(context.Background(), &kingdee.BillAction{FormID: "SAL_RETURNSTOCK", Numbers: []string{"X"}})
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.class)
			var ae *duijie.APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.code, ae.Code)
			assert.Equal(t, "kingdee", ae.Vendor)
			assert.Equal(t, "DynamicFormService.Submit", ae.Operation)
			assert.Equal(t, tc.status, ae.HTTPStatus)
		})
	}
}

// fastSettle keeps the wait before a second look-up short in tests.
var fastSettle = kingdee.SaveOptions{SettleDelay: time.Millisecond}

// storedRow is the look-up row of sampleBill(no) as ExecuteBillQuery
// answers it (FID, FBillNo and the compared fields, in the server's forms).
func storedRow(id int, no, customer string) string {
	return `[` + strconv.Itoa(id) + `,"` + no + `","` + customer + `","2026-11-20T00:00:00","M1","2.0000000000","19.9900000000","0.000000"]`
}

func TestThrottleAnswersToAWriteAreLookedUpNeverReplayed(t *testing.T) {
	for name, answer := range map[string]*httpmock.Responder{
		"MsgCode 14": ptr(httpmock.NewStringResponder(200, `{"Result":{"ResponseStatus":{"IsSuccess":false,"Errors":[{"Message":"调用限制"}],"MsgCode":14}}}`)),
		"HTTP 429":   ptr(httpmock.NewStringResponder(429, `Too Many Requests`)),
		"MsgCode 14 worded as a throttle": ptr(httpmock.NewStringResponder(200,
			`{"Result":{"ResponseStatus":{"IsSuccess":false,"Errors":[{"Message":"请求过于频繁，访问频率超过最大并发"}],"MsgCode":14}}}`)),
	} {
		t.Run(name, func(t *testing.T) {
			c, mt := newMockClient(t, signedConfig())
			saves := 0
			mt.RegisterResponder("POST", testSite+"/"+kingdee.ServiceSave+".common.kdsvc", func(r *http.Request) (*http.Response, error) {
				saves++
				return (*answer)(r)
			})
			lookup := record(mt, kingdee.ServiceExecuteBillQuery, `[`+storedRow(100777, "XSTH-1", "C<1>&")+`]`)
			res, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: sampleBill("XSTH-1"), Options: fastSettle})
			require.NoError(t, err)
			assert.Equal(t, 1, saves, "a write is never sent again on a throttle answer")
			require.Len(t, *lookup, 1)
			assert.Equal(t, kingdee.RowExisting, res.Status)
			assert.True(t, res.Existing)
			assert.True(t, res.Verified)
			assert.Equal(t, "100777", res.ID)
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestThrottleWordingOnAnotherCodeIsNotAThrottle(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	got := record(mt, kingdee.ServiceSave, `{"Result":{"ResponseStatus":{"IsSuccess":false,"Errors":[{"Message":"访问过于频繁"}],"MsgCode":4}}}`)
	_, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: sampleBill("XSTH-1"), Options: fastSettle})
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	assert.NotErrorIs(t, err, duijie.ErrRateLimited)
	assert.Len(t, *got, 1)
}

func TestThrottledWriteWithoutANumberIsReportedMayHaveArrived(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	got := record(mt, kingdee.ServiceSave, `{"Result":{"ResponseStatus":{"IsSuccess":false,"Errors":[{"Message":"调用限制"}],"MsgCode":14}}}`)
	_, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: "BD_MATERIAL", Model: map[string]any{"FName": "x"}})
	assert.ErrorIs(t, err, kingdee.ErrOutcomeUnknown)
	assert.ErrorIs(t, err, duijie.ErrRateLimited)
	assert.Len(t, *got, 1)
}

func TestWritesAreNotReplayedAfterAServerFailureWithoutANumber(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	got := record(mt, kingdee.ServiceSave, `<html>500</html>`)
	mt.RegisterResponder("POST", testSite+"/"+kingdee.ServiceSave+".common.kdsvc", func(r *http.Request) (*http.Response, error) {
		*got = append(*got, seen{})
		return httpmock.NewStringResponse(500, "<html>500</html>"), nil
	})
	_, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: "BD_MATERIAL", Model: map[string]any{"FName": "x"}})
	assert.ErrorIs(t, err, duijie.ErrTemporary)
	assert.ErrorIs(t, err, kingdee.ErrOutcomeUnknown)
	assert.Len(t, *got, 1)
}

func TestSaveLooksTheBillUpAfterAResetAndDoesNotSendItAgain(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	saves := 0
	mt.RegisterResponder("POST", testSite+"/"+kingdee.ServiceSave+".common.kdsvc", func(r *http.Request) (*http.Response, error) {
		saves++
		return nil, syscall.ECONNRESET
	})
	lookup := record(mt, kingdee.ServiceExecuteBillQuery, `[`+storedRow(100777, "XSTH-1", "C<1>&")+`]`)
	res, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: sampleBill("XSTH-1")})
	require.NoError(t, err)
	assert.Equal(t, &kingdee.SaveResult{ID: "100777", Number: "XSTH-1", Status: kingdee.RowExisting, Existing: true, Verified: true}, res)
	assert.Equal(t, 1, saves)
	require.Len(t, *lookup, 1)
	assert.Contains(t, (*lookup)[0].body, `"FieldKeys":"FID,FBillNo,FRetcustId.FNumber,FDate,FMaterialId.FNumber,FRealQty,FTaxPrice,FEntryTaxRate","FilterString":"FBillNo IN ('XSTH-1')"`)
}

func TestTheNumberLookedUpIsTheNumberInTheBill(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	saves := 0
	mt.RegisterResponder("POST", testSite+"/"+kingdee.ServiceSave+".common.kdsvc", func(r *http.Request) (*http.Response, error) {
		saves++
		return nil, syscall.ECONNRESET
	})
	lookup := record(mt, kingdee.ServiceExecuteBillQuery, `[[100778,"M-77"]]`)
	res, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: "BD_MATERIAL", NumberField: "FNumber",
		Model: map[string]any{"FNumber": "M-77", "FName": "x"}})
	require.NoError(t, err)
	assert.Equal(t, 1, saves)
	require.Len(t, *lookup, 1)
	assert.Contains(t, (*lookup)[0].body, `"FieldKeys":"FID,FNumber","FilterString":"FNumber IN ('M-77')"`)
	assert.Equal(t, &kingdee.SaveResult{ID: "100778", Number: "M-77", Status: kingdee.RowExisting, Existing: true}, res, "found, but a map cannot be compared")
}

func TestADuplicateNumberRefusalIsLookedUpAndComparedNeverAPlainFailure(t *testing.T) {
	taken := `{"Result":{"ResponseStatus":{"ErrorCode":500,"IsSuccess":false,"Errors":[{"FieldName":"FBillNo","Message":"违反字段唯一性要求：编码唯一。[XSTH-1]在当前系统中已经被使用。","DIndex":0}],"SuccessEntitys":[],"SuccessMessages":[],"MsgCode":11}}}`
	t.Run("same bill", func(t *testing.T) {
		c, mt := newMockClient(t, signedConfig())
		saves := record(mt, kingdee.ServiceSave, taken)
		record(mt, kingdee.ServiceExecuteBillQuery, `[`+storedRow(100777, "XSTH-1", "C<1>&")+`]`)
		res, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: sampleBill("XSTH-1"), Options: fastSettle})
		require.NoError(t, err)
		assert.Equal(t, kingdee.RowExisting, res.Status)
		assert.Len(t, *saves, 1)
	})
	t.Run("other bill", func(t *testing.T) {
		c, mt := newMockClient(t, signedConfig())
		saves := record(mt, kingdee.ServiceSave, taken)
		record(mt, kingdee.ServiceExecuteBillQuery, `[`+storedRow(100777, "XSTH-1", "SOMEONE-ELSE")+`]`)
		res, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: sampleBill("XSTH-1"), Options: fastSettle})
		assert.ErrorIs(t, err, kingdee.ErrConflict)
		var ce *kingdee.ConflictError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, []kingdee.Difference{{Field: "FRetcustId.FNumber", Sent: "C<1>&", Stored: "SOMEONE-ELSE"}}, ce.Differences)
		assert.Equal(t, "100777", ce.ID)
		require.NotNil(t, res)
		assert.Equal(t, kingdee.RowConflict, res.Status)
		assert.False(t, res.Existing)
		assert.Len(t, *saves, 1)
	})
}

func TestBatchSaveRowsTheAnswerDoesNotNameAreNeverCountedSaved(t *testing.T) {
	const n = kingdee.MaxBatchSave
	c, mt := newMockClient(t, signedConfig(), duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 1}))
	saves := record(mt, kingdee.ServiceBatchSave, `{"Result":{"ResponseStatus":{"IsSuccess":true,"SuccessEntitys":[{"Id":1,"Number":"B00000","DIndex":0}]},"NeedReturnData":[]}}`)
	number := regexp.MustCompile(`'B(\d+)'`)
	lookups := 0
	mt.RegisterResponder("POST", testSite+"/"+kingdee.ServiceExecuteBillQuery+".common.kdsvc", func(r *http.Request) (*http.Response, error) {
		lookups++
		b, _ := io.ReadAll(r.Body)
		var rows []string
		for _, m := range number.FindAllStringSubmatch(string(b), -1) {
			if i, _ := strconv.Atoi(m[1]); i%2 == 0 {
				rows = append(rows, storedRow(i+1, "B"+m[1], "C<1>&"))
			}
		}
		return httpmock.NewStringResponse(200, "["+strings.Join(rows, ",")+"]"), nil
	})
	bills := make([]kingdee.SalReturnStock, n)
	for i := range bills {
		bills[i] = sampleBill(fmt.Sprintf("B%05d", i))
	}
	res, err := c.SaveSalReturns(context.Background(), &kingdee.SaveSalReturnsRequest{Bills: bills, Options: fastSettle})
	require.Len(t, *saves, 1)
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, n/2, res.Saved(), "row 0 from the answer, the other even rows found by number")
	assert.Equal(t, kingdee.RowSaved, res.Rows[0].Status)
	assert.Equal(t, kingdee.RowExisting, res.Rows[2].Status)
	assert.Equal(t, kingdee.RowFailed, res.Rows[1].Status, "not found after the settle delay, no attempt left")
	assert.Len(t, be.Failed, n/2)
	assert.Equal(t, (n+199)/200+(n/2+199)/200, lookups, "every number once, the missing ones again after the settle delay")
}

func TestBatchSaveRowsWithoutNumbersTheAnswerDoesNotNameAreOutcomeUnknown(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	saves := record(mt, kingdee.ServiceBatchSave, `{"Result":{"ResponseStatus":{"IsSuccess":true,"SuccessEntitys":[{"Id":1,"Number":"BD1","DIndex":0}]},"NeedReturnData":[]}}`)
	res, err := c.BatchSave(context.Background(), &kingdee.BatchSaveRequest{FormID: "BD_MATERIAL",
		Models: []any{map[string]any{"FName": "a"}, map[string]any{"FName": "b"}, map[string]any{"FName": "c"}}})
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	assert.Len(t, *saves, 1)
	assert.Equal(t, 1, res.Saved())
	assert.Equal(t, []int{1, 2}, be.UnknownIndexes())
	assert.Equal(t, []kingdee.RowStatus{kingdee.RowSaved, kingdee.RowUnknown, kingdee.RowUnknown},
		[]kingdee.RowStatus{res.Rows[0].Status, res.Rows[1].Status, res.Rows[2].Status})
}

func TestUnsetFlagIsNeverSentAsFalse(t *testing.T) {
	_, err := jsonMarshal(map[string]any{"IsDeleteEntry": kingdee.FlagUnset})
	assert.Error(t, err)
	b, err := jsonMarshal(map[string]any{"A": kingdee.FlagFalse, "B": kingdee.FlagTrue})
	require.NoError(t, err)
	assert.JSONEq(t, `{"A":"false","B":"true"}`, string(b))
}

func TestAFalseFreeGiftFlagIsSent(t *testing.T) {
	b, err := jsonMarshal(kingdee.SalReturnEntry{Material: kingdee.RefTo("M1")})
	require.NoError(t, err)
	assert.Contains(t, string(b), `"FIsFree":false`)
}

func TestSaveSendsAgainWhenTheLookupFindsNothing(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	saves := 0
	mt.RegisterResponder("POST", testSite+"/"+kingdee.ServiceSave+".common.kdsvc", func(r *http.Request) (*http.Response, error) {
		saves++
		if saves == 1 {
			return nil, syscall.ECONNRESET
		}
		return httpmock.NewStringResponse(200, okSave), nil
	})
	lookup := record(mt, kingdee.ServiceExecuteBillQuery, `[]`)
	res, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: sampleBill("XSTH-1"), Options: fastSettle})
	require.NoError(t, err)
	assert.False(t, res.Existing)
	assert.Equal(t, "100001", res.ID)
	assert.Equal(t, 2, saves)
	assert.Len(t, *lookup, 2, "looked up, and again after the settle delay, before sending again")
}

func TestBatchSaveMapsEveryRow(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	saves := record(mt, kingdee.ServiceBatchSave, `{"Result":{"ResponseStatus":{"ErrorCode":500,"IsSuccess":false,
		"Errors":[{"FieldName":"FMaterialId","Message":"物料不存在","DIndex":1}],
		"SuccessEntitys":[{"Id":11,"Number":"B0","DIndex":0},{"Id":13,"Number":"B2","DIndex":2}],"MsgCode":11},"NeedReturnData":[]}}`)
	lookup := record(mt, kingdee.ServiceExecuteBillQuery, `[`+storedRow(14, "B3", "C<1>&")+`]`)
	res, err := c.SaveSalReturns(context.Background(), &kingdee.SaveSalReturnsRequest{Bills: []kingdee.SalReturnStock{sampleBill("B0"), sampleBill("B1"), sampleBill("B2"), sampleBill("B3")}, Options: fastSettle})
	require.Error(t, err)
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, []int{1}, be.FailedIndexes())
	assert.Len(t, *saves, 1)
	require.Len(t, *lookup, 1)
	assert.Contains(t, (*lookup)[0].body, `FBillNo IN ('B3')`, "only the row the answer left out is looked up")
	assert.Equal(t, "B1", be.Failed[0].Key)
	assert.Equal(t, "FMaterialId: 物料不存在", be.Failed[0].Message)
	assert.Equal(t, "11", be.Failed[0].Code)
	assert.Equal(t, 4, be.Total)
	require.Len(t, res.Rows, 4)
	assert.Equal(t, 3, res.Saved())
	assert.Equal(t, kingdee.SaveOutcome{Index: 0, Number: "B0", ID: "11", Status: kingdee.RowSaved, Saved: true}, res.Rows[0])
	assert.False(t, res.Rows[1].Saved)
	assert.Equal(t, []kingdee.FieldError{{FieldName: "FMaterialId", Message: "物料不存在", DIndex: 1}}, res.Rows[1].Errors)
	assert.True(t, res.Rows[2].Saved)
	assert.Equal(t, kingdee.RowExisting, res.Rows[3].Status, "a row the answer does not mention is looked up, not taken as saved")
	assert.Equal(t, "14", res.Rows[3].ID)
}

func TestBatchSaveRefusesBadInputBeforeSending(t *testing.T) {
	c, _ := newMockClient(t, signedConfig())
	for field, req := range map[string]*kingdee.BatchSaveRequest{
		"BatchSaveRequest":    nil,
		"FormID":              {Models: []any{1}},
		"Models":              {FormID: "F"},
		"Models[1].FBillNo":   {FormID: "F", Models: []any{map[string]any{"FBillNo": "a"}, map[string]any{"fbillno": "a"}}},
		"Models[0]":           {FormID: "F", Models: []any{nil}},
		"Models[1]":           {FormID: "F", Models: []any{map[string]any{}, 2}},
		"Models[0].FNumber":   {FormID: "F", NumberField: "FNumber", Models: []any{map[string]any{"FNumber": "a", "FNUMBER": "b"}}},
		"Options.SettleDelay": {FormID: "F", Models: []any{map[string]any{}}, Options: kingdee.SaveOptions{SettleDelay: -1}},
	} {
		_, err := c.BatchSave(context.Background(), req)
		var ve *duijie.ValidationError
		require.ErrorAs(t, err, &ve, field)
		assert.Equal(t, field, ve.Field)
	}
	_, err := c.BatchSave(context.Background(), &kingdee.BatchSaveRequest{FormID: "F", Models: []any{map[string]any{}}, SkipExisting: true})
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
}

func TestPartialActionIsABatchError(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	got := record(mt, kingdee.ServiceAudit, `{"Result":{"ResponseStatus":{"IsSuccess":false,"Errors":[{"Message":"状态不对","DIndex":1}],"SuccessEntitys":[{"Id":1,"Number":"A","DIndex":0}],"MsgCode":12}}}`)
	res, err := c.Audit(context.Background(), &kingdee.BillAction{FormID: "F", Numbers: []string{"A", "B"}, IsVerifyProcInst: kingdee.FlagTrue})
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, []int{1}, be.FailedIndexes())
	assert.Equal(t, "B", be.Failed[0].Key)
	require.NotNil(t, res)
	assert.Equal(t, "A", res.Succeeded[0].Number)
	assert.Equal(t, `{"formid":"F","data":{"CreateOrgId":0,"Numbers":["A","B"],"Ids":"","IsVerifyProcInst":"true"}}`, (*got)[0].body)
}

func TestPushAndRawCall(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	push := record(mt, kingdee.ServicePush, `{"Result":{"ResponseStatus":{"IsSuccess":true,"SuccessEntitys":[{"Id":9,"Number":"T1","DIndex":0}]},"ConvertResponseStatus":{"IsSuccess":true}}}`)
	res, err := c.Push(context.Background(), &kingdee.PushRequest{FormID: "SAL_SaleOrder", Numbers: []string{"SO1"}, IDs: []string{"1", "2"}, RuleID: "R1", TargetOrgID: 100})
	require.NoError(t, err)
	assert.Equal(t, "T1", res.Succeeded[0].Number)
	assert.Equal(t, `{"formid":"SAL_SaleOrder","data":{"Numbers":["SO1"],"RuleId":"R1","TargetOrgId":100,"Ids":"1,2"}}`, (*push)[0].body)
	_, err = c.Push(context.Background(), &kingdee.PushRequest{FormID: "F", Numbers: []string{"A"}})
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)

	alloc := record(mt, kingdee.DynamicFormService+"Allocate", `{"Result":{"ResponseStatus":{"IsSuccess":true}}}`, `[[{"Result":{"ResponseStatus":{"IsSuccess":false,"Errors":[{"Message":"字段不存在"}],"MsgCode":9}}}]]`)
	var out map[string]any
	require.NoError(t, c.Call(context.Background(), &kingdee.CallRequest{Service: "Allocate", Args: []kingdee.Arg{{"formid", "BD_MATERIAL"}, {"data", map[string]any{"PkIds": 1, "TOrgIds": "100"}}}}, &out))
	assert.Equal(t, `{"formid":"BD_MATERIAL","data":{"PkIds":1,"TOrgIds":"100"}}`, (*alloc)[0].body)
	assert.Contains(t, out, "Result")
	err = c.Call(context.Background(), &kingdee.CallRequest{Service: "Allocate", Args: []kingdee.Arg{{"formid", "X"}}}, nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	var ae *duijie.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "9", ae.Code)
	assert.ErrorIs(t, c.Call(context.Background(), &kingdee.CallRequest{Service: "../x"}, nil), duijie.ErrInvalidRequest)
}

func TestNewClientSaysWhichFieldIsWrong(t *testing.T) {
	ok := signedConfig()
	ok.ServerURL = testSite
	for want, mutate := range map[string]func(*kingdee.Config){
		"AcctID":    func(c *kingdee.Config) { c.AcctID = "" },
		"UserName":  func(c *kingdee.Config) { c.UserName = " " },
		"AppID":     func(c *kingdee.Config) { c.AppID = "" },
		"AppSecret": func(c *kingdee.Config) { c.AppSecret = "" },
		"AppID: an": func(c *kingdee.Config) { c.AppID = "nounderscore" },
		"Password":  func(c *kingdee.Config) { c.Auth = kingdee.AuthValidateUser },
		"ServerURL": func(c *kingdee.Config) { c.ServerURL = "" },
		"comma":     func(c *kingdee.Config) { c.UserName = "a,b" },
		"Auth":      func(c *kingdee.Config) { c.Auth = 9 },
	} {
		cfg := ok
		mutate(&cfg)
		_, err := kingdee.NewClient(cfg)
		require.Error(t, err, want)
		assert.Contains(t, err.Error(), want)
		assert.NotContains(t, err.Error(), vecAppSecret)
	}
	_, err := kingdee.NewClient(ok)
	require.NoError(t, err)
}

func TestLoginBySignWireBytesAndSessionHeader(t *testing.T) {
	cfg := signedConfig()
	cfg.Auth = kingdee.AuthLoginBySign
	c, mt := newMockClient(t, cfg)
	var loginBody string
	mt.RegisterResponder("POST", testSite+"/"+kingdee.ServiceLoginBySign+".common.kdsvc", func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		loginBody = string(b)
		assert.Empty(t, r.Header.Get("X-Api-Signature"), "logins are not header-signed")
		resp := httpmock.NewStringResponse(200, `{"Message":null,"MessageCode":"CheckPasswordPolicy","LoginResultType":1,"KDSVCSessionId":"sid-1234567890","Context":{"SessionId":"sid-1234567890","UserId":1}}`)
		resp.Header.Add("Set-Cookie", "kdservice-sessionid=sid-1234567890; path=/; HttpOnly")
		resp.Header.Add("Set-Cookie", "ASP.NET_SessionId=asp-abcdef; path=/; HttpOnly")
		return resp, nil
	})
	got := record(mt, kingdee.ServiceSubmit, `{"Result":{"ResponseStatus":{"IsSuccess":true}}}`)
	_, err := c.Submit(context.Background(), &kingdee.BillAction{FormID: "F", IDs: []string{"1", "2"}})
	require.NoError(t, err)
	assert.Equal(t, `{"parameters":["`+vecAcctID+`","张三","`+vecAppID+`",1700000000,"`+vecLoginSHA256+`",2052]}`, loginBody)
	h := (*got)[0].header
	assert.Equal(t, "sid-1234567890", h.Get("kdservice-sessionid"))
	assert.Equal(t, "ASP.NET_SessionId=asp-abcdef; kdservice-sessionid=sid-1234567890", h.Get("Cookie"))
	assert.Empty(t, h.Get("X-Api-Signature"))
	assert.Equal(t, `{"formid":"F","data":{"CreateOrgId":0,"Numbers":[],"Ids":"1,2"}}`, (*got)[0].body)
}

func TestLoginFailureIsAnAuthError(t *testing.T) {
	cfg := signedConfig()
	cfg.Auth = kingdee.AuthLoginByAppSecret
	c, mt := newMockClient(t, cfg)
	var loginBody string
	mt.RegisterResponder("POST", testSite+"/"+kingdee.ServiceLoginByAppSecret+".common.kdsvc", func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		loginBody = string(b)
		return httpmock.NewStringResponse(200, `{"Message":"用户名或密码错误","LoginResultType":0}`), nil
	})
	err := c.Login(context.Background())
	assert.ErrorIs(t, err, duijie.ErrAuth)
	assert.Contains(t, err.Error(), "用户名或密码错误")
	assert.NotContains(t, err.Error(), vecAppSecret)
	assert.Equal(t, `{"parameters":["`+vecAcctID+`","张三","`+vecAppID+`","`+vecAppSecret+`",2052]}`, loginBody)
}

func TestValidateUserWireBytes(t *testing.T) {
	cfg := kingdee.Config{AcctID: "A1", UserName: "u", Password: "p@ss", Auth: kingdee.AuthValidateUser, LCID: 1033}
	c, mt := newMockClient(t, cfg)
	got := record(mt, kingdee.ServiceValidateUser, `{"LoginResultType":"1","KDSVCSessionId":"sid-validate-user-1"}`)
	require.NoError(t, c.Login(context.Background()))
	assert.Equal(t, `{"parameters":["A1","u","p@ss",1033]}`, (*got)[0].body)
}

func TestSessionLossReplaysReadsOnlyAndNeverSaves(t *testing.T) {
	cfg := signedConfig()
	cfg.Auth = kingdee.AuthLoginBySign
	c, mt := newMockClient(t, cfg)
	logins := 0
	mt.RegisterResponder("POST", testSite+"/"+kingdee.ServiceLoginBySign+".common.kdsvc", func(r *http.Request) (*http.Response, error) {
		logins++
		return httpmock.NewStringResponse(200, `{"LoginResultType":1,"KDSVCSessionId":"sid-number-`+strconv.Itoa(logins)+`"}`), nil
	})
	lost := `{"Result":{"ResponseStatus":{"ErrorCode":500,"IsSuccess":false,"Errors":[{"FieldName":null,"Message":"会话信息已丢失，请重新登录","DIndex":0}],"SuccessEntitys":[],"SuccessMessages":[],"MsgCode":1}}}`

	q := record(mt, kingdee.ServiceExecuteBillQuery, lost, `[["ok"]]`)
	page, err := c.ExecuteBillQuery(context.Background(), &kingdee.BillQuery{FormID: "F", FieldKeys: []string{"A"}})
	require.NoError(t, err)
	assert.Len(t, page.Items, 1)
	assert.Equal(t, 2, logins)
	assert.Equal(t, "sid-number-1", (*q)[0].header.Get("kdservice-sessionid"))
	assert.Equal(t, "sid-number-2", (*q)[1].header.Get("kdservice-sessionid"))

	// A submit is not replayed; the session is renewed for the next call.
	sub := record(mt, kingdee.ServiceSubmit, lost, `{"Result":{"ResponseStatus":{"IsSuccess":true}}}`)
	_, err = c.Submit(context.Background(), &kingdee.BillAction{FormID: "F", Numbers: []string{"A"}})
	assert.True(t, kingdee.IsSessionLost(err), "%v", err)
	assert.Len(t, *sub, 1)
	_, err = c.Submit(context.Background(), &kingdee.BillAction{FormID: "F", Numbers: []string{"A"}})
	require.NoError(t, err)
	assert.Equal(t, 3, logins)

	// A save with a number is looked up first, then sent again.
	save := record(mt, kingdee.ServiceSave, lost, okSave)
	lookup := record(mt, kingdee.ServiceExecuteBillQuery, `[]`)
	res, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: sampleBill("XSTH-1"), Options: fastSettle})
	require.NoError(t, err)
	assert.False(t, res.Existing)
	assert.Len(t, *save, 2)
	assert.Len(t, *lookup, 1)
	assert.Equal(t, 4, logins)

	// Without a number the save is not sent again.
	plain := record(mt, kingdee.ServiceDraft, lost, okSave)
	_, err = c.Draft(context.Background(), &kingdee.SaveRequest{FormID: "BD_MATERIAL", Model: map[string]any{"FName": "x"}})
	assert.True(t, kingdee.IsSessionLost(err))
	assert.Len(t, *plain, 1)
}

func TestSignedModeSessionLossMeansBadCredentials(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	lost := `{"Result":{"ResponseStatus":{"ErrorCode":500,"IsSuccess":false,"Errors":[{"Message":"会话信息已丢失，请重新登录"}],"MsgCode":1}}}`
	got := record(mt, kingdee.ServiceView, lost)
	_, err := c.View(context.Background(), &kingdee.ViewRequest{FormID: "F", Number: "N"})
	assert.ErrorIs(t, err, duijie.ErrAuth)
	assert.Len(t, *got, 2, "one fresh signed attempt after dropping the session, then the error")
}

func jsonMarshal(v any) ([]byte, error) { return jsonStd.Marshal(v) }

func jsonUnmarshal(b []byte, v any) error { return jsonStd.Unmarshal(b, v) }

var _ = errors.New

func TestBillQueryFullPageHasMore(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	record(mt, kingdee.ServiceExecuteBillQuery, `[["A"],["B"]]`)
	page, err := c.ExecuteBillQuery(context.Background(), &kingdee.BillQuery{FormID: "F", FieldKeys: []string{"FNumber"}, StartRow: 4, Limit: 2})
	require.NoError(t, err)
	assert.Len(t, page.Items, 2)
	assert.True(t, page.HasMore, "a full page may be followed by another")
	assert.Equal(t, 4, page.Number)
	assert.Equal(t, 2, page.Size)
	assert.Equal(t, -1, page.Total)
}

func TestViewResponse(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	got := record(mt, kingdee.ServiceView,
		`{"Result":{"ResponseStatus":{"IsSuccess":true},"Result":{"BillNo":"XSTH-1","DocumentStatus":"C"}}}`,
		`{"Result":{"ResponseStatus":{"IsSuccess":true},"Result":null}}`)
	res, err := c.View(context.Background(), &kingdee.ViewRequest{FormID: "SAL_RETURNSTOCK", Number: "XSTH-1", IsSortBySeq: true})
	require.NoError(t, err)
	assert.Equal(t, `{"formid":"SAL_RETURNSTOCK","data":{"CreateOrgId":0,"Number":"XSTH-1","Id":"","IsSortBySeq":"true"}}`, (*got)[0].body)
	assert.JSONEq(t, `{"BillNo":"XSTH-1","DocumentStatus":"C"}`, string(res.Bill))
	var bill struct{ BillNo, DocumentStatus string }
	require.NoError(t, res.Decode(&bill))
	assert.Equal(t, "C", bill.DocumentStatus)
	assert.Error(t, res.Decode(&[]int{}))

	_, err = c.View(context.Background(), &kingdee.ViewRequest{FormID: "SAL_RETURNSTOCK", Number: "XSTH-2"})
	assert.ErrorIs(t, err, duijie.ErrNotFound, "an answer without a bill")
	_, err = c.View(context.Background(), nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
}

func TestSaveSalReturnsNeedsARequest(t *testing.T) {
	c, _ := newMockClient(t, signedConfig())
	_, err := c.SaveSalReturns(context.Background(), nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	_, err = c.SaveSalReturns(context.Background(), &kingdee.SaveSalReturnsRequest{})
	var ve *duijie.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Models", ve.Field, "BatchSave's field names")
}
