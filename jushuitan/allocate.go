package jushuitan

import (
	"context"
	"iter"
	"time"

	"github.com/duijie/duijie"
)

// MaxAllocatePageSize is the most transfer bills per page of
// /open/allocate/query (默认30，最大50; jst-java JstQueryAllocateRequest).
const MaxAllocatePageSize = 50

// AllocateQuery filters /open/allocate/query (调拨单查询). Give a modified
// range, SoIDs or IoIDs.
type AllocateQuery struct {
	// ModifiedBegin and ModifiedEnd: both or neither, at most 7 days apart
	// for QueryAllocates (Allocates cuts longer ranges).
	ModifiedBegin, ModifiedEnd time.Time
	// DateType says which time the range bounds: DateModified (0, sent as
	// 0) or DateIO (2, io_date).
	DateType DateType
	// SoIDs are online numbers (the so_id of a cross-warehouse transfer upload).
	SoIDs []string
	// IoIDs are transfer bill numbers (调拨单号).
	IoIDs []int64
	// Type is 调拨出 or 调拨入.
	Type string
	// PageIndex is the page, from 1 (0 means 1).
	PageIndex int
	// PageSize is bills per page, at most 50 (0 means the vendor's 30).
	PageSize int
}

// Allocate is one transfer bill (调拨单) with its lines. Fields are the
// datas of jst-java JstQueryAllocateResponse.
type Allocate struct {
	// IoID is the bill number (调拨单号); LinkIoID the linked inbound bill.
	IoID duijie.Int64 `json:"io_id"`
	// LinkIoID is 调拨入关联单号.
	LinkIoID duijie.Int64 `json:"link_io_id"`
	// CoID is the company.
	CoID duijie.Int64 `json:"co_id"`
	// Type is the transfer type (调拨出, 调拨入).
	Type string `json:"type"`
	// IoDate is the bill date, Modified its last change.
	IoDate duijie.Time `json:"io_date"`
	// Modified is its last change.
	Modified duijie.Time `json:"modified"`
	// Status is Creating, Confirmed, Picking, OuterConfirming, Cancelled and
	// others of the vendor's list.
	Status string `json:"status"`
	// FStatus is the finance state.
	FStatus string `json:"f_status"`
	// WmsCoID is the branch warehouse (the sender of an outbound transfer,
	// the receiver of an inbound one), LinkWmsCoID the other side.
	WmsCoID duijie.Int64 `json:"wms_co_id"`
	// LinkWmsCoID is the other side's branch warehouse.
	LinkWmsCoID duijie.Int64 `json:"link_wms_co_id"`
	// Warehouse and WhID are the outbound warehouse; LinkWarehouse and
	// LinkWhID the inbound one (1 main, 2 returns, 3 inbound, 4 defective).
	Warehouse string `json:"warehouse"`
	// WhID is the outbound warehouse number.
	WhID duijie.Int64 `json:"wh_id"`
	// LinkWarehouse is the inbound warehouse's name.
	LinkWarehouse string `json:"link_warehouse"`
	// LinkWhID is the inbound warehouse number.
	LinkWhID duijie.Int64 `json:"link_wh_id"`
	// LockWhID and LockLinkWhID are the virtual warehouses out and in, as sent.
	LockWhID duijie.Text `json:"lock_wh_id"`
	// LockLinkWhID is the inbound virtual warehouse.
	LockLinkWhID duijie.Text `json:"lock_link_wh_id"`
	// SoID is the transfer suggestion number (cross-warehouse inbound only).
	SoID string `json:"so_id"`
	// OutIoID is the external number.
	OutIoID string `json:"out_io_id"`
	// WaveID is the picking batch.
	WaveID duijie.Int64 `json:"wave_id"`
	// Remark is the remark; a red-letter bill says 红冲单据 in it.
	Remark string `json:"remark"`
	// CreatorName is who made it.
	CreatorName string `json:"creator_name"`
	// Labels are the tags.
	Labels []string `json:"labels"`
	// ReceiverNameEn, ReceiverMobileEn and the address parts are the consignee.
	ReceiverNameEn string `json:"receiver_name_en"`
	// ReceiverMobileEn is the consignee's mobile.
	ReceiverMobileEn string `json:"receiver_mobile_en"`
	// ReceiverState is the province.
	ReceiverState string `json:"receiver_state"`
	// ReceiverCity is the city.
	ReceiverCity string `json:"receiver_city"`
	// ReceiverDistrict is the district.
	ReceiverDistrict string `json:"receiver_district"`
	// ReceiverAddress is the address.
	ReceiverAddress string `json:"receiver_address"`
	// LID, LcID and LogisticsCompany are the waybill and carrier.
	LID string `json:"l_id"`
	// LcID is the carrier code.
	LcID string `json:"lc_id"`
	// LogisticsCompany is the carrier's name.
	LogisticsCompany string `json:"logistics_company"`
	// Unit is the unit.
	Unit string `json:"unit"`
	// Items are the bill's lines.
	Items []AllocateItem `json:"items"`
	// Batches are the batches, when the ERP manages them.
	Batches []BillBatch `json:"batchs"`
	// SNs are the unique codes, when the ERP manages them.
	SNs []BillSN `json:"sns"`
}

