package honor

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/duijie/duijie"
)

// Op names one Honor operation in the operation table; it keys
// Config.Operations.
type Op string

// The operations this package types. Their wire path and method name come
// from the operation table (Operations and DefaultOperations, overridden by
// Config.Operations).
const (
	// OpVFGoodsQuery is VF商品信息查询: the Himall goods models.
	OpVFGoodsQuery Op = "vf_goods_query"
	// OpVFCustomerQuery is VF客户信息查询: the Himall customers.
	OpVFCustomerQuery Op = "vf_customer_query"
	// OpVFOrderQuery is the VF order fetch (获取订单): orders created or
	// changed in a time window.
	OpVFOrderQuery Op = "vf_order_query"
	// OpVFShipmentFeedback is VF出库信息反馈: the outbound of a VF order.
	OpVFShipmentFeedback Op = "vf_shipment_feedback"
	// OpVFIncentiveQuery is VF激励查询: audited incentives by change date.
	OpVFIncentiveQuery Op = "vf_incentive_query"
	// OpVFFundPoolQuery is VF资金池查询: audited customer prepayments by date.
	OpVFFundPoolQuery Op = "vf_fund_pool_query"
	// OpPSIUpload is the PSI (进销存) serial-number upload.
	OpPSIUpload Op = "psi_upload"
)

// day is the length of one calendar day in China time, which has no
// daylight saving.
const day = 24 * time.Hour

// opRow is one row of the operation table: the Op that keys overrides, the
// method name sent as the "method" parameter, and the operation as data,
// whose Wire is the path. In the table they are this package's defaults; a
// client holds the rows with Config.Operations and Config.OrderWindow
// applied, and its typed methods, iterators, caps and retry decisions read
// them.
type opRow struct {
	op     Op
	method string
	duijie.Operation
}

// operationTable returns the one table of the operations this package types,
// in the order of the package doc. Honor gives its partners the wire
// specification privately: the paths and method names are this package's
// defaults (see DefaultOperations), the names and titles Honor's (from an
// ERP's manual), and the caps this package's, chosen to be safe.
func operationTable() []opRow {
	listing := func(op Op, method string, o duijie.Operation) opRow {
		o.SafeToReplay, o.Paging, o.MaxPageSize = true, duijie.PagedByNumber, MaxPageSize
		return opRow{op: op, method: method, Operation: o}
	}
	return []opRow{
		listing(OpVFGoodsQuery, "honor.vf.goods.query", duijie.Operation{
			Name: "QueryVFGoods", Wire: "/openapi/vf/goods/query", Title: "VF商品信息查询",
			Request: reflect.TypeFor[VFGoodsQuery](), Response: reflect.TypeFor[VFGoodsModel](),
		}),
		listing(OpVFCustomerQuery, "honor.vf.customer.query", duijie.Operation{
			Name: "QueryVFCustomers", Wire: "/openapi/vf/customer/query", Title: "VF客户信息查询",
			Request: reflect.TypeFor[VFCustomerQuery](), Response: reflect.TypeFor[VFCustomer](),
		}),
		listing(OpVFOrderQuery, "honor.vf.order.query", duijie.Operation{
			Name: "QueryVFOrders", Wire: "/openapi/vf/order/query", Title: "获取订单",
			Request: reflect.TypeFor[VFOrderQuery](), Response: reflect.TypeFor[VFOrder](),
			MaxWindow: DefaultOrderWindow,
		}),
		{op: OpVFShipmentFeedback, method: "honor.vf.shipment.feedback", Operation: duijie.Operation{
			Name: "SendVFShipmentFeedback", Wire: "/openapi/vf/shipment/feedback", Title: "VF出库信息反馈",
			Request: reflect.TypeFor[VFShipmentFeedback](), Response: reflect.TypeFor[VFShipmentResult](),
			MaxBatch: MaxShipmentLines,
		}},
		listing(OpVFIncentiveQuery, "honor.vf.incentive.query", duijie.Operation{
			Name: "QueryVFIncentives", Wire: "/openapi/vf/incentive/query", Title: "VF激励查询",
			Request: reflect.TypeFor[DateRangeQuery](), Response: reflect.TypeFor[VFIncentive](),
			MaxWindow: MaxDateSpan * day,
		}),
		listing(OpVFFundPoolQuery, "honor.vf.fundpool.query", duijie.Operation{
			Name: "QueryVFFundPool", Wire: "/openapi/vf/fundpool/query", Title: "VF资金池查询",
			Request: reflect.TypeFor[DateRangeQuery](), Response: reflect.TypeFor[VFFundPoolEntry](),
			MaxWindow: MaxDateSpan * day,
		}),
		{op: OpPSIUpload, method: "honor.psi.serial.upload", Operation: duijie.Operation{
			Name: "UploadPSI", Wire: "/openapi/psi/serial/upload", Title: "荣耀PSI上传",
			Request: reflect.TypeFor[PSIUploadRequest](), Response: reflect.TypeFor[PSIUploadResponse](),
			MaxBatch: MaxPSIBatch,
		}},
	}
}

