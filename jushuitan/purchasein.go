package jushuitan

import (
	"context"
	"iter"
	"time"

	"github.com/duijie/duijie"
)

// Caps of /open/purchasein/query (jst-java JstQueryPurchaseInRequest
// Javadoc, copied from the vendor's doc).
const (
	// MaxPurchaseInPageSize is the most purchase-in bills per page (默认30，最大不超过50).
	MaxPurchaseInPageSize = 50
	// MaxPurchaseKeys is the most po_ids or io_ids per purchase-in query,
	// and io_ids per purchase-return query (最大不能超过30条).
	MaxPurchaseKeys = 30
)

// PurchaseInQuery filters /open/purchasein/query (采购入库查询). Give a
// modified range, PoIDs, IoIDs, SoIDs or StartTS. With StartTS the vendor
// takes no other filter but paging, so none may be set.
type PurchaseInQuery struct {
	// ModifiedBegin and ModifiedEnd: both or neither, at most 7 days apart
	// for QueryPurchaseIns (PurchaseIns cuts longer ranges).
	ModifiedBegin, ModifiedEnd time.Time
	// DateType says which time the range bounds: DateModified (0, sent as
	// 0) or DateIO (2, the inbound date io_date).
	DateType DateType
	// PoIDs are purchase order numbers (采购单号), at most 30.
	PoIDs []int64
	// IoIDs are purchase-in bill numbers (采购入库单号), at most 30.
	IoIDs []int64
	// Statuses are WaitConfirm (待入库), Confirmed (已入库), Cancelled,
	// Delete, Archive or OuterConfirming; none means Confirmed, the
	// vendor's default.
	Statuses []string
	// SoIDs are online numbers (the external_id of a purchase-in upload).
	SoIDs []string
	// StartTS asks for bills past this row version (the 防漏单 cursor);
	// is_get_total is then sent false. 0 leaves it out.
	StartTS int64
	// PageIndex is the page, from 1 (0 means 1).
	PageIndex int
	// PageSize is bills per page, at most 50 (0 means the vendor's 30).
	PageSize int
}

// PurchaseIn is one purchase-in bill (采购入库单) with its lines. Fields are
// the datas of jst-java JstQueryPurchaseInResponse.
type PurchaseIn struct {
	// IoID is the bill number (入库单号).
	IoID duijie.Int64 `json:"io_id"`
	// PoID is the purchase order (采购单号).
	PoID duijie.Int64 `json:"po_id"`
	// TS is the row version (the StartTS cursor).
	TS duijie.Int64 `json:"ts"`
	// SoID is the online number (the upload's external_id).
	SoID string `json:"so_id"`
	// OutIoID is the external bill number (外部单号).
	OutIoID string `json:"out_io_id"`
	// SupplierID and SupplierName are the supplier.
	SupplierID duijie.Int64 `json:"supplier_id"`
	// SupplierName is the supplier's name.
	SupplierName string `json:"supplier_name"`
	// Status is WaitConfirm, Confirmed, Cancelled, Archive or OuterConfirming.
	Status string `json:"status"`
	// FStatus is the finance review state (WaitConfirm, Confirmed).
	FStatus string `json:"f_status"`
	// IoDate is the inbound date, Modified the last change.
	IoDate duijie.Time `json:"io_date"`
	// Modified is the last change.
	Modified duijie.Time `json:"modified"`
	// Archived is the finance review date (财务审核日期).
	Archived duijie.Time `json:"archived"`
	// Warehouse is the warehouse's name.
	Warehouse string `json:"warehouse"`
	// WhID is the warehouse: 1 main, 2 returns, 3 inbound, 4 defective, 6–8 custom.
	WhID duijie.Int64 `json:"wh_id"`
	// WmsCoID is the branch warehouse (分仓编号).
	WmsCoID duijie.Int64 `json:"wms_co_id"`
	// LockWhID and LockWhName are the virtual warehouse.
	LockWhID duijie.Int64 `json:"lock_wh_id"`
	// LockWhName is the virtual warehouse's name.
	LockWhName string `json:"lock_wh_name"`
	// TaxRate is the tax rate.
	TaxRate duijie.Amount `json:"tax_rate"`
	// Remark is the remark, Labels the tags.
	Remark string `json:"remark"`
	// Labels are the tags.
	Labels string `json:"labels"`
	// MergeSoID is the booking number (预约单号).
	MergeSoID string `json:"merge_so_id"`
	// Type is the inbound type (进仓类型).
	Type string `json:"type"`
	// CreatorName is who made it.
	CreatorName string `json:"creator_name"`
	// LID is the waybill number.
	LID string `json:"l_id"`
	// Items are the bill's lines.
	Items []PurchaseInItem `json:"items"`
	// Batches are the batches, when the ERP manages them.
	Batches []BillBatch `json:"batchs"`
	// SNs are the unique codes, when the ERP manages them.
	SNs []BillSN `json:"sns"`
}

