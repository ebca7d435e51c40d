package kingdee

import (
	"context"

	"github.com/duijie/duijie"
)

// The stock count result forms.
const (
	// FormStockCountGain is the form id of the stock gain bill (盘盈单).
	FormStockCountGain = "STK_StockCountGain"
	// FormStockCountLoss is the form id of the stock loss bill (盘亏单).
	FormStockCountLoss = "STK_StockCountLoss"
	// BillTypeStockCountGain is the standard stock gain bill type (PY01_SYS).
	BillTypeStockCountGain = "PY01_SYS"
)

// StockCountGain is a stock gain bill (盘盈单, form STK_StockCountGain) as
// BatchSave writes it, saved with SaveStockCountGains.
//
// Field keys: a WMS program's saves of the form (find_string id
// 53645674213: FBillNo, FDate, FBillTypeID, FStockOrgId; FBillEntry
// FMaterialId, FCountQty, FGainQty, FLot, FStockId, FStockStatusId,
// FProduceDate, FExpiryDate, FMTONO), a counting app's saves of it
// (find_string id 34149367929: FBillTypeID PY01_SYS, FBillEntry FCountQty,
// FOwnerTypeId) and a plug-in that builds it (find_string id 53068467782:
// FOwnerTypeIdHead, FOwnerIdHead, FNoteHead). Everything else goes in
// Extra.
//
// FStockOrgId is required, with at least one line with a material and a
// warehouse (every source sets them). FBillNo is the key an unclear save is
// looked up by.
type StockCountGain struct {
	// ID is the bill's internal id (FID); 0 for a new bill.
	ID int64 `json:"FID,omitzero"`
	// BillType is the bill type (FBillTypeID), usually BillTypeStockCountGain.
	BillType Ref `json:"FBillTypeID,omitzero"`
	// BillNo is the bill number (FBillNo), unique per form.
	BillNo string `json:"FBillNo,omitempty" limit:"id"`
	// Date is the bill date (FDate).
	Date duijie.Time `json:"FDate,omitzero"`
	// StockOrg is the stock organisation (FStockOrgId, required).
	StockOrg Ref `json:"FStockOrgId,omitzero"`
	// OwnerTypeHead is the header owner type (FOwnerTypeIdHead), e.g. OwnerTypeOrg.
	OwnerTypeHead string `json:"FOwnerTypeIdHead,omitempty"`
	// OwnerHead is the header owner (FOwnerIdHead).
	OwnerHead Ref `json:"FOwnerIdHead,omitzero"`
	// Note is the bill's remark (FNoteHead).
	Note string `json:"FNoteHead,omitempty"`
	// Entries are the bill's lines (FBillEntry).
	Entries []StockCountGainEntry `json:"FBillEntry"`
	// Extra holds custom fields of the header.
	Extra Extra `json:"-" limit:"inline"`
}

// StockCountGainEntry is one line of a stock gain bill (FBillEntry).
// CountQty and GainQty are always written.
type StockCountGainEntry struct {
	// EntryID is the line's internal id (FEntryID); 0 for a new line.
	EntryID int64 `json:"FEntryID,omitzero"`
	// Material is the material (FMaterialId, required).
	Material Ref `json:"FMaterialId"`
	// CountQty is the quantity counted (FCountQty, 盘点数量).
	CountQty duijie.Amount `json:"FCountQty"`
	// GainQty is the quantity gained (FGainQty, 盘盈数量).
	GainQty duijie.Amount `json:"FGainQty"`
	// Stock is the warehouse (FStockId, required).
	Stock Ref `json:"FStockId"`
	// StockStatus is the stock status (FStockStatusId), e.g. StockStatusAvailable.
	StockStatus Ref `json:"FStockStatusId,omitzero"`
	// Lot is the batch (FLot).
	Lot Ref `json:"FLot,omitzero"`
	// MtoNo is the plan tracking number (FMTONO, 计划跟踪号).
	MtoNo string `json:"FMTONO,omitempty" limit:"id"`
	// OwnerType is the owner type (FOwnerTypeId), e.g. OwnerTypeOrg.
	OwnerType string `json:"FOwnerTypeId,omitempty"`
	// Extra holds custom fields of the line.
	Extra Extra `json:"-" limit:"inline"`
}

