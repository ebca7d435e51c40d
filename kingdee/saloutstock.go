package kingdee

import (
	"context"

	"github.com/duijie/duijie"
)

// FormSalOutStock is the form id of the sales out-stock bill (销售出库单).
const FormSalOutStock = "SAL_OUTSTOCK"

// BillTypeSalOutStock is the standard sales out-stock bill type
// (标准销售出库单, XSCKD01_SYS).
const BillTypeSalOutStock = "XSCKD01_SYS"

// SalOutStock is a sales out-stock bill (销售出库单, form SAL_OUTSTOCK) as
// BatchSave writes it, saved with SaveSalOutStocks.
//
// Field keys: the QEasy standard schemes that write this form from
// Wangdiantong's and Jushuitan's sales-outs (qeasy-cloud/datahub
// docs/solutions/kingdee-wangdian.md and kingdee-jushuitan.md: FBillTypeID
// XSCKD01_SYS, FBillNo, FDate, FSaleOrgId, FStockOrgId, FCustomerID,
// FCarriageNO, FLinkMan, FLinkPhone; FEntity with FMaterialID, FRealQty,
// FTaxPrice, FAllAmount, FEntryTaxRate, FStockID), and the form's field list
// in the scraped official form documentation
// (chan-kinghin/Quickpulsev2 docs/api/SAL_OUTSTOCK_销售出库单.md: FStockerId,
// FNote; FUnitID, FLot, FStockStatusId, FMtoNo, FNote on the lines).
// References are written {"FNumber":"<code>"}; empty references and
// strings are left out; anything else goes in Extra.
//
// FSaleOrgId, FStockOrgId and FCustomerID are required, with at least one
// line with a material. FBillNo is the key an unclear save is looked up by.
type SalOutStock struct {
	// ID is the bill's internal id (FID); 0 for a new bill.
	ID int64 `json:"FID,omitzero"`
	// BillType is the bill type (FBillTypeID), usually BillTypeSalOutStock.
	BillType Ref `json:"FBillTypeID,omitzero"`
	// BillNo is the bill number (FBillNo), unique per form.
	BillNo string `json:"FBillNo,omitempty" limit:"id"`
	// Date is the bill date (FDate).
	Date duijie.Time `json:"FDate,omitzero"`
	// SaleOrg is the sales organisation (FSaleOrgId, required).
	SaleOrg Ref `json:"FSaleOrgId,omitzero"`
	// StockOrg is the shipping organisation (FStockOrgId, 发货组织, required).
	StockOrg Ref `json:"FStockOrgId,omitzero"`
	// Customer is the customer (FCustomerID, required).
	Customer Ref `json:"FCustomerID,omitzero"`
	// Stocker is the storekeeper (FStockerId).
	Stocker Ref `json:"FStockerId,omitzero"`
	// CarriageNo is the waybill number (FCarriageNO, 运输单号).
	CarriageNo string `json:"FCarriageNO,omitempty"`
	// LinkMan is the consignee (FLinkMan, 收货人姓名).
	LinkMan string `json:"FLinkMan,omitempty"`
	// LinkPhone is the consignee's phone (FLinkPhone).
	LinkPhone string `json:"FLinkPhone,omitempty"`
	// Note is the bill's remark (FNote).
	Note string `json:"FNote,omitempty"`
	// Entries are the bill's lines (FEntity).
	Entries []SalOutStockEntry `json:"FEntity"`
	// Extra holds custom fields of the header.
	Extra Extra `json:"-" limit:"inline"`
}

// SalOutStockEntry is one line of a sales out-stock bill (FEntity).
// RealQty and TaxPrice are always written. TaxRate and AllAmount are
// written when set, 0 included; nil leaves them to the server (the
// material's rate, the amount it computes).
type SalOutStockEntry struct {
	// EntryID is the line's internal id (FENTRYID); 0 for a new line.
	EntryID int64 `json:"FENTRYID,omitzero"`
	// Material is the material (FMaterialID, required).
	Material Ref `json:"FMaterialID"`
	// Unit is the unit (FUnitID).
	Unit Ref `json:"FUnitID,omitzero"`
	// RealQty is the quantity shipped (FRealQty, 实发数量).
	RealQty duijie.Amount `json:"FRealQty"`
	// TaxPrice is the price including tax (FTaxPrice, 含税单价).
	TaxPrice duijie.Amount `json:"FTaxPrice"`
	// AllAmount is the line total including tax (FAllAmount, 价税合计);
	// nil lets the server compute it.
	AllAmount *duijie.Amount `json:"FAllAmount,omitempty"`
	// TaxRate is the tax rate in percent (FEntryTaxRate), 13 for 13%; nil
	// leaves it to the material, a set 0 is sent as 0.
	TaxRate *duijie.Amount `json:"FEntryTaxRate,omitempty"`
	// IsFree marks a gift line (FIsFree, 是否赠品; the field list in
	// chan-kinghin/Quickpulsev2 docs/fields/SAL_OUTSTOCK_FIELDS.md); left
	// out when false.
	IsFree bool `json:"FIsFree,omitempty"`
	// Stock is the warehouse (FStockID).
	Stock Ref `json:"FStockID,omitzero"`
	// StockStatus is the stock status (FStockStatusId), e.g. StockStatusAvailable.
	StockStatus Ref `json:"FStockStatusId,omitzero"`
	// Lot is the batch (FLot).
	Lot Ref `json:"FLot,omitzero"`
	// MtoNo is the plan tracking number (FMtoNo, 计划跟踪号).
	MtoNo string `json:"FMtoNo,omitempty" limit:"id"`
	// Note is the line's remark (FNote).
	Note string `json:"FNote,omitempty"`
	// Extra holds custom fields of the line.
	Extra Extra `json:"-" limit:"inline"`
}

