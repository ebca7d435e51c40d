package jushuitan

import (
	"reflect"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/transport"
)

// operation is one row of the operation table: one vendor operation in
// both generations. The typed methods, the iterators (window and page-size
// caps), the batch cap and the retry decision all read their row; Call
// makes an unlisted row from a CallRequest.
type operation struct {
	// name is the Client method that calls the operation.
	name string
	// title is the vendor's Chinese name.
	title string
	// path is the openapi v2 path, "" when the operation is legacy only.
	path string
	// method is the legacy query.aspx method, "" when the operation exists
	// on openapi v2 only.
	method string
	// request and response are the typed method's request and response
	// types (the row type of a paged read); nil when the method takes or
	// returns none.
	request, response reflect.Type
	// safeToReplay is true for reads and for writes the vendor
	// de-duplicates by a key the request carries: it is what the transport
	// is told, and whether a call refused for its token is replayed after
	// the token is renewed.
	safeToReplay bool
	// paging is how a listing pages; duijie.NotPaged for the rest.
	paging duijie.Paging
	// maxPageSize is the most rows per page on openapi v2, 0 if none.
	maxPageSize int
	// legacyMaxPageSize is the most rows per page on the legacy API when
	// it differs from maxPageSize, else 0.
	legacyMaxPageSize int
	// maxWindow is the longest modified_begin..modified_end span, 0 if the
	// operation takes no time range.
	maxWindow time.Duration
	// maxBatch is the most records one write carries, 0 if none.
	maxBatch int
	// listKeys are the answer's keys the rows travel under (the first is
	// the documented one); an answer without any of them is an error.
	listKeys []string
}

// opID indexes the operation table.
type opID int

// The operations, in table order.
const (
	opQueryInventory opID = iota
	opQueryOrders
	opQueryShipments
	opQueryShops
	opQueryWarehouses
	opUploadOrders
	opQuerySaleOuts
	opQueryRefunds
	opQueryPurchaseIns
	opQueryPurchaseOuts
	opQueryOtherInOuts
	opUploadOtherInOut
	opQuerySKUs
	opUploadSKUs
	opQuerySuppliers
	opUploadSuppliers
	opQueryStockCounts
	opUploadStockCount
	opUploadPurchase
	opUploadAfterSales
	opQueryPurchases
	opQueryAllocates
	opQueryReceived
	opGetInitToken
	opGetAccessToken
	opRefreshAccessToken
	opRefreshLegacyToken
	opCount
)

