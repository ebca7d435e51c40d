package kingdee

import (
	"reflect"

	"github.com/duijie/duijie"
)

// opIndex names a row of the operation table.
type opIndex int

// The rows of the operation table, in its order.
const (
	opSave opIndex = iota
	opDraft
	opBatchSave
	opSaveSalReturns
	opSaveSalOutStocks
	opSaveMisDeliveries
	opSaveMiscellaneous
	opSaveTransferDirects
	opSaveInStocks
	opSavePurMRBs
	opSavePurchaseOrders
	opSaveSaleOrders
	opSaveMaterials
	opSaveSuppliers
	opSaveCustomers
	opSaveStockCountGains
	opSaveStockCountLosses
	opSubmit
	opAudit
	opUnAudit
	opDelete
	opPush
	opView
	opExecuteBillQuery
	opQueryInventory
	opLoginBySign
	opLoginByAppSecret
	opValidateUser
	opLogout
	opCount
)

// operationTable is every operation this package types, one row each. The
// typed methods, the query page-size check, the batch caps and the retry
// decision handed to the transport read it; it is never written. Wire is
// the full service name: the URL is {ServerURL}/{Wire}.common.kdsvc.
var operationTable = [opCount]duijie.Operation{
	// Save is never replayed blindly: Kingdee does not de-duplicate saves.
	// After an unclear outcome the bill is looked up by number (after the
	// settle delay when not found) and sent again only when absent; a
	// duplicate-number refusal on a resend is looked up and compared.
	opSave: {Name: "Save", Wire: ServiceSave, Title: "保存",
		Request: reflect.TypeFor[SaveRequest](), Response: reflect.TypeFor[SaveResult]()},
	// Draft: Save's arguments and Save's rule, settled by look-up by number.
	opDraft: {Name: "Draft", Wire: ServiceDraft, Title: "暂存",
		Request: reflect.TypeFor[SaveRequest](), Response: reflect.TypeFor[SaveResult]()},
	// BatchSave: Save's rule per bill, never replayed blindly; only the
	// bills a look-up by number does not find are sent again. MaxBatch is
	// the SDK's cap, MaxBatchSave (Kingdee documents none).
	opBatchSave: {Name: "BatchSave", Wire: ServiceBatchSave, Title: "批量保存",
		Request: reflect.TypeFor[BatchSaveRequest](), Response: reflect.TypeFor[BatchSaveResult](),
		MaxBatch: MaxBatchSave},
	// SaveSalReturns is BatchSave of SAL_RETURNSTOCK bills, with its rule
	// and cap: never replayed blindly, settled by look-up by number.
	opSaveSalReturns: {Name: "SaveSalReturns", Wire: ServiceBatchSave, Title: "批量保存销售退货单",
		Request: reflect.TypeFor[SaveSalReturnsRequest](), Response: reflect.TypeFor[SaveSalReturnsResponse](),
		MaxBatch: MaxBatchSave},
	// The typed forms: BatchSave of one form's bills each, with its rule
	// and cap: never replayed blindly, settled by look-up by number
	// (FBillNo, or FNumber for base data).
	opSaveSalOutStocks:     typedSave("SaveSalOutStocks", "批量保存销售出库单", reflect.TypeFor[SaveSalOutStocksRequest]()),
	opSaveMisDeliveries:    typedSave("SaveMisDeliveries", "批量保存其他出库单", reflect.TypeFor[SaveMisDeliveriesRequest]()),
	opSaveMiscellaneous:    typedSave("SaveMiscellaneous", "批量保存其他入库单", reflect.TypeFor[SaveMiscellaneousRequest]()),
	opSaveTransferDirects:  typedSave("SaveTransferDirects", "批量保存直接调拨单", reflect.TypeFor[SaveTransferDirectsRequest]()),
	opSaveInStocks:         typedSave("SaveInStocks", "批量保存采购入库单", reflect.TypeFor[SaveInStocksRequest]()),
	opSavePurMRBs:          typedSave("SavePurMRBs", "批量保存采购退料单", reflect.TypeFor[SavePurMRBsRequest]()),
	opSavePurchaseOrders:   typedSave("SavePurchaseOrders", "批量保存采购订单", reflect.TypeFor[SavePurchaseOrdersRequest]()),
	opSaveSaleOrders:       typedSave("SaveSaleOrders", "批量保存销售订单", reflect.TypeFor[SaveSaleOrdersRequest]()),
	opSaveMaterials:        typedSave("SaveMaterials", "批量保存物料", reflect.TypeFor[SaveMaterialsRequest]()),
	opSaveSuppliers:        typedSave("SaveSuppliers", "批量保存供应商", reflect.TypeFor[SaveSuppliersRequest]()),
	opSaveCustomers:        typedSave("SaveCustomers", "批量保存客户", reflect.TypeFor[SaveCustomersRequest]()),
	opSaveStockCountGains:  typedSave("SaveStockCountGains", "批量保存盘盈单", reflect.TypeFor[SaveStockCountGainsRequest]()),
	opSaveStockCountLosses: typedSave("SaveStockCountLosses", "批量保存盘亏单", reflect.TypeFor[SaveStockCountLossesRequest]()),
	// Submit, Audit, UnAudit and Delete change bills and are not
	// de-duplicated: never replayed after an unclear outcome.
	opSubmit: {Name: "Submit", Wire: ServiceSubmit, Title: "提交",
		Request: reflect.TypeFor[BillAction](), Response: reflect.TypeFor[ActionResult]()},
	opAudit: {Name: "Audit", Wire: ServiceAudit, Title: "审核",
		Request: reflect.TypeFor[BillAction](), Response: reflect.TypeFor[ActionResult]()},
	opUnAudit: {Name: "UnAudit", Wire: ServiceUnAudit, Title: "反审核",
		Request: reflect.TypeFor[BillAction](), Response: reflect.TypeFor[ActionResult]()},
	opDelete: {Name: "Delete", Wire: ServiceDelete, Title: "删除",
		Request: reflect.TypeFor[BillAction](), Response: reflect.TypeFor[ActionResult]()},
	// Push creates bills and is not de-duplicated: never replayed.
	opPush: {Name: "Push", Wire: ServicePush, Title: "下推",
		Request: reflect.TypeFor[PushRequest](), Response: reflect.TypeFor[ActionResult]()},
	// View and ExecuteBillQuery are reads: retried after transient
	// failures and replayed after a renewed session.
	opView: {Name: "View", Wire: ServiceView, Title: "查看",
		Request: reflect.TypeFor[ViewRequest](), Response: reflect.TypeFor[ViewResponse](), SafeToReplay: true},
	// ExecuteBillQuery pages by row offset (StartRow, Limit), at most
	// MaxQueryLimit rows a page ("不能超过10000").
	opExecuteBillQuery: {Name: "ExecuteBillQuery", Wire: ServiceExecuteBillQuery, Title: "单据查询",
		Request: reflect.TypeFor[BillQuery](), Response: reflect.TypeFor[Row](), SafeToReplay: true,
		Paging: duijie.PagedByOffset, MaxPageSize: MaxQueryLimit},
	// QueryInventory is ExecuteBillQuery of STK_Inventory rows, with its
	// paging and cap: a read, replayed.
	opQueryInventory: {Name: "QueryInventory", Wire: ServiceExecuteBillQuery, Title: "即时库存查询",
		Request: reflect.TypeFor[InventoryQuery](), Response: reflect.TypeFor[InventoryRow](), SafeToReplay: true,
		Paging: duijie.PagedByOffset, MaxPageSize: MaxQueryLimit},
	// The logins: Login calls the one Config.Auth names. A login only
	// opens a session, so it is replayed like a read. Kingdee's notes give
	// these services no Chinese names; the titles describe them.
	opLoginBySign: {Name: "Login", Wire: ServiceLoginBySign, Title: "签名登录", SafeToReplay: true},
	opLoginByAppSecret: {Name: "Login", Wire: ServiceLoginByAppSecret, Title: "应用密钥登录",
		SafeToReplay: true},
	opValidateUser: {Name: "Login", Wire: ServiceValidateUser, Title: "用户密码登录", SafeToReplay: true},
	// Logout is sent once.
	opLogout: {Name: "Logout", Wire: ServiceLogout, Title: "退出登录"},
}

