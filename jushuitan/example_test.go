package jushuitan_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// shopOrder is an order of a self-run mall (自有商城) ready for upload.
func shopOrder(soID string) jushuitan.UploadOrder {
	placed := duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST()))
	total := duijie.AmountFromCents(9950)
	return jushuitan.UploadOrder{
		ShopID: jushuitantest.ShopID, SoID: soID, OrderDate: placed, ShopStatus: jushuitan.StatusWaitSellerSendGoods,
		ShopBuyerID: "buyer-1", ReceiverName: "张三", ReceiverMobile: "13800138000",
		// The full address in one field: province, city and district stay empty and are left out.
		ReceiverAddress: "广东省深圳市南山区科技园1号",
		PayAmount:       total,
		Items: []jushuitan.UploadOrderItem{{SKUID: "SKU1", Name: "手机壳", Qty: 1, Price: total, Amount: total,
			OuterOiID: soID + "-1"}},
		Pay: &jushuitan.UploadOrderPay{OuterPayID: "PAY-" + soID, PayDate: placed, Payment: "支付宝", Amount: total},
	}
}

// Push a mall order into Jushuitan through openapi v2. The fake stands in
// for https://openapi.jushuitan.com.
func Example() {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	c, err := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := c.UploadOrders(context.Background(), &jushuitan.UploadOrdersRequest{Orders: []jushuitan.UploadOrder{shopOrder("SO1001")}})
	if err != nil {
		fmt.Println(err)
		return
	}
	r := res.Results[0]
	fmt.Println(r.SoID, "ok:", r.OK, "o_id:", r.OID)
	// Output: SO1001 ok: true o_id: 9000001
}

// The vendor answers every order of an upload on its own. A partial
// success returns every outcome and a *BatchError naming the failed ones;
// those can be fixed and uploaded again, since uploads are keyed by
// (shop_id, so_id).
func ExampleClient_UploadOrders() {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	srv.FailUpload("SO2", "商品编码不存在")
	c, _ := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))

	orders := []jushuitan.UploadOrder{shopOrder("SO1"), shopOrder("SO2"), shopOrder("SO3")}
	res, err := c.UploadOrders(context.Background(), &jushuitan.UploadOrdersRequest{Orders: orders})
	var be *duijie.BatchError
	if errors.As(err, &be) {
		fmt.Println("failed rows:", be.FailedIndexes())
	}
	for _, r := range res.Results {
		if r.OK {
			fmt.Println(r.Index, r.SoID, "o_id", r.OID)
		} else {
			fmt.Println(r.Index, r.SoID, "failed:", r.Message)
		}
	}
	// Output:
	// failed rows: [1]
	// 0 SO1 o_id 9000001
	// 1 SO2 failed: 商品编码不存在
	// 2 SO3 o_id 9000002
}

// Sync stock by the ts cursor, the vendor's advice for not missing rows
// (防漏单). Keep the TS of the last row handled as the checkpoint of the
// next run.
func ExampleClient_InventoryByTS() {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	srv.PutInventory(jushuitan.InventoryItem{SKUID: "A1", Qty: duijie.AmountFromInt(12)})
	srv.PutInventory(jushuitan.InventoryItem{SKUID: "B2", Qty: duijie.AmountFromInt(0)})
	c, _ := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))

	var checkpoint int64
	for item, err := range c.InventoryByTS(context.Background(), &jushuitan.InventoryQuery{TS: checkpoint}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(item.SKUID, item.Qty)
		checkpoint = int64(item.TS)
	}
	fmt.Println("next run starts at ts", checkpoint)
	// Output:
	// A1 12
	// B2 0
	// next run starts at ts 2
}

