package bench

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
)

// kdBare is a typed Kingdee client written by hand, as a competent
// developer would: it builds the body with encoding/json, signs the auth
// version 2.0 headers itself (the constant ones computed once), carries the
// session the server opens, POSTs with a plain http.Client and decodes
// the answer once into the same types the SDK returns. It has no retries,
// no rate limit, no validation and no look-ups.
type kdBare struct {
	hc   *http.Client
	base string // site root, e.g. http://127.0.0.1:1234/k3cloud
	now  func() time.Time
	ua   string

	clientID, clientSecret string
	appKey, appData, kdSig string

	sid, cookie string // the session the server opened, if any
}

// newKDBare returns a bare client for cfg on hc.
func newKDBare(cfg kingdee.Config, hc *http.Client, now func() time.Time) (*kdBare, error) {
	id, part, ok := strings.Cut(cfg.AppID, "_")
	if !ok {
		return nil, errors.New("bad AppID")
	}
	raw, err := base64.StdEncoding.DecodeString(part)
	if err != nil {
		return nil, err
	}
	const xor = "0054f397c6234378b09ca7d3e5debce7"
	for i := range raw {
		raw[i] ^= xor[i%len(xor)]
	}
	lcid, org := cfg.LCID, cfg.OrgNum
	if lcid == 0 {
		lcid = 2052
	}
	if org == "" {
		org = "0"
	}
	data := cfg.AcctID + "," + cfg.UserName + "," + strconv.Itoa(lcid) + "," + org
	return &kdBare{hc: hc, base: cfg.ServerURL, now: now, ua: "duijie/" + duijie.Version,
		clientID: id, clientSecret: base64.StdEncoding.EncodeToString(raw),
		appKey: cfg.AppID, appData: base64.StdEncoding.EncodeToString([]byte(data)),
		kdSig: kdHMAC(cfg.AppID+data, cfg.AppSecret.Reveal())}, nil
}

// kdHMAC is base64 of the lower-case hex HMAC-SHA256 of content.
func kdHMAC(content, key string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(content))
	var sum [sha256.Size]byte
	var hx [2 * sha256.Size]byte
	hex.Encode(hx[:], m.Sum(sum[:0]))
	return base64.StdEncoding.EncodeToString(hx[:])
}

// signature is X-Api-Signature for a POST to path (unescaped).
func (k *kdBare) signature(path, nonce, ts string) string {
	return kdHMAC("POST\n"+url.QueryEscape(path)+"\n\nx-api-nonce:"+nonce+"\nx-api-timestamp:"+ts+"\n", k.clientSecret)
}

