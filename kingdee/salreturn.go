package kingdee

import (
	"encoding/json"
	"fmt"
	"math/big"
	"time"

	"github.com/shopspring/decimal"

	"github.com/duijie/duijie"
)

// FormSalReturnStock is the form id of the sales return bill (销售退货单).
const FormSalReturnStock = "SAL_RETURNSTOCK"

// Values the standard sales return uses, from Kingdee's own templates.
const (
	// BillTypeSalReturn is the standard sales return bill type (标准销售退货单).
	BillTypeSalReturn = "XSTHD01_SYS"
	// ReturnTypeReturn is the return type "退货" of an entry.
	ReturnTypeReturn = "THLX01_SYS"
	// StockStatusAvailable is the stock status "可用".
	StockStatusAvailable = "KCZT01_SYS"
	// OwnerTypeOrg is the owner type "业务组织" for FOwnerTypeId and FOwnerTypeIdHead.
	OwnerTypeOrg = "BD_OwnerOrg"
	// CurrencyCNY is the code of the renminbi (PRE001).
	CurrencyCNY = "PRE001"
	// ExchangeTypeFixed is the fixed exchange rate type (HLTX01_SYS).
	ExchangeTypeFixed = "HLTX01_SYS"
	// RowTypeStandard is the row type of an ordinary goods line.
	RowTypeStandard = "Standard"
)

// SalReturnStock is a sales return bill (销售退货单, form SAL_RETURNSTOCK)
// as Save and BatchSave write it. Fields are written in the order of
// Kingdee's template (the server applies them in order); empty references
// and strings are left out. FSaleOrgId, FStockOrgId and FRetcustId are the
// fields the server requires; FBillNo is the key an unclear save is looked
// up by (and the bill found compared with CompareKeys), so give every bill
// one.
type SalReturnStock struct {
	// ID is the bill's internal id (FID); 0 for a new bill.
	ID int64 `json:"FID,omitzero"`
	// BillType is the bill type (FBillTypeID), usually BillTypeSalReturn.
	BillType Ref `json:"FBillTypeID,omitzero"`
	// BillNo is the bill number (FBillNo), unique per form.
	BillNo string `json:"FBillNo,omitempty" limit:"id"`
	// Date is the bill date (FDate).
	Date duijie.Time `json:"FDate,omitzero"`
	// SaleOrg is the sales organisation (FSaleOrgId, required).
	SaleOrg Ref `json:"FSaleOrgId,omitzero"`
	// Customer is the returning customer (FRetcustId, required).
	Customer Ref `json:"FRetcustId,omitzero"`
	// SaleDept is the sales department (FSaledeptid).
	SaleDept Ref `json:"FSaledeptid,omitzero"`
	// ReturnReason is the return reason (FReturnReason).
	ReturnReason Ref `json:"FReturnReason,omitzero"`
	// SaleGroup is the sales group (FSaleGroupId).
	SaleGroup Ref `json:"FSaleGroupId,omitzero"`
	// SalesMan is the salesman (FSalesManId).
	SalesMan Ref `json:"FSalesManId,omitzero"`
	// StockOrg is the stock organisation (FStockOrgId, required).
	StockOrg Ref `json:"FStockOrgId,omitzero"`
	// StockDept is the stock department (FStockDeptId).
	StockDept Ref `json:"FStockDeptId,omitzero"`
	// Stocker is the storekeeper (FStockerId).
	Stocker Ref `json:"FStockerId,omitzero"`
	// HeadNote is the bill's remark (FHeadNote).
	HeadNote string `json:"FHeadNote,omitempty"`
	// ReceiveCustomer is the receiving customer (FReceiveCustId).
	ReceiveCustomer Ref `json:"FReceiveCustId,omitzero"`
	// ReceiveAddress is the receiving address (FReceiveAddress).
	ReceiveAddress string `json:"FReceiveAddress,omitempty"`
	// SettleCustomer is the settling customer (FSettleCustId).
	SettleCustomer Ref `json:"FSettleCustId,omitzero"`
	// PayCustomer is the paying customer (FPayCustId).
	PayCustomer Ref `json:"FPayCustId,omitzero"`
	// OwnerTypeHead is the header owner type (FOwnerTypeIdHead), e.g. OwnerTypeOrg.
	OwnerTypeHead string `json:"FOwnerTypeIdHead,omitempty"`
	// OwnerHead is the header owner (FOwnerIdHead).
	OwnerHead Ref `json:"FOwnerIdHead,omitzero"`
	// Finance is the financial information (SubHeadEntity, an object).
	Finance *SalReturnFinance `json:"SubHeadEntity,omitempty"`
	// Entries are the bill's lines (FEntity).
	Entries []SalReturnEntry `json:"FEntity"`
	// Extra holds custom fields of the header.
	Extra Extra `json:"-" limit:"inline"`
}

