package honor

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/paging"
)

// VFOrder is one Himall VF order, from which a host creates a wholesale
// order (批发订单). Orders fetched from Himall must not be edited or deleted
// in the host.
type VFOrder struct {
	// OrderNo is Himall's order number, the order's key.
	OrderNo string `json:"order_no"`
	// OrderType and Status are Himall's, as sent.
	OrderType string `json:"order_type"`
	Status    string `json:"status"`
	// ShopNo is the SHOP_NO the order belongs to.
	ShopNo string `json:"shop_no"`
	// CustomerCode and CustomerName are the Himall customer who ordered;
	// the code is the key of the customer correspondence table.
	CustomerCode string `json:"customer_code"`
	CustomerName string `json:"customer_name"`
	// OrderTime is when the order was placed; ModifiedTime when Himall last
	// changed it (the field the order query windows on).
	OrderTime    duijie.Time `json:"order_time"`
	ModifiedTime duijie.Time `json:"modified_time"`
	// TotalAmount is the goods total, DiscountAmount the discount and
	// PayAmount what the customer pays.
	TotalAmount    duijie.Amount `json:"total_amount"`
	DiscountAmount duijie.Amount `json:"discount_amount"`
	PayAmount      duijie.Amount `json:"pay_amount"`
	// Receiver, ReceiverPhone and ReceiverAddress are where the goods go.
	Receiver        string `json:"receiver"`
	ReceiverPhone   string `json:"receiver_phone"`
	ReceiverAddress string `json:"receiver_address"`
	// Remark is the buyer's note.
	Remark string `json:"remark"`
	// Lines are the goods ordered.
	Lines []VFOrderLine `json:"lines"`
}

// VFOrderLine is one goods line of a VF order.
type VFOrderLine struct {
	// LineNo identifies the line within the order.
	LineNo string `json:"line_no"`
	// GoodsCode is the Himall goods model code, the key of the goods
	// correspondence table; GoodsName and Model describe it.
	GoodsCode string `json:"goods_code"`
	GoodsName string `json:"goods_name"`
	Model     string `json:"model"`
	// Quantity is the number of units.
	Quantity duijie.Amount `json:"quantity"`
	// Price is the unit price and Amount the line total.
	Price  duijie.Amount `json:"price"`
	Amount duijie.Amount `json:"amount"`
}

// VFOrderQuery selects VF orders created or changed in the half-open window
// [ModifiedFrom, ModifiedTo), or one order by OrderNo. Times travel at second
// precision: the window is widened to whole seconds, so a boundary order is
// fetched twice rather than missed.
type VFOrderQuery struct {
	// ModifiedFrom and ModifiedTo bound the window. QueryVFOrders needs both
	// (unless OrderNo is set) and at most Config.OrderWindow between them;
	// VFOrders cuts any range into such windows and reads a zero
	// ModifiedTo as the client clock's now.
	ModifiedFrom, ModifiedTo time.Time
	// OrderNo asks for one order.
	OrderNo string
	// Status asks for orders in one Himall status.
	Status string
	// PageNo counts from 1 (0 means 1); PageSize is at most MaxPageSize (0
	// means DefaultPageSize).
	PageNo, PageSize int
}

type orderParams struct {
	StartModified string `json:"start_modified,omitempty"`
	EndModified   string `json:"end_modified,omitempty"`
	OrderNo       string `json:"order_no,omitempty"`
	Status        string `json:"status,omitempty"`
	pageParams
}

