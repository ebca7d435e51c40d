package jushuitan

import (
	"context"
	"iter"
	"strings"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/paging"
)

// InventoryQuery filters /open/inventory/query. At least one of the
// modified range, SKUIDs, ItemIDs, Names or TS is required.
type InventoryQuery struct {
	// WarehouseID is wms_co_id (分仓公司编号); 0 sums every warehouse.
	WarehouseID int64
	// SKUIDs are 商品编码, at most 100 (sent comma-joined as sku_ids).
	SKUIDs []string
	// ItemIDs are 款式编码 (sent comma-joined as i_ids).
	ItemIDs []string
	// Names are product names, at most 100 (sent comma-joined).
	Names []string
	// ModifiedBegin and ModifiedEnd bound the modification time; both or
	// neither, at most 7 days apart for QueryInventory (Inventory cuts
	// longer ranges).
	ModifiedBegin, ModifiedEnd time.Time
	// HasLockQty asks for lock_qty in the answer.
	HasLockQty bool
	// TS asks for rows whose ts (rowversion) is at least TS; 0 leaves it out
	// (InventoryByTS always sends it).
	TS int64
	// PageIndex is the page, from 1 (0 means 1).
	PageIndex int
	// PageSize is rows per page, at most 100 (0 means the vendor's 30).
	PageSize int
}

// InventoryItem is one stock row.
type InventoryItem struct {
	// SKUID is 商品编码.
	SKUID string `json:"sku_id"`
	// ItemID is 款式编码 (i_id).
	ItemID string `json:"i_id"`
	// Name is the product name.
	Name string `json:"name"`
	// TS is the row version (防漏单 cursor).
	TS duijie.Int64 `json:"ts"`
	// Qty is 主仓实际库存.
	Qty duijie.Amount `json:"qty"`
	// OrderLock is 订单占有数.
	OrderLock duijie.Amount `json:"order_lock"`
	// PickLock is 仓库待发数.
	PickLock duijie.Amount `json:"pick_lock"`
	// VirtualQty is 虚拟库存.
	VirtualQty duijie.Amount `json:"virtual_qty"`
	// PurchaseQty is 采购在途.
	PurchaseQty duijie.Amount `json:"purchase_qty"`
	// ReturnQty is 销退仓库存.
	ReturnQty duijie.Amount `json:"return_qty"`
	// InQty is 进货仓库存.
	InQty duijie.Amount `json:"in_qty"`
	// DefectiveQty is 次品库存.
	DefectiveQty duijie.Amount `json:"defective_qty"`
	// MinQty is the safety stock floor (安全库存下限).
	MinQty duijie.Amount `json:"min_qty"`
	// MaxQty is the safety stock ceiling (安全库存上限).
	MaxQty duijie.Amount `json:"max_qty"`
	// LockQty is only sent when HasLockQty was asked.
	LockQty duijie.Amount `json:"lock_qty"`
	// CustomizeQty1 is 自定义仓1.
	CustomizeQty1 duijie.Amount `json:"customize_qty_1"`
	// CustomizeQty2 is 自定义仓2.
	CustomizeQty2 duijie.Amount `json:"customize_qty_2"`
	// CustomizeQty3 is 自定义仓3.
	CustomizeQty3 duijie.Amount `json:"customize_qty_3"`
	// AllocateQty is 调拨在途.
	AllocateQty duijie.Amount `json:"allocate_qty"`
	// SaleRefundQty is 销退在途.
	SaleRefundQty duijie.Amount `json:"sale_refund_qty"`
	// Modified is the last change; the vendor advises it as the start of the next time-range query.
	Modified duijie.Time `json:"modified"`
}

type inventoryWire struct {
	WmsCoID       int64  `json:"wms_co_id,omitempty"`
	PageIndex     int    `json:"page_index,omitempty"`
	PageSize      int    `json:"page_size,omitempty"`
	ModifiedBegin string `json:"modified_begin,omitempty"`
	ModifiedEnd   string `json:"modified_end,omitempty"`
	SKUIDs        string `json:"sku_ids,omitempty"`
	HasLockQty    bool   `json:"has_lock_qty,omitempty"`
	Names         string `json:"names,omitempty"`
	IIDs          string `json:"i_ids,omitempty"`
	TS            *int64 `json:"ts,omitempty"`
}

