package mapping

import (
	"errors"
	"reflect"
	"testing"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/yihua"
)

func shopOrder() *ShopOrder {
	return &ShopOrder{
		OrderNo: "FM1001", Status: ShopPaid,
		CreatedAt: tm(2024, 3, 1, 8, 0, 0), PaidAt: tm(2024, 3, 1, 8, 1, 0), ModifiedAt: tm(2024, 3, 1, 8, 2, 0),
		BuyerID: "u42", BuyerName: "王五", ReceiverName: "王五", ReceiverPhone: "020-1234", ReceiverMobile: "13700000000",
		Province: "广东省", City: "广州市", District: "天河区", Address: "体育西路1号", Zip: "510000",
		Freight: amt("10"), Discount: amt("5"), PayAmount: amt("79.8"), Paid: amt("79.8"),
		PayNo: "P9", PayMethod: "微信", BuyerMessage: "周末送", Remark: "VIP",
		Lines: []ShopOrderLine{
			{LineNo: "1", SKU: "BK-1", ItemID: "I1", Name: "书A", Spec: "精装", Qty: amt("2"), ListPrice: amt("32.8"), Price: amt("24.6")},
			{LineNo: "2", SKU: "BK-2", ItemID: "I2", Name: "书B", Qty: amt("1"), ListPrice: amt("30"), Price: amt("25"), Discount: amt("5"), Amount: amt("25")},
		},
	}
}

func TestShopOrderToJushuitanFields(t *testing.T) {
	u, err := ShopOrderToJushuitan(shopOrder(), JushuitanOptions{ShopID: 11680507, Goods: Codes{"BK-1": "JST-1", "BK-2": "JST-2"}, WmsCoID: 7})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		field     string
		got, want any
	}{
		{"ShopID", u.ShopID, int64(11680507)},
		{"SoID", u.SoID, "FM1001"},
		{"OrderDate", u.OrderDate.String(), "2024-03-01 08:00:00"},
		{"ShopStatus", u.ShopStatus, jushuitan.StatusWaitSellerSendGoods},
		{"ShopBuyerID", u.ShopBuyerID, "u42"},
		{"ReceiverState", u.ReceiverState, "广东省"},
		{"ReceiverCity", u.ReceiverCity, "广州市"},
		{"ReceiverDistrict", u.ReceiverDistrict, "天河区"},
		{"ReceiverAddress", u.ReceiverAddress, "体育西路1号"},
		{"ReceiverName", u.ReceiverName, "王五"},
		{"ReceiverPhone", u.ReceiverPhone, "020-1234"},
		{"ReceiverMobile", u.ReceiverMobile, "13700000000"},
		{"ReceiverZip", u.ReceiverZip, "510000"},
		{"BuyerMessage", u.BuyerMessage, "周末送"},
		{"Remark", u.Remark, "VIP"},
		{"ShopModified", u.ShopModified.String(), "2024-03-01 08:02:00"},
		{"WmsCoID", u.WmsCoID, int64(7)},
		{"len(Items)", len(u.Items), 2},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.field, c.got, c.want)
		}
	}
	eqAmt(t, "PayAmount", u.PayAmount, "79.8")
	eqAmt(t, "Freight", u.Freight, "10")
	it := u.Items[0]
	if it.SKUID != "JST-1" || it.ShopSKUID != "BK-1" || it.ShopIID != "I1" || it.Name != "书A" || it.PropertiesValue != "精装" || it.Qty != 2 || it.OuterOiID != "1" {
		t.Errorf("item 0 = %+v", it)
	}
	eqAmt(t, "Items[0].Price", it.Price, "24.6")
	eqAmt(t, "Items[0].BasePrice", it.BasePrice, "32.8")
	eqAmt(t, "Items[0].Amount (price × qty)", it.Amount, "49.2")
	eqAmt(t, "Items[1].Amount", u.Items[1].Amount, "25")
	if u.Pay == nil || u.Pay.OuterPayID != "P9" || u.Pay.Payment != "微信" || u.Pay.PayDate.String() != "2024-03-01 08:01:00" {
		t.Fatalf("Pay = %+v", u.Pay)
	}
	eqAmt(t, "Pay.Amount", u.Pay.Amount, "79.8")
}

