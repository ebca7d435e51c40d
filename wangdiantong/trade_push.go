package wangdiantong

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	"github.com/duijie/duijie"
)

// MaxTradesPerPush is the most trades one trade_push call may carry: the
// MaxBatch of trade_push.php's row in Operations, which PushTrades checks.
const MaxTradesPerPush = 50

// Trade is one raw order for trade_push (原始单), with the fields of the
// vendor's trade_list. Amounts are decimal(19,4) in yuan; times are China
// time.
//
// Limits (checked before sending, declared in the limit tags; sources in
// the vendor notes, open.wangdian.cn trade_push.php): amounts decimal(19,4);
// the enums trade_status, pay_status, delivery_term, invoice_kind,
// remark_flag, seller_flag, is_auto_wms and order_list.refund_status take
// only their documented values (0 included only where it is one); ids
// (tid, oid, goods and spec numbers, warehouse_no, pay_id, purchase_id)
// carry no surrounding white space and no control characters; other text
// may hold tab and newline but no other control character. The notes
// document no length for any trade_list field, no character set for ids,
// no values for fenxiao_type, logistics_type or order_list.status, and no
// date range beyond the format (years 1 to 9999 are checked). Emoji are
// handled by Config.KeepEmoji, not here. Optional text left empty is not sent. Enums and flags whose 0 is a
// value (none, no flag, not automatic) are always sent, 0 included: the
// ERP updates a pushed trade by tid, so an update sending 0 clears what an
// earlier push set, where leaving the field out would keep it.
type Trade struct {
	// Tid is the platform order number (原始单号), the key the ERP creates
	// or updates by, within the shop. Required.
	Tid string `json:"tid" limit:"id"`
	// TradeStatus (平台状态): 10 待支付, 20 待尾款, 30 已支付, 40 部分发货,
	// 50 已发货, 70 已完成, 80 已退款, 90 已关闭.
	TradeStatus int `json:"trade_status" limit:"enum=10|20|30|40|50|70|80|90"`
	// PayStatus (支付状态): 0 未付款, 1 部分付款, 2 已付款.
	PayStatus int `json:"pay_status" limit:"enum=0|1|2"`
	// DeliveryTerm (发货条件): 1 款到发货, 2 货到付款, 3 分期付款.
	DeliveryTerm int `json:"delivery_term" limit:"enum=1|2|3"`
	// TradeTime is when the order was placed (下单时间). Required.
	TradeTime duijie.Time `json:"trade_time"`
	// PayTime is when it was paid (支付时间); zero for unpaid orders.
	PayTime duijie.Time `json:"pay_time,omitzero"`
	// FenxiaoType is the distribution kind (分销类别), 0 for none. Always sent.
	FenxiaoType int `json:"fenxiao_type"`
	// PurchaseID is the purchase order id when the order is passed to a
	// supplier (采购单ID).
	PurchaseID string `json:"purchase_id,omitempty" limit:"id"`
	// FenxiaoNick is the distributor's (or supplier's) id (分销商id).
	FenxiaoNick string `json:"fenxiao_nick,omitempty"`
	// BuyerNick is the buyer's account name (客户网名).
	BuyerNick string `json:"buyer_nick,omitempty"`
	// BuyerEmail is the buyer's e-mail.
	BuyerEmail string `json:"buyer_email,omitempty"`
	// PayID and PayAccount are the payment number and account (支付单号, 支付账号).
	PayID string `json:"pay_id,omitempty" limit:"id"`
	// PayAccount is the paying account (支付账号).
	PayAccount string `json:"pay_account,omitempty"`
	// ReceiverName is the consignee (收件人).
	ReceiverName string `json:"receiver_name"`
	// ReceiverProv is the province (省份).
	ReceiverProv string `json:"receiver_province"`
	// ReceiverCity is the city (城市).
	ReceiverCity string `json:"receiver_city"`
	// ReceiverDist is the district (区县).
	ReceiverDist string `json:"receiver_district"`
	// ReceiverAddr is the street address (地址详情).
	ReceiverAddr string `json:"receiver_address"`
	// ReceiverMobile is the consignee's mobile number (手机).
	ReceiverMobile string `json:"receiver_mobile,omitempty"`
	// ReceiverTelno is the consignee's telephone (电话).
	ReceiverTelno string `json:"receiver_telno,omitempty"`
	// ReceiverZip is the postcode (邮编).
	ReceiverZip string `json:"receiver_zip,omitempty"`
	// LogisticsType is the ERP's logistics type code (物流方式). 0 is not
	// sent: it leaves the choice to the ERP's own strategy.
	LogisticsType int `json:"logistics_type,omitempty"`
	// InvoiceKind (发票类别): 0 none, 1 普通发票, 2 增值税普通发票电子,
	// 3 增值税普通发票纸质, 4 增值税专用发票. Always sent.
	InvoiceKind int `json:"invoice_kind" limit:"enum=0|1|2|3|4"`
	// InvoiceTitle is the invoice header (发票抬头).
	InvoiceTitle string `json:"invoice_title,omitempty"`
	// InvoiceContent is the invoice details (发票内容).
	InvoiceContent string `json:"invoice_content,omitempty"`
	// RemarkFlag is the buyer remark flag, 0..5 (客户备注标旗), 0 for none.
	// Always sent.
	RemarkFlag int `json:"remark_flag" limit:"enum=0|1|2|3|4|5"`
	// BuyerMessage is the buyer's note (买家备注).
	BuyerMessage string `json:"buyer_message,omitempty"`
	// SellerMemo is the seller's note (客服备注).
	SellerMemo string `json:"seller_memo,omitempty"`
	// SellerFlag is the seller's flag, 0..5 (标旗), 0 for none. Always sent.
	SellerFlag int `json:"seller_flag" limit:"enum=0|1|2|3|4|5"`
	// PostAmount is the postage (邮费).
	PostAmount duijie.Amount `json:"post_amount"`
	// CodAmount is the cash-on-delivery amount (货到付款金额).
	CodAmount duijie.Amount `json:"cod_amount"`
	// ExtCodFee is the buyer's cash-on-delivery fee (货到付款买家费用).
	ExtCodFee duijie.Amount `json:"ext_cod_fee"`
	// OtherAmount is any other charge (其它收费).
	OtherAmount duijie.Amount `json:"other_amount"`
	// Paid is the amount paid (已付).
	Paid duijie.Amount `json:"paid"`
	// WarehouseNo is the ERP warehouse to ship from (仓库编号), if chosen.
	WarehouseNo string `json:"warehouse_no,omitempty" limit:"id"`
	// IsAutoWms is 1 for the automatic-flow mode (自动流转模式), 0 for the
	// ordinary flow. Always sent.
	IsAutoWms int `json:"is_auto_wms" limit:"enum=0|1"`
	// CustData is free data kept with the order.
	CustData string `json:"cust_data,omitempty"`
	// Orders are the order lines (order_list). At least one.
	Orders []Order `json:"order_list"`
}

