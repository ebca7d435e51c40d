package honor

import (
	"fmt"
	"sort"
	"strings"
)

// Op names one Honor operation in the operation table.
type Op string

// The operations this package types. Their wire path and method name come
// from the operation table (DefaultOperations, overridden by
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

// DefaultOperations returns the default operation table. Honor gives its
// partners the wire specification privately, so these paths and method
// names are this package's defaults, not Honor's published ones; set
// Config.Operations to the names in Honor's document. The defaults:
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
	return map[Op]Endpoint{
		OpVFGoodsQuery:       {Path: "/openapi/vf/goods/query", Method: "honor.vf.goods.query", SafeToReplay: true},
		OpVFCustomerQuery:    {Path: "/openapi/vf/customer/query", Method: "honor.vf.customer.query", SafeToReplay: true},
		OpVFOrderQuery:       {Path: "/openapi/vf/order/query", Method: "honor.vf.order.query", SafeToReplay: true},
		OpVFShipmentFeedback: {Path: "/openapi/vf/shipment/feedback", Method: "honor.vf.shipment.feedback"},
		OpVFIncentiveQuery:   {Path: "/openapi/vf/incentive/query", Method: "honor.vf.incentive.query", SafeToReplay: true},
		OpVFFundPoolQuery:    {Path: "/openapi/vf/fundpool/query", Method: "honor.vf.fundpool.query", SafeToReplay: true},
		OpPSIUpload:          {Path: "/openapi/psi/serial/upload", Method: "honor.psi.serial.upload"},
	}
}

// Operations returns every typed operation in a fixed order.
func Operations() []Op {
	ops := make([]Op, 0, 7)
	for op := range DefaultOperations() {
		ops = append(ops, op)
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i] < ops[j] })
	return ops
}

// buildOperations merges overrides onto the defaults and checks them.
func buildOperations(overrides map[Op]Endpoint) (map[Op]Endpoint, error) {
	ops := DefaultOperations()
	for op, ep := range overrides {
		if _, ok := ops[op]; !ok {
			return nil, fmt.Errorf("honor: Config.Operations[%q]: not an operation of this package (use Call for others)", op)
		}
		if _, err := checkEndpoint(ep); err != nil {
			return nil, fmt.Errorf("honor: Config.Operations[%q]: %w", op, err)
		}
		ops[op] = ep
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
