package bench

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// bareJST is what a competent hand-written openapi v2 client does: it
// builds the parameters, signs them by hashing the sorted keys and values
// in a fixed order, writes the form body once, posts it with a plain
// http.Client and decodes the answer once into typed values.
type bareJST struct {
	hc                          *http.Client
	base, appKey, secret, token string
	now                         func() time.Time
}

func newBareJST(srv *jushuitantest.Server, hc *http.Client, now func() time.Time) *bareJST {
	cfg := srv.Config()
	return &bareJST{hc: hc, base: srv.URL(), appKey: cfg.AppKey, secret: cfg.AppSecret.Reveal(), token: cfg.AccessToken.Reveal(), now: now}
}

// bareAnswer is the openapi v2 envelope with the data the caller wants.
type bareAnswer[D any] struct {
	Code json.Number `json:"code"`
	Msg  string      `json:"msg"`
	Data D           `json:"data"`
}

// post signs and sends biz to path and decodes the answer into out.
func (c *bareJST) post(path string, biz []byte, out any) error {
	ts := strconv.FormatInt(c.now().Unix(), 10)
	// Keys in ascending order: access_token app_key biz charset timestamp version.
	h := md5.New()
	for _, s := range [...]string{c.secret, "access_token", c.token, "app_key", c.appKey, "biz"} {
		_, _ = io.WriteString(h, s)
	}
	_, _ = h.Write(biz)
	for _, s := range [...]string{"charset", "utf-8", "timestamp", ts, "version", "2"} {
		_, _ = io.WriteString(h, s)
	}
	var sum [md5.Size]byte
	sign := hex.EncodeToString(h.Sum(sum[:0]))
	escBiz := url.QueryEscape(string(biz))
	body := make([]byte, 0, 96+len(c.token)+len(c.appKey)+len(escBiz)+len(ts))
	body = append(body, "access_token="...)
	body = append(body, url.QueryEscape(c.token)...)
	body = append(body, "&app_key="...)
	body = append(body, url.QueryEscape(c.appKey)...)
	body = append(body, "&biz="...)
	body = append(body, escBiz...)
	body = append(body, "&charset=utf-8&sign="...)
	body = append(body, sign...)
	body = append(body, "&timestamp="...)
	body = append(body, ts...)
	body = append(body, "&version=2"...)
	req, err := http.NewRequest(http.MethodPost, c.base+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
	req.Header.Set("User-Agent", "duijie/"+duijie.Version)
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return json.Unmarshal(answer, out)
}

// bareOrderQuery is the biz of /open/orders/single/query.
type bareOrderQuery struct {
	ModifiedBegin string `json:"modified_begin"`
	ModifiedEnd   string `json:"modified_end"`
	DateType      int    `json:"date_type"`
	PageIndex     int    `json:"page_index"`
	PageSize      int    `json:"page_size"`
}

type bareOrderPage struct {
	PageIndex int               `json:"page_index"`
	PageSize  int               `json:"page_size"`
	DataCount *int              `json:"data_count"`
	HasNext   bool              `json:"has_next"`
	Orders    []jushuitan.Order `json:"orders"`
}

// queryOrders asks for one page of orders modified in [from, to].
func (c *bareJST) queryOrders(from, to time.Time, index, size int) (*duijie.Page[jushuitan.Order], error) {
	biz, err := json.Marshal(bareOrderQuery{ModifiedBegin: from.In(duijie.CST()).Format(duijie.LayoutDateTime),
		ModifiedEnd: to.In(duijie.CST()).Format(duijie.LayoutDateTime), PageIndex: index, PageSize: size})
	if err != nil {
		return nil, err
	}
	var a bareAnswer[*bareOrderPage]
	if err := c.post("/open/orders/single/query", biz, &a); err != nil {
		return nil, err
	}
	if a.Code != "0" || a.Data == nil || a.Data.Orders == nil {
		return nil, fmt.Errorf("refused: %s %s", a.Code, a.Msg)
	}
	p := &duijie.Page[jushuitan.Order]{Items: a.Data.Orders, Number: a.Data.PageIndex, Size: a.Data.PageSize, Total: -1, HasMore: a.Data.HasNext}
	if a.Data.DataCount != nil {
		p.Total = *a.Data.DataCount
	}
	return p, nil
}

// The biz of /open/jushuitan/orders/upload, as a hand-written client
// declares it: amounts as numbers with their fixed scale.
type bareUploadOrder struct {
	ShopID             int64            `json:"shop_id"`
	SoID               string           `json:"so_id"`
	OrderDate          string           `json:"order_date"`
	ShopStatus         string           `json:"shop_status"`
	ShopBuyerID        string           `json:"shop_buyer_id"`
	ReceiverState      string           `json:"receiver_state,omitempty"`
	ReceiverCity       string           `json:"receiver_city,omitempty"`
	ReceiverDistrict   string           `json:"receiver_district,omitempty"`
	ReceiverTown       string           `json:"receiver_town,omitempty"`
	ReceiverAddress    string           `json:"receiver_address"`
	ReceiverName       string           `json:"receiver_name,omitempty"`
	ReceiverPhone      string           `json:"receiver_phone,omitempty"`
	ReceiverMobile     string           `json:"receiver_mobile,omitempty"`
	ReceiverEmail      string           `json:"receiver_email,omitempty"`
	ReceiverZip        string           `json:"receiver_zip,omitempty"`
	ReceiverCountry    string           `json:"receiver_country,omitempty"`
	PayAmount          json.Number      `json:"pay_amount"`
	Freight            json.Number      `json:"freight"`
	BuyerMessage       string           `json:"buyer_message,omitempty"`
	Remark             string           `json:"remark,omitempty"`
	ShopModified       string           `json:"shop_modified,omitempty"`
	IsCOD              bool             `json:"is_cod"`
	LID                string           `json:"l_id,omitempty"`
	LcID               string           `json:"lc_id,omitempty"`
	LogisticsCompany   string           `json:"logistics_company,omitempty"`
	QuestionDesc       string           `json:"question_desc,omitempty"`
	SellerFlag         int              `json:"seller_flag,omitempty"`
	Labels             string           `json:"labels,omitempty"`
	Currency           string           `json:"currency,omitempty"`
	Node               string           `json:"node,omitempty"`
	SendDate           string           `json:"send_date,omitempty"`
	PlanDeliveryDate   string           `json:"plan_delivery_date,omitempty"`
	WmsCoID            int64            `json:"wms_co_id,omitempty"`
	OuterSoID          string           `json:"outer_so_id,omitempty"`
	CreatorName        string           `json:"creator_name,omitempty"`
	InvoiceType        string           `json:"invoice_type,omitempty"`
	InvoiceTitle       string           `json:"invoice_title,omitempty"`
	BuyerTaxNo         string           `json:"buyer_tax_no,omitempty"`
	BuyerPaidAmount    json.Number      `json:"buyer_paid_amount,omitempty"`
	SellerIncomeAmount json.Number      `json:"seller_income_amount,omitempty"`
	Items              []bareUploadItem `json:"items"`
	Pay                *bareUploadPay   `json:"pay,omitempty"`
}

type bareUploadItem struct {
	SKUID           string      `json:"sku_id"`
	ShopSKUID       string      `json:"shop_sku_id,omitempty"`
	ShopIID         string      `json:"shop_i_id,omitempty"`
	IID             string      `json:"i_id,omitempty"`
	Pic             string      `json:"pic,omitempty"`
	PropertiesValue string      `json:"properties_value,omitempty"`
	Amount          json.Number `json:"amount"`
	Price           json.Number `json:"price"`
	BasePrice       json.Number `json:"base_price,omitempty"`
	Qty             int         `json:"qty"`
	RefundQty       int         `json:"refund_qty,omitempty"`
	Name            string      `json:"name,omitempty"`
	RefundStatus    string      `json:"refund_status,omitempty"`
	OuterOiID       string      `json:"outer_oi_id,omitempty"`
	Remark          string      `json:"remark,omitempty"`
	BatchID         string      `json:"batch_id,omitempty"`
	IsGift          bool        `json:"is_gift"`
}

type bareUploadPay struct {
	OuterPayID    string      `json:"outer_pay_id,omitempty"`
	PayDate       string      `json:"pay_date,omitempty"`
	Payment       string      `json:"payment,omitempty"`
	SellerAccount string      `json:"seller_account,omitempty"`
	BuyerAccount  string      `json:"buyer_account,omitempty"`
	Amount        json.Number `json:"amount"`
}

type bareUploadRow struct {
	OID       duijie.Int64 `json:"o_id"`
	SoID      string       `json:"so_id"`
	IsSuccess bool         `json:"issuccess"`
	Msg       string       `json:"msg"`
}

func jstTime(t duijie.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(duijie.CST()).Format(duijie.LayoutDateTime)
}

func jstAmount(a duijie.Amount, scale int32, omitZero bool) json.Number {
	if omitZero && a.IsZero() {
		return ""
	}
	return json.Number(a.Fixed(scale))
}

// uploadOrders sends the orders the way the hand-written client keeps
// them and reads one outcome per order.
func (c *bareJST) uploadOrders(orders []jushuitan.UploadOrder) (*jushuitan.UploadOrdersResponse, error) {
	wire := make([]bareUploadOrder, len(orders))
	for i := range orders {
		o := &orders[i]
		w := bareUploadOrder{ShopID: o.ShopID, SoID: o.SoID, OrderDate: jstTime(o.OrderDate), ShopStatus: string(o.ShopStatus),
			ShopBuyerID: o.ShopBuyerID, ReceiverState: o.ReceiverState, ReceiverCity: o.ReceiverCity, ReceiverDistrict: o.ReceiverDistrict,
			ReceiverTown: o.ReceiverTown, ReceiverAddress: o.ReceiverAddress, ReceiverName: o.ReceiverName, ReceiverPhone: o.ReceiverPhone,
			ReceiverMobile: o.ReceiverMobile, ReceiverZip: o.ReceiverZip, PayAmount: jstAmount(o.PayAmount, 2, false),
			Freight: jstAmount(o.Freight, 2, false), BuyerMessage: o.BuyerMessage, Remark: o.Remark, ShopModified: jstTime(o.ShopModified),
			IsCOD: o.IsCOD, LID: o.LID, LcID: o.LcID, LogisticsCompany: o.LogisticsCompany, Labels: o.Labels,
			BuyerPaidAmount: jstAmount(o.BuyerPaidAmount, 2, true), SellerIncomeAmount: jstAmount(o.SellerIncomeAmount, 2, true),
			Items: make([]bareUploadItem, len(o.Items))}
		for j, it := range o.Items {
			w.Items[j] = bareUploadItem{SKUID: it.SKUID, ShopSKUID: it.ShopSKUID, ShopIID: it.ShopIID, IID: it.IID, Pic: it.Pic,
				PropertiesValue: it.PropertiesValue, Amount: jstAmount(it.Amount, 2, false), Price: jstAmount(it.Price, 4, false),
				BasePrice: jstAmount(it.BasePrice, 4, true), Qty: it.Qty, Name: it.Name, OuterOiID: it.OuterOiID, IsGift: it.IsGift}
		}
		if p := o.Pay; p != nil {
			w.Pay = &bareUploadPay{OuterPayID: p.OuterPayID, PayDate: jstTime(p.PayDate), Payment: p.Payment,
				SellerAccount: p.SellerAccount, BuyerAccount: p.BuyerAccount, Amount: jstAmount(p.Amount, 2, false)}
		}
		wire[i] = w
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(wire); err != nil {
		return nil, err
	}
	biz := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	var a bareAnswer[struct {
		Datas []bareUploadRow `json:"datas"`
	}]
	if err := c.post("/open/jushuitan/orders/upload", biz, &a); err != nil {
		return nil, err
	}
	if a.Code != "0" {
		return nil, fmt.Errorf("refused: %s %s", a.Code, a.Msg)
	}
	res := &jushuitan.UploadOrdersResponse{Results: make([]jushuitan.UploadResult, len(orders))}
	for i, o := range orders {
		r := jushuitan.UploadResult{Index: i, ShopID: o.ShopID, SoID: o.SoID, Unknown: true}
		if i < len(a.Data.Datas) && a.Data.Datas[i].SoID == o.SoID {
			d := a.Data.Datas[i]
			r.OK, r.OID, r.Message, r.Unknown = d.IsSuccess, d.OID, d.Msg, false
		}
		res.Results[i] = r
	}
	return res, nil
}

// jstOrders puts n orders of two lines and one payment in the fake.
func jstOrders(srv *jushuitantest.Server, n int) {
	price, _ := duijie.ParseAmount("99.50")
	two, _ := duijie.ParseAmount("2")
	at := duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST()))
	for i := range n {
		so := fmt.Sprintf("SO%06d", i)
		srv.PutOrder(jushuitan.Order{SoID: so, ShopID: jushuitantest.ShopID, ShopName: "自有商城", CoID: 1, Status: "WaitConfirm",
			ShopStatus: "WAIT_SELLER_SEND_GOODS", Type: "普通订单", OrderFrom: "WAP", OrderDate: at, PayDate: at, Created: at,
			PayAmount: price.Mul(two), PaidAmount: price.Mul(two), ReceiverState: "广东省", ReceiverCity: "深圳市", ReceiverDistrict: "南山区",
			ReceiverAddress: "科技园1号", ReceiverName: "收货人", ReceiverMobile: "13800000000", ShopBuyerID: "buyer", BuyerMessage: "尽快发货",
			Items: []jushuitan.OrderItem{
				{OiID: duijie.Int64(i*2 + 1), SKUID: "SKU-A", IID: "I-A", Name: "手机", PropertiesValue: "黑色;128G", Qty: two, Price: price, BasePrice: price, Amount: price.Mul(two), OuterOiID: so + "-1"},
				{OiID: duijie.Int64(i*2 + 2), SKUID: "SKU-B", IID: "I-B", Name: "手机壳", Qty: two, Price: duijie.AmountFromInt(0), Amount: duijie.AmountFromInt(0), IsGift: true, OuterOiID: so + "-2"},
			},
			Pays: []jushuitan.OrderPay{{PayID: "P" + so, OuterPayID: "OP" + so, PayDate: at, Payment: "支付宝", BuyerAccount: "buyer@example.com", Amount: price.Mul(two), Status: "Confirmed"}},
		})
	}
}

