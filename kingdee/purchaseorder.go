package kingdee

import (
	"context"

	"github.com/duijie/duijie"
)

// FormPurchaseOrder is the form id of the purchase order (采购订单).
const FormPurchaseOrder = "PUR_PurchaseOrder"

// PurchaseOrder is a purchase order (采购订单, form PUR_PurchaseOrder) as
// BatchSave writes it, saved with SavePurchaseOrders.
//
// Field keys: the form's field list in the scraped official form
// documentation (chan-kinghin/Quickpulsev2
// docs/api/PUR_PurchaseOrder_采购订单.md: FBillNo, FDate, FPurchaseOrgId,
// FSupplierId, FBillTypeID, FPurchaseDeptId, FPurchaserId, FNote;
// FMaterialId, FUnitId, FQty, FPrice, FTaxPrice, FDeliveryDate, FNote on the
// lines), saves of it by other programs (find_string ids 55721055183 and
// 69260759846: FSupplierId, FPurchaseOrgId, the FPOOrderEntry key with
// FMaterialId, FUnitId, FQty, FPrice) and a query of its lines
// (find_string id 68853738407: FEntryTaxRate). The finance sub-entity
// (currency, exchange rate) is not typed: no source shows its key; put it
// in Extra.
//
// FPurchaseOrgId and FSupplierId are required (every save example sets
// both), with at least one line with a material. FBillNo is the key an
// unclear save is looked up by.
type PurchaseOrder struct {
	// ID is the bill's internal id (FID); 0 for a new bill.
	ID int64 `json:"FID,omitzero"`
	// BillType is the bill type (FBillTypeID).
	BillType Ref `json:"FBillTypeID,omitzero"`
	// BillNo is the bill number (FBillNo), unique per form.
	BillNo string `json:"FBillNo,omitempty" limit:"id"`
	// Date is the order date (FDate).
	Date duijie.Time `json:"FDate,omitzero"`
	// PurchaseOrg is the purchasing organisation (FPurchaseOrgId, required).
	PurchaseOrg Ref `json:"FPurchaseOrgId,omitzero"`
	// Supplier is the supplier (FSupplierId, required).
	Supplier Ref `json:"FSupplierId,omitzero"`
	// PurchaseDept is the purchasing department (FPurchaseDeptId).
	PurchaseDept Ref `json:"FPurchaseDeptId,omitzero"`
	// Purchaser is the buyer (FPurchaserId).
	Purchaser Ref `json:"FPurchaserId,omitzero"`
	// Note is the order's remark (FNote).
	Note string `json:"FNote,omitempty"`
	// Entries are the order's lines (FPOOrderEntry).
	Entries []PurchaseOrderEntry `json:"FPOOrderEntry"`
	// Extra holds custom fields of the header.
	Extra Extra `json:"-" limit:"inline"`
}

// PurchaseOrderEntry is one line of a purchase order (FPOOrderEntry). Qty
// is always written; the optional amounts are written when set, 0
// included, and nil leaves them to the server.
type PurchaseOrderEntry struct {
	// EntryID is the line's internal id (FEntryID); 0 for a new line.
	EntryID int64 `json:"FEntryID,omitzero"`
	// Material is the material (FMaterialId, required).
	Material Ref `json:"FMaterialId"`
	// Unit is the purchase unit (FUnitId).
	Unit Ref `json:"FUnitId,omitzero"`
	// Qty is the quantity ordered (FQty).
	Qty duijie.Amount `json:"FQty"`
	// Price is the price before tax (FPrice).
	Price *duijie.Amount `json:"FPrice,omitempty"`
	// TaxPrice is the price including tax (FTaxPrice, 含税单价).
	TaxPrice *duijie.Amount `json:"FTaxPrice,omitempty"`
	// TaxRate is the tax rate in percent (FEntryTaxRate), 13 for 13%.
	TaxRate *duijie.Amount `json:"FEntryTaxRate,omitempty"`
	// DeliveryDate is the delivery date (FDeliveryDate, 交货日期).
	DeliveryDate duijie.Time `json:"FDeliveryDate,omitzero"`
	// Note is the line's remark (FNote).
	Note string `json:"FNote,omitempty"`
	// Extra holds custom fields of the line.
	Extra Extra `json:"-" limit:"inline"`
}

