package bench

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// wdtBare is a typed hand-written Wangdiantong openapi2 client: it builds
// the parameters, signs them as the vendor documents, form-encodes them,
// posts them with a plain http.Client and decodes the answer into the
// SDK's own row and response types.
type wdtBare struct {
	hc      *http.Client
	base    string
	cfg     wangdiantong.Config
	ua      string
	now     func() time.Time
	keepEmo bool
}

// post signs params (the business ones; the system ones are added here),
// sends them to script and returns the answer's body.
func (w *wdtBare) post(script string, params map[string]string) ([]byte, error) {
	params["sid"] = w.cfg.SID
	params["appkey"] = w.cfg.AppKey
	params["timestamp"] = strconv.FormatInt(w.now().Unix(), 10)
	params["sign"] = wdtSign(params, w.cfg.AppSecret.Reveal())
	form := make(url.Values, len(params))
	for k, v := range params {
		form[k] = []string{v}
	}
	req, err := http.NewRequest(http.MethodPost, w.base+"/"+script, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	req.Header.Set("User-Agent", w.ua)
	resp, err := w.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return io.ReadAll(resp.Body)
}

// wdtSign is the openapi2 signature: sorted "%02d-key:%04d-value" joined
// by ";" (lengths in characters), the secret appended, md5 in hex.
func wdtSign(params map[string]string, secret string) string {
	keys := make([]string, 0, len(params))
	n := len(secret)
	for k, v := range params {
		if k != "sign" {
			keys = append(keys, k)
			n += len(k) + len(v) + 10
		}
	}
	sort.Strings(keys)
	b := make([]byte, 0, n)
	for i, k := range keys {
		if i > 0 {
			b = append(b, ';')
		}
		v := params[k]
		b = appendPadded(b, utf8.RuneCountInString(k), 2)
		b = append(b, '-')
		b = append(b, k...)
		b = append(b, ':')
		b = appendPadded(b, utf8.RuneCountInString(v), 4)
		b = append(b, '-')
		b = append(b, v...)
	}
	b = append(b, secret...)
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:])
}

// asciiText writes JSON text with every non-ASCII character as a \u
// escape, dropping characters outside the BMP unless keep.
func asciiText(b []byte, keep bool) string {
	const hexdig = "0123456789abcdef"
	out := make([]byte, 0, len(b)+len(b)/2)
	esc := func(r rune) {
		out = append(out, '\\', 'u', hexdig[r>>12&0xF], hexdig[r>>8&0xF], hexdig[r>>4&0xF], hexdig[r&0xF])
	}
	for _, r := range string(b) {
		switch {
		case r < utf8.RuneSelf:
			out = append(out, byte(r))
		case r <= 0xFFFF:
			esc(r)
		case keep:
			r -= 0x10000
			esc(0xD800 + (r >> 10))
			esc(0xDC00 + (r & 0x3FF))
		}
	}
	return string(out)
}

// refundPage is one page of stockin_order_query_refund, decoded once into
// the SDK's row type.
type refundPage struct {
	Code    json.RawMessage              `json:"code"`
	Message string                       `json:"message"`
	Total   *duijie.Int64                `json:"total_count"`
	List    []wangdiantong.RefundStockin `json:"stockin_list"`
}

// refundStockins reads every refund stock-in modified in [from, to] (one
// window) in pages of size, page_no from 0, as the SDK's iterator does.
func (w *wdtBare) refundStockins(from, to time.Time, size int) ([]wangdiantong.RefundStockin, error) {
	var out []wangdiantong.RefundStockin
	total := -1
	for page := 0; ; page++ {
		body, err := w.post("stockin_order_query_refund.php", map[string]string{
			"status": "80", "start_time": from.In(duijie.CST()).Format(duijie.LayoutDateTime), "end_time": to.In(duijie.CST()).Format(duijie.LayoutDateTime),
			"page_no": strconv.Itoa(page), "page_size": strconv.Itoa(size),
		})
		if err != nil {
			return nil, err
		}
		var p refundPage
		if err := json.Unmarshal(body, &p); err != nil {
			return nil, err
		}
		if string(p.Code) != "0" && string(p.Code) != `"0"` {
			return nil, fmt.Errorf("code %s: %s", p.Code, p.Message)
		}
		if p.List == nil {
			return nil, fmt.Errorf("no stockin_list")
		}
		if p.Total != nil && *p.Total > 0 {
			total = int(*p.Total)
		}
		out = append(out, p.List...)
		more := len(p.List) == size
		if total > 0 {
			more = (page+1)*size < total
		}
		if !more || len(p.List) == 0 {
			return out, nil
		}
	}
}

