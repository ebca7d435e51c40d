package jushuitan

import (
	"context"
	"iter"
	"strconv"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/paging"
)

// Caps of /open/orders/out/simple/query (jst-java
// JstQueryOrderOutSimpleRequest Javadoc, copied from the vendor's doc).
const (
	// MaxSaleOutPageSize is the most sales-out bills per page (默认30，最大50).
	MaxSaleOutPageSize = 50
	// MaxSaleOutKeys is the most so_ids, o_ids, io_ids or wave_ids per query.
	MaxSaleOutKeys = 50
	// MaxSaleOutLIDs is the most waybill numbers (l_ids) per query.
	MaxSaleOutLIDs = 20
	// MaxDistributorWindow is the longest modified range when the query
	// names a distributor (drp_co_id): one day instead of seven.
	MaxDistributorWindow = 24 * time.Hour
)

// DateIO asks a stock-bill query (sales-out, purchase-in, purchase-return,
// other in/out) to bound the bill's io_date, its outbound or inbound time
// (出库/入库时间). It is those queries' date_type 2, the wire value the order
// query reads as DateOrder.
const DateIO DateType = 2

// SaleOutQuery filters /open/orders/out/simple/query (销售出库查询). Give a
// modified range, SoIDs, OIDs, IoIDs, WaveIDs or StartTS.
type SaleOutQuery struct {
	// ShopID limits to one shop; 0 with IsOfflineShop asks for offline shops.
	ShopID int64
	// IsOfflineShop with ShopID 0 asks for offline shops' bills.
	IsOfflineShop bool
	// Status is the bill's state: WaitConfirm (待出库), Confirmed (已出库),
	// Delete (作废), Cancelled (取消) or OuterConfirming (外部发货中).
	Status string
	// ModifiedBegin and ModifiedEnd: both or neither, at most 7 days apart
	// (one day with DrpCoID) for QuerySaleOuts; SaleOuts cuts longer ranges.
	ModifiedBegin, ModifiedEnd time.Time
	// DateType says which time the range bounds: DateModified (0, sent as
	// 0) or DateIO (2, io_date).
	DateType DateType
	// SoIDs are online order numbers (线上单号), at most 50.
	SoIDs []string
	// OIDs are internal order numbers (内部单号), at most 50.
	OIDs []int64
	// IoIDs are sales-out bill numbers (出库单号, unique per merchant), at most 50.
	IoIDs []int64
	// LIDs are waybill numbers (物流单号), at most 20.
	LIDs []string
	// WaveIDs are picking batches (拣货批次号), at most 50.
	WaveIDs []int64
	// WmsCoID limits to one shipping warehouse (出库仓编号).
	WmsCoID int64
	// OwnerCoID limits to one goods owner (货主编码).
	OwnerCoID int64
	// DrpCoID limits to one distributor (分销商编码); the vendor then caps
	// the modified range at one day.
	DrpCoID int64
	// StartTS asks for bills past this row version (the 防漏单 cursor);
	// is_get_total is then sent false. 0 leaves it out.
	StartTS int64
	// PageIndex is the page, from 1 (0 means 1).
	PageIndex int
	// PageSize is bills per page, at most 50 (0 means the vendor's 30).
	PageSize int
}

