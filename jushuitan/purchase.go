package jushuitan

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/duijie/duijie"
)

// PurchaseUpload is one purchase order for /open/jushuitan/purchase/upload
// (采购单上传). Fields are jst-java's JstUploadPurchaseRequest. Empty
// optional fields are left out of the JSON.
type PurchaseUpload struct {
	// ExternalID is the caller's order number (外部单号); required here, as
	// the key to look the order up by.
	ExternalID string
	// SupplierID is the supplier (供应商编码, the ERP's internal code).
	SupplierID int64
	// WmsCoID is the branch warehouse (分仓编号).
	WmsCoID int64
	// IsConfirm confirms the order at once; it is always sent.
	IsConfirm bool
	// IsEdit lets an upload of a known order update it (是否更新单据, true
	// only); it is always sent.
	IsEdit bool
	// ItemType is 成品, 半成品 or 原材料.
	ItemType string
	// PoDate is the purchase date.
	PoDate duijie.Time
	// PurchaserName is the buyer (采购员).
	PurchaserName string
	// Remark is left out when empty, as the vendor asks.
	Remark string
	// Term is the contract terms, SendAddress the delivery address.
	Term, SendAddress string
	// TaxRate is the tax rate in percent (17 for 17%); 0 leaves it out.
	TaxRate int
	// MoreRate is the over-delivery allowance in percent; 0 leaves it out.
	MoreRate int
	// Freight is the shipping fee, at most 2 decimal places; zero leaves it out.
	Freight duijie.Amount
	// LID and LogisticsCompany are the waybill and carrier.
	LID, LogisticsCompany string
	// ReceiverState, ReceiverCity and ReceiverDistrict default to the
	// warehouse's when left empty.
	ReceiverState, ReceiverCity, ReceiverDistrict string
	// Labels are tags.
	Labels []string
	// LockLwhID is the operations cloud warehouse (运营云仓编码).
	LockLwhID int64
	// Items are the lines; at least one.
	Items []PurchaseUploadItem
}

// PurchaseUploadItem is one line of a purchase order upload.
type PurchaseUploadItem struct {
	// SKUID is 商品编码; required.
	SKUID string
	// Qty is the quantity, at least 1.
	Qty int
	// Price is the unit price, at most 4 decimal places; it is always sent.
	Price duijie.Amount
	// TaxRate is the line's tax rate in percent; 0 leaves it out.
	TaxRate int
	// PlanArriveQty and PlanArriveDate are the agreed delivery.
	PlanArriveQty int
	// PlanArriveDate is the agreed delivery date.
	PlanArriveDate duijie.Time
	// Remark is the line's remark.
	Remark string
}

type purchaseUploadWire struct {
	IsConfirm        bool               `json:"is_confirm"`
	WmsCoID          int64              `json:"wms_co_id,omitempty"`
	SupplierID       int64              `json:"supplier_id,omitempty"`
	ItemType         string             `json:"item_type,omitempty" limit:"enum=成品|半成品|原材料"`
	ExternalID       string             `json:"external_id" limit:"id"`
	Remark           string             `json:"remark,omitempty"`
	Term             string             `json:"term,omitempty"`
	SendAddress      string             `json:"send_address,omitempty"`
	PurchaserName    string             `json:"purchaser_name,omitempty"`
	TaxRate          int                `json:"tax_rate,omitempty"`
	MoreRate         int                `json:"more_rate,omitempty"`
	PoDate           string             `json:"po_date,omitempty"`
	Items            []purchaseItemWire `json:"items"`
	LID              string             `json:"l_id,omitempty" limit:"id"`
	LogisticsCompany string             `json:"logistics_company,omitempty"`
	ReceiverState    string             `json:"receiver_state,omitempty"`
	ReceiverCity     string             `json:"receiver_city,omitempty"`
	ReceiverDistrict string             `json:"receiver_district,omitempty"`
	Freight          json.Number        `json:"freight,omitzero"`
	Labels           []string           `json:"labels,omitempty"`
	LockLwhID        int64              `json:"lock_lwh_id,omitempty"`
	IsEdit           bool               `json:"is_edit"`
}

type purchaseItemWire struct {
	SKUID          string      `json:"sku_id" limit:"id"`
	Qty            int         `json:"qty"`
	Price          json.Number `json:"price"`
	Remark         string      `json:"remark,omitempty"`
	TaxRate        int         `json:"tax_rate,omitempty"`
	PlanArriveQty  int         `json:"plan_arrive_qty,omitempty"`
	PlanArriveDate string      `json:"plan_arrive_date,omitempty"`
}