// table is the operation table, the one place the package's operations are
// declared. Sources are in the vendor notes (jushuitan.md): paths §2.5 and
// §2.4, legacy methods §3.4 and §3.5, page-size maxima §2.5.1–§2.5.5 and §3.4
// (legacy orders.single.query: 50), the 7-day window §2.6, the 50-order
// upload batch §2.5.2. List keys: §2.5, §2.6 and §3.3 (the legacy shop list
// is shops, tusimo; the notes infer the other legacy keys equal the new
// ones, so both shop keys are accepted in either generation).
//
// An upload is not replayed on its own although the vendor keys orders by
// (shop_id, so_id): a re-upload of a known key updates the order, so the
// resend is left to the caller (see UploadOrders). Token calls spend a
// single-use code or refresh token, and the legacy refresh.token is a token
// refresh too: none is replayed blindly.
var table = [opCount]operation{
	opQueryInventory: {
		name: "QueryInventory", title: "商品库存查询",
		path: "/open/inventory/query", method: "inventory.query",
		request: reflect.TypeFor[InventoryQuery](), response: reflect.TypeFor[InventoryItem](),
		safeToReplay: true, paging: duijie.PagedByNumber, maxPageSize: MaxInventoryPageSize, maxWindow: MaxWindow,
		listKeys: []string{"inventorys"},
	},
	opQueryOrders: {
		name: "QueryOrders", title: "订单查询",
		path: "/open/orders/single/query", method: "orders.single.query",
		request: reflect.TypeFor[OrderQuery](), response: reflect.TypeFor[Order](),
		safeToReplay: true, paging: duijie.PagedByNumber, maxPageSize: MaxOrderPageSize, legacyMaxPageSize: MaxLegacyOrderPageSize,
		maxWindow: MaxWindow, listKeys: []string{"orders"},
	},
	opQueryShipments: {
		name: "QueryShipments", title: "发货信息查询",
		path: "/open/logistic/query", method: "logistic.query",
		request: reflect.TypeFor[LogisticsQuery](), response: reflect.TypeFor[Shipment](),
		safeToReplay: true, paging: duijie.PagedByNumber, maxPageSize: MaxLogisticsPageSize, maxWindow: MaxWindow,
		listKeys: []string{"orders"},
	},
	opQueryShops: {
		name: "QueryShops", title: "店铺查询",
		path: "/open/shops/query", method: "shops.query",
		request: reflect.TypeFor[ShopQuery](), response: reflect.TypeFor[Shop](),
		safeToReplay: true, paging: duijie.PagedByNumber, maxPageSize: MaxShopPageSize,
		listKeys: []string{"datas", "shops"},
	},
	opQueryWarehouses: {
		name: "QueryWarehouses", title: "仓库查询",
		path: "/open/wms/partner/query", method: "wms.partner.query",
		request: reflect.TypeFor[WarehouseQuery](), response: reflect.TypeFor[Warehouse](),
		safeToReplay: true, paging: duijie.PagedByNumber,
		listKeys: []string{"datas"},
	},
	opUploadOrders: {
		name: "UploadOrders", title: "订单上传",
		path: "/open/jushuitan/orders/upload", method: "jushuitan.orders.upload",
		request: reflect.TypeFor[UploadOrdersRequest](), response: reflect.TypeFor[UploadOrdersResponse](),
		maxBatch: MaxUploadOrders,
		// An upload answer without datas accounts for no order: every
		// order is then of unknown outcome.
		listKeys: []string{"datas"},
	},
	opQuerySaleOuts: {
		// jst-java JstQueryOrderOutSimpleRequest (breadth.md §2 row 101);
		// the legacy method is named in jushuitan.md §3.4 (jst_data), whose
		// flat answer carries datas.
		name: "QuerySaleOuts", title: "销售出库查询",
		path: "/open/orders/out/simple/query", method: "orders.out.simple.query",
		request: reflect.TypeFor[SaleOutQuery](), response: reflect.TypeFor[SaleOut](),
		safeToReplay: true, paging: duijie.PagedByNumber, maxPageSize: MaxSaleOutPageSize, maxWindow: MaxWindow,
		listKeys: []string{"datas"},
	},
	opQueryRefunds: {
		// jst-java JstQuerySingleRefundRequest (breadth.md §2 row 4); the
		// legacy name is breadth.md §4.2's.
		name: "QueryRefunds", title: "退货退款查询",
		path: "/open/refund/single/query", method: "refund.single.query",
		request: reflect.TypeFor[RefundQuery](), response: reflect.TypeFor[Refund](),
		safeToReplay: true, paging: duijie.PagedByNumber, maxPageSize: MaxRefundPageSize, maxWindow: MaxWindow,
		listKeys: []string{"datas"},
	},
	opQueryPurchaseIns: {
		// jst-java JstQueryPurchaseInRequest (breadth.md §2 row 94); the
		// legacy name is breadth.md §4.2's.
		name: "QueryPurchaseIns", title: "采购入库查询",
		path: "/open/purchasein/query", method: "purchasein.query",
		request: reflect.TypeFor[PurchaseInQuery](), response: reflect.TypeFor[PurchaseIn](),
		safeToReplay: true, paging: duijie.PagedByNumber, maxPageSize: MaxPurchaseInPageSize, maxWindow: MaxWindow,
		listKeys: []string{"datas"},
	},
	opQueryPurchaseOuts: {
		// jst-java JstQueryPurchaseOutRequest (breadth.md §2 row 103); the
		// legacy name is breadth.md §4.2's.
		name: "QueryPurchaseOuts", title: "采购退货查询",
		path: "/open/purchaseout/query", method: "purchaseout.query",
		request: reflect.TypeFor[PurchaseOutQuery](), response: reflect.TypeFor[PurchaseOut](),
		safeToReplay: true, paging: duijie.PagedByNumber, maxPageSize: MaxPurchaseOutPageSize, maxWindow: MaxWindow,
		listKeys: []string{"datas"},
	},
	opQueryOtherInOuts: {
		// jst-java JstQueryOtherInOutRequest (breadth.md §2 row 69); no
		// legacy method is known (breadth.md §4.2 names none).
		name: "QueryOtherInOuts", title: "其它出入库查询",
		path:    "/open/other/inout/query",
		request: reflect.TypeFor[OtherInOutQuery](), response: reflect.TypeFor[OtherInOut](),
		safeToReplay: true, paging: duijie.PagedByNumber, maxPageSize: MaxOtherInOutPageSize, maxWindow: MaxWindow,
		listKeys: []string{"datas"},
	},
	opUploadOtherInOut: {
		// jst-java JstUploadOtherInOutRequest (breadth.md §2 row 68): one
		// bill per call. Its external_id is only inferred to be a key, so
		// it is not replayed.
		name: "UploadOtherInOut", title: "新建其它出入库",
		path: "/open/jushuitan/otherinout/upload", method: "jushuitan.otherinout.upload",
		request: reflect.TypeFor[OtherInOutUpload](), response: reflect.TypeFor[OtherInOutResult](),
	},
	opQuerySKUs: {
		// jst-java JstQuerySkuRequest (breadth.md §2 row 43); the legacy
		// name is jushuitan.md §3.4's.
		name: "QuerySKUs", title: "普通商品资料查询",
		path: "/open/sku/query", method: "sku.query",
		request: reflect.TypeFor[SKUQuery](), response: reflect.TypeFor[SKU](),
		safeToReplay: true, paging: duijie.PagedByNumber, maxPageSize: MaxSKUPageSize, maxWindow: MaxWindow,
		listKeys: []string{"datas"},
	},
	opUploadSKUs: {
		// jst-java JstUploadItemSkuRequest (breadth.md §2 row 40); upsert
		// by sku_id is inferred, so it is not replayed. The answer lists
		// every SKU under datas.
		name: "UploadSKUs", title: "普通商品资料上传",
		path: "/open/jushuitan/itemsku/upload", method: "jushuitan.itemsku.upload",
		request: reflect.TypeFor[UploadSKUsRequest](), response: reflect.TypeFor[WriteResults](),
		listKeys: []string{"datas"},
	},
	opQuerySuppliers: {
		// jst-java JstQuerySupplierRequest (breadth.md §2 row 78): 500 a
		// page and a one-day range. The legacy name is jushuitan.md §3.4's.
		name: "QuerySuppliers", title: "供应商查询",
		path: "/open/supplier/query", method: "supplier.query",
		request: reflect.TypeFor[SupplierQuery](), response: reflect.TypeFor[Supplier](),
		safeToReplay: true, paging: duijie.PagedByNumber, maxPageSize: MaxSupplierPageSize, maxWindow: MaxSupplierWindow,
		listKeys: []string{"datas"},
	},
	opUploadSuppliers: {
		// jst-java JstUploadSupplierRequest (breadth.md §2 row 79): biz is
		// an array; upsert by supplier_code is inferred, so it is not
		// replayed. The legacy name is breadth.md §4.2's.
		name: "UploadSuppliers", title: "供应商上传",
		path: "/open/supplier/upload", method: "supplier.upload",
		request: reflect.TypeFor[UploadSuppliersRequest](), response: reflect.TypeFor[WriteResults](),
		listKeys: []string{"datas"},
	},
	opQueryStockCounts: {
		// jst-java JstQueryInventoryCountRequest (breadth.md §2 row 31);
		// the legacy name is breadth.md §4.2's.
		name: "QueryStockCounts", title: "库存盘点查询",
		path: "/open/inventory/count/query", method: "inventory.count.query",
		request: reflect.TypeFor[StockCountQuery](), response: reflect.TypeFor[StockCount](),
		safeToReplay: true, paging: duijie.PagedByNumber, maxPageSize: MaxStockCountPageSize, maxWindow: MaxWindow,
		listKeys: []string{"datas"},
	},
	opUploadStockCount: {
		// jst-java JstUploadInventoryV2Request (breadth.md §2 row 33): so_id
		// is documented unique, the first success standing, so it is
		// replayed. No legacy method is known. maxBatch is its 500 lines.
		name: "UploadStockCount", title: "新建盘点单-修改库存",
		path:    "/open/jushuitan/inventoryv2/upload",
		request: reflect.TypeFor[StockCountUpload](), response: reflect.TypeFor[StockCountResult](),
		safeToReplay: true, maxBatch: MaxStockCountItems,
	},
	opUploadPurchase: {
		// jst-java JstUploadPurchaseRequest (breadth.md §2 row 74): its
		// external_id is only inferred to be a key, so it is not replayed.
		// No legacy method is tied to this path by a source.
		name: "UploadPurchase", title: "采购单上传",
		path:    "/open/jushuitan/purchase/upload",
		request: reflect.TypeFor[PurchaseUpload](), response: reflect.TypeFor[PurchaseResult](),
	},
	opUploadAfterSales: {
		// jst-java JstUploadAfterSaleRequest (breadth.md §2 row 3): biz is
		// an array; outer_as_id is documented unique and updatable, so it
		// is replayed. No legacy method is known.
		name: "UploadAfterSales", title: "售后上传",
		path:    "/open/aftersale/upload",
		request: reflect.TypeFor[UploadAfterSalesRequest](), response: reflect.TypeFor[WriteResults](),
		safeToReplay: true, listKeys: []string{"datas"},
	},
	opQueryPurchases: {
		// jst-java JstQueryPurchaseRequest (breadth.md §2 row 77); no
		// legacy method is known.
		name: "QueryPurchases", title: "采购单查询",
		path:    "/open/purchase/query",
		request: reflect.TypeFor[PurchaseQuery](), response: reflect.TypeFor[Purchase](),
		safeToReplay: true, paging: duijie.PagedByNumber, maxPageSize: MaxPurchasePageSize, maxWindow: MaxWindow,
		listKeys: []string{"datas"},
	},
	opQueryAllocates: {
		// jst-java JstQueryAllocateRequest (breadth.md §2 row 11); no legacy
		// method is known.
		name: "QueryAllocates", title: "调拨单查询",
		path:    "/open/allocate/query",
		request: reflect.TypeFor[AllocateQuery](), response: reflect.TypeFor[Allocate](),
		safeToReplay: true, paging: duijie.PagedByNumber, maxPageSize: MaxAllocatePageSize, maxWindow: MaxWindow,
		listKeys: []string{"datas"},
	},
	opQueryReceived: {
		// jst-java JstQueryAfterSaleReceivedRequest (breadth.md §2 row 2);
		// no legacy method is known.
		name: "QueryReceived", title: "实际收货查询",
		path:    "/open/aftersale/received/query",
		request: reflect.TypeFor[ReceivedQuery](), response: reflect.TypeFor[Received](),
		safeToReplay: true, paging: duijie.PagedByNumber, maxPageSize: MaxReceivedPageSize, maxWindow: MaxWindow,
		listKeys: []string{"datas"},
	},
	opGetInitToken: {
		name: "GetInitToken", title: "获取access_token（商家自研）",
		path:    PathInitToken,
		request: reflect.TypeFor[InitTokenRequest](), response: reflect.TypeFor[Token](),
	},
	opGetAccessToken: {
		name: "GetAccessToken", title: "获取access_token（第三方授权）",
		path:    PathAccessToken,
		request: reflect.TypeFor[AccessTokenRequest](), response: reflect.TypeFor[Token](),
	},
	opRefreshAccessToken: {
		name: "RefreshAccessToken", title: "刷新access_token",
		path:     PathRefreshToken,
		response: reflect.TypeFor[Token](),
	},
	opRefreshLegacyToken: {
		name: "RefreshLegacyToken", title: "刷新token",
		method: methodLegacyRefresh,
	},
}

