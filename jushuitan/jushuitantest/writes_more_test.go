package jushuitantest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// Uploaded suppliers are read back by code, id and name; a known
// supplier_code is updated, not added; a day-long range without keys is
// served and a longer one refused.
func TestSupplierUploadFeedsTheQuery(t *testing.T) {
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			srv, c, _ := pair(t, g)
			res, err := c.UploadSuppliers(context.Background(), &jushuitan.UploadSuppliersRequest{Suppliers: []jushuitan.SupplierUpload{
				{SupplierCode: "GYS1", Name: "供应商一", Group: "A类"}, {SupplierCode: "GYS2", Name: "供应商二"}}})
			require.NoError(t, err)
			require.Len(t, res.Results, 2)
			id1 := res.Results[0].ID
			assert.Positive(t, int64(id1))

			res, err = c.UploadSuppliers(context.Background(), &jushuitan.UploadSuppliersRequest{Suppliers: []jushuitan.SupplierUpload{
				{SupplierCode: "GYS1", Name: "供应商壹"}}})
			require.NoError(t, err)
			assert.Equal(t, id1, res.Results[0].ID, "the same supplier")
			assert.Equal(t, 1, srv.Repeats("/open/supplier/upload"))
			require.Len(t, srv.Suppliers(), 2)

			p, err := c.QuerySuppliers(context.Background(), &jushuitan.SupplierQuery{SupplierCodes: []string{"GYS1"}})
			require.NoError(t, err)
			require.Len(t, p.Items, 1)
			assert.Equal(t, "供应商壹", p.Items[0].Name)
			assert.Equal(t, "A类", p.Items[0].Group, "kept")
			assert.True(t, bool(p.Items[0].Enabled))

			var names []string
			for sp, err := range c.Suppliers(context.Background(), &jushuitan.SupplierQuery{ModifiedBegin: start.Add(-time.Hour),
				ModifiedEnd: start.Add(47 * time.Hour), PageSize: 1}) {
				require.NoError(t, err)
				names = append(names, sp.Name)
			}
			assert.Equal(t, []string{"供应商壹", "供应商二"}, names)

			srv.FailUpload("GYS3", "供应商编码已停用")
			res, err = c.UploadSuppliers(context.Background(), &jushuitan.UploadSuppliersRequest{Suppliers: []jushuitan.SupplierUpload{
				{SupplierCode: "GYS3", Name: "三"}, {SupplierCode: "GYS4", Name: "四"}}})
			var be *duijie.BatchError
			require.True(t, errors.As(err, &be), "%v", err)
			assert.Equal(t, []int{0}, be.FailedIndexes())
			assert.Equal(t, "供应商编码已停用", res.Results[0].Message)
			assert.True(t, res.Results[1].OK)
		})
	}
	breadthRefusals(t, "/open/supplier/query", "supplier.query", map[string]map[string]any{
		"no keys and no range":      {"page_index": 1},
		"no keys, range over a day": {"modified_begin": "2024-05-01 00:00:00", "modified_end": "2024-05-02 00:00:01"},
		"page size":                 {"names": []string{"A"}, "page_size": 501},
		"ids":                       {"supplier_ids": breadthMany(51)},
	})
}