// SaleOut is one sales-out bill (销售出库单) with its lines. Fields are the
// answer's datas of jst-java JstQueryOrderOutSimpleResponse, whose Javadoc
// copies the vendor's field notes.
type SaleOut struct {
	// IoID is the bill number (出库单号), unique per merchant.
	IoID duijie.Int64 `json:"io_id"`
	// OID is the ERP's internal order number (内部单号).
	OID duijie.Int64 `json:"o_id"`
	// SoID is the shop's order number (线上单号).
	SoID string `json:"so_id"`
	// CoID is the company.
	CoID duijie.Int64 `json:"co_id"`
	// ShopID is the shop.
	ShopID duijie.Int64 `json:"shop_id"`
	// ShopName is the shop's name.
	ShopName string `json:"shop_name"`
	// WmsCoID is the shipping warehouse (分仓编号).
	WmsCoID duijie.Int64 `json:"wms_co_id"`
	// Status is WaitConfirm (待出库), Confirmed (已出库), Delete (作废),
	// Cancelled (取消) or OuterConfirming (外部发货中).
	Status string `json:"status"`
	// OrderType is 普通订单, 补发订单, 分销Plus, 供销Plus or 换货订单.
	OrderType string `json:"order_type"`
	// IoDate is the outbound time (出库时间).
	IoDate duijie.Time `json:"io_date"`
	// Created is when the bill was made.
	Created duijie.Time `json:"created"`
	// Modified is its last change.
	Modified duijie.Time `json:"modified"`
	// PayDate is when the order was paid.
	PayDate duijie.Time `json:"pay_date"`
	// TS is the row version (the StartTS cursor).
	TS duijie.Int64 `json:"ts"`
	// LID is the waybill number (物流单号).
	LID string `json:"l_id"`
	// LcID is the carrier code (快递公司编码).
	LcID string `json:"lc_id"`
	// LogisticsCompany is the carrier's name.
	LogisticsCompany string `json:"logistics_company"`
	// PayAmount is 应付金额.
	PayAmount duijie.Amount `json:"pay_amount"`
	// PaidAmount is 实付金额.
	PaidAmount duijie.Amount `json:"paid_amount"`
	// FreeAmount is the discount (优惠金额).
	FreeAmount duijie.Amount `json:"free_amount"`
	// Freight is the shipping fee the buyer paid.
	Freight duijie.Amount `json:"freight"`
	// Weight is the estimated weight, FWeight the weighed one.
	Weight duijie.Amount `json:"weight"`
	// FWeight is the weighed weight (实称重量).
	FWeight duijie.Amount `json:"f_weight"`
	// Currency is the currency code.
	Currency string `json:"currency"`
	// ShopBuyerID is the buyer's nick or the offline customer.
	ShopBuyerID string `json:"shop_buyer_id"`
	// OpenID is the platform's buyer id (Tmall, Douyin, Kuaishou only).
	OpenID string `json:"open_id"`
	// ReceiverCountry, ReceiverState, ReceiverCity, ReceiverDistrict and
	// ReceiverTown are the address parts.
	ReceiverCountry string `json:"receiver_country"`
	// ReceiverState is the province.
	ReceiverState string `json:"receiver_state"`
	// ReceiverCity is the city.
	ReceiverCity string `json:"receiver_city"`
	// ReceiverDistrict is the district.
	ReceiverDistrict string `json:"receiver_district"`
	// ReceiverTown is the town.
	ReceiverTown string `json:"receiver_town"`
	// ReceiverAddress is the street address.
	ReceiverAddress string `json:"receiver_address"`
	// ReceiverName is the consignee.
	ReceiverName string `json:"receiver_name"`
	// ReceiverPhone and ReceiverMobile are the consignee's numbers.
	ReceiverPhone string `json:"receiver_phone"`
	// ReceiverMobile is the consignee's other number.
	ReceiverMobile string `json:"receiver_mobile"`
	// BuyerMessage is the buyer's note.
	BuyerMessage string `json:"buyer_message"`
	// Remark is the seller's remark.
	Remark string `json:"remark"`
	// Node is 线下备注.
	Node string `json:"node"`
	// Labels are the bill's tags (标记|多标签).
	Labels string `json:"labels"`
	// InvoiceTitle is the invoice header.
	InvoiceTitle string `json:"invoice_title"`
	// IsCOD marks cash on delivery.
	IsCOD duijie.Bool `json:"is_cod"`
	// StockEnabled says whether stock is managed (是否启用库存管理), as sent.
	StockEnabled duijie.Text `json:"stock_enabled"`
	// DrpCoIDFrom is the distributor (分销商编号).
	DrpCoIDFrom duijie.Text `json:"drp_co_id_from"`
	// MergeSoID is the merged order number (合并订单号).
	MergeSoID string `json:"merge_so_id"`
	// BusinessStaff is 业务人员.
	BusinessStaff string `json:"business_staff"`
	// WaveID is the picking batch (拣货批次号).
	WaveID duijie.Int64 `json:"wave_id"`
	// SellerFlag is the flag colour, 1 to 5.
	SellerFlag duijie.Int64 `json:"seller_flag"`
	// OrderStaffID and OrderStaffName are the order's salesperson.
	OrderStaffID duijie.Int64 `json:"order_staff_id"`
	// OrderStaffName is the salesperson's name.
	OrderStaffName string `json:"order_staff_name"`
	// IsPrintExpress says the waybill was printed, IsPrint the order.
	IsPrintExpress duijie.Bool `json:"is_print_express"`
	// IsPrint says the order was printed.
	IsPrint duijie.Bool `json:"is_print"`
	// PackageNo is 参考号.
	PackageNo string `json:"package_no"`
	// WarehouseOid is the external bill number (外部单据号).
	WarehouseOid string `json:"warehouse_oid"`
	// Items are the bill's lines.
	Items []SaleOutItem `json:"items"`
	// Batches are the production batches (生产批次), when the ERP manages them.
	Batches []BillBatch `json:"batchs"`
	// SNs are the unique codes (唯一码), when the ERP manages them.
	SNs []BillSN `json:"sns"`
}

