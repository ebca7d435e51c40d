package mapping

import (
	"slices"
	"strconv"
	"strings"

	"github.com/duijie/duijie"
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
	// DeliveryTerm is the delivery_term sent for an order that names none:
	// 1 款到发货, 2 货到付款, 3 分期付款. 0 chooses none, and such an order
	// is refused.
	DeliveryTerm int
	// NoRefundWhenAbsent sends refund_status 0 (无退款) for a line that names
	// none. Without it such a line refuses its order: an update by tid that
	// sends 0 clears a refund the ERP already knows of.
	NoRefundWhenAbsent bool
}

// The codes trade_push accepts (wangdiantong.Trade's doc comments).
var (
	tradeStatuses  = []int64{10, 20, 30, 40, 50, 70, 80, 90}
	payStatuses    = []int64{0, 1, 2}
	deliveryTerms  = []int64{1, 2, 3}
	refundStatuses = []int64{0, 1, 2, 3, 4, 5}
)

// enumIn returns the code when it is sent and one of ok, and a
// *ValidationError naming field otherwise.
func enumIn(e Enum, field string, ok []int64) (int, error) {
	n, set := e.Get()
	if !set {
		return 0, invalid(field, duijie.RuleRequired, "the order does not send it")
	}
	if !slices.Contains(ok, n) {
		return 0, invalid(field, duijie.RuleRange, strconv.FormatInt(n, 10)+" is not one of "+codeList(ok))
	}
	return int(n), nil
}

// codeList writes codes as "10, 20, 30".
func codeList(codes []int64) string {
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = strconv.FormatInt(c, 10)
	}
	return strings.Join(parts, ", ")
}

// check validates the options' own codes.
func (o TradePushOptions) check() error {
	if o.DeliveryTerm != 0 && !slices.Contains(deliveryTerms, int64(o.DeliveryTerm)) {
		return invalid("TradePushOptions.DeliveryTerm", duijie.RuleRange, strconv.Itoa(o.DeliveryTerm)+" is not one of "+codeList(deliveryTerms))
	}
	return nil
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
// replay names it the same way.
//
// No code is sent that the order did not give or the host did not choose:
// trade_status and pay_status must be sent and be codes trade_push knows;
// a missing delivery_term takes TradePushOptions.DeliveryTerm, or refuses
// the order when that is 0; a line's missing status takes the order's
// trade_status; a line's missing refund_status is 0 only with
// NoRefundWhenAbsent. Each refusal is a *ValidationError naming the source
// field, e.g. "trade_status" or "order_list[1].refund_status".
//
// An unmapped shop or goods code is a *UnmappedError listing all of them.
func CallbackToTrade(o *CallbackOrder, opt TradePushOptions) (*ShopTrade, error) {
	if o == nil {
		return nil, invalid("CallbackOrder", duijie.RuleRequired, "")
	}
	if err := opt.check(); err != nil {
		return nil, err
	}
	tid := string(o.Tid)
	switch {
	case tid == "":
		return nil, invalid("tid", duijie.RuleRequired, "")
	case len(o.Lines) == 0:
		return nil, invalid("order_list", duijie.RuleRequired, "at least one line")
	case o.TradeTime.IsZero():
		return nil, invalid("trade_time", duijie.RuleRequired, "")
	}
	var missing []Missing
	shop := string(o.ShopNo)
	if shop == "" {
		shop = opt.ShopNo
		if shop == "" {
			return nil, invalid("shop_no", duijie.RuleRequired, "the order names no shop and TradePushOptions.ShopNo is empty")
		}
	} else if mapped, ok := lookupOr(opt.Shops, shop); ok {
		shop = mapped
	} else {
		missing = append(missing, Missing{Table: KindShops, Code: shop, Line: -1, Field: "shop_no"})
	}
	status, err := enumIn(o.TradeStatus, "trade_status", tradeStatuses)
	if err != nil {
		return nil, err
	}
	pay, err := enumIn(o.PayStatus, "pay_status", payStatuses)
	if err != nil {
		return nil, err
	}
	termCode := o.DeliveryTerm
	if _, set := termCode.Get(); !set && opt.DeliveryTerm != 0 {
		termCode = EnumOf(int64(opt.DeliveryTerm))
	}
	term, err := enumIn(termCode, "delivery_term", deliveryTerms)
	if err != nil {
		return nil, err
	}
	t := wangdiantong.Trade{
		Tid: tid, TradeStatus: status, PayStatus: pay, DeliveryTerm: term,
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
		at := "order_list[" + strconv.Itoa(i) + "]."
		lineCode := l.Status
		if _, set := lineCode.Get(); !set {
			lineCode = EnumOf(int64(status))
		}
		lineStatus, err := enumIn(lineCode, at+"status", tradeStatuses)
		if err != nil {
			return nil, err
		}
		refundCode := l.RefundStatus
		if _, set := refundCode.Get(); !set && opt.NoRefundWhenAbsent {
			refundCode = EnumOf(0)
		}
		refund, err := enumIn(refundCode, at+"refund_status", refundStatuses)
		if err != nil {
			return nil, err
		}
		line := wangdiantong.Order{
			Oid: string(l.Oid), Num: l.Num, Price: l.Price, Status: lineStatus, RefundStatus: refund,
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
					Field: at + field})
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
