package yihua

import (
	"strconv"
	"unicode/utf8"

	"github.com/duijie/duijie/internal/apierr"
)

// Lengths from the vendor's field table, in characters.
const (
	maxShort   = 32
	maxAddress = 128
)

// validator collects the first problem found.
type validator struct {
	err *ValidationError
}

func (v *validator) fail(field, rule, detail string) {
	if v.err == nil {
		v.err = apierr.Invalid(vendor, field, rule, detail)
	}
}

func (v *validator) text(field, s string, max int, required bool) {
	switch {
	case required && s == "":
		v.fail(field, apierr.RuleRequired, "")
	case !utf8.ValidString(s):
		v.fail(field, apierr.RuleFormat, "not valid UTF-8")
	case hasControl(s):
		v.fail(field, apierr.RuleFormat, "control characters cannot travel in XML")
	case max > 0 && utf8.RuneCountInString(s) > max:
		v.fail(field, apierr.RuleTooLong, "at most "+strconv.Itoa(max)+" characters")
	}
}

func (v *validator) money(field string, a Amount) {
	if a.IsNegative() {
		v.fail(field, apierr.RuleNegative, "")
	}
}

func hasControl(s string) bool {
	for _, r := range s {
		if r != '\t' && r != '\n' && r != '\r' && !isXMLChar(r) {
			return true
		}
	}
	return false
}

// Validate checks t against the vendor's rules: the fields the ERP needs to
// identify and book the order, String(32)/String(128) lengths, amounts not
// negative, at least one detail line with a goods code and a positive
// quantity, and text that XML can carry.
func (t *Trade) Validate() error {
	if t == nil {
		return apierr.Invalid(vendor, "Trade", apierr.RuleRequired, "")
	}
	v := &validator{}
	m := &t.Master
	v.text("Master.TradeType", string(m.TradeType), 0, true)
	v.text("Master.TradeID", m.TradeID, 0, true)
	if m.CreateTime.IsZero() {
		v.fail("Master.CreateTime", apierr.RuleRequired, "")
	}
	for _, f := range []struct {
		name string
		s    string
	}{
		{"Master.PayStatus", string(m.PayStatus)}, {"Master.TradeSource", string(m.TradeSource)},
		{"Master.ProvinceID", m.ProvinceID}, {"Master.CityID", m.CityID}, {"Master.DistrictID", m.DistrictID},
		{"Master.BuyerName", m.BuyerName}, {"Master.BuyerPhone", m.BuyerPhone}, {"Master.OuterID", m.OuterID},
		{"Master.ReceiptID", m.ReceiptID}, {"Master.SaleUID", m.SaleUID},
	} {
		v.text(f.name, f.s, maxShort, false)
	}
	v.text("Master.BuyerAddress", m.BuyerAddress, maxAddress, false)
	v.text("Master.Remark", m.Remark, 0, false)
	v.text("Master.ZipCode", m.ZipCode, 0, false)
	v.text("Master.ThirdPartyData", m.ThirdPartyData, 0, false)
	for _, f := range []struct {
		name string
		a    Amount
	}{
		{"Master.OriginalMoney", m.OriginalMoney}, {"Master.FactMoney", m.FactMoney},
		{"Master.ContractFeeBefore", m.ContractFeeBefore}, {"Master.ContractFee", m.ContractFee},
		{"Master.OtherFee", m.OtherFee}, {"Master.ReductionFee", m.ReductionFee}, {"Master.Freight", m.Freight},
		{"Master.LateFee", m.LateFee}, {"Master.RefundFee", m.RefundFee}, {"Master.TotalMoney", m.TotalMoney},
	} {
		v.money(f.name, f.a)
	}
	if len(t.Details) == 0 {
		v.fail("Details", apierr.RuleRequired, "at least one detail line")
	}
	for i := range t.Details {
		d := &t.Details[i]
		p := "Details[" + strconv.Itoa(i) + "]."
		v.text(p+"GoodsID", d.GoodsID, 0, true)
		v.text(p+"YhProductID", d.YhProductID, 0, false)
		v.text(p+"Remark", d.Remark, 0, false)
		if d.GoodsNumber.Sign() <= 0 {
			v.fail(p+"GoodsNumber", apierr.RuleRange, "must be positive")
		}
		v.money(p+"OldPrice", d.OldPrice)
		v.money(p+"Price", d.Price)
		v.money(p+"ContractFeeItem", d.ContractFeeItem)
		v.money(p+"OtherFeeItem", d.OtherFeeItem)
		v.money(p+"ReductionFeeItem", d.ReductionFeeItem)
	}
	for i := range t.Pays {
		p := "Pays[" + strconv.Itoa(i) + "]."
		v.money(p+"FactMoney", t.Pays[i].FactMoney)
		v.text(p+"PayChannel", string(t.Pays[i].PayChannel), 0, true)
	}
	if v.err != nil {
		return v.err
	}
	return nil
}
