package jushuitan

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

// Every refusal of the breadth operations happens before a byte is sent,
// names the field and the rule.
func TestBreadthValidation(t *testing.T) {
	from := breadthFrom
	ctx := context.Background()
	ids := func(n int) []int64 {
		out := make([]int64, n)
		for i := range out {
			out[i] = int64(i + 1)
		}
		return out
	}
	keys := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = "K" + strings.Repeat("x", i)
		}
		return out
	}
	item := []OtherInOutUploadItem{{SKUID: "S", Qty: 1}}
	count := []StockCountUploadItem{{SKUID: "S", Qty: 1}}
	line := []PurchaseUploadItem{{SKUID: "S", Qty: 1, Price: amt("1")}}
	cases := []struct {
		name        string
		call        func(c *Client) error
		field, rule string
	}{
		{"sale outs without a filter", func(c *Client) error { _, err := c.QuerySaleOuts(ctx, &SaleOutQuery{ShopID: 1}); return err },
			"modified_begin", duijie.RuleRequired},
		{"sale outs distributor window", func(c *Client) error {
			_, err := c.QuerySaleOuts(ctx, &SaleOutQuery{DrpCoID: 1, ModifiedBegin: from, ModifiedEnd: from.Add(25 * time.Hour)})
			return err
		}, "modified_end", duijie.RuleWindow},
		{"sale outs io_ids", func(c *Client) error { _, err := c.QuerySaleOuts(ctx, &SaleOutQuery{IoIDs: ids(51)}); return err },
			"io_ids", duijie.RuleTooMany},
		{"sale outs o_id zero", func(c *Client) error { _, err := c.QuerySaleOuts(ctx, &SaleOutQuery{OIDs: []int64{0}}); return err },
			"o_ids[0]", duijie.RuleRange},
		{"sale outs date type", func(c *Client) error {
			_, err := c.QuerySaleOuts(ctx, &SaleOutQuery{SoIDs: []string{"A"}, DateType: DateSend})
			return err
		}, "date_type", duijie.RuleRange},
		{"sale outs negative cursor", func(c *Client) error { _, err := c.QuerySaleOuts(ctx, &SaleOutQuery{StartTS: -1}); return err },
			"start_ts", duijie.RuleNegative},
		{"sale outs cursor with a range", func(c *Client) error {
			for _, err := range c.SaleOutsByTS(ctx, &SaleOutQuery{ModifiedBegin: from, ModifiedEnd: from.Add(time.Hour)}) {
				return err
			}
			return nil
		}, "modified_begin", duijie.RuleConflict},
		{"refunds buyers", func(c *Client) error { _, err := c.QueryRefunds(ctx, &RefundQuery{ShopBuyerIDs: keys(51)}); return err },
			"shop_buyer_ids", duijie.RuleTooMany},
		{"refunds without a filter", func(c *Client) error { _, err := c.QueryRefunds(ctx, &RefundQuery{Status: "Confirmed"}); return err },
			"modified_begin", duijie.RuleRequired},
		{"purchase ins io_ids", func(c *Client) error { _, err := c.QueryPurchaseIns(ctx, &PurchaseInQuery{IoIDs: ids(31)}); return err },
			"io_ids", duijie.RuleTooMany},
		{"purchase ins cursor with a filter", func(c *Client) error {
			for _, err := range c.PurchaseInsByTS(ctx, &PurchaseInQuery{Statuses: []string{"Confirmed"}}) {
				return err
			}
			return nil
		}, "start_ts", duijie.RuleConflict},
		{"purchase outs io_ids", func(c *Client) error {
			_, err := c.QueryPurchaseOuts(ctx, &PurchaseOutQuery{IoIDs: ids(31)})
			return err
		},
			"io_ids", duijie.RuleTooMany},
		{"purchase outs without a filter", func(c *Client) error { _, err := c.QueryPurchaseOuts(ctx, nil); return err },
			"modified_begin", duijie.RuleRequired},
		{"other in/outs so_ids", func(c *Client) error {
			_, err := c.QueryOtherInOuts(ctx, &OtherInOutQuery{SoIDs: keys(51)})
			return err
		},
			"so_ids", duijie.RuleTooMany},
		{"other in/outs cursor with a filter", func(c *Client) error {
			_, err := c.QueryOtherInOuts(ctx, &OtherInOutQuery{StartTS: 3, Status: "Confirmed"})
			return err
		}, "start_ts", duijie.RuleConflict},
		{"other in/out labels", func(c *Client) error {
			_, err := c.UploadOtherInOut(ctx, &OtherInOutUpload{ExternalID: "E", Type: OtherIn, Items: item, Labels: []string{strings.Repeat("标", 201)}})
			return err
		}, "labels", duijie.RuleTooLong},
		{"other in/out price scale", func(c *Client) error {
			_, err := c.UploadOtherInOut(ctx, &OtherInOutUpload{ExternalID: "E", Type: OtherIn, Items: []OtherInOutUploadItem{{SKUID: "S", Qty: 1, SalePrice: amt("0.00001")}}})
			return err
		}, "items[0].sale_price", duijie.RuleFormat},
		{"other in/out nil", func(c *Client) error { _, err := c.UploadOtherInOut(ctx, nil); return err }, "external_id", duijie.RuleRequired},
		{"skus sku_ids", func(c *Client) error { _, err := c.QuerySKUs(ctx, &SKUQuery{SKUIDs: keys(21)}); return err }, "sku_ids", duijie.RuleTooMany},
		{"skus sku_id with a comma", func(c *Client) error { _, err := c.QuerySKUs(ctx, &SKUQuery{SKUIDs: []string{"A,B"}}); return err },
			"sku_ids[0]", duijie.RuleFormat},
		{"skus date field", func(c *Client) error {
			_, err := c.QuerySKUs(ctx, &SKUQuery{SKUIDs: []string{"A"}, DateField: "paid"})
			return err
		},
			"date_field", duijie.RuleFormat},
		{"sku upload empty", func(c *Client) error { _, err := c.UploadSKUs(ctx, &UploadSKUsRequest{}); return err }, "items", duijie.RuleRequired},
		{"sku upload enabled", func(c *Client) error {
			bad := 2
			_, err := c.UploadSKUs(ctx, &UploadSKUsRequest{SKUs: []SKUUpload{{SKUID: "A", Enabled: &bad}}})
			return err
		}, "items[0].enabled", duijie.RuleRange},
		{"sku upload item type", func(c *Client) error {
			_, err := c.UploadSKUs(ctx, &UploadSKUsRequest{SKUs: []SKUUpload{{SKUID: "A", ItemType: "赠品"}}})
			return err
		}, "items[0].item_type", duijie.RuleRange},
		{"sku upload negative price", func(c *Client) error {
			_, err := c.UploadSKUs(ctx, &UploadSKUsRequest{SKUs: []SKUUpload{{SKUID: "A", CPrice: amt("-1")}}})
			return err
		}, "items[0].c_price", duijie.RuleNegative},
		{"sku upload picture", func(c *Client) error {
			_, err := c.UploadSKUs(ctx, &UploadSKUsRequest{SKUs: []SKUUpload{{SKUID: "A", Pic: "https://x/" + strings.Repeat("p", 300)}}})
			return err
		}, "items[0].pic", duijie.RuleTooLong},
		{"suppliers without keys or range", func(c *Client) error { _, err := c.QuerySuppliers(ctx, nil); return err },
			"modified_begin", duijie.RuleRequired},
		{"suppliers ids", func(c *Client) error {
			_, err := c.QuerySuppliers(ctx, &SupplierQuery{SupplierIDs: ids(51)})
			return err
		},
			"supplier_ids", duijie.RuleTooMany},
		{"supplier upload without a name", func(c *Client) error {
			_, err := c.UploadSuppliers(ctx, &UploadSuppliersRequest{Suppliers: []SupplierUpload{{SupplierCode: "G"}}})
			return err
		}, "suppliers[0].name", duijie.RuleRequired},
		{"supplier upload twice a code", func(c *Client) error {
			_, err := c.UploadSuppliers(ctx, &UploadSuppliersRequest{Suppliers: []SupplierUpload{{SupplierCode: "G", Name: "a"}, {SupplierCode: "G", Name: "b"}}})
			return err
		}, "suppliers[1].supplier_code", duijie.RuleConflict},
		{"stock counts io_ids", func(c *Client) error { _, err := c.QueryStockCounts(ctx, &StockCountQuery{IoIDs: ids(51)}); return err },
			"io_ids", duijie.RuleTooMany},
		{"stock counts without a filter", func(c *Client) error { _, err := c.QueryStockCounts(ctx, nil); return err },
			"modified_begin", duijie.RuleRequired},
		{"stock count without so_id", func(c *Client) error {
			_, err := c.UploadStockCount(ctx, &StockCountUpload{Type: StockCheck, Items: count})
			return err
		}, "so_id", duijie.RuleRequired},
		{"stock count adjust with codes", func(c *Client) error {
			_, err := c.UploadStockCount(ctx, &StockCountUpload{SoID: "P", Type: StockAdjust, Items: []StockCountUploadItem{{SKUID: "S", Qty: 1, SKUSNs: []string{"X"}}}})
			return err
		}, "items[0].sku_sns", duijie.RuleConflict},
		{"stock count unknown type", func(c *Client) error {
			_, err := c.UploadStockCount(ctx, &StockCountUpload{SoID: "P", Type: "overwrite", Items: count})
			return err
		}, "type", duijie.RuleRange},
		{"stock count bin type", func(c *Client) error {
			_, err := c.UploadStockCount(ctx, &StockCountUpload{SoID: "P", Type: StockCheck, DefaultType: "Shelf", Items: count})
			return err
		}, "default_type", duijie.RuleRange},
		{"stock count produced before 1970", func(c *Client) error {
			_, err := c.UploadStockCount(ctx, &StockCountUpload{SoID: "P", Type: StockCheck, Items: []StockCountUploadItem{{SKUID: "S", Qty: 1,
				ProducedDate: duijie.NewTime(time.Date(1969, 12, 31, 0, 0, 0, 0, duijie.CST()))}}})
			return err
		}, "items[0].produced_date", duijie.RuleRange},
		{"purchase without an external id", func(c *Client) error {
			_, err := c.UploadPurchase(ctx, &PurchaseUpload{Items: line})
			return err
		}, "external_id", duijie.RuleRequired},
		{"purchase tax rate", func(c *Client) error {
			_, err := c.UploadPurchase(ctx, &PurchaseUpload{ExternalID: "P", TaxRate: 101, Items: line})
			return err
		}, "tax_rate", duijie.RuleRange},
		{"purchase zero quantity", func(c *Client) error {
			_, err := c.UploadPurchase(ctx, &PurchaseUpload{ExternalID: "P", Items: []PurchaseUploadItem{{SKUID: "S", Price: amt("1")}}})
			return err
		}, "items[0].qty", duijie.RuleRange},
		{"purchase freight scale", func(c *Client) error {
			_, err := c.UploadPurchase(ctx, &PurchaseUpload{ExternalID: "P", Freight: amt("1.001"), Items: line})
			return err
		}, "freight", duijie.RuleFormat},
		{"purchases without a filter", func(c *Client) error { _, err := c.QueryPurchases(ctx, nil); return err },
			"modified_begin", duijie.RuleRequired},
		{"after-sale without a shop", func(c *Client) error {
			_, err := c.UploadAfterSales(ctx, &UploadAfterSalesRequest{AfterSales: []AfterSaleUpload{{OuterAsID: "R", SoID: "S"}}})
			return err
		}, "after_sales[0].shop_id", duijie.RuleRequired},
		{"after-sale twice a refund number", func(c *Client) error {
			a := AfterSaleUpload{ShopID: 1, OuterAsID: "R", SoID: "S"}
			_, err := c.UploadAfterSales(ctx, &UploadAfterSalesRequest{AfterSales: []AfterSaleUpload{a, a}})
			return err
		}, "after_sales[1].outer_as_id", duijie.RuleConflict},
		{"after-sale line without a product", func(c *Client) error {
			_, err := c.UploadAfterSales(ctx, &UploadAfterSalesRequest{AfterSales: []AfterSaleUpload{{ShopID: 1, OuterAsID: "R", SoID: "S",
				Items: []AfterSaleUploadItem{{Qty: 1}}}}})
			return err
		}, "after_sales[0].items[0].sku_id", duijie.RuleRequired},
		{"after-sale good status", func(c *Client) error {
			_, err := c.UploadAfterSales(ctx, &UploadAfterSalesRequest{AfterSales: []AfterSaleUpload{{ShopID: 1, OuterAsID: "R", SoID: "S", GoodStatus: "LOST"}}})
			return err
		}, "after_sales[0].good_status", duijie.RuleRange},
		{"allocates date type", func(c *Client) error {
			_, err := c.QueryAllocates(ctx, &AllocateQuery{SoIDs: []string{"A"}, DateType: DateCreated})
			return err
		}, "date_type", duijie.RuleRange},
		{"received as_ids", func(c *Client) error { _, err := c.QueryReceived(ctx, &ReceivedQuery{AsIDs: ids(51)}); return err },
			"as_ids", duijie.RuleTooMany},
		{"received date type", func(c *Client) error { _, err := c.QueryReceived(ctx, &ReceivedQuery{DateType: 3}); return err },
			"date_type", duijie.RuleRange},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t, vectorCfg)
			err := tc.call(c)
			var ve *duijie.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
			assert.Equal(t, tc.field, ve.Field)
			assert.Equal(t, tc.rule, ve.Rule)
			assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent")
		})
	}
}

// A list that travels as a JSON array carries an entry with a comma as it
// is; one that travels comma-joined refuses it.
func TestBreadthArraysTakeCommas(t *testing.T) {
	c, mt := newTestClient(t, vectorCfg)
	got := respond(mt, "POST", testBase+"/open/orders/out/simple/query", `{"code":0,"data":{"datas":[]}}`)
	_, err := c.QuerySaleOuts(context.Background(), &SaleOutQuery{SoIDs: []string{"A,B"}, LIDs: []string{"L,1"}})
	require.NoError(t, err)
	assert.Equal(t, `{"so_ids":["A,B"],"l_ids":["L,1"]}`, got.form(0).Get("biz"))
}
