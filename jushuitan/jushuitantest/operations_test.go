package jushuitantest_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// generationOf is the generation a row of jushuitan.Operations belongs to:
// openapi v2 paths start with /, legacy methods do not.
func generationOf(row duijie.Operation) jushuitan.Generation {
	if strings.HasPrefix(row.Wire, "/") {
		return jushuitan.OpenAPI
	}
	return jushuitan.Legacy
}

// wireCalls counts the journal's requests for a row's wire.
func wireCalls(srv *jushuitantest.Server, row duijie.Operation) int {
	if generationOf(row) == jushuitan.OpenAPI {
		return srv.Calls(row.Wire)
	}
	return calls(srv, jushuitan.Legacy, "", row.Wire)
}

// The fake, routed from the vendor notes, serves every row of the client's
// table: it says so, and a signed call to the row's address is answered by
// a handler, not with the fake's 190 for an address it does not know.
func TestFakeServesEveryOperation(t *testing.T) {
	rows := jushuitan.Operations()
	require.NotEmpty(t, rows)
	for _, row := range rows {
		t.Run(row.Wire, func(t *testing.T) {
			g := generationOf(row)
			srv, c, _ := pair(t, g)
			assert.True(t, srv.Serves(row.Wire), "the fake does not serve %s", row.Wire)
			assert.Contains(t, srv.Routes(), row.Wire)

			req := &jushuitan.CallRequest{Path: row.Wire, Params: json.RawMessage(`{}`)}
			if g == jushuitan.Legacy {
				req = &jushuitan.CallRequest{Method: row.Wire, Params: json.RawMessage(`{}`)}
			}
			err := c.Call(context.Background(), req, nil)
			var ae *duijie.APIError
			if errors.As(err, &ae) {
				assert.NotEqual(t, "190", ae.Code, "%s answered as unknown: %v", row.Wire, err)
			}
			// A token path may be called twice: its refusal (code 100) makes
			// the client renew the token, through refreshToken.
			assert.GreaterOrEqual(t, wireCalls(srv, row), 1, "the call reached the fake")
		})
	}
	// And an address the fake does not route is neither served nor answered.
	srv, c, _ := pair(t, jushuitan.OpenAPI)
	assert.False(t, srv.Serves("/open/jushuitan/purchase/change/status"))
	err := c.Call(context.Background(), &jushuitan.CallRequest{Path: "/open/jushuitan/purchase/change/status", SafeToReplay: true}, nil)
	var ae *duijie.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "190", ae.Code)
}

// requests are a valid request of each typed operation against the fake;
// nil for the methods that take none. A new row needs its entry here.
func requests() map[string]any {
	return map[string]any{
		"QueryInventory":     &jushuitan.InventoryQuery{SKUIDs: []string{"SKU1"}},
		"QueryOrders":        &jushuitan.OrderQuery{SoIDs: []string{"SO1"}},
		"QueryShipments":     &jushuitan.LogisticsQuery{SoIDs: []string{"SO1"}},
		"QueryShops":         &jushuitan.ShopQuery{},
		"QueryWarehouses":    &jushuitan.WarehouseQuery{},
		"UploadOrders":       upload(order("SO1")),
		"GetInitToken":       &jushuitan.InitTokenRequest{},
		"GetAccessToken":     &jushuitan.AccessTokenRequest{Code: jushuitantest.AuthCode},
		"RefreshAccessToken": nil,
		"RefreshLegacyToken": nil,
		"QuerySaleOuts":      &jushuitan.SaleOutQuery{SoIDs: []string{"SO1"}},
		"QueryRefunds":       &jushuitan.RefundQuery{SoIDs: []string{"SO1"}},
		"QueryPurchaseIns":   &jushuitan.PurchaseInQuery{PoIDs: []int64{1}},
		"QueryPurchaseOuts":  &jushuitan.PurchaseOutQuery{SoIDs: []string{"SO1"}},
		"QueryOtherInOuts":   &jushuitan.OtherInOutQuery{SoIDs: []string{"EXT1"}},
		"UploadOtherInOut":   breadthOther("EXT1"),
		"QuerySKUs":          &jushuitan.SKUQuery{SKUIDs: []string{"SKU1"}},
		"UploadSKUs":         &jushuitan.UploadSKUsRequest{SKUs: []jushuitan.SKUUpload{{SKUID: "SKU1", Name: "手机壳"}}},
		"QuerySuppliers":     &jushuitan.SupplierQuery{SupplierCodes: []string{"GYS1"}},
		"UploadSuppliers":    &jushuitan.UploadSuppliersRequest{Suppliers: []jushuitan.SupplierUpload{{SupplierCode: "GYS1", Name: "供应商一"}}},
		"QueryStockCounts":   &jushuitan.StockCountQuery{IoIDs: []int64{1}},
		"UploadStockCount":   breadthCount("PD1"),
		"UploadPurchase":     breadthPurchase("PO1"),
		"UploadAfterSales":   &jushuitan.UploadAfterSalesRequest{AfterSales: []jushuitan.AfterSaleUpload{breadthAfterSale("AS1")}},
		"QueryPurchases":     &jushuitan.PurchaseQuery{SoIDs: []string{"PO1"}},
		"QueryAllocates":     &jushuitan.AllocateQuery{SoIDs: []string{"A1"}},
		"QueryReceived":      &jushuitan.ReceivedQuery{AsIDs: []int64{1}},
	}
}

