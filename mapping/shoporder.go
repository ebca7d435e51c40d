package mapping

import (
	"strconv"

	"github.com/duijie/duijie"
)

// ShopStatus is the state of a shop order, in the host's own words.
type ShopStatus string

// Shop order states.
const (
	// ShopPendingPayment: placed, not paid.
	ShopPendingPayment ShopStatus = "pending_payment"
	// ShopPaid: paid, waiting to ship.
	ShopPaid ShopStatus = "paid"
	// ShopShipped: shipped, not yet received.
	ShopShipped ShopStatus = "shipped"
	// ShopFinished: received, trade complete.
	ShopFinished ShopStatus = "finished"
	// ShopClosed: closed after payment (refunded).
	ShopClosed ShopStatus = "closed"
	// ShopCancelled: closed before payment.
	ShopCancelled ShopStatus = "cancelled"
)

// paid reports whether the state comes after payment.
func (s ShopStatus) paid() bool {
	return s == ShopPaid || s == ShopShipped || s == ShopFinished || s == ShopClosed
}

// ShopOrder is an order of the host's own shop (a mall such as Fecmall), the
// neutral shape the shop converters start from.
type ShopOrder struct {
	// OrderNo is the shop's order number, the key the targets de-duplicate by.
	OrderNo string
	// Status is the order's state.
	Status ShopStatus
	// CreatedAt is when it was placed; PaidAt when it was paid; ModifiedAt
	// when the shop last changed it.
	CreatedAt, PaidAt, ModifiedAt duijie.Time
	// BuyerID is the buyer's account in the shop; BuyerName their name.
	BuyerID, BuyerName string
	// ReceiverName, ReceiverPhone and ReceiverMobile reach the consignee.
	ReceiverName, ReceiverPhone, ReceiverMobile string
	// Province, City, District and Address locate the consignee; Zip is the postcode.
	Province, City, District, Address, Zip string
	// Freight is the postage charged.
	Freight duijie.Amount
	// Discount is the order-level discount (coupons, points), beyond the
	// lines' own discounts.
	Discount duijie.Amount
	// PayAmount is what the buyer owes (应付): lines + Freight − Discount.
	PayAmount duijie.Amount
	// Paid is what the buyer paid.
	Paid duijie.Amount
	// PayNo is the payment number; PayMethod names the method (支付宝, 微信).
	PayNo, PayMethod string
	// BuyerMessage is the buyer's note; Remark the seller's.
	BuyerMessage, Remark string
	// Lines are the goods; at least one.
	Lines []ShopOrderLine
}

// ShopOrderLine is one line of a ShopOrder.
type ShopOrderLine struct {
	// LineNo is the shop's line id, unique within the order.
	LineNo string
	// SKU is the shop's SKU code, the key of the goods correspondence.
	SKU string
	// ItemID is the shop's item (product) id.
	ItemID string
	// Name and Spec describe the goods.
	Name, Spec string
	// Qty is the quantity.
	Qty duijie.Amount
	// ListPrice is the unit list price; Price the unit selling price.
	ListPrice, Price duijie.Amount
	// Discount is the line's discount in money; Amount the line total
	// after it (Price×Qty when zero).
	Discount, Amount duijie.Amount
}

// total returns the line total.
func (l ShopOrderLine) total() duijie.Amount {
	if !l.Amount.IsZero() {
		return l.Amount
	}
	return l.Price.Mul(l.Qty)
}

// check validates the parts every shop converter needs.
func (o *ShopOrder) check() error {
	if o == nil {
		return invalid("ShopOrder", duijie.RuleRequired, "")
	}
	switch {
	case o.OrderNo == "":
		return invalid("OrderNo", duijie.RuleRequired, "")
	case len(o.Lines) == 0:
		return invalid("Lines", duijie.RuleRequired, "at least one line")
	case o.CreatedAt.IsZero():
		return invalid("CreatedAt", duijie.RuleRequired, "")
	}
	switch o.Status {
	case ShopPendingPayment, ShopPaid, ShopShipped, ShopFinished, ShopClosed, ShopCancelled:
	default:
		return invalid("Status", duijie.RuleFormat, strconv.Quote(string(o.Status))+" is not a ShopStatus")
	}
	for i, l := range o.Lines {
		f := "Lines[" + strconv.Itoa(i) + "]."
		switch {
		case l.SKU == "":
			return invalid(f+"SKU", duijie.RuleRequired, "")
		case l.Qty.Sign() <= 0:
			return invalid(f+"Qty", duijie.RuleRange, "must be above 0")
		case l.Price.IsNegative():
			return invalid(f+"Price", duijie.RuleNegative, "")
		}
	}
	return nil
}

// mapSKUs maps every line's SKU with goods (nil: unchanged) and reports the
// unmapped ones.
func (o *ShopOrder) mapSKUs(goods Lookup) ([]string, []Missing) {
	codes := make([]string, len(o.Lines))
	var missing []Missing
	for i, l := range o.Lines {
		c, ok := lookupOr(goods, l.SKU)
		if !ok {
			missing = append(missing, Missing{Table: KindGoods, Code: l.SKU, Line: i, Key: l.LineNo,
				Field: "Lines[" + strconv.Itoa(i) + "].SKU"})
		}
		codes[i] = c
	}
	return codes, missing
}