// Operations returns the operations this package types, one row each, in a
// fixed order, as data: Name is the *Client method that calls it, Wire the
// default path (see DefaultOperations for the method names; a host sets
// Honor's own with Config.Operations), Title Honor's Chinese name, Request
// and Response the method's types (the row type of a listing), SafeToReplay
// the default replay decision, Paging and MaxPageSize how a listing pages,
// MaxWindow the longest span one query covers (the order query's modified
// time, or the incentive and fund-pool change dates, both ends included, in
// whole days) and MaxBatch the most records one write carries (PSI records,
// or the lines of one shipment feedback).
//
// The client reads this table: its caps are checked before any byte is
// sent, its iterators cut windows and check page sizes by it, and its retry
// decision is the row's SafeToReplay unless Config.Operations says
// otherwise. Each call returns a fresh slice the caller may change.
func Operations() []duijie.Operation {
	rows := operationTable()
	out := make([]duijie.Operation, len(rows))
	for i, r := range rows {
		out[i] = r.Operation
	}
	return out
}

// Endpoint is where and how one operation is sent.
type Endpoint struct {
	// Path is appended to the base URL, e.g. "/openapi/vf/order/query".
	Path string
	// Method, when not empty, is sent as the "method" parameter (for
	// gateways that route on a method name rather than a path).
	Method string
	// SafeToReplay says whether a failure that may have reached Honor (5xx,
	// a reset connection, a timeout, a throttle or busy answer) is retried
	// with the same bytes. True for reads; for a write only when Honor's
	// document says it de-duplicates by a key the request carries.
	SafeToReplay bool
}

// endpoint is where and how the row is sent.
func (r *opRow) endpoint() Endpoint {
	return Endpoint{Path: r.Wire, Method: r.method, SafeToReplay: r.SafeToReplay}
}

// DefaultOperations returns the default endpoints of the operation table
// (Operations). Honor gives its partners the wire specification privately,
// so these paths and method names are this package's defaults, not Honor's
// published ones; set Config.Operations to the names in Honor's document.
// The defaults:
//
//	operation             path                           method                     replay
//	vf_goods_query        /openapi/vf/goods/query        honor.vf.goods.query       yes (read)
//	vf_customer_query     /openapi/vf/customer/query     honor.vf.customer.query    yes (read)
//	vf_order_query        /openapi/vf/order/query        honor.vf.order.query       yes (read)
//	vf_shipment_feedback  /openapi/vf/shipment/feedback  honor.vf.shipment.feedback no (write)
//	vf_incentive_query    /openapi/vf/incentive/query    honor.vf.incentive.query   yes (read)
//	vf_fund_pool_query    /openapi/vf/fundpool/query     honor.vf.fundpool.query    yes (read)
//	psi_upload            /openapi/psi/serial/upload     honor.psi.serial.upload    no (write)
//
// Nothing public says that Honor de-duplicates shipment feedback (by
// outbound number) or PSI records (by document and serial), so the writes
// are not replayed after an unclear outcome: the error says whether the call
// may have arrived, and the PSI upload log and re-upload (补传) settle the
// rest. A host whose Honor document says a write is de-duplicated by a key
// the request carries turns replay on for it:
//
//	ep := honor.DefaultOperations()[honor.OpPSIUpload]
//	ep.SafeToReplay = true // Honor's document: records are keyed by (doc_no, serial)
//	cfg.Operations = map[honor.Op]honor.Endpoint{honor.OpPSIUpload: ep}
func DefaultOperations() map[Op]Endpoint {
	rows := operationTable()
	eps := make(map[Op]Endpoint, len(rows))
	for i := range rows {
		eps[rows[i].op] = rows[i].endpoint()
	}
	return eps
}

// buildOperations returns the table with the overrides applied and checked,
// keyed by Op.
func buildOperations(overrides map[Op]Endpoint) (map[Op]opRow, error) {
	rows := operationTable()
	ops := make(map[Op]opRow, len(rows))
	for _, r := range rows {
		ops[r.op] = r
	}
	for op, ep := range overrides {
		r, ok := ops[op]
		if !ok {
			return nil, fmt.Errorf("honor: Config.Operations[%q]: not an operation of this package (use Call for others)", op)
		}
		if _, err := checkEndpoint(ep); err != nil {
			return nil, fmt.Errorf("honor: Config.Operations[%q]: %w", op, err)
		}
		r.Wire, r.method, r.SafeToReplay = ep.Path, ep.Method, ep.SafeToReplay
		ops[op] = r
	}
	return ops, nil
}

// checkEndpoint checks that the path is a plain absolute path and the
// method name has no spaces; it names the field at fault.
func checkEndpoint(ep Endpoint) (field string, err error) {
	switch {
	case ep.Path == "":
		return "Path", fmt.Errorf("path is required")
	case !strings.HasPrefix(ep.Path, "/"):
		return "Path", fmt.Errorf("path %q must start with /", ep.Path)
	case strings.ContainsAny(ep.Path, "?# \t\r\n"):
		return "Path", fmt.Errorf("path %q must not contain a query, fragment or space", ep.Path)
	case strings.ContainsAny(ep.Method, " \t\r\n"):
		return "Method", fmt.Errorf("method %q must not contain spaces", ep.Method)
	}
	return "", nil
}
