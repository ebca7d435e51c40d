package jushuitan

import (
	"context"
	"iter"
	"time"

	"github.com/duijie/duijie"
)

// Caps of /open/refund/single/query (jst-java JstQuerySingleRefundRequest
// Javadoc, copied from the vendor's doc).
const (
	// MaxRefundPageSize is the most after-sale bills per page (默认30，最大50).
	MaxRefundPageSize = 50
	// MaxRefundBuyers is the most buyer accounts (shop_buyer_ids) per query.
	MaxRefundBuyers = 50
)

// RefundQuery filters /open/refund/single/query (退货退款查询). Give a
// modified range, SoIDs, OIDs, AsIDs or StartTS.
type RefundQuery struct {
	// ShopID limits to one shop; 0 with IsOfflineShop asks for offline shops.
	ShopID int64
	// IsOfflineShop with ShopID 0 asks for offline shops' bills.
	IsOfflineShop bool
	// ModifiedBegin and ModifiedEnd bound the modified time: both or
	// neither, at most 7 days apart for QueryRefunds (Refunds cuts longer
	// ranges).
	ModifiedBegin, ModifiedEnd time.Time
	// SoIDs are online order numbers.
	SoIDs []string
	// ShopBuyerIDs are buyer accounts, at most 50.
	ShopBuyerIDs []string
	// OIDs are internal order numbers.
	OIDs []int64
	// AsIDs are after-sale bill numbers (售后单号, unique per merchant).
	AsIDs []int64
	// Status is WaitConfirm (待确认), Confirmed (已确认), Cancelled (作废) or
	// Merged (被合并).
	Status string
	// GoodStatus is BUYER_NOT_RECEIVED, BUYER_RECEIVED, BUYER_RETURNED_GOODS
	// or SELLER_RECEIVED.
	GoodStatus string
	// Type is the after-sale type: 普通退货, 其它, 拒收退货, 仅退款, 投诉,
	// 补发, 换货 or 维修.
	Type string
	// OwnerCoID is the goods owner (货主编码), sent as text as the vendor's
	// field table types it.
	OwnerCoID string
	// StartTS asks for bills past this row version (the 防漏单 cursor);
	// is_get_total is then sent false. 0 leaves it out.
	StartTS int64
	// PageIndex is the page, from 1 (0 means 1).
	PageIndex int
	// PageSize is bills per page, at most 50 (0 means the vendor's 30).
	PageSize int
}