// PurchaseResult is the vendor's answer to a purchase order upload.
type PurchaseResult struct {
	// PoID is the ERP's purchase order number (聚水潭采购单号); 0 when a
	// successful answer does not carry it.
	PoID duijie.Int64 `json:"po_id"`
	// ExternalID repeats the upload's external number.
	ExternalID string `json:"external_id"`
}

func (u *PurchaseUpload) wire() (*purchaseUploadWire, error) {
	switch {
	case strings.TrimSpace(u.ExternalID) == "":
		return nil, duijie.Invalid(vendor, "external_id", duijie.RuleRequired, "the order's own number, by which it is found again")
	case len(u.Items) == 0:
		return nil, duijie.Invalid(vendor, "items", duijie.RuleRequired, "at least one line")
	case u.SupplierID < 0 || u.WmsCoID < 0 || u.LockLwhID < 0:
		return nil, duijie.Invalid(vendor, "supplier_id", duijie.RuleNegative, "supplier_id, wms_co_id and lock_lwh_id are not negative")
	case u.TaxRate < 0 || u.TaxRate > 100:
		return nil, duijie.Invalid(vendor, "tax_rate", duijie.RuleRange, "a percentage, 17 for 17%")
	case u.MoreRate < 0:
		return nil, duijie.Invalid(vendor, "more_rate", duijie.RuleNegative, "")
	}
	if f := checkAmount(u.Freight, 2); f != nil {
		return nil, duijie.Invalid(vendor, "freight", f.rule, f.detail)
	}
	w := &purchaseUploadWire{IsConfirm: u.IsConfirm, WmsCoID: u.WmsCoID, SupplierID: u.SupplierID, ItemType: u.ItemType, ExternalID: u.ExternalID,
		Remark: u.Remark, Term: u.Term, SendAddress: u.SendAddress, PurchaserName: u.PurchaserName, TaxRate: u.TaxRate, MoreRate: u.MoreRate,
		PoDate: timeText(u.PoDate), Items: make([]purchaseItemWire, len(u.Items)), LID: u.LID, LogisticsCompany: u.LogisticsCompany,
		ReceiverState: u.ReceiverState, ReceiverCity: u.ReceiverCity, ReceiverDistrict: u.ReceiverDistrict,
		Freight: fixedOrEmpty(u.Freight, 2), Labels: u.Labels, LockLwhID: u.LockLwhID, IsEdit: u.IsEdit}
	for i, it := range u.Items {
		at := func(field string) string { return fmt.Sprintf("items[%d].%s", i, field) }
		switch {
		case it.SKUID == "":
			return nil, duijie.Invalid(vendor, at("sku_id"), duijie.RuleRequired, "")
		case it.Qty <= 0:
			return nil, duijie.Invalid(vendor, at("qty"), duijie.RuleRange, "at least 1")
		case it.TaxRate < 0 || it.TaxRate > 100:
			return nil, duijie.Invalid(vendor, at("tax_rate"), duijie.RuleRange, "a percentage, 17 for 17%")
		case it.PlanArriveQty < 0:
			return nil, duijie.Invalid(vendor, at("plan_arrive_qty"), duijie.RuleNegative, "")
		}
		if f := checkAmount(it.Price, 4); f != nil {
			return nil, duijie.Invalid(vendor, at("price"), f.rule, f.detail)
		}
		w.Items[i] = purchaseItemWire{SKUID: it.SKUID, Qty: it.Qty, Price: fixed(it.Price, 4), Remark: it.Remark, TaxRate: it.TaxRate,
			PlanArriveQty: it.PlanArriveQty, PlanArriveDate: timeText(it.PlanArriveDate)}
	}
	if err := limits.Check(w); err != nil {
		return nil, err
	}
	return w, nil
}

// UploadPurchase calls /open/jushuitan/purchase/upload (采购单上传) with one
// purchase order. No legacy method is known for this path: the legacy
// purchase.upload seen in code (jushuitan.md §3.4) is not tied to it by
// any source, so a legacy client refuses it before sending. Fields come
// from jst-java's JstUploadPurchaseRequest and Response, whose Javadoc
// copies the vendor's doc (docType=6, docId=27); the answer's po_id is the
// order's number. Prices travel with 4 decimal places, the freight with 2
// (the notes give no scale; these are the order upload's).
//
// Not replayed after an unclear outcome (HTTP 5xx, a reset, a timeout, a
// code 100 renewal): external_id is only inferred to be the key
// (breadth.md §4.2), and an upload of a known order updates it only with
// is_edit, so a resend might make a second order. Throttled calls (codes
// 199, 200) are retried. After an error that may have reached the vendor,
// look the order up (its external number) before uploading it again.
func (c *Client) UploadPurchase(ctx context.Context, u *PurchaseUpload) (*PurchaseResult, error) {
	if u == nil {
		return nil, duijie.Invalid(vendor, "external_id", duijie.RuleRequired, "an order")
	}
	w, err := u.wire()
	if err != nil {
		return nil, err
	}
	ans := &billAnswer[PurchaseResult]{}
	if err := c.invoke(ctx, table[opUploadPurchase], w, ans); err != nil {
		return nil, err
	}
	out := &PurchaseResult{ExternalID: u.ExternalID}
	if ans.Data != nil {
		out.PoID = ans.Data.PoID
		if ans.Data.ExternalID != "" {
			out.ExternalID = ans.Data.ExternalID
		}
	}
	return out, nil
}