// StockCountLoss is a stock loss bill (盘亏单, form STK_StockCountLoss) as
// BatchSave writes it, saved with SaveStockCountLosses. Its fields are
// StockCountGain's, from the same sources (find_string id 53645674213
// saves both forms alike, with FLossQty where the gain bill has FGainQty);
// no source names its bill type's code, so BillType has no constant.
type StockCountLoss struct {
	// ID is the bill's internal id (FID); 0 for a new bill.
	ID int64 `json:"FID,omitzero"`
	// BillType is the bill type (FBillTypeID).
	BillType Ref `json:"FBillTypeID,omitzero"`
	// BillNo is the bill number (FBillNo), unique per form.
	BillNo string `json:"FBillNo,omitempty" limit:"id"`
	// Date is the bill date (FDate).
	Date duijie.Time `json:"FDate,omitzero"`
	// StockOrg is the stock organisation (FStockOrgId, required).
	StockOrg Ref `json:"FStockOrgId,omitzero"`
	// OwnerTypeHead is the header owner type (FOwnerTypeIdHead), e.g. OwnerTypeOrg.
	OwnerTypeHead string `json:"FOwnerTypeIdHead,omitempty"`
	// OwnerHead is the header owner (FOwnerIdHead).
	OwnerHead Ref `json:"FOwnerIdHead,omitzero"`
	// Note is the bill's remark (FNoteHead).
	Note string `json:"FNoteHead,omitempty"`
	// Entries are the bill's lines (FBillEntry).
	Entries []StockCountLossEntry `json:"FBillEntry"`
	// Extra holds custom fields of the header.
	Extra Extra `json:"-" limit:"inline"`
}

// StockCountLossEntry is one line of a stock loss bill (FBillEntry).
// CountQty and LossQty are always written.
type StockCountLossEntry struct {
	// EntryID is the line's internal id (FEntryID); 0 for a new line.
	EntryID int64 `json:"FEntryID,omitzero"`
	// Material is the material (FMaterialId, required).
	Material Ref `json:"FMaterialId"`
	// CountQty is the quantity counted (FCountQty, 盘点数量).
	CountQty duijie.Amount `json:"FCountQty"`
	// LossQty is the quantity lost (FLossQty, 盘亏数量), positive.
	LossQty duijie.Amount `json:"FLossQty"`
	// Stock is the warehouse (FStockId, required).
	Stock Ref `json:"FStockId"`
	// StockStatus is the stock status (FStockStatusId), e.g. StockStatusAvailable.
	StockStatus Ref `json:"FStockStatusId,omitzero"`
	// Lot is the batch (FLot).
	Lot Ref `json:"FLot,omitzero"`
	// MtoNo is the plan tracking number (FMTONO, 计划跟踪号).
	MtoNo string `json:"FMTONO,omitempty" limit:"id"`
	// OwnerType is the owner type (FOwnerTypeId), e.g. OwnerTypeOrg.
	OwnerType string `json:"FOwnerTypeId,omitempty"`
	// Extra holds custom fields of the line.
	Extra Extra `json:"-" limit:"inline"`
}

// MarshalJSON writes the bill with its custom fields.
func (b StockCountGain) MarshalJSON() ([]byte, error) {
	type plain StockCountGain
	return withExtra(plain(b), b.Extra)
}

// MarshalJSON writes the line with its custom fields.
func (e StockCountGainEntry) MarshalJSON() ([]byte, error) {
	type plain StockCountGainEntry
	return withExtra(plain(e), e.Extra)
}

// MarshalJSON writes the bill with its custom fields.
func (b StockCountLoss) MarshalJSON() ([]byte, error) {
	type plain StockCountLoss
	return withExtra(plain(b), b.Extra)
}

// MarshalJSON writes the line with its custom fields.
func (e StockCountLossEntry) MarshalJSON() ([]byte, error) {
	type plain StockCountLossEntry
	return withExtra(plain(e), e.Extra)
}

// Number returns the bill number (FBillNo).
func (b StockCountGain) Number() string { return b.BillNo }

// Number returns the bill number (FBillNo).
func (b StockCountLoss) Number() string { return b.BillNo }

// countLine is what the two count bills' lines share for Validate and
// the comparison: the quantity key differs.
type countLine struct {
	material, stock Ref
	count, diff     *duijie.Amount
}

// validateCount checks a count bill: the stock organisation, at least one
// line, each line's material and warehouse, quantities not negative and
// held as sent by the server's decimal.
func validateCount(stockOrg Ref, diffKey string, lines []countLine) error {
	if err := requireRefs(head, refField{"FStockOrgId", stockOrg}); err != nil {
		return err
	}
	if err := requireLines("FBillEntry", len(lines)); err != nil {
		return err
	}
	for i, l := range lines {
		at := lineAt("FBillEntry", i)
		if err := requireRefs(at, refField{"FMaterialId", l.material}, refField{"FStockId", l.stock}); err != nil {
			return err
		}
		if err := checkAmounts(at, amountField{key: "FCountQty", v: l.count}, amountField{key: diffKey, v: l.diff}); err != nil {
			return err
		}
	}
	return nil
}