func TestShopOrderToJushuitanStatuses(t *testing.T) {
	for st, want := range map[ShopStatus]jushuitan.ShopStatus{
		ShopPendingPayment: jushuitan.StatusWaitBuyerPay, ShopPaid: jushuitan.StatusWaitSellerSendGoods,
		ShopShipped: jushuitan.StatusWaitBuyerConfirmGoods, ShopFinished: jushuitan.StatusTradeFinished,
		ShopClosed: jushuitan.StatusTradeClosed, ShopCancelled: jushuitan.StatusTradeClosedByTaobao,
	} {
		o := shopOrder()
		o.Status = st
		o.BuyerID = ""
		o.PayNo = ""
		u, err := ShopOrderToJushuitan(o, JushuitanOptions{ShopID: 1})
		if err != nil {
			t.Fatal(err)
		}
		if u.ShopStatus != want || u.ShopBuyerID != "王五" || u.Items[0].SKUID != "BK-1" {
			t.Errorf("%s: status %s buyer %q sku %q", st, u.ShopStatus, u.ShopBuyerID, u.Items[0].SKUID)
		}
		if paid := st == ShopPaid || st == ShopShipped || st == ShopFinished || st == ShopClosed; paid != (u.Pay != nil) {
			t.Errorf("%s: pay = %+v", st, u.Pay)
		} else if paid && u.Pay.OuterPayID != "FM1001" {
			t.Errorf("%s: pay id falls back to the order number, got %q", st, u.Pay.OuterPayID)
		}
	}
}

func TestShopOrderRefusals(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*ShopOrder)
		field string
	}{
		{"no number", func(o *ShopOrder) { o.OrderNo = "" }, "OrderNo"},
		{"no lines", func(o *ShopOrder) { o.Lines = nil }, "Lines"},
		{"no time", func(o *ShopOrder) { o.CreatedAt = duijie.Time{} }, "CreatedAt"},
		{"bad status", func(o *ShopOrder) { o.Status = "lost" }, "Status"},
		{"no SKU", func(o *ShopOrder) { o.Lines[1].SKU = "" }, "Lines[1].SKU"},
		{"zero qty", func(o *ShopOrder) { o.Lines[0].Qty = amt("0") }, "Lines[0].Qty"},
		{"negative price", func(o *ShopOrder) { o.Lines[0].Price = amt("-1") }, "Lines[0].Price"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := shopOrder()
			c.edit(o)
			for conv, err := range map[string]error{
				"jushuitan": second(ShopOrderToJushuitan(o, JushuitanOptions{ShopID: 1})),
				"yihua":     second(ShopOrderToYihua(o, YihuaOptions{Products: yihuaProducts})),
			} {
				var ve *duijie.ValidationError
				if !errors.As(err, &ve) || ve.Field != c.field {
					t.Errorf("%s: err = %v, want a ValidationError on %s", conv, err, c.field)
				}
			}
		})
	}
	o := shopOrder()
	o.Lines[0].Qty = amt("1.5")
	var ve *duijie.ValidationError
	if _, err := ShopOrderToJushuitan(o, JushuitanOptions{ShopID: 1}); !errors.As(err, &ve) || ve.Field != "Lines[0].Qty" {
		t.Errorf("fractional qty: %v", err)
	}
	if _, err := ShopOrderToJushuitan(shopOrder(), JushuitanOptions{}); !errors.As(err, &ve) || ve.Field != "JushuitanOptions.ShopID" {
		t.Errorf("no shop: %v", err)
	}
	if _, err := ShopOrderToJushuitan(nil, JushuitanOptions{ShopID: 1}); err == nil {
		t.Error("nil order accepted")
	}
}

func second[T any](_ T, err error) error { return err }

