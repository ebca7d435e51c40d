package yihua

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/google/go-querystring/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

// The ordered form writer writes every value go-querystring makes of the
// typed parameter structs, in field order, and nothing else.
func TestFormKeysCoverTheTypedParameters(t *testing.T) {
	for _, part := range []any{credentials{}, &transferParams{}} {
		vs, err := query.Values(part)
		require.NoError(t, err)
		var got []string
		for k := range vs {
			got = append(got, k)
		}
		keys := formKeys(reflect.TypeOf(part))
		sorted := append([]string(nil), keys...)
		sort.Strings(sorted)
		sort.Strings(got)
		assert.Equal(t, got, sorted, "%T", part)
	}
	assert.Equal(t, []string{"PlatformID", "UserAccessToken", "UID"}, formKeys(reflect.TypeFor[credentials]()))
	assert.Equal(t, []string{"MasterXml", "DetailXml", "PayXml", "TH", "Audit", "StoredProcedureName"}, formKeys(reflect.TypeFor[*transferParams]()))
	assert.Equal(t, []string{"a", "B"}, formKeys(reflect.TypeFor[struct {
		A string `url:"a,omitempty"`
		B int
		C string `url:"-"`
		d string
	}]()))
}

func formClient(t *testing.T) (*Client, func() string) {
	t.Helper()
	cfg := testConfig
	cfg.Encoding = BodyForm
	c, mt := newTestClient(t, cfg)
	var body, ct string
	recordBody(t, mt, testBase+ServicePath+"QueryStock", &body, &ct)
	return c, func() string { return body }
}

// A struct in a form is written by go-querystring: url tags name the
// parameters, the core's values write themselves, a zero Time is left out.
func TestCallStructParamsInAForm(t *testing.T) {
	c, body := formClient(t)
	at := duijie.Time{Time: time.Date(2020, 3, 23, 15, 54, 17, 0, duijie.CST())}
	type query struct {
		GoodsID string        `url:"goods_id" json:"goods"`
		Qty     duijie.Amount `url:"qty"`
		At      duijie.Time   `url:"at"`
		Since   duijie.Time   `url:"since"`
		Day     duijie.Date   `url:"day"`
		N       duijie.Int64  `url:"n"`
		Page    int
		On      bool   `url:"on,int"`
		Skip    string `url:"-"`
		UID     string
	}
	day, err := duijie.ParseDate("2020-03-23")
	require.NoError(t, err)
	q := &query{GoodsID: "g<1>&", Qty: amt("1.50"), At: at, Day: day, N: 6647762366539116544, Page: 2, On: true, Skip: "x", UID: "owner"}
	require.NoError(t, c.Call(context.Background(), &CallRequest{Method: "QueryStock", Params: q}, nil))
	assert.Equal(t, "PlatformID=YHDT001&UserAccessToken=tok-secret-1&UID=owner"+
		"&Page=2&at=2020-03-23+15%3A54%3A17&day=2020-03-23&goods_id=g%3C1%3E%26&n=6647762366539116544&on=1&qty=1.5", body())

	require.NoError(t, c.Call(context.Background(), &CallRequest{Method: "QueryStock", Params: (*query)(nil)}, nil))
	assert.Equal(t, "PlatformID=YHDT001&UserAccessToken=tok-secret-1&UID=u1", body(), "a nil pointer is no parameters")
}

