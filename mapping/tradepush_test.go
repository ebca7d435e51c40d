package mapping

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"testing"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
)

const callbackJSON = `{
 "shop_no":"QY01","tid":"T1001","trade_status":"30","pay_status":2,"delivery_term":"",
 "trade_time":"2024-03-01 10:00:00","pay_time":"2024-03-01 10:05:07","fenxiao_type":"0",
 "buyer_nick":"nick","receiver_name":"李四","receiver_province":"广东省","receiver_city":"深圳市",
 "receiver_district":"南山区","receiver_address":"科技园1号","receiver_mobile":"13900000000",
 "logistics_type":"-1","post_amount":"8.00","cod_amount":"0","ext_cod_fee":"0","other_amount":"1.5","paid":"107.5",
 "order_list":[
  {"oid":"T1001-1","num":"2","price":"50","status":"30","refund_status":"0","goods_id":"g1","spec_id":"s1",
   "goods_no":"G-1","spec_no":"SKU-1","goods_name":"杯子","spec_name":"红","adjust_amount":"0","discount":"1",
   "share_discount":"0.5","remark":"礼盒"},
  {"num":1,"price":0,"goods_no":"G-2","spec_no":"","goods_name":"赠品"}
 ]}`

func parsedCallback(t *testing.T) *CallbackOrder {
	t.Helper()
	orders, err := ParseCallbackOrders([]byte(callbackJSON))
	if err != nil {
		t.Fatal(err)
	}
	return &orders[0]
}

func TestCallbackToTradeFields(t *testing.T) {
	st, err := CallbackToTrade(parsedCallback(t), TradePushOptions{Shops: Codes{"QY01": "wdt-shop"}, WarehouseNo: "WH9",
		DeliveryTerm: 2, NoRefundWhenAbsent: true})
	if err != nil {
		t.Fatal(err)
	}
	tr := st.Trade
	checks := []struct {
		field     string
		got, want any
	}{
		{"ShopNo", st.ShopNo, "wdt-shop"},
		{"Tid", tr.Tid, "T1001"},
		{"TradeStatus", tr.TradeStatus, 30},
		{"PayStatus", tr.PayStatus, 2},
		{"DeliveryTerm (the host's)", tr.DeliveryTerm, 2},
		{"Orders[1].Status (the order's)", tr.Orders[1].Status, 30},
		{"Orders[1].RefundStatus (NoRefundWhenAbsent)", tr.Orders[1].RefundStatus, 0},
		{"TradeTime", tr.TradeTime.String(), "2024-03-01 10:00:00"},
		{"PayTime", tr.PayTime.String(), "2024-03-01 10:05:07"},
		{"FenxiaoType", tr.FenxiaoType, 0},
		{"BuyerNick", tr.BuyerNick, "nick"},
		{"ReceiverName", tr.ReceiverName, "李四"},
		{"ReceiverProv", tr.ReceiverProv, "广东省"},
		{"ReceiverCity", tr.ReceiverCity, "深圳市"},
		{"ReceiverDist", tr.ReceiverDist, "南山区"},
		{"ReceiverAddr", tr.ReceiverAddr, "科技园1号"},
		{"ReceiverMobile", tr.ReceiverMobile, "13900000000"},
		{"LogisticsType", tr.LogisticsType, -1},
		{"WarehouseNo", tr.WarehouseNo, "WH9"},
		{"len(Orders)", len(tr.Orders), 2},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.field, c.got, c.want)
		}
	}
	eqAmt(t, "PostAmount", tr.PostAmount, "8")
	eqAmt(t, "CodAmount", tr.CodAmount, "0")
	eqAmt(t, "ExtCodFee", tr.ExtCodFee, "0")
	eqAmt(t, "OtherAmount", tr.OtherAmount, "1.5")
	eqAmt(t, "Paid", tr.Paid, "107.5")
	o := tr.Orders[0]
	want := wangdiantong.Order{Oid: "T1001-1", Status: 30, RefundStatus: 0, GoodsID: "g1", SpecID: "s1", GoodsNo: "G-1",
		SpecNo: "SKU-1", GoodsName: "杯子", SpecName: "红", Remark: "礼盒"}
	o0 := o
	o0.Num, o0.Price, o0.AdjustAmount, o0.Discount, o0.ShareDiscount = duijie.Amount{}, duijie.Amount{}, duijie.Amount{}, duijie.Amount{}, duijie.Amount{}
	if !reflect.DeepEqual(o0, want) {
		t.Errorf("order 0 = %+v, want %+v", o0, want)
	}
	eqAmt(t, "Orders[0].Num", o.Num, "2")
	eqAmt(t, "Orders[0].Price", o.Price, "50")
	eqAmt(t, "Orders[0].AdjustAmount", o.AdjustAmount, "0")
	eqAmt(t, "Orders[0].Discount", o.Discount, "1")
	eqAmt(t, "Orders[0].ShareDiscount", o.ShareDiscount, "0.5")
	if tr.Orders[1].Oid != "T1001-2" {
		t.Errorf("a line without oid gets tid-position, got %q", tr.Orders[1].Oid)
	}
}