func TestShopOrderUnmapped(t *testing.T) {
	_, err := ShopOrderToJushuitan(shopOrder(), JushuitanOptions{ShopID: 1, Goods: Codes{"BK-1": "J1"}})
	var ue *UnmappedError
	if !errors.As(err, &ue) || ue.NothingMapped || !reflect.DeepEqual(ue.Missing, []Missing{{Table: KindGoods, Code: "BK-2", Line: 1, Key: "2", Field: "Lines[1].SKU"}}) {
		t.Errorf("jushuitan: %v", err)
	}
	_, err = ShopOrderToYihua(shopOrder(), YihuaOptions{Goods: Codes{}, Products: yihuaProducts})
	if !errors.Is(err, ErrNothingMapped) {
		t.Errorf("yihua: %v, want ErrNothingMapped", err)
	}
}

// yihuaProducts knows both SKUs of shopOrder.
var yihuaProducts = Codes{"BK-1": "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "BK-2": "268E6E1D13754EE9878E31A6F7EB9C43"}

// TestShopOrderToYihuaWithoutProduct checks that a line without a Yihua
// product refuses the trade, listing every such line with the goods misses,
// and that no product table at all is a ValidationError.
func TestShopOrderToYihuaWithoutProduct(t *testing.T) {
	_, err := ShopOrderToYihua(shopOrder(), YihuaOptions{Goods: Codes{"BK-1": "YH-1"}, Products: Codes{"BK-1": "P1"}})
	var ue *UnmappedError
	if !errors.As(err, &ue) || ue.NothingMapped {
		t.Fatalf("err = %v, want an UnmappedError", err)
	}
	want := []Missing{
		{Table: KindGoods, Code: "BK-2", Line: 1, Key: "2", Field: "Lines[1].SKU"},
		{Table: KindProducts, Code: "BK-2", Line: 1, Key: "2", Field: "Lines[1].SKU"},
	}
	if !reflect.DeepEqual(ue.Missing, want) {
		t.Errorf("Missing = %+v, want %+v", ue.Missing, want)
	}
	_, err = ShopOrderToYihua(shopOrder(), YihuaOptions{Products: Codes{"BK-2": "P2"}})
	if !errors.As(err, &ue) || ue.NothingMapped || !reflect.DeepEqual(ue.Codes(KindProducts), []string{"BK-1"}) {
		t.Errorf("one product missing: %v", err)
	}
	_, err = ShopOrderToYihua(shopOrder(), YihuaOptions{Goods: Codes{"BK-1": "YH-1"}, Products: Codes{"BK-2": "P2"}})
	if !errors.Is(err, ErrNothingMapped) {
		t.Errorf("each line misses one table: %v, want ErrNothingMapped", err)
	}
	var ve *duijie.ValidationError
	if _, err := ShopOrderToYihua(shopOrder(), YihuaOptions{}); !errors.As(err, &ve) || ve.Field != "YihuaOptions.Products" {
		t.Errorf("no product table: %v", err)
	}
}

// TestShopOrderToYihuaPaidWithoutMoney checks that a paid order without a
// paid amount is refused rather than sent without its payment row.
func TestShopOrderToYihuaPaidWithoutMoney(t *testing.T) {
	for _, st := range []ShopStatus{ShopPaid, ShopShipped, ShopFinished, ShopClosed} {
		o := shopOrder()
		o.Status, o.Paid = st, duijie.Amount{}
		var ve *duijie.ValidationError
		if _, err := ShopOrderToYihua(o, YihuaOptions{Products: yihuaProducts}); !errors.As(err, &ve) || ve.Field != "Paid" {
			t.Errorf("%s: %v, want a ValidationError on Paid", st, err)
		}
	}
}

func TestShopOrderToYihuaFields(t *testing.T) {
	tr, err := ShopOrderToYihua(shopOrder(), YihuaOptions{
		TradeSource: yihua.TradeSourceWeChat, PayChannel: yihua.PayChannelWeChat,
		Goods: Codes{"BK-1": "YH-1", "BK-2": "YH-2"}, Products: yihuaProducts, SaleUID: "S7",
	})
	if err != nil {
		t.Fatal(err)
	}
	m := tr.Master
	checks := []struct {
		field     string
		got, want any
	}{
		{"TradeType", m.TradeType, yihua.TradeTypeFixed},
		{"TradeID", m.TradeID, "FM1001"},
		{"OuterID", m.OuterID, "FM1001"},
		{"CreateTime", m.CreateTime.String(), "2024-03-01 08:00:00"},
		{"PayTime", m.PayTime.String(), "2024-03-01 08:01:00"},
		{"PayStatus", m.PayStatus, yihua.PayStatusPaid},
		{"TradeSource", m.TradeSource, yihua.TradeSourceWeChat},
		{"ProvinceID", m.ProvinceID, "广东省"},
		{"CityID", m.CityID, "广州市"},
		{"DistrictID", m.DistrictID, "天河区"},
		{"BuyerAddress", m.BuyerAddress, "体育西路1号"},
		{"BuyerName", m.BuyerName, "王五"},
		{"BuyerPhone", m.BuyerPhone, "13700000000"},
		{"ZipCode", m.ZipCode, "510000"},
		{"Remark", m.Remark, "VIP"},
		{"SaleUID", m.SaleUID, "S7"},
		{"len(Details)", len(tr.Details), 2},
		{"Pays", tr.Pays, []yihua.Pay{{FactMoney: amt("79.8"), PayChannel: yihua.PayChannelWeChat}}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.field, c.got, c.want)
		}
	}
	eqAmt(t, "OriginalMoney", m.OriginalMoney, "95.6")         // 2×32.8 + 30
	eqAmt(t, "ContractFeeBefore", m.ContractFeeBefore, "21.4") // 16.4 + 5
	eqAmt(t, "ContractFee", m.ContractFee, "5")
	eqAmt(t, "TotalMoney", m.TotalMoney, "79.8")
	eqAmt(t, "FactMoney", m.FactMoney, "79.8")
	eqAmt(t, "Freight", m.Freight, "10")
	d := tr.Details[0]
	if d.GoodsID != "YH-1" || d.YhProductID != "0a1b2c3d4e5f60718293a4b5c6d7e8f9" || d.CreateTime.String() != "2024-03-01 08:00:00" {
		t.Errorf("detail 0 = %+v", d)
	}
	eqAmt(t, "Details[0].GoodsNumber", d.GoodsNumber, "2")
	eqAmt(t, "Details[0].OldPrice", d.OldPrice, "32.8")
	eqAmt(t, "Details[0].Price", d.Price, "24.6")
	eqAmt(t, "Details[0].ContractFeeItem", d.ContractFeeItem, "16.4")
	eqAmt(t, "Details[1].ContractFeeItem", tr.Details[1].ContractFeeItem, "5")
	if tr.Details[1].YhProductID != "268E6E1D13754EE9878E31A6F7EB9C43" {
		t.Errorf("Details[1].YhProductID = %q", tr.Details[1].YhProductID)
	}
}

