package wangdiantong

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

// wdtBWireCase is one call of an operation typed for issue 21: the exact
// business parameters it must send, and an answer that satisfies it.
type wdtBWireCase struct {
	name, file, answer string
	call               func(ctx context.Context, c *Client) error
	want               map[string]string
}

var wdtBStart = time.Date(2024, 3, 1, 8, 0, 0, 0, duijie.CST())

// wdtBWireCases are the request-bytes cases of the operations added for
// issue 21, one or more per operation.
func wdtBWireCases() []wdtBWireCase {
	return []wdtBWireCase{
		{"sales stock-outs by window", "stockout_order_query_trade.php", `{"code":0,"message":"","total_count":0,"stockout_list":[]}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.QuerySalesStockouts(ctx, &SalesStockoutQuery{StartTime: wdtBStart, EndTime: wdtBStart.Add(30 * 24 * time.Hour),
					Status: SalesStockoutDone, ByModified: true, ShopNo: "店1", WarehouseNo: "W1", PageSize: 100})
				return err
			},
			map[string]string{"status": "110", "is_by_modified": "1", "start_time": "2024-03-01 08:00:00", "end_time": "2024-03-31 08:00:00",
				"shop_no": "店1", "warehouse_no": "W1", "page_no": "0", "page_size": "100"}},
		{"archived sales stock-outs by platform order", "his_stockout_order_query_trade.php", `{"code":0,"message":"","stockout_list":[]}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.QuerySalesStockouts(ctx, &SalesStockoutQuery{History: true, SrcTid: "T1", PageNo: 3})
				return err
			},
			map[string]string{"src_tid": "T1", "page_no": "3", "page_size": "40"}},
		{"goods by window", "goods_query.php", `{"code":0,"message":"","total_count":0,"goods_list":[]}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.QueryGoods(ctx, &GoodsQuery{StartTime: wdtBStart, EndTime: wdtBStart.Add(90 * 24 * time.Hour), BrandNo: "B1", ClassName: "鞋"})
				return err
			},
			map[string]string{"start_time": "2024-03-01 08:00:00", "end_time": "2024-05-30 08:00:00", "brand_no": "B1", "class_name": "鞋",
				"deleted": "0", "page_no": "0", "page_size": "40"}},
		{"deleted goods by SKU", "goods_query.php", `{"code":0,"message":"","goods_list":[]}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.QueryGoods(ctx, &GoodsQuery{SpecNo: "S1", Deleted: true, PageSize: 100})
				return err
			},
			map[string]string{"spec_no": "S1", "deleted": "1", "page_no": "0", "page_size": "100"}},
		{"purchase stock-ins", "stockin_order_query_purchase.php", `{"code":0,"message":"","total_count":0,"stockin_list":[]}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.QueryPurchaseStockins(ctx, &PurchaseStockinQuery{Status: 80, StartTime: wdtBStart, EndTime: wdtBStart.Add(time.Hour),
					StockinOuterNo: "O1", WarehouseNo: "W1"})
				return err
			},
			map[string]string{"status": "80", "start_time": "2024-03-01 08:00:00", "end_time": "2024-03-01 09:00:00", "stockin_outer_no": "O1",
				"warehouse_no": "W1", "page_no": "0", "page_size": "40"}},
		{"purchase orders", "purchase_order_query.php", `{"code":0,"message":"","purchase_list":[]}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.QueryPurchaseOrders(ctx, &PurchaseOrderQuery{PurchaseNo: "CG1", OuterNo: "K1", PageNo: 1, PageSize: 10})
				return err
			},
			map[string]string{"purchase_no": "CG1", "outer_no": "K1", "page_no": "1", "page_size": "10"}},
		{"refunds", "refund_query.php", `{"code":0,"message":"","total_count":0,"refunds":[]}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.QueryRefunds(ctx, &RefundQuery{StartTime: wdtBStart, EndTime: wdtBStart.Add(30 * 24 * time.Hour), ProcessStatus: 90, TimeType: 1,
					ShopNo: "s1", PageSize: 40})
				return err
			},
			map[string]string{"start_time": "2024-03-01 08:00:00", "end_time": "2024-03-31 08:00:00", "process_status": "90", "time_type": "1",
				"shop_no": "s1", "page_no": "0", "page_size": "40"}},
		{"archived refunds by platform number", "his_refund_query.php", `{"code":0,"message":"","refunds":[]}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.QueryRefunds(ctx, &RefundQuery{History: true, SrcRefundNo: "R1"})
				return err
			},
			map[string]string{"src_refund_no": "R1", "page_no": "0", "page_size": "40"}},
		{"stock-outs", "stockout_order_query.php", `{"code":0,"message":"","total_count":0,"stockout_list":[]}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.QueryStockouts(ctx, &StockoutQuery{StartTime: wdtBStart, EndTime: wdtBStart.Add(24 * time.Hour), Status: 110, OrderType: 7, WarehouseNo: "W1"})
				return err
			},
			map[string]string{"start_time": "2024-03-01 08:00:00", "end_time": "2024-03-02 08:00:00", "status": "110", "order_type": "7",
				"warehouse_no": "W1", "page_no": "0", "page_size": "40"}},
		{"stock-ins by outer number", "stockin_order_query.php", `{"code":0,"message":"","stockin_list":[]}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.QueryStockins(ctx, &StockinQuery{OuterNo: "K-1", OrderType: 6})
				return err
			},
			map[string]string{"outer_no": "K-1", "order_type": "6", "page_no": "0", "page_size": "40"}},
		{"purchase returns", "purchase_return_query.php", `{"code":0,"message":"","purchase_list":[]}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.QueryPurchaseReturns(ctx, &PurchaseReturnQuery{APIOuterNo: "A1", Status: 20})
				return err
			},
			map[string]string{"api_outer_no": "A1", "status": "20", "page_no": "0", "page_size": "40"}},
		{"purchase-return stock-outs", "stockout_order_query_return.php", `{"code":0,"message":"","stockout_list":[]}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.QueryPurchaseReturnStockouts(ctx, &PurchaseReturnStockoutQuery{SrcOrderNo: "CT1", StartTime: wdtBStart, EndTime: wdtBStart.Add(24 * time.Hour)})
				return err
			},
			map[string]string{"src_order_no": "CT1", "start_time": "2024-03-01 08:00:00", "end_time": "2024-03-02 08:00:00", "page_no": "0", "page_size": "40"}},
		{"other stock-out push", "stockout_order_push.php", `{"code":0,"message":""}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.PushStockout(ctx, &StockoutPush{OuterNo: "K-1", WarehouseNo: "W1", Remark: "报废",
					Details: []StockoutPushDetail{{SpecNo: "S1", Num: amt("2"), Price: amt("0").Ptr()}}})
				return err
			},
			map[string]string{"stockout_info": `{"outer_no":"K-1","warehouse_no":"W1","remark":"\u62a5\u5e9f",` +
				`"detail_list":[{"spec_no":"S1","num":2,"price":0}],"is_check":0}`}},
		{"other stock-in push", "stockin_order_push.php", `{"code":0,"message":"","stockin_no":"RK1"}`,
			func(ctx context.Context, c *Client) error {
				res, err := c.PushStockin(ctx, &StockinPush{OuterNo: "K-2", WarehouseNo: "W1", Check: true, Reason: "盘盈",
					Details: []StockinPushDetail{{SpecNo: "S1", StockinNum: amt("1.5")}}})
				if err == nil && res.StockinNo != "RK1" {
					err = fmt.Errorf("stockin_no %q", res.StockinNo)
				}
				return err
			},
			map[string]string{"stockin_info": `{"outer_no":"K-2","warehouse_no":"W1","reason":"\u76d8\u76c8",` +
				`"goods_list":[{"spec_no":"S1","stockin_num":1.5}],"is_check":1}`}},
		{"stocktake", "stock_sync_by_pd.php", `{"code":0,"message":"","warning":[]}`,
			func(ctx context.Context, c *Client) error {
				mode := 3
				_, err := c.PushStocktake(ctx, &StocktakeRequest{APIOuterNo: "PD-1", WarehouseNo: "W1", Mode: &mode, Check: true,
					Lines: []StocktakeLine{{SpecNo: "S1", StockNum: amt("0"), PositionNo: "A-1", BatchNo: "B1",
						ExpireDate: duijie.DateOf(wdtBStart.AddDate(1, 0, 0))}}})
				return err
			},
			map[string]string{"api_outer_no": "PD-1", "warehouse_no": "W1", "mode": "3", "is_check": "1", "is_post_error": "0",
				"goods_list": `[{"spec_no":"S1","stock_num":0,"position_no":"A-1","batch_no":"B1","expire_date":"2025-03-01"}]`}},
		{"stock transfers", "stock_transfer_query.php", `{"code":0,"message":"","total_count":0,"transfer_list":[]}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.QueryStockTransfers(ctx, &StockTransferQuery{FromWarehouseNo: "W1", ToWarehouseNo: "W2", StartTime: wdtBStart, EndTime: wdtBStart.Add(time.Hour)})
				return err
			},
			map[string]string{"from_warehouse_no": "W1", "to_warehouse_no": "W2", "start_time": "2024-03-01 08:00:00", "end_time": "2024-03-01 09:00:00",
				"page_no": "0", "page_size": "40"}},
		{"providers", "purchase_provider_query.php", `{"code":0,"message":"","total_count":0,"provider_list":[]}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.QueryProviders(ctx, &ProviderQuery{ProviderName: "供应商", PageSize: 100})
				return err
			},
			map[string]string{"provider_name": "供应商", "page_no": "0", "page_size": "100"}},
		{"purchase order push", "purchase_order_push.php", `{"code":0,"message":""}`,
			func(ctx context.Context, c *Client) error {
				_, err := c.PushPurchaseOrder(ctx, &PurchaseOrderPush{OuterNo: "K-9", ProviderNo: "P1", WarehouseNo: "W1", UseOuterNo: true,
					ExpectArriveTime: duijie.NewTime(wdtBStart), Details: []PurchaseOrderPushDetail{{SpecNo: "S1", Num: amt("10"), Price: amt("3.5").Ptr()}}})
				return err
			},
			map[string]string{"purchase_info": `{"outer_no":"K-9","provider_no":"P1","warehouse_no":"W1","expect_arrive_time":"2024-03-01 08:00:00",` +
				`"details_list":[{"spec_no":"S1","num":10,"price":3.5}],"is_use_outer_no":1,"is_check":0}`}},
		{"goods push", "goods_push.php", `{"code":0,"message":""}`,
			func(ctx context.Context, c *Client) error {
				one, zero := 1, 0
				_, err := c.PushGoods(ctx, &GoodsPushRequest{Goods: []GoodsPush{{GoodsNo: "G1", GoodsName: "鞋", GoodsType: &one,
					Specs: []GoodsPushSpec{{SpecNo: "G1-42", Barcode: "690", RetailPrice: amt("99.50").Ptr(), IsAllowNegStock: &zero, LargeType: &zero}}}}})
				return err
			},
			map[string]string{"goods_list": `[{"goods_no":"G1","goods_type":1,"goods_name":"\u978b","spec_list":[{"spec_no":"G1-42","barcode":"690",` +
				`"is_allow_neg_stock":0,"large_type":0,"retail_price":99.5}]}]`}},
	}
}

func TestBreadthRequestBytesDirect(t *testing.T) {
	for _, tc := range wdtBWireCases() {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t, openCfg)
			got := rawBody(mt, testBase+"/"+tc.file, tc.answer)
			require.NoError(t, tc.call(context.Background(), c))
			require.Len(t, *got, 1)
			assert.Equal(t, signedBody(tc.want), (*got)[0])
		})
	}
}

// On Qimen every case with a published method name sends that name, the
// same business parameters, and a signature over all of them; one without
// is refused before sending.
func TestBreadthQimenMethodAndSignature(t *testing.T) {
	cfg := Config{SID: "test2", AppKey: "test2-xx", Route: RouteQimen, Qimen: QimenConfig{AppKey: "qk", AppSecret: "qs", SignMethod: SignMD5}}
	for _, tc := range wdtBWireCases() {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t, cfg)
			inner := strings.TrimPrefix(tc.answer, "{")
			form := capture(mt, testBase, `{"response":{"flag":"success",`+inner+`}`)
			method, ok := QimenMethod(tc.file)
			err := tc.call(context.Background(), c)
			if !ok {
				var ve *duijie.ValidationError
				require.ErrorAs(t, err, &ve)
				assert.Zero(t, mt.GetTotalCallCount())
				return
			}
			require.NoError(t, err)
			f := *form
			assert.Equal(t, method, f.Get("method"))
			params := map[string]string{}
			for k := range f {
				params[k] = f.Get(k)
			}
			assert.Equal(t, SignQimen(params, "qs", SignMD5), f.Get("sign"))
			for _, k := range []string{"method", "app_key", "target_app_key", "format", "v", "sign_method", "timestamp", "sign", "sid", "appkey"} {
				delete(params, k)
			}
			assert.Equal(t, tc.want, params)
		})
	}
}

// wdtBAnswer is a listing answer under listKey with one row holding every
// JSON field of head (and one line of detail under detailKey), each as a
// string as the vendor sends them: times "2024-03-01 12:30:00", amounts
// "123.45", text "<field>-v".
func wdtBAnswer(t *testing.T, listKey string, head, detail any, detailKey string) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, `{"code":"0","message":"","total_count":"1",%q:[`, listKey)
	b.WriteString(wdtBRow(head, detail, detailKey))
	b.WriteString("]}")
	return b.String()
}

// wdtBRow is one JSON row of v's type with every field set (see wdtBAnswer).
func wdtBRow(v, detail any, detailKey string) string {
	var b strings.Builder
	b.WriteString("{")
	rt := reflect.TypeOf(v)
	first := true
	for i := range rt.NumField() {
		f := rt.Field(i)
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		if name == "" || name == "-" {
			continue
		}
		if !first {
			b.WriteString(",")
		}
		first = false
		switch {
		case name == detailKey && detail != nil:
			fmt.Fprintf(&b, "%q:[%s]", name, wdtBRow(detail, nil, ""))
		case f.Type == reflect.TypeFor[duijie.Time]():
			fmt.Fprintf(&b, "%q:%q", name, "2024-03-01 12:30:00")
		case f.Type == reflect.TypeFor[duijie.Amount](), f.Type == reflect.TypeFor[duijie.Int64]():
			fmt.Fprintf(&b, "%q:%q", name, "123")
		case f.Type.Kind() == reflect.Slice:
			fmt.Fprintf(&b, "%q:[]", name)
		default:
			fmt.Fprintf(&b, "%q:%q", name, name+"-v")
		}
	}
	b.WriteString("}")
	return b.String()
}

func TestSalesStockoutDecodesEveryField(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	rawBody(mt, testBase+"/stockout_order_query_trade.php", wdtBAnswer(t, "stockout_list", SalesStockout{}, SalesStockoutDetail{}, "details_list"))
	page, err := c.QuerySalesStockouts(context.Background(), &SalesStockoutQuery{StockoutNo: "CK1"})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	s := page.Items[0]
	assert.Equal(t, 1, page.Total)
	assert.Equal(t, "order_no-v", string(s.OrderNo))
	assert.Equal(t, "src_tids-v", string(s.SrcTids))
	assert.Equal(t, "123", s.GoodsTotalAmount.String())
	assert.Equal(t, "2024-03-01 12:30:00", s.Modified.String())
	require.Len(t, s.Details, 1)
	d := s.Details[0]
	assert.Equal(t, "spec_no-v", string(d.SpecNo))
	assert.Equal(t, "123", d.ShareAmount.String())
	assert.Equal(t, "123", d.SellPrice.String())
	assert.Equal(t, "123", d.TaxRate.String())
	assert.Equal(t, "2024-03-01 12:30:00", d.Modified.String())
}

func TestGoodsDecodesEveryField(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	rawBody(mt, testBase+"/goods_query.php", wdtBAnswer(t, "goods_list", Goods{}, GoodsSpec{}, "spec_list"))
	page, err := c.QueryGoods(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	g := page.Items[0]
	assert.Equal(t, "goods_no-v", string(g.GoodsNo))
	assert.Equal(t, duijie.Int64(123), g.SpecCount)
	assert.Equal(t, "2024-03-01 12:30:00", g.GoodsModified.String())
	require.Len(t, g.Specs, 1)
	assert.Equal(t, "spec_no-v", string(g.Specs[0].SpecNo))
	assert.Equal(t, "123", g.Specs[0].RetailPrice.String())
	assert.Equal(t, "123", g.Specs[0].TaxRate.String())
}

// Every listing typed for issue 21 decodes every field of its row and
// lines from strings, as the vendor sends them.
func TestBreadthListingsDecodeEveryField(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		file, list, detailKey string
		head, detail          any
		call                  func(c *Client) (any, error)
	}{
		{"stockin_order_query_purchase.php", "stockin_list", "details_list", PurchaseStockin{}, PurchaseStockinDetail{},
			func(c *Client) (any, error) { p, err := c.QueryPurchaseStockins(ctx, nil); return wdtBFirst(p, err) }},
		{"purchase_order_query.php", "purchase_list", "details_list", PurchaseOrder{}, PurchaseOrderDetail{},
			func(c *Client) (any, error) { p, err := c.QueryPurchaseOrders(ctx, nil); return wdtBFirst(p, err) }},
		{"refund_query.php", "refunds", "refund_order_list", Refund{}, RefundOrder{},
			func(c *Client) (any, error) {
				p, err := c.QueryRefunds(ctx, &RefundQuery{Tid: "T1"})
				return wdtBFirst(p, err)
			}},
		{"stockout_order_query.php", "stockout_list", "details_list", Stockout{}, StockoutDetail{},
			func(c *Client) (any, error) {
				p, err := c.QueryStockouts(ctx, &StockoutQuery{OuterNo: "K"})
				return wdtBFirst(p, err)
			}},
		{"stockin_order_query.php", "stockin_list", "details_list", Stockin{}, StockinDetail{},
			func(c *Client) (any, error) {
				p, err := c.QueryStockins(ctx, &StockinQuery{OuterNo: "K"})
				return wdtBFirst(p, err)
			}},
		{"purchase_return_query.php", "purchase_list", "details_list", PurchaseReturn{}, PurchaseReturnDetail{},
			func(c *Client) (any, error) { p, err := c.QueryPurchaseReturns(ctx, nil); return wdtBFirst(p, err) }},
		{"stock_transfer_query.php", "transfer_list", "details_list", StockTransfer{}, StockTransferDetail{},
			func(c *Client) (any, error) { p, err := c.QueryStockTransfers(ctx, nil); return wdtBFirst(p, err) }},
		{"purchase_provider_query.php", "provider_list", "", Provider{}, nil,
			func(c *Client) (any, error) { p, err := c.QueryProviders(ctx, nil); return wdtBFirst(p, err) }},
		{"stockout_order_query_return.php", "stockout_list", "details_list", PurchaseReturnStockout{}, PurchaseReturnStockoutDetail{},
			func(c *Client) (any, error) {
				p, err := c.QueryPurchaseReturnStockouts(ctx, nil)
				return wdtBFirst(p, err)
			}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			c, mt := newTestClient(t, openCfg)
			rawBody(mt, testBase+"/"+tc.file, wdtBAnswer(t, tc.list, tc.head, tc.detail, tc.detailKey))
			got, err := tc.call(c)
			require.NoError(t, err)
			wdtBAllSet(t, reflect.ValueOf(got), tc.detailKey)
		})
	}
}

// wdtBFirst is the only row of a page.
func wdtBFirst[T any](p *duijie.Page[T], err error) (any, error) {
	if err != nil {
		return nil, err
	}
	if len(p.Items) != 1 {
		return nil, fmt.Errorf("%d rows, want 1", len(p.Items))
	}
	return p.Items[0], nil
}

// wdtBAllSet checks that every field of the row v (and of the first line
// under detailKey) holds what wdtBRow sent for it.
func wdtBAllSet(t *testing.T, v reflect.Value, detailKey string) {
	t.Helper()
	rt := v.Type()
	for i := range rt.NumField() {
		f := rt.Field(i)
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		fv := v.Field(i)
		switch x := fv.Interface().(type) {
		case duijie.Text:
			assert.Equal(t, name+"-v", string(x), name)
		case duijie.Amount:
			assert.Equal(t, "123", x.String(), name)
		case duijie.Int64:
			assert.Equal(t, duijie.Int64(123), x, name)
		case duijie.Time:
			assert.Equal(t, "2024-03-01 12:30:00", x.String(), name)
		default:
			if fv.Kind() != reflect.Slice {
				t.Errorf("%s: unexpected type %s", name, f.Type)
				continue
			}
			if name == detailKey {
				require.Equal(t, 1, fv.Len(), name)
				wdtBAllSet(t, fv.Index(0), "")
			}
		}
	}
}

func TestPushGoodsRefusals(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	spec := []GoodsPushSpec{{SpecNo: "S1"}}
	many := func(n int) []GoodsPush {
		out := make([]GoodsPush, n)
		for i := range out {
			out[i] = GoodsPush{GoodsNo: fmt.Sprint("G", i), Specs: spec}
		}
		return out
	}
	bad, nine := 9, 9
	for field, req := range map[string]*GoodsPushRequest{
		"goods_list":                              {Goods: many(MaxGoodsPerPush + 1)},
		"goods_list[0].goods_no":                  {Goods: []GoodsPush{{Specs: spec}}},
		"goods_list[1].goods_no":                  {Goods: []GoodsPush{{GoodsNo: "G", Specs: spec}, {GoodsNo: "G", Specs: spec}}},
		"goods_list[0].spec_list":                 {Goods: []GoodsPush{{GoodsNo: "G"}}},
		"goods_list[0].spec_list[1].spec_no":      {Goods: []GoodsPush{{GoodsNo: "G", Specs: []GoodsPushSpec{{SpecNo: "S"}, {SpecNo: "S"}}}}},
		"goods_list[0].goods_type":                {Goods: []GoodsPush{{GoodsNo: "G", GoodsType: &bad, Specs: spec}}},
		"goods_list[0].spec_list[0].is_sn_enable": {Goods: []GoodsPush{{GoodsNo: "G", Specs: []GoodsPushSpec{{SpecNo: "S", IsSnEnable: &nine}}}}},
		"goods_list[0].spec_list[0].retail_price": {Goods: []GoodsPush{{GoodsNo: "G", Specs: []GoodsPushSpec{{SpecNo: "S", RetailPrice: amt("1.23456").Ptr()}}}}},
	} {
		_, err := c.PushGoods(context.Background(), req)
		var ve *duijie.ValidationError
		require.ErrorAs(t, err, &ve, field)
		assert.Equal(t, field, ve.Field)
	}
	long := make([]GoodsPushSpec, MaxSpecsPerGoods+1)
	for i := range long {
		long[i].SpecNo = fmt.Sprint("S", i)
	}
	_, err := c.PushGoods(context.Background(), &GoodsPushRequest{Goods: []GoodsPush{{GoodsNo: "G", Specs: long}}})
	var ve *duijie.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "goods_list[0].spec_list", ve.Field)
	_, err = c.PushGoods(context.Background(), nil)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "goods_list", ve.Field)
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestPushStocktakeReportsLinesAndDuplicates(t *testing.T) {
	ctx := context.Background()
	req := &StocktakeRequest{APIOuterNo: "PD-1", WarehouseNo: "W1",
		Lines: []StocktakeLine{{SpecNo: "S1", StockNum: amt("3")}, {SpecNo: "S2", StockNum: amt("4")}, {SpecNo: "S3", StockNum: amt("5")}}}
	c, mt := newTestClient(t, openCfg)
	rawBody(mt, testBase+"/stock_sync_by_pd.php",
		`{"code":0,"message":"","warning":[{"spec_no":"S2","error_msg":"货品不存在"},{"spec_no":"GHOST","error_msg":""}]}`)
	res, err := c.PushStocktake(ctx, req)
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, []int{1, -1}, be.FailedIndexes())
	assert.Equal(t, "GHOST", be.Failed[1].Key)
	assert.Equal(t, "refused without a reason", be.Failed[1].Message)
	require.Len(t, res.Results, 3)
	assert.Equal(t, StocktakeLineResult{Index: 1, SpecNo: "S2", Error: "货品不存在"}, res.Results[1])
	assert.True(t, res.Results[0].OK)
	assert.True(t, res.Results[2].OK)
	assert.False(t, res.Duplicate)

	// A bill the ERP already holds is a duplicate, not an error.
	c, mt = newTestClient(t, openCfg)
	rawBody(mt, testBase+"/stock_sync_by_pd.php", `{"code":21000006,"message":"外部单号重复"}`)
	res, err = c.PushStocktake(ctx, req)
	require.NoError(t, err)
	assert.True(t, res.Duplicate)
	assert.Empty(t, res.Results)
	// Any other refusal is an error.
	c, mt = newTestClient(t, openCfg)
	rawBody(mt, testBase+"/stock_sync_by_pd.php", `{"code":2830,"message":"仓库不存在"}`)
	res, err = c.PushStocktake(ctx, req)
	assert.Nil(t, res)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
}

func TestStockPushesRefuseBadBills(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	ctx := context.Background()
	out := func(edit func(*StockoutPush)) func() error {
		b := StockoutPush{OuterNo: "K", WarehouseNo: "W", Details: []StockoutPushDetail{{SpecNo: "S", Num: amt("1")}}}
		edit(&b)
		return func() error { _, err := c.PushStockout(ctx, &b); return err }
	}
	in := func(edit func(*StockinPush)) func() error {
		b := StockinPush{OuterNo: "K", WarehouseNo: "W", Details: []StockinPushDetail{{SpecNo: "S", StockinNum: amt("1")}}}
		edit(&b)
		return func() error { _, err := c.PushStockin(ctx, &b); return err }
	}
	take := func(edit func(*StocktakeRequest)) func() error {
		r := StocktakeRequest{APIOuterNo: "P", WarehouseNo: "W", Lines: []StocktakeLine{{SpecNo: "S", StockNum: amt("1")}}}
		edit(&r)
		return func() error { _, err := c.PushStocktake(ctx, &r); return err }
	}
	po := func(edit func(*PurchaseOrderPush)) func() error {
		p := PurchaseOrderPush{OuterNo: "K", ProviderNo: "P", WarehouseNo: "W", Details: []PurchaseOrderPushDetail{{SpecNo: "S", Num: amt("1")}}}
		edit(&p)
		return func() error { _, err := c.PushPurchaseOrder(ctx, &p); return err }
	}
	many := make([]StocktakeLine, MaxStocktakeLines+1)
	for i := range many {
		many[i] = StocktakeLine{SpecNo: fmt.Sprint("S", i), StockNum: amt("1")}
	}
	two, four, nine := 2, 4, 9
	for field, call := range map[string]func() error{
		"stockout_info.outer_no":                 out(func(b *StockoutPush) { b.OuterNo = "" }),
		"stockout_info.warehouse_no":             out(func(b *StockoutPush) { b.WarehouseNo = "" }),
		"stockout_info.detail_list":              out(func(b *StockoutPush) { b.Details = nil }),
		"stockout_info.detail_list[0].spec_no":   out(func(b *StockoutPush) { b.Details[0].SpecNo = "" }),
		"stockout_info.detail_list[0].num":       out(func(b *StockoutPush) { b.Details[0].Num = amt("0") }),
		"stockout_info.detail_list[0].price":     out(func(b *StockoutPush) { b.Details[0].Price = amt("-1").Ptr() }),
		"stockout_info.is_submit":                out(func(b *StockoutPush) { b.Submit = &two }),
		"stockout_info.logistics_code":           out(func(b *StockoutPush) { b.LogisticsCode = strings.Repeat("L", 21) }),
		"stockin_info.outer_no":                  in(func(b *StockinPush) { b.OuterNo = strings.Repeat("K", 41) }),
		"stockin_info.warehouse_no":              in(func(b *StockinPush) { b.WarehouseNo = "" }),
		"stockin_info.goods_list":                in(func(b *StockinPush) { b.Details = nil }),
		"stockin_info.goods_list[0].stockin_num": in(func(b *StockinPush) { b.Details[0].StockinNum = amt("-1") }),
		"api_outer_no":                           take(func(r *StocktakeRequest) { r.APIOuterNo = "" }),
		"warehouse_no":                           take(func(r *StocktakeRequest) { r.WarehouseNo = "" }),
		"goods_list":                             take(func(r *StocktakeRequest) { r.Lines = many }),
		"mode":                                   take(func(r *StocktakeRequest) { r.Mode = &four }),
		"is_create_stock":                        take(func(r *StocktakeRequest) { r.CreateStock = &nine }),
		"goods_list[0].position_no":              take(func(r *StocktakeRequest) { r.Mode = &two }),
		"goods_list[0].stock_num":                take(func(r *StocktakeRequest) { r.Lines[0].StockNum = amt("-1") }),
		"goods_list[1].spec_no":                  take(func(r *StocktakeRequest) { r.Lines = append(r.Lines, r.Lines[0]) }),
		"purchase_info.outer_no":                 po(func(p *PurchaseOrderPush) { p.OuterNo = "" }),
		"purchase_info.provider_no":              po(func(p *PurchaseOrderPush) { p.ProviderNo = "" }),
		"purchase_info.warehouse_no":             po(func(p *PurchaseOrderPush) { p.WarehouseNo = "" }),
		"purchase_info.details_list":             po(func(p *PurchaseOrderPush) { p.Details = nil }),
		"purchase_info.details_list[0].num":      po(func(p *PurchaseOrderPush) { p.Details[0].Num = amt("0") }),
		"purchase_info.details_list[0].tax":      po(func(p *PurchaseOrderPush) { p.Details[0].Tax = amt("-0.13").Ptr() }),
		"purchase_info.details_list[0].price":    po(func(p *PurchaseOrderPush) { p.Details[0].Price = amt("1.23456").Ptr() }),
	} {
		var ve *duijie.ValidationError
		require.ErrorAs(t, call(), &ve, field)
		assert.Equal(t, field, ve.Field)
	}
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestSalesStockoutQueryRefusals(t *testing.T) {
	c, mt := newTestClient(t, openCfg)
	ctx := context.Background()
	for field, q := range map[string]*SalesStockoutQuery{
		"start_time":   {},
		"end_time":     {StartTime: wdtBStart, EndTime: wdtBStart.Add(30*24*time.Hour + time.Second)},
		"status":       {StockoutNo: "CK1", Status: 60},
		"page_size":    {StockoutNo: "CK1", PageSize: 101},
		"stockout_no":  {StockoutNo: "CK1 "},
		"src_tid":      {SrcTid: "T\n1"},
		"shop_no":      {StockoutNo: "CK1", ShopNo: strings.Repeat("s", 21)},
		"page_no":      {StockoutNo: "CK1", PageNo: -1},
		"warehouse_no": {StockoutNo: "CK1", WarehouseNo: " W"},
	} {
		_, err := c.QuerySalesStockouts(ctx, q)
		var ve *duijie.ValidationError
		require.ErrorAs(t, err, &ve, field)
		assert.Equal(t, field, ve.Field)
	}
	assert.Zero(t, mt.GetTotalCallCount())
	// A half-open window with no whole second sends nothing and selects nothing.
	q := SalesStockoutQuery{}.InWindow(wdtBStart.Add(100*time.Millisecond), wdtBStart.Add(900*time.Millisecond))
	page, err := c.QuerySalesStockouts(ctx, q)
	require.NoError(t, err)
	assert.Empty(t, page.Items)
	for range c.SalesStockouts(ctx, q) {
		t.Fatal("an empty window yields nothing")
	}
	assert.Zero(t, mt.GetTotalCallCount())
}