// A map[string]any in a form: each value as go-querystring writes a field
// of its type; values that are not one exact text are refused.
func TestCallMapParamsInAForm(t *testing.T) {
	c, body := formClient(t)
	at := duijie.Time{Time: time.Date(2020, 3, 23, 15, 54, 17, 0, duijie.CST())}
	require.NoError(t, c.Call(context.Background(), &CallRequest{Method: "QueryStock", Params: map[string]any{
		"At": at, "Zero": duijie.Time{}, "Num": json.Number("12.50"), "N": duijie.Int64(7), "U": uint8(3),
		"Ptr": (*string)(nil), "Proc": ProcedureRetail, "Std": time.Date(2020, 3, 23, 7, 54, 17, 0, time.UTC),
	}}, nil))
	assert.Equal(t, "PlatformID=YHDT001&UserAccessToken=tok-secret-1&UID=u1"+
		"&At=2020-03-23+15%3A54%3A17&N=7&Num=12.50&Proc=UP_TradeTransferToRetail&Ptr=&Std=2020-03-23T07%3A54%3A17Z&U=3", body())

	for name, v := range map[string]any{
		"float":  1e8,
		"float*": new(float32),
		"slice":  []string{"a", "b"},
		"map":    map[string]string{"a": "b"},
		"struct": struct{ A string }{"a"},
		"func":   func() {},
		"chan":   make(chan int),
		"cplx":   complex(1, 2),
		"nil *":  (*duijie.Amount)(nil),
	} {
		err := c.Call(context.Background(), &CallRequest{Method: "QueryStock", Params: map[string]any{"Bad": v}}, nil)
		var ve *duijie.ValidationError
		require.True(t, errors.As(err, &ve), "%s: %v", name, err)
		assert.Equal(t, "params.Bad", ve.Field, name)
		assert.Equal(t, duijie.RuleFormat, ve.Rule, name)
	}
	for range 20 {
		err := c.Call(context.Background(), &CallRequest{Method: "QueryStock", Params: map[string]any{"b": 1.5, "a": []int{1}, "c": 2.5}}, nil)
		var ve *duijie.ValidationError
		require.True(t, errors.As(err, &ve))
		assert.Equal(t, "params.a", ve.Field, "the first bad name in order, every time")
	}
}

// Floats in a struct sent as a form are refused by the name go-querystring
// gives them; more than one value per name too.
func TestCallStructParamsRefusedInAForm(t *testing.T) {
	c, body := formClient(t)
	type Inner struct {
		Rate float64 `url:"rate"`
	}
	type embedded struct {
		Price float32
	}
	for want, params := range map[string]any{
		"params.Qty": struct{ Qty float64 }{1.5},
		"params.qty": &struct {
			Qty *float64 `url:"qty"`
		}{Qty: new(float64)},
		"params.inner[rate]": struct {
			In Inner `url:"inner"`
		}{},
		"params.Price":           struct{ embedded }{},
		"params.Any":             struct{ Any any }{Any: 2.5},
		"params.List":            struct{ List []float64 }{List: []float64{1}},
		"params.Tags":            struct{ Tags []string }{Tags: []string{"a", "b"}},
		"params":                 []int{1},
		"params.UID":             struct{ UID string }{},
		"params.PlatformID":      struct{ PlatformID string }{"x"},
		"params.UserAccessToken": url.Values{"UserAccessToken": {"x"}},
	} {
		err := c.Call(context.Background(), &CallRequest{Method: "QueryStock", Params: params}, nil)
		var ve *duijie.ValidationError
		require.True(t, errors.As(err, &ve), "%s: %v", want, err)
		assert.Equal(t, want, ve.Field)
	}
	assert.Empty(t, body(), "nothing refused is sent")
	// Encoders and times are exact, a nil pointer to a plain struct writes
	// nothing, and omitempty leaves a nil *Amount out.
	name, why := formTrap(reflect.ValueOf(struct {
		A duijie.Amount
		T time.Time
		P *struct{ F float64 }
		Q *duijie.Amount `url:"q,omitempty"`
		Z float64        `url:"z,omitempty"`
	}{}), "")
	assert.Empty(t, name)
	assert.Empty(t, why)
}

// BodyJSON keeps writing what encoding/json writes: floats as numbers,
// nested values as JSON, structs by their json tags.
func TestCallParamsInJSON(t *testing.T) {
	c, mt := newTestClient(t, testConfig)
	var body, ct string
	recordBody(t, mt, testBase+ServicePath+"QueryStock", &body, &ct)
	require.NoError(t, c.Call(context.Background(), &CallRequest{Method: "QueryStock", Params: map[string]any{
		"F": 1e8, "L": []string{"a"}, "M": map[string]int{"x": 1}, "Nil": nil}}, nil))
	assert.Equal(t, `{"PlatformID":"YHDT001","UserAccessToken":"tok-secret-1","UID":"u1","F":100000000,"L":["a"],"M":{"x":1},"Nil":null}`, body)
	require.NoError(t, c.Call(context.Background(), &CallRequest{Method: "QueryStock", Params: struct {
		G string `json:"goods" url:"g"`
	}{"<&>"}}, nil))
	assert.Equal(t, `{"PlatformID":"YHDT001","UserAccessToken":"tok-secret-1","UID":"u1","goods":"<&>"}`, body)
	require.NoError(t, c.Call(context.Background(), &CallRequest{Method: "QueryStock"}, nil))
	assert.Equal(t, `{"PlatformID":"YHDT001","UserAccessToken":"tok-secret-1","UID":"u1"}`, body)
}
