package wangdiantong

import (
	"context"
	"strconv"

	"github.com/duijie/duijie"
)

// MaxAcksPerCall is the most acknowledgements one logistics_sync_ack takes;
// the vendor warns that longer lists time out. It is the MaxBatch of
// logistics_sync_ack.php's row in Operations, which AckLogisticsSync checks.
const MaxAcksPerCall = 50

// MaxLogisticsSyncLimit is the most records one logistics_sync_query
// returns: the MaxPageSize of its row in Operations, which
// QueryLogisticsSync checks its Limit against.
const MaxLogisticsSyncLimit = 100

// LogisticsSync is a shipment waiting to be synced to its platform
// (logistics_sync_query's trades).
type LogisticsSync struct {
	// RecID is the sync record to acknowledge with AckLogisticsSync.
	RecID duijie.Text `json:"rec_id"`
	// ShopNo is the shop the order came from.
	ShopNo duijie.Text `json:"shop_no"`
	// Tid is the platform order number (原始单号).
	Tid duijie.Text `json:"tid"`
	// LogisticsType is the ERP's logistics type code.
	LogisticsType duijie.Text `json:"logistics_type"`
	// LogisticsNo is the waybill number.
	LogisticsNo duijie.Text `json:"logistics_no"`
	// LogisticsName is the carrier's name on the platform.
	LogisticsName duijie.Text `json:"logistics_name"`
	// LogisticsCodeERP and LogisticsNameERP are the carrier as the ERP names it.
	LogisticsCodeERP duijie.Text `json:"logistics_code_erp"`
	// LogisticsNameERP is the carrier's name in the ERP.
	LogisticsNameERP duijie.Text `json:"logistics_name_erp"`
	// DeliveryTerm is 1 款到发货, 2 货到付款.
	DeliveryTerm duijie.Text `json:"delivery_term"`
	// ConsignTime is when the goods were shipped.
	ConsignTime duijie.Time `json:"consign_time"`
	// Oids lists the shipped order lines when the shipment is partial.
	Oids duijie.Text `json:"oids"`
	// IsPartSync is 1 for a split shipment.
	IsPartSync duijie.Int64 `json:"is_part_sync"`
	// PlatformID is the platform code.
	PlatformID duijie.Text `json:"platform_id"`
	// TradeID is the ERP order id.
	TradeID duijie.Text `json:"trade_id"`
}

// LogisticsSyncQuery selects shipments to sync.
type LogisticsSyncQuery struct {
	// ShopNo is required.
	ShopNo string
	// Limit is 1..100 (0 means 100).
	Limit int
	// PartSync includes split-shipment records (is_part_sync_able=1).
	PartSync bool
}

// LogisticsSyncResponse is the answer to QueryLogisticsSync.
type LogisticsSyncResponse struct {
	// Trades are the shipments waiting, oldest first; acknowledge each
	// one, or it comes back on the next query. An answer without trades is
	// an error matching ErrMissingList, never an empty list.
	Trades []LogisticsSync
}

// logisticsSyncParams are logistics_sync_query's parameters; the flag is
// always sent, 0 included.
type logisticsSyncParams struct {
	ShopNo   string `url:"shop_no"`
	Limit    int    `url:"limit"`
	PartSync bool   `url:"is_part_sync_able,int"`
}

// QueryLogisticsSync calls logistics_sync_query.php / wdt.logistics.sync.query
// (查询物流同步). The vendor answers with the records still waiting, so
// there is no paging: poll, sync, acknowledge, poll again. A read, safe to
// replay.
func (c *Client) QueryLogisticsSync(ctx context.Context, q *LogisticsSyncQuery) (*LogisticsSyncResponse, error) {
	if q == nil || q.ShopNo == "" {
		return nil, duijie.Invalid(vendor, "shop_no", duijie.RuleRequired, "")
	}
	if err := limits.Text("shop_no", q.ShopNo, "id,max=20"); err != nil {
		return nil, err
	}
	o := opLogisticsSync.row()
	limit := q.Limit
	if limit == 0 {
		limit = o.MaxPageSize
	}
	if limit < 0 || limit > o.MaxPageSize {
		return nil, duijie.Invalid(vendor, "limit", duijie.RuleRange, "1 to "+strconv.Itoa(o.MaxPageSize))
	}
	params, err := encode(logisticsSyncParams{ShopNo: q.ShopNo, Limit: limit, PartSync: q.PartSync})
	if err != nil {
		return nil, err
	}
	env, err := c.call(ctx, o, params, nil)
	if err != nil {
		return nil, err
	}
	trades, err := listOf[LogisticsSync](env, o.list)
	if err != nil {
		return nil, c.decodeError(o, err)
	}
	return &LogisticsSyncResponse{Trades: trades}, nil
}