// AllocateItem is one line of a transfer bill.
type AllocateItem struct {
	// IoiID is the line number, IoID its bill.
	IoiID duijie.Int64 `json:"ioi_id"`
	// IoID is the bill.
	IoID duijie.Int64 `json:"io_id"`
	// SKUID is 商品编码, IID 款式编码.
	SKUID string `json:"sku_id"`
	// IID is 款式编码.
	IID string `json:"i_id"`
	// Name is the product name, PropertiesValue its colour and size.
	Name string `json:"name"`
	// PropertiesValue is the colour and size text.
	PropertiesValue string `json:"properties_value"`
	// Qty is the quantity, RQty the counted one (点数).
	Qty duijie.Amount `json:"qty"`
	// RQty is 点数.
	RQty duijie.Amount `json:"r_qty"`
	// BatchID is the batch, when configured.
	BatchID string `json:"batch_id"`
	// ProductDate is the batch date, when configured.
	ProductDate duijie.Text `json:"product_date"`
	// SupplierID is the supplier, when configured.
	SupplierID duijie.Int64 `json:"supplier_id"`
	// ExpirationDate is the best-before date, when configured.
	ExpirationDate duijie.Text `json:"expiration_date"`
}

type allocateWire struct {
	ModifiedBegin string   `json:"modified_begin,omitempty"`
	ModifiedEnd   string   `json:"modified_end,omitempty"`
	SoIDs         []string `json:"so_ids,omitempty"`
	PageIndex     int      `json:"page_index,omitempty"`
	PageSize      int      `json:"page_size,omitempty"`
	IoIDs         []string `json:"io_ids,omitempty"`
	Type          string   `json:"type,omitempty"`
	DateType      *int     `json:"date_type,omitempty"`
}

// QueryAllocates calls /open/allocate/query (调拨单查询) for one page of
// transfer bills with their lines. No legacy method is known for it: a
// legacy client refuses it before sending. Fields and caps come from
// jst-java's JstQueryAllocateRequest and Response, whose Javadoc copies the
// vendor's doc (docType=12, docId=47): page_size at most 50, a modified
// range of at most 7 days; no ts cursor. The page's Items are the
// answer's datas (an answer without them is an error matching
// ErrMissingList), Total its data_count, -1 when absent. Safe to replay:
// it is a read.
func (c *Client) QueryAllocates(ctx context.Context, q *AllocateQuery) (*duijie.Page[Allocate], error) {
	if q == nil {
		q = &AllocateQuery{}
	}
	op := table[opQueryAllocates]
	if err := checkPage(q.PageIndex, q.PageSize, c.pageMax(op)); err != nil {
		return nil, err
	}
	if err := checkWindow(op, q.ModifiedBegin, q.ModifiedEnd); err != nil {
		return nil, err
	}
	if err := checkArray("so_ids", q.SoIDs, 0); err != nil {
		return nil, err
	}
	if err := checkIDs("io_ids", q.IoIDs, 0); err != nil {
		return nil, err
	}
	switch {
	case q.DateType != DateModified && q.DateType != DateIO:
		return nil, duijie.Invalid(vendor, "date_type", duijie.RuleRange, "0 (modified) or 2 (io_date)")
	case q.ModifiedBegin.IsZero() && len(q.SoIDs) == 0 && len(q.IoIDs) == 0:
		return nil, duijie.Invalid(vendor, "modified_begin", duijie.RuleRequired, "give a modified range, so_ids or io_ids")
	}
	w := windowOf(q.ModifiedBegin, q.ModifiedEnd)
	wire := &allocateWire{ModifiedBegin: w.ModifiedBegin, ModifiedEnd: w.ModifiedEnd, SoIDs: q.SoIDs, PageIndex: q.PageIndex,
		PageSize: q.PageSize, IoIDs: idTexts(q.IoIDs), Type: q.Type, DateType: dateTypeOf(q.ModifiedBegin, q.DateType)}
	return queryList[Allocate](ctx, c, op, wire, q.PageIndex, q.PageSize)
}

// Allocates walks every page of QueryAllocates, and every 7-day window
// when the range is longer. The request is copied; PageSize 0 means the
// maximum, 50.
func (c *Client) Allocates(ctx context.Context, q *AllocateQuery) iter.Seq2[Allocate, error] {
	op := table[opQueryAllocates]
	base := AllocateQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(op)
	}
	stamp := func(a Allocate) time.Time {
		if base.DateType == DateIO {
			return a.IoDate.Time
		}
		return a.Modified.Time
	}
	return pages(ctx, op, base, base.ModifiedBegin, base.ModifiedEnd, func(a Allocate) string { return a.IoID.String() }, stamp,
		func(q *AllocateQuery, p int) { q.PageIndex = p },
		func(q *AllocateQuery, from, to time.Time) { q.ModifiedBegin, q.ModifiedEnd = from, to },
		c.QueryAllocates)
}
