package kingdee

import (
	"context"

	"github.com/duijie/duijie"
)

// FormSaleOrder is the form id of the sales order (销售订单).
const FormSaleOrder = "SAL_SaleOrder"

// BillTypeSaleOrder is the standard sales order bill type (标准销售订单,
// XSDD01_SYS).
const BillTypeSaleOrder = "XSDD01_SYS"

// SaleOrder is a sales order (销售订单, form SAL_SaleOrder) as BatchSave
// writes it, saved with SaveSaleOrders.
//
// Field keys: full save examples of the form (find_string id 2886520907:
// FBillTypeID XSDD01_SYS, FBillNo, FDate, FSaleOrgId, FCustId, FSaleDeptId,
// FSalerId; FSaleOrderEntry FMaterialId, FUnitID, FQty, FPrice, FTaxPrice,
// FEntryTaxRate, FDeliveryDate; and find_string id 69260759846: FBillNo,
// FCustId, FSaleOrderEntry FMaterialId, FQty, FUnitID) and the form's field
// list in the scraped official form documentation
// (chan-kinghin/Quickpulsev2 docs/api/SAL_SaleOrder_销售订单.md: FNote).
// That list names the customer FCustomerID, a query key; the saves write
// FCustId, which this model sends. The finance sub-entity
// (FSaleOrderFinance) and the payment plan (FSaleOrderPlan) are not typed;
// put them in Extra.
//
// FSaleOrgId and FCustId are required (every save example sets both),
// with at least one line with a material. FBillNo is the key an unclear
// save is looked up by.
type SaleOrder struct {
	// ID is the bill's internal id (FID); 0 for a new bill.
	ID int64 `json:"FID,omitzero"`
	// BillType is the bill type (FBillTypeID), usually BillTypeSaleOrder.
	BillType Ref `json:"FBillTypeID,omitzero"`
	// BillNo is the bill number (FBillNo), unique per form.
	BillNo string `json:"FBillNo,omitempty" limit:"id"`
	// Date is the order date (FDate).
	Date duijie.Time `json:"FDate,omitzero"`
	// SaleOrg is the sales organisation (FSaleOrgId, required).
	SaleOrg Ref `json:"FSaleOrgId,omitzero"`
	// Customer is the customer (FCustId, required).
	Customer Ref `json:"FCustId,omitzero"`
	// SaleDept is the sales department (FSaleDeptId).
	SaleDept Ref `json:"FSaleDeptId,omitzero"`
	// Saler is the salesman (FSalerId).
	Saler Ref `json:"FSalerId,omitzero"`
	// Note is the order's remark (FNote).
	Note string `json:"FNote,omitempty"`
	// Entries are the order's lines (FSaleOrderEntry).
	Entries []SaleOrderEntry `json:"FSaleOrderEntry"`
	// Extra holds custom fields of the header.
	Extra Extra `json:"-" limit:"inline"`
}

// SaleOrderEntry is one line of a sales order (FSaleOrderEntry). Qty is
// always written; the optional amounts are written when set, 0 included,
// and nil leaves them to the server.
type SaleOrderEntry struct {
	// EntryID is the line's internal id (FEntryID); 0 for a new line.
	EntryID int64 `json:"FEntryID,omitzero"`
	// RowType is the row type (FRowType), e.g. RowTypeStandard.
	RowType string `json:"FRowType,omitempty"`
	// Material is the material (FMaterialId, required).
	Material Ref `json:"FMaterialId"`
	// Unit is the sales unit (FUnitID).
	Unit Ref `json:"FUnitID,omitzero"`
	// Qty is the quantity ordered (FQty).
	Qty duijie.Amount `json:"FQty"`
	// Price is the price before tax (FPrice).
	Price *duijie.Amount `json:"FPrice,omitempty"`
	// TaxPrice is the price including tax (FTaxPrice, 含税单价).
	TaxPrice *duijie.Amount `json:"FTaxPrice,omitempty"`
	// TaxRate is the tax rate in percent (FEntryTaxRate), 13 for 13%.
	TaxRate *duijie.Amount `json:"FEntryTaxRate,omitempty"`
	// DeliveryDate is the delivery date (FDeliveryDate, 要货日期).
	DeliveryDate duijie.Time `json:"FDeliveryDate,omitzero"`
	// Extra holds custom fields of the line.
	Extra Extra `json:"-" limit:"inline"`
}

// MarshalJSON writes the order with its custom fields.
func (b SaleOrder) MarshalJSON() ([]byte, error) {
	type plain SaleOrder
	return withExtra(plain(b), b.Extra)
}

// MarshalJSON writes the line with its custom fields.
func (e SaleOrderEntry) MarshalJSON() ([]byte, error) {
	type plain SaleOrderEntry
	return withExtra(plain(e), e.Extra)
}

// Number returns the bill number (FBillNo).
func (b SaleOrder) Number() string { return b.BillNo }

// Validate checks what the server would refuse or silently garble: the
// required references (FSaleOrgId, FCustId), at least one line, every
// line's material, quantities, prices and rates not negative and held as
// sent by the server's decimal, and the universal text rules (see
// SalReturnStock.Validate), custom fields included.
func (b SaleOrder) Validate() error {
	if err := requireRefs(head, refField{"FSaleOrgId", b.SaleOrg}, refField{"FCustId", b.Customer}); err != nil {
		return err
	}
	if err := requireLines("FSaleOrderEntry", len(b.Entries)); err != nil {
		return err
	}
	for i := range b.Entries {
		e := &b.Entries[i]
		at := lineAt("FSaleOrderEntry", i)
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
func (b SaleOrder) compare() *comparison {
	c := &comparison{}
	c.add("FCustId.FNumber", b.Customer.Number)
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
// the customer, the date when set, each line's material and quantity and,
// when every line sets one, price including tax.
func (b SaleOrder) CompareKeys() []string { return b.compare().keys() }

// CompareRows are the values of CompareKeys, one row per line.
func (b SaleOrder) CompareRows() [][]string { return b.compare().rows() }

// SaveSaleOrdersRequest is a save of sales orders.
type SaveSaleOrdersRequest = SaveBillsRequest[SaleOrder]

// SaveSaleOrders saves sales orders (销售订单, form SAL_SaleOrder) with
// DynamicFormService.BatchSave (批量保存), with BatchSave's outcomes and
// errors. Replay rule: never replayed blindly; after an unclear outcome
// the orders are looked up by FBillNo and compared (CompareKeys), and only
// those not found after the settle delay are sent again. Push them to
// sales out-stock bills with Push.
func (c *Client) SaveSaleOrders(ctx context.Context, req *SaveSaleOrdersRequest) (*BatchSaveResult, error) {
	return saveBills(ctx, c, opSaveSaleOrders, formKey{id: FormSaleOrder, number: DefaultNumberField}, req)
}
