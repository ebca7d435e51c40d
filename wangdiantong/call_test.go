package wangdiantong

import (
	"context"
	"syscall"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

func TestCallRefusesBadRequestsBeforeSending(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	ctx := context.Background()
	cases := []struct {
		name  string
		req   *CallRequest
		field string
	}{
		{"nil request", nil, "CallRequest"},
		{"no method", &CallRequest{}, "method"},
		{"a path, not a name", &CallRequest{Method: "../x.php"}, "method"},
		{"a query string", &CallRequest{Method: "x.php?a=1"}, "method"},
		{"sid is the client's", &CallRequest{Method: "x.php", Params: map[string]any{"sid": "other"}}, "params.sid"},
		{"sign is the client's", &CallRequest{Method: "x.php", Params: map[string]string{"sign": "x"}}, "params.sign"},
		{"not an object", &CallRequest{Method: "x.php", Params: []string{"a"}}, "params"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := c.Call(ctx, tc.req, nil)
			var ve *duijie.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
		})
	}
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestCallStructParamsTravelAsTheMapWould(t *testing.T) {
	type goodsQuery struct {
		SpecNo   string  `url:"spec_no"`
		PageNo   int     `url:"page_no"`
		Flag     bool    `url:"flag,int"`
		Off      bool    `url:"off,int"`
		Amount   string  `url:"amount"`
		Skip     string  `url:"skip"`
		Nil      *int    `url:"nil"`
		List     JSON    `url:"list"`
		Decimals float64 `url:"decimals"`
	}
	c, mt := newTestClient(t, openCfg)
	got := rawBody(mt, testBase+"/goods_query.php", `{"code":0,"message":""}`)
	require.NoError(t, c.Call(context.Background(), &CallRequest{Method: "goods_query.php", Params: goodsQuery{
		SpecNo: "S1", Flag: true, Amount: "1.50", List: JSON{Value: []string{"a", "é"}}, Decimals: 2.5,
	}}, nil))
	assert.Equal(t, signedBody(map[string]string{"spec_no": "S1", "page_no": "0", "flag": "1", "off": "0",
		"amount": "1.50", "list": `["a","\u00e9"]`, "decimals": "2.5"}), (*got)[0])
}

func TestCallNamesTheMethodOnTheClientsRoute(t *testing.T) {
	c, mt := newTestClient(t, Config{SID: "s", Route: RouteQimen, Qimen: QimenConfig{AppKey: "k", AppSecret: "qs"}})
	form := capture(mt, testBase, `{"response":{"flag":"success","code":0,"message":"","goods_list":[]}}`)
	require.NoError(t, c.Call(context.Background(), &CallRequest{Method: "wdt.goods.query", Params: map[string]any{"spec_no": "S1"}, SafeToReplay: true}, nil))
	assert.Equal(t, "wdt.goods.query", form.Get("method"))
	assert.Equal(t, "S1", form.Get("spec_no"))
}

func TestCallReplaysOnlyWhenSafeToReplay(t *testing.T) {
	for _, safe := range []bool{false, true} {
		c, mt := newTestClient(t, openCfg)
		mt.RegisterResponder("POST", testBase+"/x.php", httpmock.NewErrorResponder(syscall.ECONNRESET))
		err := c.Call(context.Background(), &CallRequest{Method: "x.php", SafeToReplay: safe}, nil)
		require.Error(t, err)
		assert.True(t, duijie.MayHaveArrived(err))
		if safe {
			assert.Greater(t, mt.GetTotalCallCount(), 1, "a call safe to replay is retried after a reset")
		} else {
			assert.Equal(t, 1, mt.GetTotalCallCount(), "a raw write is sent once by default")
		}
	}
}