// Order is one line of a Trade (子订单, order_list).
type Order struct {
	// Oid is the platform's line number (子订单编号). Required.
	Oid string `json:"oid" limit:"id"`
	// Num is the quantity (数量), positive.
	Num duijie.Amount `json:"num"`
	// Price is the unit price (单价).
	Price duijie.Amount `json:"price"`
	// Status is the line's platform status, coded as TradeStatus.
	Status int `json:"status"`
	// RefundStatus (退款状态): 0 无退款, 1 取消退款, 2 已申请退款, 3 等待退货,
	// 4 等待收货, 5 退款成功.
	RefundStatus int `json:"refund_status" limit:"enum=0|1|2|3|4|5"`
	// GoodsID and SpecID are the platform's goods and SKU ids.
	GoodsID string `json:"goods_id,omitempty" limit:"id"`
	// SpecID is the platform's SKU id (平台规格ID).
	SpecID string `json:"spec_id,omitempty" limit:"id"`
	// GoodsNo is the goods code (货品编码); GoodsNo and SpecNo may not both be empty.
	GoodsNo string `json:"goods_no,omitempty" limit:"id"`
	// SpecNo is the SKU code (规格编码) the ERP matches goods by.
	SpecNo string `json:"spec_no,omitempty" limit:"id"`
	// GoodsName is the goods name (货品名称).
	GoodsName string `json:"goods_name,omitempty"`
	// SpecName is the SKU name (规格名称).
	SpecName string `json:"spec_name,omitempty"`
	// AdjustAmount is a price adjustment (调整).
	AdjustAmount duijie.Amount `json:"adjust_amount"`
	// Discount is the line's discount (优惠).
	Discount duijie.Amount `json:"discount"`
	// ShareDiscount is the order discount shared onto the line (分摊优惠).
	ShareDiscount duijie.Amount `json:"share_discount"`
	// Remark is the line's note (备注).
	Remark string `json:"remark,omitempty"`
	// Cid is the platform category (类目).
	Cid string `json:"cid,omitempty"`
}

