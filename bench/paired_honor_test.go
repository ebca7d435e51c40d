package bench

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/honor/honortest"
)

// bareHonor is what a competent hand-written Honor client does for the two
// calls the paired benchmark measures: it builds the parameters, signs
// them, form-encodes them, posts them with a plain *http.Client and
// decodes the answer with encoding/json into the same typed rows and
// responses the SDK returns. It knows the wire by heart (the sorted
// parameter names, which values are never empty), as such a client does,
// and checks nothing the vendor would not.
type bareHonor struct {
	hc    *http.Client
	base  string
	cfg   honor.Config
	key   []byte
	now   func() time.Time
	nonce func() string
}

func newBareHonor(srv *honortest.Server, hc *http.Client) *bareHonor {
	cfg := srv.Config()
	return &bareHonor{hc: hc, base: srv.URL(), cfg: cfg, key: []byte(cfg.AppKey.Reveal()), now: time.Now, nonce: bareNonce}
}

func bareNonce() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// post signs and sends one call and returns the answer's body and the
// time it was signed with.
func (c *bareHonor) post(ctx context.Context, path, method string, biz []byte) ([]byte, time.Time, error) {
	at := c.now()
	ts := strconv.FormatInt(at.UnixMilli(), 10)
	nonce := c.nonce()
	// The signing string, its parameters sorted by name.
	mac := hmac.New(sha256.New, c.key)
	for _, s := range []string{"app_id=", c.cfg.AppID, "&biz_content="} {
		io.WriteString(mac, s)
	}
	mac.Write(biz)
	for _, s := range []string{"&distributor_id=", c.cfg.ProvinceDistributorID, "&method=", method, "&nonce=", nonce,
		"&shop_no=", c.cfg.ShopNo, "&sign_method=", honor.SignMethodHMACSHA256, "&timestamp=", ts} {
		io.WriteString(mac, s)
	}
	var sum [sha256.Size]byte
	sign := bytes.ToUpper(hex.AppendEncode(nil, mac.Sum(sum[:0])))
	// The form, its parameters sorted by name as url.Values encodes them.
	body := make([]byte, 0, 256+len(biz)*5/4)
	for _, p := range [...]struct{ k, v string }{
		{"app_id=", c.cfg.AppID}, {"&biz_content=", string(biz)}, {"&distributor_id=", c.cfg.ProvinceDistributorID},
		{"&method=", method}, {"&nonce=", nonce}, {"&shop_no=", c.cfg.ShopNo}, {"&sign=", string(sign)},
		{"&sign_method=", honor.SignMethodHMACSHA256}, {"&timestamp=", ts},
	} {
		body = append(body, p.k...)
		body = append(body, url.QueryEscape(p.v)...)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewReader(body))
	if err != nil {
		return nil, at, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "duijie/"+duijie.Version)
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, at, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, at, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, at, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return answer, at, nil
}

// bareOrderParams is the order query's biz_content.
type bareOrderParams struct {
	StartModified string `json:"start_modified,omitempty"`
	EndModified   string `json:"end_modified,omitempty"`
	PageNo        int    `json:"page_no"`
	PageSize      int    `json:"page_size"`
}