// PurchaseInItem is one line of a purchase-in bill.
type PurchaseInItem struct {
	// IoiID is the line number (入库子单号), IoID its bill.
	IoiID duijie.Int64 `json:"ioi_id"`
	// IoID is the bill.
	IoID duijie.Int64 `json:"io_id"`
	// SKUID is 商品编码, IID 款式编码.
	SKUID string `json:"sku_id"`
	// IID is 款式编码.
	IID string `json:"i_id"`
	// Name is the product name, Unit its unit.
	Name string `json:"name"`
	// Unit is the unit.
	Unit string `json:"unit"`
	// Qty is the quantity received.
	Qty duijie.Amount `json:"qty"`
	// CostPrice is the unit price, CostAmount the line amount.
	CostPrice duijie.Amount `json:"cost_price"`
	// CostAmount is the line amount.
	CostAmount duijie.Amount `json:"cost_amount"`
	// TaxRate is the line's tax rate.
	TaxRate duijie.Amount `json:"tax_rate"`
	// BatchNo is the batch, when configured.
	BatchNo string `json:"batch_no"`
	// Remark is the line's remark.
	Remark string `json:"remark"`
}

type purchaseInWire struct {
	PageIndex     int      `json:"page_index,omitempty"`
	PageSize      int      `json:"page_size,omitempty"`
	ModifiedBegin string   `json:"modified_begin,omitempty"`
	ModifiedEnd   string   `json:"modified_end,omitempty"`
	PoIDs         []string `json:"po_ids,omitempty"`
	IoIDs         []int64  `json:"io_ids,omitempty"`
	Statuses      []string `json:"statuss,omitempty"`
	SoIDs         []string `json:"so_ids,omitempty"`
	tsWire
	DateType *int `json:"date_type,omitempty"`
}

func (c *Client) purchaseInWire(q *PurchaseInQuery, tsMode bool) (*purchaseInWire, error) {
	op := table[opQueryPurchaseIns]
	if err := checkPage(q.PageIndex, q.PageSize, c.pageMax(op)); err != nil {
		return nil, err
	}
	if err := checkWindow(op, q.ModifiedBegin, q.ModifiedEnd); err != nil {
		return nil, err
	}
	if err := checkIDs("po_ids", q.PoIDs, MaxPurchaseKeys); err != nil {
		return nil, err
	}
	if err := checkIDs("io_ids", q.IoIDs, MaxPurchaseKeys); err != nil {
		return nil, err
	}
	if err := checkArray("statuss", q.Statuses, 0); err != nil {
		return nil, err
	}
	if err := checkArray("so_ids", q.SoIDs, 0); err != nil {
		return nil, err
	}
	filtered := !q.ModifiedBegin.IsZero() || len(q.PoIDs) > 0 || len(q.IoIDs) > 0 || len(q.Statuses) > 0 || len(q.SoIDs) > 0
	switch {
	case q.StartTS < 0:
		return nil, duijie.Invalid(vendor, "start_ts", duijie.RuleNegative, "")
	case q.DateType != DateModified && q.DateType != DateIO:
		return nil, duijie.Invalid(vendor, "date_type", duijie.RuleRange, "0 (modified) or 2 (io_date)")
	case (tsMode || q.StartTS > 0) && filtered:
		return nil, duijie.Invalid(vendor, "start_ts", duijie.RuleConflict, "with start_ts the vendor takes only paging: leave the other filters empty")
	case !tsMode && q.StartTS == 0 && !filtered:
		return nil, duijie.Invalid(vendor, "modified_begin", duijie.RuleRequired, "give a modified range, po_ids, io_ids, so_ids or start_ts")
	}
	w := windowOf(q.ModifiedBegin, q.ModifiedEnd)
	return &purchaseInWire{PageIndex: q.PageIndex, PageSize: q.PageSize, ModifiedBegin: w.ModifiedBegin, ModifiedEnd: w.ModifiedEnd,
		PoIDs: idTexts(q.PoIDs), IoIDs: q.IoIDs, Statuses: q.Statuses, SoIDs: q.SoIDs, tsWire: tsOf(q.StartTS, tsMode),
		DateType: dateTypeOf(q.ModifiedBegin, q.DateType)}, nil
}