// orderParams checks q against the order query's row: its page size and
// window maximum (Config.OrderWindow when set).
func (c *Client) orderParams(q *VFOrderQuery) (*orderParams, error) {
	op := c.row(OpVFOrderQuery)
	pageNo, size, err := checkPaging(&op.Operation, q.PageNo, q.PageSize)
	if err != nil {
		return nil, err
	}
	if len(q.OrderNo) > maxCode {
		return nil, duijie.Invalid(vendor, "OrderNo", duijie.RuleTooLong, "at most 64 bytes")
	}
	p := &orderParams{OrderNo: q.OrderNo, Status: q.Status, pageParams: pageParams{PageNo: pageNo, PageSize: size}}
	from, to := q.ModifiedFrom, q.ModifiedTo
	if q.OrderNo == "" || !from.IsZero() || !to.IsZero() {
		switch {
		case from.IsZero():
			return nil, duijie.Invalid(vendor, "ModifiedFrom", duijie.RuleRequired, "a window or an OrderNo is required")
		case to.IsZero():
			return nil, duijie.Invalid(vendor, "ModifiedTo", duijie.RuleRequired, "a window or an OrderNo is required")
		case !to.After(from):
			return nil, duijie.Invalid(vendor, "ModifiedTo", duijie.RuleRange, "must be after ModifiedFrom")
		case to.Sub(from) > op.MaxWindow:
			return nil, duijie.Invalid(vendor, "ModifiedTo", duijie.RuleWindow, "at most "+op.MaxWindow.String()+" after ModifiedFrom")
		}
		from = from.Truncate(time.Second)
		if t := to.Truncate(time.Second); !t.Equal(to) {
			to = t.Add(time.Second)
		}
		p.StartModified = duijie.NewTime(from).String()
		p.EndModified = duijie.NewTime(to).String()
	}
	return p, nil
}

// QueryVFOrders calls the VF order query (vf_order_query, 获取订单, see
// DefaultOperations) for one page of orders created or changed in the
// window. A host polls it every 5 minutes. A read, safe to replay.
func (c *Client) QueryVFOrders(ctx context.Context, q *VFOrderQuery) (*duijie.Page[VFOrder], error) {
	if q == nil {
		q = &VFOrderQuery{}
	}
	p, err := c.orderParams(q)
	if err != nil {
		return nil, err
	}
	return queryPage[VFOrder](ctx, c, OpVFOrderQuery, p, p.PageNo, p.PageSize)
}

// VFOrders walks every order of q: the range [ModifiedFrom, ModifiedTo) is
// cut into windows of at most Config.OrderWindow, and each window is read
// page by page. It copies q, stops on the first error (yielded once) or
// break, and holds one page. An order changed while the walk runs may come
// twice; key orders by OrderNo.
func (c *Client) VFOrders(ctx context.Context, q *VFOrderQuery) iter.Seq2[VFOrder, error] {
	qc := VFOrderQuery{}
	if q != nil {
		qc = *q
	}
	key := func(o VFOrder) string { return o.OrderNo }
	if qc.OrderNo != "" && qc.ModifiedFrom.IsZero() && qc.ModifiedTo.IsZero() {
		return c.orderPages(ctx, qc, key)
	}
	if qc.ModifiedFrom.IsZero() {
		return func(yield func(VFOrder, error) bool) {
			yield(VFOrder{}, duijie.Invalid(vendor, "ModifiedFrom", duijie.RuleRequired, "a window or an OrderNo is required"))
		}
	}
	to := qc.ModifiedTo
	if to.IsZero() {
		to = c.t.Now()
	}
	return paging.WindowedItems(qc.ModifiedFrom, to, c.row(OpVFOrderQuery).MaxWindow, func(w paging.Window) iter.Seq2[VFOrder, error] {
		part := qc
		part.ModifiedFrom, part.ModifiedTo = w.From, w.To
		return c.orderPages(ctx, part, key)
	})
}

func (c *Client) orderPages(ctx context.Context, q VFOrderQuery, key func(VFOrder) string) iter.Seq2[VFOrder, error] {
	return walk(ctx, max(q.PageNo, 1), key, func(ctx context.Context, pageNo int) (*duijie.Page[VFOrder], error) {
		part := q
		part.PageNo = pageNo
		return c.QueryVFOrders(ctx, &part)
	})
}

// OrderOrigin says where the order a shipment answers came from.
type OrderOrigin string

// OriginHimall marks an order fetched from Himall, the only kind that gets
// shipment feedback.
const OriginHimall OrderOrigin = "himall"

// RuleNotHimallOrder is the ValidationError rule of shipment feedback for an
// order that did not come from Himall.
const RuleNotHimallOrder = "not a Himall VF order"

// Limits of one shipment feedback.
const (
	// MaxShipmentLines is the most lines one feedback carries (the
	// operation table's MaxBatch of SendVFShipmentFeedback).
	MaxShipmentLines = 500
	// MaxSerialLen is the longest serial number (IMEI/SN) accepted.
	MaxSerialLen = 64
)

