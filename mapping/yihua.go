package mapping

import (
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
	// (yhProductID); nil or a miss leaves it empty.
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
// Discount, FactMoney = Paid, Freight = Freight. A paid order carries one
// payment row. OrderNo is sent as both TradeID and OuterID. Unmapped SKUs
// fail the order with a *UnmappedError.
func ShopOrderToYihua(o *ShopOrder, opt YihuaOptions) (*yihua.Trade, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	codes, missing := o.mapSKUs(opt.Goods)
	if err := unmapped(o.OrderNo, missing, len(missing) == len(o.Lines)); err != nil {
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
		product := ""
		if opt.Products != nil {
			product, _ = opt.Products.Lookup(l.SKU)
		}
		t.Details[i] = yihua.Detail{
			GoodsID: codes[i], YhProductID: product, GoodsNumber: l.Qty, OldPrice: old, Price: l.Price,
			ContractFeeItem: fee, CreateTime: o.CreatedAt,
		}
		m.OriginalMoney = m.OriginalMoney.Add(old.Mul(l.Qty))
		m.ContractFeeBefore = m.ContractFeeBefore.Add(fee)
	}
	t.Master = m
	if o.Status.paid() && o.Paid.Sign() > 0 {
		ch := opt.PayChannel
		if ch == "" {
			ch = yihua.PayChannel(o.PayMethod)
		}
		t.Pays = []yihua.Pay{{FactMoney: o.Paid, PayChannel: ch}}
	}
	return t, nil
}