// LogisticsAck is the outcome of syncing one shipment.
type LogisticsAck struct {
	// RecID is the record from QueryLogisticsSync.
	RecID string
	// Failed marks a failed sync (status 1); the default is success (0).
	Failed bool
	// Message explains a failure.
	Message string
}

// LogisticsAckRequest reports the outcome of syncing shipments.
type LogisticsAckRequest struct {
	// Acks are 1..MaxAcksPerCall records, each rec_id once.
	Acks []LogisticsAck
}

// LogisticsAckResult is the ERP's answer for one acknowledgement.
type LogisticsAckResult struct {
	// Index is the acknowledgement's position in the request.
	Index int
	// RecID is its record.
	RecID string
	// OK is true when the ERP recorded it.
	OK bool
	// Error is the ERP's reason when it did not.
	Error string
}

// LogisticsAckResponse is the answer to AckLogisticsSync.
type LogisticsAckResponse struct {
	// Results has one entry per acknowledgement, in input order.
	Results []LogisticsAckResult
}

// logisticsAckParams are logistics_sync_ack's parameters.
type logisticsAckParams struct {
	List JSON `url:"logistics_list"`
}

// AckLogisticsSync calls logistics_sync_ack.php / wdt.logistics.sync.ack
// (物流同步回写). Acknowledging a record again sets the same state, so the
// call is safe to replay; note that the ERP answers a second acknowledgement
// of a record with a per-record error (非待同步状态), so after a retried
// call such an error can mean the first attempt already recorded it. The
// response has every record's outcome in input order; when some failed, a
// *BatchError names them (a failure naming a rec_id that was not sent is
// kept with Index -1).
func (c *Client) AckLogisticsSync(ctx context.Context, req *LogisticsAckRequest) (*LogisticsAckResponse, error) {
	o := opLogisticsAck.row()
	switch {
	case req == nil || len(req.Acks) == 0:
		return nil, duijie.Invalid(vendor, "logistics_list", duijie.RuleRequired, "")
	case len(req.Acks) > o.MaxBatch:
		return nil, duijie.Invalid(vendor, "logistics_list", duijie.RuleTooMany, "at most "+strconv.Itoa(o.MaxBatch)+" per call")
	}
	type wire struct {
		RecID   string `json:"rec_id"`
		Status  int    `json:"status"`
		Message string `json:"message,omitempty"`
	}
	list := make([]wire, len(req.Acks))
	index := map[string]int{}
	for i, a := range req.Acks {
		field := "logistics_list[" + strconv.Itoa(i) + "].rec_id"
		if a.RecID == "" {
			return nil, duijie.Invalid(vendor, field, duijie.RuleRequired, "")
		}
		if _, dup := index[a.RecID]; dup {
			return nil, duijie.Invalid(vendor, field, duijie.RuleConflict, "rec_id "+a.RecID+" appears twice in one call")
		}
		if err := limits.Text(field, a.RecID, "id"); err != nil {
			return nil, err
		}
		if err := limits.Text("logistics_list["+strconv.Itoa(i)+"].message", a.Message, ""); err != nil {
			return nil, err
		}
		list[i] = wire{RecID: a.RecID, Message: a.Message}
		if a.Failed {
			list[i].Status = 1
		}
		index[a.RecID] = i
	}
	var ans struct {
		Errors []struct {
			RecID duijie.Text `json:"rec_id"`
			Error duijie.Text `json:"error"`
		} `json:"errors"`
	}
	params, err := encode(logisticsAckParams{List: JSON{Value: list, KeepEmoji: c.cfg.KeepEmoji}})
	if err != nil {
		return nil, err
	}
	if _, err := c.call(ctx, o, params, &ans); err != nil {
		return nil, err
	}
	resp := &LogisticsAckResponse{Results: make([]LogisticsAckResult, len(req.Acks))}
	for i, a := range req.Acks {
		resp.Results[i] = LogisticsAckResult{Index: i, RecID: a.RecID, OK: true}
	}
	if len(ans.Errors) == 0 {
		return resp, nil
	}
	be := &duijie.BatchError{Vendor: vendor, Operation: c.wire(o), Total: len(req.Acks)}
	for _, e := range ans.Errors {
		msg := string(e.Error)
		if msg == "" {
			msg = "refused without a reason"
		}
		i, ok := index[string(e.RecID)]
		if !ok {
			be.Failed = append(be.Failed, duijie.RowError{Index: -1, Key: string(e.RecID), Message: msg})
			continue
		}
		r := &resp.Results[i]
		if !r.OK {
			r.Error += "; " + msg
			continue
		}
		r.OK, r.Error = false, msg
	}
	var inOrder []duijie.RowError
	for _, r := range resp.Results {
		if !r.OK {
			inOrder = append(inOrder, duijie.RowError{Index: r.Index, Key: r.RecID, Message: r.Error})
		}
	}
	be.Failed = append(inOrder, be.Failed...)
	return resp, be
}