// jstUploads returns n orders to upload.
func jstUploads(n int) []jushuitan.UploadOrder {
	price, _ := duijie.ParseAmount("199.00")
	at := duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST()))
	orders := make([]jushuitan.UploadOrder, n)
	for i := range orders {
		so := fmt.Sprintf("U%05d", i)
		orders[i] = jushuitan.UploadOrder{ShopID: jushuitantest.ShopID, SoID: so, OrderDate: at, ShopStatus: jushuitan.StatusWaitSellerSendGoods,
			ShopBuyerID: "buyer", ReceiverState: "广东省", ReceiverCity: "深圳市", ReceiverDistrict: "南山区", ReceiverAddress: "科技园1号",
			ReceiverName: "收货人", ReceiverMobile: "13800000000", PayAmount: price, BuyerMessage: "尽快发货",
			Items: []jushuitan.UploadOrderItem{{SKUID: "SKU-A", IID: "I-A", Name: "手机", PropertiesValue: "黑色;128G", Qty: 1, Price: price, Amount: price, OuterOiID: so + "-1"}},
			Pay:   &jushuitan.UploadOrderPay{OuterPayID: "P" + so, PayDate: at, Payment: "支付宝", BuyerAccount: "buyer@example.com", Amount: price}}
	}
	return orders
}

