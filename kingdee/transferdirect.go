package kingdee

import (
	"context"

	"github.com/duijie/duijie"
)

// FormTransferDirect is the form id of the direct transfer bill (直接调拨单).
const FormTransferDirect = "STK_TransferDirect"

// Values the standard direct transfer uses, from the QEasy scheme cited on
// TransferDirect.
const (
	// BillTypeTransferDirect is the standard direct transfer bill type
	// (标准直接调拨单, ZJDB01_SYS).
	BillTypeTransferDirect = "ZJDB01_SYS"
	// TransferBizTypeInnerOrg is the transfer type "组织内调拨"
	// (FTransferBizType InnerOrgTransfer).
	TransferBizTypeInnerOrg = "InnerOrgTransfer"
	// TransferDirectGeneral is the transfer direction "普通" (FTransferDirect GENERAL).
	TransferDirectGeneral = "GENERAL"
	// BizTypeNormal is the business type "标准" (FBizType NORMAL).
	BizTypeNormal = "NORMAL"
)

// TransferDirect is a direct transfer bill (直接调拨单, form
// STK_TransferDirect) as BatchSave writes it, saved with
// SaveTransferDirects.
//
// Field keys: the QEasy scheme that writes it from Wangdiantong's
// transfers (qeasy-cloud/datahub docs/solutions/kingdee-wangdian.md:
// FBillNo, FBillTypeID ZJDB01_SYS, FBizType NORMAL, FTransferDirect
// GENERAL, FTransferBizType InnerOrgTransfer, FStockOutOrgId,
// FOwnerOutIdHead, FStockOrgId, FDate, FNote; FBillEntry FMaterialId, FQty,
// FSrcStockId, FDestStockId), a WMS program's saves of it (find_string id
// 53645674213: the FBillEntry key, FLot, FMtoNo on the lines) and the
// form's header key FStockOutOrgId in Kingdee's own code (find_string id
// 21608842307). Everything else goes in Extra.
//
// FStockOutOrgId and FStockOrgId are required, with at least one line with
// a material, a source and a destination warehouse (the scheme sets them
// all). FBillNo is the key an unclear save is looked up by.
type TransferDirect struct {
	// ID is the bill's internal id (FID); 0 for a new bill.
	ID int64 `json:"FID,omitzero"`
	// BillType is the bill type (FBillTypeID), usually BillTypeTransferDirect.
	BillType Ref `json:"FBillTypeID,omitzero"`
	// BillNo is the bill number (FBillNo), unique per form.
	BillNo string `json:"FBillNo,omitempty" limit:"id"`
	// Date is the bill date (FDate).
	Date duijie.Time `json:"FDate,omitzero"`
	// BizType is the business type (FBizType), e.g. BizTypeNormal.
	BizType string `json:"FBizType,omitempty"`
	// TransferDirect is the transfer direction (FTransferDirect), e.g.
	// TransferDirectGeneral.
	TransferDirect string `json:"FTransferDirect,omitempty"`
	// TransferBizType is the transfer type (FTransferBizType), e.g.
	// TransferBizTypeInnerOrg.
	TransferBizType string `json:"FTransferBizType,omitempty"`
	// StockOutOrg is the sending stock organisation (FStockOutOrgId, required).
	StockOutOrg Ref `json:"FStockOutOrgId,omitzero"`
	// OwnerOutHead is the sending owner (FOwnerOutIdHead).
	OwnerOutHead Ref `json:"FOwnerOutIdHead,omitzero"`
	// StockOrg is the receiving stock organisation (FStockOrgId, required).
	StockOrg Ref `json:"FStockOrgId,omitzero"`
	// Note is the bill's remark (FNote).
	Note string `json:"FNote,omitempty"`
	// Entries are the bill's lines (FBillEntry).
	Entries []TransferDirectEntry `json:"FBillEntry"`
	// Extra holds custom fields of the header.
	Extra Extra `json:"-" limit:"inline"`
}

