package yihua

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/limit"
)

// validator collects the first problem found. While it checks a line of
// list (Details or Pays), field names are that line's, and the path
// ("Details[3].Price") is built only for a problem.
type validator struct {
	err   *duijie.ValidationError
	list  string
	index int
}

// line makes the fields that follow those of line i of list ("" for none).
func (v *validator) line(list string, i int) { v.list, v.index = list, i }

func (v *validator) fail(field, rule, detail string) {
	if v.err == nil {
		if v.list != "" {
			field = v.list + "[" + strconv.Itoa(v.index) + "]." + field
		}
		v.err = duijie.Invalid(vendor, field, rule, detail)
	}
}

func (v *validator) text(field, s string, max int, required bool) {
	switch {
	case required && s == "":
		v.fail(field, duijie.RuleRequired, "")
	case !utf8.ValidString(s):
		v.fail(field, duijie.RuleFormat, "not valid UTF-8")
	case hasControl(s):
		v.fail(field, duijie.RuleFormat, "control characters cannot travel in XML")
	case max > 0 && utf8.RuneCountInString(s) > max:
		v.fail(field, duijie.RuleTooLong, "at most "+strconv.Itoa(max)+" characters")
	}
}

func (v *validator) money(field string, a duijie.Amount) {
	if a.IsNegative() {
		v.fail(field, duijie.RuleNegative, "")
		return
	}
	v.decimal(field, a)
}

// decimal refuses what the ERP's decimal columns cannot hold without
// rounding: more than 4 decimals, or 14 or more integer digits. The vendor
// publishes no precision; 4 decimals is the scale of every example, and the
// bound on integer digits is that of SQL Server's money and decimal(18,4)
// columns, so any real amount fits. |a| < 1e14 is read from the digits of
// the coefficient c and the exponent e (|c|·10^e < 10^14 exactly when c has
// at most 14-e digits), which takes no allocation.
func (v *validator) decimal(field string, a duijie.Amount) {
	d := a.Decimal()
	switch {
	case d.Exponent() < -moneyScale && !d.Equal(d.Round(moneyScale)):
		v.fail(field, duijie.RuleFormat, "at most 4 decimal places")
	case d.Sign() != 0 && d.NumDigits()+int(d.Exponent()) > maxIntegerDigits:
		v.fail(field, duijie.RuleRange, "at most 14 integer digits")
	}
}

// time refuses instants the vendor's format cannot carry: before
// 1900-01-01 (the "no time" value) or after the year 9999. The zero Time is
// allowed and is written as NoTime.
func (v *validator) time(field string, t duijie.Time, required bool) {
	switch {
	case t.IsZero():
		if required {
			v.fail(field, duijie.RuleRequired, "")
		}
	case !t.After(noTime) || t.In(duijie.CST()).Year() > 9999:
		v.fail(field, duijie.RuleRange, "between 1900/1/1 and the year 9999")
	}
}

// maxIntegerDigits is how many digits an amount may have before the point.
const maxIntegerDigits = 14

var (
	noTime = time.Date(1900, 1, 1, 0, 0, 0, 0, duijie.CST())
)

func hasControl(s string) bool {
	for _, r := range s {
		if r != '\t' && r != '\n' && r != '\r' && !isXMLChar(r) {
			return true
		}
	}
	return false
}

// paidNeedsPay refuses a paid trade without a payment row: one whose
// PayStatus is PayStatusPaid, or whose FactMoney (实付) is above 0, says
// money was received, and the ERP books the receipt from PayXml.
func (v *validator) paidNeedsPay(t *Trade) {
	if len(t.Pays) > 0 {
		return
	}
	switch {
	case t.Master.PayStatus == PayStatusPaid:
		v.fail("Pays", duijie.RuleRequired, "PayStatus says paid; a paid trade carries its payment rows")
	case t.Master.FactMoney.Sign() > 0:
		v.fail("Pays", duijie.RuleRequired, "FactMoney is above 0; a paid trade carries its payment rows")
	}
}