// MaxPurchasePageSize is the most purchase orders per page of
// /open/purchase/query (默认30，最大不超过50; jst-java JstQueryPurchaseRequest).
const MaxPurchasePageSize = 50

// PurchaseQuery filters /open/purchase/query (采购单查询). Give a modified
// range, SoIDs or PoIDs.
type PurchaseQuery struct {
	// ModifiedBegin and ModifiedEnd: both or neither, at most 7 days apart
	// for QueryPurchases (Purchases cuts longer ranges).
	ModifiedBegin, ModifiedEnd time.Time
	// SoIDs are external numbers: an upload's external_id.
	SoIDs []string
	// PoIDs are purchase order numbers (采购单号).
	PoIDs []int64
	// IsLock asks for the operations cloud warehouse (is_lock, sent as
	// "true" as the vendor's table types it text); false leaves it out.
	IsLock bool
	// PageIndex is the page, from 1 (0 means 1).
	PageIndex int
	// PageSize is orders per page, at most 50 (0 means the vendor's 30).
	PageSize int
}

// Purchase is one purchase order (采购单) with its lines. Fields are the
// datas of jst-java JstQueryPurchaseResponse.
type Purchase struct {
	// PoID is the purchase order number.
	PoID duijie.Int64 `json:"po_id"`
	// SoID is the external number: an upload's external_id.
	SoID string `json:"so_id"`
	// PoDate is the purchase date.
	PoDate duijie.Time `json:"po_date"`
	// Status is Creating, WaitConfirm, Confirmed, Finished, Cancelled or Delete.
	Status string `json:"status"`
	// ReceiveStatus is Timeout, Received, Part_Received or Not_Received.
	ReceiveStatus string `json:"receive_status"`
	// SupplierID is the supplier, Seller its name.
	SupplierID duijie.Int64 `json:"supplier_id"`
	// Seller is the supplier's name.
	Seller string `json:"seller"`
	// WmsCoID is the warehouse.
	WmsCoID duijie.Int64 `json:"wms_co_id"`
	// TaxRate is the tax rate in percent, MoreRate the over-delivery allowance.
	TaxRate duijie.Amount `json:"tax_rate"`
	// MoreRate is 溢装比.
	MoreRate duijie.Amount `json:"more_rate"`
	// Freight is the shipping fee.
	Freight duijie.Amount `json:"freight"`
	// PurchaserName is the buyer.
	PurchaserName string `json:"purchaser_name"`
	// SendAddress is the delivery address, Term the contract terms.
	SendAddress string `json:"send_address"`
	// Term is 合同条款.
	Term string `json:"term"`
	// ItemType is the goods type.
	ItemType string `json:"item_type"`
	// Remark is the remark, Labels the tags.
	Remark string `json:"remark"`
	// Labels are the tags.
	Labels string `json:"labels"`
	// ConfirmDate is when it took effect, FinishTime when it was finished.
	ConfirmDate duijie.Time `json:"confirm_date"`
	// FinishTime is 完成日期.
	FinishTime duijie.Time `json:"finish_time"`
	// Modified is the last change.
	Modified duijie.Time `json:"modified"`
	// MergePoID is the summary order (汇总采购单号).
	MergePoID string `json:"merge_po_id"`
	// LockLwhID is the operations cloud warehouse, given with IsLock.
	LockLwhID duijie.Int64 `json:"lock_lwh_id"`
	// Items are the order's lines.
	Items []PurchaseItem `json:"items"`
}

