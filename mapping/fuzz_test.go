package mapping

import (
	"strings"
	"testing"
	"time"
)

func FuzzParseCallbackOrders(f *testing.F) {
	f.Add([]byte(callbackJSON))
	f.Add([]byte(`[{"tid":1,"order_list":[{"num":"1","spec_no":"x"}],"trade_time":1709258400}]`))
	f.Add([]byte(`{"content":[{"tid":"A","paid":null}]}`))
	f.Add([]byte(`{"tid":"A","pay_time":"0000-00-00 00:00:00"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		orders, err := ParseCallbackOrders(body)
		if err != nil {
			return
		}
		for i := range orders {
			st, err := CallbackToTrade(&orders[i], TradePushOptions{ShopNo: "S", Goods: Codes{"x": "X"}})
			if err != nil {
				continue
			}
			if st.Trade.Tid != string(orders[i].Tid) || len(st.Trade.Orders) != len(orders[i].Lines) {
				t.Fatalf("trade %+v does not carry order %+v", st.Trade, orders[i])
			}
			for _, o := range st.Trade.Orders {
				if o.Oid == "" {
					t.Fatal("a line went out without an oid")
				}
			}
		}
	})
}

func FuzzSearch(f *testing.F) {
	f.Add("荣耀 256", "RY")
	f.Add("ＳＰ", "sp0")
	f.Add("\u3000", "")
	f.Fuzz(func(t *testing.T, name, query string) {
		tb, err := NewTable(KindGoods, nil, []Item{{Code: "SP001", Name: name, Mnemonic: "RY"}, {Code: "SP002", Name: "荣耀X50"}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := tb.Search(query, 0)
		if strings.TrimSpace(fold(query)) == "" && got != nil {
			t.Fatalf("empty query matched %v", got)
		}
		for i := 1; i < len(got); i++ {
			if got[i].By < got[i-1].By {
				t.Fatalf("results out of rank: %v", got)
			}
		}
	})
}

func FuzzPlan(f *testing.F) {
	f.Add(int64(0), int64(3600), int64(60), int64(600), int64(30))
	f.Add(int64(1709222400), int64(86400*40), int64(0), int64(86400*30), int64(0))
	f.Fuzz(func(t *testing.T, last, span, lag, maxw, overlap int64) {
		if span < 0 || span > 1e8 || lag < 0 || lag > 1e6 || maxw <= 0 || maxw > 1e8 || overlap < 0 || overlap >= maxw {
			return
		}
		if span/maxw > 10000 {
			return
		}
		p := SyncPolicy{Lag: time.Duration(lag) * time.Second, MaxWindow: time.Duration(maxw) * time.Second, Overlap: time.Duration(overlap) * time.Second}
		from := time.Unix(last, 0)
		now := from.Add(time.Duration(span) * time.Second)
		ws := p.Plan(from, now)
		end := now.Add(-p.Lag)
		if !end.After(from) {
			if ws != nil {
				t.Fatalf("windows %v with nothing to read", ws)
			}
			return
		}
		if len(ws) == 0 || !ws[0].From.Equal(from.Add(-p.Overlap)) || !ws[len(ws)-1].To.Equal(end) {
			t.Fatalf("windows %v do not cover [%v, %v)", ws, from.Add(-p.Overlap), end)
		}
		for i, w := range ws {
			if w.Duration() <= 0 || w.Duration() > p.MaxWindow || (i > 0 && !w.From.Equal(ws[i-1].To)) {
				t.Fatalf("window %d = %v breaks the plan", i, w)
			}
		}
	})
}