// queryOrders reads one page of orders modified in [from, to).
func (c *bareHonor) queryOrders(ctx context.Context, from, to time.Time, pageNo, pageSize int) (*duijie.Page[honor.VFOrder], error) {
	biz, err := json.Marshal(&bareOrderParams{
		StartModified: from.In(duijie.CST()).Format(duijie.LayoutDateTime),
		EndModified:   to.In(duijie.CST()).Format(duijie.LayoutDateTime),
		PageNo:        pageNo, PageSize: pageSize,
	})
	if err != nil {
		return nil, err
	}
	body, at, err := c.post(ctx, "/openapi/vf/order/query", "honor.vf.order.query", biz)
	if err != nil {
		return nil, err
	}
	var ans struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Data    struct {
			Total int             `json:"total"`
			List  []honor.VFOrder `json:"list"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &ans); err != nil {
		return nil, err
	}
	if ans.Code != honor.CodeOK {
		return nil, fmt.Errorf("honor: %s %s", ans.Code, ans.Message)
	}
	return &duijie.Page[honor.VFOrder]{Items: ans.Data.List, Total: ans.Data.Total, Number: pageNo, Size: pageSize,
		HasMore: len(ans.Data.List) > 0 && pageNo*pageSize < ans.Data.Total, SyncedAt: duijie.NewTime(at.In(duijie.CST()))}, nil
}

// uploadPSI uploads records whose Direction is set and returns every
// record's outcome in input order.
func (c *bareHonor) uploadPSI(ctx context.Context, records []honor.PSIRecord) (*honor.PSIUploadResponse, error) {
	biz, err := json.Marshal(&honor.PSIUploadRequest{Records: records})
	if err != nil {
		return nil, err
	}
	body, _, err := c.post(ctx, "/openapi/psi/serial/upload", "honor.psi.serial.upload", biz)
	if err != nil {
		return nil, err
	}
	type row struct {
		DocNo    string `json:"doc_no"`
		Serial   string `json:"serial"`
		Success  bool   `json:"success"`
		Replaced bool   `json:"replaced"`
		Code     string `json:"code"`
		Message  string `json:"message"`
	}
	var ans struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Data    struct {
			Results []row `json:"results"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &ans); err != nil {
		return nil, err
	}
	if ans.Code != honor.CodeOK {
		return nil, fmt.Errorf("honor: %s %s", ans.Code, ans.Message)
	}
	rows := ans.Data.Results
	res := &honor.PSIUploadResponse{Results: make([]honor.PSIResult, len(records))}
	for i := range records {
		k := records[i].Key()
		out := honor.PSIResult{Index: i, Key: k, Sent: true}
		if i >= len(rows) || rows[i].DocNo != k.DocNo || rows[i].Serial != k.Serial {
			return nil, fmt.Errorf("honor: answer row %d is not record %s", i, k)
		}
		if r := rows[i]; r.Success {
			out.OK, out.Replaced = true, r.Replaced
		} else {
			out.Code, out.Message = r.Code, r.Message
		}
		res.Results[i] = out
	}
	return res, nil
}

// honorOrders returns n orders of two lines each, modified one second apart
// from from on.
func honorOrders(n int, from time.Time) []honor.VFOrder {
	out := make([]honor.VFOrder, n)
	for i := range out {
		out[i] = honor.VFOrder{OrderNo: fmt.Sprintf("VF%06d", i), OrderType: "wholesale", Status: "paid",
			CustomerCode: "C0001", CustomerName: "深圳某某通讯",
			ModifiedTime: duijie.NewTime(from.Add(time.Duration(i) * time.Second)),
			TotalAmount:  duijie.AmountFromCents(399800), DiscountAmount: duijie.AmountFromCents(0), PayAmount: duijie.AmountFromCents(399800),
			Receiver: "张三", ReceiverPhone: "13800000000", ReceiverAddress: "广东省深圳市南山区科技园1号",
			Lines: []honor.VFOrderLine{
				{LineNo: "1", GoodsCode: "HN-MAGIC6-256", GoodsName: "荣耀 Magic6 256G", Model: "BVL-AN00",
					Quantity: duijie.AmountFromInt(1), Price: duijie.AmountFromCents(199900), Amount: duijie.AmountFromCents(199900)},
				{LineNo: "2", GoodsCode: "HN-X50-128", GoodsName: "荣耀 X50 128G", Model: "ALI-AN00",
					Quantity: duijie.AmountFromInt(1), Price: duijie.AmountFromCents(199900), Amount: duijie.AmountFromCents(199900)},
			}}
	}
	return out
}

