package jushuitan

import (
	"context"
	"iter"
	"time"

	"github.com/duijie/duijie"
)

// MaxPurchaseOutPageSize is the most purchase-return bills per page of
// /open/purchaseout/query (默认30，最大50; jst-java JstQueryPurchaseOutRequest).
const MaxPurchaseOutPageSize = 50

// PurchaseOutQuery filters /open/purchaseout/query (采购退货查询). Give a
// modified range, SoIDs or IoIDs; the vendor offers no ts cursor here.
type PurchaseOutQuery struct {
	// ModifiedBegin and ModifiedEnd: both or neither, at most 7 days apart
	// for QueryPurchaseOuts (PurchaseOuts cuts longer ranges).
	ModifiedBegin, ModifiedEnd time.Time
	// DateType says which time the range bounds: DateModified (0, sent as
	// 0) or DateIO (2, the return's outbound date io_date).
	DateType DateType
	// SoIDs are online numbers.
	SoIDs []string
	// Status is Confirmed (生效), WaitConfirm (待审核), Creating (草拟),
	// Archive (归档), Cancelled (作废) or Confirming (已确认).
	Status string
	// IoIDs are purchase-return bill numbers (采购退货单号), at most 30.
	IoIDs []int64
	// PageIndex is the page, from 1 (0 means 1).
	PageIndex int
	// PageSize is bills per page, at most 50 (0 means the vendor's 30).
	PageSize int
}

// PurchaseOut is one purchase-return bill (采购退货单) with its lines.
// Fields are the datas of jst-java JstQueryPurchaseOutResponse.
type PurchaseOut struct {
	// IoID is the return's number (退货单号).
	IoID duijie.Int64 `json:"io_id"`
	// IoDate is the return date.
	IoDate duijie.Time `json:"io_date"`
	// PoID is the purchase order; CreatedPoID the repair order it links to.
	PoID duijie.Int64 `json:"po_id"`
	// CreatedPoID is 返修退货关联采购单.
	CreatedPoID duijie.Int64 `json:"created_po_id"`
	// SoID is the online number, OutIoID the external one.
	SoID string `json:"so_id"`
	// OutIoID is 外部单号.
	OutIoID string `json:"out_io_id"`
	// Status is Confirmed, WaitConfirm, Creating, Cancelled, OuterConfirming or Delete.
	Status string `json:"status"`
	// FStatus is the finance review state.
	FStatus string `json:"f_status"`
	// Modified is the last change, Archived the finance review date.
	Modified duijie.Time `json:"modified"`
	// Archived is 财务审核日期.
	Archived duijie.Time `json:"archived"`
	// SellerID is the supplier (供应商ID).
	SellerID duijie.Int64 `json:"seller_id"`
	// ReceiverName is the receiver or supplier name.
	ReceiverName string `json:"receiver_name"`
	// ReceiverMobile is the receiver's phone.
	ReceiverMobile string `json:"receiver_mobile"`
	// ReceiverState, ReceiverCity and ReceiverDistrict are the address parts.
	ReceiverState string `json:"receiver_state"`
	// ReceiverCity is the city.
	ReceiverCity string `json:"receiver_city"`
	// ReceiverDistrict is the district.
	ReceiverDistrict string `json:"receiver_district"`
	// ReceiverAddress is the address.
	ReceiverAddress string `json:"receiver_address"`
	// Warehouse is the warehouse's name; WhID 1 main, 2 returns, 3 inbound, 4 defective.
	Warehouse string `json:"warehouse"`
	// WhID is the warehouse number.
	WhID duijie.Int64 `json:"wh_id"`
	// WmsCoID is the branch warehouse (分仓编号).
	WmsCoID duijie.Int64 `json:"wms_co_id"`
	// LockWhID and LockWhName are the virtual warehouse.
	LockWhID duijie.Int64 `json:"lock_wh_id"`
	// LockWhName is the virtual warehouse's name.
	LockWhName string `json:"lock_wh_name"`
	// WaveID is the picking batch.
	WaveID duijie.Int64 `json:"wave_id"`
	// LogisticsCompany, LcID and LID are the carrier and waybill.
	LogisticsCompany string `json:"logistics_company"`
	// LcID is the carrier code.
	LcID string `json:"lc_id"`
	// LID is the waybill number.
	LID string `json:"l_id"`
	// FreeAmount is the field the vendor's table describes as 税率.
	FreeAmount duijie.Amount `json:"free_amount"`
	// Remark is the remark, Labels the tags.
	Remark string `json:"remark"`
	// Labels are the tags.
	Labels string `json:"labels"`
	// CreatorName is who made it.
	CreatorName string `json:"creator_name"`
	// Items are the bill's lines.
	Items []PurchaseOutItem `json:"items"`
	// Batches are the batches, when the ERP manages them.
	Batches []BillBatch `json:"batchs"`
	// SNs are the unique codes, when the ERP manages them.
	SNs []BillSN `json:"sns"`
}

