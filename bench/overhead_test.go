package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
	"github.com/duijie/duijie/yihua"
	"github.com/duijie/duijie/yihua/yihuatest"
)

// recorder keeps the last request the SDK sent, so the bare call can send
// the same bytes.
type recorder struct {
	mu     sync.Mutex
	method string
	url    string
	header http.Header
	body   []byte
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	b, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	r.method, r.url, r.header, r.body = req.Method, req.URL.String(), req.Header.Clone(), b
	r.mu.Unlock()
	req.Body = io.NopCloser(bytes.NewReader(b))
	return http.DefaultTransport.RoundTrip(req)
}

// bare sends the recorded request with net/http and decodes the answer
// with encoding/json into an any, as a quick hand-written client would.
func bare(b *testing.B, rec *recorder) {
	bareTyped(b, rec, func() any { return new(any) })
}

// bareTyped is bare decoding into what target returns, for comparing with
// an SDK that decodes into typed values.
func bareTyped(b *testing.B, rec *recorder, target func() any) {
	hc := &http.Client{}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		body := post(b, hc, rec, bytes.NewReader(rec.body))
		if err := json.Unmarshal(body, target()); err != nil {
			b.Fatal(err)
		}
	}
}

// bareForm is bare for a form-posted write: each call also builds its body
// as a hand-written client must, by encoding the payload with
// encoding/json, signing and form-encoding, through rebuild, which fills
// the payload and sign into the parameters the SDK sent.
func bareForm(b *testing.B, rec *recorder, rebuild func(params map[string]string) error) {
	sent, err := url.ParseQuery(string(rec.body))
	if err != nil {
		b.Fatal(err)
	}
	hc := &http.Client{}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		params := make(map[string]string, len(sent))
		for k, v := range sent {
			params[k] = v[0]
		}
		delete(params, "sign")
		if err := rebuild(params); err != nil {
			b.Fatal(err)
		}
		form := url.Values{}
		for k, v := range params {
			form.Set(k, v)
		}
		body := post(b, hc, rec, strings.NewReader(form.Encode()))
		var v struct {
			Status  *int `json:"status"`
			Code    *int `json:"code"`
			Message string
		}
		if err := json.Unmarshal(body, &v); err != nil {
			b.Fatal(err)
		}
		if (v.Status != nil && *v.Status != 0) || (v.Code != nil && *v.Code != 0) {
			b.Fatalf("refused: %s", body)
		}
	}
}

// post sends body to the recorded URL with the recorded headers and
// returns the answer's body.
func post(b *testing.B, hc *http.Client, rec *recorder, body io.Reader) []byte {
	req, err := http.NewRequest(rec.method, rec.url, body)
	if err != nil {
		b.Fatal(err)
	}
	req.Header = rec.header.Clone()
	resp, err := hc.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		b.Fatal(err)
	}
	return answer
}

// BenchmarkOverhead compares one typical call per vendor through the SDK
// with the same bytes sent bare, against the same in-process fake.
func BenchmarkOverhead(b *testing.B) {
	b.Run("wangdiantong_trade_push_50", func(b *testing.B) {
		srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
		defer srv.Close()
		rec := &recorder{}
		now := time.Now()
		c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()),
			duijie.WithHTTPClient(&http.Client{Transport: rec}), duijie.WithRateLimit(),
			duijie.WithClock(func() time.Time { return now }))
		if err != nil {
			b.Fatal(err)
		}
		req := &wangdiantong.TradePushRequest{ShopNo: "shop", Trades: wdtTrades(50)}
		call := func() {
			if _, err := c.PushTrades(context.Background(), req); err != nil {
				b.Fatal(err)
			}
		}
		call()
		b.Run("sdk", func(b *testing.B) { loop(b, call) })
		b.Run("bare", func(b *testing.B) { bare(b, rec) })
		secret := srv.Config().AppSecret.Reveal()
		b.Run("bare_built", func(b *testing.B) {
			bareForm(b, rec, func(params map[string]string) error {
				trades, err := json.Marshal(req.Trades)
				params["trade_list"] = string(trades)
				params["sign"] = wangdiantong.SignOpenAPI(params, secret)
				return err
			})
		})
	})
	b.Run("yihua_transfer", func(b *testing.B) {
		srv := yihuatest.NewServer()
		defer srv.Close()
		rec := &recorder{}
		c, err := yihua.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithHTTPClient(&http.Client{Transport: rec}))
		if err != nil {
			b.Fatal(err)
		}
		req := &yihua.TransferRequest{Trade: yihuaTrade("Y1", 10)}
		call := func() {
			if _, err := c.TransferTrade(context.Background(), req); err != nil {
				b.Fatal(err)
			}
		}
		call()
		b.Run("sdk", func(b *testing.B) { loop(b, call) })
		b.Run("bare", func(b *testing.B) { bare(b, rec) })
	})
	b.Run("kingdee_query_100", func(b *testing.B) {
		srv := kingdeetest.NewServer()
		defer srv.Close()
		for i := 0; i < 100; i++ {
			srv.AddBill(kingdee.FormSalReturnStock, fmt.Sprintf("XSTH%04d", i), map[string]any{"FHeadNote": "退货"})
		}
		rec := &recorder{}
		now := time.Now()
		c, err := kingdee.NewClient(srv.Config(), duijie.WithHTTPClient(&http.Client{Transport: rec}),
			duijie.WithClock(func() time.Time { return now }))
		if err != nil {
			b.Fatal(err)
		}
		q := &kingdee.BillQuery{FormID: kingdee.FormSalReturnStock, FieldKeys: []string{"FID", "FBillNo", "FHeadNote", "FDocumentStatus"}, Limit: 100}
		call := func() {
			page, err := c.ExecuteBillQuery(context.Background(), q)
			if err != nil || len(page.Items) != 100 {
				b.Fatal(err, page)
			}
		}
		call()
		b.Run("sdk", func(b *testing.B) { loop(b, call) })
		b.Run("bare", func(b *testing.B) { bare(b, rec) })
	})
}

func loop(b *testing.B, call func()) {
	b.ReportAllocs()
	for b.Loop() {
		call()
	}
}

func wdtTrades(n int) []wangdiantong.Trade {
	one := duijie.AmountFromInt(1)
	out := make([]wangdiantong.Trade, n)
	for i := range out {
		tid := fmt.Sprintf("B%05d", i)
		out[i] = wangdiantong.Trade{Tid: tid, TradeStatus: 30, PayStatus: 2, DeliveryTerm: 1,
			TradeTime:    duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST())),
			ReceiverName: "收货人", ReceiverProv: "广东省", ReceiverCity: "深圳市", ReceiverDist: "南山区", ReceiverAddr: "科技园1号",
			Paid: one, Orders: []wangdiantong.Order{{Oid: tid + "-1", Num: one, Price: one, SpecNo: "SKU", GoodsName: "手机"}}}
	}
	return out
}

func yihuaTrade(id string, lines int) *yihua.Trade {
	price := duijie.AmountFromInt(10)
	t := &yihua.Trade{Master: yihua.Master{TradeType: yihua.TradeTypeFixed, TradeID: id,
		CreateTime: duijie.Time{Time: time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST())}, TotalMoney: price.Mul(duijie.AmountFromInt(int64(lines)))}}
	for i := 0; i < lines; i++ {
		t.Details = append(t.Details, yihua.Detail{GoodsID: fmt.Sprintf("G%d", i), GoodsNumber: duijie.AmountFromInt(1), Price: price})
	}
	return t
}