// psiRecords returns n wholesale-outbound records with their direction set.
func psiRecords(n int) []honor.PSIRecord {
	out := make([]honor.PSIRecord, n)
	for i := range out {
		out[i] = honor.PSIRecord{DocNo: fmt.Sprintf("PFCK%06d", i/5), DocType: honor.PSIWholesaleOut,
			DocDate: duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST())), Direction: honor.PSIOut,
			VFOrderNo: fmt.Sprintf("VF%06d", i/5), WarehouseCode: "WH01", WarehouseName: "深圳总仓",
			CustomerCode: "C0001", CustomerName: "深圳某某通讯",
			GoodsCode: "HN-MAGIC6-256", GoodsName: "荣耀 Magic6 256G", Brand: "荣耀", Category: "手机",
			Serial: fmt.Sprintf("SN%013d", i)}
	}
	return out
}

// honorPair is a fake with the orders of one read size, an SDK client
// and a bare client, both on plain HTTP clients, rate limits off.
type honorPair struct {
	srv  *honortest.Server
	sdk  *honor.Client
	bare *bareHonor
	from time.Time
}

func newHonorPair(tb testing.TB, orders int, opts ...duijie.Option) *honorPair {
	tb.Helper()
	srv := honortest.NewServer()
	tb.Cleanup(srv.Close)
	from := time.Now().Add(-2 * time.Hour).Truncate(time.Second)
	for _, o := range honorOrders(orders, from) {
		srv.AddOrder(o)
	}
	all := append([]duijie.Option{duijie.WithBaseURL(srv.URL()), duijie.WithHTTPClient(&http.Client{}), duijie.WithRateLimit()}, opts...)
	c, err := honor.NewClient(srv.Config(), all...)
	if err != nil {
		tb.Fatal(err)
	}
	return &honorPair{srv: srv, sdk: c, bare: newBareHonor(srv, &http.Client{}), from: from}
}

// readOrders reads n orders, in pages of at most honor.MaxPageSize, through
// read, and checks that they all came.
func readOrders(tb testing.TB, n int, read func(pageNo, pageSize int) (*duijie.Page[honor.VFOrder], error)) {
	size := min(n, honor.MaxPageSize)
	got := 0
	for pageNo := 1; ; pageNo++ {
		p, err := read(pageNo, size)
		if err != nil {
			tb.Fatal(err)
		}
		got += len(p.Items)
		if !p.HasMore {
			break
		}
	}
	if got != n {
		tb.Fatalf("read %d orders, want %d", got, n)
	}
}

// BenchmarkPairedHonor compares the SDK with bareHonor in paired rounds
// (see paired) on Honor's most typical read, a VF order query of 10, 100
// and 1,000 orders of two lines (pages of at most MaxPageSize, so 1,000 is
// ten calls on each side), and its most typical write, a PSI upload of 1,
// 10 and 50 records. TestPairedHonorSameBytes proves both sides send the
// same bytes.
func BenchmarkPairedHonor(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("read_orders_%d", n), func(b *testing.B) {
			p := newHonorPair(b, n)
			from, to := p.from, p.from.Add(time.Hour)
			sdk := func() {
				readOrders(b, n, func(pageNo, pageSize int) (*duijie.Page[honor.VFOrder], error) {
					return p.sdk.QueryVFOrders(ctx, &honor.VFOrderQuery{ModifiedFrom: from, ModifiedTo: to, PageNo: pageNo, PageSize: pageSize})
				})
			}
			bare := func() {
				readOrders(b, n, func(pageNo, pageSize int) (*duijie.Page[honor.VFOrder], error) {
					return p.bare.queryOrders(ctx, from, to, pageNo, pageSize)
				})
			}
			paired(b, sdk, bare)
		})
	}
	for _, n := range []int{1, 10, 50} {
		b.Run(fmt.Sprintf("write_psi_%d", n), func(b *testing.B) {
			p := newHonorPair(b, 0)
			records := psiRecords(n)
			sdk := func() {
				res, err := p.sdk.UploadPSI(ctx, &honor.PSIUploadRequest{Records: records})
				if err != nil || len(res.Results) != n {
					b.Fatal(err)
				}
			}
			bare := func() {
				res, err := p.bare.uploadPSI(ctx, records)
				if err != nil || len(res.Results) != n {
					b.Fatal(err)
				}
			}
			paired(b, sdk, bare)
		})
	}
}