// SalReturnFinance is a sales return's financial information
// (SubHeadEntity, 财务信息).
type SalReturnFinance struct {
	// SettleCurrency is the settlement currency (FSettleCurrId), e.g. CurrencyCNY.
	SettleCurrency Ref `json:"FSettleCurrId,omitzero"`
	// ThirdBillNo and ThirdBillID name the bill in the system it came from
	// (FThirdBillNo, FThirdBillId).
	ThirdBillNo string `json:"FThirdBillNo,omitempty" limit:"id"`
	ThirdBillID string `json:"FThirdBillId,omitempty" limit:"id"`
	// ThirdSource is the source system type (FThirdSrcType).
	ThirdSource string `json:"FThirdSrcType,omitempty"`
	// SettleOrg is the settlement organisation (FSettleOrgId).
	SettleOrg Ref `json:"FSettleOrgId,omitzero"`
	// SettleType is the settlement method (FSettleTypeId).
	SettleType Ref `json:"FSettleTypeId,omitzero"`
	// PriceList is the price list (FPriceListId).
	PriceList Ref `json:"FPriceListId,omitzero"`
	// LocalCurrency is the local currency (FLocalCurrId).
	LocalCurrency Ref `json:"FLocalCurrId,omitzero"`
	// ExchangeType is the exchange rate type (FExchangeTypeId).
	ExchangeType Ref `json:"FExchangeTypeId,omitzero"`
	// ExchangeRate is the exchange rate (FExchangeRate); nil leaves it to the server.
	ExchangeRate *duijie.Amount `json:"FExchangeRate,omitempty"`
	// Extra holds custom fields of the financial information.
	Extra Extra `json:"-" limit:"inline"`
}

// SalReturnEntry is one line of a sales return (FEntity). RealQty, TaxPrice
// and IsFree are always written, so false is sent as false. TaxRate is
// written when set, 0 included; a nil TaxRate leaves FEntryTaxRate out, and
// Kingdee applies the material's own rate.
type SalReturnEntry struct {
	// EntryID is the line's internal id (FENTRYID); 0 for a new line.
	EntryID int64 `json:"FENTRYID,omitzero"`
	// RowType is the row type (FRowType), e.g. RowTypeStandard.
	RowType string `json:"FRowType,omitempty"`
	// Material is the material (FMaterialId).
	Material Ref `json:"FMaterialId"`
	// Unit is the stock unit (FUnitID).
	Unit Ref `json:"FUnitID,omitzero"`
	// RealQty is the quantity actually returned (FRealQty, 实退数量).
	RealQty duijie.Amount `json:"FRealQty"`
	// Price is the price before tax (FPrice); nil lets the server derive it.
	Price *duijie.Amount `json:"FPrice,omitempty"`
	// TaxPrice is the price including tax (FTaxPrice, 含税单价).
	TaxPrice duijie.Amount `json:"FTaxPrice"`
	// IsFree marks a free gift line (FIsFree). It is always written, so an
	// update that turns a gift line into a paid one says so.
	IsFree bool `json:"FIsFree"`
	// TaxRate is the tax rate in percent (FEntryTaxRate), 13 for 13%. nil
	// leaves the field out so the server applies the material's rate; a
	// set 0 is sent as 0 (tax exempt).
	TaxRate *duijie.Amount `json:"FEntryTaxRate,omitempty"`
	// ReturnType is the return type (FReturnType), e.g. ReturnTypeReturn.
	ReturnType Ref `json:"FReturnType,omitzero"`
	// OwnerType is the owner type (FOwnerTypeId), e.g. OwnerTypeOrg.
	OwnerType string `json:"FOwnerTypeId,omitempty"`
	// Owner is the owner (FOwnerId).
	Owner Ref `json:"FOwnerId,omitzero"`
	// Stock is the warehouse (FStockId).
	Stock Ref `json:"FStockId,omitzero"`
	// StockStatus is the stock status (FStockstatusId), e.g. StockStatusAvailable.
	StockStatus Ref `json:"FStockstatusId,omitzero"`
	// DeliveryDate is the delivery date (FDeliveryDate).
	DeliveryDate duijie.Time `json:"FDeliveryDate,omitzero"`
	// Note is the line's remark (FNote).
	Note string `json:"FNote,omitempty"`
	// Lot is the batch (FLot).
	Lot Ref `json:"FLot,omitzero"`
	// SalUnit is the sales unit (FSalUnitID).
	SalUnit Ref `json:"FSalUnitID,omitzero"`
	// SalUnitQty is the quantity in the sales unit (FSalUnitQty); nil
	// leaves it to the server.
	SalUnitQty *duijie.Amount `json:"FSalUnitQty,omitempty"`
	// ThirdEntryID names the line in the system it came from (FThirdEntryId).
	ThirdEntryID string `json:"FThirdEntryId,omitempty" limit:"id"`
	// Serials are the line's serial numbers (FSerialSubEntity).
	Serials []SerialNumber `json:"FSerialSubEntity,omitempty"`
	// Extra holds custom fields of the line.
	Extra Extra `json:"-" limit:"inline"`
}

