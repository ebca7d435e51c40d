package jushuitan

import (
	"context"
	"testing"

	"github.com/duijie/duijie"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The legacy shops.query answers its list under shops (vendor notes §3.3);
// openapi v2 under datas. Either is read, in either generation.
func TestShopsListKeyVariants(t *testing.T) {
	for _, key := range []string{"shops", "datas"} {
		t.Run("legacy/"+key, func(t *testing.T) {
			c, mt := newTestClient(t, legacyCfg)
			respond(mt, "POST", testLegacyBase, `{"code":0,"issuccess":true,"page_index":1,"has_next":false,"`+key+`":[{"shop_id":10001,"shop_name":"自有商城"}]}`)
			page, err := c.QueryShops(context.Background(), nil)
			require.NoError(t, err)
			require.Len(t, page.Shops, 1)
			assert.Equal(t, duijie.Int64(10001), page.Shops[0].ShopID)
			assert.Equal(t, 1, page.PageIndex)
		})
		t.Run("openapi/"+key, func(t *testing.T) {
			c, mt := newTestClient(t, vectorCfg)
			respond(mt, "POST", testBase+"/open/shops/query", `{"code":0,"data":{"`+key+`":[{"shop_id":7}]}}`)
			page, err := c.QueryShops(context.Background(), nil)
			require.NoError(t, err)
			require.Len(t, page.Shops, 1)
			assert.Equal(t, duijie.Int64(7), page.Shops[0].ShopID)
		})
	}
}

// Every list answer without its list key is an error matching
// ErrMissingList, never an empty page: in both generations, with a data
// object that lacks the key and with no data at all. A key present with an
// empty list (or null) is an empty page.
func TestListAnswerWithoutListKeyIsAnError(t *testing.T) {
	calls := []struct {
		name, path, key string
		call            func(c *Client) (rows int, err error)
	}{
		{"inventory", "/open/inventory/query", "inventorys", func(c *Client) (int, error) {
			r, err := c.QueryInventory(context.Background(), &InventoryQuery{SKUIDs: []string{"A"}})
			if r == nil {
				return 0, err
			}
			return len(r.Items), err
		}},
		{"orders", "/open/orders/single/query", "orders", func(c *Client) (int, error) {
			r, err := c.QueryOrders(context.Background(), &OrderQuery{SoIDs: []string{"A"}})
			if r == nil {
				return 0, err
			}
			return len(r.Orders), err
		}},
		{"shipments", "/open/logistic/query", "orders", func(c *Client) (int, error) {
			r, err := c.QueryShipments(context.Background(), &LogisticsQuery{SoIDs: []string{"A"}})
			if r == nil {
				return 0, err
			}
			return len(r.Shipments), err
		}},
		{"shops", "/open/shops/query", "datas", func(c *Client) (int, error) {
			r, err := c.QueryShops(context.Background(), nil)
			if r == nil {
				return 0, err
			}
			return len(r.Shops), err
		}},
		{"warehouses", "/open/wms/partner/query", "datas", func(c *Client) (int, error) {
			r, err := c.QueryWarehouses(context.Background(), nil)
			if r == nil {
				return 0, err
			}
			return len(r.Warehouses), err
		}},
	}
	for _, tc := range calls {
		t.Run(tc.name, func(t *testing.T) {
			for _, answer := range []string{
				`{"code":0,"msg":"执行成功","data":{"page_index":1,"has_next":false,"list":[{}]}}`,
				`{"code":0,"msg":"执行成功","data":{}}`,
				`{"code":0,"msg":"执行成功","data":null}`,
				`{"code":0,"msg":"执行成功"}`,
			} {
				c, mt := newTestClient(t, vectorCfg)
				respond(mt, "POST", testBase+tc.path, answer)
				_, err := tc.call(c)
				require.ErrorIs(t, err, ErrMissingList, answer)
				assert.Contains(t, err.Error(), tc.key)
			}
			c, mt := newTestClient(t, legacyCfg)
			respond(mt, "POST", testLegacyBase, `{"code":0,"issuccess":true,"page_index":1,"has_next":false}`)
			_, err := tc.call(c)
			require.ErrorIs(t, err, ErrMissingList, "legacy")

			for _, answer := range []string{`{"code":0,"data":{"` + tc.key + `":[]}}`, `{"code":0,"data":{"` + tc.key + `":null}}`} {
				c, mt = newTestClient(t, vectorCfg)
				respond(mt, "POST", testBase+tc.path, answer)
				rows, err := tc.call(c)
				require.NoError(t, err, answer)
				assert.Zero(t, rows)
			}
		})
	}
}
