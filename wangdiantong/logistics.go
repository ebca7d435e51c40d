package wangdiantong

import (
	"context"
	"strconv"

	"github.com/duijie/duijie/internal/apierr"
)

// MaxAcksPerCall is the most acknowledgements one logistics_sync_ack takes.
const MaxAcksPerCall = 50

// LogisticsSync is a shipment waiting to be synced to its platform.
type LogisticsSync struct {
	RecID          Text  `json:"rec_id"`
	ShopNo         Text  `json:"shop_no"`
	Tid            Text  `json:"tid"`
	LogisticsType  Text  `json:"logistics_type"`
	LogisticsNo    Text  `json:"logistics_no"`
	LogisticsName  Text  `json:"logistics_name"`
	LogisticsCode  Text  `json:"logistics_code_erp"`
	DeliveryTerm   Text  `json:"delivery_term"`
	ConsignTime    Time  `json:"consign_time"`
	Oids           Text  `json:"oids"`
	IsPartSync     Int64 `json:"is_part_sync"`
	PlatformID     Text  `json:"platform_id"`
	TradeID        Text  `json:"trade_id"`
	LogisticsNameE Text  `json:"logistics_name_erp"`
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

// QueryLogisticsSync calls logistics_sync_query.php / wdt.logistics.sync.query
// (查询物流同步). A read, safe to replay.
func (c *Client) QueryLogisticsSync(ctx context.Context, q *LogisticsSyncQuery) ([]LogisticsSync, error) {
	if q == nil || q.ShopNo == "" {
		return nil, apierr.Invalid(vendor, "shop_no", apierr.RuleRequired, "")
	}
	limit := q.Limit
	if limit == 0 {
		limit = 100
	}
	if limit < 0 || limit > 100 {
		return nil, apierr.Invalid(vendor, "limit", apierr.RuleRange, "1 to 100")
	}
	part := 0
	if q.PartSync {
		part = 1
	}
	var ans struct {
		Trades []LogisticsSync `json:"trades"`
	}
	err := c.Call(ctx, MethodLogisticsSyncQuery, map[string]any{"shop_no": q.ShopNo, "limit": limit, "is_part_sync_able": part}, &ans)
	return ans.Trades, err
}

// LogisticsAck is the outcome of syncing one shipment.
type LogisticsAck struct {
	// RecID is the record from QueryLogisticsSync.
	RecID string `json:"rec_id"`
	// Failed marks a failed sync (status 1); the default is success (0).
	Failed bool `json:"-"`
	// Message explains a failure.
	Message string `json:"message"`
}

// AckLogisticsSync calls logistics_sync_ack.php / wdt.logistics.sync.ack
// (物流同步回写). Acknowledging a record again sets the same state, so the
// call is safe to replay. Records the ERP could not update come back in a
// *BatchError; nil means all were recorded.
func (c *Client) AckLogisticsSync(ctx context.Context, acks []LogisticsAck) error {
	switch {
	case len(acks) == 0:
		return apierr.Invalid(vendor, "logistics_list", apierr.RuleRequired, "")
	case len(acks) > MaxAcksPerCall:
		return apierr.Invalid(vendor, "logistics_list", apierr.RuleTooMany, "at most "+strconv.Itoa(MaxAcksPerCall)+" per call")
	}
	type wire struct {
		RecID   string `json:"rec_id"`
		Status  int    `json:"status"`
		Message string `json:"message"`
	}
	list := make([]wire, len(acks))
	index := map[string]int{}
	for i, a := range acks {
		if a.RecID == "" {
			return apierr.Invalid(vendor, "logistics_list["+strconv.Itoa(i)+"].rec_id", apierr.RuleRequired, "")
		}
		list[i] = wire{RecID: a.RecID, Message: a.Message}
		if a.Failed {
			list[i].Status = 1
		}
		index[a.RecID] = i
	}
	var ans struct {
		Errors []struct {
			RecID Text   `json:"rec_id"`
			Error string `json:"error"`
		} `json:"errors"`
	}
	if err := c.Call(ctx, MethodLogisticsSyncAck, map[string]any{"logistics_list": list}, &ans); err != nil {
		return err
	}
	if len(ans.Errors) == 0 {
		return nil
	}
	be := &BatchError{Vendor: vendor, Operation: c.opName(MethodLogisticsSyncAck), Total: len(acks)}
	for _, e := range ans.Errors {
		i, ok := index[string(e.RecID)]
		if !ok {
			i = -1
		}
		be.Failed = append(be.Failed, RowError{Index: i, Key: string(e.RecID), Message: e.Error})
	}
	return be
}