// PurchaseItem is one line of a purchase order.
type PurchaseItem struct {
	// PoiID is the line number, PoID its order.
	PoiID duijie.Int64 `json:"poi_id"`
	// PoID is the order.
	PoID duijie.Int64 `json:"po_id"`
	// SKUID is the merchant's SKU, IID the style.
	SKUID string `json:"sku_id"`
	// IID is 款号.
	IID string `json:"i_id"`
	// Name is the product name.
	Name string `json:"name"`
	// Qty is the quantity ordered (not received: see QueryPurchaseIns).
	Qty duijie.Amount `json:"qty"`
	// Price is the unit price, TaxRate the line's tax rate.
	Price duijie.Amount `json:"price"`
	// TaxRate is the line's tax rate.
	TaxRate duijie.Amount `json:"tax_rate"`
	// DeliveryDate is the expected arrival.
	DeliveryDate duijie.Time `json:"delivery_date"`
	// InQty is the quantity received, ReturnQty returned.
	InQty duijie.Amount `json:"in_qty"`
	// ReturnQty is the quantity returned.
	ReturnQty duijie.Amount `json:"return_qty"`
	// QcQty, QcQualityQty and QcDefectiveQty are the inspection counts.
	QcQty duijie.Amount `json:"qc_qty"`
	// QcQualityQty is 质检正品数.
	QcQualityQty duijie.Amount `json:"qc_quality_qty"`
	// QcDefectiveQty is 质检次品数.
	QcDefectiveQty duijie.Amount `json:"qc_defective_qty"`
	// IsDelivery is 2 all shelved, 1 partly, 0 not.
	IsDelivery duijie.Int64 `json:"is_delivery"`
	// Remark is the line's remark.
	Remark string `json:"remark"`
}

type purchaseQueryWire struct {
	PageIndex     int      `json:"page_index,omitempty"`
	PageSize      int      `json:"page_size,omitempty"`
	ModifiedBegin string   `json:"modified_begin,omitempty"`
	ModifiedEnd   string   `json:"modified_end,omitempty"`
	SoIDs         []string `json:"so_ids,omitempty"`
	PoIDs         []string `json:"po_ids,omitempty"`
	IsLock        string   `json:"is_lock,omitempty"`
}

// QueryPurchases calls /open/purchase/query (采购单查询) for one page of
// purchase orders with their lines. No legacy method is known for it: a
// legacy client refuses it before sending. Fields and caps come from
// jst-java's JstQueryPurchaseRequest and Response, whose Javadoc copies the
// vendor's doc (docType=6, docId=26): page_size at most 50, a modified
// range of at most 7 days; no ts cursor. An uploaded order is found by its
// external_id in SoIDs. The page's Items are the answer's datas (an answer
// without them is an error matching ErrMissingList), Total its data_count,
// -1 when absent. Safe to replay: it is a read.
func (c *Client) QueryPurchases(ctx context.Context, q *PurchaseQuery) (*duijie.Page[Purchase], error) {
	if q == nil {
		q = &PurchaseQuery{}
	}
	op := table[opQueryPurchases]
	if err := checkPage(q.PageIndex, q.PageSize, c.pageMax(op)); err != nil {
		return nil, err
	}
	if err := checkWindow(op, q.ModifiedBegin, q.ModifiedEnd); err != nil {
		return nil, err
	}
	if err := checkArray("so_ids", q.SoIDs, 0); err != nil {
		return nil, err
	}
	if err := checkIDs("po_ids", q.PoIDs, 0); err != nil {
		return nil, err
	}
	if q.ModifiedBegin.IsZero() && len(q.SoIDs) == 0 && len(q.PoIDs) == 0 {
		return nil, duijie.Invalid(vendor, "modified_begin", duijie.RuleRequired, "give a modified range, so_ids or po_ids")
	}
	w := windowOf(q.ModifiedBegin, q.ModifiedEnd)
	wire := &purchaseQueryWire{PageIndex: q.PageIndex, PageSize: q.PageSize, ModifiedBegin: w.ModifiedBegin, ModifiedEnd: w.ModifiedEnd,
		SoIDs: q.SoIDs, PoIDs: idTexts(q.PoIDs)}
	if q.IsLock {
		wire.IsLock = "true"
	}
	return queryList[Purchase](ctx, c, op, wire, q.PageIndex, q.PageSize)
}

// Purchases walks every page of QueryPurchases, and every 7-day window when
// the range is longer. The request is copied; PageSize 0 means the
// maximum, 50.
func (c *Client) Purchases(ctx context.Context, q *PurchaseQuery) iter.Seq2[Purchase, error] {
	op := table[opQueryPurchases]
	base := PurchaseQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(op)
	}
	return pages(ctx, op, base, base.ModifiedBegin, base.ModifiedEnd, func(p Purchase) string { return p.PoID.String() },
		func(p Purchase) time.Time { return p.Modified.Time },
		func(q *PurchaseQuery, p int) { q.PageIndex = p },
		func(q *PurchaseQuery, from, to time.Time) { q.ModifiedBegin, q.ModifiedEnd = from, to },
		c.QueryPurchases)
}