// post sends body to service and returns the answer's body.
func (k *kdBare) post(service string, body []byte) ([]byte, error) {
	req, err := http.NewRequest(http.MethodPost, k.base+"/"+service+".common.kdsvc", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	ts := strconv.FormatInt(k.now().Unix(), 10)
	h := req.Header
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Accept-Charset", "utf-8")
	h.Set("User-Agent", k.ua)
	h.Set("X-Api-ClientID", k.clientID)
	h.Set("X-Api-Auth-Version", "2.0")
	h.Set("x-api-timestamp", ts)
	h.Set("x-api-nonce", ts)
	h.Set("x-api-signheaders", "x-api-timestamp,x-api-nonce")
	h.Set("X-Api-Signature", k.signature(req.URL.Path, ts, ts))
	h.Set("X-Kd-Appkey", k.appKey)
	h.Set("X-Kd-Appdata", k.appData)
	h.Set("X-Kd-Signature", k.kdSig)
	if k.sid != "" {
		h.Set("kdservice-sessionid", k.sid)
	}
	if k.cookie != "" {
		h.Set("Cookie", k.cookie)
	}
	resp, err := k.hc.Do(req)
	if err != nil {
		return nil, err
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d: %s", resp.StatusCode, answer)
	}
	if len(resp.Header["Set-Cookie"]) > 0 {
		k.keepSession(resp.Cookies())
	}
	return answer, nil
}

// keepSession keeps the session cookies the server set.
func (k *kdBare) keepSession(cookies []*http.Cookie) {
	var asp string
	for _, c := range cookies {
		switch c.Name {
		case "kdservice-sessionid":
			k.sid = c.Value
		case "ASP.NET_SessionId":
			asp = c.Value
		}
	}
	k.cookie = "ASP.NET_SessionId=" + asp + "; kdservice-sessionid=" + k.sid
}

// kdQueryBody is ExecuteBillQuery's body.
type kdQueryBody struct {
	Data struct {
		FormID       string `json:"FormId"`
		FieldKeys    string `json:"FieldKeys"`
		FilterString string `json:"FilterString"`
		OrderString  string `json:"OrderString"`
		TopRowCount  int    `json:"TopRowCount"`
		StartRow     int    `json:"StartRow"`
		Limit        int    `json:"Limit"`
		SubSystemID  string `json:"SubSystemId"`
	} `json:"data"`
}

// query calls ExecuteBillQuery and returns the page the SDK returns.
func (k *kdBare) query(formID string, keys []string, orderBy string, limit int) (*duijie.Page[kingdee.Row], error) {
	var q kdQueryBody
	q.Data.FormID, q.Data.FieldKeys, q.Data.OrderString, q.Data.Limit = formID, strings.Join(keys, ","), orderBy, limit
	body, err := json.Marshal(&q)
	if err != nil {
		return nil, err
	}
	answer, err := k.post(kingdee.ServiceExecuteBillQuery, body)
	if err != nil {
		return nil, err
	}
	var rows []kingdee.Row
	if err := json.Unmarshal(answer, &rows); err != nil {
		return nil, err
	}
	if len(rows) == 1 && len(rows[0]) == 1 && bytes.HasPrefix(rows[0][0], []byte(`{`)) {
		return nil, fmt.Errorf("refused: %s", answer)
	}
	return &duijie.Page[kingdee.Row]{Items: rows, Total: -1, Size: limit, HasMore: limit > 0 && len(rows) == limit}, nil
}

// The bare client's bill, written as a hand-written client declares it:
// the wire names as tags, in the template's order.
type (
	kdRef struct {
		FNumber string `json:"FNumber"`
	}
	kdBill struct {
		FBillTypeID   kdRef        `json:"FBillTypeID,omitzero"`
		FBillNo       string       `json:"FBillNo,omitempty"`
		FDate         duijie.Time  `json:"FDate,omitzero"`
		FSaleOrgID    kdRef        `json:"FSaleOrgId,omitzero"`
		FRetcustID    kdRef        `json:"FRetcustId,omitzero"`
		FStockOrgID   kdRef        `json:"FStockOrgId,omitzero"`
		FHeadNote     string       `json:"FHeadNote,omitempty"`
		FOwnerTypeIDH string       `json:"FOwnerTypeIdHead,omitempty"`
		FOwnerIDHead  kdRef        `json:"FOwnerIdHead,omitzero"`
		SubHeadEntity *kdFinance   `json:"SubHeadEntity,omitempty"`
		FEntity       []kdBillLine `json:"FEntity"`
	}
	kdFinance struct {
		FSettleCurrID kdRef  `json:"FSettleCurrId,omitzero"`
		FThirdBillNo  string `json:"FThirdBillNo,omitempty"`
		FSettleOrgID  kdRef  `json:"FSettleOrgId,omitzero"`
	}
	kdBillLine struct {
		FRowType       string         `json:"FRowType,omitempty"`
		FMaterialID    kdRef          `json:"FMaterialId"`
		FUnitID        kdRef          `json:"FUnitID,omitzero"`
		FRealQty       duijie.Amount  `json:"FRealQty"`
		FTaxPrice      duijie.Amount  `json:"FTaxPrice"`
		FIsFree        bool           `json:"FIsFree"`
		FEntryTaxRate  *duijie.Amount `json:"FEntryTaxRate,omitempty"`
		FReturnType    kdRef          `json:"FReturnType,omitzero"`
		FOwnerTypeID   string         `json:"FOwnerTypeId,omitempty"`
		FOwnerID       kdRef          `json:"FOwnerId,omitzero"`
		FStockID       kdRef          `json:"FStockId,omitzero"`
		FStockstatusID kdRef          `json:"FStockstatusId,omitzero"`
		FNote          string         `json:"FNote,omitempty"`
	}
)

// kdSaveAnswer is the part of BatchSave's answer the bare client reads.
type kdSaveAnswer struct {
	Result struct {
		ResponseStatus *kingdee.ResponseStatus `json:"ResponseStatus"`
		NeedReturnData []json.RawMessage       `json:"NeedReturnData"`
	} `json:"Result"`
}

// saveSalReturns calls BatchSave with the bills and returns the response the SDK returns.
func (k *kdBare) saveSalReturns(bills []kdBill) (*kingdee.SaveSalReturnsResponse, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	var req struct {
		FormID string `json:"formid"`
		Data   struct {
			Model []kdBill `json:"Model"`
		} `json:"data"`
	}
	req.FormID, req.Data.Model = kingdee.FormSalReturnStock, bills
	if err := enc.Encode(&req); err != nil {
		return nil, err
	}
	answer, err := k.post(kingdee.ServiceBatchSave, bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}))
	if err != nil {
		return nil, err
	}
	var a kdSaveAnswer
	if err := json.Unmarshal(answer, &a); err != nil {
		return nil, err
	}
	st := a.Result.ResponseStatus
	if st == nil || !bool(st.IsSuccess) || len(st.SuccessEntitys) != len(bills) {
		return nil, fmt.Errorf("refused: %s", answer)
	}
	out := &kingdee.SaveSalReturnsResponse{Rows: make([]kingdee.SaveOutcome, len(bills)),
		NeedReturnData: a.Result.NeedReturnData, Messages: st.SuccessMessages}
	for _, s := range st.SuccessEntitys {
		if s.DIndex < 0 || s.DIndex >= len(bills) {
			return nil, fmt.Errorf("row %d out of range", s.DIndex)
		}
		out.Rows[s.DIndex] = kingdee.SaveOutcome{Index: s.DIndex, Number: s.Number, ID: string(s.ID),
			Status: kingdee.RowSaved, Saved: true}
	}
	return out, nil
}

