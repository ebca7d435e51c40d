package mapping

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
)

// ErrVFOrderChanged is matched by errors.Is for every *VFConflictError.
var ErrVFOrderChanged = errors.New("mapping: a VF order taken into the ERP has changed in Himall")

// Change is one field in which a VF order fetched again differs from the
// wholesale order the host already keeps for it.
type Change struct {
	// Field names the wholesale order's field, e.g. "Customer" or
	// "Lines[0].Quantity".
	Field string
	// Stored is the kept value, Fetched the one Himall's answer makes.
	Stored, Fetched string
}

// String describes the change, e.g. `Lines[0].Quantity "1" → "3"`.
func (c Change) String() string {
	return c.Field + " " + strconv.Quote(c.Stored) + " → " + strconv.Quote(c.Fetched)
}

// VFConflictError reports that a VF order already taken into the ERP came
// back from Himall with different content. An order fetched from Himall may
// not be modified or deleted in the ERP (荣耀接口: 获取的订单不允许修改、删除),
// so the wholesale order the host keeps stays as it is, and a person
// settles the difference with Himall or the customer.
type VFConflictError struct {
	// SourceNo is the Himall order number.
	SourceNo string
	// Changes are the differing fields, header first, then lines in order.
	Changes []Change
	// Fetched is the wholesale order Himall's latest answer makes, for the
	// person who settles the conflict; never store it over the kept one.
	Fetched *WholesaleOrder
}

// Error names the order and its changes (at most five spelled out).
func (e *VFConflictError) Error() string {
	var b strings.Builder
	b.WriteString("mapping: VF order ")
	b.WriteString(strconv.Quote(e.SourceNo))
	b.WriteString(" changed in Himall after it was taken into the ERP, which may not change it: ")
	for i, c := range e.Changes {
		if i == maxListed {
			b.WriteString("; and ")
			b.WriteString(strconv.Itoa(len(e.Changes) - maxListed))
			b.WriteString(" more")
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(c.String())
	}
	return b.String()
}

// Is matches ErrVFOrderChanged.
func (e *VFConflictError) Is(target error) bool { return target == ErrVFOrderChanged }

// ReconcileVFOrder converts a VF order fetched from Himall (as
// VFOrderToWholesale does) and holds it against the wholesale order the
// host keeps for it, stored, nil when there is none:
//
//   - no stored order: the new wholesale order, to create;
//   - the same content: the fetched order, which differs from stored at
//     most in Himall's own status (SourceStatus, moved on by Himall as the
//     order ships) and may replace it;
//   - different content (customer, order time, receiver, remark, Himall's
//     totals, any line or left-out line): nil and a *VFConflictError
//     listing every change; the stored order must stay as it is.
//
// The host's own settings (Warehouse, OutboundType) are not compared: they
// are the host's, not Himall's. Conversion errors are VFOrderToWholesale's.
func ReconcileVFOrder(stored *WholesaleOrder, o *honor.VFOrder, opt VFOptions) (*WholesaleOrder, error) {
	fetched, err := VFOrderToWholesale(o, opt)
	if err != nil || stored == nil {
		return fetched, err
	}
	if changes := WholesaleChanges(stored, fetched); len(changes) > 0 {
		return nil, &VFConflictError{SourceNo: fetched.SourceNo, Changes: changes, Fetched: fetched}
	}
	return fetched, nil
}

// WholesaleChanges lists the fields of Himall's content in which fetched
// differs from stored: every field but SourceStatus, Warehouse and
// OutboundType. Amounts compare by value (1.0 equals 1.00).
func WholesaleChanges(stored, fetched *WholesaleOrder) []Change {
	var out []Change
	text := func(field, a, b string) {
		if a != b {
			out = append(out, Change{Field: field, Stored: a, Fetched: b})
		}
	}
	amount := func(field string, a, b duijie.Amount) {
		if !a.Equal(b) {
			out = append(out, Change{Field: field, Stored: a.String(), Fetched: b.String()})
		}
	}
	text("SourceNo", stored.SourceNo, fetched.SourceNo)
	text("ExternalCustomer", stored.ExternalCustomer, fetched.ExternalCustomer)
	text("Customer", stored.Customer, fetched.Customer)
	text("OrderTime", stored.OrderTime.String(), fetched.OrderTime.String())
	text("Receiver", stored.Receiver, fetched.Receiver)
	text("ReceiverPhone", stored.ReceiverPhone, fetched.ReceiverPhone)
	text("ReceiverAddress", stored.ReceiverAddress, fetched.ReceiverAddress)
	text("Remark", stored.Remark, fetched.Remark)
	amount("SourceTotal", stored.SourceTotal, fetched.SourceTotal)
	amount("SourceDiscount", stored.SourceDiscount, fetched.SourceDiscount)
	amount("SourcePay", stored.SourcePay, fetched.SourcePay)
	amount("Amount", stored.Amount, fetched.Amount)
	text("len(Lines)", strconv.Itoa(len(stored.Lines)), strconv.Itoa(len(fetched.Lines)))
	for i := range min(len(stored.Lines), len(fetched.Lines)) {
		a, b := stored.Lines[i], fetched.Lines[i]
		at := "Lines[" + strconv.Itoa(i) + "]."
		text(at+"SourceIndex", strconv.Itoa(a.SourceIndex), strconv.Itoa(b.SourceIndex))
		text(at+"SourceLine", a.SourceLine, b.SourceLine)
		text(at+"ExternalGoods", a.ExternalGoods, b.ExternalGoods)
		text(at+"Goods", a.Goods, b.Goods)
		text(at+"GoodsName", a.GoodsName, b.GoodsName)
		text(at+"Model", a.Model, b.Model)
		amount(at+"Quantity", a.Quantity, b.Quantity)
		amount(at+"Price", a.Price, b.Price)
		amount(at+"Amount", a.Amount, b.Amount)
	}
	left := func(w *WholesaleOrder) string {
		codes := make([]string, len(w.Unmapped))
		for i, m := range w.Unmapped {
			codes[i] = strconv.Itoa(m.Line) + ":" + m.Code
		}
		return strings.Join(codes, ",")
	}
	if !slices.EqualFunc(stored.Unmapped, fetched.Unmapped, func(a, b Missing) bool { return a.Line == b.Line && a.Code == b.Code }) {
		out = append(out, Change{Field: "Unmapped", Stored: left(stored), Fetched: left(fetched)})
	}
	return out
}