// MarshalJSON writes the order with its custom fields.
func (b PurchaseOrder) MarshalJSON() ([]byte, error) {
	type plain PurchaseOrder
	return withExtra(plain(b), b.Extra)
}

// MarshalJSON writes the line with its custom fields.
func (e PurchaseOrderEntry) MarshalJSON() ([]byte, error) {
	type plain PurchaseOrderEntry
	return withExtra(plain(e), e.Extra)
}

// Number returns the bill number (FBillNo).
func (b PurchaseOrder) Number() string { return b.BillNo }

// Validate checks what the server would refuse or silently garble: the
// required references (FPurchaseOrgId, FSupplierId), at least one line,
// every line's material, quantities, prices and rates not negative and
// held as sent by the server's decimal, and the universal text rules (see
// SalReturnStock.Validate), custom fields included.
func (b PurchaseOrder) Validate() error {
	if err := requireRefs(head, refField{"FPurchaseOrgId", b.PurchaseOrg}, refField{"FSupplierId", b.Supplier}); err != nil {
		return err
	}
	if err := requireLines("FPOOrderEntry", len(b.Entries)); err != nil {
		return err
	}
	for i := range b.Entries {
		e := &b.Entries[i]
		at := lineAt("FPOOrderEntry", i)
		if err := requireRefs(at, refField{"FMaterialId", e.Material}); err != nil {
			return err
		}
		if err := checkAmounts(at, amountField{key: "FQty", v: &e.Qty}, amountField{key: "FPrice", v: e.Price},
			amountField{key: "FTaxPrice", v: e.TaxPrice}, amountField{key: "FEntryTaxRate", v: e.TaxRate}); err != nil {
			return err
		}
	}
	return limits.Check(&b)
}

// compare is what an order found by its number is compared by.
func (b PurchaseOrder) compare() *comparison {
	c := &comparison{}
	c.add("FSupplierId.FNumber", b.Supplier.Number)
	if !b.Date.IsZero() {
		c.add("FDate", dateText(b.Date))
	}
	c.lineKeys = []string{"FMaterialId.FNumber", "FQty"}
	prices := allSet(len(b.Entries), func(i int) *duijie.Amount { return b.Entries[i].TaxPrice })
	if prices {
		c.lineKeys = append(c.lineKeys, "FTaxPrice")
	}
	for _, e := range b.Entries {
		l := []string{e.Material.Number, e.Qty.String()}
		if prices {
			l = append(l, e.TaxPrice.String())
		}
		c.lines = append(c.lines, l)
	}
	return c
}

// CompareKeys are the fields an order found by its number is compared by:
// the supplier, the date when set, each line's material and quantity and,
// when every line sets one, price including tax.
func (b PurchaseOrder) CompareKeys() []string { return b.compare().keys() }

// CompareRows are the values of CompareKeys, one row per line.
func (b PurchaseOrder) CompareRows() [][]string { return b.compare().rows() }

// SavePurchaseOrdersRequest is a save of purchase orders.
type SavePurchaseOrdersRequest = SaveBillsRequest[PurchaseOrder]

// SavePurchaseOrders saves purchase orders (采购订单, form
// PUR_PurchaseOrder) with DynamicFormService.BatchSave (批量保存), with
// BatchSave's outcomes and errors. Replay rule: never replayed blindly;
// after an unclear outcome the orders are looked up by FBillNo and
// compared (CompareKeys), and only those not found after the settle delay
// are sent again.
func (c *Client) SavePurchaseOrders(ctx context.Context, req *SavePurchaseOrdersRequest) (*BatchSaveResult, error) {
	return saveBills(ctx, c, opSavePurchaseOrders, formKey{id: FormPurchaseOrder, number: DefaultNumberField}, req)
}
