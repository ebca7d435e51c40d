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

// Caps of the other in/out operations (jst-java JstQueryOtherInOutRequest
// and JstUploadOtherInOutRequest Javadoc, copied from the vendor's doc).
const (
	// MaxOtherInOutPageSize is the most bills per page of /open/other/inout/query (默认30，最大50).
	MaxOtherInOutPageSize = 50
	// MaxOtherInOutKeys is the most so_ids or io_ids per query (最多50个).
	MaxOtherInOutKeys = 50
	// MaxLabelsLength is the most characters of an upload's labels in all
	// (总length不能超过200).
	MaxLabelsLength = 200
)

// OtherInOutQuery filters /open/other/inout/query (其它出入库查询). Give a
// modified range, SoIDs, IoIDs or StartTS. With StartTS the vendor takes no
// other filter but paging, so none may be set.
type OtherInOutQuery struct {
	// ModifiedBegin and ModifiedEnd: both or neither, at most 7 days apart
	// for QueryOtherInOuts (OtherInOuts cuts longer ranges).
	ModifiedBegin, ModifiedEnd time.Time
	// DateType says which time the range bounds: DateModified (0, sent as
	// 0) or DateIO (2, io_date).
	DateType DateType
	// SoIDs are online numbers (an upload's external_id), at most 50.
	SoIDs []string
	// Types are bill types: 其它退货, 其它出库, 其它进仓.
	Types []string
	// Status is Confirmed (生效), WaitConfirm (待审核), OuterConfirming,
	// Cancelled (voided after it took effect) or Delete (voided before).
	Status string
	// WmsCoID limits to one branch warehouse (分仓编号).
	WmsCoID int64
	// IoIDs are bill numbers (出仓单号), at most 50.
	IoIDs []int64
	// StartTS asks for bills past this row version (the 防漏单 cursor);
	// 0 leaves it out.
	StartTS int64
	// PageIndex is the page, from 1 (0 means 1).
	PageIndex int
	// PageSize is bills per page, at most 50 (0 means the vendor's 30).
	PageSize int
}

// OtherInOut is one other in/out bill (其它出入库单) with its lines. Fields
// are the datas of jst-java JstQueryOtherInOutResponse.
type OtherInOut struct {
	// IoID is the bill number (出仓单号).
	IoID duijie.Int64 `json:"io_id"`
	// IoDate is the bill date.
	IoDate duijie.Time `json:"io_date"`
	// Status is Confirmed, WaitConfirm, OuterConfirming, Cancelled or Delete.
	Status string `json:"status"`
	// SoID is the online number: an upload's external_id.
	SoID string `json:"so_id"`
	// Type is the bill type: 其它退货, 其它出库 or 其它进仓.
	Type string `json:"type"`
	// FStatus is the finance state.
	FStatus string `json:"f_status"`
	// Warehouse is the warehouse's name; WhID 1 main, 2 returns, 3 inbound, 4 defective, 6–8 custom.
	Warehouse string `json:"warehouse"`
	// WhID is the warehouse number.
	WhID duijie.Int64 `json:"wh_id"`
	// WmsCoID is the branch warehouse (分仓编号).
	WmsCoID duijie.Int64 `json:"wms_co_id"`
	// ReceiverName, ReceiverMobile and the address parts are the consignee.
	ReceiverName string `json:"receiver_name"`
	// ReceiverMobile is the consignee's phone.
	ReceiverMobile string `json:"receiver_mobile"`
	// ReceiverState is the province.
	ReceiverState string `json:"receiver_state"`
	// ReceiverCity is the city.
	ReceiverCity string `json:"receiver_city"`
	// ReceiverDistrict is the district.
	ReceiverDistrict string `json:"receiver_district"`
	// ReceiverAddress is the address.
	ReceiverAddress string `json:"receiver_address"`
	// Remark is the remark, Labels the tags.
	Remark string `json:"remark"`
	// Labels are the tags.
	Labels string `json:"labels"`
	// Created is when it was made, Modified its last change.
	Created duijie.Time `json:"created"`
	// Modified is its last change.
	Modified duijie.Time `json:"modified"`
	// TS is the row version (the StartTS cursor). jst-java's response class
	// lists no ts; the vendor's request offers start_ts, so the answer is
	// read for it.
	TS duijie.Int64 `json:"ts"`
	// CreatorName is who made it, InoutUser who handled it.
	CreatorName string `json:"creator_name"`
	// InoutUser is 其它出入库人员.
	InoutUser string `json:"inout_user"`
	// WaveID is the picking batch.
	WaveID duijie.Int64 `json:"wave_id"`
	// DropCoName is the outbound type (出库类型).
	DropCoName string `json:"drop_co_name"`
	// LID, LcID and LogisticsCompany are the waybill and carrier.
	LID string `json:"l_id"`
	// LcID is the carrier code.
	LcID string `json:"lc_id"`
	// LogisticsCompany is the carrier's name.
	LogisticsCompany string `json:"logistics_company"`
	// LockWhID and LockWhName are the virtual warehouse.
	LockWhID duijie.Int64 `json:"lock_wh_id"`
	// LockWhName is the virtual warehouse's name.
	LockWhName string `json:"lock_wh_name"`
	// Items are the bill's lines.
	Items []OtherInOutItem `json:"items"`
	// Batches are the batches, when the ERP manages them.
	Batches []BillBatch `json:"batchs"`
	// SNs are the unique codes, when the ERP manages them.
	SNs []BillSN `json:"sns"`
}