// jstPair is the SDK client and the bare client against one fake, with
// rate limits off on both ends and one fixed clock.
type jstPair struct {
	srv  *jushuitantest.Server
	sdk  *jushuitan.Client
	bare *bareJST
	now  time.Time
}

func newJSTPair(tb testing.TB, rt http.RoundTripper) *jstPair {
	srv := jushuitantest.NewServer(jushuitantest.WithRateLimit(0, 0))
	tb.Cleanup(srv.Close)
	now := time.Now()
	clock := func() time.Time { return now }
	// Both sides get the same http.Client settings (no timeout, the
	// default transport unless rt is given), each its own client.
	hc := &http.Client{Transport: rt}
	opts := []duijie.Option{duijie.WithBaseURL(srv.URL()), duijie.WithRateLimit(), duijie.WithClock(clock),
		duijie.WithHTTPClient(&http.Client{Transport: rt})}
	sdk, err := jushuitan.NewClient(srv.Config(), opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return &jstPair{srv: srv, sdk: sdk, bare: newBareJST(srv, hc, clock), now: now}
}

func (p *jstPair) window() (time.Time, time.Time) { return p.now.Add(-time.Hour), p.now.Add(time.Hour) }

func (p *jstPair) orderQuery(size int) *jushuitan.OrderQuery {
	from, to := p.window()
	return &jushuitan.OrderQuery{ModifiedBegin: from, ModifiedEnd: to, PageIndex: 1, PageSize: size}
}

// TestPairedJushuitanSameBytes proves the bare client of
// BenchmarkPairedJushuitan sends what the SDK sends for the same input and
// clock, and reads the same rows.
func TestPairedJushuitanSameBytes(t *testing.T) {
	rec := &wireRecorder{}
	p := newJSTPair(t, rec)
	jstOrders(p.srv, 25)
	same := func(t *testing.T, what string) {
		t.Helper()
		got := rec.take()
		if len(got) != 2 {
			t.Fatalf("%s: %d requests sent, want 2", what, len(got))
		}
		sameWire(t, what, got[0], got[1])
	}
	t.Run("orders", func(t *testing.T) {
		sp, err := p.sdk.QueryOrders(context.Background(), p.orderQuery(10))
		if err != nil {
			t.Fatal(err)
		}
		from, to := p.window()
		bp, err := p.bare.queryOrders(from, to, 1, 10)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "QueryOrders")
		if len(sp.Items) != 10 || fmt.Sprint(sp) != fmt.Sprint(bp) {
			t.Errorf("pages differ:\nSDK  %+v\nbare %+v", sp, bp)
		}
	})
	t.Run("upload", func(t *testing.T) {
		orders := jstUploads(10)
		orders[3].Freight, _ = duijie.ParseAmount("8")
		orders[4].Items[0].BasePrice, _ = duijie.ParseAmount("219.5")
		sr, err := p.sdk.UploadOrders(context.Background(), &jushuitan.UploadOrdersRequest{Orders: orders})
		if err != nil {
			t.Fatal(err)
		}
		br, err := p.bare.uploadOrders(orders)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "UploadOrders")
		if len(sr.Results) != 10 || len(br.Results) != 10 {
			t.Fatalf("results: SDK %d, bare %d", len(sr.Results), len(br.Results))
		}
		for i := range sr.Results {
			s, b := sr.Results[i], br.Results[i]
			// The second upload of an order updates it: same outcome, same OID.
			if !s.OK || s != b {
				t.Errorf("result %d: SDK %+v, bare %+v", i, s, b)
			}
		}
	})
}