func (q *InventoryQuery) wire(op operation, legacy, tsMode bool) (*inventoryWire, error) {
	if err := checkPage(q.PageIndex, q.PageSize, op.pageMax(legacy)); err != nil {
		return nil, err
	}
	if err := checkWindow(op, q.ModifiedBegin, q.ModifiedEnd); err != nil {
		return nil, err
	}
	if err := checkList("sku_ids", q.SKUIDs, MaxInventoryKeys); err != nil {
		return nil, err
	}
	if err := checkList("names", q.Names, MaxInventoryKeys); err != nil {
		return nil, err
	}
	if err := checkList("i_ids", q.ItemIDs, 0); err != nil {
		return nil, err
	}
	if q.TS < 0 || q.WarehouseID < 0 {
		return nil, duijie.Invalid(vendor, "ts", duijie.RuleNegative, "")
	}
	if !tsMode && q.TS == 0 && q.ModifiedBegin.IsZero() && len(q.SKUIDs) == 0 && len(q.ItemIDs) == 0 && len(q.Names) == 0 {
		return nil, duijie.Invalid(vendor, "modified_begin", duijie.RuleRequired, "give a modified range, sku_ids, i_ids, names or ts")
	}
	w := &inventoryWire{WmsCoID: q.WarehouseID, PageIndex: q.PageIndex, PageSize: q.PageSize, HasLockQty: q.HasLockQty,
		SKUIDs: strings.Join(q.SKUIDs, ","), Names: strings.Join(q.Names, ","), IIDs: strings.Join(q.ItemIDs, ",")}
	if !q.ModifiedBegin.IsZero() {
		w.ModifiedBegin, w.ModifiedEnd = formatTime(q.ModifiedBegin), formatTime(q.ModifiedEnd)
	}
	if tsMode || q.TS > 0 {
		ts := q.TS
		w.TS = &ts
	}
	return w, nil
}

// QueryInventory calls /open/inventory/query (legacy inventory.query,
// 商品库存查询) for one page. The page's Items are the answer's inventorys
// (an answer without them is an error matching ErrMissingList, not an
// empty page), Number and Size its page_index (from 1) and page_size,
// HasMore its has_next, and Total its data_count, -1 when absent (the
// vendor's samples of this answer carry none).
// Safe to replay: it is a read.
func (c *Client) QueryInventory(ctx context.Context, q *InventoryQuery) (*duijie.Page[InventoryItem], error) {
	return c.queryInventory(ctx, q, false)
}

func (c *Client) queryInventory(ctx context.Context, q *InventoryQuery, tsMode bool) (*duijie.Page[InventoryItem], error) {
	if q == nil {
		q = &InventoryQuery{}
	}
	op := table[opQueryInventory]
	w, err := q.wire(op, c.legacy, tsMode)
	if err != nil {
		return nil, err
	}
	return queryList[InventoryItem](ctx, c, op, w, q.PageIndex, q.PageSize)
}

func inventoryKey(it InventoryItem) string { return it.SKUID }

// Inventory walks every page of QueryInventory, and every 7-day window when
// the modified range is longer. The request is copied; PageSize 0 means the
// maximum, 100.
func (c *Client) Inventory(ctx context.Context, q *InventoryQuery) iter.Seq2[InventoryItem, error] {
	op := table[opQueryInventory]
	base := InventoryQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(op)
	}
	one := func(q InventoryQuery) iter.Seq2[InventoryItem, error] {
		return walk(ctx, inventoryKey, func(ctx context.Context, page int) ([]InventoryItem, bool, error) {
			q.PageIndex = page
			p, err := c.QueryInventory(ctx, &q)
			if err != nil {
				return nil, false, err
			}
			return p.Items, p.HasMore, nil
		})
	}
	if !needsWindows(op, base.ModifiedBegin, base.ModifiedEnd) {
		return one(base)
	}
	return windowed(op, base.ModifiedBegin, base.ModifiedEnd, inventoryKey, func(it InventoryItem) time.Time { return it.Modified.Time },
		func(w paging.Window) iter.Seq2[InventoryItem, error] {
			q := base
			q.ModifiedBegin, q.ModifiedEnd = w.From, w.To
			return one(q)
		})
}

// InventoryByTS walks stock changes by the ts cursor, the vendor's advice for
// syncing without missing rows (防漏单): it asks for ts >= q.TS, moves the
// cursor to the largest ts served, and drops the rows it already yielded at
// the boundary. A row that changes during the scan is served again in its
// new version, never skipped. Store the TS of the last row handled as the
// checkpoint; a later run starting from it serves that row once more. A
// modified range may not be combined with the cursor.
func (c *Client) InventoryByTS(ctx context.Context, q *InventoryQuery) iter.Seq2[InventoryItem, error] {
	base := InventoryQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(table[opQueryInventory])
	}
	if !base.ModifiedBegin.IsZero() || !base.ModifiedEnd.IsZero() {
		return func(yield func(InventoryItem, error) bool) {
			yield(InventoryItem{}, duijie.Invalid(vendor, "modified_begin", duijie.RuleConflict, "the ts cursor replaces the modified range"))
		}
	}
	return byCursor(ctx, base.TS, inventoryKey, func(it InventoryItem) int64 { return int64(it.TS) },
		func(ctx context.Context, cursor int64) ([]InventoryItem, bool, error) {
			q := base
			q.TS, q.PageIndex = cursor, 1
			p, err := c.queryInventory(ctx, &q, true)
			if err != nil {
				return nil, false, err
			}
			return p.Items, p.HasMore, nil
		})
}