// OtherInOutItem is one line of an other in/out bill.
type OtherInOutItem struct {
	// IoiID is the line number, IoID its bill.
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
	// PropertiesValue is the colour and size text.
	PropertiesValue string `json:"properties_value"`
	// Qty is the quantity.
	Qty duijie.Amount `json:"qty"`
	// CostPrice is the unit cost, CostAmount the line cost.
	CostPrice duijie.Amount `json:"cost_price"`
	// CostAmount is the line cost.
	CostAmount duijie.Amount `json:"cost_amount"`
	// SalePrice is the unit price, SaleAmount the line amount.
	SalePrice duijie.Amount `json:"sale_price"`
	// SaleAmount is the line amount.
	SaleAmount duijie.Amount `json:"sale_amount"`
	// BatchID is the batch, when configured.
	BatchID string `json:"batch_id"`
	// ProductDate is the batch date, when configured.
	ProductDate duijie.Text `json:"product_date"`
	// SupplierID is the supplier, when configured.
	SupplierID duijie.Int64 `json:"supplier_id"`
	// ExpirationDate is the best-before date, when configured.
	ExpirationDate duijie.Text `json:"expiration_date"`
	// Remark is the line's remark.
	Remark string `json:"remark"`
}

type otherInOutWire struct {
	ModifiedBegin string   `json:"modified_begin,omitempty"`
	ModifiedEnd   string   `json:"modified_end,omitempty"`
	SoIDs         []string `json:"so_ids,omitempty"`
	Types         []string `json:"types,omitempty"`
	Status        string   `json:"status,omitempty"`
	PageIndex     int      `json:"page_index,omitempty"`
	PageSize      int      `json:"page_size,omitempty"`
	WmsCoID       int64    `json:"wms_co_id,omitempty"`
	IoIDs         []string `json:"io_ids,omitempty"`
	DateType      *int     `json:"date_type,omitempty"`
	StartTS       *int64   `json:"start_ts,omitempty"`
}