func TestShopOrderToYihuaUnpaid(t *testing.T) {
	o := shopOrder()
	o.Status, o.Paid, o.ReceiverMobile = ShopPendingPayment, duijie.Amount{}, ""
	o.Lines[0].ListPrice = duijie.Amount{}
	tr, err := ShopOrderToYihua(o, YihuaOptions{TradeType: "Other", PaidStatus: "9", Products: yihuaProducts})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Master.PayStatus != "" || tr.Pays != nil || tr.Master.TradeType != "Other" || tr.Master.BuyerPhone != "020-1234" {
		t.Errorf("unpaid master = %+v pays = %v", tr.Master, tr.Pays)
	}
	eqAmt(t, "OldPrice without a list price", tr.Details[0].OldPrice, "24.6")
	eqAmt(t, "ContractFeeItem without a list price", tr.Details[0].ContractFeeItem, "0")
	o.Status, o.Paid, o.PayMethod = ShopShipped, amt("1"), "PC_ALI"
	tr, err = ShopOrderToYihua(o, YihuaOptions{PaidStatus: "9", Products: yihuaProducts})
	if err != nil || tr.Master.PayStatus != "9" || tr.Pays[0].PayChannel != "PC_ALI" {
		t.Errorf("paid with options: %+v, %v", tr, err)
	}
}
