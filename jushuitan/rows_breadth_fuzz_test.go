package jushuitan

import (
	"encoding/json"
	"testing"
)

// The breadth operations' answers go through the same one-pass decoder:
// for every payload it agrees with the head decode followed by listRows,
// for each row type and list key of the new rows.
func FuzzBreadthRowsAreListRows(f *testing.F) {
	for _, s := range []string{
		`{"page_index":1,"page_size":50,"has_next":true,"data_count":2,"datas":[{"io_id":7,"o_id":"9","so_id":"A","ts":12,"items":[{"sku_id":"S","qty":1,"sale_price":"9.9"}],"batchs":null,"sns":[{"sku_id":"S","sn":"X","is_pack_sn":"true"}]}]}`,
		`{"datas":[{"as_id":1,"ts":"0x01","refund":"","items":[{"asi_id":2,"r_qty":null}],"images":[{"key":"k","domain":"d"}]}]}`,
		`{"datas":[{"sku_id":"S","other_price_1":1.5,"is_series_number":1,"batch_enabled":true,"supplier_id":12}]}`,
		`{"datas":[{"supplier_id":"3","enabled":"false","acountnumber":6222}]}`,
		`{"datas":[{"is_success":"true","sku_id":"S"},{"id":4,"issuccess":1,"supplier_code":"G"},{"as_id":5,"issuccess":false,"outer_as_id":"R","msg":"x"}]}`,
		`{"datas":{"io_id":1}}`, `{"Datas":[{"io_id":1}]}`, `{"datas":null}`, `{}`, `{"page_index":"x","datas":[]}`,
		`{"datas":[{"io_date":"0000-00-00 00:00:00","modified":"2024-05-01 10:00:00.123","labels":["a"]}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return // the envelope's data is valid JSON
		}
		same[SaleOut](t, data, true, table[opQuerySaleOuts].listKeys)
		same[Refund](t, data, true, table[opQueryRefunds].listKeys)
		same[PurchaseIn](t, data, true, table[opQueryPurchaseIns].listKeys)
		same[PurchaseOut](t, data, true, table[opQueryPurchaseOuts].listKeys)
		same[OtherInOut](t, data, true, table[opQueryOtherInOuts].listKeys)
		same[SKU](t, data, true, table[opQuerySKUs].listKeys)
		same[Supplier](t, data, true, table[opQuerySuppliers].listKeys)
		same[StockCount](t, data, true, table[opQueryStockCounts].listKeys)
		same[Purchase](t, data, true, table[opQueryPurchases].listKeys)
		same[Allocate](t, data, true, table[opQueryAllocates].listKeys)
		same[Received](t, data, true, table[opQueryReceived].listKeys)
		same[skuRow](t, data, false, table[opUploadSKUs].listKeys)
		same[supplierRow](t, data, false, table[opUploadSuppliers].listKeys)
		same[afterSaleRow](t, data, false, table[opUploadAfterSales].listKeys)
	})
}