// SaleOutItem is one line of a sales-out bill.
type SaleOutItem struct {
	// IoiID is the line number (子单号).
	IoiID duijie.Int64 `json:"ioi_id"`
	// OiID is the order line it ships (订单子订单号).
	OiID duijie.Text `json:"oi_id"`
	// SKUID is 商品编码.
	SKUID string `json:"sku_id"`
	// IID is 款式编码.
	IID string `json:"i_id"`
	// Name is the product name.
	Name string `json:"name"`
	// PropertiesValue is the colour and size text.
	PropertiesValue string `json:"properties_value"`
	// Unit is the product's unit.
	Unit string `json:"unit"`
	// Pic is a picture URL.
	Pic string `json:"pic"`
	// Qty is the quantity shipped.
	Qty duijie.Amount `json:"qty"`
	// SalePrice is the unit price (单价).
	SalePrice duijie.Amount `json:"sale_price"`
	// SaleAmount is the line amount (金额).
	SaleAmount duijie.Amount `json:"sale_amount"`
	// SaleBasePrice is the original unit price (原价).
	SaleBasePrice duijie.Amount `json:"sale_base_price"`
	// CombineSKUID is the combo it belongs to (组合装商品编码).
	CombineSKUID string `json:"combine_sku_id"`
	// IsGift marks a gift line.
	IsGift duijie.Bool `json:"is_gift"`
	// OuterOiID is the shop's line id.
	OuterOiID string `json:"outer_oi_id"`
	// RawSoID is the original online order number.
	RawSoID string `json:"raw_so_id"`
	// BatchID is the batch number, when configured.
	BatchID string `json:"batch_id"`
	// ProductDate is the batch date, when configured.
	ProductDate duijie.Text `json:"product_date"`
	// SupplierID is the supplier, when configured.
	SupplierID duijie.Int64 `json:"supplier_id"`
	// ExpirationDate is the best-before date, when configured.
	ExpirationDate duijie.Text `json:"expiration_date"`
}

type saleOutWire struct {
	ShopID        int64    `json:"shop_id,omitempty"`
	IsOfflineShop bool     `json:"is_offline_shop,omitempty"`
	Status        string   `json:"status,omitempty"`
	ModifiedBegin string   `json:"modified_begin,omitempty"`
	ModifiedEnd   string   `json:"modified_end,omitempty"`
	DateType      *int     `json:"date_type,omitempty"`
	SoIDs         []string `json:"so_ids,omitempty"`
	OIDs          []string `json:"o_ids,omitempty"`
	IoIDs         []string `json:"io_ids,omitempty"`
	LIDs          []string `json:"l_ids,omitempty"`
	WaveIDs       []int64  `json:"wave_ids,omitempty"`
	WmsCoID       int64    `json:"wms_co_id,omitempty"`
	OwnerCoID     int64    `json:"owner_co_id,omitempty"`
	DrpCoID       int64    `json:"drp_co_id,omitempty"`
	PageIndex     int      `json:"page_index,omitempty"`
	PageSize      int      `json:"page_size,omitempty"`
	StartTS       *int64   `json:"start_ts,omitempty"`
	IsGetTotal    *bool    `json:"is_get_total,omitempty"`
}

