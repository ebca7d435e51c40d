package yihua

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/duijie/duijie"
)

// The encoding/xml implementation of the same output, kept as the baseline
// the hand-written encoder is measured against and compared with byte for
// byte. encoding/xml writes attributes in struct field order, escapes
// attribute text as the hand-written encoder does, and never self-closes an
// element, so " />" is put in afterwards.

type xmlDetailRow struct {
	XMLName          xml.Name `xml:"detail"`
	GoodsID          string   `xml:"GoodsID,attr"`
	YhProductID      string   `xml:"yhProductID,attr"`
	GoodsNumber      string   `xml:"GoodsNumber,attr"`
	OldPrice         string   `xml:"OldPrice,attr"`
	Price            string   `xml:"Price,attr"`
	ContractFeeItem  string   `xml:"ContractFeeItem,attr"`
	OtherFeeItem     string   `xml:"OtherFeeItem,attr"`
	ReductionFeeItem string   `xml:"ReductionFeeItem,attr"`
	CreateTime       string   `xml:"CreateTime,attr"`
	Remark           string   `xml:"Remark,attr"`
}

type xmlDetails struct {
	XMLName xml.Name       `xml:"detail"`
	Rows    []xmlDetailRow `xml:"detail"`
}

func encodeDetailsStdlib(ds []Detail) ([]byte, error) {
	doc := xmlDetails{Rows: make([]xmlDetailRow, len(ds))}
	for i, d := range ds {
		doc.Rows[i] = xmlDetailRow{
			GoodsID: d.GoodsID, YhProductID: d.YhProductID, GoodsNumber: FormatQuantity(d.GoodsNumber),
			OldPrice: FormatMoney(d.OldPrice), Price: FormatMoney(d.Price), ContractFeeItem: FormatMoney(d.ContractFeeItem),
			OtherFeeItem: FormatMoney(d.OtherFeeItem), ReductionFeeItem: FormatMoney(d.ReductionFeeItem),
			CreateTime: FormatTime(d.CreateTime), Remark: d.Remark,
		}
	}
	b, err := xml.Marshal(doc)
	if err != nil {
		return nil, err
	}
	// encoding/xml never writes self-closing elements.
	return bytes.ReplaceAll(b, []byte(`"></detail>`), []byte(`" />`)), nil
}

type xmlMasterRow struct {
	XMLName           xml.Name `xml:"master"`
	TradeType         string   `xml:"TradeType,attr"`
	TradeID           string   `xml:"TradeID,attr"`
	CreateTime        string   `xml:"CreateTime,attr"`
	OriginalMoney     string   `xml:"OriginalMoney,attr"`
	FactMoney         string   `xml:"FactMoney,attr"`
	ContractFeeBefore string   `xml:"ContractFeeBefore,attr"`
	ContractFee       string   `xml:"ContractFee,attr"`
	OtherFee          string   `xml:"OtherFee,attr"`
	ReductionFee      string   `xml:"ReductionFee,attr"`
	Freight           string   `xml:"Freight,attr"`
	LateFee           string   `xml:"LateFee,attr"`
	PayTime           string   `xml:"PayTime,attr"`
	RefundFee         string   `xml:"RefundFee,attr"`
	RefundTime        string   `xml:"RefundTime,attr"`
	TradeSource       string   `xml:"TradeSource,attr"`
	ProvinceID        string   `xml:"ProvinceID,attr"`
	CityID            string   `xml:"CityID,attr"`
	DistrictID        string   `xml:"DistrictID,attr"`
	BuyerAddress      string   `xml:"BuyerAddress,attr"`
	BuyerName         string   `xml:"BuyerName,attr"`
	BuyerPhone        string   `xml:"BuyerPhone,attr"`
	OuterID           string   `xml:"OuterID,attr"`
	ReceiptID         string   `xml:"ReceiptID,attr"`
	Remark            string   `xml:"Remark,attr"`
	SaleUID           string   `xml:"SaleUID,attr"`
	PayStatus         string   `xml:"PayStatus,attr"`
	TotalMoney        string   `xml:"TotalMoney,attr"`
	ZipCode           string   `xml:"ZipCode,attr"`
	DelayTime         string   `xml:"DelayTime,attr"`
	ThirdPartyData    string   `xml:"ThirdPartyData,attr"`
}

type xmlMaster struct {
	XMLName xml.Name     `xml:"master"`
	Row     xmlMasterRow `xml:"master"`
}

