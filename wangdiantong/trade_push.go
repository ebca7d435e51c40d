package wangdiantong

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/duijie/duijie/internal/apierr"
)

// MaxTradesPerPush is the most trades one trade_push call may carry.
const MaxTradesPerPush = 50

// Trade is one raw order for trade_push (原始单). Amounts are decimal(19,4).
type Trade struct {
	Tid            string  `json:"tid"`
	TradeStatus    int     `json:"trade_status"`
	PayStatus      int     `json:"pay_status"`
	DeliveryTerm   int     `json:"delivery_term"`
	TradeTime      Time    `json:"trade_time"`
	PayTime        Time    `json:"pay_time,omitzero"`
	BuyerNick      string  `json:"buyer_nick,omitempty"`
	BuyerEmail     string  `json:"buyer_email,omitempty"`
	ReceiverName   string  `json:"receiver_name"`
	ReceiverProv   string  `json:"receiver_province"`
	ReceiverCity   string  `json:"receiver_city"`
	ReceiverDist   string  `json:"receiver_district"`
	ReceiverAddr   string  `json:"receiver_address"`
	ReceiverMobile string  `json:"receiver_mobile,omitempty"`
	ReceiverTelno  string  `json:"receiver_telno,omitempty"`
	ReceiverZip    string  `json:"receiver_zip,omitempty"`
	LogisticsType  int     `json:"logistics_type,omitempty"`
	InvoiceKind    int     `json:"invoice_kind,omitempty"`
	InvoiceTitle   string  `json:"invoice_title,omitempty"`
	InvoiceContent string  `json:"invoice_content,omitempty"`
	BuyerMessage   string  `json:"buyer_message,omitempty"`
	SellerMemo     string  `json:"seller_memo,omitempty"`
	SellerFlag     int     `json:"seller_flag,omitempty"`
	PostAmount     Amount  `json:"post_amount"`
	CodAmount      Amount  `json:"cod_amount"`
	ExtCodFee      Amount  `json:"ext_cod_fee"`
	OtherAmount    Amount  `json:"other_amount"`
	Paid           Amount  `json:"paid"`
	WarehouseNo    string  `json:"warehouse_no,omitempty"`
	IsAutoWms      int     `json:"is_auto_wms,omitempty"`
	CustData       string  `json:"cust_data,omitempty"`
	Orders         []Order `json:"order_list"`
}

// Order is one line of a Trade (子订单).
type Order struct {
	Oid           string `json:"oid"`
	Num           Amount `json:"num"`
	Price         Amount `json:"price"`
	Status        int    `json:"status"`
	RefundStatus  int    `json:"refund_status"`
	GoodsID       string `json:"goods_id,omitempty"`
	SpecID        string `json:"spec_id,omitempty"`
	GoodsNo       string `json:"goods_no,omitempty"`
	SpecNo        string `json:"spec_no,omitempty"`
	GoodsName     string `json:"goods_name,omitempty"`
	SpecName      string `json:"spec_name,omitempty"`
	AdjustAmount  Amount `json:"adjust_amount"`
	Discount      Amount `json:"discount"`
	ShareDiscount Amount `json:"share_discount"`
	Remark        string `json:"remark,omitempty"`
	Cid           string `json:"cid,omitempty"`
}

// TradePushRequest pushes trades of one shop.
type TradePushRequest struct {
	// ShopNo is the ERP shop, whose platform must be 自有/其它. varchar(20).
	ShopNo string
	// Switch is sent as the switch parameter when set.
	Switch *int
	// Trades are at most MaxTradesPerPush raw orders.
	Trades []Trade
}

// TradePushResult is the outcome of one pushed trade.
type TradePushResult struct {
	// Index is the trade's position in the request.
	Index int
	// Tid is the trade's number.
	Tid string
	// OK is true when the ERP accepted the trade.
	OK bool
	// Error is the ERP's reason when it did not.
	Error string
}

// TradePushResponse is the answer to PushTrades.
type TradePushResponse struct {
	// NewCount and ChgCount are the trades created and updated.
	NewCount, ChgCount int
	// Results has one entry per input trade, in input order.
	Results []TradePushResult
}

