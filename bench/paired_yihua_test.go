package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/yihua"
	"github.com/duijie/duijie/yihua/yihuatest"
)

// bareYihua is a typed hand-written Yihua client: what a competent
// developer writes against the vendor's page without the SDK. It builds the
// three XML documents by hand (fixed attribute names, text escaped with
// encoding/xml's EscapeText, amounts with shopspring's StringFixed, times
// with time.AppendFormat), the JSON body with encoding/json (HTML escaping
// off, as the vendor's examples show), POSTs it with a plain http.Client
// and decodes the answer into a typed struct and a *yihua.TransferResponse.
type bareYihua struct {
	hc  *http.Client
	url string
	cfg yihua.Config
}

// bareYihuaBody is TradeTransferToErp's parameters in the vendor's order.
type bareYihuaBody struct {
	PlatformID          string
	UserAccessToken     string
	UID                 string
	MasterXml           string
	DetailXml           string
	PayXml              string
	TH                  int
	Audit               int
	StoredProcedureName string
}

func (c *bareYihua) transfer(ctx context.Context, t *yihua.Trade) (*yihua.TransferResponse, error) {
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	enc.SetEscapeHTML(false)
	err := enc.Encode(bareYihuaBody{
		PlatformID: c.cfg.PlatformID, UserAccessToken: c.cfg.UserAccessToken.Reveal(), UID: c.cfg.UID,
		MasterXml: bareMasterXML(&t.Master), DetailXml: bareDetailXML(t.Details), PayXml: barePayXML(t.Pays),
		StoredProcedureName: string(yihua.ProcedureSale),
	})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url+yihua.ServicePath+yihua.MethodTradeTransferToErp,
		bytes.NewReader(bytes.TrimSuffix(body.Bytes(), []byte("\n"))))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("Accept", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d: %s", resp.StatusCode, answer)
	}
	var env struct {
		Code    string
		Message struct{ OuterTradeID string }
	}
	if err := json.Unmarshal(answer, &env); err != nil {
		return nil, err
	}
	if env.Code != yihua.CodeOK || env.Message.OuterTradeID == "" {
		return nil, fmt.Errorf("refused: %s", answer)
	}
	return &yihua.TransferResponse{OuterTradeID: env.Message.OuterTradeID}, nil
}

func bareAttr(b *strings.Builder, name, v string) {
	b.WriteByte(' ')
	b.WriteString(name)
	b.WriteString(`="`)
	_ = xml.EscapeText(b, []byte(v))
	b.WriteByte('"')
}

func bareMoney(b *strings.Builder, name string, a duijie.Amount) {
	bareAttr(b, name, a.Decimal().StringFixed(4))
}

func bareTime(b *strings.Builder, name string, t duijie.Time) {
	b.WriteByte(' ')
	b.WriteString(name)
	b.WriteString(`="`)
	if t.IsZero() {
		b.WriteString("1900/1/1 0:00:00")
	} else {
		var buf [32]byte
		b.Write(t.In(duijie.CST()).AppendFormat(buf[:0], "2006/1/2 15:04:05"))
	}
	b.WriteByte('"')
}

