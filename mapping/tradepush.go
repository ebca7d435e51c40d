package mapping

import (
	"strconv"

	"github.com/duijie/duijie/internal/apierr"
	"github.com/duijie/duijie/wangdiantong"
)

// TradePushOptions are the host's choices for turning pushed orders into
// Wangdiantong trade_push trades.
type TradePushOptions struct {
	// ShopNo is the WDT shop (shop_no) for orders that name none.
	ShopNo string
	// Shops maps the order's shop_no to the WDT shop; nil sends it as is.
	Shops Lookup
	// Goods maps a line's spec_no (goods_no when spec_no is empty) to the
	// WDT merchant code; nil sends the codes as they came. A line whose
	// code is not mapped fails the whole order: a trade must not reach the
	// ERP with lines missing.
	Goods Lookup
	// WarehouseNo is the ERP warehouse to ship from, when the host picks one.
	WarehouseNo string
	// DeliveryTerm is used when the order says none; 0 means 1 (款到发货).
	DeliveryTerm int
}

// ShopTrade is a trade_push trade with the WDT shop it goes to.
type ShopTrade struct {
	// ShopNo is the WDT shop (TradePushRequest.ShopNo).
	ShopNo string
	// Trade is the raw order.
	Trade wangdiantong.Trade
}

// CallbackToTrade turns a pushed order into a trade_push trade. Field for
// field: tid, trade_status, pay_status, delivery_term, trade_time, pay_time,
// fenxiao_type, buyer_nick, receiver_*, logistics_type, post_amount,
// cod_amount, ext_cod_fee, other_amount, paid and, per line, oid, num,
// price, status, refund_status, goods_id, spec_id, goods_no, spec_no,
// goods_name, spec_name, adjust_amount, discount, share_discount, remark.
// A line without an oid gets "<tid>-<n>", n its position from 1, so a
// replay names it the same way. A zero delivery_term becomes the option.
// An unmapped shop or goods code is a *UnmappedError listing all of them.
func CallbackToTrade(o *CallbackOrder, opt TradePushOptions) (*ShopTrade, error) {
	if o == nil {
		return nil, invalid("CallbackOrder", apierr.RuleRequired, "")
	}
	tid := string(o.Tid)
	switch {
	case tid == "":
		return nil, invalid("tid", apierr.RuleRequired, "")
	case len(o.Lines) == 0:
		return nil, invalid("order_list", apierr.RuleRequired, "at least one line")
	case o.TradeTime.IsZero():
		return nil, invalid("trade_time", apierr.RuleRequired, "")
	}
	var missing []Missing
	shop := string(o.ShopNo)
	if shop == "" {
		shop = opt.ShopNo
		if shop == "" {
			return nil, invalid("shop_no", apierr.RuleRequired, "the order names no shop and TradePushOptions.ShopNo is empty")
		}
	} else if mapped, ok := lookupOr(opt.Shops, shop); ok {
		shop = mapped
	} else {
		missing = append(missing, Missing{Table: KindShops, Code: shop, Line: -1, Field: "shop_no"})
	}
	term := int(o.DeliveryTerm)
	if term == 0 {
		term = max(opt.DeliveryTerm, 1)
	}
	t := wangdiantong.Trade{
		Tid: tid, TradeStatus: int(o.TradeStatus), PayStatus: int(o.PayStatus), DeliveryTerm: term,
		TradeTime: o.TradeTime, PayTime: o.PayTime, FenxiaoType: int(o.FenxiaoType),
		BuyerNick: string(o.BuyerNick), ReceiverName: string(o.ReceiverName),
		ReceiverProv: string(o.ReceiverProvince), ReceiverCity: string(o.ReceiverCity),
		ReceiverDist: string(o.ReceiverDistrict), ReceiverAddr: string(o.ReceiverAddress),
		ReceiverMobile: string(o.ReceiverMobile), LogisticsType: int(o.LogisticsType),
		PostAmount: o.PostAmount, CodAmount: o.CodAmount, ExtCodFee: o.ExtCodFee,
		OtherAmount: o.OtherAmount, Paid: o.Paid, WarehouseNo: opt.WarehouseNo,
		Orders: make([]wangdiantong.Order, 0, len(o.Lines)),
	}
	for i, l := range o.Lines {
		line := wangdiantong.Order{
			Oid: string(l.Oid), Num: l.Num, Price: l.Price, Status: int(l.Status), RefundStatus: int(l.RefundStatus),
			GoodsID: string(l.GoodsID), SpecID: string(l.SpecID), GoodsNo: string(l.GoodsNo), SpecNo: string(l.SpecNo),
			GoodsName: string(l.GoodsName), SpecName: string(l.SpecName), AdjustAmount: l.AdjustAmount,
			Discount: l.Discount, ShareDiscount: l.ShareDiscount, Remark: string(l.Remark),
		}
		if line.Oid == "" {
			line.Oid = tid + "-" + strconv.Itoa(i+1)
		}
		if opt.Goods != nil {
			code, field := line.SpecNo, "spec_no"
			if code == "" {
				code, field = line.GoodsNo, "goods_no"
			}
			mapped, ok := lookupOr(opt.Goods, code)
			if !ok {
				missing = append(missing, Missing{Table: KindGoods, Code: code, Line: i, Key: string(l.Oid),
					Field: "order_list[" + strconv.Itoa(i) + "]." + field})
				continue
			}
			line.SpecNo = mapped
		}
		t.Orders = append(t.Orders, line)
	}
	if err := unmapped(tid, missing, len(t.Orders) == 0); err != nil {
		return nil, err
	}
	return &ShopTrade{ShopNo: shop, Trade: t}, nil
}

// TradePushRequests groups trades by shop, in order of first appearance,
// into requests of at most wangdiantong.MaxTradesPerPush trades. A tid that
// repeats within a shop keeps its last version, so one request never
// carries a tid twice.
func TradePushRequests(trades []ShopTrade) []wangdiantong.TradePushRequest {
	var shops []string
	byShop := map[string][]wangdiantong.Trade{}
	pos := map[string]map[string]int{}
	for _, st := range trades {
		if _, ok := byShop[st.ShopNo]; !ok {
			shops = append(shops, st.ShopNo)
			pos[st.ShopNo] = map[string]int{}
		}
		if i, dup := pos[st.ShopNo][st.Trade.Tid]; dup {
			byShop[st.ShopNo][i] = st.Trade
			continue
		}
		pos[st.ShopNo][st.Trade.Tid] = len(byShop[st.ShopNo])
		byShop[st.ShopNo] = append(byShop[st.ShopNo], st.Trade)
	}
	var out []wangdiantong.TradePushRequest
	for _, s := range shops {
		list := byShop[s]
		for start := 0; start < len(list); start += wangdiantong.MaxTradesPerPush {
			end := min(start+wangdiantong.MaxTradesPerPush, len(list))
			out = append(out, wangdiantong.TradePushRequest{ShopNo: s, Trades: list[start:end:end]})
		}
	}
	return out
}