// QueryPurchaseIns calls /open/purchasein/query (legacy purchasein.query,
// 采购入库查询) for one page of purchase-in bills with their lines. Fields
// and caps come from jst-java's JstQueryPurchaseInRequest and Response,
// whose Javadoc copies the vendor's doc (docType=7, docId=31): page_size at
// most 50, po_ids and io_ids at most 30 each, a modified range of at most 7
// days, and the start_ts cursor, which takes no other filter. Some apps are
// authorised for this data under /open/webapi/wmsapi/purchasein/purchaseinquery
// instead (jushuitan.md §5); call that path with Call. The page's Items are
// the answer's datas (an answer without them is an error matching
// ErrMissingList), Total its data_count, -1 when absent. Safe to replay: it
// is a read.
func (c *Client) QueryPurchaseIns(ctx context.Context, q *PurchaseInQuery) (*duijie.Page[PurchaseIn], error) {
	return c.queryPurchaseIns(ctx, q, false)
}

func (c *Client) queryPurchaseIns(ctx context.Context, q *PurchaseInQuery, tsMode bool) (*duijie.Page[PurchaseIn], error) {
	if q == nil {
		q = &PurchaseInQuery{}
	}
	w, err := c.purchaseInWire(q, tsMode)
	if err != nil {
		return nil, err
	}
	return queryList[PurchaseIn](ctx, c, table[opQueryPurchaseIns], w, q.PageIndex, q.PageSize)
}

func purchaseInKey(p PurchaseIn) string { return p.IoID.String() }

// PurchaseIns walks every page of QueryPurchaseIns, and every 7-day window
// when the range is longer. The request is copied; PageSize 0 means the
// maximum, 50. For a sync prefer PurchaseInsByTS.
func (c *Client) PurchaseIns(ctx context.Context, q *PurchaseInQuery) iter.Seq2[PurchaseIn, error] {
	op := table[opQueryPurchaseIns]
	base := PurchaseInQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(op)
	}
	stamp := func(p PurchaseIn) time.Time {
		if base.DateType == DateIO {
			return p.IoDate.Time
		}
		return p.Modified.Time
	}
	return pages(ctx, op, base, base.ModifiedBegin, base.ModifiedEnd, purchaseInKey, stamp,
		func(q *PurchaseInQuery, p int) { q.PageIndex = p },
		func(q *PurchaseInQuery, from, to time.Time) { q.ModifiedBegin, q.ModifiedEnd = from, to },
		c.QueryPurchaseIns)
}

// PurchaseInsByTS walks purchase-in changes by the start_ts cursor
// (防漏单), as SaleOutsByTS does for sales-out bills. The vendor takes no
// other filter with the cursor, so only StartTS and PageSize may be set.
func (c *Client) PurchaseInsByTS(ctx context.Context, q *PurchaseInQuery) iter.Seq2[PurchaseIn, error] {
	base := PurchaseInQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(table[opQueryPurchaseIns])
	}
	return cursorPages(ctx, base, base.StartTS, !base.ModifiedBegin.IsZero() || !base.ModifiedEnd.IsZero(), purchaseInKey,
		func(p PurchaseIn) int64 { return int64(p.TS) },
		func(q *PurchaseInQuery, ts int64) { q.StartTS, q.PageIndex = ts, 1 },
		func(ctx context.Context, q *PurchaseInQuery) (*duijie.Page[PurchaseIn], error) {
			return c.queryPurchaseIns(ctx, q, true)
		})
}
