package yihua

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/duijie/duijie"
)

// masterAttrs, detailAttrs and payAttrs are the attributes of each element
// in the order the vendor writes them.
var (
	masterAttrs = []string{"TradeType", "TradeID", "CreateTime", "OriginalMoney", "FactMoney", "ContractFeeBefore",
		"ContractFee", "OtherFee", "ReductionFee", "Freight", "LateFee", "PayTime", "RefundFee", "RefundTime",
		"TradeSource", "ProvinceID", "CityID", "DistrictID", "BuyerAddress", "BuyerName", "BuyerPhone", "OuterID",
		"ReceiptID", "Remark", "SaleUID", "PayStatus", "TotalMoney", "ZipCode", "DelayTime", "ThirdPartyData"}
	detailAttrs = []string{"GoodsID", "yhProductID", "GoodsNumber", "OldPrice", "Price", "ContractFeeItem",
		"OtherFeeItem", "ReductionFeeItem", "CreateTime", "Remark"}
	payAttrs = []string{"FactMoney", "PayChannel"}
)

// MasterAttributes returns the MasterXml attribute names in wire order.
func MasterAttributes() []string { return append([]string(nil), masterAttrs...) }

// DetailAttributes returns the DetailXml attribute names in wire order.
func DetailAttributes() []string { return append([]string(nil), detailAttrs...) }

// PayAttributes returns the PayXml attribute names in wire order.
func PayAttributes() []string { return append([]string(nil), payAttrs...) }

var (
	decimalText = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
	timeText    = regexp.MustCompile(`^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2} [0-9]{1,2}:[0-9]{2}:[0-9]{2}$`)
)

// element is one parsed <name .../> with its attributes by name.
type element map[string]string

// parseList parses <wrap><wrap a=".."/>...</wrap> strictly: well-formed XML,
// the expected names, no text content, every attribute in want present and
// no other.
func parseList(doc, wrap string, want []string) ([]element, error) {
	dec := xml.NewDecoder(strings.NewReader(doc))
	dec.Strict = true
	var out []element
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) && depth == 0 && out != nil {
				return out, nil
			}
			if errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("%s: document ends early", wrap)
			}
			return nil, fmt.Errorf("%s: %w", wrap, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if t.Name.Local != wrap || t.Name.Space != "" || depth > 2 {
				return nil, fmt.Errorf("%s: unexpected element <%s>", wrap, t.Name.Local)
			}
			if depth == 1 {
				if out != nil || len(t.Attr) > 0 {
					return nil, fmt.Errorf("%s: the wrapper must be a single element without attributes", wrap)
				}
				out = []element{}
				continue
			}
			e := element{}
			for _, a := range t.Attr {
				if a.Name.Space != "" {
					return nil, fmt.Errorf("%s: attribute %s:%s has a namespace", wrap, a.Name.Space, a.Name.Local)
				}
				if _, dup := e[a.Name.Local]; dup {
					return nil, fmt.Errorf("%s: attribute %s twice", wrap, a.Name.Local)
				}
				e[a.Name.Local] = a.Value
			}
			for _, name := range want {
				if _, ok := e[name]; !ok {
					return nil, fmt.Errorf("%s: attribute %s missing", wrap, name)
				}
			}
			if len(e) != len(want) {
				return nil, fmt.Errorf("%s: unknown attributes", wrap)
			}
			out = append(out, e)
		case xml.EndElement:
			depth--
		case xml.CharData:
			if strings.TrimSpace(string(t)) != "" {
				return nil, fmt.Errorf("%s: unexpected text", wrap)
			}
		case xml.ProcInst, xml.Directive, xml.Comment:
			return nil, fmt.Errorf("%s: unexpected markup", wrap)
		}
	}
}

// fieldReader converts attribute text, keeping the first error.
type fieldReader struct {
	e   element
	err error
}

func (r *fieldReader) str(name string) string { return r.e[name] }

func (r *fieldReader) amount(name string) duijie.Amount {
	s := r.e[name]
	if !decimalText.MatchString(s) {
		r.fail(name, s)
		return duijie.Amount{}
	}
	a, err := duijie.ParseAmount(s)
	if err != nil {
		r.fail(name, s)
	}
	return a
}