// VFShipmentFeedback is the outbound (批发出库) of one VF order, sent back to
// Himall by VF出库信息反馈.
type VFShipmentFeedback struct {
	// Origin must be OriginHimall: only orders that came from Himall are
	// fed back (非Himall订单不上传). Set it from the host's own record of
	// where the wholesale order came from.
	Origin OrderOrigin `json:"-"`
	// OrderNo is the Himall order number. Required.
	OrderNo string `json:"order_no"`
	// OutboundNo is the host's outbound document number, the feedback's
	// key (whether Honor de-duplicates by it is for Honor's document to
	// say). Required.
	OutboundNo string `json:"outbound_no"`
	// OutboundTime is when the goods left. Required.
	OutboundTime duijie.Time `json:"outbound_time"`
	// WarehouseCode and WarehouseName name the host's warehouse.
	WarehouseCode string `json:"warehouse_code,omitempty"`
	WarehouseName string `json:"warehouse_name,omitempty"`
	// LogisticsCompany and TrackingNo name the shipment.
	LogisticsCompany string `json:"logistics_company,omitempty"`
	TrackingNo       string `json:"tracking_no,omitempty"`
	// Remark is a note.
	Remark string `json:"remark,omitempty"`
	// Lines are the goods shipped. At least one.
	Lines []VFShipmentLine `json:"lines"`
}

// VFShipmentLine is one goods line of an outbound.
type VFShipmentLine struct {
	// LineNo is the VF order line it ships, when known.
	LineNo string `json:"line_no,omitempty"`
	// GoodsCode is the Himall goods model code. Required.
	GoodsCode string `json:"goods_code"`
	// Quantity is the number of units; above 0.
	Quantity duijie.Amount `json:"quantity"`
	// Serials are the units' serial numbers (IMEI/SN). When given there is
	// exactly one per unit, and none repeats within the feedback.
	Serials []string `json:"serials,omitempty"`
}

// VFShipmentResult is Honor's answer to a shipment feedback.
type VFShipmentResult struct {
	// OrderNo and OutboundNo echo the feedback.
	OrderNo    string `json:"order_no"`
	OutboundNo string `json:"outbound_no"`
	// Status is "created" for a first feedback and "updated" when Honor
	// already had this outbound number, as sent.
	Status string `json:"status"`
}

// Replayed reports whether Honor already had this outbound number: an
// earlier send of it had arrived (a re-send after an unclear outcome, or a
// replay where the operation table allows one).
func (r *VFShipmentResult) Replayed() bool { return r.Status == "updated" }

// validate checks the feedback; maxLines is the operation's MaxBatch.
func (f *VFShipmentFeedback) validate(maxLines int) error {
	if f.Origin != OriginHimall {
		return duijie.Invalid(vendor, "Origin", RuleNotHimallOrder,
			fmt.Sprintf("origin %q: only orders fetched from Himall get shipment feedback", f.Origin))
	}
	for _, c := range []struct{ name, v string }{{"OrderNo", f.OrderNo}, {"OutboundNo", f.OutboundNo}} {
		if err := checkCode(c.name, c.v, true); err != nil {
			return err
		}
	}
	if err := checkCode("WarehouseCode", f.WarehouseCode, false); err != nil {
		return err
	}
	if f.OutboundTime.IsZero() {
		return duijie.Invalid(vendor, "OutboundTime", duijie.RuleRequired, "")
	}
	if len(f.Lines) == 0 {
		return duijie.Invalid(vendor, "Lines", duijie.RuleRequired, "at least one line")
	}
	if len(f.Lines) > maxLines {
		return duijie.Invalid(vendor, "Lines", duijie.RuleTooMany, "at most "+strconv.Itoa(maxLines))
	}
	seen := map[string]string{}
	for i, l := range f.Lines {
		field := "Lines[" + strconv.Itoa(i) + "]"
		if err := checkCode(field+".GoodsCode", l.GoodsCode, true); err != nil {
			return err
		}
		if l.Quantity.Sign() <= 0 {
			return duijie.Invalid(vendor, field+".Quantity", duijie.RuleRange, "must be above 0")
		}
		if len(l.Serials) == 0 {
			continue
		}
		if !l.Quantity.Equal(duijie.AmountFromInt(int64(len(l.Serials)))) {
			return duijie.Invalid(vendor, field+".Serials", duijie.RuleConflict,
				fmt.Sprintf("%d serials for quantity %s: one serial per unit", len(l.Serials), l.Quantity))
		}
		for j, s := range l.Serials {
			sf := field + ".Serials[" + strconv.Itoa(j) + "]"
			if err := checkSerial(sf, s); err != nil {
				return err
			}
			if prev, ok := seen[s]; ok {
				return duijie.Invalid(vendor, sf, duijie.RuleConflict, "serial "+s+" is also at "+prev)
			}
			seen[s] = sf
		}
	}
	return nil
}