func (c *Client) otherInOutWire(q *OtherInOutQuery, tsMode bool) (*otherInOutWire, error) {
	op := table[opQueryOtherInOuts]
	if err := checkPage(q.PageIndex, q.PageSize, c.pageMax(op)); err != nil {
		return nil, err
	}
	if err := checkWindow(op, q.ModifiedBegin, q.ModifiedEnd); err != nil {
		return nil, err
	}
	if err := checkArray("so_ids", q.SoIDs, MaxOtherInOutKeys); err != nil {
		return nil, err
	}
	if err := checkArray("types", q.Types, 0); err != nil {
		return nil, err
	}
	if err := checkIDs("io_ids", q.IoIDs, MaxOtherInOutKeys); err != nil {
		return nil, err
	}
	filtered := !q.ModifiedBegin.IsZero() || len(q.SoIDs) > 0 || len(q.IoIDs) > 0 || len(q.Types) > 0 || q.Status != "" || q.WmsCoID != 0
	switch {
	case q.StartTS < 0 || q.WmsCoID < 0:
		return nil, duijie.Invalid(vendor, "start_ts", duijie.RuleNegative, "start_ts and wms_co_id are not negative")
	case q.DateType != DateModified && q.DateType != DateIO:
		return nil, duijie.Invalid(vendor, "date_type", duijie.RuleRange, "0 (modified) or 2 (io_date)")
	case (tsMode || q.StartTS > 0) && filtered:
		return nil, duijie.Invalid(vendor, "start_ts", duijie.RuleConflict, "with start_ts the vendor takes only paging: leave the other filters empty")
	case !tsMode && q.StartTS == 0 && q.ModifiedBegin.IsZero() && len(q.SoIDs) == 0 && len(q.IoIDs) == 0:
		return nil, duijie.Invalid(vendor, "modified_begin", duijie.RuleRequired, "give a modified range, so_ids, io_ids or start_ts")
	}
	w := windowOf(q.ModifiedBegin, q.ModifiedEnd)
	out := &otherInOutWire{ModifiedBegin: w.ModifiedBegin, ModifiedEnd: w.ModifiedEnd, SoIDs: q.SoIDs, Types: q.Types, Status: q.Status,
		PageIndex: q.PageIndex, PageSize: q.PageSize, WmsCoID: q.WmsCoID, IoIDs: idTexts(q.IoIDs), DateType: dateTypeOf(q.ModifiedBegin, q.DateType)}
	if tsMode || q.StartTS > 0 {
		// The vendor's table for this query has no is_get_total.
		ts := q.StartTS
		out.StartTS = &ts
	}
	return out, nil
}

// QueryOtherInOuts calls /open/other/inout/query (其它出入库查询) for one
// page of other in/out bills with their lines. No legacy method is known
// for it (breadth.md §4.2): a legacy client refuses it before sending.
// Fields and caps come from jst-java's JstQueryOtherInOutRequest and
// Response, whose Javadoc copies the vendor's doc (docType=10, docId=42):
// page_size at most 50, so_ids and io_ids at most 50, a modified range of
// at most 7 days, and the start_ts cursor, which takes no other filter.
// The page's Items are the answer's datas (an answer without them is an
// error matching ErrMissingList), Total its data_count, -1 when absent.
// Safe to replay: it is a read.
func (c *Client) QueryOtherInOuts(ctx context.Context, q *OtherInOutQuery) (*duijie.Page[OtherInOut], error) {
	return c.queryOtherInOuts(ctx, q, false)
}

func (c *Client) queryOtherInOuts(ctx context.Context, q *OtherInOutQuery, tsMode bool) (*duijie.Page[OtherInOut], error) {
	if q == nil {
		q = &OtherInOutQuery{}
	}
	w, err := c.otherInOutWire(q, tsMode)
	if err != nil {
		return nil, err
	}
	return queryList[OtherInOut](ctx, c, table[opQueryOtherInOuts], w, q.PageIndex, q.PageSize)
}

func otherInOutKey(b OtherInOut) string { return b.IoID.String() }

