package wangdiantong

import (
	"context"
	"net/url"
	"testing"

	"github.com/google/go-querystring/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

func TestJSONParamIsASCIIJSON(t *testing.T) {
	type params struct {
		List  JSON `url:"list"`
		Kept  JSON `url:"kept"`
		Empty JSON `url:"empty"`
	}
	v, err := query.Values(params{
		List: JSON{Value: []map[string]string{{"name": "张三😀", "memo": "a&b<c>"}}},
		Kept: JSON{Value: "张😀", KeepEmoji: true},
	})
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"list": {`[{"memo":"a\u0026b\u003cc\u003e","name":"\u5f20\u4e09"}]`},
		"kept": {`"\u5f20\ud83d\ude00"`},
	}, v, "a nil Value is left out")
	_, err = query.Values(params{List: JSON{Value: make(chan int)}})
	assert.Error(t, err)
}

func TestTypedParamsSendZeroFlagsAndLeaveEmptyFiltersOut(t *testing.T) {
	v, err := encode(logisticsSyncParams{ShopNo: "s", Limit: 100})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"shop_no": {"s"}, "limit": {"100"}, "is_part_sync_able": {"0"}}, v)
	v, err = encode(tradePushParams{ShopNo: "s", TradeList: JSON{Value: []int{1}}})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"shop_no": {"s"}, "switch": {"0"}, "trade_list": {"[1]"}}, v)
	v, err = encode(tradeQueryParams{})
	require.NoError(t, err)
	assert.Empty(t, v, "zero times, status 0 and empty numbers are not sent")
}

func TestCallParamsForms(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	got := rawBody(mt, testBase+"/goods_query.php", `{"code":0,"message":""}`)
	ctx := context.Background()
	type withPointer struct {
		SpecNo string      `url:"spec_no"`
		Start  duijie.Time `url:"start_time"`
	}
	for _, p := range []any{
		url.Values{"spec_no": {"S1"}, "empty": {""}},
		map[string]string{"spec_no": "S1", "empty": ""},
		map[string]any{"spec_no": "S1", "empty": ""},
		&withPointer{SpecNo: "S1"},
	} {
		require.NoError(t, c.Call(ctx, &CallRequest{Method: "goods_query.php", Params: p}, nil))
	}
	require.Len(t, *got, 4)
	for _, b := range *got {
		assert.Equal(t, signedBody(map[string]string{"spec_no": "S1"}), b)
	}

	type repeated struct {
		SpecNos []string `url:"spec_no"`
	}
	type system struct {
		Sign string `url:"sign"`
	}
	for _, tc := range []struct {
		params any
		field  string
	}{
		{url.Values{"spec_no": {"a", "b"}}, "spec_no"},
		{repeated{SpecNos: []string{"a", "b"}}, "spec_no"},
		{system{Sign: "x"}, "params.sign"},
		{42, "params"},
	} {
		err := c.Call(ctx, &CallRequest{Method: "goods_query.php", Params: tc.params}, nil)
		var ve *duijie.ValidationError
		require.ErrorAs(t, err, &ve, "%#v", tc.params)
		assert.Equal(t, tc.field, ve.Field)
	}
	assert.Len(t, *got, 4, "refused before sending")
}