// PurchaseOutItem is one line of a purchase-return bill.
type PurchaseOutItem struct {
	// IoiID is the line number, IoID its bill.
	IoiID duijie.Int64 `json:"ioi_id"`
	// IoID is the bill.
	IoID duijie.Int64 `json:"io_id"`
	// CoID is the company.
	CoID duijie.Int64 `json:"co_id"`
	// SKUID is 商品编码, IID 款式编码.
	SKUID string `json:"sku_id"`
	// IID is 款式编码.
	IID string `json:"i_id"`
	// Name is the product name, PropertiesValue its attributes.
	Name string `json:"name"`
	// PropertiesValue is the attributes text.
	PropertiesValue string `json:"properties_value"`
	// Qty is the quantity returned.
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

type purchaseOutWire struct {
	PageIndex     int      `json:"page_index,omitempty"`
	PageSize      int      `json:"page_size,omitempty"`
	ModifiedBegin string   `json:"modified_begin,omitempty"`
	ModifiedEnd   string   `json:"modified_end,omitempty"`
	SoIDs         []string `json:"so_ids,omitempty"`
	Status        string   `json:"status,omitempty"`
	IoIDs         []string `json:"io_ids,omitempty"`
	DateType      *int     `json:"date_type,omitempty"`
}

// QueryPurchaseOuts calls /open/purchaseout/query (legacy
// purchaseout.query, 采购退货查询) for one page of purchase-return bills
// with their lines. Fields and caps come from jst-java's
// JstQueryPurchaseOutRequest and Response, whose Javadoc copies the
// vendor's doc (docType=8, docId=36): page_size at most 50, io_ids at most
// 30, a modified range of at most 7 days; no ts cursor. The page's Items
// are the answer's datas (an answer without them is an error matching
// ErrMissingList), Total its data_count, -1 when absent. Safe to replay: it
// is a read.
func (c *Client) QueryPurchaseOuts(ctx context.Context, q *PurchaseOutQuery) (*duijie.Page[PurchaseOut], error) {
	if q == nil {
		q = &PurchaseOutQuery{}
	}
	op := table[opQueryPurchaseOuts]
	if err := checkPage(q.PageIndex, q.PageSize, c.pageMax(op)); err != nil {
		return nil, err
	}
	if err := checkWindow(op, q.ModifiedBegin, q.ModifiedEnd); err != nil {
		return nil, err
	}
	if err := checkArray("so_ids", q.SoIDs, 0); err != nil {
		return nil, err
	}
	if err := checkIDs("io_ids", q.IoIDs, MaxPurchaseKeys); err != nil {
		return nil, err
	}
	switch {
	case q.DateType != DateModified && q.DateType != DateIO:
		return nil, duijie.Invalid(vendor, "date_type", duijie.RuleRange, "0 (modified) or 2 (io_date)")
	case q.ModifiedBegin.IsZero() && len(q.SoIDs) == 0 && len(q.IoIDs) == 0:
		return nil, duijie.Invalid(vendor, "modified_begin", duijie.RuleRequired, "give a modified range, so_ids or io_ids")
	}
	w := windowOf(q.ModifiedBegin, q.ModifiedEnd)
	wire := &purchaseOutWire{PageIndex: q.PageIndex, PageSize: q.PageSize, ModifiedBegin: w.ModifiedBegin, ModifiedEnd: w.ModifiedEnd,
		SoIDs: q.SoIDs, Status: q.Status, IoIDs: idTexts(q.IoIDs), DateType: dateTypeOf(q.ModifiedBegin, q.DateType)}
	return queryList[PurchaseOut](ctx, c, op, wire, q.PageIndex, q.PageSize)
}

// PurchaseOuts walks every page of QueryPurchaseOuts, and every 7-day
// window when the range is longer. The request is copied; PageSize 0 means
// the maximum, 50.
func (c *Client) PurchaseOuts(ctx context.Context, q *PurchaseOutQuery) iter.Seq2[PurchaseOut, error] {
	op := table[opQueryPurchaseOuts]
	base := PurchaseOutQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(op)
	}
	stamp := func(p PurchaseOut) time.Time {
		if base.DateType == DateIO {
			return p.IoDate.Time
		}
		return p.Modified.Time
	}
	return pages(ctx, op, base, base.ModifiedBegin, base.ModifiedEnd, func(p PurchaseOut) string { return p.IoID.String() }, stamp,
		func(q *PurchaseOutQuery, p int) { q.PageIndex = p },
		func(q *PurchaseOutQuery, from, to time.Time) { q.ModifiedBegin, q.ModifiedEnd = from, to },
		c.QueryPurchaseOuts)
}
