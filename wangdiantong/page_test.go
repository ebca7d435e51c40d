package wangdiantong

import (
	"context"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPageCarriesTotalNumberAndSize(t *testing.T) {
	cases := []struct {
		name, answer string
		q            *ShopQuery
		total        int
		number, size int
		more         bool
		items        int
	}{
		{"total on page 0", `{"code":0,"message":"","total_count":"5","shoplist":[{"shop_no":"a"},{"shop_no":"b"}]}`, &ShopQuery{PageSize: 2}, 5, 0, 2, true, 2},
		{"last page by total", `{"code":0,"message":"","total_count":5,"shoplist":[{"shop_no":"e"}]}`, &ShopQuery{PageNo: 2, PageSize: 2}, 5, 2, 2, false, 1},
		{"no total, full page", `{"code":0,"message":"","shoplist":[{"shop_no":"c"},{"shop_no":"d"}]}`, &ShopQuery{PageNo: 1, PageSize: 2}, -1, 1, 2, true, 2},
		{"no total, short page", `{"code":0,"message":"","shoplist":[{"shop_no":"e"}]}`, &ShopQuery{PageNo: 2, PageSize: 2}, -1, 2, 2, false, 1},
		{"default size", `{"code":0,"message":"","total_count":0,"shoplist":[]}`, nil, 0, 0, DefaultPageSize, false, 0},
		{"null list", `{"code":0,"message":"","total_count":0,"shoplist":null}`, nil, 0, 0, DefaultPageSize, false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t, openCfg)
			mt.RegisterResponder("POST", testBase+"/shop.php", httpmock.NewStringResponder(200, tc.answer))
			p, err := c.QueryShops(context.Background(), tc.q)
			require.NoError(t, err)
			assert.Len(t, p.Items, tc.items)
			assert.NotNil(t, p.Items)
			assert.Equal(t, tc.total, p.Total)
			assert.Equal(t, tc.number, p.Number)
			assert.Equal(t, tc.size, p.Size)
			assert.Equal(t, tc.more, p.HasMore)
		})
	}
}

func TestAnswerWithoutListKeyIsAnError(t *testing.T) {
	ctx := context.Background()
	c, mt := newTestClient(t, openCfg)
	mt.RegisterResponder("POST", testBase+"/shop.php", httpmock.NewStringResponder(200, `{"code":0,"message":"","total_count":0}`))
	mt.RegisterResponder("POST", testBase+"/stockin_order_query_refund.php", httpmock.NewStringResponder(200, `{"code":0,"message":"","total_count":3,"list":[]}`))
	mt.RegisterResponder("POST", testBase+"/logistics_sync_query.php", httpmock.NewStringResponder(200, `{"code":0,"message":""}`))

	p, err := c.QueryShops(ctx, nil)
	assert.Nil(t, p)
	assert.ErrorIs(t, err, ErrMissingList)
	assert.ErrorContains(t, err, "shoplist")

	n := 0
	for _, err := range c.RefundStockins(ctx, &RefundStockinQuery{StockinNo: "RK1"}) {
		n++
		assert.ErrorIs(t, err, ErrMissingList)
		assert.ErrorContains(t, err, "stockin_list")
	}
	assert.Equal(t, 1, n, "the iterator stops on the error")

	r, err := c.QueryLogisticsSync(ctx, &LogisticsSyncQuery{ShopNo: "S1"})
	assert.Nil(t, r)
	assert.ErrorIs(t, err, ErrMissingList)
}
