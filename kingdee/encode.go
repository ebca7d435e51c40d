package kingdee

import (
	"strconv"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/jsonx"
)

// This file writes sales returns straight into a byte slice, the bytes
// encoding/json writes for them without HTML escaping (marshalNoEscape),
// in one pass and without the intermediate copies of nested MarshalJSON
// calls. Bills that carry custom fields (Extra) at any level take the
// encoding/json path, which checks them against the typed fields.

// object writes the members of one JSON object.
type object struct {
	buf   []byte
	first bool
}

// open starts an object on dst.
func open(dst []byte) object { return object{buf: append(dst, '{'), first: true} }

// key writes a member's key (a Go constant that needs no escaping).
func (o *object) key(k string) {
	if !o.first {
		o.buf = append(o.buf, ',')
	}
	o.first = false
	o.buf = append(o.buf, '"')
	o.buf = append(o.buf, k...)
	o.buf = append(o.buf, '"', ':')
}

// close ends the object and returns the bytes.
func (o *object) close() []byte { return append(o.buf, '}') }

// ref writes a Ref member, {"FNumber":...}, unless omitZero and it is zero.
func (o *object) ref(k string, r Ref, omitZero bool) {
	if omitZero && r.IsZero() {
		return
	}
	o.key(k)
	o.buf = append(o.buf, `{"FNumber":`...)
	o.buf = jsonx.AppendString(o.buf, r.Number)
	o.buf = append(o.buf, '}')
}

// str writes a string member, unless omitEmpty and it is "".
func (o *object) str(k, s string, omitEmpty bool) {
	if omitEmpty && s == "" {
		return
	}
	o.key(k)
	o.buf = jsonx.AppendString(o.buf, s)
}

// int writes an int64 member unless it is 0 (omitzero).
func (o *object) int(k string, n int64) {
	if n == 0 {
		return
	}
	o.key(k)
	o.buf = strconv.AppendInt(o.buf, n, 10)
}

// amount writes an Amount member.
func (o *object) amount(k string, a duijie.Amount) {
	o.key(k)
	o.buf = a.AppendJSON(o.buf, -1, false)
}

// amountPtr writes an *Amount member unless it is nil (omitempty).
func (o *object) amountPtr(k string, a *duijie.Amount) {
	if a != nil {
		o.amount(k, *a)
	}
}

// time writes a Time member unless it is zero (omitzero), as
// duijie.Time.MarshalJSON writes it.
func (o *object) time(k string, t duijie.Time) {
	if t.IsZero() {
		return
	}
	o.key(k)
	o.buf = strconv.AppendQuote(o.buf, t.String())
}

// plain reports whether the bill carries no custom fields at any level,
// so appendJSON can write it.
func (b *SalReturnStock) plain() bool {
	if len(b.Extra) > 0 || (b.Finance != nil && len(b.Finance.Extra) > 0) {
		return false
	}
	for i := range b.Entries {
		if len(b.Entries[i].Extra) > 0 {
			return false
		}
	}
	return true
}

// appendJSON appends the bill as MarshalJSON writes it; the bill must be
// plain (no Extra at any level). The field order and omissions are those
// of the struct tags.
func (b *SalReturnStock) appendJSON(dst []byte) []byte {
	o := open(dst)
	o.int("FID", b.ID)
	o.ref("FBillTypeID", b.BillType, true)
	o.str("FBillNo", b.BillNo, true)
	o.time("FDate", b.Date)
	o.ref("FSaleOrgId", b.SaleOrg, true)
	o.ref("FRetcustId", b.Customer, true)
	o.ref("FSaledeptid", b.SaleDept, true)
	o.ref("FReturnReason", b.ReturnReason, true)
	o.ref("FSaleGroupId", b.SaleGroup, true)
	o.ref("FSalesManId", b.SalesMan, true)
	o.ref("FStockOrgId", b.StockOrg, true)
	o.ref("FStockDeptId", b.StockDept, true)
	o.ref("FStockerId", b.Stocker, true)
	o.str("FHeadNote", b.HeadNote, true)
	o.ref("FReceiveCustId", b.ReceiveCustomer, true)
	o.str("FReceiveAddress", b.ReceiveAddress, true)
	o.ref("FSettleCustId", b.SettleCustomer, true)
	o.ref("FPayCustId", b.PayCustomer, true)
	o.str("FOwnerTypeIdHead", b.OwnerTypeHead, true)
	o.ref("FOwnerIdHead", b.OwnerHead, true)
	if f := b.Finance; f != nil {
		o.key("SubHeadEntity")
		o.buf = f.appendJSON(o.buf)
	}
	o.key("FEntity")
	if b.Entries == nil {
		o.buf = append(o.buf, "null"...)
	} else {
		o.buf = append(o.buf, '[')
		for i := range b.Entries {
			if i > 0 {
				o.buf = append(o.buf, ',')
			}
			o.buf = b.Entries[i].appendJSON(o.buf)
		}
		o.buf = append(o.buf, ']')
	}
	return o.close()
}

// appendJSON appends the financial information (without its Extra).
func (f *SalReturnFinance) appendJSON(dst []byte) []byte {
	o := open(dst)
	o.ref("FSettleCurrId", f.SettleCurrency, true)
	o.str("FThirdBillNo", f.ThirdBillNo, true)
	o.str("FThirdBillId", f.ThirdBillID, true)
	o.str("FThirdSrcType", f.ThirdSource, true)
	o.ref("FSettleOrgId", f.SettleOrg, true)
	o.ref("FSettleTypeId", f.SettleType, true)
	o.ref("FPriceListId", f.PriceList, true)
	o.ref("FLocalCurrId", f.LocalCurrency, true)
	o.ref("FExchangeTypeId", f.ExchangeType, true)
	o.amountPtr("FExchangeRate", f.ExchangeRate)
	return o.close()
}

// appendJSON appends the line (without its Extra).
func (e *SalReturnEntry) appendJSON(dst []byte) []byte {
	o := open(dst)
	o.int("FENTRYID", e.EntryID)
	o.str("FRowType", e.RowType, true)
	o.ref("FMaterialId", e.Material, false)
	o.ref("FUnitID", e.Unit, true)
	o.amount("FRealQty", e.RealQty)
	o.amountPtr("FPrice", e.Price)
	o.amount("FTaxPrice", e.TaxPrice)
	o.key("FIsFree")
	o.buf = strconv.AppendBool(o.buf, e.IsFree)
	o.amountPtr("FEntryTaxRate", e.TaxRate)
	o.ref("FReturnType", e.ReturnType, true)
	o.str("FOwnerTypeId", e.OwnerType, true)
	o.ref("FOwnerId", e.Owner, true)
	o.ref("FStockId", e.Stock, true)
	o.ref("FStockstatusId", e.StockStatus, true)
	o.time("FDeliveryDate", e.DeliveryDate)
	o.str("FNote", e.Note, true)
	o.ref("FLot", e.Lot, true)
	o.ref("FSalUnitID", e.SalUnit, true)
	o.amountPtr("FSalUnitQty", e.SalUnitQty)
	o.str("FThirdEntryId", e.ThirdEntryID, true)
	if len(e.Serials) > 0 {
		o.key("FSerialSubEntity")
		o.buf = append(o.buf, '[')
		for i, s := range e.Serials {
			if i > 0 {
				o.buf = append(o.buf, ',')
			}
			so := open(o.buf)
			so.str("FSerialNo", s.SerialNo, false)
			so.str("FSerialNote", s.Note, true)
			o.buf = so.close()
		}
		o.buf = append(o.buf, ']')
	}
	return o.close()
}