// Refund is one after-sale bill (售后单, 退货退款) with its lines. Fields are
// the datas of jst-java JstQuerySingleRefundResponse.
type Refund struct {
	// AsID is the ERP's after-sale number (聚水潭售后单号).
	AsID duijie.Int64 `json:"as_id"`
	// OuterAsID is the platform's refund number (平台退货退款单号).
	OuterAsID string `json:"outer_as_id"`
	// AsDate is when it was applied for.
	AsDate duijie.Time `json:"as_date"`
	// OID is the order's internal number, SoID its online number.
	OID duijie.Int64 `json:"o_id"`
	// SoID is the order's online number.
	SoID string `json:"so_id"`
	// Type is the after-sale type, e.g. 普通退货 or 仅退款.
	Type string `json:"type"`
	// Created is when it was registered, Modified its last change.
	Created duijie.Time `json:"created"`
	// Modified is its last change.
	Modified duijie.Time `json:"modified"`
	// ConfirmDate is the last confirmation.
	ConfirmDate duijie.Time `json:"confirm_date"`
	// TS is the row version (the StartTS cursor).
	TS duijie.Int64 `json:"ts"`
	// Status is WaitConfirm, Confirmed, Cancelled or Merged.
	Status string `json:"status"`
	// ShopStatus is the platform's state, e.g. WAIT_SELLER_AGREE.
	ShopStatus string `json:"shop_status"`
	// GoodStatus is the goods' state, e.g. SELLER_RECEIVED.
	GoodStatus string `json:"good_status"`
	// OrderStatus is the original order's status.
	OrderStatus string `json:"order_status"`
	// OrderType is the original order's type.
	OrderType string `json:"order_type"`
	// Remark is the remark, Node the offline note.
	Remark string `json:"remark"`
	// Node is 售后线下备注.
	Node string `json:"node"`
	// QuestionType is the problem type.
	QuestionType string `json:"question_type"`
	// Result is the handling result.
	Result string `json:"result"`
	// RefundPhase is the refund stage.
	RefundPhase string `json:"refund_phase"`
	// Warehouse is the warehouse's name, WhID its number, WmsCoID the branch warehouse.
	Warehouse string `json:"warehouse"`
	// WhID is the warehouse number.
	WhID duijie.Int64 `json:"wh_id"`
	// WmsCoID is the branch warehouse (分仓编号).
	WmsCoID duijie.Int64 `json:"wms_co_id"`
	// Refund is 退款金额 (return amount plus what the seller adds).
	Refund duijie.Amount `json:"refund"`
	// Payment is 补偿金额 (exchange amount plus what the buyer adds).
	Payment duijie.Amount `json:"payment"`
	// FreeAmount is the discount or difference.
	FreeAmount duijie.Amount `json:"free_amount"`
	// Freight is the shipping the seller refunds, ShopFreight the platform's.
	Freight duijie.Amount `json:"freight"`
	// ShopFreight is 线上退运费.
	ShopFreight duijie.Amount `json:"shop_freight"`
	// BuyerApplyRefund is what the buyer asked for online.
	BuyerApplyRefund duijie.Amount `json:"buyer_apply_refund"`
	// ReceiveRefund is what was refunded to the buyer.
	ReceiveRefund duijie.Amount `json:"receive_refund"`
	// BuyerReceiveRefund is the refund plus platform subsidy (Douyin only).
	BuyerReceiveRefund duijie.Amount `json:"buyer_receive_refund"`
	// Currency is set on cross-border bills.
	Currency string `json:"currency"`
	// ShopID, ShopName and ShopType are the shop.
	ShopID duijie.Int64 `json:"shop_id"`
	// ShopName is the shop's name.
	ShopName string `json:"shop_name"`
	// ShopType is 线上类型.
	ShopType string `json:"shop_type"`
	// ShopBuyerID is the buyer's account.
	ShopBuyerID string `json:"shop_buyer_id"`
	// ReceiverName and ReceiverMobile are the original order's consignee.
	ReceiverName string `json:"receiver_name"`
	// ReceiverMobile is the consignee's number.
	ReceiverMobile string `json:"receiver_mobile"`
	// LogisticsCompany and LID are the return's carrier and waybill.
	LogisticsCompany string `json:"logistics_company"`
	// LID is the return's waybill number.
	LID string `json:"l_id"`
	// DrpCoIDFrom is the distributor, DrpCoIDTo the supplier (供销商).
	DrpCoIDFrom duijie.Int64 `json:"drp_co_id_from"`
	// DrpCoIDTo is the supplier (供销商编号).
	DrpCoIDTo duijie.Int64 `json:"drp_co_id_to"`
	// Labels are the bill's tags; OrderLabels the original order's.
	Labels string `json:"labels"`
	// OrderLabels are the original order's tags.
	OrderLabels []string `json:"order_labels"`
	// RefundVersion tells Vipshop bills apart (退款版本号).
	RefundVersion duijie.Int64 `json:"refund_version"`
	// CreatorName is who made it.
	CreatorName string `json:"creator_name"`
	// Items are the bill's lines.
	Items []RefundItem `json:"items"`
	// Batches are the production batches, when the ERP manages them.
	Batches []BillBatch `json:"batchs"`
	// SNs are the unique codes, when the ERP manages them.
	SNs []BillSN `json:"sns"`
	// Images are the bill's pictures.
	Images []RefundImage `json:"images"`
}