func TestCallbackToTradeGoodsMapping(t *testing.T) {
	o := parsedCallback(t)
	base := TradePushOptions{DeliveryTerm: 1, NoRefundWhenAbsent: true}
	opt := base
	opt.Goods = Codes{"SKU-1": "WDT-1", "G-2": "WDT-2"}
	st, err := CallbackToTrade(o, opt)
	if err != nil {
		t.Fatal(err)
	}
	if st.ShopNo != "QY01" || st.Trade.Orders[0].SpecNo != "WDT-1" || st.Trade.Orders[1].SpecNo != "WDT-2" {
		t.Errorf("mapped trade = %s %+v", st.ShopNo, st.Trade.Orders)
	}

	opt = base
	opt.Goods, opt.Shops = Codes{"SKU-1": "WDT-1"}, Codes{}
	_, err = CallbackToTrade(o, opt)
	var ue *UnmappedError
	if !errors.As(err, &ue) || ue.NothingMapped {
		t.Fatalf("err = %v, want an UnmappedError", err)
	}
	want := []Missing{
		{Table: KindShops, Code: "QY01", Line: -1, Field: "shop_no"},
		{Table: KindGoods, Code: "G-2", Line: 1, Field: "order_list[1].goods_no"},
	}
	if !reflect.DeepEqual(ue.Missing, want) {
		t.Errorf("Missing = %+v, want %+v", ue.Missing, want)
	}
	opt = base
	opt.Goods = Codes{}
	_, err = CallbackToTrade(o, opt)
	if !errors.Is(err, ErrNothingMapped) {
		t.Errorf("err = %v, want ErrNothingMapped", err)
	}
}

func TestCallbackToTradeRefusals(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*CallbackOrder, *TradePushOptions)
		field string
	}{
		{"no tid", func(o *CallbackOrder, _ *TradePushOptions) { o.Tid = "" }, "tid"},
		{"no lines", func(o *CallbackOrder, _ *TradePushOptions) { o.Lines = nil }, "order_list"},
		{"no trade time", func(o *CallbackOrder, _ *TradePushOptions) { o.TradeTime = duijie.Time{} }, "trade_time"},
		{"no shop anywhere", func(o *CallbackOrder, _ *TradePushOptions) { o.ShopNo = "" }, "shop_no"},
		{"no trade_status", func(o *CallbackOrder, _ *TradePushOptions) { o.TradeStatus = Enum{} }, "trade_status"},
		{"trade_status 0", func(o *CallbackOrder, _ *TradePushOptions) { o.TradeStatus = EnumOf(0) }, "trade_status"},
		{"unknown trade_status", func(o *CallbackOrder, _ *TradePushOptions) { o.TradeStatus = EnumOf(60) }, "trade_status"},
		{"no pay_status", func(o *CallbackOrder, _ *TradePushOptions) { o.PayStatus = Enum{} }, "pay_status"},
		{"unknown pay_status", func(o *CallbackOrder, _ *TradePushOptions) { o.PayStatus = EnumOf(3) }, "pay_status"},
		{"no delivery_term and no default", func(_ *CallbackOrder, opt *TradePushOptions) { opt.DeliveryTerm = 0 }, "delivery_term"},
		{"delivery_term 0", func(o *CallbackOrder, _ *TradePushOptions) { o.DeliveryTerm = EnumOf(0) }, "delivery_term"},
		{"unknown delivery_term", func(o *CallbackOrder, _ *TradePushOptions) { o.DeliveryTerm = EnumOf(4) }, "delivery_term"},
		{"unknown default delivery term", func(_ *CallbackOrder, opt *TradePushOptions) { opt.DeliveryTerm = 7 }, "TradePushOptions.DeliveryTerm"},
		{"line status 0", func(o *CallbackOrder, _ *TradePushOptions) { o.Lines[0].Status = EnumOf(0) }, "order_list[0].status"},
		{"no refund_status, no choice", func(_ *CallbackOrder, opt *TradePushOptions) { opt.NoRefundWhenAbsent = false }, "order_list[1].refund_status"},
		{"unknown refund_status", func(o *CallbackOrder, _ *TradePushOptions) { o.Lines[0].RefundStatus = EnumOf(9) }, "order_list[0].refund_status"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, opt := parsedCallback(t), TradePushOptions{DeliveryTerm: 1, NoRefundWhenAbsent: true}
			c.edit(o, &opt)
			_, err := CallbackToTrade(o, opt)
			var ve *duijie.ValidationError
			if !errors.As(err, &ve) || ve.Field != c.field {
				t.Fatalf("err = %v, want a ValidationError on %s", err, c.field)
			}
		})
	}
	o := parsedCallback(t)
	o.ShopNo = ""
	o.DeliveryTerm = EnumOf(2)
	st, err := CallbackToTrade(o, TradePushOptions{ShopNo: "fallback", NoRefundWhenAbsent: true})
	if err != nil || st.ShopNo != "fallback" || st.Trade.DeliveryTerm != 2 {
		t.Errorf("fallback shop: %+v, %v", st, err)
	}
	if _, err := CallbackToTrade(nil, TradePushOptions{}); err == nil {
		t.Error("nil order accepted")
	}
}