// kdLines is how many lines each benchmark bill has.
const kdLines = 2

// kdSDKBill and kdBareBill are the same sales return, numbered no, for the
// SDK and for the bare client.
func kdSDKBill(no string) kingdee.SalReturnStock {
	b := kingdee.SalReturnStock{
		BillType: kingdee.RefTo(kingdee.BillTypeSalReturn), BillNo: no,
		Date:    duijie.NewTime(time.Date(2026, 11, 20, 0, 0, 0, 0, duijie.CST())),
		SaleOrg: kingdee.RefTo("100"), Customer: kingdee.RefTo("C<1>&"), StockOrg: kingdee.RefTo("100"),
		HeadNote: "退货 <网店>", OwnerTypeHead: kingdee.OwnerTypeOrg, OwnerHead: kingdee.RefTo("100"),
		Finance: &kingdee.SalReturnFinance{SettleCurrency: kingdee.RefTo(kingdee.CurrencyCNY), ThirdBillNo: "T" + no, SettleOrg: kingdee.RefTo("100")},
	}
	for i := range kdLines {
		b.Entries = append(b.Entries, kingdee.SalReturnEntry{RowType: kingdee.RowTypeStandard,
			Material: kingdee.RefTo(fmt.Sprintf("M%d", i)), Unit: kingdee.RefTo("Pcs"), RealQty: duijie.AmountFromInt(2),
			TaxPrice: duijie.AmountFromCents(1999), TaxRate: duijie.AmountFromInt(13).Ptr(),
			ReturnType: kingdee.RefTo(kingdee.ReturnTypeReturn), OwnerType: kingdee.OwnerTypeOrg, Owner: kingdee.RefTo("100"),
			Stock: kingdee.RefTo("WH"), StockStatus: kingdee.RefTo(kingdee.StockStatusAvailable), Note: "line & note"})
	}
	return b
}