// OtherInOuts walks every page of QueryOtherInOuts, and every 7-day window
// when the range is longer. The request is copied; PageSize 0 means the
// maximum, 50. For a sync prefer OtherInOutsByTS.
func (c *Client) OtherInOuts(ctx context.Context, q *OtherInOutQuery) iter.Seq2[OtherInOut, error] {
	op := table[opQueryOtherInOuts]
	base := OtherInOutQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(op)
	}
	stamp := func(b OtherInOut) time.Time {
		if base.DateType == DateIO {
			return b.IoDate.Time
		}
		return b.Modified.Time
	}
	return pages(ctx, op, base, base.ModifiedBegin, base.ModifiedEnd, otherInOutKey, stamp,
		func(q *OtherInOutQuery, p int) { q.PageIndex = p },
		func(q *OtherInOutQuery, from, to time.Time) { q.ModifiedBegin, q.ModifiedEnd = from, to },
		c.QueryOtherInOuts)
}

// OtherInOutsByTS walks other in/out changes by the start_ts cursor
// (防漏单), as SaleOutsByTS does for sales-out bills. The vendor takes no
// other filter with the cursor, so only StartTS and PageSize may be set.
func (c *Client) OtherInOutsByTS(ctx context.Context, q *OtherInOutQuery) iter.Seq2[OtherInOut, error] {
	base := OtherInOutQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(table[opQueryOtherInOuts])
	}
	return cursorPages(ctx, base, base.StartTS, !base.ModifiedBegin.IsZero() || !base.ModifiedEnd.IsZero(), otherInOutKey,
		func(b OtherInOut) int64 { return int64(b.TS) },
		func(q *OtherInOutQuery, ts int64) { q.StartTS, q.PageIndex = ts, 1 },
		func(ctx context.Context, q *OtherInOutQuery) (*duijie.Page[OtherInOut], error) {
			return c.queryOtherInOuts(ctx, q, true)
		})
}

// Directions of an other in/out upload (type).
const (
	// OtherIn is 入库 (其它退货).
	OtherIn = "in"
	// OtherOut is 出库 (其它出库).
	OtherOut = "out"
)

// OtherInOutUpload is one other in/out bill for
// /open/jushuitan/otherinout/upload (新建其它出入库). Fields are jst-java's
// JstUploadOtherInOutRequest. Empty optional fields are left out of the
// JSON.
type OtherInOutUpload struct {
	// ExternalID is the caller's bill number (外部单号); after the upload it
	// is the bill's online number (so_id), by which QueryOtherInOuts finds
	// it. Required.
	ExternalID string
	// Type is OtherIn or OtherOut; required.
	Type string
	// IsConfirm confirms the bill (是否确认单据); it is always sent.
	IsConfirm bool
	// ExecuteConfirming audits the bill (是否审核单据, excute_confirming on
	// the wire); it is always sent.
	ExecuteConfirming bool
	// WmsCoID is the branch or third-party warehouse (分仓编号).
	WmsCoID int64
	// Warehouse is 1 main (the vendor's default when 0), 2 returns, 3
	// inbound, 4 defective, 6 and up custom.
	Warehouse int
	// Remark may not be sent empty (备注，不能传空值): an empty one is left out.
	Remark string
	// DrpCoName is the outbound type (出库类型).
	DrpCoName string
	// ReceiverName, ReceiverMobile and the address parts are the consignee.
	ReceiverName, ReceiverMobile string
	// ReceiverState, ReceiverCity, ReceiverDistrict and ReceiverAddress are the address.
	ReceiverState, ReceiverCity, ReceiverDistrict, ReceiverAddress string
	// Labels are tags, at most MaxLabelsLength characters in all.
	Labels []string
	// LockWhID or LockWhName picks a virtual warehouse (the id wins).
	LockWhID int64
	// LockWhName is the virtual warehouse's name.
	LockWhName string
	// LcID, LID and LogisticsCompany are the carrier and waybill.
	LcID, LID, LogisticsCompany string
	// Items are the lines; at least one.
	Items []OtherInOutUploadItem
}

