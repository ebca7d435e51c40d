package kingdee

import (
	"context"

	"github.com/duijie/duijie"
)

// FormMisDelivery is the form id of the other out-stock bill (其他出库单).
const FormMisDelivery = "STK_MisDelivery"

// Values the other stock bills use, from the save examples cited on
// MisDelivery and Miscellaneous.
const (
	// BillTypeMisDelivery is the standard other out-stock bill type
	// (标准其他出库单, QTCKD01_SYS).
	BillTypeMisDelivery = "QTCKD01_SYS"
	// StockDirectGeneral is the stock direction "普通" (FStockDirect
	// GENERAL); RETURN reverses the bill's quantities.
	StockDirectGeneral = "GENERAL"
	// StockDirectReturn is the stock direction "退货" (FStockDirect RETURN).
	StockDirectReturn = "RETURN"
	// KeeperTypeOrg is the keeper type "业务组织" for FKeeperTypeId.
	KeeperTypeOrg = "BD_KeeperOrg"
)

// MisDelivery is an other out-stock bill (其他出库单, form
// STK_MisDelivery) as BatchSave writes it, saved with SaveMisDeliveries.
//
// Field keys: Kingdee's notes do not verify this form's keys (breadth.md
// §3.2); every key typed here is one a source writes. The header and the
// FEntity lines are those of a full save example of the form (find_string
// id 141077933, a PHP test: FBillTypeID QTCKD01_SYS, FStockOrgId,
// FPickOrgId, FStockDirect, FDate, FCustId, FDeptId, FStockerId,
// FOwnerTypeIdHead, FOwnerIdHead, FNote; FMaterialId, FUnitID, FQty,
// FBaseUnitId, FStockId, FOwnerTypeId, FOwnerId, FEntryNote,
// FStockStatusId, FKeeperTypeId, FKeeperId), the QEasy scheme that writes it
// from Wangdiantong's stock-outs (qeasy-cloud/datahub
// docs/solutions/kingdee-wangdian.md: FBillNo, FBillTypeID, FStockOrgId,
// FPickOrgId, FDate, FDeptId; FEntity FMaterialId, FQty, FStockId) and a
// WMS program's saves of it (find_string id 53645674213: FLot, FMTONO on
// the lines). Everything else goes in Extra.
//
// FStockOrgId and FPickOrgId are required (every save example sets both),
// with at least one line with a material. FBillNo is the key an unclear
// save is looked up by.
type MisDelivery struct {
	// ID is the bill's internal id (FID); 0 for a new bill.
	ID int64 `json:"FID,omitzero"`
	// BillType is the bill type (FBillTypeID), usually BillTypeMisDelivery.
	BillType Ref `json:"FBillTypeID,omitzero"`
	// BillNo is the bill number (FBillNo), unique per form.
	BillNo string `json:"FBillNo,omitempty" limit:"id"`
	// Date is the bill date (FDate).
	Date duijie.Time `json:"FDate,omitzero"`
	// StockOrg is the stock organisation (FStockOrgId, required).
	StockOrg Ref `json:"FStockOrgId,omitzero"`
	// PickOrg is the receiving organisation (FPickOrgId, 领用组织, required).
	PickOrg Ref `json:"FPickOrgId,omitzero"`
	// StockDirect is the stock direction (FStockDirect), StockDirectGeneral
	// or StockDirectReturn; "" leaves it to the server.
	StockDirect string `json:"FStockDirect,omitempty"`
	// Customer is the customer (FCustId).
	Customer Ref `json:"FCustId,omitzero"`
	// Dept is the receiving department (FDeptId, 领料部门).
	Dept Ref `json:"FDeptId,omitzero"`
	// Stocker is the storekeeper (FStockerId).
	Stocker Ref `json:"FStockerId,omitzero"`
	// OwnerTypeHead is the header owner type (FOwnerTypeIdHead), e.g. OwnerTypeOrg.
	OwnerTypeHead string `json:"FOwnerTypeIdHead,omitempty"`
	// OwnerHead is the header owner (FOwnerIdHead).
	OwnerHead Ref `json:"FOwnerIdHead,omitzero"`
	// Note is the bill's remark (FNote).
	Note string `json:"FNote,omitempty"`
	// Entries are the bill's lines (FEntity).
	Entries []MisDeliveryEntry `json:"FEntity"`
	// Extra holds custom fields of the header.
	Extra Extra `json:"-" limit:"inline"`
}

