package chaos_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

func TestJushuitanBadInputIsRefusedBeforeSending(t *testing.T) {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	c, err := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
	require.NoError(t, err)
	price, _ := duijie.ParseAmount("99.50")
	at := duijie.NewTime(time.Date(2026, 11, 21, 10, 0, 0, 0, duijie.CST()))
	upload := func(mutate func(*jushuitan.UploadOrder)) func(context.Context) error {
		o := jushuitan.UploadOrder{ShopID: jushuitantest.ShopID, SoID: "SO1", OrderDate: at, ShopStatus: jushuitan.StatusWaitSellerSendGoods,
			ShopBuyerID: "buyer", ReceiverAddress: "科技园1号", PayAmount: price,
			Items: []jushuitan.UploadOrderItem{{SKUID: "SKU1", Name: "手机", Qty: 1, Price: price, Amount: price}}}
		mutate(&o)
		return func(ctx context.Context) error {
			_, err := c.UploadOrders(ctx, &jushuitan.UploadOrdersRequest{Orders: []jushuitan.UploadOrder{o}})
			return err
		}
	}
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, duijie.CST())
	negative, _ := duijie.ParseAmount("-1")
	checkRefused(t, func() int { return len(srv.Journal()) }, []badInput{
		{"no shop order number", "orders[0].so_id", upload(func(o *jushuitan.UploadOrder) { o.SoID = "" })},
		{"no buyer", "orders[0].shop_buyer_id", upload(func(o *jushuitan.UploadOrder) { o.ShopBuyerID = "" })},
		{"over-long address", "orders[0].receiver_address", upload(func(o *jushuitan.UploadOrder) { o.ReceiverAddress = strings.Repeat("长", 201) })},
		{"negative money", "orders[0].pay_amount", upload(func(o *jushuitan.UploadOrder) { o.PayAmount = negative })},
		{"negative line amount", "orders[0].items[0].amount", upload(func(o *jushuitan.UploadOrder) { o.Items[0].Amount = negative })},
		{"no lines", "orders[0].items", upload(func(o *jushuitan.UploadOrder) { o.Items = nil })},
		{"invalid UTF-8", "orders[0].receiver_name", upload(func(o *jushuitan.UploadOrder) { o.ReceiverName = "张\xff" })},
		{"too many orders", "orders", func(ctx context.Context) error {
			_, err := c.UploadOrders(ctx, &jushuitan.UploadOrdersRequest{Orders: make([]jushuitan.UploadOrder, jushuitan.MaxUploadOrders+1)})
			return err
		}},
		{"order window over the maximum", "modified_end", func(ctx context.Context) error {
			_, err := c.QueryOrders(ctx, &jushuitan.OrderQuery{ModifiedBegin: from, ModifiedEnd: from.Add(jushuitan.MaxWindow + time.Second)})
			return err
		}},
		{"order page size over the maximum", "page_size", func(ctx context.Context) error {
			_, err := c.QueryOrders(ctx, &jushuitan.OrderQuery{SoIDs: []string{"SO1"}, PageSize: jushuitan.MaxOrderPageSize + 1})
			return err
		}},
		{"inventory window over the maximum", "modified_end", func(ctx context.Context) error {
			_, err := c.QueryInventory(ctx, &jushuitan.InventoryQuery{ModifiedBegin: from, ModifiedEnd: from.Add(8 * 24 * time.Hour)})
			return err
		}},
		{"inventory SKU with a comma", "sku_ids[0]", func(ctx context.Context) error {
			_, err := c.QueryInventory(ctx, &jushuitan.InventoryQuery{SKUIDs: []string{"A,B"}})
			return err
		}},
		{"shipments page size over the maximum", "page_size", func(ctx context.Context) error {
			_, err := c.QueryShipments(ctx, &jushuitan.LogisticsQuery{SoIDs: []string{"SO1"}, PageSize: jushuitan.MaxLogisticsPageSize + 1})
			return err
		}},
		{"sales-out window over the maximum", "modified_end", func(ctx context.Context) error {
			_, err := c.QuerySaleOuts(ctx, &jushuitan.SaleOutQuery{ModifiedBegin: from, ModifiedEnd: from.Add(jushuitan.MaxWindow + time.Second)})
			return err
		}},
		{"sales-out distributor window over one day", "modified_end", func(ctx context.Context) error {
			_, err := c.QuerySaleOuts(ctx, &jushuitan.SaleOutQuery{DrpCoID: 7, ModifiedBegin: from, ModifiedEnd: from.Add(jushuitan.MaxDistributorWindow + time.Second)})
			return err
		}},
		{"sales-out page size over the maximum", "page_size", func(ctx context.Context) error {
			_, err := c.QuerySaleOuts(ctx, &jushuitan.SaleOutQuery{SoIDs: []string{"SO1"}, PageSize: jushuitan.MaxSaleOutPageSize + 1})
			return err
		}},
		{"sales-out waybills over the maximum", "l_ids", func(ctx context.Context) error {
			_, err := c.QuerySaleOuts(ctx, &jushuitan.SaleOutQuery{SoIDs: []string{"SO1"}, LIDs: make([]string, jushuitan.MaxSaleOutLIDs+1)})
			return err
		}},
		{"refund window over the maximum", "modified_end", func(ctx context.Context) error {
			_, err := c.QueryRefunds(ctx, &jushuitan.RefundQuery{ModifiedBegin: from, ModifiedEnd: from.Add(jushuitan.MaxWindow + time.Second)})
			return err
		}},
		{"refund page size over the maximum", "page_size", func(ctx context.Context) error {
			_, err := c.QueryRefunds(ctx, &jushuitan.RefundQuery{SoIDs: []string{"SO1"}, PageSize: jushuitan.MaxRefundPageSize + 1})
			return err
		}},
		{"purchase-in window over the maximum", "modified_end", func(ctx context.Context) error {
			_, err := c.QueryPurchaseIns(ctx, &jushuitan.PurchaseInQuery{ModifiedBegin: from, ModifiedEnd: from.Add(jushuitan.MaxWindow + time.Second)})
			return err
		}},
		{"purchase-in orders over the maximum", "po_ids", func(ctx context.Context) error {
			ids := make([]int64, jushuitan.MaxPurchaseKeys+1)
			for i := range ids {
				ids[i] = int64(i + 1)
			}
			_, err := c.QueryPurchaseIns(ctx, &jushuitan.PurchaseInQuery{PoIDs: ids})
			return err
		}},
		{"purchase-in cursor with a filter", "start_ts", func(ctx context.Context) error {
			_, err := c.QueryPurchaseIns(ctx, &jushuitan.PurchaseInQuery{StartTS: 5, SoIDs: []string{"E1"}})
			return err
		}},
		{"purchase-return window over the maximum", "modified_end", func(ctx context.Context) error {
			_, err := c.QueryPurchaseOuts(ctx, &jushuitan.PurchaseOutQuery{ModifiedBegin: from, ModifiedEnd: from.Add(jushuitan.MaxWindow + time.Second)})
			return err
		}},
		{"purchase-return page size over the maximum", "page_size", func(ctx context.Context) error {
			_, err := c.QueryPurchaseOuts(ctx, &jushuitan.PurchaseOutQuery{SoIDs: []string{"S1"}, PageSize: jushuitan.MaxPurchaseOutPageSize + 1})
			return err
		}},
		{"other in/out window over the maximum", "modified_end", func(ctx context.Context) error {
			_, err := c.QueryOtherInOuts(ctx, &jushuitan.OtherInOutQuery{ModifiedBegin: from, ModifiedEnd: from.Add(jushuitan.MaxWindow + time.Second)})
			return err
		}},
		{"other in/out page size over the maximum", "page_size", func(ctx context.Context) error {
			_, err := c.QueryOtherInOuts(ctx, &jushuitan.OtherInOutQuery{SoIDs: []string{"E1"}, PageSize: jushuitan.MaxOtherInOutPageSize + 1})
			return err
		}},
		{"other in/out upload without its external number", "external_id", func(ctx context.Context) error {
			_, err := c.UploadOtherInOut(ctx, &jushuitan.OtherInOutUpload{Type: jushuitan.OtherOut, Items: []jushuitan.OtherInOutUploadItem{{SKUID: "SKU1", Qty: 1}}})
			return err
		}},
		{"other in/out upload of nothing", "items[0].qty", func(ctx context.Context) error {
			_, err := c.UploadOtherInOut(ctx, &jushuitan.OtherInOutUpload{ExternalID: "E1", Type: jushuitan.OtherIn, Items: []jushuitan.OtherInOutUploadItem{{SKUID: "SKU1"}}})
			return err
		}},
		{"other in/out upload with an unknown direction", "type", func(ctx context.Context) error {
			_, err := c.UploadOtherInOut(ctx, &jushuitan.OtherInOutUpload{ExternalID: "E1", Type: "sideways", Items: []jushuitan.OtherInOutUploadItem{{SKUID: "SKU1", Qty: 1}}})
			return err
		}},
		{"SKU window over the maximum", "modified_end", func(ctx context.Context) error {
			_, err := c.QuerySKUs(ctx, &jushuitan.SKUQuery{ModifiedBegin: from, ModifiedEnd: from.Add(jushuitan.MaxWindow + time.Second)})
			return err
		}},
		{"SKU ids over the maximum", "sku_ids", func(ctx context.Context) error {
			ids := make([]string, jushuitan.MaxSKUIDs+1)
			for i := range ids {
				ids[i] = "S" + strings.Repeat("1", i+1)
			}
			_, err := c.QuerySKUs(ctx, &jushuitan.SKUQuery{SKUIDs: ids})
			return err
		}},
		{"SKU upload twice the same SKU", "items[1].sku_id", func(ctx context.Context) error {
			_, err := c.UploadSKUs(ctx, &jushuitan.UploadSKUsRequest{SKUs: []jushuitan.SKUUpload{{SKUID: "A"}, {SKUID: "A"}}})
			return err
		}},
		{"SKU upload with an over-long spec", "items[0].properties_value", func(ctx context.Context) error {
			_, err := c.UploadSKUs(ctx, &jushuitan.UploadSKUsRequest{SKUs: []jushuitan.SKUUpload{{SKUID: "A", PropertiesValue: strings.Repeat("红", 101)}}})
			return err
		}},
		{"supplier window over one day", "modified_end", func(ctx context.Context) error {
			_, err := c.QuerySuppliers(ctx, &jushuitan.SupplierQuery{ModifiedBegin: from, ModifiedEnd: from.Add(jushuitan.MaxSupplierWindow + time.Second)})
			return err
		}},
		{"supplier page size over the maximum", "page_size", func(ctx context.Context) error {
			_, err := c.QuerySuppliers(ctx, &jushuitan.SupplierQuery{Names: []string{"A"}, PageSize: jushuitan.MaxSupplierPageSize + 1})
			return err
		}},
		{"supplier upload without its code", "suppliers[0].supplier_code", func(ctx context.Context) error {
			_, err := c.UploadSuppliers(ctx, &jushuitan.UploadSuppliersRequest{Suppliers: []jushuitan.SupplierUpload{{Name: "A"}}})
			return err
		}},
		{"stocktaking window over the maximum", "modified_end", func(ctx context.Context) error {
			_, err := c.QueryStockCounts(ctx, &jushuitan.StockCountQuery{ModifiedBegin: from, ModifiedEnd: from.Add(jushuitan.MaxWindow + time.Second)})
			return err
		}},
		{"stocktaking page size over the maximum", "page_size", func(ctx context.Context) error {
			_, err := c.QueryStockCounts(ctx, &jushuitan.StockCountQuery{IoIDs: []int64{1}, PageSize: jushuitan.MaxStockCountPageSize + 1})
			return err
		}},
		{"stocktaking upload over 500 lines", "items", func(ctx context.Context) error {
			items := make([]jushuitan.StockCountUploadItem, jushuitan.MaxStockCountItems+1)
			for i := range items {
				items[i] = jushuitan.StockCountUploadItem{SKUID: "SKU", Qty: 1}
			}
			_, err := c.UploadStockCount(ctx, &jushuitan.StockCountUpload{SoID: "PD1", Type: jushuitan.StockCheck, Items: items})
			return err
		}},
		{"stocktaking upload without its type", "type", func(ctx context.Context) error {
			_, err := c.UploadStockCount(ctx, &jushuitan.StockCountUpload{SoID: "PD1", Items: []jushuitan.StockCountUploadItem{{SKUID: "SKU", Qty: 1}}})
			return err
		}},
		{"stocktaking check to a negative count", "items[0].qty", func(ctx context.Context) error {
			_, err := c.UploadStockCount(ctx, &jushuitan.StockCountUpload{SoID: "PD1", Type: jushuitan.StockCheck, Items: []jushuitan.StockCountUploadItem{{SKUID: "SKU", Qty: -1}}})
			return err
		}},
		{"purchase upload with a price of 5 places", "items[0].price", func(ctx context.Context) error {
			p, _ := duijie.ParseAmount("1.23456")
			_, err := c.UploadPurchase(ctx, &jushuitan.PurchaseUpload{ExternalID: "PO1", Items: []jushuitan.PurchaseUploadItem{{SKUID: "SKU", Qty: 1, Price: p}}})
			return err
		}},
		{"purchase upload without lines", "items", func(ctx context.Context) error {
			_, err := c.UploadPurchase(ctx, &jushuitan.PurchaseUpload{ExternalID: "PO1"})
			return err
		}},
		{"purchase order window over the maximum", "modified_end", func(ctx context.Context) error {
			_, err := c.QueryPurchases(ctx, &jushuitan.PurchaseQuery{ModifiedBegin: from, ModifiedEnd: from.Add(jushuitan.MaxWindow + time.Second)})
			return err
		}},
		{"purchase order page size over the maximum", "page_size", func(ctx context.Context) error {
			_, err := c.QueryPurchases(ctx, &jushuitan.PurchaseQuery{SoIDs: []string{"PO1"}, PageSize: jushuitan.MaxPurchasePageSize + 1})
			return err
		}},
		{"transfer window over the maximum", "modified_end", func(ctx context.Context) error {
			_, err := c.QueryAllocates(ctx, &jushuitan.AllocateQuery{ModifiedBegin: from, ModifiedEnd: from.Add(jushuitan.MaxWindow + time.Second)})
			return err
		}},
		{"transfer page size over the maximum", "page_size", func(ctx context.Context) error {
			_, err := c.QueryAllocates(ctx, &jushuitan.AllocateQuery{SoIDs: []string{"D1"}, PageSize: jushuitan.MaxAllocatePageSize + 1})
			return err
		}},
		{"return receipt window over the maximum", "modified_end", func(ctx context.Context) error {
			_, err := c.QueryReceived(ctx, &jushuitan.ReceivedQuery{ModifiedBegin: from, ModifiedEnd: from.Add(jushuitan.MaxWindow + time.Second)})
			return err
		}},
		{"return receipt page size over the maximum", "page_size", func(ctx context.Context) error {
			_, err := c.QueryReceived(ctx, &jushuitan.ReceivedQuery{PageSize: jushuitan.MaxReceivedPageSize + 1})
			return err
		}},
		{"after-sale upload without its refund number", "after_sales[0].outer_as_id", func(ctx context.Context) error {
			_, err := c.UploadAfterSales(ctx, &jushuitan.UploadAfterSalesRequest{AfterSales: []jushuitan.AfterSaleUpload{{ShopID: jushuitantest.ShopID, SoID: "SO1"}}})
			return err
		}},
		{"after-sale upload with a negative refund", "after_sales[0].refund", func(ctx context.Context) error {
			_, err := c.UploadAfterSales(ctx, &jushuitan.UploadAfterSalesRequest{AfterSales: []jushuitan.AfterSaleUpload{{ShopID: jushuitantest.ShopID, OuterAsID: "R1", SoID: "SO1", Refund: negative}}})
			return err
		}},
	})
}