// TestPairedHonorSameBytes proves that the bare client of BenchmarkPairedHonor
// sends the SDK's bytes (method, URL, headers and body) for the same input,
// clock and nonce, and decodes the same values.
func TestPairedHonorSameBytes(t *testing.T) {
	ctx := context.Background()
	at := time.Now().Truncate(time.Millisecond)
	clock := func() time.Time { return at }
	// Each side's i-th call gets the i-th nonce: the bare call repeats the
	// SDK's, which the fake accepts as a replay of the same bytes.
	counter := func() func() string {
		n := 0
		return func() string { n++; return fmt.Sprintf("%032x", n) }
	}
	srv := honortest.NewServer()
	t.Cleanup(srv.Close)
	from := at.Add(-2 * time.Hour).Truncate(time.Second)
	for _, o := range honorOrders(150, from) {
		srv.AddOrder(o)
	}
	sdkWire, bareWire := &wireRecorder{}, &wireRecorder{}
	cfg := srv.Config()
	cfg.Nonce = counter()
	c, err := honor.NewClient(cfg, duijie.WithBaseURL(srv.URL()), duijie.WithHTTPClient(&http.Client{Transport: sdkWire}),
		duijie.WithRateLimit(), duijie.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	bare := newBareHonor(srv, &http.Client{Transport: bareWire})
	bare.now, bare.nonce = clock, counter()

	same := func(t *testing.T) {
		t.Helper()
		sameWire(t, t.Name(), sdkWire.one(t), bareWire.one(t))
	}

	for _, tc := range []struct{ pageNo, pageSize int }{{1, 10}, {2, 100}} {
		t.Run(fmt.Sprintf("orders_page_%d_of_%d", tc.pageNo, tc.pageSize), func(t *testing.T) {
			to := from.Add(time.Hour)
			sp, err := c.QueryVFOrders(ctx, &honor.VFOrderQuery{ModifiedFrom: from, ModifiedTo: to, PageNo: tc.pageNo, PageSize: tc.pageSize})
			if err != nil {
				t.Fatal(err)
			}
			bp, err := bare.queryOrders(ctx, from, to, tc.pageNo, tc.pageSize)
			if err != nil {
				t.Fatal(err)
			}
			same(t)
			if len(sp.Items) == 0 {
				t.Fatal("no orders read")
			}
			if sj, bj := mustJSON(t, sp), mustJSON(t, bp); sj != bj {
				t.Errorf("pages differ:\nSDK  %s\nbare %s", sj, bj)
			}
		})
	}
	for _, n := range []int{1, 50} {
		t.Run(fmt.Sprintf("psi_%d", n), func(t *testing.T) {
			records := psiRecords(n)
			sr, err := c.UploadPSI(ctx, &honor.PSIUploadRequest{Records: records})
			if err != nil {
				t.Fatal(err)
			}
			br, err := bare.uploadPSI(ctx, records)
			if err != nil {
				t.Fatal(err)
			}
			same(t)
			// The bare upload repeats the SDK's: the fake says it replaced
			// every record, which is the one field that differs.
			for i := range br.Results {
				if !br.Results[i].Replaced {
					t.Fatalf("record %d: the fake did not see the repeat", i)
				}
				br.Results[i].Replaced = sr.Results[i].Replaced
			}
			if sj, bj := mustJSON(t, sr), mustJSON(t, br); sj != bj {
				t.Errorf("responses differ:\nSDK  %s\nbare %s", sj, bj)
			}
		})
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