// MisDeliveryEntry is one line of an other out-stock bill (FEntity). Qty
// is always written.
type MisDeliveryEntry struct {
	// EntryID is the line's internal id (FEntryID); 0 for a new line.
	EntryID int64 `json:"FEntryID,omitzero"`
	// Material is the material (FMaterialId, required).
	Material Ref `json:"FMaterialId"`
	// Unit is the unit (FUnitID).
	Unit Ref `json:"FUnitID,omitzero"`
	// Qty is the quantity issued (FQty, 实发数量).
	Qty duijie.Amount `json:"FQty"`
	// BaseUnit is the base unit (FBaseUnitId).
	BaseUnit Ref `json:"FBaseUnitId,omitzero"`
	// Stock is the warehouse (FStockId).
	Stock Ref `json:"FStockId,omitzero"`
	// StockStatus is the stock status (FStockStatusId), e.g. StockStatusAvailable.
	StockStatus Ref `json:"FStockStatusId,omitzero"`
	// Lot is the batch (FLot).
	Lot Ref `json:"FLot,omitzero"`
	// MtoNo is the plan tracking number (FMTONO, 计划跟踪号).
	MtoNo string `json:"FMTONO,omitempty" limit:"id"`
	// OwnerType is the owner type (FOwnerTypeId), e.g. OwnerTypeOrg.
	OwnerType string `json:"FOwnerTypeId,omitempty"`
	// Owner is the owner (FOwnerId).
	Owner Ref `json:"FOwnerId,omitzero"`
	// KeeperType is the keeper type (FKeeperTypeId), e.g. KeeperTypeOrg.
	KeeperType string `json:"FKeeperTypeId,omitempty"`
	// Keeper is the keeper (FKeeperId).
	Keeper Ref `json:"FKeeperId,omitzero"`
	// Note is the line's remark (FEntryNote).
	Note string `json:"FEntryNote,omitempty"`
	// Extra holds custom fields of the line.
	Extra Extra `json:"-" limit:"inline"`
}

// MarshalJSON writes the bill with its custom fields.
func (b MisDelivery) MarshalJSON() ([]byte, error) {
	type plain MisDelivery
	return withExtra(plain(b), b.Extra)
}

// MarshalJSON writes the line with its custom fields.
func (e MisDeliveryEntry) MarshalJSON() ([]byte, error) {
	type plain MisDeliveryEntry
	return withExtra(plain(e), e.Extra)
}

// Number returns the bill number (FBillNo).
func (b MisDelivery) Number() string { return b.BillNo }

// Validate checks what the server would refuse or silently garble: the
// required references (FStockOrgId, FPickOrgId), at least one line, every
// line's material, quantities not negative and held as sent by the
// server's decimal, and the universal text rules (see
// SalReturnStock.Validate), custom fields included.
func (b MisDelivery) Validate() error {
	if err := requireRefs(head, refField{"FStockOrgId", b.StockOrg}, refField{"FPickOrgId", b.PickOrg}); err != nil {
		return err
	}
	if err := requireLines("FEntity", len(b.Entries)); err != nil {
		return err
	}
	for i := range b.Entries {
		e := &b.Entries[i]
		at := lineAt("FEntity", i)
		if err := requireRefs(at, refField{"FMaterialId", e.Material}); err != nil {
			return err
		}
		if err := checkAmounts(at, amountField{key: "FQty", v: &e.Qty}); err != nil {
			return err
		}
	}
	return limits.Check(&b)
}

// compare is what a bill found by its number is compared by.
func (b MisDelivery) compare() *comparison {
	c := &comparison{}
	c.add("FStockOrgId.FNumber", b.StockOrg.Number)
	if !b.Date.IsZero() {
		c.add("FDate", dateText(b.Date))
	}
	c.lineKeys = []string{"FMaterialId.FNumber", "FQty"}
	for _, e := range b.Entries {
		c.lines = append(c.lines, []string{e.Material.Number, e.Qty.String()})
	}
	return c
}

// CompareKeys are the fields a bill found by its number is compared by:
// the stock organisation, the date when set, and each line's material and
// quantity.
func (b MisDelivery) CompareKeys() []string { return b.compare().keys() }

// CompareRows are the values of CompareKeys, one row per line.
func (b MisDelivery) CompareRows() [][]string { return b.compare().rows() }

// SaveMisDeliveriesRequest is a save of other out-stock bills.
type SaveMisDeliveriesRequest = SaveBillsRequest[MisDelivery]

// SaveMisDeliveries saves other out-stock bills (其他出库单, form
// STK_MisDelivery) with DynamicFormService.BatchSave (批量保存), with
// BatchSave's outcomes and errors. Replay rule: never replayed blindly;
// after an unclear outcome the bills are looked up by FBillNo and compared
// (CompareKeys), and only those not found after the settle delay are sent
// again.
func (c *Client) SaveMisDeliveries(ctx context.Context, req *SaveMisDeliveriesRequest) (*BatchSaveResult, error) {
	return saveBills(ctx, c, opSaveMisDeliveries, formKey{id: FormMisDelivery, number: DefaultNumberField}, req)
}
