package mapping

import (
	"strconv"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
)

// JushuitanOptions are the host's choices for uploading shop orders to
// Jushuitan (订单上传).
type JushuitanOptions struct {
	// ShopID is the Jushuitan shop (店铺编号) of type 商家自有商城. Required.
	ShopID int64
	// Goods maps the shop's SKU to the Jushuitan 商品编码 (sku_id); nil
	// sends the SKU as is, for shops whose codes equal the ERP's.
	Goods Lookup
	// WmsCoID picks the warehouse (分仓编号); 0 leaves it to the ERP.
	WmsCoID int64
}

// jushuitanStatus maps a shop state to the vendor's shop_status.
var jushuitanStatus = map[ShopStatus]jushuitan.ShopStatus{
	ShopPendingPayment: jushuitan.StatusWaitBuyerPay,
	ShopPaid:           jushuitan.StatusWaitSellerSendGoods,
	ShopShipped:        jushuitan.StatusWaitBuyerConfirmGoods,
	ShopFinished:       jushuitan.StatusTradeFinished,
	ShopClosed:         jushuitan.StatusTradeClosed,
	ShopCancelled:      jushuitan.StatusTradeClosedByTaobao,
}

// ShopOrderToJushuitan turns a shop order into a Jushuitan upload order.
// The (ShopID, so_id) pair is the vendor's key, so uploading the result
// again updates the order. Mapping: OrderNo→so_id, CreatedAt→order_date,
// Status→shop_status, BuyerID (else BuyerName)→shop_buyer_id, receiver
// fields→receiver_*, PayAmount→pay_amount, Freight→freight,
// ModifiedAt→shop_modified; per line SKU→sku_id (through Goods) and
// shop_sku_id, ItemID→shop_i_id, Name, Spec→properties_value,
// Qty (a whole number), Price, ListPrice→base_price, Amount, LineNo→
// outer_oi_id. A paid order carries pay {PayNo (else OrderNo), PaidAt,
// PayMethod, Paid}. Unmapped SKUs fail the order with a *UnmappedError.
func ShopOrderToJushuitan(o *ShopOrder, opt JushuitanOptions) (*jushuitan.UploadOrder, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	if opt.ShopID <= 0 {
		return nil, invalid("JushuitanOptions.ShopID", duijie.RuleRequired, "")
	}
	codes, missing := o.mapSKUs(opt.Goods)
	if err := unmapped(o.OrderNo, missing, len(missing) == len(o.Lines)); err != nil {
		return nil, err
	}
	buyer := o.BuyerID
	if buyer == "" {
		buyer = o.BuyerName
	}
	u := &jushuitan.UploadOrder{
		ShopID: opt.ShopID, SoID: o.OrderNo, OrderDate: o.CreatedAt, ShopStatus: jushuitanStatus[o.Status],
		ShopBuyerID: buyer, ReceiverState: o.Province, ReceiverCity: o.City, ReceiverDistrict: o.District,
		ReceiverAddress: o.Address, ReceiverName: o.ReceiverName, ReceiverPhone: o.ReceiverPhone,
		ReceiverMobile: o.ReceiverMobile, ReceiverZip: o.Zip, PayAmount: o.PayAmount, Freight: o.Freight,
		BuyerMessage: o.BuyerMessage, Remark: o.Remark, ShopModified: o.ModifiedAt, WmsCoID: opt.WmsCoID,
		Items: make([]jushuitan.UploadOrderItem, len(o.Lines)),
	}
	for i, l := range o.Lines {
		qty, err := wholeQty(l.Qty, "Lines["+strconv.Itoa(i)+"].Qty")
		if err != nil {
			return nil, err
		}
		u.Items[i] = jushuitan.UploadOrderItem{
			SKUID: codes[i], ShopSKUID: l.SKU, ShopIID: l.ItemID, Name: l.Name, PropertiesValue: l.Spec,
			Amount: l.total(), Price: l.Price, BasePrice: l.ListPrice, Qty: qty, OuterOiID: l.LineNo,
		}
	}
	if o.Status.paid() && o.Paid.Sign() > 0 {
		pay := o.PayNo
		if pay == "" {
			pay = o.OrderNo
		}
		u.Pay = &jushuitan.UploadOrderPay{OuterPayID: pay, PayDate: o.PaidAt, Payment: o.PayMethod, Amount: o.Paid}
	}
	return u, nil
}

// maxQty bounds whole quantities so they fit any int.
const maxQty = 1 << 31

// wholeQty returns q as an int when it is a whole number.
func wholeQty(q duijie.Amount, field string) (int, error) {
	d := q.Decimal()
	if !d.IsInteger() {
		return 0, invalid(field, duijie.RuleFormat, "a whole number of units, not "+q.String())
	}
	if d.IntPart() >= maxQty {
		return 0, invalid(field, duijie.RuleRange, "too large")
	}
	return int(d.IntPart()), nil
}
