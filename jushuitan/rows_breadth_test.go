package jushuitan

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The new rows read the vendor's loose forms: ids and numbers quoted or
// not, "" and null for empty amounts and times, flags as text or numbers,
// text sent as a number.
func TestBreadthRowsReadLooseForms(t *testing.T) {
	c, mt := newTestClient(t, vectorCfg)
	respond(mt, "POST", testBase+"/open/orders/out/simple/query", `{"code":0,"data":{"page_index":1,"page_size":50,"has_next":false,"data_count":1,`+
		`"datas":[{"io_id":"7000001","o_id":9000001,"so_id":"SO1","ts":"42","pay_amount":"","paid_amount":null,"is_cod":0,"io_date":"0000-00-00 00:00:00",`+
		`"modified":"2024-05-01 10:00:00.487","drp_co_id_from":123,"stock_enabled":"true","labels":null,`+
		`"items":[{"ioi_id":1,"oi_id":555,"sku_id":"SKU1","qty":"2","sale_price":9.9,"sale_amount":"19.80","is_gift":"false"}],`+
		`"batchs":[{"batch_no":"B1","qty":2,"product_date":"2024-04-01"}],"sns":null}]}}`)
	p, err := c.QuerySaleOuts(context.Background(), &SaleOutQuery{SoIDs: []string{"SO1"}})
	require.NoError(t, err)
	require.Len(t, p.Items, 1)
	o := p.Items[0]
	assert.Equal(t, int64(7000001), int64(o.IoID))
	assert.Equal(t, int64(42), int64(o.TS))
	assert.True(t, o.PayAmount.IsZero())
	assert.True(t, o.IoDate.IsZero())
	assert.Equal(t, 487000000, o.Modified.Nanosecond())
	assert.Equal(t, "123", o.DrpCoIDFrom.String())
	assert.False(t, bool(o.IsCOD))
	assert.Equal(t, "555", o.Items[0].OiID.String())
	assert.Equal(t, "19.8", o.Items[0].SaleAmount.String())
	assert.Equal(t, "2", o.Items[0].Qty.String())
	assert.Equal(t, "2024-04-01", o.Batches[0].ProductDate.String())
	assert.Equal(t, 1, p.Total)

	respond(mt, "POST", testBase+"/open/supplier/query", `{"code":0,"data":{"datas":[{"supplier_id":"3","supplier_code":"G","enabled":"true","acountnumber":6222}]}}`)
	sp, err := c.QuerySuppliers(context.Background(), &SupplierQuery{SupplierCodes: []string{"G"}})
	require.NoError(t, err)
	require.Len(t, sp.Items, 1)
	assert.Equal(t, int64(3), int64(sp.Items[0].SupplierID))
	assert.True(t, bool(sp.Items[0].Enabled))
	assert.Equal(t, "6222", sp.Items[0].AccountNumber.String())
}

// A one-bill write answered with success but no numbers keeps the
// caller's key and reports no ERP number, rather than failing a write
// that was accepted.
func TestBillWriteWithoutNumbers(t *testing.T) {
	c, mt := newTestClient(t, vectorCfg)
	respond(mt, "POST", testBase+"/open/jushuitan/otherinout/upload", `{"code":0,"msg":"执行成功","data":{}}`)
	res, err := c.UploadOtherInOut(context.Background(), &OtherInOutUpload{ExternalID: "E1", Type: OtherIn,
		Items: []OtherInOutUploadItem{{SKUID: "S", Qty: 1}}})
	require.NoError(t, err)
	assert.Equal(t, &OtherInOutResult{ExternalID: "E1"}, res)

	respond(mt, "POST", testBase+"/open/jushuitan/inventoryv2/upload", `{"code":0,"msg":"执行成功","data":{"data":{"so_id":"PD1","io_id":"88"}}}`)
	sc, err := c.UploadStockCount(context.Background(), &StockCountUpload{SoID: "PD1", Type: StockCheck, Items: []StockCountUploadItem{{SKUID: "S"}}})
	require.NoError(t, err)
	assert.Equal(t, &StockCountResult{SoID: "PD1", IoID: 88}, sc)
}