// TradePushRequest pushes trades of one shop.
type TradePushRequest struct {
	// ShopNo is the ERP shop, whose platform must be 自有/其它. varchar(20).
	ShopNo string
	// Strict is sent as switch: false sends switch=0, non-strict mode (非严格模式),
	// the vendor's default, in which the ERP saves the trades it accepts and
	// lists the ones it refuses; true sends switch=1, strict mode (严格模式),
	// in which a refusal of any trade refuses the whole call and no trade
	// of it is saved. The parameter is always sent, so the mode never
	// depends on a default.
	Strict bool
	// Trades are at most MaxTradesPerPush raw orders.
	Trades []Trade
}

// TradePushResult is the outcome of one pushed trade. Exactly one of OK,
// OutcomeUnknown and "refused" (neither set) holds.
type TradePushResult struct {
	// Index is the trade's position in the request.
	Index int
	// Tid is the trade's number.
	Tid string
	// OK is true when the answer accounts for the trade as created or
	// updated.
	OK bool
	// OutcomeUnknown is true when the answer does not account for the
	// trade: it may have been saved. It is never reported created; push it
	// again (the ERP keys trades by tid, so a second push updates) or look
	// it up with QueryTrades by SrcTid.
	OutcomeUnknown bool
	// Error is the ERP's reason when the trade was refused, or why it was
	// not saved or has no known outcome.
	Error string
}

// TradePushResponse is the answer to PushTrades.
type TradePushResponse struct {
	// NewCount and ChgCount are the trades created and updated.
	NewCount, ChgCount int
	// Results has one entry per input trade, in input order.
	Results []TradePushResult
}

// tradePushParams are trade_push's parameters; switch is always sent, 0
// included.
type tradePushParams struct {
	ShopNo    string `url:"shop_no"`
	Switch    int    `url:"switch"`
	TradeList JSON   `url:"trade_list"`
}

// tradePushValues are tradePushParams as go-querystring encodes them,
// written without reflection.
func tradePushValues(shopNo string, mode int, trades []Trade, keepEmoji bool) (url.Values, error) {
	params := url.Values{"shop_no": {shopNo}, "switch": {strconv.Itoa(mode)}}
	if err := (JSON{Value: trades, KeepEmoji: keepEmoji}).EncodeValues("trade_list", &params); err != nil {
		return nil, duijie.Invalid(vendor, "params", duijie.RuleFormat, err.Error())
	}
	return params, nil
}

