package wangdiantong

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/duijie/duijie"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPushTradesOutcomePerMode pins what each trade's outcome is when the
// ERP refuses some trades of a call: the named ones are refused; the others
// follow the mode sent in switch and the counts the answer carries. No
// trade the answer does not account for is ever reported created.
func TestPushTradesOutcomePerMode(t *testing.T) {
	const refusal = `"message":"[{\"tid\":\"T2\",\"error\":\"货品不存在\"}]"`
	saved := TradePushResult{OK: true}
	notSaved := TradePushResult{Error: notSavedStrict}
	unknown := TradePushResult{OutcomeUnknown: true, Error: unaccounted}
	cases := []struct {
		name    string
		strict  bool
		answer  string
		rest    TradePushResult // T1 and T3, which the refusal does not name
		unknown []int
	}{
		{"strict: the refusal refuses the call", true, `{"code":2830,` + refusal + `,"new_count":0,"chg_count":0}`, notSaved, nil},
		{"strict without counts", true, `{"code":2830,` + refusal + `}`, notSaved, nil},
		{"strict, yet trades counted", true, `{"code":2830,` + refusal + `,"new_count":1,"chg_count":1}`,
			TradePushResult{OutcomeUnknown: true, Error: strictButCounts}, []int{0, 2}},
		{"non-strict: counts account for the others", false, `{"code":2830,` + refusal + `,"new_count":1,"chg_count":"1"}`, saved, nil},
		{"non-strict: counts short", false, `{"code":2830,` + refusal + `,"new_count":1,"chg_count":0}`, unknown, []int{0, 2}},
		{"non-strict: no counts", false, `{"code":2830,` + refusal + `}`, unknown, []int{0, 2}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t, openCfg)
			form := capture(mt, testBase+"/trade_push.php", tc.answer)
			res, err := c.PushTrades(context.Background(), &TradePushRequest{ShopNo: "s", Strict: tc.strict,
				Trades: []Trade{sampleTrade("T1"), sampleTrade("T2"), sampleTrade("T3")}})
			mode := "0"
			if tc.strict {
				mode = "1"
			}
			assert.Equal(t, mode, form.Get("switch"))
			var be *duijie.BatchError
			require.ErrorAs(t, err, &be)
			require.Len(t, res.Results, 3)
			for _, i := range []int{0, 2} {
				want := tc.rest
				want.Index, want.Tid = i, res.Results[i].Tid
				assert.Equal(t, want, res.Results[i], "trade %d", i)
			}
			assert.Equal(t, TradePushResult{Index: 1, Tid: "T2", Error: "货品不存在"}, res.Results[1])
			assert.Equal(t, tc.unknown, be.UnknownIndexes())
			if tc.rest.OK {
				assert.Equal(t, []int{1}, be.FailedIndexes())
			} else {
				assert.Equal(t, []int{0, 1, 2}, be.FailedIndexes(), "every trade not reported saved is in the error")
			}
			assert.Equal(t, 1, mt.GetTotalCallCount())
		})
	}
}

func TestPushTradesAllAcceptedIsSentAsNonStrict(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	form := capture(mt, testBase+"/trade_push.php", `{"code":0,"message":"","new_count":2,"chg_count":0}`)
	res, err := c.PushTrades(context.Background(), &TradePushRequest{ShopNo: "s", Trades: []Trade{sampleTrade("T1"), sampleTrade("T2")}})
	require.NoError(t, err)
	assert.Equal(t, "0", form.Get("switch"))
	assert.Equal(t, []TradePushResult{{Index: 0, Tid: "T1", OK: true}, {Index: 1, Tid: "T2", OK: true}}, res.Results)
}

func TestPushTradesQimenSendsSwitch(t *testing.T) {
	cfg := Config{SID: "test2", AppKey: "test2-xx", Route: RouteQimen, Qimen: QimenConfig{AppKey: "qk", AppSecret: "qs", SignMethod: SignMD5}}
	c, mt := newTestClient(t, cfg)
	form := capture(mt, testBase, `{"response":{"flag":"success","code":0,"new_count":1,"chg_count":0}}`)
	_, err := c.PushTrades(context.Background(), &TradePushRequest{ShopNo: "s", Strict: true, Trades: []Trade{sampleTrade("T1")}})
	require.NoError(t, err)
	assert.Equal(t, "1", form.Get("switch"))
}

// TestTradeZeroEnumsAndFlagsAreSent pushes a trade that clears its flags and
// invoice: every enum and flag whose 0 is a value reaches the wire, where
// leaving it out would let an update keep the earlier value.
func TestTradeZeroEnumsAndFlagsAreSent(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	form := capture(mt, testBase+"/trade_push.php", `{"code":0,"message":"","new_count":0,"chg_count":1}`)
	tr := sampleTrade("T1")
	_, err := c.PushTrades(context.Background(), &TradePushRequest{ShopNo: "s", Trades: []Trade{tr}})
	require.NoError(t, err)
	var sent []map[string]any
	require.NoError(t, json.Unmarshal([]byte(form.Get("trade_list")), &sent))
	require.Len(t, sent, 1)
	for _, k := range []string{"trade_status", "pay_status", "delivery_term", "fenxiao_type", "invoice_kind", "remark_flag", "seller_flag", "is_auto_wms"} {
		assert.Contains(t, sent[0], k, "%s is sent even when 0", k)
	}
	for _, k := range []string{"status", "refund_status"} {
		assert.Equal(t, float64(0), sent[0]["order_list"].([]any)[0].(map[string]any)[k], "order_list[0].%s", k)
	}
	assert.NotContains(t, sent[0], "logistics_type", "0 leaves the logistics choice to the ERP")
	assert.Equal(t, float64(0), sent[0]["remark_flag"])
}
