package jushuitan

import (
	"context"
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