// Validate checks t against the vendor's rules before anything is sent and
// returns the first problem as a *ValidationError naming the field and the
// rule:
//
//   - required: Master.TradeType, Master.TradeID, Master.CreateTime, at least
//     one detail line, each line's GoodsID, each payment's PayChannel, and a
//     payment row when PayStatus is PayStatusPaid or FactMoney is above 0;
//   - the limits declared on the model (see Trade): lengths from the
//     vendor's field table (String(32) for PayStatus,
//     TradeSource, ProvinceID, CityID, DistrictID, BuyerName, BuyerPhone,
//     OuterID, ReceiptID and SaleUID; String(128) for BuyerAddress),
//     counted in UTF-16 units as nvarchar counts them; ids
//     without surrounding white space or control characters;
//   - amounts not negative, with at most 4 decimals and 14 integer digits;
//     quantities positive with the same precision;
//   - times between 1900/1/1 (exclusive: it means "no time") and the year 9999;
//   - text that XML 1.0 can carry (valid UTF-8, no control characters other
//     than tab, newline and carriage return).
//
// The vendor's page leaves the 必选 (required) column empty, so the required
// set is the least an ERP needs to identify and book an order.
func (t *Trade) Validate() error {
	if t == nil {
		return duijie.Invalid(vendor, "Trade", duijie.RuleRequired, "")
	}
	v := &validator{}
	m := &t.Master
	v.text("Master.TradeType", string(m.TradeType), 0, true)
	v.text("Master.TradeID", m.TradeID, 0, true)
	v.time("Master.CreateTime", m.CreateTime, true)
	v.time("Master.PayTime", m.PayTime, false)
	v.time("Master.RefundTime", m.RefundTime, false)
	v.time("Master.DelayTime", m.DelayTime, false)
	for _, f := range []struct {
		name string
		s    string
	}{
		{"Master.PayStatus", string(m.PayStatus)}, {"Master.TradeSource", string(m.TradeSource)},
		{"Master.ProvinceID", m.ProvinceID}, {"Master.CityID", m.CityID}, {"Master.DistrictID", m.DistrictID},
		{"Master.BuyerName", m.BuyerName}, {"Master.BuyerPhone", m.BuyerPhone}, {"Master.OuterID", m.OuterID},
		{"Master.ReceiptID", m.ReceiptID}, {"Master.SaleUID", m.SaleUID}, {"Master.BuyerAddress", m.BuyerAddress},
		{"Master.Remark", m.Remark}, {"Master.ZipCode", m.ZipCode}, {"Master.ThirdPartyData", m.ThirdPartyData},
	} {
		v.text(f.name, f.s, 0, false)
	}
	if err := limits.CheckAt("Master", m); err != nil && v.err == nil {
		v.err = err.(*duijie.ValidationError)
	}
	for _, f := range []struct {
		name string
		a    duijie.Amount
	}{
		{"Master.OriginalMoney", m.OriginalMoney}, {"Master.FactMoney", m.FactMoney},
		{"Master.ContractFeeBefore", m.ContractFeeBefore}, {"Master.ContractFee", m.ContractFee},
		{"Master.OtherFee", m.OtherFee}, {"Master.ReductionFee", m.ReductionFee}, {"Master.Freight", m.Freight},
		{"Master.LateFee", m.LateFee}, {"Master.RefundFee", m.RefundFee}, {"Master.TotalMoney", m.TotalMoney},
	} {
		v.money(f.name, f.a)
	}
	if len(t.Details) == 0 {
		v.fail("Details", duijie.RuleRequired, "at least one detail line")
	}
	for i := range t.Details {
		d := &t.Details[i]
		v.line("Details", i)
		v.text("GoodsID", d.GoodsID, 0, true)
		v.text("YhProductID", d.YhProductID, 0, false)
		v.text("Remark", d.Remark, 0, false)
		if d.GoodsNumber.Sign() <= 0 {
			v.fail("GoodsNumber", duijie.RuleRange, "must be positive")
		}
		v.decimal("GoodsNumber", d.GoodsNumber)
		v.time("CreateTime", d.CreateTime, false)
		v.money("OldPrice", d.OldPrice)
		v.money("Price", d.Price)
		v.money("ContractFeeItem", d.ContractFeeItem)
		v.money("OtherFeeItem", d.OtherFeeItem)
		v.money("ReductionFeeItem", d.ReductionFeeItem)
	}
	v.line("", 0)
	v.paidNeedsPay(t)
	for i := range t.Pays {
		v.line("Pays", i)
		v.money("FactMoney", t.Pays[i].FactMoney)
		v.text("PayChannel", string(t.Pays[i].PayChannel), 0, true)
	}
	v.line("", 0)
	if v.err != nil {
		return v.err
	}
	// The limits declared on the lines and payments: ids, times, decimals.
	if err := limits.CheckAt("Details", t.Details); err != nil {
		return err
	}
	return limits.CheckAt("Pays", t.Pays)
}

// limits checks the limits declared in the model's limit tags. Amounts:
// see decimal.
var limits = limit.New[duijie.ValidationError](limit.Checker{Vendor: vendor, GoNames: true, Amount: limit.Decimal{Digits: 18, Scale: moneyScale}})