// A confirmed stocktaking upload changes the stock the inventory query
// serves (check sets, adjust adds); a resend of its so_id is answered with
// the first result and changes nothing.
func TestStockCountUploadChangesStockOnce(t *testing.T) {
	srv, c, _ := pair(t, jushuitan.OpenAPI)
	srv.PutInventory(jushuitan.InventoryItem{SKUID: "SKU1", Qty: duijie.AmountFromInt(3)})
	srv.PutInventory(jushuitan.InventoryItem{SKUID: "SKU2", Qty: duijie.AmountFromInt(3)})

	first, err := c.UploadStockCount(context.Background(), breadthCount("PD1")) // SKU1 := 7
	require.NoError(t, err)
	adjust := &jushuitan.StockCountUpload{SoID: "PD2", Type: jushuitan.StockAdjust, IsConfirm: true,
		Items: []jushuitan.StockCountUploadItem{{SKUID: "SKU2", Qty: -2}}}
	_, err = c.UploadStockCount(context.Background(), adjust)
	require.NoError(t, err)
	again, err := c.UploadStockCount(context.Background(), adjust)
	require.NoError(t, err)
	assert.NotEqual(t, first.IoID, again.IoID)
	assert.Equal(t, 1, srv.Repeats("/open/jushuitan/inventoryv2/upload"))

	p, err := c.QueryInventory(context.Background(), &jushuitan.InventoryQuery{SKUIDs: []string{"SKU1", "SKU2"}})
	require.NoError(t, err)
	got := map[string]string{}
	for _, it := range p.Items {
		got[it.SKUID] = it.Qty.String()
	}
	assert.Equal(t, map[string]string{"SKU1": "7", "SKU2": "1"}, got)

	counts, err := c.QueryStockCounts(context.Background(), &jushuitan.StockCountQuery{IoIDs: []int64{int64(first.IoID)}})
	require.NoError(t, err)
	require.Len(t, counts.Items, 1)
	require.Len(t, counts.Items[0].Items, 1)
	assert.Equal(t, "7", counts.Items[0].Items[0].RQty.String())
	assert.Equal(t, "4", counts.Items[0].Items[0].Qty.String(), "the gain")
	assert.Equal(t, "Confirmed", counts.Items[0].Status)
	uploads := srv.StockCountUploads()
	require.Len(t, uploads, 2)
	assert.Equal(t, 2, uploads[1].Sends)

	items := make([]map[string]any, 501)
	for i := range items {
		items[i] = map[string]any{"sku_id": "S", "qty": 1}
	}
	srv2, c2, _ := pair(t, jushuitan.OpenAPI)
	for name, params := range map[string]map[string]any{
		"no so_id":          {"type": "check", "items": items[:1]},
		"over 500 lines":    {"so_id": "P", "type": "check", "items": items},
		"adjust with codes": {"so_id": "P", "type": "adjust", "items": []map[string]any{{"sku_id": "S", "qty": 1, "sku_sns": []string{"X"}}}},
		"negative check":    {"so_id": "P", "type": "check", "items": []map[string]any{{"sku_id": "S", "qty": -1}}},
	} {
		err := breadthRaw(c2, jushuitan.OpenAPI, "/open/jushuitan/inventoryv2/upload", "", params)
		require.Error(t, err, name)
		assert.Equal(t, "140", apiCode(t, err), name)
	}
	assert.Empty(t, srv2.StockCountUploads())
	breadthRefusals(t, "/open/inventory/count/query", "inventory.count.query", map[string]map[string]any{
		"window over seven days": {"modified_begin": "2024-05-01 00:00:00", "modified_end": "2024-05-08 00:00:01"},
		"no filter":              {"status": "Confirmed"},
		"page size":              {"io_ids": "1", "page_size": 51},
	})
}