// idTexts writes numeric ids as the JSON strings the vendor's field table
// gives for o_ids and io_ids.
func idTexts(ids []int64) []string {
	if len(ids) == 0 {
		return nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strconv.FormatInt(id, 10)
	}
	return out
}

// checkIDs refuses more than max ids, or an id that is not positive.
func checkIDs(field string, ids []int64, max int) error {
	if max > 0 && len(ids) > max {
		return duijie.Invalid(vendor, field, duijie.RuleTooMany, "at most "+strconv.Itoa(max))
	}
	for i, id := range ids {
		if id <= 0 {
			return duijie.Invalid(vendor, field+"["+strconv.Itoa(i)+"]", duijie.RuleRange, "a positive number")
		}
	}
	return nil
}

// saleOutOp is the sales-out row, its window narrowed to a day when the
// query names a distributor.
func saleOutOp(q *SaleOutQuery) operation {
	op := table[opQuerySaleOuts]
	if q.DrpCoID != 0 {
		op.maxWindow = MaxDistributorWindow
	}
	return op
}

func (c *Client) saleOutWire(op operation, q *SaleOutQuery, tsMode bool) (*saleOutWire, error) {
	if err := checkPage(q.PageIndex, q.PageSize, c.pageMax(op)); err != nil {
		return nil, err
	}
	if err := checkWindow(op, q.ModifiedBegin, q.ModifiedEnd); err != nil {
		return nil, err
	}
	if err := checkArray("so_ids", q.SoIDs, MaxSaleOutKeys); err != nil {
		return nil, err
	}
	if err := checkArray("l_ids", q.LIDs, MaxSaleOutLIDs); err != nil {
		return nil, err
	}
	for _, l := range []struct {
		field string
		ids   []int64
	}{{"o_ids", q.OIDs}, {"io_ids", q.IoIDs}, {"wave_ids", q.WaveIDs}} {
		if err := checkIDs(l.field, l.ids, MaxSaleOutKeys); err != nil {
			return nil, err
		}
	}
	switch {
	case q.StartTS < 0:
		return nil, duijie.Invalid(vendor, "start_ts", duijie.RuleNegative, "")
	case q.ShopID < 0 || q.WmsCoID < 0 || q.OwnerCoID < 0 || q.DrpCoID < 0:
		return nil, duijie.Invalid(vendor, "shop_id", duijie.RuleNegative, "shop_id, wms_co_id, owner_co_id and drp_co_id are not negative")
	case q.DateType != DateModified && q.DateType != DateIO:
		return nil, duijie.Invalid(vendor, "date_type", duijie.RuleRange, "0 (modified) or 2 (io_date)")
	case !tsMode && q.StartTS == 0 && q.ModifiedBegin.IsZero() && len(q.SoIDs) == 0 && len(q.OIDs) == 0 &&
		len(q.IoIDs) == 0 && len(q.WaveIDs) == 0:
		return nil, duijie.Invalid(vendor, "modified_begin", duijie.RuleRequired, "give a modified range, so_ids, o_ids, io_ids, wave_ids or start_ts")
	}
	w := &saleOutWire{ShopID: q.ShopID, IsOfflineShop: q.IsOfflineShop, Status: q.Status, SoIDs: q.SoIDs,
		OIDs: idTexts(q.OIDs), IoIDs: idTexts(q.IoIDs), LIDs: q.LIDs, WaveIDs: q.WaveIDs, WmsCoID: q.WmsCoID,
		OwnerCoID: q.OwnerCoID, DrpCoID: q.DrpCoID, PageIndex: q.PageIndex, PageSize: q.PageSize}
	if !q.ModifiedBegin.IsZero() {
		dt := int(q.DateType)
		w.ModifiedBegin, w.ModifiedEnd, w.DateType = formatTime(q.ModifiedBegin), formatTime(q.ModifiedEnd), &dt
	}
	if tsMode || q.StartTS > 0 {
		ts, no := q.StartTS, false
		w.StartTS, w.IsGetTotal = &ts, &no
	}
	return w, nil
}