// MarshalJSON writes the bill with its custom fields.
func (b SalOutStock) MarshalJSON() ([]byte, error) {
	type plain SalOutStock
	return withExtra(plain(b), b.Extra)
}

// MarshalJSON writes the line with its custom fields.
func (e SalOutStockEntry) MarshalJSON() ([]byte, error) {
	type plain SalOutStockEntry
	return withExtra(plain(e), e.Extra)
}

// Number returns the bill number (FBillNo).
func (b SalOutStock) Number() string { return b.BillNo }

// Validate checks what the server would refuse or silently garble: the
// required references (FSaleOrgId, FStockOrgId, FCustomerID), at least one
// line, every line's material, quantities, prices, amounts and rates not
// negative and held as sent by the server's decimal, and the universal
// text rules (see SalReturnStock.Validate), custom fields included.
func (b SalOutStock) Validate() error {
	if err := requireRefs(head, refField{"FSaleOrgId", b.SaleOrg}, refField{"FStockOrgId", b.StockOrg},
		refField{"FCustomerID", b.Customer}); err != nil {
		return err
	}
	if err := requireLines("FEntity", len(b.Entries)); err != nil {
		return err
	}
	for i := range b.Entries {
		e := &b.Entries[i]
		at := lineAt("FEntity", i)
		if err := requireRefs(at, refField{"FMaterialID", e.Material}); err != nil {
			return err
		}
		if err := checkAmounts(at, amountField{key: "FRealQty", v: &e.RealQty}, amountField{key: "FTaxPrice", v: &e.TaxPrice},
			amountField{key: "FAllAmount", v: e.AllAmount}, amountField{key: "FEntryTaxRate", v: e.TaxRate}); err != nil {
			return err
		}
	}
	return limits.Check(&b)
}

// compare is what a bill found by its number is compared by: the
// customer, the date when set, and each line's material, quantity, price
// including tax and, when every line sets one, tax rate.
func (b SalOutStock) compare() *comparison {
	c := &comparison{}
	c.add("FCustomerID.FNumber", b.Customer.Number)
	if !b.Date.IsZero() {
		c.add("FDate", dateText(b.Date))
	}
	c.lineKeys = []string{"FMaterialID.FNumber", "FRealQty", "FTaxPrice"}
	rates := true
	for _, e := range b.Entries {
		rates = rates && e.TaxRate != nil
	}
	if rates {
		c.lineKeys = append(c.lineKeys, "FEntryTaxRate")
	}
	for _, e := range b.Entries {
		l := []string{e.Material.Number, e.RealQty.String(), e.TaxPrice.String()}
		if rates {
			l = append(l, e.TaxRate.String())
		}
		c.lines = append(c.lines, l)
	}
	return c
}

// CompareKeys are the fields a bill found by its number is compared by:
// the customer, the date when set, each line's material, quantity, price
// including tax and, when every line sets one, tax rate.
func (b SalOutStock) CompareKeys() []string { return b.compare().keys() }

// CompareRows are the values of CompareKeys, one row per line.
func (b SalOutStock) CompareRows() [][]string { return b.compare().rows() }

// SaveSalOutStocksRequest is a save of sales out-stock bills.
type SaveSalOutStocksRequest = SaveBillsRequest[SalOutStock]

// SaveSalOutStocks saves sales out-stock bills (销售出库单, form
// SAL_OUTSTOCK) with DynamicFormService.BatchSave (批量保存). Every bill
// has an outcome, with BatchSave's errors (a *BatchError naming the bills
// not saved). Replay rule: never replayed blindly; after an unclear
// outcome the bills are looked up by FBillNo and compared (CompareKeys),
// and only those not found after the settle delay are sent again.
func (c *Client) SaveSalOutStocks(ctx context.Context, req *SaveSalOutStocksRequest) (*BatchSaveResult, error) {
	return saveBills(ctx, c, opSaveSalOutStocks, formKey{id: FormSalOutStock, number: DefaultNumberField}, req)
}