// TransferDirectEntry is one line of a direct transfer bill (FBillEntry).
// Qty is always written.
type TransferDirectEntry struct {
	// EntryID is the line's internal id (FEntryID); 0 for a new line.
	EntryID int64 `json:"FEntryID,omitzero"`
	// Material is the material (FMaterialId, required).
	Material Ref `json:"FMaterialId"`
	// Qty is the quantity transferred (FQty).
	Qty duijie.Amount `json:"FQty"`
	// SrcStock is the sending warehouse (FSrcStockId, required).
	SrcStock Ref `json:"FSrcStockId"`
	// DestStock is the receiving warehouse (FDestStockId, required).
	DestStock Ref `json:"FDestStockId"`
	// Lot is the batch (FLot).
	Lot Ref `json:"FLot,omitzero"`
	// MtoNo is the plan tracking number (FMtoNo, 计划跟踪号).
	MtoNo string `json:"FMtoNo,omitempty" limit:"id"`
	// Extra holds custom fields of the line.
	Extra Extra `json:"-" limit:"inline"`
}

// MarshalJSON writes the bill with its custom fields.
func (b TransferDirect) MarshalJSON() ([]byte, error) {
	type plain TransferDirect
	return withExtra(plain(b), b.Extra)
}

// MarshalJSON writes the line with its custom fields.
func (e TransferDirectEntry) MarshalJSON() ([]byte, error) {
	type plain TransferDirectEntry
	return withExtra(plain(e), e.Extra)
}

// Number returns the bill number (FBillNo).
func (b TransferDirect) Number() string { return b.BillNo }

// Validate checks what the server would refuse or silently garble: the
// required references (FStockOutOrgId, FStockOrgId), at least one line,
// every line's material and warehouses, quantities not negative and held
// as sent by the server's decimal, and the universal text rules (see
// SalReturnStock.Validate), custom fields included.
func (b TransferDirect) Validate() error {
	if err := requireRefs(head, refField{"FStockOutOrgId", b.StockOutOrg}, refField{"FStockOrgId", b.StockOrg}); err != nil {
		return err
	}
	if err := requireLines("FBillEntry", len(b.Entries)); err != nil {
		return err
	}
	for i := range b.Entries {
		e := &b.Entries[i]
		at := lineAt("FBillEntry", i)
		if err := requireRefs(at, refField{"FMaterialId", e.Material}, refField{"FSrcStockId", e.SrcStock},
			refField{"FDestStockId", e.DestStock}); err != nil {
			return err
		}
		if err := checkAmounts(at, amountField{key: "FQty", v: &e.Qty}); err != nil {
			return err
		}
	}
	return limits.Check(&b)
}

// compare is what a bill found by its number is compared by.
func (b TransferDirect) compare() *comparison {
	c := &comparison{}
	if !b.Date.IsZero() {
		c.add("FDate", dateText(b.Date))
	}
	c.lineKeys = []string{"FMaterialId.FNumber", "FQty", "FSrcStockId.FNumber", "FDestStockId.FNumber"}
	for _, e := range b.Entries {
		c.lines = append(c.lines, []string{e.Material.Number, e.Qty.String(), e.SrcStock.Number, e.DestStock.Number})
	}
	return c
}

// CompareKeys are the fields a bill found by its number is compared by:
// the date when set, and each line's material, quantity and warehouses.
func (b TransferDirect) CompareKeys() []string { return b.compare().keys() }

// CompareRows are the values of CompareKeys, one row per line.
func (b TransferDirect) CompareRows() [][]string { return b.compare().rows() }

// SaveTransferDirectsRequest is a save of direct transfer bills.
type SaveTransferDirectsRequest = SaveBillsRequest[TransferDirect]

// SaveTransferDirects saves direct transfer bills (直接调拨单, form
// STK_TransferDirect) with DynamicFormService.BatchSave (批量保存), with
// BatchSave's outcomes and errors. Replay rule: never replayed blindly;
// after an unclear outcome the bills are looked up by FBillNo and compared
// (CompareKeys), and only those not found after the settle delay are sent
// again.
func (c *Client) SaveTransferDirects(ctx context.Context, req *SaveTransferDirectsRequest) (*BatchSaveResult, error) {
	return saveBills(ctx, c, opSaveTransferDirects, formKey{id: FormTransferDirect, number: DefaultNumberField}, req)
}