func kdBareBill(no string) kdBill {
	b := kdBill{
		FBillTypeID: kdRef{kingdee.BillTypeSalReturn}, FBillNo: no,
		FDate:      duijie.NewTime(time.Date(2026, 11, 20, 0, 0, 0, 0, duijie.CST())),
		FSaleOrgID: kdRef{"100"}, FRetcustID: kdRef{"C<1>&"}, FStockOrgID: kdRef{"100"},
		FHeadNote: "退货 <网店>", FOwnerTypeIDH: kingdee.OwnerTypeOrg, FOwnerIDHead: kdRef{"100"},
		SubHeadEntity: &kdFinance{FSettleCurrID: kdRef{kingdee.CurrencyCNY}, FThirdBillNo: "T" + no, FSettleOrgID: kdRef{"100"}},
	}
	for i := range kdLines {
		b.FEntity = append(b.FEntity, kdBillLine{FRowType: kingdee.RowTypeStandard,
			FMaterialID: kdRef{fmt.Sprintf("M%d", i)}, FUnitID: kdRef{"Pcs"}, FRealQty: duijie.AmountFromInt(2),
			FTaxPrice: duijie.AmountFromCents(1999), FEntryTaxRate: duijie.AmountFromInt(13).Ptr(),
			FReturnType: kdRef{kingdee.ReturnTypeReturn}, FOwnerTypeID: kingdee.OwnerTypeOrg, FOwnerID: kdRef{"100"},
			FStockID: kdRef{"WH"}, FStockstatusID: kdRef{kingdee.StockStatusAvailable}, FNote: "line & note"})
	}
	return b
}

// kdNumbers hands out bill numbers: prefix, then the call and the row,
// both zero-padded, so every call of either side has numbers of the same
// length and the fake never sees one twice.
type kdNumbers struct {
	prefix string
	call   int
	buf    []byte
}

func (n *kdNumbers) next() { n.call++ }

func (n *kdNumbers) number(row int) string {
	n.buf = append(n.buf[:0], n.prefix...)
	n.buf = appendPadded(n.buf, n.call, 8)
	n.buf = append(n.buf, '-')
	n.buf = appendPadded(n.buf, row, 4)
	return string(n.buf)
}

// kdSetup is one fake, an SDK client and a bare client on it, both on the
// same fixed clock as the fake.
type kdSetup struct {
	srv  *kingdeetest.Server
	sdk  *kingdee.Client
	bare *kdBare
}

var kdNow = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

func kdClock() time.Time { return kdNow }

// newKDSetup starts a fake with rows bills stored; sdkRT and bareRT, when
// not nil, are the HTTP transports of the two clients.
func newKDSetup(tb testing.TB, rows int, sdkRT, bareRT http.RoundTripper) *kdSetup {
	tb.Helper()
	srv := kingdeetest.NewServer(kingdeetest.WithClock(kdClock))
	tb.Cleanup(srv.Close)
	for i := range rows {
		srv.AddBill(kingdee.FormSalReturnStock, fmt.Sprintf("XSTH%06d", i), map[string]any{"FHeadNote": "退货"})
	}
	opts := []duijie.Option{duijie.WithClock(kdClock)}
	if sdkRT != nil {
		opts = append(opts, duijie.WithHTTPClient(&http.Client{Transport: sdkRT, Timeout: 30 * time.Second}))
	}
	c, err := kingdee.NewClient(srv.Config(), opts...)
	if err != nil {
		tb.Fatal(err)
	}
	if bareRT == nil {
		bareRT = http.DefaultTransport
	}
	bc, err := newKDBare(srv.Config(), &http.Client{Transport: bareRT, Timeout: 30 * time.Second}, kdClock)
	if err != nil {
		tb.Fatal(err)
	}
	return &kdSetup{srv: srv, sdk: c, bare: bc}
}

var kdQueryKeys = []string{"FID", "FBillNo", "FHeadNote", "FDocumentStatus"}