// OtherInOutUploadItem is one line of an other in/out upload.
type OtherInOutUploadItem struct {
	// SKUID is 商品编码; required.
	SKUID string
	// Qty is the quantity, more than 0 (必须大于0).
	Qty int
	// SalePrice is the unit price; zero leaves it out.
	SalePrice duijie.Amount
	// SupplierID is the internal supplier code.
	SupplierID int64
	// BatchID, ProducedDate and ExpirationDate are batch data, when the ERP
	// manages batches.
	BatchID string
	// ProducedDate is the production date.
	ProducedDate duijie.Time
	// ExpirationDate is the best-before date.
	ExpirationDate duijie.Time
	// SKUSNs are unique codes (needs the vendor's configuration).
	SKUSNs []string
	// Remark is the line's remark.
	Remark string
}

type otherInOutUploadWire struct {
	IsConfirm         bool            `json:"is_confirm"`
	ExecuteConfirming bool            `json:"excute_confirming"`
	WmsCoID           int64           `json:"wms_co_id,omitempty"`
	Type              string          `json:"type" limit:"enum=in|out"`
	ExternalID        string          `json:"external_id" limit:"id"`
	Warehouse         int             `json:"warehouse,omitempty"`
	Remark            string          `json:"remark,omitempty"`
	DrpCoName         string          `json:"drp_co_name,omitempty"`
	Items             []otherItemWire `json:"items"`
	ReceiverName      string          `json:"receiver_name,omitempty"`
	ReceiverMobile    string          `json:"receiver_mobile,omitempty"`
	ReceiverState     string          `json:"receiver_state,omitempty"`
	ReceiverCity      string          `json:"receiver_city,omitempty"`
	ReceiverDistrict  string          `json:"receiver_district,omitempty"`
	ReceiverAddress   string          `json:"receiver_address,omitempty"`
	Labels            []string        `json:"labels,omitempty"`
	LockWhID          int64           `json:"lock_wh_id,omitempty"`
	LockWhName        string          `json:"lock_wh_name,omitempty"`
	LcID              string          `json:"lc_id,omitempty" limit:"id"`
	LID               string          `json:"l_id,omitempty" limit:"id"`
	LogisticsCompany  string          `json:"logistics_company,omitempty"`
}

type otherItemWire struct {
	SKUID          string      `json:"sku_id" limit:"id"`
	SKUSNs         []string    `json:"sku_sns,omitempty"`
	Qty            int         `json:"qty"`
	SupplierID     int64       `json:"supplier_id,omitempty"`
	BatchID        string      `json:"batch_id,omitempty"`
	ProducedDate   string      `json:"produced_date,omitempty"`
	ExpirationDate string      `json:"expiration_date,omitempty"`
	Remark         string      `json:"remark,omitempty"`
	SalePrice      json.Number `json:"sale_price,omitzero"`
}

// OtherInOutResult is the vendor's answer to an other in/out upload.
type OtherInOutResult struct {
	// ExternalID repeats the upload's external number.
	ExternalID string `json:"external_id"`
	// IoID is the bill's number (出仓单号) in the ERP; 0 when a successful
	// answer does not carry it (the answer's data.data object, jst-java's
	// DataWrap).
	IoID duijie.Int64 `json:"io_id"`
}

