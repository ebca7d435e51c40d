package mapping

import (
	"slices"
	"strconv"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/yihua"
)

// YihuaOptions are the host's choices for sending shop orders to Yihua
// (TradeTransferToErp).
type YihuaOptions struct {
	// TradeType is the order type; empty means yihua.TradeTypeFixed.
	TradeType yihua.TradeType
	// TradeSource is the order's channel, e.g. yihua.TradeSourceWeChat.
	TradeSource yihua.TradeSource
	// PayChannel is the channel of the payment row; when empty the
	// order's PayMethod is sent as the channel.
	PayChannel yihua.PayChannel
	// PaidStatus is the PayStatus of a paid order; empty means
	// yihua.PayStatusPaid ("2"). Unpaid orders send an empty PayStatus,
	// since the vendor's table of other values is not public.
	PaidStatus yihua.PayStatus
	// Goods maps the shop's SKU to Yihua's goods code (GoodsID); nil sends
	// the SKU as is.
	Goods Lookup
	// Products maps the shop's SKU to Yihua's global product id
	// (yhProductID, 益华商品全局唯一码), the id by which Yihua knows the
	// product. Required: a line without one is reported as unmapped.
	Products Lookup
	// SaleUID is the salesperson's UID, when the host has one.
	SaleUID string
}

// ShopOrderToYihua turns a shop order into a Yihua trade. The amounts
// follow the relations of the vendor's example: per line OldPrice is the
// list price (the selling price when none), ContractFeeItem the line's
// discount (OldPrice×Qty − line total when the line states none), and the
// header OriginalMoney = Σ OldPrice×Qty, ContractFeeBefore = Σ
// ContractFeeItem, TotalMoney = PayAmount, ContractFee = the order-level
// Discount, FactMoney = Paid, Freight = Freight. OrderNo is sent as both
// TradeID and OuterID.
//
// A paid order (paid, shipped, finished or closed) carries one payment row
// of Paid; a paid order with no Paid above 0 is a *ValidationError on
// Paid, since Yihua books the receipt from that row.
//
// Every line needs both its goods code (Goods) and its Yihua product
// (Products, yhProductID). The SKUs without either are listed in one
// *UnmappedError (KindGoods, KindProducts) and nothing is sent: unlike a
// Honor VF order, which keeps only its mapped lines, a shop trade carries
// its money totals, which a trade missing lines would contradict. A nil
// Products is a *ValidationError.
func ShopOrderToYihua(o *ShopOrder, opt YihuaOptions) (*yihua.Trade, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	if opt.Products == nil {
		return nil, invalid("YihuaOptions.Products", duijie.RuleRequired, "the SKU to yhProductID correspondence")
	}
	if o.Status.paid() && o.Paid.Sign() <= 0 {
		return nil, invalid("Paid", duijie.RuleRequired, "a "+string(o.Status)+" order carries what was paid, sent as its payment row")
	}
	codes, missing := o.mapSKUs(opt.Goods)
	products := make([]string, len(o.Lines))
	short := map[int]bool{}
	for _, m := range missing {
		short[m.Line] = true
	}
	for i, l := range o.Lines {
		p, ok := opt.Products.Lookup(l.SKU)
		if !ok {
			short[i] = true
			missing = append(missing, Missing{Table: KindProducts, Code: l.SKU, Line: i, Key: l.LineNo,
				Field: "Lines[" + strconv.Itoa(i) + "].SKU"})
		}
		products[i] = p
	}
	slices.SortStableFunc(missing, func(a, b Missing) int { return a.Line - b.Line })
	if err := unmapped(o.OrderNo, missing, len(short) == len(o.Lines)); err != nil {
		return nil, err
	}
	tt := opt.TradeType
	if tt == "" {
		tt = yihua.TradeTypeFixed
	}
	m := yihua.Master{
		TradeType: tt, TradeID: o.OrderNo, OuterID: o.OrderNo, CreateTime: o.CreatedAt,
		TotalMoney: o.PayAmount, FactMoney: o.Paid, ContractFee: o.Discount, Freight: o.Freight,
		PayTime: o.PaidAt, TradeSource: opt.TradeSource, ProvinceID: o.Province, CityID: o.City,
		DistrictID: o.District, BuyerAddress: o.Address, BuyerName: o.ReceiverName, ZipCode: o.Zip,
		Remark: o.Remark, SaleUID: opt.SaleUID,
	}
	m.BuyerPhone = o.ReceiverMobile
	if m.BuyerPhone == "" {
		m.BuyerPhone = o.ReceiverPhone
	}
	if o.Status.paid() {
		m.PayStatus = opt.PaidStatus
		if m.PayStatus == "" {
			m.PayStatus = yihua.PayStatusPaid
		}
	}
	t := &yihua.Trade{Details: make([]yihua.Detail, len(o.Lines))}
	for i, l := range o.Lines {
		old := l.ListPrice
		if old.IsZero() {
			old = l.Price
		}
		fee := l.Discount
		if fee.IsZero() {
			fee = old.Mul(l.Qty).Sub(l.total())
		}
		t.Details[i] = yihua.Detail{
			GoodsID: codes[i], YhProductID: products[i], GoodsNumber: l.Qty, OldPrice: old, Price: l.Price,
			ContractFeeItem: fee, CreateTime: o.CreatedAt,
		}
		m.OriginalMoney = m.OriginalMoney.Add(old.Mul(l.Qty))
		m.ContractFeeBefore = m.ContractFeeBefore.Add(fee)
	}
	t.Master = m
	if o.Status.paid() {
		ch := opt.PayChannel
		if ch == "" {
			ch = yihua.PayChannel(o.PayMethod)
		}
		t.Pays = []yihua.Pay{{FactMoney: o.Paid, PayChannel: ch}}
	}
	return t, nil
}