func bareMasterXML(m *yihua.Master) string {
	var b strings.Builder
	b.WriteString("<master><master")
	bareAttr(&b, "TradeType", string(m.TradeType))
	bareAttr(&b, "TradeID", m.TradeID)
	bareTime(&b, "CreateTime", m.CreateTime)
	bareMoney(&b, "OriginalMoney", m.OriginalMoney)
	bareMoney(&b, "FactMoney", m.FactMoney)
	bareMoney(&b, "ContractFeeBefore", m.ContractFeeBefore)
	bareMoney(&b, "ContractFee", m.ContractFee)
	bareMoney(&b, "OtherFee", m.OtherFee)
	bareMoney(&b, "ReductionFee", m.ReductionFee)
	bareMoney(&b, "Freight", m.Freight)
	bareMoney(&b, "LateFee", m.LateFee)
	bareTime(&b, "PayTime", m.PayTime)
	bareMoney(&b, "RefundFee", m.RefundFee)
	bareTime(&b, "RefundTime", m.RefundTime)
	bareAttr(&b, "TradeSource", string(m.TradeSource))
	bareAttr(&b, "ProvinceID", m.ProvinceID)
	bareAttr(&b, "CityID", m.CityID)
	bareAttr(&b, "DistrictID", m.DistrictID)
	bareAttr(&b, "BuyerAddress", m.BuyerAddress)
	bareAttr(&b, "BuyerName", m.BuyerName)
	bareAttr(&b, "BuyerPhone", m.BuyerPhone)
	bareAttr(&b, "OuterID", m.OuterID)
	bareAttr(&b, "ReceiptID", m.ReceiptID)
	bareAttr(&b, "Remark", m.Remark)
	bareAttr(&b, "SaleUID", m.SaleUID)
	bareAttr(&b, "PayStatus", string(m.PayStatus))
	bareMoney(&b, "TotalMoney", m.TotalMoney)
	bareAttr(&b, "ZipCode", m.ZipCode)
	bareTime(&b, "DelayTime", m.DelayTime)
	bareAttr(&b, "ThirdPartyData", m.ThirdPartyData)
	b.WriteString(" /></master>")
	return b.String()
}

func bareDetailXML(ds []yihua.Detail) string {
	var b strings.Builder
	b.WriteString("<detail>")
	for i := range ds {
		d := &ds[i]
		b.WriteString("<detail")
		bareAttr(&b, "GoodsID", d.GoodsID)
		bareAttr(&b, "yhProductID", d.YhProductID)
		bareAttr(&b, "GoodsNumber", d.GoodsNumber.Decimal().String())
		bareMoney(&b, "OldPrice", d.OldPrice)
		bareMoney(&b, "Price", d.Price)
		bareMoney(&b, "ContractFeeItem", d.ContractFeeItem)
		bareMoney(&b, "OtherFeeItem", d.OtherFeeItem)
		bareMoney(&b, "ReductionFeeItem", d.ReductionFeeItem)
		bareTime(&b, "CreateTime", d.CreateTime)
		bareAttr(&b, "Remark", d.Remark)
		b.WriteString(" />")
	}
	b.WriteString("</detail>")
	return b.String()
}

func barePayXML(ps []yihua.Pay) string {
	var b strings.Builder
	b.WriteString("<pay>")
	for i := range ps {
		b.WriteString("<pay")
		bareMoney(&b, "FactMoney", ps[i].FactMoney)
		bareAttr(&b, "PayChannel", string(ps[i].PayChannel))
		b.WriteString(" />")
	}
	b.WriteString("</pay>")
	return b.String()
}

// pairedYihuaTrade is a paid WeChat order of n lines, with Chinese text and
// a remark that needs escaping, as shops send them. Its amounts carry 4
// decimals or none and its quantities none, which the bare client writes
// with StringFixed(4) and String as the SDK writes them.
func pairedYihuaTrade(id string, n int) *yihua.Trade {
	at := func(sec int) duijie.Time {
		return duijie.NewTime(time.Date(2024, 5, 1, 10, 0, sec, 0, duijie.CST()))
	}
	money := func(s string) duijie.Amount {
		a, err := duijie.ParseAmount(s)
		if err != nil {
			panic(err)
		}
		return a
	}
	price := money("24.6000")
	total := price.Mul(duijie.AmountFromInt(int64(n)))
	t := &yihua.Trade{
		Master: yihua.Master{TradeType: yihua.TradeTypeFixed, TradeID: id, CreateTime: at(0),
			OriginalMoney: total, FactMoney: total, PayTime: at(30), TradeSource: yihua.TradeSourceWeChat,
			ProvinceID: "广东省", CityID: "深圳市", DistrictID: "南山区", BuyerAddress: "科技园科苑路 1 号",
			BuyerName: "张三", BuyerPhone: "13800000000", Remark: `请尽快发货 & 开"发票"`,
			PayStatus: yihua.PayStatusPaid, TotalMoney: total},
		Pays: []yihua.Pay{{FactMoney: total, PayChannel: yihua.PayChannelWeChat}},
	}
	for i := range n {
		t.Details = append(t.Details, yihua.Detail{GoodsID: fmt.Sprintf("66466548480939%05d", i),
			YhProductID: "268E6E1D13754EE9878E31A6F7EB9C43", GoodsNumber: duijie.AmountFromInt(1),
			OldPrice: money("32.8000"), Price: price, ContractFeeItem: money("8.2000"),
			CreateTime: at(0), Remark: "赠品<小样>"})
	}
	return t
}