// PushTrades calls trade_push.php / wdt.trade.push (创建原始单). The ERP
// creates or updates each trade by (shop_no, tid), so the call is safe to
// replay: it is retried after 5xx, resets and timeouts, and a replay of an
// applied push counts as an update (chg_count), never a second order.
//
// At most MaxTradesPerPush trades go in one call; the request is checked
// before anything is sent. switch is always sent (see Strict). When the ERP
// refuses trades it lists them by tid (as a JSON list in message), and
// PushTrades returns every trade's outcome in input order together with a
// *BatchError naming every trade not reported saved:
//
//   - a listed trade is refused, with the ERP's reason;
//   - in strict mode the refusal refuses the whole call: the trades not
//     listed were not saved either (unless the answer counts saved trades,
//     which contradicts strict mode and leaves them of unknown outcome);
//   - in non-strict mode the trades not listed count as saved only when
//     new_count + chg_count accounts for exactly that many; otherwise their
//     outcome is unknown (RowError.OutcomeUnknown).
//
// A refusal naming a tid that was not sent is kept in the BatchError with
// Index -1, so nothing the ERP says is dropped. Any other error means the
// outcome of every trade is unknown, and only the error is returned.
func (c *Client) PushTrades(ctx context.Context, req *TradePushRequest) (*TradePushResponse, error) {
	o := opPushTrades.row()
	if err := req.validate(o.MaxBatch); err != nil {
		return nil, err
	}
	mode := 0
	if req.Strict {
		mode = 1
	}
	params, err := tradePushValues(req.ShopNo, mode, req.Trades, c.cfg.KeepEmoji)
	if err != nil {
		return nil, err
	}
	var ans struct {
		NewCount *duijie.Int64 `json:"new_count"`
		ChgCount *duijie.Int64 `json:"chg_count"`
	}
	env, err := c.call(ctx, o, params, &ans)
	counted := ans.NewCount != nil || ans.ChgCount != nil
	newCount, chgCount := 0, 0
	if ans.NewCount != nil {
		newCount = int(*ans.NewCount)
	}
	if ans.ChgCount != nil {
		chgCount = int(*ans.ChgCount)
	}
	if err == nil {
		return req.outcome(newCount, chgCount, counted, nil), nil
	}
	failed, ok := tradeErrors(err, env)
	if !ok {
		return nil, err
	}
	resp := req.outcome(newCount, chgCount, counted, failed)
	be := &duijie.BatchError{Vendor: vendor, Operation: c.wire(o), Total: len(req.Trades)}
	for _, r := range resp.Results {
		if !r.OK {
			be.Failed = append(be.Failed, duijie.RowError{Index: r.Index, Key: r.Tid, Code: env.code, Message: r.Error, OutcomeUnknown: r.OutcomeUnknown})
		}
	}
	sent := make(map[string]bool, len(req.Trades))
	for _, t := range req.Trades {
		sent[t.Tid] = true
	}
	for _, f := range failed {
		if !sent[f.tid] {
			be.Failed = append(be.Failed, duijie.RowError{Index: -1, Key: f.tid, Code: env.code, Message: f.msg})
		}
	}
	return resp, be
}

type tradeFailure struct{ tid, msg string }

// Reasons given to trades the ERP did not name in a refusal.
const (
	notSavedStrict  = "not saved: in strict mode (switch=1) the refusal of another trade refuses the whole call"
	unaccounted     = "outcome unknown: the refusal does not name this trade and the answer's counts do not account for it; it may have been saved"
	strictButCounts = "outcome unknown: strict mode refused the call, yet the answer counts saved trades; this one may have been saved"
)

// outcome lists every trade's result in input order. With no failures the
// answer accounts for every trade as saved. With failures, the named
// trades are refused; the others follow the mode (see PushTrades).
func (r *TradePushRequest) outcome(newCount, chgCount int, counted bool, failed []tradeFailure) *TradePushResponse {
	why := make(map[string]string, len(failed))
	for _, f := range failed {
		if prev, dup := why[f.tid]; dup {
			why[f.tid] = prev + "; " + f.msg
			continue
		}
		why[f.tid] = f.msg
	}
	unnamed := 0
	for _, t := range r.Trades {
		if _, bad := why[t.Tid]; !bad {
			unnamed++
		}
	}
	saved := newCount + chgCount
	// rest is the outcome of a trade the refusal does not name.
	rest := TradePushResult{OK: true}
	switch {
	case len(failed) == 0:
	case r.Strict && (!counted || saved == 0):
		rest = TradePushResult{Error: notSavedStrict}
	case r.Strict:
		rest = TradePushResult{OutcomeUnknown: true, Error: strictButCounts}
	case !counted || saved != unnamed:
		rest = TradePushResult{OutcomeUnknown: true, Error: unaccounted}
	}
	resp := &TradePushResponse{NewCount: newCount, ChgCount: chgCount, Results: make([]TradePushResult, len(r.Trades))}
	for i, t := range r.Trades {
		res := rest
		if msg, bad := why[t.Tid]; bad {
			res = TradePushResult{Error: msg}
		}
		res.Index, res.Tid = i, t.Tid
		resp.Results[i] = res
	}
	return resp
}