// RefundItem is one line of an after-sale bill.
type RefundItem struct {
	// AsiID is the line number (售后子单号), AsID its bill.
	AsiID duijie.Int64 `json:"asi_id"`
	// AsID is the bill.
	AsID duijie.Int64 `json:"as_id"`
	// SKUID is 商品编码, IID 款式编码, ShopSKUID the shop's.
	SKUID string `json:"sku_id"`
	// IID is 款式编码.
	IID string `json:"i_id"`
	// ShopSKUID is 店铺商品编码.
	ShopSKUID string `json:"shop_sku_id"`
	// CombineSKUID is the combo it belongs to.
	CombineSKUID string `json:"combine_sku_id"`
	// SKUType is the product type.
	SKUType string `json:"sku_type"`
	// Name is the product name, PropertiesValue its colour and size.
	Name string `json:"name"`
	// PropertiesValue is the colour and size text.
	PropertiesValue string `json:"properties_value"`
	// Pic is a picture URL.
	Pic string `json:"pic"`
	// Type is 退货, 换货, 补发 or 其它.
	Type string `json:"type"`
	// Qty is the quantity asked for, RQty the quantity received back.
	Qty duijie.Amount `json:"qty"`
	// RQty is 实收退货数量.
	RQty duijie.Amount `json:"r_qty"`
	// DefectiveQty is the defective quantity.
	DefectiveQty duijie.Amount `json:"defective_qty"`
	// Price is the unit price, Amount the amount asked for.
	Price duijie.Amount `json:"price"`
	// Amount is 申请金额.
	Amount duijie.Amount `json:"amount"`
	// ShopAmount is the platform's line amount.
	ShopAmount duijie.Amount `json:"shop_amount"`
	// IsGift marks a gift.
	IsGift duijie.Bool `json:"is_gift"`
	// OuterOiID is the order line's outer_oi_id.
	OuterOiID string `json:"outer_oi_id"`
	// ReceiveDate is when it came into the warehouse.
	ReceiveDate duijie.Time `json:"receive_date"`
	// Remark is the line's remark.
	Remark string `json:"remark"`
}

// RefundImage is one picture of an after-sale bill.
type RefundImage struct {
	// Key is the path.
	Key string `json:"key"`
	// Domain is the host.
	Domain string `json:"domain"`
}

type refundWire struct {
	ShopID        int64    `json:"shop_id,omitempty"`
	IsOfflineShop bool     `json:"is_offline_shop,omitempty"`
	ModifiedBegin string   `json:"modified_begin,omitempty"`
	ModifiedEnd   string   `json:"modified_end,omitempty"`
	SoIDs         []string `json:"so_ids,omitempty"`
	ShopBuyerIDs  []string `json:"shop_buyer_ids,omitempty"`
	PageIndex     int      `json:"page_index,omitempty"`
	PageSize      int      `json:"page_size,omitempty"`
	OIDs          []int64  `json:"o_ids,omitempty"`
	AsIDs         []int64  `json:"as_ids,omitempty"`
	Status        string   `json:"status,omitempty"`
	tsWire
	GoodStatus string `json:"good_status,omitempty"`
	Type       string `json:"type,omitempty"`
	OwnerCoID  string `json:"owner_co_id,omitempty"`
}

