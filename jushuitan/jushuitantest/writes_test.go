package jushuitantest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
)

// An uploaded other in/out bill is read back by its external_id as so_id;
// a second upload of the external_id makes no second bill and is counted.
func TestOtherInOutUploadFeedsTheQuery(t *testing.T) {
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			srv, c, _ := pair(t, g)
			res, err := c.UploadOtherInOut(context.Background(), breadthOther("EXT1"))
			require.NoError(t, err)
			assert.Positive(t, int64(res.IoID))
			in := breadthOther("EXT2")
			in.Type, in.IsConfirm = jushuitan.OtherIn, false
			_, err = c.UploadOtherInOut(context.Background(), in)
			require.NoError(t, err)
			again, err := c.UploadOtherInOut(context.Background(), breadthOther("EXT1"))
			require.NoError(t, err)
			assert.Equal(t, res.IoID, again.IoID, "the bill the fake has")
			assert.Equal(t, 1, srv.Repeats("/open/jushuitan/otherinout/upload"))
			require.Len(t, srv.OtherInOuts(), 2)

			if g == jushuitan.Legacy {
				// The query has no legacy method: refused before sending.
				_, err := c.QueryOtherInOuts(context.Background(), &jushuitan.OtherInOutQuery{SoIDs: []string{"EXT1"}})
				var ve *duijie.ValidationError
				require.ErrorAs(t, err, &ve)
				return
			}
			p, err := c.QueryOtherInOuts(context.Background(), &jushuitan.OtherInOutQuery{SoIDs: []string{"EXT1", "EXT2"}})
			require.NoError(t, err)
			require.Len(t, p.Items, 2)
			assert.Equal(t, "其它出库", p.Items[0].Type)
			assert.Equal(t, "Confirmed", p.Items[0].Status)
			assert.Equal(t, "其它退货", p.Items[1].Type)
			assert.Equal(t, "WaitConfirm", p.Items[1].Status)
			require.Len(t, p.Items[0].Items, 1)
			assert.Equal(t, "9.9", p.Items[0].Items[0].SalePrice.String())

			var seen []string
			for b, err := range c.OtherInOutsByTS(context.Background(), &jushuitan.OtherInOutQuery{PageSize: 1}) {
				require.NoError(t, err)
				seen = append(seen, b.SoID)
			}
			assert.Equal(t, []string{"EXT1", "EXT2"}, seen)
		})
	}
}

// The fake refuses what the notes refuse on other in/out uploads and queries.
func TestOtherInOutRefusals(t *testing.T) {
	item := []map[string]any{{"sku_id": "SKU1", "qty": 1}}
	breadthRefusals(t, "/open/jushuitan/otherinout/upload", "jushuitan.otherinout.upload", map[string]map[string]any{
		"no external_id": {"type": "out", "items": item},
		"bad type":       {"external_id": "E", "type": "sideways", "items": item},
		"no items":       {"external_id": "E", "type": "out"},
		"zero qty":       {"external_id": "E", "type": "out", "items": []map[string]any{{"sku_id": "SKU1", "qty": 0}}},
		"empty remark":   {"external_id": "E", "type": "out", "items": item, "remark": ""},
	})
	srv, c, _ := pair(t, jushuitan.OpenAPI)
	for name, params := range map[string]map[string]any{
		"window over seven days": {"modified_begin": "2024-05-01 00:00:00", "modified_end": "2024-05-08 00:00:01"},
		"page size":              {"so_ids": []string{"A"}, "page_size": 51},
		"so_ids":                 {"so_ids": breadthMany(51)},
		"cursor with a filter":   {"start_ts": 1, "status": "Confirmed"},
		"no filter":              {"status": "Confirmed"},
	} {
		err := breadthRaw(c, jushuitan.OpenAPI, "/open/other/inout/query", "", params)
		require.Error(t, err, name)
		assert.Equal(t, "140", apiCode(t, err), name)
	}
	assert.Empty(t, srv.OtherInOuts())
}

// Uploaded SKUs are read back by QuerySKUs; a known sku_id is updated with
// the fields sent and keeps the others; every SKU has its own outcome.
func TestSKUUploadFeedsTheQuery(t *testing.T) {
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			srv, c, _ := pair(t, g)
			res, err := c.UploadSKUs(context.Background(), &jushuitan.UploadSKUsRequest{SKUs: []jushuitan.SKUUpload{
				{SKUID: "SKU1", Name: "手机壳", IID: "I1", SPrice: money("19.9"), ItemType: "成品"},
				{SKUID: "SKU2", Name: "数据线", IID: "I1"}}})
			require.NoError(t, err)
			require.Len(t, res.Results, 2)
			assert.True(t, res.Results[0].OK)

			_, err = c.UploadSKUs(context.Background(), &jushuitan.UploadSKUsRequest{SKUs: []jushuitan.SKUUpload{{SKUID: "SKU1", Remark: "改"}}})
			require.NoError(t, err)
			assert.Equal(t, 1, srv.Repeats("/open/jushuitan/itemsku/upload"))

			p, err := c.QuerySKUs(context.Background(), &jushuitan.SKUQuery{SKUIDs: []string{"SKU1", "SKU2", "SKU3"}})
			require.NoError(t, err)
			require.Len(t, p.Items, 2)
			k := p.Items[0]
			assert.Equal(t, "SKU1", k.SKUID)
			assert.Equal(t, "手机壳", k.Name, "kept")
			assert.Equal(t, "改", k.Remark, "updated")
			assert.Equal(t, "19.9", k.SalePrice.String())
			assert.Equal(t, int64(1), int64(k.Enabled))

			p, err = c.QuerySKUs(context.Background(), &jushuitan.SKUQuery{Name: "线"})
			require.NoError(t, err)
			require.Len(t, p.Items, 1)
			assert.Equal(t, "SKU2", p.Items[0].SKUID)

			// A refused SKU and one the answer leaves out.
			srv.FailUpload("BAD", "商品分类不存在")
			srv.OmitUploadRow("GONE")
			res, err = c.UploadSKUs(context.Background(), &jushuitan.UploadSKUsRequest{SKUs: []jushuitan.SKUUpload{
				{SKUID: "BAD"}, {SKUID: "OK3"}, {SKUID: "GONE"}}})
			var be *duijie.BatchError
			require.True(t, errors.As(err, &be), "%v", err)
			assert.Equal(t, []int{0, 2}, be.FailedIndexes())
			require.Len(t, res.Results, 3)
			assert.Equal(t, "商品分类不存在", res.Results[0].Message)
			assert.True(t, res.Results[1].OK)
			assert.True(t, res.Results[2].Unknown)
			_, stored := srv.SKU("GONE")
			assert.True(t, stored, "the omitted row was stored")
			_, stored = srv.SKU("BAD")
			assert.False(t, stored)
		})
	}
}

// The fake refuses what the notes refuse on SKU queries and uploads.
func TestSKURefusals(t *testing.T) {
	breadthRefusals(t, "/open/sku/query", "sku.query", map[string]map[string]any{
		"window over seven days": {"modified_begin": "2024-05-01 00:00:00", "modified_end": "2024-05-08 00:00:01"},
		"page size":              {"sku_ids": "A", "page_size": 51},
		"sku_ids":                {"sku_ids": "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21"},
		"no filter":              {"i_ids": []string{"I1"}},
	})
	breadthRefusals(t, "/open/jushuitan/itemsku/upload", "jushuitan.itemsku.upload", map[string]map[string]any{
		"no items": {"is_normal": false},
	})
}