// tradeErrors reads the per-trade failures the ERP puts in message as a
// JSON list of {tid, error}, from the envelope as received. ok is false
// when err is anything else.
func tradeErrors(err error, env *envelope) ([]tradeFailure, bool) {
	if _, isAPI := duijie.AsAPIError(err); !isAPI || env == nil {
		return nil, false
	}
	return parseTradeErrors(env.message)
}

// parseTradeErrors decodes message as [{"tid":..., "error":...}, ...].
func parseTradeErrors(message string) ([]tradeFailure, bool) {
	message = strings.TrimSpace(message)
	if !strings.HasPrefix(message, "[") {
		return nil, false
	}
	var rows []struct {
		Tid   duijie.Text `json:"tid"`
		Error duijie.Text `json:"error"`
	}
	if json.Unmarshal([]byte(message), &rows) != nil || len(rows) == 0 {
		return nil, false
	}
	out := make([]tradeFailure, len(rows))
	for i, r := range rows {
		out[i] = tradeFailure{tid: string(r.Tid), msg: string(r.Error)}
		if out[i].msg == "" {
			out[i].msg = "refused without a reason"
		}
	}
	return out, true
}

// validate checks r before sending; maxBatch is the row's MaxBatch.
func (r *TradePushRequest) validate(maxBatch int) error {
	inv := func(field, rule, detail string) error { return duijie.Invalid(vendor, field, rule, detail) }
	switch {
	case r == nil:
		return inv("TradePushRequest", duijie.RuleRequired, "")
	case r.ShopNo == "":
		return inv("shop_no", duijie.RuleRequired, "")
	case len(r.Trades) == 0:
		return inv("trade_list", duijie.RuleRequired, "at least one trade")
	case len(r.Trades) > maxBatch:
		return inv("trade_list", duijie.RuleTooMany, "at most "+strconv.Itoa(maxBatch)+" trades per call")
	}
	if err := limits.Text("shop_no", r.ShopNo, "id,max=20"); err != nil {
		return err
	}
	seen := make(map[string]bool, len(r.Trades))
	for i, t := range r.Trades {
		// The field paths are built only for an error.
		p := func() string { return "trade_list[" + strconv.Itoa(i) + "]." }
		switch {
		case t.Tid == "":
			return inv(p()+"tid", duijie.RuleRequired, "")
		case seen[t.Tid]:
			return inv(p()+"tid", duijie.RuleConflict, "tid "+t.Tid+" appears twice in one push")
		case len(t.Orders) == 0:
			return inv(p()+"order_list", duijie.RuleRequired, "at least one order line")
		case t.TradeTime.IsZero():
			return inv(p()+"trade_time", duijie.RuleRequired, "")
		}
		seen[t.Tid] = true
		if limits.Check(&r.Trades[i]) != nil {
			// Checked again with the trade's path, for the error.
			path := p()
			return limits.CheckAt(path[:len(path)-1], &r.Trades[i])
		}
		for _, a := range []struct {
			name string
			v    duijie.Amount
		}{{"post_amount", t.PostAmount}, {"cod_amount", t.CodAmount}, {"paid", t.Paid}} {
			if a.v.IsNegative() {
				return inv(p()+a.name, duijie.RuleNegative, "")
			}
		}
		for j, o := range t.Orders {
			q := func() string { return p() + "order_list[" + strconv.Itoa(j) + "]." }
			switch {
			case o.Oid == "":
				return inv(q()+"oid", duijie.RuleRequired, "")
			case o.GoodsNo == "" && o.SpecNo == "":
				return inv(q()+"spec_no", duijie.RuleRequired, "goods_no and spec_no cannot both be empty")
			case o.Num.Sign() <= 0:
				return inv(q()+"num", duijie.RuleRange, "must be positive")
			case o.Price.IsNegative():
				return inv(q()+"price", duijie.RuleNegative, "")
			}
		}
	}
	return nil
}