// Operations returns the operations this package types, one row per
// operation and generation, in a fixed order: a row whose Wire starts with
// "/" is the openapi v2 path, any other Wire is the legacy query.aspx
// method. An operation both generations have appears twice, with the same
// Name; the legacy row carries the legacy page-size maximum where it
// differs (orders.single.query: 50). Request and Response are the typed
// method's request type and its response type (the row type of a paged
// read, whose method returns a *duijie.Page of it); either is nil when the
// method takes or returns none (RefreshAccessToken takes only a context,
// RefreshLegacyToken returns only an error). Token calls are never
// replayed: their SafeToReplay is false.
//
// The slice is new on every call; changing it changes nothing in the
// package.
func Operations() []duijie.Operation {
	out := make([]duijie.Operation, 0, 2*len(table))
	for _, op := range table {
		for _, g := range []Generation{OpenAPI, Legacy} {
			if row, ok := op.row(g); ok {
				out = append(out, row)
			}
		}
	}
	return out
}

// row is op as a duijie.Operation of generation g; false when op does not
// exist in g.
func (op operation) row(g Generation) (duijie.Operation, bool) {
	wire := op.wire(g == Legacy)
	if wire == "" {
		return duijie.Operation{}, false
	}
	return duijie.Operation{
		Name: op.name, Wire: wire, Title: op.title,
		Request: op.request, Response: op.response,
		SafeToReplay: op.safeToReplay, Paging: op.paging,
		MaxPageSize: op.pageMax(g == Legacy), MaxWindow: op.maxWindow, MaxBatch: op.maxBatch,
	}, true
}

// wire is op's address in a generation: the legacy method or the openapi
// v2 path.
func (op operation) wire(legacy bool) string {
	if legacy {
		return op.method
	}
	return op.path
}

// pageMax is the most rows per page in a generation, 0 if none.
func (op operation) pageMax(legacy bool) int {
	if legacy && op.legacyMaxPageSize > 0 {
		return op.legacyMaxPageSize
	}
	return op.maxPageSize
}

// transport is what the transport is told about op for its retry decision.
func (op operation) transport(legacy bool) transport.Operation {
	return transport.Operation{Name: op.wire(legacy), SafeToReplay: op.safeToReplay}
}

// name returns the operation's name in the client's generation.
func (c *Client) name(op operation) string { return op.wire(c.legacy) }

// pageMax is the most rows per page of op in the client's generation.
func (c *Client) pageMax(op operation) int { return op.pageMax(c.legacy) }
