package yihua

import (
	"encoding/xml"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

func amt(s string) duijie.Amount {
	a, err := duijie.ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

func at(y int, mo time.Month, d, h, mi, s int) duijie.Time {
	return duijie.Time{Time: time.Date(y, mo, d, h, mi, s, 0, duijie.CST())}
}

// seedTrade is the order of the vendor's examples.
func seedTrade() *Trade {
	line := func(goods, product, old, price, fee string) Detail {
		return Detail{GoodsID: goods, YhProductID: product, GoodsNumber: amt("1"), OldPrice: amt(old), Price: amt(price),
			ContractFeeItem: amt(fee), OtherFeeItem: amt("0.0000"), ReductionFeeItem: amt("0.0000"),
			CreateTime: at(2020, 3, 23, 15, 54, 20)}
	}
	return &Trade{
		Master: Master{
			TradeType: TradeTypeFixed, TradeID: "6647762366539116544", CreateTime: at(2020, 3, 23, 15, 54, 17),
			OriginalMoney: amt("106.4000"), FactMoney: amt("79.8"), ContractFeeBefore: amt("26.6000"),
			ContractFee: amt("0.0000"), OtherFee: amt("0.0000"), ReductionFee: amt("0.0000"), Freight: amt("0.0000"),
			LateFee: amt("0.0"), PayTime: at(2020, 3, 23, 15, 55, 15), RefundFee: amt("0.0000"),
			TradeSource: TradeSourceWeChat, ProvinceID: "山东", CityID: "泰安", DistrictID: "泰山区", BuyerAddress: "泰安",
			BuyerName: "未设置昵称", BuyerPhone: "15618937285", ReceiptID: "6647762547544305664", PayStatus: PayStatusPaid,
			TotalMoney: amt("79.8000"),
		},
		Details: []Detail{
			line("6646654848093933568", "268E6E1D13754EE9878E31A6F7EB9C43", "32.8000", "24.6000", "8.2000"),
			line("6645888394863984640", "3F303A1104AC4A80A438E306F8AFCCA3", "36.8000", "27.6000", "9.2000"),
			line("6645888392884273152", "E580F5216E604C50A0D7472298FEEC60", "36.8000", "27.6000", "9.2000"),
		},
		Pays: []Pay{{FactMoney: amt("79.8"), PayChannel: PayChannelWeChat}},
	}
}

func golden(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return string(b)
}

func TestEncoderReproducesSeedExamples(t *testing.T) {
	tr := seedTrade()
	assert.Equal(t, golden(t, "seed_master.xml"), EncodeMaster(&tr.Master))
	assert.Equal(t, golden(t, "seed_detail.xml"), EncodeDetails(tr.Details))
	assert.Equal(t, golden(t, "seed_pay.xml"), EncodePays(tr.Pays))
}

func TestDecodeSeedExamplesRoundTrip(t *testing.T) {
	m, err := DecodeMaster(golden(t, "seed_master.xml"))
	require.NoError(t, err)
	ds, err := DecodeDetails(golden(t, "seed_detail.xml"))
	require.NoError(t, err)
	ps, err := DecodePays(golden(t, "seed_pay.xml"))
	require.NoError(t, err)
	assert.Equal(t, golden(t, "seed_master.xml"), EncodeMaster(m))
	assert.Equal(t, golden(t, "seed_detail.xml"), EncodeDetails(ds))
	assert.Equal(t, golden(t, "seed_pay.xml"), EncodePays(ps))
	assert.Equal(t, "6647762366539116544", m.TradeID)
	assert.True(t, m.RefundTime.IsZero())
	assert.True(t, m.CreateTime.Equal(at(2020, 3, 23, 15, 54, 17).Time))
	require.Len(t, ds, 3)
	assert.Equal(t, "8.2", ds[0].ContractFeeItem.String())
}

func TestFormats(t *testing.T) {
	assert.Equal(t, "2020/3/23 15:54:17", FormatTime(at(2020, 3, 23, 15, 54, 17)))
	assert.Equal(t, "2021/12/1 0:05:09", FormatTime(at(2021, 12, 1, 0, 5, 9)))
	assert.Equal(t, "1900/1/1 0:00:00", FormatTime(duijie.Time{}))
	// Times in another zone are written in China time.
	assert.Equal(t, "2024/1/1 7:30:00", FormatTime(duijie.Time{Time: time.Date(2023, 12, 31, 23, 30, 0, 0, time.UTC)}))
	assert.Equal(t, "0.0000", FormatMoney(duijie.Amount{}))
	assert.Equal(t, "12.0000", FormatMoney(duijie.AmountFromInt(12)))
	assert.Equal(t, "79.8", FormatMoney(amt("79.8")))
	assert.Equal(t, "0.0", FormatMoney(amt("0.0")))
	assert.Equal(t, "1", FormatQuantity(amt("1")))
	assert.Equal(t, "2.5", FormatQuantity(amt("2.5")))
}

func TestEscapingCannotBreakXML(t *testing.T) {
	tr := seedTrade()
	tr.Master.Remark = `a"b'c<d>e&f` + "\tg\nh\ri" + `" /><master TradeType="x`
	tr.Master.BuyerName = "坏\x00名\x1f"
	tr.Details[0].Remark = "</detail>"
	doc := EncodeMaster(&tr.Master)
	assert.Contains(t, doc, `Remark="a&#34;b&#39;c&lt;d&gt;e&amp;f&#x9;g&#xA;h&#xD;i&#34; /&gt;&lt;master TradeType=&#34;x"`)
	assert.Contains(t, doc, `BuyerName="坏`+"\uFFFD"+`名`+"\uFFFD"+`"`)
	m, err := DecodeMaster(doc)
	require.NoError(t, err)
	assert.Equal(t, tr.Master.Remark, m.Remark, "tabs and newlines survive the round trip")
	ds, err := DecodeDetails(EncodeDetails(tr.Details))
	require.NoError(t, err)
	assert.Equal(t, "</detail>", ds[0].Remark)
	// The same bytes encoding/xml writes for attribute text.
	var b strings.Builder
	require.NoError(t, xml.EscapeText(&b, []byte(`a"b'c<d>e&f`+"\tg\nh\ri")))
	assert.Equal(t, string(appendEscaped(nil, `a"b'c<d>e&f`+"\tg\nh\ri")), b.String())
}

func TestStrictDecoderRefuses(t *testing.T) {
	good := golden(t, "seed_pay.xml")
	for name, doc := range map[string]string{
		"not xml":           "pay",
		"unclosed":          `<pay><pay FactMoney="1" PayChannel="x" />`,
		"wrong element":     `<pay><paid FactMoney="1" PayChannel="x" /></pay>`,
		"missing attribute": `<pay><pay FactMoney="1" /></pay>`,
		"extra attribute":   `<pay><pay FactMoney="1" PayChannel="x" Extra="1" /></pay>`,
		"bad number":        `<pay><pay FactMoney="1,5" PayChannel="x" /></pay>`,
		"exponent number":   `<pay><pay FactMoney="1e3" PayChannel="x" /></pay>`,
		"text content":      `<pay>hello<pay FactMoney="1" PayChannel="x" /></pay>`,
		"two wrappers":      good + good,
		"nested too deep":   `<pay><pay FactMoney="1" PayChannel="x"><pay/></pay></pay>`,
	} {
		_, err := DecodePays(doc)
		assert.Error(t, err, name)
	}
	_, err := DecodeMaster(strings.Replace(golden(t, "seed_master.xml"), `CreateTime="2020/3/23 15:54:17"`, `CreateTime="2020-03-23 15:54:17"`, 1))
	assert.ErrorContains(t, err, "CreateTime")
	_, err = DecodeMaster(`<master></master>`)
	assert.Error(t, err)
}

func FuzzEncodeDecodeRoundTrip(f *testing.F) {
	f.Add("备注", "6646654848093933568", "32.8000", "1", int64(1584950057))
	f.Add(`<"&'>`, "", "0", "0.5", int64(0))
	f.Add("\x00\t\n\r\xff", "x", "-1", "2", int64(-1))
	f.Fuzz(func(t *testing.T, remark, goods, price, qty string, unix int64) {
		tr := seedTrade()
		tr.Master.Remark = remark
		tr.Details[0].GoodsID = goods
		tr.Details[0].Remark = remark
		if p, err := duijie.ParseAmount(price); err == nil {
			tr.Details[0].Price = p
		}
		if q, err := duijie.ParseAmount(qty); err == nil {
			tr.Details[0].GoodsNumber = q
		}
		if unix > -1e10 && unix < 1e10 {
			tr.Master.PayTime = duijie.Time{Time: time.Unix(unix, 0)}
		}
		master, details := EncodeMaster(&tr.Master), EncodeDetails(tr.Details)
		m, err := DecodeMaster(master)
		if err != nil {
			t.Fatalf("encoder wrote a master its decoder refuses: %v\n%s", err, master)
		}
		ds, err := DecodeDetails(details)
		if err != nil {
			t.Fatalf("encoder wrote details its decoder refuses: %v\n%s", err, details)
		}
		if EncodeMaster(m) != master || EncodeDetails(ds) != details {
			t.Fatalf("re-encoding differs")
		}
		if tr.Validate() == nil && (m.Remark != remark || ds[0].GoodsID != goods) {
			t.Fatalf("valid text changed in the round trip: %q -> %q", remark, m.Remark)
		}
	})
}

func FuzzDecodeDetails(f *testing.F) {
	f.Add(`<detail><detail GoodsID="1" yhProductID="" GoodsNumber="1" OldPrice="1" Price="1" ContractFeeItem="0" OtherFeeItem="0" ReductionFeeItem="0" CreateTime="2020/3/23 15:54:20" Remark="" /></detail>`)
	f.Add(`<detail></detail>`)
	f.Fuzz(func(t *testing.T, doc string) {
		ds, err := DecodeDetails(doc)
		if err != nil {
			return
		}
		again, err := DecodeDetails(EncodeDetails(ds))
		if err != nil || len(again) != len(ds) {
			t.Fatalf("decoded details do not survive re-encoding: %v", err)
		}
	})
}