// pushTrades sends trade_push.php with trades for shop in non-strict mode
// and returns the SDK's response type.
func (w *wdtBare) pushTrades(shop string, trades []wangdiantong.Trade) (*wangdiantong.TradePushResponse, error) {
	list, err := json.Marshal(trades)
	if err != nil {
		return nil, err
	}
	body, err := w.post("trade_push.php", map[string]string{"shop_no": shop, "switch": "0", "trade_list": asciiText(list, w.keepEmo)})
	if err != nil {
		return nil, err
	}
	var ans struct {
		Code     json.RawMessage `json:"code"`
		Message  string          `json:"message"`
		NewCount duijie.Int64    `json:"new_count"`
		ChgCount duijie.Int64    `json:"chg_count"`
	}
	if err := json.Unmarshal(body, &ans); err != nil {
		return nil, err
	}
	if string(ans.Code) != "0" && string(ans.Code) != `"0"` {
		return nil, fmt.Errorf("code %s: %s", ans.Code, ans.Message)
	}
	resp := &wangdiantong.TradePushResponse{NewCount: int(ans.NewCount), ChgCount: int(ans.ChgCount), Results: make([]wangdiantong.TradePushResult, len(trades))}
	for i, t := range trades {
		resp.Results[i] = wangdiantong.TradePushResult{Index: i, Tid: t.Tid, OK: true}
	}
	return resp, nil
}

// wdtRefundRow is a refund stock-in of about 3.4 KB of JSON, every field
// filled, with two goods lines.
func wdtRefundRow(i int) wangdiantong.RefundStockin {
	var r wangdiantong.RefundStockin
	fill(reflect.ValueOf(&r).Elem(), i)
	no := duijie.Text(fmt.Sprintf("RK%06d", i))
	r.OrderNo, r.StockinNo, r.Status = no, no, "80"
	for j := range 2 {
		var d wangdiantong.RefundStockinDetail
		fill(reflect.ValueOf(&d).Elem(), i*10+j)
		r.Details = append(r.Details, d)
	}
	return r
}

// fill sets every Text, Amount and Time field of v to a value made from n.
func fill(v reflect.Value, n int) {
	at := duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST()).Add(time.Duration(n) * time.Minute))
	for i := range v.NumField() {
		f, name := v.Field(i), v.Type().Field(i).Name
		switch f.Interface().(type) {
		case duijie.Text:
			f.Set(reflect.ValueOf(duijie.Text(name + "-" + strconv.Itoa(n))))
		case duijie.Amount:
			f.Set(reflect.ValueOf(duijie.AmountFromInt(int64(n%97 + i))))
		case duijie.Time:
			f.Set(reflect.ValueOf(at))
		}
	}
}

// wdtPushTrades are n raw orders of one line each.
func wdtPushTrades(n int) []wangdiantong.Trade {
	one := duijie.AmountFromInt(1)
	out := make([]wangdiantong.Trade, n)
	for i := range out {
		tid := fmt.Sprintf("P%05d", i)
		out[i] = wangdiantong.Trade{Tid: tid, TradeStatus: 30, PayStatus: 2, DeliveryTerm: 1,
			TradeTime:    duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST())),
			BuyerNick:    "买家" + tid,
			ReceiverName: "收货人", ReceiverProv: "广东省", ReceiverCity: "深圳市", ReceiverDist: "南山区", ReceiverAddr: "科技园1号 A&B/C",
			ReceiverMobile: "13800000000", Paid: one, PostAmount: one, SellerMemo: "尽快发货",
			Orders: []wangdiantong.Order{{Oid: tid + "-1", Num: one, Price: one, SpecNo: "SKU-1", GoodsName: "手机", SpecName: "黑色 128G"},
				{Oid: tid + "-2", Num: one, Price: one, SpecNo: "SKU-2", GoodsName: "手机壳", SpecName: "透明"}}}
	}
	return out
}

// wdtFixture is the fake with rows, an SDK client and a bare client on it.
type wdtFixture struct {
	srv      *wangdiantongtest.Server
	sdk      *wangdiantong.Client
	bare     *wdtBare
	from, to time.Time
}

// newWdtFixture starts the fake with rows refund stock-ins, rate limits
// off on both sides. rt, when set, is the transport of both clients (the
// same-bytes test); the benchmarks use plain transports.
func newWdtFixture(tb testing.TB, rows int, now func() time.Time, rt http.RoundTripper) *wdtFixture {
	tb.Helper()
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	tb.Cleanup(srv.Close)
	from := time.Date(2024, 5, 1, 0, 0, 0, 0, duijie.CST())
	for i := range rows {
		srv.AddRefundStockin(wdtRefundRow(i), from.Add(time.Duration(i)*time.Second))
	}
	newHC := func() *http.Client {
		if rt != nil {
			return &http.Client{Transport: rt}
		}
		return &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	}
	sdk, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithHTTPClient(newHC()),
		duijie.WithRateLimit(), duijie.WithClock(now))
	if err != nil {
		tb.Fatal(err)
	}
	bare := &wdtBare{hc: newHC(), base: srv.URL(), cfg: srv.Config(), ua: "duijie/" + duijie.Version, now: now}
	return &wdtFixture{srv: srv, sdk: sdk, bare: bare, from: from, to: from.Add(24 * time.Hour)}
}