func encodeMasterStdlib(m *Master) ([]byte, error) {
	doc := xmlMaster{Row: xmlMasterRow{
		TradeType: string(m.TradeType), TradeID: m.TradeID, CreateTime: FormatTime(m.CreateTime),
		OriginalMoney: FormatMoney(m.OriginalMoney), FactMoney: FormatMoney(m.FactMoney),
		ContractFeeBefore: FormatMoney(m.ContractFeeBefore), ContractFee: FormatMoney(m.ContractFee),
		OtherFee: FormatMoney(m.OtherFee), ReductionFee: FormatMoney(m.ReductionFee), Freight: FormatMoney(m.Freight),
		LateFee: FormatMoney(m.LateFee), PayTime: FormatTime(m.PayTime), RefundFee: FormatMoney(m.RefundFee),
		RefundTime: FormatTime(m.RefundTime), TradeSource: string(m.TradeSource), ProvinceID: m.ProvinceID,
		CityID: m.CityID, DistrictID: m.DistrictID, BuyerAddress: m.BuyerAddress, BuyerName: m.BuyerName,
		BuyerPhone: m.BuyerPhone, OuterID: m.OuterID, ReceiptID: m.ReceiptID, Remark: m.Remark, SaleUID: m.SaleUID,
		PayStatus: string(m.PayStatus), TotalMoney: FormatMoney(m.TotalMoney), ZipCode: m.ZipCode,
		DelayTime: FormatTime(m.DelayTime), ThirdPartyData: m.ThirdPartyData,
	}}
	b, err := xml.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return bytes.Replace(b, []byte(`"></master></master>`), []byte(`" /></master>`), 1), nil
}

type xmlPayRow struct {
	XMLName    xml.Name `xml:"pay"`
	FactMoney  string   `xml:"FactMoney,attr"`
	PayChannel string   `xml:"PayChannel,attr"`
}

type xmlPays struct {
	XMLName xml.Name    `xml:"pay"`
	Rows    []xmlPayRow `xml:"pay"`
}

func encodePaysStdlib(ps []Pay) ([]byte, error) {
	doc := xmlPays{Rows: make([]xmlPayRow, len(ps))}
	for i, p := range ps {
		doc.Rows[i] = xmlPayRow{FactMoney: FormatMoney(p.FactMoney), PayChannel: string(p.PayChannel)}
	}
	b, err := xml.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return bytes.ReplaceAll(b, []byte(`"></pay>`), []byte(`" />`)), nil
}

// transferBodyStdlib is the JSON body TransferTrade sends, built as a
// client on the standard library builds it: the documents with encoding/xml,
// the body with encoding/json (HTML escaping off).
func transferBodyStdlib(cred *credentials, tr *Trade, th, audit int, proc Procedure) ([]byte, error) {
	master, err := encodeMasterStdlib(&tr.Master)
	if err != nil {
		return nil, err
	}
	details, err := encodeDetailsStdlib(tr.Details)
	if err != nil {
		return nil, err
	}
	pays, err := encodePaysStdlib(tr.Pays)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	err = e.Encode(struct {
		PlatformID, UserAccessToken, UID, MasterXml, DetailXml, PayXml string
		TH, Audit                                                      int
		StoredProcedureName                                            string
	}{cred.PlatformID, cred.UserAccessToken, cred.UID, string(master), string(details), string(pays), th, audit, string(proc)})
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

// benchTrade is the seed's order with n lines whose remarks need escaping.
func benchTrade(n int) *Trade {
	tr := seedTrade()
	tr.Master.Remark = `含"引号"与<尖括号>&`
	tr.Details = manyDetails(n)
	return tr
}

var benchCred = credentials{PlatformID: "YHDT001", UserAccessToken: "tok-secret-1", UID: "u1"}

func TestStdlibTransferBodyIsTheSame(t *testing.T) {
	for _, n := range []int{1, 50, 1000} {
		tr := benchTrade(n)
		want, err := transferBodyStdlib(&benchCred, tr, 0, 1, ProcedureSale)
		if err != nil {
			t.Fatal(err)
		}
		if got := transferBody(BodyJSON, &benchCred, tr, 0, 1, ProcedureSale); !bytes.Equal(got, want) {
			t.Fatalf("%d lines: bodies differ:\n%s\n%s", n, got, want)
		}
	}
}

// BenchmarkTransferBody measures the path TransferTrade takes from a
// validated trade to the bytes it posts (the three documents and the JSON
// body, transferBody) against encoding/xml and encoding/json producing the
// same bytes (TestStdlibTransferBodyIsTheSame).
func BenchmarkTransferBody(b *testing.B) {
	for _, n := range []int{1, 50, 1000} {
		tr := benchTrade(n)
		b.Run(fmt.Sprintf("lines_%d/duijie", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = transferBody(BodyJSON, &benchCred, tr, 0, 1, ProcedureSale)
			}
		})
		b.Run(fmt.Sprintf("lines_%d/encoding-xml", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := transferBodyStdlib(&benchCred, tr, 0, 1, ProcedureSale); err != nil {
					b.Fatal(err)
				}
			}
		})
		// Alternating rounds of both, so that a busy machine weighs on
		// both alike: the median of encoding/xml's time over duijie's.
		b.Run(fmt.Sprintf("lines_%d/speedup", n), func(b *testing.B) {
			var ratios []float64
			for b.Loop() {
				start := time.Now()
				for range 4 {
					_ = transferBody(BodyJSON, &benchCred, tr, 0, 1, ProcedureSale)
				}
				own := time.Since(start)
				start = time.Now()
				for range 4 {
					if _, err := transferBodyStdlib(&benchCred, tr, 0, 1, ProcedureSale); err != nil {
						b.Fatal(err)
					}
				}
				ratios = append(ratios, float64(time.Since(start))/float64(own))
			}
			slices.Sort(ratios)
			b.ReportMetric(ratios[len(ratios)/2], "x-faster")
			b.ReportMetric(ratios[len(ratios)*3/4]-ratios[len(ratios)/4], "x-iqr")
		})
	}
}

