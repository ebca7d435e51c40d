package jushuitan

import (
	"context"
	"iter"
	"strconv"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/paging"
)

// LogisticsQuery filters /open/logistic/query. Give SoIDs or a modified
// range.
type LogisticsQuery struct {
	// ShopID limits to one shop.
	ShopID int64
	// SoIDs are online order numbers, at most 20; with them the other
	// filters except time are ignored by the vendor.
	SoIDs []string
	// ModifiedBegin and ModifiedEnd: both or neither, at most 7 days apart
	// for QueryShipments (Shipments cuts longer ranges).
	ModifiedBegin, ModifiedEnd time.Time
	// DateType says which time the modified range bounds. It is sent with
	// the range whatever its value: the zero value asks for the modified
	// time (DateModified, 0), not the vendor's default (the send date, used
	// when date_type is absent); set DateSend for send-date windows.
	DateType DateType
	// PageIndex is the page, from 1 (0 means 1).
	PageIndex int
	// PageSize is rows per page, at most 50 (0 means the vendor's 30).
	PageSize int
}

// Shipment is one shipped order.
type Shipment struct {
	// OID is the ERP's internal order number (内部单号).
	OID duijie.Int64 `json:"o_id"`
	// ShopID is the shop.
	ShopID duijie.Int64 `json:"shop_id"`
	// SoID is the shop's order number (线上单号).
	SoID string `json:"so_id"`
	// SendDate is when the order was shipped (发货时间).
	SendDate duijie.Time `json:"send_date"`
	// Freight is the shipping fee.
	Freight duijie.Amount `json:"freight"`
	// Weight is the parcel weight.
	Weight duijie.Amount `json:"weight"`
	// LcID is the carrier code (物流公司编码).
	LcID string `json:"lc_id"`
	// LID is the waybill number (快递单号).
	LID string `json:"l_id"`
	// LogisticsCompany is the carrier's name.
	LogisticsCompany string `json:"logistics_company"`
	// Items are the shipped lines.
	Items []ShipmentItem `json:"items"`
}

// ShipmentItem is one shipped line.
type ShipmentItem struct {
	// SKUID is 商品编码.
	SKUID string `json:"sku_id"`
	// Qty is the quantity shipped.
	Qty duijie.Amount `json:"qty"`
	// OuterOiID is the shop's line id sent with the upload.
	OuterOiID string `json:"outer_oi_id"`
	// RawSoID is the line's original shop order number (for merged orders).
	RawSoID string `json:"raw_so_id"`
	// OID is the ERP order of the line.
	OID duijie.Int64 `json:"o_id"`
	// RefundStatus is the line's refund state.
	RefundStatus string `json:"refund_status"`
}

type logisticsWire struct {
	ShopID        int64    `json:"shop_id,omitempty"`
	PageIndex     int      `json:"page_index,omitempty"`
	PageSize      int      `json:"page_size,omitempty"`
	ModifiedBegin string   `json:"modified_begin,omitempty"`
	ModifiedEnd   string   `json:"modified_end,omitempty"`
	DateType      *int     `json:"date_type,omitempty"`
	SoIDs         []string `json:"so_ids,omitempty"`
}

// QueryShipments calls /open/logistic/query (legacy logistic.query,
// 发货信息查询) for one page. The page's Items are the answer's orders (an
// answer without them is an error matching ErrMissingList, not an empty
// page), Number and Size its page_index (from 1) and page_size, HasMore its
// has_next, and Total its data_count, -1 when absent. Safe to replay: it is
// a read.
func (c *Client) QueryShipments(ctx context.Context, q *LogisticsQuery) (*duijie.Page[Shipment], error) {
	if q == nil {
		q = &LogisticsQuery{}
	}
	op := table[opQueryShipments]
	if err := checkPage(q.PageIndex, q.PageSize, c.pageMax(op)); err != nil {
		return nil, err
	}
	if err := checkWindow(op, q.ModifiedBegin, q.ModifiedEnd); err != nil {
		return nil, err
	}
	if err := checkList("so_ids", q.SoIDs, MaxSoIDs); err != nil {
		return nil, err
	}
	if q.DateType < DateModified || q.DateType > DateSend {
		return nil, duijie.Invalid(vendor, "date_type", duijie.RuleRange, "0 to 3")
	}
	if q.ModifiedBegin.IsZero() && len(q.SoIDs) == 0 {
		return nil, duijie.Invalid(vendor, "modified_begin", duijie.RuleRequired, "give a modified range or so_ids")
	}
	w := &logisticsWire{ShopID: q.ShopID, PageIndex: q.PageIndex, PageSize: q.PageSize, SoIDs: q.SoIDs}
	if !q.ModifiedBegin.IsZero() {
		// date_type goes with the range, DateModified (0) included: left
		// out, the vendor would bound the send date instead.
		dt := int(q.DateType)
		w.ModifiedBegin, w.ModifiedEnd, w.DateType = formatTime(q.ModifiedBegin), formatTime(q.ModifiedEnd), &dt
	}
	return queryList[Shipment](ctx, c, op, w, q.PageIndex, q.PageSize)
}

func shipmentKey(s Shipment) string { return strconv.FormatInt(int64(s.OID), 10) + "\x00" + s.SoID }

// Shipments walks every page of QueryShipments, and every 7-day window when
// the range is longer. The request is copied; PageSize 0 means the maximum,
// 50.
func (c *Client) Shipments(ctx context.Context, q *LogisticsQuery) iter.Seq2[Shipment, error] {
	op := table[opQueryShipments]
	base := LogisticsQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(op)
	}
	one := func(q LogisticsQuery) iter.Seq2[Shipment, error] {
		return walk(ctx, shipmentKey, func(ctx context.Context, page int) ([]Shipment, bool, error) {
			q.PageIndex = page
			p, err := c.QueryShipments(ctx, &q)
			if err != nil {
				return nil, false, err
			}
			return p.Items, p.HasMore, nil
		})
	}
	if !needsWindows(op, base.ModifiedBegin, base.ModifiedEnd) {
		return one(base)
	}
	return windowed(op, base.ModifiedBegin, base.ModifiedEnd, shipmentKey, func(s Shipment) time.Time { return s.SendDate.Time },
		func(w paging.Window) iter.Seq2[Shipment, error] {
			q := base
			q.ModifiedBegin, q.ModifiedEnd = w.From, w.To
			return one(q)
		})
}