// TestBareYihuaSendsTheSDKBytes proves the bare client of
// BenchmarkPairedYihua sends what the SDK sends for the same trade, byte
// for byte, and reads the same answer.
func TestBareYihuaSendsTheSDKBytes(t *testing.T) {
	srv := yihuatest.NewServer()
	defer srv.Close()
	for _, n := range []int{1, 10, 50} {
		rec := &wireRecorder{}
		hc := &http.Client{Transport: rec}
		c, err := yihua.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithHTTPClient(hc))
		if err != nil {
			t.Fatal(err)
		}
		bare := &bareYihua{hc: hc, url: srv.URL(), cfg: srv.Config()}
		tr := pairedYihuaTrade(fmt.Sprintf("T-%d", n), n)
		got, err := c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: tr})
		if err != nil {
			t.Fatal(err)
		}
		want, err := bare.transfer(context.Background(), tr)
		if err != nil {
			t.Fatal(err)
		}
		if *got != *want {
			t.Fatalf("%d lines: SDK answer %+v, bare %+v", n, got, want)
		}
		sent := rec.take()
		if len(sent) != 2 {
			t.Fatalf("%d lines: %d requests, want 2", n, len(sent))
		}
		sdk := sent[0]
		sameWire(t, fmt.Sprintf("%d lines", n), sdk, sent[1], "Content-Type", "Accept")
		if !bytes.Contains(sdk.body, []byte(`&amp; 开&#34;发票&#34;`)) || !bytes.Contains(sdk.body, []byte(`赠品&lt;小样&gt;`)) {
			t.Fatalf("%d lines: the remarks are not escaped as expected: %s", n, sdk.body)
		}
	}
	if srv.Duplicates() != 3 {
		t.Fatalf("each trade should be stored once and written twice, %d duplicates", srv.Duplicates())
	}
}

// BenchmarkPairedYihua measures TransferTrade against the bare client in
// paired alternating rounds (see paired), for trades of 1, 10 and 50
// lines and the large sizes 100 and 1,000, against the same in-process
// fake. The SDK runs with its default HTTP client; nothing records its
// requests.
func BenchmarkPairedYihua(b *testing.B) {
	srv := yihuatest.NewServer()
	defer srv.Close()
	c, err := yihua.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	if err != nil {
		b.Fatal(err)
	}
	bare := &bareYihua{hc: &http.Client{}, url: srv.URL(), cfg: srv.Config()}
	ctx := context.Background()
	for _, n := range []int{1, 10, 50, 100, 1000} {
		b.Run(fmt.Sprintf("transfer_%d_lines", n), func(b *testing.B) {
			tr := pairedYihuaTrade(fmt.Sprintf("P-%d", n), n)
			req := &yihua.TransferRequest{Trade: tr}
			paired(b, func() {
				if _, err := c.TransferTrade(ctx, req); err != nil {
					b.Fatal(err)
				}
			}, func() {
				if _, err := bare.transfer(ctx, tr); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}