// SerialNumber is one serial number of a line (FSerialSubEntity).
type SerialNumber struct {
	// SerialNo is the serial number (FSerialNo).
	SerialNo string `json:"FSerialNo" limit:"id"`
	// Note is its remark (FSerialNote).
	Note string `json:"FSerialNote,omitempty"`
}

// MarshalJSON writes the bill with its custom fields.
func (b SalReturnStock) MarshalJSON() ([]byte, error) {
	if b.plain() {
		return b.appendJSON(make([]byte, 0, 512)), nil
	}
	type plain SalReturnStock
	out, err := marshalNoEscape(plain(b))
	if err != nil {
		return nil, err
	}
	return appendExtra(out, b.Extra)
}

// MarshalJSON writes the financial information with its custom fields.
func (f SalReturnFinance) MarshalJSON() ([]byte, error) {
	if len(f.Extra) == 0 {
		return f.appendJSON(nil), nil
	}
	type plain SalReturnFinance
	out, err := marshalNoEscape(plain(f))
	if err != nil {
		return nil, err
	}
	return appendExtra(out, f.Extra)
}

// MarshalJSON writes the line with its custom fields.
func (e SalReturnEntry) MarshalJSON() ([]byte, error) {
	if len(e.Extra) == 0 {
		return e.appendJSON(nil), nil
	}
	type plain SalReturnEntry
	out, err := marshalNoEscape(plain(e))
	if err != nil {
		return nil, err
	}
	return appendExtra(out, e.Extra)
}

// Number returns the bill number (FBillNo).
func (b SalReturnStock) Number() string { return b.BillNo }

var (
	_ json.Marshaler = SalReturnStock{}
	_ Comparable     = SalReturnStock{}
)

// CompareKeys are the fields a sales return found by its number is
// compared by: the customer, the date when the bill sets one, and each
// line's material, quantity, price including tax and, when every line sets
// one, tax rate (a rate left to the material is not known beforehand).
func (b SalReturnStock) CompareKeys() []string {
	keys := []string{"FRetcustId.FNumber"}
	if !b.Date.IsZero() {
		keys = append(keys, "FDate")
	}
	keys = append(keys, "FMaterialId.FNumber", "FRealQty", "FTaxPrice")
	if b.allTaxRates() {
		keys = append(keys, "FEntryTaxRate")
	}
	return keys
}

// CompareRows are the values of CompareKeys, one row per line.
func (b SalReturnStock) CompareRows() [][]string {
	rates := b.allTaxRates()
	rows := make([][]string, len(b.Entries))
	for i, e := range b.Entries {
		row := []string{b.Customer.Number}
		if !b.Date.IsZero() {
			row = append(row, b.Date.In(duijie.CST()).Format(time.DateTime))
		}
		row = append(row, e.Material.Number, e.RealQty.String(), e.TaxPrice.String())
		if rates {
			row = append(row, e.TaxRate.String())
		}
		rows[i] = row
	}
	return rows
}

// allTaxRates reports whether every line sets its tax rate.
func (b SalReturnStock) allTaxRates() bool {
	for _, e := range b.Entries {
		if e.TaxRate == nil {
			return false
		}
	}
	return true
}

