package jushuitan

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

// breadthWire is one request-bytes case of an operation typed from the
// breadth catalogue: the call, the biz it must send byte for byte, and an
// answer payload ("data" on openapi v2, flat on legacy). method is "" for
// an operation with no known legacy method.
type breadthWire struct {
	name   string
	path   string
	method string
	call   func(c *Client) error
	biz    string
	answer string
}

// breadthFrom is the range start of the breadth wire cases.
var breadthFrom = time.Date(2024, 5, 1, 0, 0, 0, 0, duijie.CST())

// breadthWires are the request-bytes cases, one or more per operation.
func breadthWires() []breadthWire {
	from := breadthFrom
	return []breadthWire{
		{
			name: "sale outs", path: "/open/orders/out/simple/query", method: "orders.out.simple.query",
			call: func(c *Client) error {
				_, err := c.QuerySaleOuts(context.Background(), &SaleOutQuery{ShopID: 10, Status: "Confirmed",
					ModifiedBegin: from, ModifiedEnd: from.Add(MaxWindow), DateType: DateIO, SoIDs: []string{"SO1"},
					OIDs: []int64{9000001}, IoIDs: []int64{7000001, 7000002}, LIDs: []string{"SF1"}, WaveIDs: []int64{55},
					WmsCoID: 20001, OwnerCoID: 3, PageIndex: 2, PageSize: 50})
				return err
			},
			biz: `{"shop_id":10,"status":"Confirmed","modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-08 00:00:00","date_type":2,` +
				`"so_ids":["SO1"],"o_ids":["9000001"],"io_ids":["7000001","7000002"],"l_ids":["SF1"],"wave_ids":[55],"wms_co_id":20001,` +
				`"owner_co_id":3,"page_index":2,"page_size":50}`,
			answer: `"datas":[],"has_next":false`,
		},
		{
			// The zero DateType travels with the range: it bounds modified.
			name: "sale outs of a distributor by modified", path: "/open/orders/out/simple/query", method: "orders.out.simple.query",
			call: func(c *Client) error {
				_, err := c.QuerySaleOuts(context.Background(), &SaleOutQuery{IsOfflineShop: true, DrpCoID: 77,
					ModifiedBegin: from, ModifiedEnd: from.Add(MaxDistributorWindow)})
				return err
			},
			biz:    `{"is_offline_shop":true,"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-02 00:00:00","date_type":0,"drp_co_id":77}`,
			answer: `"datas":[]`,
		},
		{
			name: "sale outs by ts", path: "/open/orders/out/simple/query", method: "orders.out.simple.query",
			call: func(c *Client) error {
				for _, err := range c.SaleOutsByTS(context.Background(), &SaleOutQuery{StartTS: 9223372036854775000, ShopID: 10}) {
					return err
				}
				return nil
			},
			biz:    `{"shop_id":10,"page_index":1,"page_size":50,"start_ts":9223372036854775000,"is_get_total":false}`,
			answer: `"datas":[],"has_next":false`,
		},
		{
			name: "refunds", path: "/open/refund/single/query", method: "refund.single.query",
			call: func(c *Client) error {
				_, err := c.QueryRefunds(context.Background(), &RefundQuery{ShopID: 10, ModifiedBegin: from, ModifiedEnd: from.Add(time.Hour),
					SoIDs: []string{"SO1"}, ShopBuyerIDs: []string{"买家"}, OIDs: []int64{9000001}, AsIDs: []int64{5000001}, Status: "Confirmed",
					GoodStatus: "SELLER_RECEIVED", Type: "普通退货", OwnerCoID: "8", PageIndex: 1, PageSize: 50})
				return err
			},
			biz: `{"shop_id":10,"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-01 01:00:00","so_ids":["SO1"],"shop_buyer_ids":["买家"],` +
				`"page_index":1,"page_size":50,"o_ids":[9000001],"as_ids":[5000001],"status":"Confirmed","good_status":"SELLER_RECEIVED","type":"普通退货","owner_co_id":"8"}`,
			answer: `"datas":[]`,
		},
		{
			name: "refunds by ts", path: "/open/refund/single/query", method: "refund.single.query",
			call: func(c *Client) error {
				for _, err := range c.RefundsByTS(context.Background(), &RefundQuery{IsOfflineShop: true, StartTS: 7}) {
					return err
				}
				return nil
			},
			biz:    `{"is_offline_shop":true,"page_index":1,"page_size":50,"start_ts":7,"is_get_total":false}`,
			answer: `"datas":[],"has_next":false`,
		},
		{
			name: "purchase ins", path: "/open/purchasein/query", method: "purchasein.query",
			call: func(c *Client) error {
				_, err := c.QueryPurchaseIns(context.Background(), &PurchaseInQuery{ModifiedBegin: from, ModifiedEnd: from.Add(MaxWindow), DateType: DateIO,
					PoIDs: []int64{31}, IoIDs: []int64{41, 42}, Statuses: []string{"Confirmed", "Archive"}, SoIDs: []string{"EXT1"}, PageIndex: 3, PageSize: 50})
				return err
			},
			biz: `{"page_index":3,"page_size":50,"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-08 00:00:00","po_ids":["31"],` +
				`"io_ids":[41,42],"statuss":["Confirmed","Archive"],"so_ids":["EXT1"],"date_type":2}`,
			answer: `"datas":[]`,
		},
		{
			name: "purchase ins by ts", path: "/open/purchasein/query", method: "purchasein.query",
			call: func(c *Client) error {
				for _, err := range c.PurchaseInsByTS(context.Background(), &PurchaseInQuery{PageSize: 10}) {
					return err
				}
				return nil
			},
			biz:    `{"page_index":1,"page_size":10,"start_ts":0,"is_get_total":false}`,
			answer: `"datas":[],"has_next":false`,
		},
		{
			name: "purchase outs", path: "/open/purchaseout/query", method: "purchaseout.query",
			call: func(c *Client) error {
				_, err := c.QueryPurchaseOuts(context.Background(), &PurchaseOutQuery{ModifiedBegin: from, ModifiedEnd: from.Add(time.Hour),
					SoIDs: []string{"S1"}, Status: "Confirmed", IoIDs: []int64{61}, PageSize: 20})
				return err
			},
			biz: `{"page_size":20,"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-01 01:00:00","so_ids":["S1"],"status":"Confirmed",` +
				`"io_ids":["61"],"date_type":0}`,
			answer: `"datas":[]`,
		},
		{
			name: "other in/outs", path: "/open/other/inout/query",
			call: func(c *Client) error {
				_, err := c.QueryOtherInOuts(context.Background(), &OtherInOutQuery{ModifiedBegin: from, ModifiedEnd: from.Add(time.Hour), DateType: DateIO,
					SoIDs: []string{"EXT1"}, Types: []string{"其它出库"}, Status: "Confirmed", WmsCoID: 20001, IoIDs: []int64{71}, PageIndex: 1, PageSize: 50})
				return err
			},
			biz: `{"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-01 01:00:00","so_ids":["EXT1"],"types":["其它出库"],"status":"Confirmed",` +
				`"page_index":1,"page_size":50,"wms_co_id":20001,"io_ids":["71"],"date_type":2}`,
			answer: `"datas":[]`,
		},
		{
			name: "other in/outs by ts", path: "/open/other/inout/query",
			call: func(c *Client) error {
				for _, err := range c.OtherInOutsByTS(context.Background(), &OtherInOutQuery{StartTS: 12}) {
					return err
				}
				return nil
			},
			biz:    `{"page_index":1,"page_size":50,"start_ts":12}`,
			answer: `"datas":[],"has_next":false`,
		},
		{
			name: "other in/out upload", path: "/open/jushuitan/otherinout/upload", method: "jushuitan.otherinout.upload",
			call: func(c *Client) error {
				res, err := c.UploadOtherInOut(context.Background(), &OtherInOutUpload{ExternalID: "EXT1", Type: OtherOut, IsConfirm: true,
					WmsCoID: 20001, Warehouse: 1, DrpCoName: "报废", ReceiverName: "张三", Labels: []string{"a", "b"}, LID: "SF1",
					Items: []OtherInOutUploadItem{{SKUID: "SKU1", Qty: 2, SalePrice: amt("9.9"), SupplierID: 3, Remark: "x"}, {SKUID: "SKU2", Qty: 1}}})
				if err == nil && (res.IoID != 71 || res.ExternalID != "EXT1") {
					return fmt.Errorf("result %+v", res)
				}
				return err
			},
			biz: `{"is_confirm":true,"excute_confirming":false,"wms_co_id":20001,"type":"out","external_id":"EXT1","warehouse":1,"drp_co_name":"报废",` +
				`"items":[{"sku_id":"SKU1","qty":2,"supplier_id":3,"remark":"x","sale_price":9.9000},{"sku_id":"SKU2","qty":1}],` +
				`"receiver_name":"张三","labels":["a","b"],"l_id":"SF1"}`,
			answer: `"data":{"external_id":"EXT1","io_id":71}`,
		},
		{
			name: "skus", path: "/open/sku/query", method: "sku.query",
			call: func(c *Client) error {
				_, err := c.QuerySKUs(context.Background(), &SKUQuery{ModifiedBegin: from, ModifiedEnd: from.Add(time.Hour), DateField: SKUCreated,
					SKUIDs: []string{"A", "B"}, Name: "壳", IIDs: []string{"I1"}, Fields: []string{"purchase_price"}, SKUCodes: []string{"C1"}, PageSize: 50})
				return err
			},
			biz: `{"page_size":50,"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-01 01:00:00","sku_ids":"A,B","name":"壳",` +
				`"i_ids":["I1"],"date_field":"created","flds":"purchase_price","sku_codes":"C1"}`,
			answer: `"datas":[]`,
		},
		{
			name: "sku upload", path: "/open/jushuitan/itemsku/upload", method: "jushuitan.itemsku.upload",
			call: func(c *Client) error {
				on, off := 1, false
				res, err := c.UploadSKUs(context.Background(), &UploadSKUsRequest{SKUs: []SKUUpload{
					{SKUID: "SKU1", IID: "I1", Name: "手机壳", PropertiesValue: "红色", SPrice: amt("19.9"), CPrice: amt("5"), ItemType: "成品",
						Enabled: &on, StockDisabled: &off, Labels: []string{"新品"}, ShelfLife: 365},
					{SKUID: "SKU2", Weight: amt("0.25")}}})
				if err == nil && (len(res.Results) != 2 || !res.Results[1].OK) {
					return fmt.Errorf("results %+v", res)
				}
				return err
			},
			biz: `{"items":[{"sku_id":"SKU1","i_id":"I1","s_price":19.9000,"item_type":"成品","name":"手机壳","properties_value":"红色","enabled":1,` +
				`"stock_disabled":false,"c_price":5.0000,"labels":["新品"],"shelf_life":365},{"sku_id":"SKU2","weight":0.2500}],"is_normal":false}`,
			answer: `"datas":[{"is_success":true,"sku_id":"SKU1"},{"is_success":"true","sku_id":"SKU2"}]`,
		},
		{
			name: "suppliers", path: "/open/supplier/query", method: "supplier.query",
			call: func(c *Client) error {
				_, err := c.QuerySuppliers(context.Background(), &SupplierQuery{SupplierCodes: []string{"GYS1"}, SupplierIDs: []int64{5},
					Names: []string{"供应商"}, ModifiedBegin: from, ModifiedEnd: from.Add(MaxSupplierWindow), PageIndex: 2, PageSize: 500})
				return err
			},
			biz: `{"supplier_codes":["GYS1"],"page_index":2,"page_size":500,"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-02 00:00:00",` +
				`"supplier_ids":[5],"names":["供应商"]}`,
			answer: `"datas":[]`,
		},
		{
			name: "supplier upload", path: "/open/supplier/upload", method: "supplier.upload",
			call: func(c *Client) error {
				yes := true
				res, err := c.UploadSuppliers(context.Background(), &UploadSuppliersRequest{Suppliers: []SupplierUpload{
					{SupplierCode: "GYS1", Name: "供应商一", Enabled: &yes, Contacts: "李四", Mobile: "13800000000", Group: "A类",
						BeginDate: duijie.NewTime(from), DepositBank: "银行", BankAccount: "户名", AccountNumber: "6222"},
					{SupplierCode: "GYS2", Name: "供应商二"}}})
				if err == nil && (res.Results[0].ID != 11 || res.Results[1].ID != 12) {
					return fmt.Errorf("results %+v", res)
				}
				return err
			},
			biz: `[{"begin_date":"2024-05-01 00:00:00","contacts":"李四","enabled":true,"mobile":"13800000000","name":"供应商一","supplier_code":"GYS1",` +
				`"depositbank":"银行","bankacount":"户名","acountnumber":"6222","group":"A类"},{"name":"供应商二","supplier_code":"GYS2"}]`,
			answer: `"datas":[{"id":12,"issuccess":true,"name":"供应商二","supplier_code":"GYS2"},{"id":11,"issuccess":true,"name":"供应商一","supplier_code":"GYS1"}]`,
		},
		{
			name: "stock counts", path: "/open/inventory/count/query", method: "inventory.count.query",
			call: func(c *Client) error {
				_, err := c.QueryStockCounts(context.Background(), &StockCountQuery{ModifiedBegin: from, ModifiedEnd: from.Add(time.Hour),
					IoIDs: []int64{81, 82}, Status: "Confirmed", PageSize: 50})
				return err
			},
			biz:    `{"page_size":50,"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-01 01:00:00","io_ids":"81,82","status":"Confirmed"}`,
			answer: `"datas":[]`,
		},
		{
			name: "stock count upload", path: "/open/jushuitan/inventoryv2/upload",
			call: func(c *Client) error {
				res, err := c.UploadStockCount(context.Background(), &StockCountUpload{SoID: "PD1", Type: StockCheck, IsConfirm: true, WmsCoID: 20001,
					Warehouse: 1, Remark: "月末", Items: []StockCountUploadItem{{SKUID: "SKU1", Qty: 0}, {SKUID: "SKU2", Qty: 12, BatchID: "B1",
						ProducedDate: duijie.NewTime(from), SKUSNs: []string{"SN1"}}}})
				if err == nil && res.IoID != 91 {
					return fmt.Errorf("result %+v", res)
				}
				return err
			},
			biz: `{"wms_co_id":20001,"type":"check","is_confirm":true,"so_id":"PD1","warehouse":"1","remark":"月末",` +
				`"items":[{"qty":0,"sku_id":"SKU1"},{"qty":12,"sku_sns":["SN1"],"sku_id":"SKU2","batch_id":"B1","produced_date":"2024-05-01 00:00:00"}]}`,
			answer: `"data":{"so_id":"PD1","io_id":91}`,
		},
		{
			name: "purchase upload", path: "/open/jushuitan/purchase/upload",
			call: func(c *Client) error {
				res, err := c.UploadPurchase(context.Background(), &PurchaseUpload{ExternalID: "PO1", SupplierID: 5, WmsCoID: 20001, IsConfirm: true,
					ItemType: "成品", PoDate: duijie.NewTime(from), PurchaserName: "王五", TaxRate: 13, Freight: amt("12"), Labels: []string{"急"},
					Items: []PurchaseUploadItem{{SKUID: "SKU1", Qty: 100, Price: amt("3.25"), TaxRate: 13, PlanArriveDate: duijie.NewTime(from.Add(72 * time.Hour))}}})
				if err == nil && res.PoID != 3000001 {
					return fmt.Errorf("result %+v", res)
				}
				return err
			},
			biz: `{"is_confirm":true,"wms_co_id":20001,"supplier_id":5,"item_type":"成品","external_id":"PO1","purchaser_name":"王五","tax_rate":13,` +
				`"po_date":"2024-05-01 00:00:00","items":[{"sku_id":"SKU1","qty":100,"price":3.2500,"tax_rate":13,"plan_arrive_date":"2024-05-04 00:00:00"}],` +
				`"freight":12.00,"labels":["急"],"is_edit":false}`,
			answer: `"data":{"po_id":3000001,"external_id":"PO1"}`,
		},
		{
			name: "after-sale upload", path: "/open/aftersale/upload",
			call: func(c *Client) error {
				res, err := c.UploadAfterSales(context.Background(), &UploadAfterSalesRequest{AfterSales: []AfterSaleUpload{{ShopID: 10,
					OuterAsID: "R1", SoID: "SO1", Type: "普通退货", ShopStatus: "WAIT_SELLER_CONFIRM_GOODS", GoodStatus: "BUYER_RETURNED_GOODS",
					Refund: amt("99.5"), WarehouseType: 2, LID: "SF9", Items: []AfterSaleUploadItem{{OuterOiID: "SO1-1", SKUID: "SKU1", Qty: 1,
						Amount: amt("99.5"), Type: "退货"}}}}})
				if err == nil && res.Results[0].ID != 5000001 {
					return fmt.Errorf("results %+v", res)
				}
				return err
			},
			biz: `[{"shop_id":10,"outer_as_id":"R1","so_id":"SO1","type":"普通退货","l_id":"SF9","shop_status":"WAIT_SELLER_CONFIRM_GOODS",` +
				`"good_status":"BUYER_RETURNED_GOODS","refund":99.50,"warehouse_type":2,"items":[{"outer_oi_id":"SO1-1","sku_id":"SKU1","qty":1,` +
				`"amount":99.50,"type":"退货"}]}]`,
			answer: `"datas":[{"as_id":5000001,"issuccess":true,"so_id":"SO1","outer_as_id":"R1","o_id":9000001}]`,
		},
		{
			name: "purchases", path: "/open/purchase/query",
			call: func(c *Client) error {
				_, err := c.QueryPurchases(context.Background(), &PurchaseQuery{ModifiedBegin: from, ModifiedEnd: from.Add(time.Hour), SoIDs: []string{"PO1"},
					PoIDs: []int64{3000001}, IsLock: true, PageSize: 50})
				return err
			},
			biz:    `{"page_size":50,"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-01 01:00:00","so_ids":["PO1"],"po_ids":["3000001"],"is_lock":"true"}`,
			answer: `"datas":[]`,
		},
		{
			name: "allocates", path: "/open/allocate/query",
			call: func(c *Client) error {
				_, err := c.QueryAllocates(context.Background(), &AllocateQuery{ModifiedBegin: from, ModifiedEnd: from.Add(time.Hour), DateType: DateIO,
					SoIDs: []string{"DB1"}, IoIDs: []int64{101}, Type: "调拨出", PageSize: 50})
				return err
			},
			biz: `{"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-01 01:00:00","so_ids":["DB1"],"page_size":50,"io_ids":["101"],` +
				`"type":"调拨出","date_type":2}`,
			answer: `"datas":[]`,
		},
		{
			name: "received", path: "/open/aftersale/received/query",
			call: func(c *Client) error {
				_, err := c.QueryReceived(context.Background(), &ReceivedQuery{ModifiedBegin: from, ModifiedEnd: from.Add(time.Hour), DateType: ReceivedIODate,
					ShopID: 10, SoIDs: []string{"SO1"}, OIDs: []int64{9000001}, AsIDs: []int64{5000001}, IoIDs: []int64{111}, PageIndex: 2, PageSize: 50})
				return err
			},
			biz: `{"page_size":50,"modified_begin":"2024-05-01 00:00:00","modified_end":"2024-05-01 01:00:00","so_ids":["SO1"],"o_ids":["9000001"],` +
				`"page_index":2,"shop_id":"10","date_type":4,"as_ids":[5000001],"io_ids":[111]}`,
			answer: `"datas":[]`,
		},
		{
			name: "received by ts", path: "/open/aftersale/received/query",
			call: func(c *Client) error {
				for _, err := range c.ReceivedByTS(context.Background(), &ReceivedQuery{StartTS: 3}) {
					return err
				}
				return nil
			},
			biz:    `{"page_size":50,"start_ts":3,"page_index":1}`,
			answer: `"datas":[],"has_next":false`,
		},
	}
}