// compareCount is what a count bill found by its number is compared by.
func compareCount(stockOrg Ref, date duijie.Time, diffKey string, lines []countLine) *comparison {
	c := &comparison{}
	c.add("FStockOrgId.FNumber", stockOrg.Number)
	if !date.IsZero() {
		c.add("FDate", dateText(date))
	}
	c.lineKeys = []string{"FMaterialId.FNumber", "FStockId.FNumber", diffKey}
	for _, l := range lines {
		c.lines = append(c.lines, []string{l.material.Number, l.stock.Number, l.diff.String()})
	}
	return c
}

// lines are the bill's lines for the shared checks.
func (b StockCountGain) lines() []countLine {
	out := make([]countLine, len(b.Entries))
	for i := range b.Entries {
		e := &b.Entries[i]
		out[i] = countLine{e.Material, e.Stock, &e.CountQty, &e.GainQty}
	}
	return out
}

// lines are the bill's lines for the shared checks.
func (b StockCountLoss) lines() []countLine {
	out := make([]countLine, len(b.Entries))
	for i := range b.Entries {
		e := &b.Entries[i]
		out[i] = countLine{e.Material, e.Stock, &e.CountQty, &e.LossQty}
	}
	return out
}

// Validate checks what the server would refuse or silently garble: the
// stock organisation, at least one line, each line's material and
// warehouse, quantities not negative and held as sent by the server's
// decimal, and the universal text rules (see SalReturnStock.Validate),
// custom fields included.
func (b StockCountGain) Validate() error {
	if err := validateCount(b.StockOrg, "FGainQty", b.lines()); err != nil {
		return err
	}
	return limits.Check(&b)
}

// Validate checks the bill as StockCountGain.Validate does, FLossQty for
// FGainQty.
func (b StockCountLoss) Validate() error {
	if err := validateCount(b.StockOrg, "FLossQty", b.lines()); err != nil {
		return err
	}
	return limits.Check(&b)
}

// CompareKeys are the fields a bill found by its number is compared by:
// the stock organisation, the date when set, and each line's material,
// warehouse and quantity gained.
func (b StockCountGain) CompareKeys() []string {
	return compareCount(b.StockOrg, b.Date, "FGainQty", b.lines()).keys()
}

// CompareRows are the values of CompareKeys, one row per line.
func (b StockCountGain) CompareRows() [][]string {
	return compareCount(b.StockOrg, b.Date, "FGainQty", b.lines()).rows()
}

// CompareKeys are the fields a bill found by its number is compared by:
// the stock organisation, the date when set, and each line's material,
// warehouse and quantity lost.
func (b StockCountLoss) CompareKeys() []string {
	return compareCount(b.StockOrg, b.Date, "FLossQty", b.lines()).keys()
}

// CompareRows are the values of CompareKeys, one row per line.
func (b StockCountLoss) CompareRows() [][]string {
	return compareCount(b.StockOrg, b.Date, "FLossQty", b.lines()).rows()
}

// SaveStockCountGainsRequest is a save of stock gain bills.
type SaveStockCountGainsRequest = SaveBillsRequest[StockCountGain]

// SaveStockCountLossesRequest is a save of stock loss bills.
type SaveStockCountLossesRequest = SaveBillsRequest[StockCountLoss]

// SaveStockCountGains saves stock gain bills (盘盈单, form
// STK_StockCountGain) with DynamicFormService.BatchSave (批量保存), with
// BatchSave's outcomes and errors. Replay rule: never replayed blindly;
// after an unclear outcome the bills are looked up by FBillNo and compared
// (CompareKeys), and only those not found after the settle delay are sent
// again.
func (c *Client) SaveStockCountGains(ctx context.Context, req *SaveStockCountGainsRequest) (*BatchSaveResult, error) {
	return saveBills(ctx, c, opSaveStockCountGains, formKey{id: FormStockCountGain, number: DefaultNumberField}, req)
}

// SaveStockCountLosses saves stock loss bills (盘亏单, form
// STK_StockCountLoss) with DynamicFormService.BatchSave (批量保存), with
// SaveStockCountGains's outcomes, errors and replay rule.
func (c *Client) SaveStockCountLosses(ctx context.Context, req *SaveStockCountLossesRequest) (*BatchSaveResult, error) {
	return saveBills(ctx, c, opSaveStockCountLosses, formKey{id: FormStockCountLoss, number: DefaultNumberField}, req)
}