// typedSave is the row of a typed form's save: BatchSave of the form's
// bills, answered as a BatchSaveResult, at most MaxBatchSave bills, never
// replayed blindly.
func typedSave(name, title string, request reflect.Type) duijie.Operation {
	return duijie.Operation{Name: name, Wire: ServiceBatchSave, Title: title, Request: request,
		Response: reflect.TypeFor[BatchSaveResult](), MaxBatch: MaxBatchSave}
}

// Operations returns the operations this package types, one row each, in
// a fixed order: Save, Draft, BatchSave, the typed saves (SaveSalReturns,
// SaveSalOutStocks, SaveMisDeliveries, SaveMiscellaneous,
// SaveTransferDirects, SaveInStocks, SavePurMRBs, SavePurchaseOrders,
// SaveSaleOrders, SaveMaterials, SaveSuppliers, SaveCustomers,
// SaveStockCountGains, SaveStockCountLosses), Submit,
// Audit, UnAudit, Delete, Push, View, ExecuteBillQuery, QueryInventory, the
// three logins (rows named Login, one per Config.Auth session mode) and
// Logout. Name is the Client method, Wire the full service name (the URL
// is {ServerURL}/{Wire}.common.kdsvc): the typed saves are BatchSave and
// QueryInventory is ExecuteBillQuery. Login and Logout take no request and
// return no response, so their Request and Response are nil.
//
// Only the reads and the logins are SafeToReplay. Saves (Save, Draft,
// BatchSave and the typed saves) are never replayed blindly: the client
// settles an unclear outcome by looking the bill up by number (FBillNo,
// or FNumber for base data). The other writes are sent once.
// ExecuteBillQuery and QueryInventory page by offset, at most
// MaxQueryLimit rows a page; BatchSave and the typed saves carry at most
// MaxBatchSave bills.
//
// The slice is new on every call; changing it changes nothing in the
// client.
func Operations() []duijie.Operation {
	out := make([]duijie.Operation, len(operationTable))
	copy(out, operationTable[:])
	return out
}

// operation returns a row of the table.
func operation(i opIndex) duijie.Operation { return operationTable[i] }