// Every breadth operation's exact request in both generations, as
// TestRequestBytesPerOperation checks the first ones; an operation without
// a legacy method is refused on a legacy client before a byte is sent.
func TestBreadthRequestBytes(t *testing.T) {
	for _, tc := range breadthWires() {
		t.Run(tc.name+"/openapi", func(t *testing.T) {
			c, mt := newTestClient(t, vectorCfg)
			got := respond(mt, "POST", testBase+tc.path, `{"code":0,"msg":"执行成功","data":{`+tc.answer+`}}`)
			require.NoError(t, tc.call(c))
			require.Len(t, got.bodies, 1)
			assert.Equal(t, wantForm(tc.biz), got.bodies[0])
			assert.Equal(t, "application/x-www-form-urlencoded;charset=UTF-8", got.ctypes[0])
			assert.Empty(t, got.queries[0])
		})
		t.Run(tc.name+"/legacy", func(t *testing.T) {
			c, mt := newTestClient(t, legacyCfg)
			got := respond(mt, "POST", testLegacyBase, `{"code":0,"issuccess":true,"msg":"",`+tc.answer+`}`)
			err := tc.call(c)
			if tc.method == "" {
				var ve *duijie.ValidationError
				require.ErrorAs(t, err, &ve)
				assert.Equal(t, "Method", ve.Field)
				assert.Empty(t, got.bodies, "nothing is sent")
				return
			}
			require.NoError(t, err)
			require.Len(t, got.bodies, 1)
			assert.Equal(t, wantLegacyQuery(tc.method), got.queries[0])
			assert.Equal(t, tc.biz, got.bodies[0])
		})
	}
}