// checkCode checks a code or number: required when req, at most maxCode
// bytes, an id (see limit).
func checkCode(field, v string, req bool) error {
	switch {
	case v == "" && req:
		return duijie.Invalid(vendor, field, duijie.RuleRequired, "")
	case len(v) > maxCode:
		return duijie.Invalid(vendor, field, duijie.RuleTooLong, "at most 64 bytes")
	}
	// A code is an id: no surrounding white space, no control characters.
	if plainID(v) {
		return nil
	}
	return limits.Text(field, v, "id")
}

// plainID reports whether v is printable ASCII that neither begins nor
// ends with a space: an id of at most maxCode bytes that limits.Text
// accepts without a look at its rules.
func plainID(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return v == "" || v[0] != ' ' && v[len(v)-1] != ' '
}

// checkSerial checks one serial number: required, at most MaxSerialLen
// bytes, letters, digits and '-' only.
func checkSerial(field, s string) error {
	if s == "" {
		return duijie.Invalid(vendor, field, duijie.RuleRequired, "")
	}
	if len(s) > MaxSerialLen {
		return duijie.Invalid(vendor, field, duijie.RuleTooLong, "at most 64 bytes")
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '-') {
			return duijie.Invalid(vendor, field, duijie.RuleFormat, "letters, digits and '-' only")
		}
	}
	return nil
}

// SendVFShipmentFeedback calls VF出库信息反馈 (vf_shipment_feedback, see
// DefaultOperations) with the outbound of one Himall VF order. Feedback for
// an order that did not come from Himall is refused before sending (rule
// RuleNotHimallOrder).
//
// The call is not replayed after an unclear outcome unless the operation
// table says Honor de-duplicates feedback by OutboundNo (nothing public
// does): the error then says whether the feedback may have arrived
// (MayHaveArrived), and the host decides on a re-send (补传). An answer that
// names another order or outbound number does not account for this
// feedback: the result comes with a *BatchError whose one row is
// OutcomeUnknown.
func (c *Client) SendVFShipmentFeedback(ctx context.Context, req *VFShipmentFeedback) (*VFShipmentResult, error) {
	if req == nil {
		return nil, duijie.Invalid(vendor, "request", duijie.RuleRequired, "")
	}
	if err := req.validate(c.row(OpVFShipmentFeedback).MaxBatch); err != nil {
		return nil, err
	}
	var res VFShipmentResult
	if _, err := c.call(ctx, OpVFShipmentFeedback, req, &res); err != nil {
		return nil, err
	}
	if (res.OutboundNo != "" && res.OutboundNo != req.OutboundNo) || (res.OrderNo != "" && res.OrderNo != req.OrderNo) {
		msg := fmt.Sprintf("the answer names order %s outbound %s, not this feedback: it may have arrived", res.OrderNo, res.OutboundNo)
		return &res, &duijie.BatchError{Vendor: vendor, Operation: c.opName(OpVFShipmentFeedback), Total: 1,
			Failed: []duijie.RowError{{Index: 0, Key: req.OutboundNo, Message: msg, OutcomeUnknown: true}}}
	}
	// Code 0 answers for the one feedback sent; an answer that does not
	// echo the numbers still accounts for it.
	if res.OutboundNo == "" {
		res.OutboundNo = req.OutboundNo
	}
	if res.OrderNo == "" {
		res.OrderNo = req.OrderNo
	}
	return &res, nil
}
