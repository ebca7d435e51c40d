package wangdiantong

import (
	"net/url"
	"reflect"
	"testing"
)

func FuzzAppendFormIsValuesEncode(f *testing.F) {
	f.Add("trade_list", `[{"tid":"T 1","a":"张&=+%/?~._-"}]`, "sid", "x y")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		if k1 == k2 {
			return
		}
		ps := []kv{{k1, v1}, {k2, v2}}
		sortPairs(ps)
		want := url.Values{k1: {v1}, k2: {v2}}.Encode()
		if got := string(appendForm(nil, ps)); got != want {
			t.Fatalf("appendForm %q, url.Values.Encode %q", got, want)
		}
	})
}

func TestTradePushValuesAreTheParamsStruct(t *testing.T) {
	trades := []Trade{{Tid: "T1", ReceiverName: "张三😀"}}
	for _, mode := range []int{0, 1} {
		for _, keep := range []bool{false, true} {
			want, err := encode(tradePushParams{ShopNo: "s", Switch: mode, TradeList: JSON{Value: trades, KeepEmoji: keep}})
			if err != nil {
				t.Fatal(err)
			}
			got, err := tradePushValues("s", mode, trades, keep)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("%v %v: %v", got, want, err)
			}
		}
	}
}