func kdSDKQuery(limit int) *kingdee.BillQuery {
	return &kingdee.BillQuery{FormID: kingdee.FormSalReturnStock, FieldKeys: kdQueryKeys, OrderBy: "FID ASC", Limit: limit}
}

// BenchmarkPairedKingdee compares the SDK with the bare hand-written
// client in paired alternating rounds: ExecuteBillQuery pages of 10, 100
// and 1,000 rows, and SaveSalReturns (BatchSave) of 1, 10 and 50 bills,
// each call with new bill numbers on both sides.
func BenchmarkPairedKingdee(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("query_rows_%d", n), func(b *testing.B) {
			s := newKDSetup(b, n, nil, nil)
			q := kdSDKQuery(n)
			ctx := context.Background()
			paired(b, func() {
				p, err := s.sdk.ExecuteBillQuery(ctx, q)
				if err != nil || len(p.Items) != n {
					b.Fatal(err)
				}
				s.srv.ResetJournal()
			}, func() {
				p, err := s.bare.query(kingdee.FormSalReturnStock, kdQueryKeys, "FID ASC", n)
				if err != nil || len(p.Items) != n {
					b.Fatal(err)
				}
				s.srv.ResetJournal()
			})
		})
	}
	for _, n := range []int{1, 10, 50} {
		b.Run(fmt.Sprintf("save_bills_%d", n), func(b *testing.B) {
			s := newKDSetup(b, 0, nil, nil)
			ctx := context.Background()
			sdkNo, bareNo := &kdNumbers{prefix: "KS"}, &kdNumbers{prefix: "KB"}
			sdkBills, bareBills := make([]kingdee.SalReturnStock, n), make([]kdBill, n)
			for i := range n {
				sdkBills[i], bareBills[i] = kdSDKBill("x"), kdBareBill("x")
			}
			req := &kingdee.SaveSalReturnsRequest{Bills: sdkBills}
			paired(b, func() {
				sdkNo.next()
				for i := range sdkBills {
					no := sdkNo.number(i)
					sdkBills[i].BillNo, sdkBills[i].Finance.ThirdBillNo = no, "T"+no
				}
				res, err := s.sdk.SaveSalReturns(ctx, req)
				if err != nil || res.Saved() != n {
					b.Fatal(err)
				}
				s.srv.ResetJournal()
			}, func() {
				bareNo.next()
				for i := range bareBills {
					no := bareNo.number(i)
					bareBills[i].FBillNo, bareBills[i].SubHeadEntity.FThirdBillNo = no, "T"+no
				}
				res, err := s.bare.saveSalReturns(bareBills)
				if err != nil || len(res.Rows) != n {
					b.Fatal(err)
				}
				s.srv.ResetJournal()
			})
		})
	}
}