// sdkRefunds reads every row through the SDK: with QueryRefundStockins
// when one page holds them all, else with the iterator.
func (f *wdtFixture) sdkRefunds(ctx context.Context, size int, onePage bool) ([]wangdiantong.RefundStockin, error) {
	q := &wangdiantong.RefundStockinQuery{StartTime: f.from, EndTime: f.to, PageSize: size}
	if onePage {
		p, err := f.sdk.QueryRefundStockins(ctx, q)
		if err != nil {
			return nil, err
		}
		return p.Items, nil
	}
	var out []wangdiantong.RefundStockin
	for r, err := range f.sdk.RefundStockins(ctx, q) {
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// TestWdtBareSendsSameBytes proves the bare client of
// BenchmarkPairedWangdiantong sends what the SDK sends, byte for byte, for
// the same input and clock, and decodes the same values.
func TestWdtBareSendsSameBytes(t *testing.T) {
	ctx := context.Background()
	clock := time.Now()
	now := func() time.Time { return clock }
	rec := &wireRecorder{}
	f := newWdtFixture(t, 250, now, rec)

	want, err := f.sdkRefunds(ctx, 100, false)
	if err != nil {
		t.Fatal(err)
	}
	sdkReqs := rec.take()
	got, err := f.bare.refundStockins(f.from, f.to, 100)
	if err != nil {
		t.Fatal(err)
	}
	bareReqs := rec.take()
	if len(sdkReqs) != 3 || len(bareReqs) != 3 {
		t.Fatalf("refund stock-ins: the SDK sent %d requests, the bare client %d, want 3", len(sdkReqs), len(bareReqs))
	}
	for i := range sdkReqs {
		sameWire(t, fmt.Sprintf("refund stock-ins, page %d", i), sdkReqs[i], bareReqs[i], "Content-Type", "User-Agent")
	}
	if len(want) != 250 || !reflect.DeepEqual(want, got) {
		t.Fatalf("refund stock-ins: the SDK read %d rows, the bare client %d, or they differ", len(want), len(got))
	}
	if b, _ := json.Marshal(want[0]); len(b) < 3000 || len(b) > 3800 {
		t.Fatalf("a row is %d bytes of JSON, want about 3.4 KB", len(b))
	}

	trades := wdtPushTrades(10)
	trades[3].BuyerMessage = "emoji 😀 dropped, \"quoted\" & <tagged>"
	wantPush, err := f.sdk.PushTrades(ctx, &wangdiantong.TradePushRequest{ShopNo: "shop", Trades: trades})
	if err != nil {
		t.Fatal(err)
	}
	sdkReqs = rec.take()
	gotPush, err := f.bare.pushTrades("shop", trades)
	if err != nil {
		t.Fatal(err)
	}
	bareReqs = rec.take()
	if len(sdkReqs) != 1 || len(bareReqs) != 1 {
		t.Fatalf("trade_push: the SDK sent %d requests, the bare client %d, want 1", len(sdkReqs), len(bareReqs))
	}
	sameWire(t, "trade_push", sdkReqs[0], bareReqs[0], "Content-Type", "User-Agent")
	// The second push updates what the first created.
	if wantPush.NewCount != 10 || gotPush.ChgCount != 10 {
		t.Fatalf("trade_push counts: SDK %+v, bare %+v", wantPush, gotPush)
	}
	gotPush.NewCount, gotPush.ChgCount = wantPush.NewCount, wantPush.ChgCount
	if !reflect.DeepEqual(wantPush, gotPush) {
		t.Fatalf("trade_push: the SDK answered %+v, the bare client %+v", wantPush, gotPush)
	}
}

// BenchmarkPairedWangdiantong compares the SDK with the typed bare client
// in paired alternating rounds (see paired) for the vendor's most typical
// read, refund stock-ins (rows of about 3.4 KB; 1,000 rows are ten pages
// of 100 walked by the iterator), and its most typical write, trade_push.
// A round of the 1,000-row read is 16 walks of ten pages, so a time-based
// -benchtime gives it few rounds; give it a count (-benchtime 10x or more)
// for a median worth reading.
func BenchmarkPairedWangdiantong(b *testing.B) {
	ctx := context.Background()
	for _, rows := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("read_refund_stockins_%d", rows), func(b *testing.B) {
			f := newWdtFixture(b, rows, time.Now, nil)
			size := min(rows, 100)
			paired(b, func() {
				got, err := f.sdkRefunds(ctx, size, rows <= size)
				if err != nil || len(got) != rows {
					b.Fatal(len(got), err)
				}
			}, func() {
				got, err := f.bare.refundStockins(f.from, f.to, size)
				if err != nil || len(got) != rows {
					b.Fatal(len(got), err)
				}
			})
		})
	}
	for _, n := range []int{1, 10, 50} {
		b.Run(fmt.Sprintf("write_trade_push_%d", n), func(b *testing.B) {
			f := newWdtFixture(b, 0, time.Now, nil)
			trades := wdtPushTrades(n)
			req := &wangdiantong.TradePushRequest{ShopNo: "shop", Trades: trades}
			paired(b, func() {
				if _, err := f.sdk.PushTrades(ctx, req); err != nil {
					b.Fatal(err)
				}
			}, func() {
				if _, err := f.bare.pushTrades("shop", trades); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}