func (r *fieldReader) time(name string) duijie.Time {
	s := r.e[name]
	if s != NoTime && !timeText.MatchString(s) {
		r.fail(name, s)
		return duijie.Time{}
	}
	t, err := ParseTime(s)
	if err != nil {
		r.fail(name, s)
	}
	return t
}

func (r *fieldReader) fail(name, s string) {
	if r.err == nil {
		r.err = fmt.Errorf("attribute %s: %q is not in the vendor's format", name, s)
	}
}

// DecodeMaster parses a MasterXml document strictly.
func DecodeMaster(doc string) (*Master, error) {
	es, err := parseList(doc, "master", masterAttrs)
	if err != nil {
		return nil, err
	}
	if len(es) != 1 {
		return nil, fmt.Errorf("master: want exactly one <master> row, got %d", len(es))
	}
	r := &fieldReader{e: es[0]}
	m := &Master{
		TradeType: TradeType(r.str("TradeType")), TradeID: r.str("TradeID"), CreateTime: r.time("CreateTime"),
		OriginalMoney: r.amount("OriginalMoney"), FactMoney: r.amount("FactMoney"),
		ContractFeeBefore: r.amount("ContractFeeBefore"), ContractFee: r.amount("ContractFee"),
		OtherFee: r.amount("OtherFee"), ReductionFee: r.amount("ReductionFee"), Freight: r.amount("Freight"),
		LateFee: r.amount("LateFee"), PayTime: r.time("PayTime"), RefundFee: r.amount("RefundFee"),
		RefundTime: r.time("RefundTime"), TradeSource: TradeSource(r.str("TradeSource")),
		ProvinceID: r.str("ProvinceID"), CityID: r.str("CityID"), DistrictID: r.str("DistrictID"),
		BuyerAddress: r.str("BuyerAddress"), BuyerName: r.str("BuyerName"), BuyerPhone: r.str("BuyerPhone"),
		OuterID: r.str("OuterID"), ReceiptID: r.str("ReceiptID"), Remark: r.str("Remark"), SaleUID: r.str("SaleUID"),
		PayStatus: PayStatus(r.str("PayStatus")), TotalMoney: r.amount("TotalMoney"), ZipCode: r.str("ZipCode"),
		DelayTime: r.time("DelayTime"), ThirdPartyData: r.str("ThirdPartyData"),
	}
	if r.err != nil {
		return nil, fmt.Errorf("master: %w", r.err)
	}
	return m, nil
}

// DecodeDetails parses a DetailXml document strictly.
func DecodeDetails(doc string) ([]Detail, error) {
	es, err := parseList(doc, "detail", detailAttrs)
	if err != nil {
		return nil, err
	}
	out := make([]Detail, 0, len(es))
	for i, e := range es {
		r := &fieldReader{e: e}
		d := Detail{
			GoodsID: r.str("GoodsID"), YhProductID: r.str("yhProductID"), GoodsNumber: r.amount("GoodsNumber"),
			OldPrice: r.amount("OldPrice"), Price: r.amount("Price"), ContractFeeItem: r.amount("ContractFeeItem"),
			OtherFeeItem: r.amount("OtherFeeItem"), ReductionFeeItem: r.amount("ReductionFeeItem"),
			CreateTime: r.time("CreateTime"), Remark: r.str("Remark"),
		}
		if r.err != nil {
			return nil, fmt.Errorf("detail %d: %w", i, r.err)
		}
		out = append(out, d)
	}
	return out, nil
}

// DecodePays parses a PayXml document strictly.
func DecodePays(doc string) ([]Pay, error) {
	es, err := parseList(doc, "pay", payAttrs)
	if err != nil {
		return nil, err
	}
	out := make([]Pay, 0, len(es))
	for i, e := range es {
		r := &fieldReader{e: e}
		p := Pay{FactMoney: r.amount("FactMoney"), PayChannel: PayChannel(r.str("PayChannel"))}
		if r.err != nil {
			return nil, fmt.Errorf("pay %d: %w", i, r.err)
		}
		out = append(out, p)
	}
	return out, nil
}
