package yihua

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// The encoding/xml implementation of the same output, kept as the baseline
// the hand-written encoder is measured against.

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

func BenchmarkEncodeTrade(b *testing.B) {
	tr := seedTrade()
	b.ReportAllocs()
	for b.Loop() {
		_ = EncodeMaster(&tr.Master)
		_ = EncodeDetails(tr.Details)
		_ = EncodePays(tr.Pays)
	}
}