// Pull orders back (订单查询) by the start_ts cursor.
func ExampleClient_OrdersByTS() {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	c, _ := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	ctx := context.Background()
	if _, err := c.UploadOrders(ctx, &jushuitan.UploadOrdersRequest{Orders: []jushuitan.UploadOrder{shopOrder("SO1"), shopOrder("SO2")}}); err != nil {
		fmt.Println(err)
		return
	}
	for o, err := range c.OrdersByTS(ctx, &jushuitan.OrderQuery{ShopID: jushuitantest.ShopID}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(o.SoID, o.OID, o.Status)
	}
	// Output:
	// SO1 9000001 WaitConfirm
	// SO2 9000002 WaitConfirm
}

// Shipments over ten days: the client cuts the range into the 7-day
// windows the vendor allows.
func ExampleClient_Shipments() {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	from := time.Date(2024, 5, 1, 0, 0, 0, 0, duijie.CST())
	srv.PutShipment(jushuitan.Shipment{OID: 1, SoID: "SO1", LID: "SF100", LogisticsCompany: "顺丰", SendDate: duijie.NewTime(from.AddDate(0, 0, 2))})
	srv.PutShipment(jushuitan.Shipment{OID: 2, SoID: "SO2", LID: "YT200", LogisticsCompany: "圆通", SendDate: duijie.NewTime(from.AddDate(0, 0, 9))})
	c, _ := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))

	q := &jushuitan.LogisticsQuery{ModifiedBegin: from, ModifiedEnd: from.AddDate(0, 0, 10), DateType: jushuitan.DateSend}
	for s, err := range c.Shipments(context.Background(), q) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(s.SoID, s.LogisticsCompany, s.LID)
	}
	// Output:
	// SO1 顺丰 SF100
	// SO2 圆通 YT200
}

// The shop_id an upload needs comes from the shop query.
func ExampleClient_QueryShops() {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	c, _ := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	page, err := c.QueryShops(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range page.Items {
		fmt.Println(s.ShopID, s.ShopName)
	}
	fmt.Println("page", page.Number, "more:", page.HasMore)
	// Output:
	// 10001 自有商城
	// page 1 more: false
}

// The legacy API (query.aspx) takes the same typed calls; only the Config
// and the base URL change.
func Example_legacy() {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	cfg := jushuitan.Config{Generation: jushuitan.Legacy, PartnerID: jushuitantest.PartnerID,
		PartnerKey: jushuitantest.PartnerKey, Token: jushuitantest.LegacyToken}
	c, _ := jushuitan.NewClient(cfg, duijie.WithBaseURL(srv.LegacyURL()))
	res, err := c.UploadOrders(context.Background(), &jushuitan.UploadOrdersRequest{Orders: []jushuitan.UploadOrder{shopOrder("SO9")}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Generation(), res.Results[0].OK)
	// Output: legacy true
}

// Call reaches operations without a typed method, signed and checked like
// the others.
func ExampleClient_Call() {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	c, _ := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	var out struct {
		Datas []struct {
			Name    string `json:"name"`
			WmsCoID int64  `json:"wms_co_id"`
		} `json:"datas"`
	}
	req := &jushuitan.CallRequest{
		Path:         "/open/wms/partner/query", // openapi v2
		Method:       "wms.partner.query",       // the legacy API
		Params:       map[string]int{"page_index": 1},
		SafeToReplay: true, // a read
	}
	if err := c.Call(context.Background(), req, &out); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.Datas[0].Name, out.Datas[0].WmsCoID)
	// Output: 主仓 20001
}

// A third-party (ISV) app may not refresh its token; when it expires the
// merchant must authorize the app again.
func Example_mustReauthorize() {
	srv := jushuitantest.NewServer(jushuitantest.WithISV())
	defer srv.Close()
	cfg := srv.Config()
	cfg.ISV = true
	c, _ := jushuitan.NewClient(cfg, duijie.WithBaseURL(srv.URL()))
	srv.ExpireTokens()
	_, err := c.QueryShops(context.Background(), nil)
	fmt.Println(errors.Is(err, jushuitan.ErrMustReauthorize), errors.Is(err, duijie.ErrAuth))
	// Output: true true
}