// Validate checks what the server would refuse or silently garble: the
// required references (FSaleOrgId, FStockOrgId, FRetcustId), at least one
// line, every line's material, quantities and prices not negative, and
// the limits declared on the fields (see limits): numbers and codes
// without surrounding white space or control characters, text that is
// valid UTF-8 (encoding/json would replace bad bytes) without control
// characters other than tab and newline, custom fields (Extra) included;
// and quantities, prices and rates that the server's System.Decimal holds
// as sent (within its range, at most 28 decimal places, at most its 96
// bits of digits).
func (b SalReturnStock) Validate() error {
	inv := func(field, rule, detail string) error { return duijie.Invalid(vendor, field, rule, detail) }
	switch {
	case b.SaleOrg.IsZero():
		return inv("FSaleOrgId", duijie.RuleRequired, "")
	case b.StockOrg.IsZero():
		return inv("FStockOrgId", duijie.RuleRequired, "")
	case b.Customer.IsZero():
		return inv("FRetcustId", duijie.RuleRequired, "")
	case len(b.Entries) == 0:
		return inv("FEntity", duijie.RuleRequired, "at least one line")
	}
	if f := b.Finance; f != nil && f.ExchangeRate != nil {
		if err := checkDecimal("SubHeadEntity.FExchangeRate", *f.ExchangeRate); err != nil {
			return err
		}
	}
	for i := range b.Entries {
		e := &b.Entries[i]
		// The path is built only for a refusal.
		at := func(field string) string { return fmt.Sprintf("FEntity[%d].%s", i, field) }
		switch {
		case e.Material.IsZero():
			return inv(at("FMaterialId"), duijie.RuleRequired, "")
		case e.RealQty.IsNegative():
			return inv(at("FRealQty"), duijie.RuleNegative, "")
		case e.TaxPrice.IsNegative():
			return inv(at("FTaxPrice"), duijie.RuleNegative, "")
		case e.TaxRate != nil && e.TaxRate.IsNegative():
			return inv(at("FEntryTaxRate"), duijie.RuleNegative, "")
		}
		for _, a := range [...]struct {
			field string
			v     *duijie.Amount
		}{{"FRealQty", &e.RealQty}, {"FPrice", e.Price}, {"FTaxPrice", &e.TaxPrice}, {"FEntryTaxRate", e.TaxRate}, {"FSalUnitQty", e.SalUnitQty}} {
			if a.v == nil {
				continue
			}
			if rule, detail := decimalProblem(*a.v); rule != "" {
				return inv(at(a.field), rule, detail)
			}
		}
	}
	return limits.Check(&b)
}

// maxDecimal is System.Decimal's largest value, 2^96-1: the server is .NET
// and reads every quantity, price and rate into a System.Decimal.
var maxDecimal = decimal.RequireFromString("79228162514264337593543950335")

// checkDecimal refuses an amount System.Decimal cannot hold as sent: one
// beyond its range, which the server refuses, or one with more than 28
// decimal places or more significant digits than its 96 bits, which the
// server would round without a word.
func checkDecimal(field string, a duijie.Amount) error {
	if rule, detail := decimalProblem(a); rule != "" {
		return duijie.Invalid(vendor, field, rule, detail)
	}
	return nil
}

// decimalProblem is checkDecimal's rule and detail, "" when a is fine.
func decimalProblem(a duijie.Amount) (rule, detail string) {
	d := a.Decimal()
	if exp := d.Exponent(); exp <= 0 && exp >= -28 && d.NumDigits() <= 18 {
		// Fewer than 19 digits, at most 28 places: within range and
		// precision whatever trailing zeros it has.
		return "", ""
	}
	if d.Abs().GreaterThan(maxDecimal) {
		return duijie.RuleRange, "beyond the server's decimal range (±79,228,162,514,264,337,593,543,950,335)"
	}
	if d.IsZero() {
		return "", ""
	}
	// Drop trailing zeros: they lose nothing.
	co, exp := new(big.Int).Set(d.Coefficient()), d.Exponent()
	ten, r := big.NewInt(10), new(big.Int)
	for exp < 0 {
		q, m := new(big.Int).QuoRem(co, ten, r)
		if m.Sign() != 0 {
			break
		}
		co, exp = q, exp+1
	}
	switch {
	case exp < -28:
		return duijie.RuleFormat, "at most 28 decimal places (the server's decimal rounds the rest)"
	case exp < 0 && co.CmpAbs(maxDecimal.Coefficient()) > 0:
		return duijie.RuleFormat, "more significant digits than the server's decimal holds (it would round them)"
	}
	return "", ""
}