// QuerySaleOuts calls /open/orders/out/simple/query (legacy
// orders.out.simple.query, 销售出库查询) for one page of sales-out bills with
// their lines. Fields and caps come from jst-java's
// JstQueryOrderOutSimpleRequest and Response, whose Javadoc copies the
// vendor's doc (docType=8, docId=34): page_size at most 50, so_ids, o_ids,
// io_ids and wave_ids at most 50, l_ids at most 20, a modified range of at
// most 7 days (one day with drp_co_id), and the start_ts cursor. The page's
// Items are the answer's datas (an answer without them is an error matching
// ErrMissingList, not an empty page), Number and Size its page_index (from
// 1) and page_size, HasMore its has_next, and Total its data_count, -1 when
// absent (is_get_total=false, as sent with StartTS). Safe to replay: it is
// a read.
func (c *Client) QuerySaleOuts(ctx context.Context, q *SaleOutQuery) (*duijie.Page[SaleOut], error) {
	return c.querySaleOuts(ctx, q, false)
}

func (c *Client) querySaleOuts(ctx context.Context, q *SaleOutQuery, tsMode bool) (*duijie.Page[SaleOut], error) {
	if q == nil {
		q = &SaleOutQuery{}
	}
	op := saleOutOp(q)
	w, err := c.saleOutWire(op, q, tsMode)
	if err != nil {
		return nil, err
	}
	return queryList[SaleOut](ctx, c, op, w, q.PageIndex, q.PageSize)
}

func saleOutKey(s SaleOut) string { return s.IoID.String() }

// SaleOuts walks every page of QuerySaleOuts, and every window when the
// modified range is longer than the vendor allows (7 days, one with
// DrpCoID). The request is copied; PageSize 0 means the maximum, 50.
// Paging by time can miss bills that change during the scan; for a sync
// prefer SaleOutsByTS.
func (c *Client) SaleOuts(ctx context.Context, q *SaleOutQuery) iter.Seq2[SaleOut, error] {
	base := SaleOutQuery{}
	if q != nil {
		base = *q
	}
	op := saleOutOp(&base)
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(op)
	}
	one := func(q SaleOutQuery) iter.Seq2[SaleOut, error] {
		return walk(ctx, saleOutKey, func(ctx context.Context, page int) ([]SaleOut, bool, error) {
			q.PageIndex = page
			p, err := c.QuerySaleOuts(ctx, &q)
			if err != nil {
				return nil, false, err
			}
			return p.Items, p.HasMore, nil
		})
	}
	if !needsWindows(op, base.ModifiedBegin, base.ModifiedEnd) {
		return one(base)
	}
	stamp := func(s SaleOut) time.Time {
		if base.DateType == DateIO {
			return s.IoDate.Time
		}
		return s.Modified.Time
	}
	return windowed(op, base.ModifiedBegin, base.ModifiedEnd, saleOutKey, stamp, func(w paging.Window) iter.Seq2[SaleOut, error] {
		q := base
		q.ModifiedBegin, q.ModifiedEnd = w.From, w.To
		return one(q)
	})
}

// SaleOutsByTS walks sales-out changes by the start_ts cursor (防漏单),
// sending is_get_total=false as the vendor advises: it asks for bills from
// q.StartTS on, moves the cursor to the largest ts served and drops the
// bills already yielded at the boundary (so it holds whether the vendor
// reads start_ts as "greater than" or "at least"). A bill that changes
// during the scan is served again in its new version, never skipped.
// Store the TS of the last bill handled as the checkpoint. A modified
// range may not be combined with the cursor.
func (c *Client) SaleOutsByTS(ctx context.Context, q *SaleOutQuery) iter.Seq2[SaleOut, error] {
	base := SaleOutQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(table[opQuerySaleOuts])
	}
	if !base.ModifiedBegin.IsZero() || !base.ModifiedEnd.IsZero() {
		return func(yield func(SaleOut, error) bool) {
			yield(SaleOut{}, duijie.Invalid(vendor, "modified_begin", duijie.RuleConflict, "the start_ts cursor replaces the modified range"))
		}
	}
	return byCursor(ctx, base.StartTS, saleOutKey, func(s SaleOut) int64 { return int64(s.TS) },
		func(ctx context.Context, cursor int64) ([]SaleOut, bool, error) {
			q := base
			q.StartTS, q.PageIndex = cursor, 1
			p, err := c.querySaleOuts(ctx, &q, true)
			if err != nil {
				return nil, false, err
			}
			return p.Items, p.HasMore, nil
		})
}