func manyDetails(n int) []Detail {
	base := seedTrade().Details
	out := make([]Detail, 0, n)
	for i := range n {
		d := base[i%len(base)]
		d.Remark = `含"引号"与<尖括号>&`
		out = append(out, d)
	}
	return out
}

func TestStdlibBaselineWritesTheSameBytes(t *testing.T) {
	for _, ds := range [][]Detail{seedTrade().Details, manyDetails(50)} {
		want, err := encodeDetailsStdlib(ds)
		if err != nil {
			t.Fatal(err)
		}
		if got := EncodeDetails(ds); got != string(want) {
			t.Fatalf("encoders differ:\n%s\n%s", got, want)
		}
	}
	tr := seedTrade()
	for _, want := range []string{golden(t, "seed_master.xml"), golden(t, "seed_pay.xml")} {
		var got []byte
		var err error
		if strings.HasPrefix(want, "<master>") {
			got, err = encodeMasterStdlib(&tr.Master)
		} else {
			got, err = encodePaysStdlib(tr.Pays)
		}
		if err != nil || string(got) != want {
			t.Fatalf("the encoding/xml baseline does not reproduce the seed (%v):\n%s\n%s", err, got, want)
		}
	}
}

// FuzzEncoderMatchesEncodingXML checks that the hand-written encoder and
// the encoding/xml baseline write the same bytes for any text and amount.
func FuzzEncoderMatchesEncodingXML(f *testing.F) {
	f.Add("备注", `"<&'>`, "79.8", int64(1584950057))
	f.Add("\x00\t\n\r\xff\ufffe", "", "-0.00001", int64(0))
	f.Add("]]>", "\u2028", "123456789012345678901234567890.5", int64(-1))
	f.Fuzz(func(t *testing.T, s1, s2, amount string, unix int64) {
		tr := seedTrade()
		m := &tr.Master
		m.Remark, m.BuyerName, m.TradeID, m.ThirdPartyData = s1, s2, s1+s2, s2
		if a, err := duijie.ParseAmount(amount); err == nil && len(amount) < 64 {
			m.FactMoney, tr.Details[0].GoodsNumber, tr.Pays[0].FactMoney = a, a, a
		}
		if unix > -1e10 && unix < 1e10 {
			m.PayTime = duijie.Time{Time: time.Unix(unix, 0)}
		}
		tr.Details[1].Remark, tr.Pays[0].PayChannel = s1, PayChannel(s2)
		for name, pair := range map[string][2]func() ([]byte, error){
			"master":  {func() ([]byte, error) { return AppendMaster(nil, m), nil }, func() ([]byte, error) { return encodeMasterStdlib(m) }},
			"details": {func() ([]byte, error) { return AppendDetails(nil, tr.Details), nil }, func() ([]byte, error) { return encodeDetailsStdlib(tr.Details) }},
			"pays":    {func() ([]byte, error) { return AppendPays(nil, tr.Pays), nil }, func() ([]byte, error) { return encodePaysStdlib(tr.Pays) }},
		} {
			got, _ := pair[0]()
			want, err := pair[1]()
			if err != nil {
				t.Fatalf("%s: encoding/xml: %v", name, err)
			}
			if string(got) != string(want) {
				t.Fatalf("%s differs:\n%q\n%q", name, got, want)
			}
		}
	})
}

func BenchmarkEncodeDetails(b *testing.B) {
	ds := manyDetails(50)
	b.Run("duijie", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf = AppendDetails(buf[:0], ds)
		}
	})
	b.Run("encoding-xml", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := encodeDetailsStdlib(ds); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkEncodeMaster(b *testing.B) {
	m := &seedTrade().Master
	m.Remark = `含"引号"与<尖括号>&`
	b.Run("duijie", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf = AppendMaster(buf[:0], m)
		}
	})
	b.Run("encoding-xml", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := encodeMasterStdlib(m); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkEncodeTrade(b *testing.B) {
	tr := seedTrade()
	b.ReportAllocs()
	for b.Loop() {
		_ = EncodeMaster(&tr.Master)
		_ = EncodeDetails(tr.Details)
		_ = EncodePays(tr.Pays)
	}
}

// BenchmarkValidate measures the check TransferTrade runs before encoding,
// on a valid trade of 50 lines.
func BenchmarkValidate(b *testing.B) {
	tr := benchTrade(50)
	b.ReportAllocs()
	for b.Loop() {
		if err := tr.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
