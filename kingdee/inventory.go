package kingdee

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"github.com/duijie/duijie"
)

// FormInventory is the form id of on-hand stock (即时库存). It is read with
// ExecuteBillQuery only.
const FormInventory = "STK_Inventory"

// inventoryKeys are the field keys of an InventoryRow, in its order.
var inventoryKeys = []string{"FID", "FStockOrgId.FNumber", "FStockId.FNumber", "FMaterialId.FNumber", "FLot.FNumber",
	"FBaseUnitId.FNumber", "FBaseQty", "FBaseLockQty"}

// InventoryQuery selects on-hand stock rows (即时库存, form STK_Inventory).
// A nil query, or empty fields, select every row. Rows are ordered by FID,
// so offset paging is stable while the stock does not change.
type InventoryQuery struct {
	// StockOrg keeps the rows of this stock organisation's code
	// (FStockOrgId.FNumber).
	StockOrg string
	// Stocks keeps the rows of these warehouse codes (FStockId.FNumber).
	Stocks []string
	// Materials keeps the rows of these material codes (FMaterialId.FNumber).
	Materials []string
	// StartRow is the first row, from 0.
	StartRow int
	// Limit is the page size, at most MaxQueryLimit; 0 means
	// DefaultQueryLimit.
	Limit int
}

// InventoryRow is one on-hand stock row: one material, lot and warehouse of
// a stock organisation.
//
// Field keys: the query of the form by a stock sync (find_string id
// 9109573435: FID, FStockOrgId, FStockId, FMaterialId, FLot, FBaseUnitid,
// FBaseQty, FBaseLockQty), the QEasy scheme that reads it for Wangdiantong's
// stock calibration (qeasy-cloud/datahub docs/solutions/kingdee-wangdian.md:
// FStockId_FNumber, FMaterialId_FNumber, FBaseQty) and a direct query of it
// (find_string id 34848279516: FMaterialID.FNumber, FStockID.FNumber,
// FBaseQty). FID is the row's id: on the server a text key, read as text.
type InventoryRow struct {
	// ID is the row's id (FID).
	ID duijie.Text `json:"FID"`
	// StockOrg is the stock organisation's code (FStockOrgId.FNumber).
	StockOrg duijie.Text `json:"FStockOrgId.FNumber"`
	// Stock is the warehouse code (FStockId.FNumber).
	Stock duijie.Text `json:"FStockId.FNumber"`
	// Material is the material code (FMaterialId.FNumber).
	Material duijie.Text `json:"FMaterialId.FNumber"`
	// Lot is the batch (FLot.FNumber), "" when the material has none.
	Lot duijie.Text `json:"FLot.FNumber"`
	// BaseUnit is the base unit's code (FBaseUnitId.FNumber).
	BaseUnit duijie.Text `json:"FBaseUnitId.FNumber"`
	// BaseQty is the quantity on hand in the base unit (FBaseQty, 库存量).
	BaseQty duijie.Amount `json:"FBaseQty"`
	// BaseLockQty is the quantity locked in the base unit (FBaseLockQty).
	BaseLockQty duijie.Amount `json:"FBaseLockQty"`
}

// InventoryFieldKeys returns the field keys QueryInventory asks for, in
// the order of InventoryRow's fields; the slice is new on every call.
func InventoryFieldKeys() []string { return append([]string(nil), inventoryKeys...) }

// billQuery is the ExecuteBillQuery request of q. Codes are checked under
// the identifier rules and quoted with Quote, so no value changes the
// filter.
func (q *InventoryQuery) billQuery() (*BillQuery, error) {
	if q == nil {
		q = &InventoryQuery{}
	}
	var conds []string
	if q.StockOrg != "" {
		if err := limits.Text("StockOrg", q.StockOrg, "id"); err != nil {
			return nil, err
		}
		conds = append(conds, "FStockOrgId.FNumber = "+Quote(q.StockOrg))
	}
	for _, in := range [...]struct {
		name, key string
		codes     []string
	}{{"Stocks", "FStockId.FNumber", q.Stocks}, {"Materials", "FMaterialId.FNumber", q.Materials}} {
		if len(in.codes) == 0 {
			continue
		}
		quoted := make([]string, len(in.codes))
		for i, code := range in.codes {
			if err := limits.Text(fmt.Sprintf("%s[%d]", in.name, i), code, "id"); err != nil {
				return nil, err
			}
			if code == "" {
				return nil, duijie.Invalid(vendor, fmt.Sprintf("%s[%d]", in.name, i), duijie.RuleRequired, "")
			}
			quoted[i] = Quote(code)
		}
		conds = append(conds, in.key+" IN ("+strings.Join(quoted, ",")+")")
	}
	limit := q.Limit
	if limit == 0 {
		limit = DefaultQueryLimit
	}
	bq := &BillQuery{FormID: FormInventory, FieldKeys: InventoryFieldKeys(), Filter: strings.Join(conds, " AND "),
		OrderBy: "FID ASC", StartRow: q.StartRow, Limit: limit}
	if err := bq.check(); err != nil {
		return nil, err
	}
	return bq, nil
}

// QueryInventory reads one page of on-hand stock (即时库存, form
// STK_Inventory) with DynamicFormService.ExecuteBillQuery (单据查询), as
// ExecuteBillQuery pages: Number is the query's StartRow, Size its Limit,
// Total -1, HasMore true when the page is full. It is a read: retried after
// transient failures and replayed after a renewed session.
func (c *Client) QueryInventory(ctx context.Context, q *InventoryQuery) (*duijie.Page[InventoryRow], error) {
	bq, err := q.billQuery()
	if err != nil {
		return nil, err
	}
	p, err := c.ExecuteBillQuery(ctx, bq)
	if err != nil {
		return nil, err
	}
	items := make([]InventoryRow, len(p.Items))
	for i, row := range p.Items {
		if err := row.Decode(bq.FieldKeys, &items[i]); err != nil {
			return nil, fmt.Errorf("kingdee %s: row %d: %w", FormInventory, bq.StartRow+i, err)
		}
	}
	return &duijie.Page[InventoryRow]{Items: items, Total: p.Total, Number: p.Number, Size: p.Size, HasMore: p.HasMore}, nil
}

// Inventory walks every page of on-hand stock from q.StartRow, as Rows
// walks a query, and stops on the first error or on break.
func (c *Client) Inventory(ctx context.Context, q *InventoryQuery) iter.Seq2[InventoryRow, error] {
	bq, err := q.billQuery()
	if err != nil {
		return func(yield func(InventoryRow, error) bool) { yield(InventoryRow{}, err) }
	}
	return QueryRows[InventoryRow](ctx, c, bq)
}