// PushTrades calls trade_push.php / wdt.trade.push (创建原始单). The ERP
// creates or updates each trade by (shop_no, tid), so the call is safe to
// replay: it is retried after 5xx, resets and timeouts, and a replay of an
// applied push counts as an update (chg_count), never a second order.
//
// At most MaxTradesPerPush trades go in one call; the request is checked
// before anything is sent. When the ERP refuses some trades it lists them
// by tid (as a JSON list in message), and PushTrades returns every trade's
// outcome in input order together with a *BatchError naming the refused
// ones. A refusal naming a tid that was not sent is kept in the BatchError
// with Index -1, so nothing the ERP says is dropped. Any other error means
// the outcome of every trade is unknown, and only the error is returned.
func (c *Client) PushTrades(ctx context.Context, req *TradePushRequest) (*TradePushResponse, error) {
	if err := req.validate(); err != nil {
		return nil, err
	}
	params := map[string]any{"shop_no": req.ShopNo, "trade_list": req.Trades}
	if req.Switch != nil {
		params["switch"] = strconv.Itoa(*req.Switch)
	}
	var ans struct {
		NewCount Int64 `json:"new_count"`
		ChgCount Int64 `json:"chg_count"`
	}
	env, err := c.call(ctx, MethodTradePush, params, &ans)
	if err == nil {
		return req.outcome(int(ans.NewCount), int(ans.ChgCount), nil), nil
	}
	failed, ok := tradeErrors(err, env)
	if !ok {
		return nil, err
	}
	resp := req.outcome(int(ans.NewCount), int(ans.ChgCount), failed)
	be := &BatchError{Vendor: vendor, Operation: c.opName(MethodTradePush), Total: len(req.Trades)}
	for _, r := range resp.Results {
		if !r.OK {
			be.Failed = append(be.Failed, RowError{Index: r.Index, Key: r.Tid, Code: env.code, Message: r.Error})
		}
	}
	sent := make(map[string]bool, len(req.Trades))
	for _, t := range req.Trades {
		sent[t.Tid] = true
	}
	for _, f := range failed {
		if !sent[f.tid] {
			be.Failed = append(be.Failed, RowError{Index: -1, Key: f.tid, Code: env.code, Message: f.msg})
		}
	}
	return resp, be
}

type tradeFailure struct{ tid, msg string }

// outcome lists every trade's result in input order.
func (r *TradePushRequest) outcome(newCount, chgCount int, failed []tradeFailure) *TradePushResponse {
	why := make(map[string]string, len(failed))
	for _, f := range failed {
		if prev, dup := why[f.tid]; dup {
			why[f.tid] = prev + "; " + f.msg
			continue
		}
		why[f.tid] = f.msg
	}
	resp := &TradePushResponse{NewCount: newCount, ChgCount: chgCount, Results: make([]TradePushResult, len(r.Trades))}
	for i, t := range r.Trades {
		resp.Results[i] = TradePushResult{Index: i, Tid: t.Tid, OK: true}
		if msg, bad := why[t.Tid]; bad {
			resp.Results[i].OK, resp.Results[i].Error = false, msg
		}
	}
	return resp
}

// tradeErrors reads the per-trade failures the ERP puts in message as a
// JSON list of {tid, error}, from the envelope as received. ok is false
// when err is anything else.
func tradeErrors(err error, env *envelope) ([]tradeFailure, bool) {
	if _, isAPI := apierr.AsAPIError(err); !isAPI || env == nil {
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
		Tid   Text `json:"tid"`
		Error Text `json:"error"`
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

func (r *TradePushRequest) validate() error {
	inv := func(field, rule, detail string) error { return apierr.Invalid(vendor, field, rule, detail) }
	switch {
	case r == nil:
		return inv("TradePushRequest", apierr.RuleRequired, "")
	case r.ShopNo == "":
		return inv("shop_no", apierr.RuleRequired, "")
	case len([]rune(r.ShopNo)) > 20:
		return inv("shop_no", apierr.RuleTooLong, "at most 20 characters")
	case len(r.Trades) == 0:
		return inv("trade_list", apierr.RuleRequired, "at least one trade")
	case len(r.Trades) > MaxTradesPerPush:
		return inv("trade_list", apierr.RuleTooMany, "at most "+strconv.Itoa(MaxTradesPerPush)+" trades per call")
	}
	seen := map[string]bool{}
	for i, t := range r.Trades {
		p := "trade_list[" + strconv.Itoa(i) + "]."
		switch {
		case t.Tid == "":
			return inv(p+"tid", apierr.RuleRequired, "")
		case seen[t.Tid]:
			return inv(p+"tid", apierr.RuleConflict, "tid "+t.Tid+" appears twice in one push")
		case len(t.Orders) == 0:
			return inv(p+"order_list", apierr.RuleRequired, "at least one order line")
		case t.TradeTime.IsZero():
			return inv(p+"trade_time", apierr.RuleRequired, "")
		}
		seen[t.Tid] = true
		for _, a := range []struct {
			name string
			v    Amount
		}{{"post_amount", t.PostAmount}, {"cod_amount", t.CodAmount}, {"paid", t.Paid}} {
			if a.v.IsNegative() {
				return inv(p+a.name, apierr.RuleNegative, "")
			}
		}
		for j, o := range t.Orders {
			q := p + "order_list[" + strconv.Itoa(j) + "]."
			switch {
			case o.Oid == "":
				return inv(q+"oid", apierr.RuleRequired, "")
			case o.GoodsNo == "" && o.SpecNo == "":
				return inv(q+"spec_no", apierr.RuleRequired, "goods_no and spec_no cannot both be empty")
			case o.Num.Sign() <= 0:
				return inv(q+"num", apierr.RuleRange, "must be positive")
			case o.Price.IsNegative():
				return inv(q+"price", apierr.RuleNegative, "")
			}
		}
	}
	return nil
}
