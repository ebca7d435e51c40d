package kingdee

import (
	"context"

	"github.com/duijie/duijie"
)

// FormPurMRB is the form id of the purchase return bill (采购退料单).
const FormPurMRB = "PUR_MRB"

// BillTypePurMRB is the standard purchase return bill type (标准采购退料,
// TLD01_SYS).
const BillTypePurMRB = "TLD01_SYS"

// PurMRB is a purchase return bill (采购退料单, form PUR_MRB) as BatchSave
// writes it, saved with SavePurMRBs.
//
// Field keys, in the case the sources write them (the server matches keys
// without case): the QEasy scheme that writes it from Wangdiantong's
// purchase returns (qeasy-cloud/datahub docs/solutions/kingdee-wangdian.md:
// FBillTypeID TLD01_SYS, FBusinessType CG, FBillNo, FDate, FStockOrgId,
// FPurchaseOrgId, FSupplierID, FMRMODE; FPURMRBENTRY FMATERIALID,
// FRMREALQTY, FTAXPRICE, FENTRYTAXRATE, FSTOCKID), typed models of the
// line (find_string ids 39262630386 and 33408809208: FEntryID, FUnitID,
// FPrice, FStockStatusId, FNOTE) and a WMS program's saves of it
// (find_string id 53645674213: FLot, FMTONO). Everything else goes in
// Extra.
//
// FStockOrgId, FPurchaseOrgId and FSupplierID are required (the scheme
// sets all three), with at least one line with a material. FBillNo is the
// key an unclear save is looked up by.
type PurMRB struct {
	// ID is the bill's internal id (FID); 0 for a new bill.
	ID int64 `json:"FID,omitzero"`
	// BillType is the bill type (FBillTypeID), usually BillTypePurMRB.
	BillType Ref `json:"FBillTypeID,omitzero"`
	// BusinessType is the business type (FBusinessType), e.g. BusinessTypePurchase.
	BusinessType string `json:"FBusinessType,omitempty"`
	// BillNo is the bill number (FBillNo), unique per form.
	BillNo string `json:"FBillNo,omitempty" limit:"id"`
	// Date is the return date (FDate, 退料日期).
	Date duijie.Time `json:"FDate,omitzero"`
	// StockOrg is the returning organisation (FStockOrgId, 退料组织, required).
	StockOrg Ref `json:"FStockOrgId,omitzero"`
	// PurchaseOrg is the purchasing organisation (FPurchaseOrgId, required).
	PurchaseOrg Ref `json:"FPurchaseOrgId,omitzero"`
	// Supplier is the supplier (FSupplierID, required).
	Supplier Ref `json:"FSupplierID,omitzero"`
	// ReturnMode is the return mode (FMRMODE, 退料方式); the scheme sends B
	// (退料并扣款). "" leaves it to the server.
	ReturnMode string `json:"FMRMODE,omitempty"`
	// Entries are the bill's lines (FPURMRBENTRY).
	Entries []PurMRBEntry `json:"FPURMRBENTRY"`
	// Extra holds custom fields of the header.
	Extra Extra `json:"-" limit:"inline"`
}

// PurMRBEntry is one line of a purchase return bill (FPURMRBENTRY). RealQty
// is always written; the optional amounts are written when set, 0
// included, and nil leaves them to the server.
type PurMRBEntry struct {
	// EntryID is the line's internal id (FEntryID); 0 for a new line.
	EntryID int64 `json:"FEntryID,omitzero"`
	// Material is the material (FMATERIALID, required).
	Material Ref `json:"FMATERIALID"`
	// Unit is the unit (FUnitID).
	Unit Ref `json:"FUnitID,omitzero"`
	// RealQty is the quantity returned (FRMREALQTY, 实退数量).
	RealQty duijie.Amount `json:"FRMREALQTY"`
	// TaxPrice is the price including tax (FTAXPRICE, 含税单价).
	TaxPrice *duijie.Amount `json:"FTAXPRICE,omitempty"`
	// Price is the price before tax (FPrice).
	Price *duijie.Amount `json:"FPrice,omitempty"`
	// TaxRate is the tax rate in percent (FENTRYTAXRATE), 13 for 13%.
	TaxRate *duijie.Amount `json:"FENTRYTAXRATE,omitempty"`
	// Stock is the warehouse (FSTOCKID).
	Stock Ref `json:"FSTOCKID,omitzero"`
	// StockStatus is the stock status (FStockStatusId), e.g. StockStatusAvailable.
	StockStatus Ref `json:"FStockStatusId,omitzero"`
	// Lot is the batch (FLot).
	Lot Ref `json:"FLot,omitzero"`
	// MtoNo is the plan tracking number (FMTONO, 计划跟踪号).
	MtoNo string `json:"FMTONO,omitempty" limit:"id"`
	// Note is the line's remark (FNOTE).
	Note string `json:"FNOTE,omitempty"`
	// Extra holds custom fields of the line.
	Extra Extra `json:"-" limit:"inline"`
}