// A purchase order is kept by external_id: a repeat without is_edit
// changes nothing, one with is_edit updates it; both are counted.
func TestPurchaseUploadKeyedByExternalID(t *testing.T) {
	srv, c, _ := pair(t, jushuitan.OpenAPI)
	first, err := c.UploadPurchase(context.Background(), breadthPurchase("PO1"))
	require.NoError(t, err)
	again, err := c.UploadPurchase(context.Background(), breadthPurchase("PO1"))
	require.NoError(t, err)
	assert.Equal(t, first.PoID, again.PoID)
	edit := breadthPurchase("PO1")
	edit.IsEdit, edit.Remark = true, "改"
	_, err = c.UploadPurchase(context.Background(), edit)
	require.NoError(t, err)
	st, ok := srv.PurchaseOrder("PO1")
	require.True(t, ok)
	assert.Equal(t, 3, st.Uploads)
	assert.Equal(t, 1, st.Edits)
	assert.Equal(t, "改", st.Raw["remark"])
	assert.Equal(t, 2, srv.Repeats("/open/jushuitan/purchase/upload"))
	require.Len(t, srv.Purchases(), 1)

	p, err := c.QueryPurchases(context.Background(), &jushuitan.PurchaseQuery{SoIDs: []string{"PO1", "PO9"}})
	require.NoError(t, err)
	require.Len(t, p.Items, 1)
	assert.Equal(t, int64(first.PoID), int64(p.Items[0].PoID))
	assert.Equal(t, "改", p.Items[0].Remark, "the edit")
	require.Len(t, p.Items[0].Items, 1)
	assert.Equal(t, "3.5", p.Items[0].Items[0].Price.String())
	assert.Equal(t, "10", p.Items[0].Items[0].Qty.String())
	breadthRefusals(t, "/open/purchase/query", "", map[string]map[string]any{
		"no filter":              {"page_index": 1},
		"window over seven days": {"modified_begin": "2024-05-01 00:00:00", "modified_end": "2024-05-08 00:00:01"},
		"page size":              {"so_ids": []string{"A"}, "page_size": 51},
	})

	err = breadthRaw(c, jushuitan.OpenAPI, "/open/jushuitan/purchase/upload", "", map[string]any{"external_id": "P2",
		"items": []map[string]any{{"sku_id": "S", "qty": 1, "price": 1.23456}}})
	assert.Equal(t, "140", apiCode(t, err), "price with 5 places")
	err = breadthRaw(c, jushuitan.OpenAPI, "/open/jushuitan/purchase/upload", "", map[string]any{"external_id": "P2", "remark": "",
		"items": []map[string]any{{"sku_id": "S", "qty": 1, "price": 1}}})
	assert.Equal(t, "140", apiCode(t, err), "an empty remark key")
	require.Len(t, srv.Purchases(), 1)
}

// Uploaded after-sale bills are read back by the after-sale query, linked
// to the ERP order of their so_id; a known outer_as_id is updated, and a
// bill of an unknown shop is refused on its own row.
func TestAfterSaleUploadFeedsTheRefundQuery(t *testing.T) {
	srv, c, _ := pair(t, jushuitan.OpenAPI)
	_, err := c.UploadOrders(context.Background(), upload(order("SO-AS1")))
	require.NoError(t, err)
	res, err := c.UploadAfterSales(context.Background(), &jushuitan.UploadAfterSalesRequest{AfterSales: []jushuitan.AfterSaleUpload{
		breadthAfterSale("AS1"), breadthAfterSale("AS2")}})
	require.NoError(t, err)
	asID := res.Results[0].ID

	update := breadthAfterSale("AS1")
	update.GoodStatus = "SELLER_RECEIVED"
	stranger := breadthAfterSale("AS3")
	stranger.ShopID = 999
	res, err = c.UploadAfterSales(context.Background(), &jushuitan.UploadAfterSalesRequest{AfterSales: []jushuitan.AfterSaleUpload{update, stranger}})
	var be *duijie.BatchError
	require.True(t, errors.As(err, &be), "%v", err)
	assert.Equal(t, []int{1}, be.FailedIndexes())
	assert.Equal(t, asID, res.Results[0].ID, "the same bill")
	assert.Equal(t, "店铺编号不存在", res.Results[1].Message)
	assert.Equal(t, 1, srv.Repeats("/open/aftersale/upload"))
	assert.Equal(t, 2, srv.AfterSaleUploads())

	p, err := c.QueryRefunds(context.Background(), &jushuitan.RefundQuery{AsIDs: []int64{int64(asID)}})
	require.NoError(t, err)
	require.Len(t, p.Items, 1)
	r := p.Items[0]
	assert.Equal(t, "AS1", r.OuterAsID)
	assert.Equal(t, "SELLER_RECEIVED", r.GoodStatus)
	assert.Equal(t, "9.9", r.Refund.String())
	order, _ := srv.Uploaded(jushuitantest.ShopID, "SO-AS1")
	assert.Equal(t, order.OID, int64(r.OID))
	require.Len(t, r.Items, 1)
	assert.Equal(t, "SKU1", r.Items[0].SKUID)
}
