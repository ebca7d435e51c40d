package wangdiantong

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/transport"
)

func FuzzSignQimen(f *testing.F) {
	f.Add("method", "wdt.trade.push", "secret", "md5")
	f.Add("buyer_nick", "张三😀", "", "hmac")
	f.Add("", "", "k", "hmac-sha256")
	f.Fuzz(func(t *testing.T, k, v, secret, method string) {
		m := SignMethod(method)
		a := SignQimen(map[string]string{k: v, "app_key": "1"}, secret, m)
		switch m {
		case SignMD5, SignHMAC:
			if len(a) != 32 {
				t.Fatalf("%s sign %q", m, a)
			}
		case SignHMACSHA256:
			if len(a) != 64 {
				t.Fatalf("%s sign %q", m, a)
			}
		default:
			if a != "" {
				t.Fatalf("unknown method signed: %q", a)
			}
			return
		}
		if a != strings.ToUpper(a) {
			t.Fatal("sign is not upper-case hex")
		}
		if k == "" || v == "" || k == "sign" {
			// Skipped entries do not change the sign.
			if a != SignQimen(map[string]string{"app_key": "1"}, secret, m) {
				t.Fatal("an empty or sign entry changed the sign")
			}
		}
	})
}

// FuzzDecodeAnswers runs every list decoder over arbitrary answers: no
// panic, and an accepted answer always has a business part.
func FuzzDecodeAnswers(f *testing.F) {
	f.Add([]byte(`{"code":0,"message":"","total_count":"2","stockin_list":[{"stockin_no":"A","details_list":[{"num":"1.5","created":"0000-00-00 00:00:00"}]}]}`))
	f.Add([]byte(`{"code":"0","trades":[{"trade_no":1,"goods_list":null}],"stocks":"","shoplist":[{}]}`))
	f.Add([]byte(`{"response":{"flag":"success","code":0,"total_count":1,"warehouses":[{"warehouse_no":"W"}]}}`))
	f.Add([]byte(`{"code":0,"errors":[{"rec_id":2,"error":"x"}],"new_count":"3"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, route := range []Route{RouteOpenAPI, RouteQimen} {
			r := &transport.Result[envelope]{StatusCode: 200, Body: body}
			if classifier(route)(r) != nil {
				continue
			}
			env := r.Envelope
			var ans map[string]json.RawMessage
			if err := json.Unmarshal(env.business, &ans); err != nil {
				t.Fatalf("accepted business part is not an object: %q", env.business)
			}
			for k, want := range ans {
				if got, ok, err := env.member(k); err != nil || !ok || !bytes.Equal(got, want) {
					t.Fatalf("member %q is %q (%v, %v), a decode into a map gives %q", k, got, ok, err, want)
				}
			}
			_, _ = decodePage[RefundStockin](env, "stockin_list")
			_, _ = decodePage[ERPTrade](env, "trades")
			_, _ = decodePage[Stock](env, "stocks")
			_, _ = decodePage[Shop](env, "shoplist")
			_, _ = decodePage[Warehouse](env, "warehouses")
			_, _ = decodePage[LogisticsSync](env, "trades")
		}
	})
}

func FuzzParseTradeErrors(f *testing.F) {
	f.Add(`[{"tid":"T1","error":"货品不存在"}]`)
	f.Add(`[{"tid":123,"error":""}]`)
	f.Add(`店铺不存在`)
	f.Fuzz(func(t *testing.T, msg string) {
		rows, ok := parseTradeErrors(msg)
		if ok && len(rows) == 0 {
			t.Fatal("per-trade errors without rows")
		}
		for _, r := range rows {
			if r.msg == "" {
				t.Fatal("a refused trade without a reason")
			}
		}
	})
}

func FuzzASCIIJSON(f *testing.F) {
	f.Add(`{"a":"张三😀","b":"\u003c"}`, true)
	f.Add(`"x"`, false)
	f.Fuzz(func(t *testing.T, s string, keep bool) {
		b, err := json.Marshal(s)
		if err != nil {
			return
		}
		out := asciiJSON(b, keep)
		for _, c := range out {
			if c >= 0x80 {
				t.Fatalf("non-ASCII byte in %q", out)
			}
		}
		var back string
		if err := json.Unmarshal([]byte(out), &back); err != nil {
			t.Fatalf("escaped JSON does not decode: %v", err)
		}
		var want string
		_ = json.Unmarshal(b, &want) // what json.Marshal made of s
		if !keep {
			want = strings.Map(func(r rune) rune {
				if r > 0xFFFF {
					return -1
				}
				return r
			}, want)
		}
		if back != want || !utf8.ValidString(back) {
			t.Fatalf("round trip %q -> %q, want %q", s, back, want)
		}
	})
}

// FuzzMapAndStructParamsAgree: a map[string]any given to Call travels as a
// url-tagged struct with the same values does.
func FuzzMapAndStructParamsAgree(f *testing.F) {
	f.Add("S1", int64(0), true, "张三😀", int64(1700000000))
	f.Add("", int64(-3), false, "", int64(0))
	f.Fuzz(func(t *testing.T, s string, n int64, b bool, listItem string, unix int64) {
		if !utf8.ValidString(s) || !utf8.ValidString(listItem) {
			return
		}
		at := time.Unix(unix%(1<<34), 0)
		type params struct {
			S    string      `url:"s"`
			N    int64       `url:"n"`
			B    bool        `url:"b,int"`
			List JSON        `url:"list"`
			At   duijie.Time `url:"at"`
		}
		st, err := encode(params{S: s, N: n, B: b, List: JSON{Value: []string{listItem}}, At: duijie.NewTime(at)})
		if err != nil {
			t.Fatal(err)
		}
		mp, err := mapValues(map[string]any{"s": s, "n": n, "b": b, "list": []string{listItem}, "at": at}, false)
		if err != nil {
			t.Fatal(err)
		}
		a, errA := formFields(st)
		m, errM := formFields(mp)
		if errA != nil || errM != nil {
			t.Fatal(errA, errM)
		}
		sortPairs(a)
		sortPairs(m)
		if !slices.Equal(a, m) {
			t.Fatalf("struct %v, map %v", a, m)
		}
	})
}