// MarshalJSON writes the bill with its custom fields.
func (b PurMRB) MarshalJSON() ([]byte, error) {
	type plain PurMRB
	return withExtra(plain(b), b.Extra)
}

// MarshalJSON writes the line with its custom fields.
func (e PurMRBEntry) MarshalJSON() ([]byte, error) {
	type plain PurMRBEntry
	return withExtra(plain(e), e.Extra)
}

// Number returns the bill number (FBillNo).
func (b PurMRB) Number() string { return b.BillNo }

// Validate checks what the server would refuse or silently garble: the
// required references (FStockOrgId, FPurchaseOrgId, FSupplierID), at least
// one line, every line's material, quantities, prices and rates not
// negative and held as sent by the server's decimal, and the universal
// text rules (see SalReturnStock.Validate), custom fields included.
func (b PurMRB) Validate() error {
	if err := requireRefs(head, refField{"FStockOrgId", b.StockOrg}, refField{"FPurchaseOrgId", b.PurchaseOrg},
		refField{"FSupplierID", b.Supplier}); err != nil {
		return err
	}
	if err := requireLines("FPURMRBENTRY", len(b.Entries)); err != nil {
		return err
	}
	for i := range b.Entries {
		e := &b.Entries[i]
		at := lineAt("FPURMRBENTRY", i)
		if err := requireRefs(at, refField{"FMATERIALID", e.Material}); err != nil {
			return err
		}
		if err := checkAmounts(at, amountField{key: "FRMREALQTY", v: &e.RealQty}, amountField{key: "FTAXPRICE", v: e.TaxPrice},
			amountField{key: "FPrice", v: e.Price}, amountField{key: "FENTRYTAXRATE", v: e.TaxRate}); err != nil {
			return err
		}
	}
	return limits.Check(&b)
}

// compare is what a bill found by its number is compared by.
func (b PurMRB) compare() *comparison {
	c := &comparison{}
	c.add("FSupplierID.FNumber", b.Supplier.Number)
	if !b.Date.IsZero() {
		c.add("FDate", dateText(b.Date))
	}
	c.lineKeys = []string{"FMATERIALID.FNumber", "FRMREALQTY"}
	prices := allSet(len(b.Entries), func(i int) *duijie.Amount { return b.Entries[i].TaxPrice })
	if prices {
		c.lineKeys = append(c.lineKeys, "FTAXPRICE")
	}
	for _, e := range b.Entries {
		l := []string{e.Material.Number, e.RealQty.String()}
		if prices {
			l = append(l, e.TaxPrice.String())
		}
		c.lines = append(c.lines, l)
	}
	return c
}

// CompareKeys are the fields a bill found by its number is compared by:
// the supplier, the date when set, each line's material and quantity and,
// when every line sets one, price including tax.
func (b PurMRB) CompareKeys() []string { return b.compare().keys() }

// CompareRows are the values of CompareKeys, one row per line.
func (b PurMRB) CompareRows() [][]string { return b.compare().rows() }

// SavePurMRBsRequest is a save of purchase return bills.
type SavePurMRBsRequest = SaveBillsRequest[PurMRB]

// SavePurMRBs saves purchase return bills (采购退料单, form PUR_MRB) with
// DynamicFormService.BatchSave (批量保存), with BatchSave's outcomes and
// errors. Replay rule: never replayed blindly; after an unclear outcome
// the bills are looked up by FBillNo and compared (CompareKeys), and only
// those not found after the settle delay are sent again.
func (c *Client) SavePurMRBs(ctx context.Context, req *SavePurMRBsRequest) (*BatchSaveResult, error) {
	return saveBills(ctx, c, opSavePurMRBs, formKey{id: FormPurMRB, number: DefaultNumberField}, req)
}