// sameRequest fails unless the SDK and the bare client sent the same
// method, path, body and headers; the session's values differ (each client
// has its own session on its own fake) and are compared by shape.
func sameRequest(t *testing.T, sdk, bare sentRequest) {
	t.Helper()
	if sdk.method != bare.method || sdk.path != bare.path {
		t.Fatalf("SDK sent %s %s, bare %s %s", sdk.method, sdk.path, bare.method, bare.path)
	}
	if !bytes.Equal(sdk.body, bare.body) {
		t.Fatalf("bodies differ:\nSDK:  %s\nbare: %s", sdk.body, bare.body)
	}
	names := func(h http.Header) []string {
		var out []string
		for k := range h {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	if a, b := names(sdk.header), names(bare.header); strings.Join(a, ",") != strings.Join(b, ",") {
		t.Fatalf("header names differ:\nSDK:  %v\nbare: %v", a, b)
	}
	cookieNames := func(v string) string {
		var out []string
		for _, part := range strings.Split(v, "; ") {
			name, _, _ := strings.Cut(part, "=")
			out = append(out, name)
		}
		return strings.Join(out, ";")
	}
	for k, v := range sdk.header {
		w := bare.header[k]
		switch k {
		case "Kdservice-Sessionid":
			if len(v) != 1 || len(w) != 1 || len(v[0]) != len(w[0]) || v[0] == "" {
				t.Fatalf("%s: SDK %q, bare %q", k, v, w)
			}
		case "Cookie":
			if len(v) != 1 || len(w) != 1 || cookieNames(v[0]) != cookieNames(w[0]) {
				t.Fatalf("%s: SDK %q, bare %q", k, v, w)
			}
		default:
			if strings.Join(v, "\x00") != strings.Join(w, "\x00") {
				t.Fatalf("%s: SDK %q, bare %q", k, v, w)
			}
		}
	}
}

// TestPairedKingdeeBareSendsTheSDKsBytes proves the benchmark fair: for the
// same input the bare client sends what the SDK sends (a second call of
// each, so both carry their session), and signs as the SDK's signer does.
func TestPairedKingdeeBareSendsTheSDKsBytes(t *testing.T) {
	t.Run("query", func(t *testing.T) {
		sdkRT, bareRT := &wireRecorder{}, &wireRecorder{}
		s := newKDSetup(t, 10, sdkRT, nil)
		b := newKDSetup(t, 10, nil, bareRT)
		for range 2 {
			p, err := s.sdk.ExecuteBillQuery(context.Background(), kdSDKQuery(10))
			if err != nil {
				t.Fatal(err)
			}
			bp, err := b.bare.query(kingdee.FormSalReturnStock, kdQueryKeys, "FID ASC", 10)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(p) != fmt.Sprint(bp) {
				t.Fatalf("pages differ:\nSDK:  %v\nbare: %v", p, bp)
			}
		}
		sameRequest(t, sdkRT.last(t), bareRT.last(t))
	})
	t.Run("save", func(t *testing.T) {
		sdkRT, bareRT := &wireRecorder{}, &wireRecorder{}
		s := newKDSetup(t, 0, sdkRT, nil)
		b := newKDSetup(t, 0, nil, bareRT)
		for call := range 2 {
			sdkNo, bareNo := &kdNumbers{prefix: "KX", call: call}, &kdNumbers{prefix: "KX", call: call}
			var sdkBills []kingdee.SalReturnStock
			var bareBills []kdBill
			for i := range 3 {
				sdkBills = append(sdkBills, kdSDKBill(sdkNo.number(i)))
				bareBills = append(bareBills, kdBareBill(bareNo.number(i)))
			}
			res, err := s.sdk.SaveSalReturns(context.Background(), &kingdee.SaveSalReturnsRequest{Bills: sdkBills})
			if err != nil {
				t.Fatal(err)
			}
			bres, err := b.bare.saveSalReturns(bareBills)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(res) != fmt.Sprint(bres) {
				t.Fatalf("responses differ:\nSDK:  %+v\nbare: %+v", res, bres)
			}
		}
		sameRequest(t, sdkRT.last(t), bareRT.last(t))
	})
	t.Run("signature", func(t *testing.T) {
		cfg := kingdeetest.NewServer()
		defer cfg.Close()
		bc, err := newKDBare(cfg.Config(), http.DefaultClient, kdClock)
		if err != nil {
			t.Fatal(err)
		}
		signer, err := kingdee.NewHeaderSigner(kingdeetest.AppID, kingdeetest.AppSecret, kingdeetest.AcctID, kingdeetest.UserName, kingdee.DefaultLCID, kingdee.DefaultOrgNum)
		if err != nil {
			t.Fatal(err)
		}
		path := kingdeetest.SitePath + "/" + kingdee.ServiceBatchSave + ".common.kdsvc"
		want := signer.Sign(path, "1764583200")
		if got := bc.signature(path, "1764583200", "1764583200"); got != want.Signature {
			t.Fatalf("signature %q, want %q", got, want.Signature)
		}
		if bc.appData != want.AppData || bc.kdSig != want.KdSignature || bc.clientID != want.ClientID || bc.appKey != want.AppKey {
			t.Fatalf("constant headers differ: %+v", want)
		}
	})
}