// wire returns the upload in its wire shape and checks it.
func (u *OtherInOutUpload) wire() (*otherInOutUploadWire, error) {
	switch {
	case strings.TrimSpace(u.ExternalID) == "":
		return nil, duijie.Invalid(vendor, "external_id", duijie.RuleRequired, "the bill's own number, by which it is found again")
	case u.Type == "":
		return nil, duijie.Invalid(vendor, "type", duijie.RuleRequired, "in or out")
	case len(u.Items) == 0:
		return nil, duijie.Invalid(vendor, "items", duijie.RuleRequired, "at least one line")
	case u.Warehouse < 0 || u.WmsCoID < 0 || u.LockWhID < 0:
		return nil, duijie.Invalid(vendor, "warehouse", duijie.RuleNegative, "warehouse, wms_co_id and lock_wh_id are not negative")
	case tooLong(strings.Join(u.Labels, ","), MaxLabelsLength):
		return nil, duijie.Invalid(vendor, "labels", duijie.RuleTooLong, fmt.Sprintf("at most %d characters in all", MaxLabelsLength))
	}
	w := &otherInOutUploadWire{IsConfirm: u.IsConfirm, ExecuteConfirming: u.ExecuteConfirming, WmsCoID: u.WmsCoID, Type: u.Type,
		ExternalID: u.ExternalID, Warehouse: u.Warehouse, Remark: u.Remark, DrpCoName: u.DrpCoName, Items: make([]otherItemWire, len(u.Items)),
		ReceiverName: u.ReceiverName, ReceiverMobile: u.ReceiverMobile, ReceiverState: u.ReceiverState, ReceiverCity: u.ReceiverCity,
		ReceiverDistrict: u.ReceiverDistrict, ReceiverAddress: u.ReceiverAddress, Labels: u.Labels, LockWhID: u.LockWhID,
		LockWhName: u.LockWhName, LcID: u.LcID, LID: u.LID, LogisticsCompany: u.LogisticsCompany}
	for i, it := range u.Items {
		at := func(field string) string { return fmt.Sprintf("items[%d].%s", i, field) }
		switch {
		case it.SKUID == "":
			return nil, duijie.Invalid(vendor, at("sku_id"), duijie.RuleRequired, "")
		case it.Qty <= 0:
			return nil, duijie.Invalid(vendor, at("qty"), duijie.RuleRange, "more than 0")
		case it.SupplierID < 0:
			return nil, duijie.Invalid(vendor, at("supplier_id"), duijie.RuleNegative, "")
		}
		if f := checkAmount(it.SalePrice, 4); f != nil {
			return nil, duijie.Invalid(vendor, at("sale_price"), f.rule, f.detail)
		}
		w.Items[i] = otherItemWire{SKUID: it.SKUID, SKUSNs: it.SKUSNs, Qty: it.Qty, SupplierID: it.SupplierID, BatchID: it.BatchID,
			ProducedDate: timeText(it.ProducedDate), ExpirationDate: timeText(it.ExpirationDate), Remark: it.Remark,
			SalePrice: fixedOrEmpty(it.SalePrice, 4)}
	}
	if err := limits.Check(w); err != nil {
		return nil, err
	}
	return w, nil
}

// UploadOtherInOut calls /open/jushuitan/otherinout/upload (legacy
// jushuitan.otherinout.upload, 新建其它出入库) with one bill. Fields come
// from jst-java's JstUploadOtherInOutRequest and Response, whose Javadoc
// copies the vendor's doc (docType=10, docId=43); the answer's io_id is the
// new bill's number. The sale price travels with at most 4 decimal places
// (the notes give no scale; the order upload's line prices use 4).
//
// Not replayed after an unclear outcome (HTTP 5xx, a reset, a timeout, a
// code 100 renewal): the vendor documents no de-duplication by
// external_id (the key is inferred, breadth.md §4.2), so a resend might
// make a second bill. Throttled calls (codes 199, 200) are retried, since
// the vendor did not process them. After an error that may have reached
// the vendor (duijie.MayHaveArrived), look the bill up with
// QueryOtherInOuts by SoIDs: []string{ExternalID} before uploading it
// again.
func (c *Client) UploadOtherInOut(ctx context.Context, u *OtherInOutUpload) (*OtherInOutResult, error) {
	if u == nil {
		return nil, duijie.Invalid(vendor, "external_id", duijie.RuleRequired, "a bill")
	}
	w, err := u.wire()
	if err != nil {
		return nil, err
	}
	ans := &billAnswer[OtherInOutResult]{}
	if err := c.invoke(ctx, table[opUploadOtherInOut], w, ans); err != nil {
		return nil, err
	}
	out := &OtherInOutResult{ExternalID: u.ExternalID}
	if ans.Data != nil {
		out.IoID = ans.Data.IoID
		if ans.Data.ExternalID != "" {
			out.ExternalID = ans.Data.ExternalID
		}
	}
	return out, nil
}
