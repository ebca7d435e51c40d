package kingdee

import (
	"context"

	"github.com/duijie/duijie"
)

// FormMiscellaneous is the form id of the other in-stock bill (其他入库单).
const FormMiscellaneous = "STK_MISCELLANEOUS"

// BillTypeMiscellaneous is the standard other in-stock bill type
// (标准其他入库单, QTRKD01_SYS).
const BillTypeMiscellaneous = "QTRKD01_SYS"

// Miscellaneous is an other in-stock bill (其他入库单, form
// STK_MISCELLANEOUS) as BatchSave writes it, saved with
// SaveMiscellaneous.
//
// Field keys: Kingdee's notes do not verify this form's keys (breadth.md
// §3.2); every key typed here is one a source writes, in the case it
// writes it (the server matches keys without case). The header and lines
// are those of a typed save model of the form (find_string id 38363485683:
// FBillTypeID, FStockOrgId, FStockDirect, FDate, FSUPPLIERID, FDEPTID,
// FOwnerTypeIdHead, FOwnerIdHead; FEntity FMATERIALID, FUnitID, FSTOCKID,
// FSTOCKSTATUSID, FQty), the QEasy scheme that writes it from
// Wangdiantong's stock-ins (qeasy-cloud/datahub
// docs/solutions/kingdee-wangdian.md: FBillNo, FBillTypeID QTRKD01_SYS,
// FStockOrgId, FDate, FDEPTID, FNOTE; FEntity FMATERIALID, FSTOCKID, FQty,
// FPrice) and saves of it by other programs (find_string ids 53645674213
// and 69260759846: FLot, FMtoNo on the lines). Everything else goes in
// Extra.
//
// FStockOrgId is required (every save example sets it), with at least one
// line with a material. FBillNo is the key an unclear save is looked up by.
type Miscellaneous struct {
	// ID is the bill's internal id (FID); 0 for a new bill.
	ID int64 `json:"FID,omitzero"`
	// BillType is the bill type (FBillTypeID), usually BillTypeMiscellaneous.
	BillType Ref `json:"FBillTypeID,omitzero"`
	// BillNo is the bill number (FBillNo), unique per form.
	BillNo string `json:"FBillNo,omitempty" limit:"id"`
	// Date is the bill date (FDate).
	Date duijie.Time `json:"FDate,omitzero"`
	// StockOrg is the stock organisation (FStockOrgId, required).
	StockOrg Ref `json:"FStockOrgId,omitzero"`
	// StockDirect is the stock direction (FStockDirect), StockDirectGeneral
	// or StockDirectReturn; "" leaves it to the server.
	StockDirect string `json:"FStockDirect,omitempty"`
	// Supplier is the supplier (FSUPPLIERID).
	Supplier Ref `json:"FSUPPLIERID,omitzero"`
	// Dept is the department (FDEPTID).
	Dept Ref `json:"FDEPTID,omitzero"`
	// OwnerTypeHead is the header owner type (FOwnerTypeIdHead), e.g. OwnerTypeOrg.
	OwnerTypeHead string `json:"FOwnerTypeIdHead,omitempty"`
	// OwnerHead is the header owner (FOwnerIdHead).
	OwnerHead Ref `json:"FOwnerIdHead,omitzero"`
	// Note is the bill's remark (FNOTE).
	Note string `json:"FNOTE,omitempty"`
	// Entries are the bill's lines (FEntity).
	Entries []MiscellaneousEntry `json:"FEntity"`
	// Extra holds custom fields of the header.
	Extra Extra `json:"-" limit:"inline"`
}

