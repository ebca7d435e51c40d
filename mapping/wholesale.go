package mapping

import (
	"strconv"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
)

// WholesaleOrder is an ERP wholesale order (批发订单) made from a Himall VF
// order: a neutral shape the host copies into its own tables. It carries
// only the mapped lines; Unmapped lists the lines left out. The host keys it
// by SourceNo (one wholesale order per VF order), must not let users edit or
// delete it, and sends shipment feedback only for it (Origin).
type WholesaleOrder struct {
	// SourceNo is the Himall order number.
	SourceNo string
	// Origin is always honor.OriginHimall; copy it to the outbound so its
	// shipment feedback is allowed.
	Origin honor.OrderOrigin
	// SourceStatus is the Himall status, as sent.
	SourceStatus string
	// ExternalCustomer is the Himall customer code; Customer the host's.
	ExternalCustomer, Customer string
	// Warehouse is the host's default warehouse for Himall orders (默认仓库).
	Warehouse string
	// OutboundType is the host's default outbound type (默认出库方式).
	OutboundType string
	// OrderTime is when the order was placed in Himall.
	OrderTime duijie.Time
	// Receiver, ReceiverPhone and ReceiverAddress are where the goods go.
	Receiver, ReceiverPhone, ReceiverAddress string
	// Remark is the buyer's note.
	Remark string
	// SourceTotal, SourceDiscount and SourcePay are the Himall totals of
	// the whole order, unmapped lines included.
	SourceTotal, SourceDiscount, SourcePay duijie.Amount
	// Amount is the sum of the kept lines' amounts.
	Amount duijie.Amount
	// Lines are the mapped lines, in Himall order.
	Lines []WholesaleLine
	// Unmapped are the lines left out because their goods have no
	// correspondence; empty when the order is complete.
	Unmapped []Missing
}

// Partial reports whether lines were left out.
func (o *WholesaleOrder) Partial() bool { return len(o.Unmapped) > 0 }

// WholesaleLine is one kept line of a WholesaleOrder.
type WholesaleLine struct {
	// SourceIndex is the line's position in the VF order, from 0.
	SourceIndex int
	// SourceLine is the VF line number.
	SourceLine string
	// ExternalGoods is the Himall goods code; Goods is the host's.
	ExternalGoods, Goods string
	// GoodsName and Model are Himall's description.
	GoodsName, Model string
	// Quantity, Price and Amount are the line's; Amount is Price×Quantity
	// when Himall sent none.
	Quantity, Price, Amount duijie.Amount
}

// VFOptions are the host's settings for turning VF orders into wholesale
// orders (荣耀接口设置).
type VFOptions struct {
	// Goods maps Himall goods codes to the host's goods (荣耀商品信息对应). Required.
	Goods Lookup
	// Customers maps Himall customer codes to the host's customers
	// (荣耀客户信息对应). Required.
	Customers Lookup
	// Warehouse is the default warehouse (默认仓库). Required.
	Warehouse string
	// OutboundType is the default outbound type (默认出库方式).
	OutboundType string
}

func (o VFOptions) check() error {
	switch {
	case o.Goods == nil:
		return invalid("VFOptions.Goods", duijie.RuleRequired, "the goods correspondence table")
	case o.Customers == nil:
		return invalid("VFOptions.Customers", duijie.RuleRequired, "the customer correspondence table")
	case o.Warehouse == "":
		return invalid("VFOptions.Warehouse", duijie.RuleRequired, "the default warehouse")
	}
	return nil
}

// VFOrderToWholesale turns a Himall VF order into a wholesale order holding
// only the lines whose goods are mapped; the others are listed in Unmapped,
// never dropped silently.
//
// It fails with a *UnmappedError when the customer is not mapped (listing
// the unmapped goods too, so both can be fixed at once), and with a
// *UnmappedError matching ErrNothingMapped, together with the order, when
// no line at all is mapped. Bad options or a line without a positive
// quantity are a *ValidationError.
func VFOrderToWholesale(o *honor.VFOrder, opt VFOptions) (*WholesaleOrder, error) {
	if o == nil {
		return nil, invalid("VFOrder", duijie.RuleRequired, "")
	}
	if err := opt.check(); err != nil {
		return nil, err
	}
	if o.OrderNo == "" {
		return nil, invalid("order_no", duijie.RuleRequired, "")
	}
	if len(o.Lines) == 0 {
		return nil, invalid("lines", duijie.RuleRequired, "at least one line")
	}
	for i, l := range o.Lines {
		if l.Quantity.Sign() <= 0 {
			return nil, invalid("lines["+strconv.Itoa(i)+"].quantity", duijie.RuleRange, "must be above 0")
		}
	}
	res := Resolve(o.Lines, KindGoods, opt.Goods, func(i int, l honor.VFOrderLine) LineRef {
		return LineRef{Code: l.GoodsCode, Key: l.LineNo, Field: "lines[" + strconv.Itoa(i) + "].goods_code"}
	})
	customer, ok := lookupOr(opt.Customers, o.CustomerCode)
	if !ok {
		missing := append([]Missing{{Table: KindCustomers, Code: o.CustomerCode, Line: -1, Field: "customer_code"}}, res.Unmapped...)
		return nil, unmapped(o.OrderNo, missing, res.NothingMapped())
	}
	w := &WholesaleOrder{
		SourceNo: o.OrderNo, Origin: honor.OriginHimall, SourceStatus: o.Status,
		ExternalCustomer: o.CustomerCode, Customer: customer,
		Warehouse: opt.Warehouse, OutboundType: opt.OutboundType,
		OrderTime: o.OrderTime, Receiver: o.Receiver, ReceiverPhone: o.ReceiverPhone,
		ReceiverAddress: o.ReceiverAddress, Remark: o.Remark,
		SourceTotal: o.TotalAmount, SourceDiscount: o.DiscountAmount, SourcePay: o.PayAmount,
		Unmapped: res.Unmapped,
	}
	for _, m := range res.Mapped {
		l := m.Line
		amount := l.Amount
		if amount.IsZero() {
			amount = l.Price.Mul(l.Quantity)
		}
		w.Lines = append(w.Lines, WholesaleLine{
			SourceIndex: m.Index, SourceLine: l.LineNo, ExternalGoods: l.GoodsCode, Goods: m.Code,
			GoodsName: l.GoodsName, Model: l.Model, Quantity: l.Quantity, Price: l.Price, Amount: amount,
		})
		w.Amount = w.Amount.Add(amount)
	}
	if res.NothingMapped() {
		return w, unmapped(o.OrderNo, res.Unmapped, true)
	}
	return w, nil
}