func (c *Client) refundWire(q *RefundQuery, tsMode bool) (*refundWire, error) {
	op := table[opQueryRefunds]
	if err := checkPage(q.PageIndex, q.PageSize, c.pageMax(op)); err != nil {
		return nil, err
	}
	if err := checkWindow(op, q.ModifiedBegin, q.ModifiedEnd); err != nil {
		return nil, err
	}
	if err := checkArray("so_ids", q.SoIDs, 0); err != nil {
		return nil, err
	}
	if err := checkArray("shop_buyer_ids", q.ShopBuyerIDs, MaxRefundBuyers); err != nil {
		return nil, err
	}
	if err := checkIDs("o_ids", q.OIDs, 0); err != nil {
		return nil, err
	}
	if err := checkIDs("as_ids", q.AsIDs, 0); err != nil {
		return nil, err
	}
	switch {
	case q.StartTS < 0:
		return nil, duijie.Invalid(vendor, "start_ts", duijie.RuleNegative, "")
	case q.ShopID < 0:
		return nil, duijie.Invalid(vendor, "shop_id", duijie.RuleNegative, "")
	case !tsMode && q.StartTS == 0 && q.ModifiedBegin.IsZero() && len(q.SoIDs) == 0 && len(q.OIDs) == 0 && len(q.AsIDs) == 0:
		return nil, duijie.Invalid(vendor, "modified_begin", duijie.RuleRequired, "give a modified range, so_ids, o_ids, as_ids or start_ts")
	}
	w := windowOf(q.ModifiedBegin, q.ModifiedEnd)
	return &refundWire{ShopID: q.ShopID, IsOfflineShop: q.IsOfflineShop, ModifiedBegin: w.ModifiedBegin, ModifiedEnd: w.ModifiedEnd,
		SoIDs: q.SoIDs, ShopBuyerIDs: q.ShopBuyerIDs, PageIndex: q.PageIndex, PageSize: q.PageSize, OIDs: q.OIDs, AsIDs: q.AsIDs,
		Status: q.Status, tsWire: tsOf(q.StartTS, tsMode), GoodStatus: q.GoodStatus, Type: q.Type, OwnerCoID: q.OwnerCoID}, nil
}

// QueryRefunds calls /open/refund/single/query (legacy refund.single.query,
// 退货退款查询) for one page of after-sale bills with their lines. Fields
// and caps come from jst-java's JstQuerySingleRefundRequest and Response,
// whose Javadoc copies the vendor's doc (docType=9, docId=38): page_size at
// most 50, shop_buyer_ids at most 50, a modified range of at most 7 days,
// and the start_ts cursor. The page's Items are the answer's datas (an
// answer without them is an error matching ErrMissingList), Total its
// data_count, -1 when absent. Safe to replay: it is a read.
func (c *Client) QueryRefunds(ctx context.Context, q *RefundQuery) (*duijie.Page[Refund], error) {
	return c.queryRefunds(ctx, q, false)
}

func (c *Client) queryRefunds(ctx context.Context, q *RefundQuery, tsMode bool) (*duijie.Page[Refund], error) {
	if q == nil {
		q = &RefundQuery{}
	}
	w, err := c.refundWire(q, tsMode)
	if err != nil {
		return nil, err
	}
	return queryList[Refund](ctx, c, table[opQueryRefunds], w, q.PageIndex, q.PageSize)
}

func refundKey(r Refund) string { return r.AsID.String() }

// Refunds walks every page of QueryRefunds, and every 7-day window when the
// modified range is longer. The request is copied; PageSize 0 means the
// maximum, 50. For a sync prefer RefundsByTS.
func (c *Client) Refunds(ctx context.Context, q *RefundQuery) iter.Seq2[Refund, error] {
	op := table[opQueryRefunds]
	base := RefundQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(op)
	}
	return pages(ctx, op, base, base.ModifiedBegin, base.ModifiedEnd, refundKey, func(r Refund) time.Time { return r.Modified.Time },
		func(q *RefundQuery, p int) { q.PageIndex = p },
		func(q *RefundQuery, from, to time.Time) { q.ModifiedBegin, q.ModifiedEnd = from, to },
		c.QueryRefunds)
}

// RefundsByTS walks after-sale changes by the start_ts cursor (防漏单), as
// SaleOutsByTS does for sales-out bills. A modified range may not be
// combined with the cursor.
func (c *Client) RefundsByTS(ctx context.Context, q *RefundQuery) iter.Seq2[Refund, error] {
	base := RefundQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(table[opQueryRefunds])
	}
	return cursorPages(ctx, base, base.StartTS, !base.ModifiedBegin.IsZero() || !base.ModifiedEnd.IsZero(), refundKey,
		func(r Refund) int64 { return int64(r.TS) },
		func(q *RefundQuery, ts int64) { q.StartTS, q.PageIndex = ts, 1 },
		func(ctx context.Context, q *RefundQuery) (*duijie.Page[Refund], error) {
			return c.queryRefunds(ctx, q, true)
		})
}
