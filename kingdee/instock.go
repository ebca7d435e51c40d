package kingdee

import (
	"context"

	"github.com/duijie/duijie"
)

// FormInStock is the form id of the purchase in-stock bill (采购入库单).
const FormInStock = "STK_InStock"

// Values the standard purchase in-stock bill uses, from the QEasy schemes
// cited on InStock.
const (
	// BillTypeInStock is the standard purchase in-stock bill type
	// (标准采购入库, RKD01_SYS).
	BillTypeInStock = "RKD01_SYS"
	// BusinessTypePurchase is the business type "采购业务" (FBusinessType CG)
	// of purchase in-stock and purchase return bills.
	BusinessTypePurchase = "CG"
)

// InStock is a purchase in-stock bill (采购入库单, form STK_InStock) as
// BatchSave writes it, saved with SaveInStocks.
//
// Field keys: the QEasy schemes that write it from Wangdiantong's and
// Jushuitan's purchase stock-ins (qeasy-cloud/datahub
// docs/solutions/kingdee-wangdian.md and kingdee-jushuitan.md: FBillTypeID
// RKD01_SYS, FBusinessType CG, FBillNo, FDate, FStockOrgId, FPurchaseOrgId,
// FSupplierId, FTakeDeliveryBill; FInStockEntry FMaterialId, FRealQty,
// FTaxPrice, FEntryTaxRate, FStockId), the form's field list in the scraped
// official form documentation (chan-kinghin/Quickpulsev2
// docs/api/STK_InStock_采购入库单.md: FStockerId, FOwnerTypeIdHead,
// FOwnerIdHead, FNote; FUnitID, FMustQty, FLot, FProduceDate,
// FExpiryDate, FMtoNo, FStockStatusId, FOwnerTypeId, FOwnerId, FNote on the
// lines) and a WMS program's saves of it (find_string id 53645674213).
// Everything else goes in Extra.
//
// FStockOrgId, FPurchaseOrgId and FSupplierId are required (the schemes set
// all three), with at least one line with a material. FBillNo is the key
// an unclear save is looked up by.
type InStock struct {
	// ID is the bill's internal id (FID); 0 for a new bill.
	ID int64 `json:"FID,omitzero"`
	// BillType is the bill type (FBillTypeID), usually BillTypeInStock.
	BillType Ref `json:"FBillTypeID,omitzero"`
	// BusinessType is the business type (FBusinessType), e.g. BusinessTypePurchase.
	BusinessType string `json:"FBusinessType,omitempty"`
	// BillNo is the bill number (FBillNo), unique per form.
	BillNo string `json:"FBillNo,omitempty" limit:"id"`
	// Date is the in-stock date (FDate).
	Date duijie.Time `json:"FDate,omitzero"`
	// StockOrg is the receiving organisation (FStockOrgId, 收料组织, required).
	StockOrg Ref `json:"FStockOrgId,omitzero"`
	// PurchaseOrg is the purchasing organisation (FPurchaseOrgId, required).
	PurchaseOrg Ref `json:"FPurchaseOrgId,omitzero"`
	// Supplier is the supplier (FSupplierId, required).
	Supplier Ref `json:"FSupplierId,omitzero"`
	// Stocker is the storekeeper (FStockerId).
	Stocker Ref `json:"FStockerId,omitzero"`
	// TakeDeliveryBill is the delivery note number (FTakeDeliveryBill, 提货单号).
	TakeDeliveryBill string `json:"FTakeDeliveryBill,omitempty"`
	// OwnerTypeHead is the header owner type (FOwnerTypeIdHead), e.g. OwnerTypeOrg.
	OwnerTypeHead string `json:"FOwnerTypeIdHead,omitempty"`
	// OwnerHead is the header owner (FOwnerIdHead).
	OwnerHead Ref `json:"FOwnerIdHead,omitzero"`
	// Note is the bill's remark (FNote).
	Note string `json:"FNote,omitempty"`
	// Entries are the bill's lines (FInStockEntry).
	Entries []InStockEntry `json:"FInStockEntry"`
	// Extra holds custom fields of the header.
	Extra Extra `json:"-" limit:"inline"`
}