// MiscellaneousEntry is one line of an other in-stock bill (FEntity). Qty
// is always written; Price is written when set.
type MiscellaneousEntry struct {
	// EntryID is the line's internal id (FEntryID); 0 for a new line.
	EntryID int64 `json:"FEntryID,omitzero"`
	// Material is the material (FMATERIALID, required).
	Material Ref `json:"FMATERIALID"`
	// Unit is the unit (FUnitID).
	Unit Ref `json:"FUnitID,omitzero"`
	// Qty is the quantity received (FQty, 实收数量).
	Qty duijie.Amount `json:"FQty"`
	// Price is the cost price (FPrice, 成本价); nil leaves it to the server.
	Price *duijie.Amount `json:"FPrice,omitempty"`
	// Stock is the warehouse (FSTOCKID).
	Stock Ref `json:"FSTOCKID,omitzero"`
	// StockStatus is the stock status (FSTOCKSTATUSID), e.g. StockStatusAvailable.
	StockStatus Ref `json:"FSTOCKSTATUSID,omitzero"`
	// Lot is the batch (FLot).
	Lot Ref `json:"FLot,omitzero"`
	// MtoNo is the plan tracking number (FMtoNo, 计划跟踪号).
	MtoNo string `json:"FMtoNo,omitempty" limit:"id"`
	// Extra holds custom fields of the line.
	Extra Extra `json:"-" limit:"inline"`
}

// MarshalJSON writes the bill with its custom fields.
func (b Miscellaneous) MarshalJSON() ([]byte, error) {
	type plain Miscellaneous
	return withExtra(plain(b), b.Extra)
}

// MarshalJSON writes the line with its custom fields.
func (e MiscellaneousEntry) MarshalJSON() ([]byte, error) {
	type plain MiscellaneousEntry
	return withExtra(plain(e), e.Extra)
}

// Number returns the bill number (FBillNo).
func (b Miscellaneous) Number() string { return b.BillNo }

// Validate checks what the server would refuse or silently garble: the
// required reference (FStockOrgId), at least one line, every line's
// material, quantities and prices not negative and held as sent by the
// server's decimal, and the universal text rules (see
// SalReturnStock.Validate), custom fields included.
func (b Miscellaneous) Validate() error {
	if err := requireRefs(head, refField{"FStockOrgId", b.StockOrg}); err != nil {
		return err
	}
	if err := requireLines("FEntity", len(b.Entries)); err != nil {
		return err
	}
	for i := range b.Entries {
		e := &b.Entries[i]
		at := lineAt("FEntity", i)
		if err := requireRefs(at, refField{"FMATERIALID", e.Material}); err != nil {
			return err
		}
		if err := checkAmounts(at, amountField{key: "FQty", v: &e.Qty}, amountField{key: "FPrice", v: e.Price}); err != nil {
			return err
		}
	}
	return limits.Check(&b)
}

// compare is what a bill found by its number is compared by.
func (b Miscellaneous) compare() *comparison {
	c := &comparison{}
	c.add("FStockOrgId.FNumber", b.StockOrg.Number)
	if !b.Date.IsZero() {
		c.add("FDate", dateText(b.Date))
	}
	c.lineKeys = []string{"FMATERIALID.FNumber", "FQty"}
	for _, e := range b.Entries {
		c.lines = append(c.lines, []string{e.Material.Number, e.Qty.String()})
	}
	return c
}

// CompareKeys are the fields a bill found by its number is compared by:
// the stock organisation, the date when set, and each line's material and
// quantity.
func (b Miscellaneous) CompareKeys() []string { return b.compare().keys() }

// CompareRows are the values of CompareKeys, one row per line.
func (b Miscellaneous) CompareRows() [][]string { return b.compare().rows() }

// SaveMiscellaneousRequest is a save of other in-stock bills.
type SaveMiscellaneousRequest = SaveBillsRequest[Miscellaneous]

// SaveMiscellaneous saves other in-stock bills (其他入库单, form
// STK_MISCELLANEOUS) with DynamicFormService.BatchSave (批量保存), with
// BatchSave's outcomes and errors. Replay rule: never replayed blindly;
// after an unclear outcome the bills are looked up by FBillNo and compared
// (CompareKeys), and only those not found after the settle delay are sent
// again.
func (c *Client) SaveMiscellaneous(ctx context.Context, req *SaveMiscellaneousRequest) (*BatchSaveResult, error) {
	return saveBills(ctx, c, opSaveMiscellaneous, formKey{id: FormMiscellaneous, number: DefaultNumberField}, req)
}