// TestCallbackWithOnlyRequiredFields is an order with tid, trade_time and
// a line only: it is refused by the first code it lacks, never sent with 0.
func TestCallbackWithOnlyRequiredFields(t *testing.T) {
	orders, err := ParseCallbackOrders([]byte(`{"shop_no":"QY01","tid":"T1","trade_time":"2024-03-01 10:00:00",
		"order_list":[{"oid":"T1-1","num":"1","price":"5","spec_no":"SKU-1"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	st, err := CallbackToTrade(&orders[0], TradePushOptions{DeliveryTerm: 1, NoRefundWhenAbsent: true})
	var ve *duijie.ValidationError
	if !errors.As(err, &ve) || ve.Field != "trade_status" || ve.Rule != "required" {
		t.Fatalf("trade %+v, err = %v, want trade_status required", st, err)
	}
}

func TestEnumJSON(t *testing.T) {
	for body, want := range map[string]string{
		`{"trade_status":30}`:   `{"trade_status":30}`,
		`{"trade_status":"30"}`: `{"trade_status":30}`,
		`{"trade_status":"0"}`:  `{"trade_status":0}`,
		`{"trade_status":""}`:   `{}`,
		`{"trade_status":null}`: `{}`,
		`{}`:                    `{}`,
	} {
		var v struct {
			S Enum `json:"trade_status,omitzero"`
		}
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		got, err := json.Marshal(v)
		if err != nil || string(got) != want {
			t.Errorf("%s -> %s %v, want %s", body, got, err, want)
		}
	}
	var e Enum
	if err := json.Unmarshal([]byte(`"3x"`), &e); err == nil {
		t.Error("3x accepted")
	}
	if b, _ := json.Marshal(Enum{}); string(b) != "null" {
		t.Errorf("unset without omitzero = %s", b)
	}
}

func TestParseCallbackOrdersForms(t *testing.T) {
	cases := []struct {
		name string
		body string
		tids []string
		bad  bool
	}{
		{"object", `{"tid":"A"}`, []string{"A"}, false},
		{"array", `[{"tid":"A"},{"tid":2}]`, []string{"A", "2"}, false},
		{"envelope", `{"idCheck":false,"content":[{"tid":"A"}],"multiple":true,"id":1}`, []string{"A"}, false},
		{"empty", `  `, nil, true},
		{"scalar", `"x"`, nil, true},
		{"bad amount", `{"tid":"A","paid":"1,000"}`, nil, true},
		{"bad status", `{"tid":"A","trade_status":"paid"}`, nil, true},
		{"bad time", `{"tid":"A","trade_time":"tomorrow"}`, nil, true},
		{"broken", `{"tid":`, nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseCallbackOrders([]byte(c.body))
			if c.bad {
				if err == nil {
					t.Fatalf("accepted %s", c.body)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var tids []string
			for _, o := range got {
				tids = append(tids, string(o.Tid))
			}
			if !reflect.DeepEqual(tids, c.tids) {
				t.Errorf("tids = %v, want %v", tids, c.tids)
			}
		})
	}
}

func TestTradePushRequests(t *testing.T) {
	var trades []ShopTrade
	for i := range 53 {
		trades = append(trades, ShopTrade{ShopNo: "A", Trade: wangdiantong.Trade{Tid: "a" + strconv.Itoa(i)}})
		if i < 2 {
			trades = append(trades, ShopTrade{ShopNo: "B", Trade: wangdiantong.Trade{Tid: "b" + strconv.Itoa(i)}})
		}
	}
	trades = append(trades, ShopTrade{ShopNo: "B", Trade: wangdiantong.Trade{Tid: "b0", BuyerNick: "later"}})
	reqs := TradePushRequests(trades)
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	if reqs[0].ShopNo != "A" || len(reqs[0].Trades) != 50 || reqs[1].ShopNo != "A" || len(reqs[1].Trades) != 3 {
		t.Errorf("shop A split as %d + %d", len(reqs[0].Trades), len(reqs[1].Trades))
	}
	if reqs[2].ShopNo != "B" || len(reqs[2].Trades) != 2 || reqs[2].Trades[0].BuyerNick != "later" {
		t.Errorf("shop B = %+v", reqs[2])
	}
	if reqs[1].Trades[2].Tid != "a52" {
		t.Errorf("order kept? last = %s", reqs[1].Trades[2].Tid)
	}
	if TradePushRequests(nil) != nil {
		t.Error("no trades, no requests")
	}
}