// InStockEntry is one line of a purchase in-stock bill (FInStockEntry).
// RealQty is always written; the optional amounts are written when set, 0
// included, and nil leaves them to the server.
type InStockEntry struct {
	// EntryID is the line's internal id (FEntryID); 0 for a new line.
	EntryID int64 `json:"FEntryID,omitzero"`
	// Material is the material (FMaterialId, required).
	Material Ref `json:"FMaterialId"`
	// Unit is the unit (FUnitID).
	Unit Ref `json:"FUnitID,omitzero"`
	// RealQty is the quantity received (FRealQty, 实收数量).
	RealQty duijie.Amount `json:"FRealQty"`
	// MustQty is the quantity due (FMustQty, 应收数量).
	MustQty *duijie.Amount `json:"FMustQty,omitempty"`
	// TaxPrice is the price including tax (FTaxPrice, 含税单价).
	TaxPrice *duijie.Amount `json:"FTaxPrice,omitempty"`
	// TaxRate is the tax rate in percent (FEntryTaxRate), 13 for 13%.
	TaxRate *duijie.Amount `json:"FEntryTaxRate,omitempty"`
	// Stock is the warehouse (FStockId).
	Stock Ref `json:"FStockId,omitzero"`
	// StockStatus is the stock status (FStockStatusId), e.g. StockStatusAvailable.
	StockStatus Ref `json:"FStockStatusId,omitzero"`
	// Lot is the batch (FLot).
	Lot Ref `json:"FLot,omitzero"`
	// ProduceDate is the production date (FProduceDate).
	ProduceDate duijie.Time `json:"FProduceDate,omitzero"`
	// ExpiryDate is the expiry date (FExpiryDate, 有效期至).
	ExpiryDate duijie.Time `json:"FExpiryDate,omitzero"`
	// MtoNo is the plan tracking number (FMtoNo, 计划跟踪号).
	MtoNo string `json:"FMtoNo,omitempty" limit:"id"`
	// OwnerType is the owner type (FOwnerTypeId), e.g. OwnerTypeOrg.
	OwnerType string `json:"FOwnerTypeId,omitempty"`
	// Owner is the owner (FOwnerId).
	Owner Ref `json:"FOwnerId,omitzero"`
	// Note is the line's remark (FNote).
	Note string `json:"FNote,omitempty"`
	// Extra holds custom fields of the line.
	Extra Extra `json:"-" limit:"inline"`
}

// MarshalJSON writes the bill with its custom fields.
func (b InStock) MarshalJSON() ([]byte, error) {
	type plain InStock
	return withExtra(plain(b), b.Extra)
}

// MarshalJSON writes the line with its custom fields.
func (e InStockEntry) MarshalJSON() ([]byte, error) {
	type plain InStockEntry
	return withExtra(plain(e), e.Extra)
}

// Number returns the bill number (FBillNo).
func (b InStock) Number() string { return b.BillNo }

// Validate checks what the server would refuse or silently garble: the
// required references (FStockOrgId, FPurchaseOrgId, FSupplierId), at least
// one line, every line's material, quantities, prices and rates not
// negative and held as sent by the server's decimal, and the universal
// text rules (see SalReturnStock.Validate), custom fields included.
func (b InStock) Validate() error {
	if err := requireRefs(head, refField{"FStockOrgId", b.StockOrg}, refField{"FPurchaseOrgId", b.PurchaseOrg},
		refField{"FSupplierId", b.Supplier}); err != nil {
		return err
	}
	if err := requireLines("FInStockEntry", len(b.Entries)); err != nil {
		return err
	}
	for i := range b.Entries {
		e := &b.Entries[i]
		at := lineAt("FInStockEntry", i)
		if err := requireRefs(at, refField{"FMaterialId", e.Material}); err != nil {
			return err
		}
		if err := checkAmounts(at, amountField{key: "FRealQty", v: &e.RealQty}, amountField{key: "FMustQty", v: e.MustQty},
			amountField{key: "FTaxPrice", v: e.TaxPrice}, amountField{key: "FEntryTaxRate", v: e.TaxRate}); err != nil {
			return err
		}
	}
	return limits.Check(&b)
}

// compare is what a bill found by its number is compared by.
func (b InStock) compare() *comparison {
	c := &comparison{}
	c.add("FSupplierId.FNumber", b.Supplier.Number)
	if !b.Date.IsZero() {
		c.add("FDate", dateText(b.Date))
	}
	c.lineKeys = []string{"FMaterialId.FNumber", "FRealQty"}
	prices := allSet(len(b.Entries), func(i int) *duijie.Amount { return b.Entries[i].TaxPrice })
	if prices {
		c.lineKeys = append(c.lineKeys, "FTaxPrice")
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
func (b InStock) CompareKeys() []string { return b.compare().keys() }

// CompareRows are the values of CompareKeys, one row per line.
func (b InStock) CompareRows() [][]string { return b.compare().rows() }

// SaveInStocksRequest is a save of purchase in-stock bills.
type SaveInStocksRequest = SaveBillsRequest[InStock]

// SaveInStocks saves purchase in-stock bills (采购入库单, form STK_InStock)
// with DynamicFormService.BatchSave (批量保存), with BatchSave's outcomes
// and errors. Replay rule: never replayed blindly; after an unclear
// outcome the bills are looked up by FBillNo and compared (CompareKeys),
// and only those not found after the settle delay are sent again.
func (c *Client) SaveInStocks(ctx context.Context, req *SaveInStocksRequest) (*BatchSaveResult, error) {
	return saveBills(ctx, c, opSaveInStocks, formKey{id: FormInStock, number: DefaultNumberField}, req)
}
