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
			require.Len(t, page.Items, 1)
			assert.Equal(t, duijie.Int64(10001), page.Items[0].ShopID)
			assert.Equal(t, 1, page.Number)
		})
		t.Run("openapi/"+key, func(t *testing.T) {
			c, mt := newTestClient(t, vectorCfg)
			respond(mt, "POST", testBase+"/open/shops/query", `{"code":0,"data":{"`+key+`":[{"shop_id":7}]}}`)
			page, err := c.QueryShops(context.Background(), nil)
			require.NoError(t, err)
			require.Len(t, page.Items, 1)
			assert.Equal(t, duijie.Int64(7), page.Items[0].ShopID)
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
			return len(r.Items), err
		}},
		{"shipments", "/open/logistic/query", "orders", func(c *Client) (int, error) {
			r, err := c.QueryShipments(context.Background(), &LogisticsQuery{SoIDs: []string{"A"}})
			if r == nil {
				return 0, err
			}
			return len(r.Items), err
		}},
		{"shops", "/open/shops/query", "datas", func(c *Client) (int, error) {
			r, err := c.QueryShops(context.Background(), nil)
			if r == nil {
				return 0, err
			}
			return len(r.Items), err
		}},
		{"warehouses", "/open/wms/partner/query", "datas", func(c *Client) (int, error) {
			r, err := c.QueryWarehouses(context.Background(), nil)
			if r == nil {
				return 0, err
			}
			return len(r.Items), err
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

// A page carries the answer's paging head: page_index and page_size as
// served, data_count as Total (-1 without it), has_next as HasMore.
func TestPageCarriesTheVendorsPaging(t *testing.T) {
	cases := []struct {
		name, answer string
		q            *OrderQuery
		total        int
		number, size int
		more         bool
	}{
		{"head with a total", `{"code":0,"data":{"page_index":2,"page_size":50,"data_count":120,"page_count":3,"has_next":true,"orders":[{"o_id":1}]}}`,
			&OrderQuery{SoIDs: []string{"A"}, PageIndex: 2, PageSize: 50}, 120, 2, 50, true},
		{"no total (is_get_total=false)", `{"code":0,"data":{"page_index":1,"page_size":100,"has_next":false,"orders":[]}}`,
			&OrderQuery{StartTS: 5}, -1, 1, 100, false},
		{"a total of zero is a total", `{"code":0,"data":{"page_index":1,"page_size":30,"data_count":0,"has_next":false,"orders":[]}}`,
			&OrderQuery{SoIDs: []string{"A"}}, 0, 1, 30, false},
		{"no head: the page asked for", `{"code":0,"data":{"orders":[{"o_id":1}]}}`,
			&OrderQuery{SoIDs: []string{"A"}, PageSize: 20}, -1, 1, 20, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t, vectorCfg)
			respond(mt, "POST", testBase+"/open/orders/single/query", tc.answer)
			p, err := c.QueryOrders(context.Background(), tc.q)
			require.NoError(t, err)
			assert.NotNil(t, p.Items)
			assert.Equal(t, tc.total, p.Total)
			assert.Equal(t, tc.number, p.Number)
			assert.Equal(t, tc.size, p.Size)
			assert.Equal(t, tc.more, p.HasMore)
		})
	}
}