// BenchmarkPairedJushuitan compares the SDK with the bare client in paired
// alternating rounds (see paired) on the vendor's typical read, a page of
// orders (the 1,000-row read walks ten pages of 100, the vendor's page-size
// maximum), and its typical write, an order upload (at most 50 a call).
func BenchmarkPairedJushuitan(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("read_orders_%d", n), func(b *testing.B) {
			p := newJSTPair(b, nil)
			jstOrders(p.srv, n)
			size := min(n, jushuitan.MaxOrderPageSize)
			from, to := p.window()
			sdk := func() {
				rows := 0
				for _, err := range p.sdk.Orders(ctx, p.orderQuery(size)) {
					if err != nil {
						b.Fatal(err)
					}
					rows++
				}
				if rows != n {
					b.Fatalf("SDK read %d rows, want %d", rows, n)
				}
			}
			bare := func() {
				rows := 0
				for page := 1; ; page++ {
					pg, err := p.bare.queryOrders(from, to, page, size)
					if err != nil {
						b.Fatal(err)
					}
					rows += len(pg.Items)
					if !pg.HasMore {
						break
					}
				}
				if rows != n {
					b.Fatalf("bare read %d rows, want %d", rows, n)
				}
			}
			paired(b, sdk, bare)
		})
	}
	for _, n := range []int{1, 10, jushuitan.MaxUploadOrders} {
		b.Run(fmt.Sprintf("upload_orders_%d", n), func(b *testing.B) {
			p := newJSTPair(b, nil)
			req := &jushuitan.UploadOrdersRequest{Orders: jstUploads(n)}
			sdk := func() {
				res, err := p.sdk.UploadOrders(ctx, req)
				var be *duijie.BatchError
				if err != nil || len(res.Results) != n || errors.As(err, &be) {
					b.Fatal(err)
				}
			}
			bare := func() {
				res, err := p.bare.uploadOrders(req.Orders)
				if err != nil || len(res.Results) != n || !res.Results[n-1].OK {
					b.Fatal(err)
				}
			}
			paired(b, sdk, bare)
		})
	}
}
