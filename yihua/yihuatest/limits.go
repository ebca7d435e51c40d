package yihuatest

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The field table of TradeTransferToErp (the vendor's interface page,
// seed 002): the typed lengths String(32) and String(128), decimal and
// datetime columns. The table's String(MAX) is SQL Server's nvarchar(max),
// so String(N) is nvarchar(N): lengths count UTF-16 code units and a
// character outside the Basic Multilingual Plane (an emoji) takes two.
var (
	masterLengths = map[string]int{
		"PayStatus": 32, "TradeSource": 32, "ProvinceID": 32, "CityID": 32, "DistrictID": 32,
		"BuyerAddress": 128, "BuyerName": 32, "BuyerPhone": 32, "OuterID": 32, "ReceiptID": 32, "SaleUID": 32,
	}
	masterDecimals = []string{"OriginalMoney", "TotalMoney", "FactMoney", "ContractFeeBefore", "ContractFee",
		"OtherFee", "ReductionFee", "Freight", "LateFee", "RefundFee"}
	masterTimes    = []string{"CreateTime", "PayTime", "RefundTime", "DelayTime"}
	detailDecimals = []string{"GoodsNumber", "OldPrice", "Price", "ContractFeeItem", "ReductionFeeItem", "OtherFeeItem"}
	detailTimes    = []string{"CreateTime"}
	payDecimals    = []string{"FactMoney"}

	// decimalWire is a decimal column's text. The page gives no precision;
	// its examples carry 4 places, as SQL Server's money and decimal(18,4)
	// do, so at most 14 digits before the point fit: more overflow the
	// column (SQL Server refuses with an arithmetic overflow).
	decimalWire = regexp.MustCompile(`^-?0*([0-9]{1,14})(\.[0-9]+)?$`)
	// datetimeWire is the examples' "yyyy/M/d H:mm:ss".
	datetimeWire = regexp.MustCompile(`^([0-9]{4})/([0-9]{1,2})/([0-9]{1,2}) ([0-9]{1,2}):([0-9]{2}):([0-9]{2})$`)
)

// nvarcharLen counts s as an nvarchar column does: in UTF-16 code units.
func nvarcharLen(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xffff {
			n++
		}
	}
	return n
}

// checkLimits holds the three documents to the field table: well-formed
// XML 1.0 (which carries no control characters other than tab, newline and
// carriage return, and only valid UTF-8), the documented lengths, decimal
// text that fits the column, and datetimes in the examples' format within
// SQL Server datetime's range (1753 to 9999).
func checkLimits(p map[string]string) error {
	docs := []struct {
		param, name string
		lengths     map[string]int
		decimals    []string
		times       []string
	}{
		{"MasterXml", "master", masterLengths, masterDecimals, masterTimes},
		{"DetailXml", "detail", nil, detailDecimals, detailTimes},
		{"PayXml", "pay", nil, payDecimals, nil},
	}
	for _, d := range docs {
		rows, err := attributeRows(p[d.param], d.name)
		if err != nil {
			return fmt.Errorf("%s: %v", d.param, err)
		}
		for i, row := range rows {
			at := fmt.Sprintf("%s: <%s> %d: ", d.param, d.name, i)
			for k, max := range d.lengths {
				if n := nvarcharLen(row[k]); n > max {
					return fmt.Errorf("%s%s is String(%d), got %d characters", at, k, max, n)
				}
			}
			for _, k := range d.decimals {
				if v, ok := row[k]; ok && !decimalWire.MatchString(v) {
					return fmt.Errorf("%s%s %q is not a decimal the column holds", at, k, v)
				}
			}
			for _, k := range d.times {
				if v, ok := row[k]; ok && !datetime(v) {
					return fmt.Errorf("%s%s %q is not a datetime", at, k, v)
				}
			}
		}
	}
	return nil
}

// datetime reports whether s is a real "yyyy/M/d H:mm:ss" time that SQL
// Server's datetime holds (the years 1753 to 9999).
func datetime(s string) bool {
	m := datetimeWire.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	n := make([]int, 6)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	if n[0] < 1753 || n[3] > 23 || n[4] > 59 || n[5] > 59 {
		return false
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
	return t.Year() == n[0] && int(t.Month()) == n[1] && t.Day() == n[2]
}

// attributeRows reads <name><name a=".."/>…</name> with a strict XML
// decoder and returns each row's attributes.
func attributeRows(doc, name string) ([]map[string]string, error) {
	dec := xml.NewDecoder(strings.NewReader(doc))
	dec.Strict = true
	var rows []map[string]string
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if t.Name.Local != name {
				return nil, fmt.Errorf("unexpected element <%s>", t.Name.Local)
			}
			if depth == 2 {
				row := map[string]string{}
				for _, a := range t.Attr {
					row[a.Name.Local] = a.Value
				}
				rows = append(rows, row)
			}
		case xml.EndElement:
			depth--
		}
	}
}