// The retry decision follows the table. Every row is called once through
// its typed method while the fake applies the request and then resets the
// connection (duijietest.FaultResetAfter): a row safe to replay (the reads)
// is sent again and succeeds, two calls in the journal; any other row (the
// upload and every token call) is sent once and reported as may have
// arrived.
func TestRetryDecisionFollowsTheTable(t *testing.T) {
	reqs := requests()
	var reads, writes int
	for _, row := range jushuitan.Operations() {
		t.Run(row.Wire, func(t *testing.T) {
			req, ok := reqs[row.Name]
			require.True(t, ok, "no test request for %s", row.Name)
			g := generationOf(row)
			srv, c, _ := pair(t, g)
			srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})

			args := []reflect.Value{reflect.ValueOf(context.Background())}
			if row.Request != nil {
				require.NotNil(t, req)
				args = append(args, reflect.ValueOf(req))
			}
			out := reflect.ValueOf(c).MethodByName(row.Name).Call(args)
			err, _ := out[len(out)-1].Interface().(error)

			require.Equal(t, 1, srv.FaultsInjected(duijietest.FaultResetAfter), "the reset was served")
			if row.SafeToReplay {
				reads++
				require.NoError(t, err)
				assert.Equal(t, 2, wireCalls(srv, row), "a read is replayed after a reset")
				return
			}
			writes++
			require.Error(t, err)
			assert.True(t, duijie.MayHaveArrived(err), "the outcome is reported as unknown: %v", err)
			assert.Equal(t, 1, wireCalls(srv, row), "a write is sent once")
		})
	}
	assert.Positive(t, reads, "the table has reads")
	assert.Positive(t, writes, "the table has writes")
}

// breadthOther is a valid other in/out upload with external id ext.
func breadthOther(ext string) *jushuitan.OtherInOutUpload {
	return &jushuitan.OtherInOutUpload{ExternalID: ext, Type: jushuitan.OtherOut, IsConfirm: true,
		Items: []jushuitan.OtherInOutUploadItem{{SKUID: "SKU1", Qty: 2, SalePrice: money("9.9")}}}
}

// breadthCount is a valid stocktaking upload with unique number so.
func breadthCount(so string) *jushuitan.StockCountUpload {
	return &jushuitan.StockCountUpload{SoID: so, Type: jushuitan.StockCheck, IsConfirm: true,
		Items: []jushuitan.StockCountUploadItem{{SKUID: "SKU1", Qty: 7}}}
}

// breadthPurchase is a valid purchase order upload with external number ext.
func breadthPurchase(ext string) *jushuitan.PurchaseUpload {
	return &jushuitan.PurchaseUpload{ExternalID: ext, SupplierID: 1, Items: []jushuitan.PurchaseUploadItem{{SKUID: "SKU1", Qty: 10, Price: money("3.5")}}}
}

// breadthAfterSale is a valid after-sale upload for the fake's shop.
func breadthAfterSale(outer string) jushuitan.AfterSaleUpload {
	return jushuitan.AfterSaleUpload{ShopID: jushuitantest.ShopID, OuterAsID: outer, SoID: "SO-" + outer, Type: "普通退货",
		ShopStatus: "WAIT_SELLER_CONFIRM_GOODS", GoodStatus: "BUYER_RETURNED_GOODS", Refund: money("9.9"),
		Items: []jushuitan.AfterSaleUploadItem{{SKUID: "SKU1", Qty: 1, Amount: money("9.9"), Type: "退货"}}}
}
