package kingdee_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
)

func kdInStock(no string) kingdee.InStock {
	return kingdee.InStock{
		BillType: kingdee.RefTo(kingdee.BillTypeInStock), BusinessType: kingdee.BusinessTypePurchase, BillNo: no, Date: kdFormDate,
		StockOrg: kingdee.RefTo("101"), PurchaseOrg: kingdee.RefTo("101"), Supplier: kingdee.RefTo("VEN01"),
		Entries: []kingdee.InStockEntry{{Material: kingdee.RefTo("SKU-1"), RealQty: duijie.AmountFromInt(10),
			TaxPrice: duijie.AmountFromCents(350).Ptr(), TaxRate: duijie.AmountFromInt(13).Ptr(), Stock: kingdee.RefTo("WH01"),
			ProduceDate: duijie.NewTime(kdFormDate.AddDate(0, -1, 0))}},
	}
}

const kdInStockJSON = `{"FBillTypeID":{"FNumber":"RKD01_SYS"},"FBusinessType":"CG","FBillNo":"N-1","FDate":"2026-11-20 00:00:00","FStockOrgId":{"FNumber":"101"},"FPurchaseOrgId":{"FNumber":"101"},"FSupplierId":{"FNumber":"VEN01"},"FInStockEntry":[{"FMaterialId":{"FNumber":"SKU-1"},"FRealQty":10,"FTaxPrice":3.5,"FEntryTaxRate":13,"FStockId":{"FNumber":"WH01"},"FProduceDate":"2026-10-20 00:00:00"}]}`

func TestInStockJSONAndComparison(t *testing.T) {
	out, err := kdInStock("N-1").MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, kdInStockJSON, string(out))
	b := kdInStock("N-1")
	assert.Equal(t, []string{"FSupplierId.FNumber", "FDate", "FMaterialId.FNumber", "FRealQty", "FTaxPrice"}, b.CompareKeys())
	assert.Equal(t, [][]string{{"VEN01", "2026-11-20 00:00:00", "SKU-1", "10", "3.5"}}, b.CompareRows())
	b.Entries = append(b.Entries, kingdee.InStockEntry{Material: kingdee.RefTo("SKU-2"), RealQty: duijie.AmountFromInt(1)})
	assert.Equal(t, []string{"FSupplierId.FNumber", "FDate", "FMaterialId.FNumber", "FRealQty"}, b.CompareKeys(),
		"a price one line leaves to the server is not compared")
	assert.Equal(t, [][]string{{"VEN01", "2026-11-20 00:00:00", "SKU-1", "10"}, {"VEN01", "2026-11-20 00:00:00", "SKU-2", "1"}}, b.CompareRows())
}

func TestInStockValidate(t *testing.T) {
	kdValidateCases(t, func() kingdee.InStock { return kdInStock("N-1") }, map[string]func(*kingdee.InStock){
		"FStockOrgId":                    func(b *kingdee.InStock) { b.StockOrg = kingdee.Ref{} },
		"FPurchaseOrgId":                 func(b *kingdee.InStock) { b.PurchaseOrg = kingdee.Ref{} },
		"FSupplierId":                    func(b *kingdee.InStock) { b.Supplier = kingdee.Ref{} },
		"FInStockEntry":                  func(b *kingdee.InStock) { b.Entries = nil },
		"FInStockEntry[0].FMaterialId":   func(b *kingdee.InStock) { b.Entries[0].Material = kingdee.Ref{} },
		"FInStockEntry[0].FRealQty":      func(b *kingdee.InStock) { b.Entries[0].RealQty = duijie.AmountFromInt(-1) },
		"FInStockEntry[0].FMustQty":      func(b *kingdee.InStock) { b.Entries[0].MustQty = &kdTooPrecise },
		"FInStockEntry[0].FTaxPrice":     func(b *kingdee.InStock) { b.Entries[0].TaxPrice = duijie.AmountFromInt(-1).Ptr() },
		"FInStockEntry[0].FEntryTaxRate": func(b *kingdee.InStock) { b.Entries[0].TaxRate = duijie.AmountFromInt(-1).Ptr() },
		"FTakeDeliveryBill":              func(b *kingdee.InStock) { b.TakeDeliveryBill = "\xfe" },
	})
}

func kdPurMRB(no string) kingdee.PurMRB {
	return kingdee.PurMRB{
		BillType: kingdee.RefTo(kingdee.BillTypePurMRB), BusinessType: kingdee.BusinessTypePurchase, BillNo: no, Date: kdFormDate,
		StockOrg: kingdee.RefTo("100"), PurchaseOrg: kingdee.RefTo("100"), Supplier: kingdee.RefTo("VEN01"), ReturnMode: "B",
		Entries: []kingdee.PurMRBEntry{{Material: kingdee.RefTo("SKU-1"), RealQty: duijie.AmountFromInt(2),
			TaxPrice: duijie.AmountFromCents(1130).Ptr(), TaxRate: duijie.AmountFromInt(13).Ptr(), Stock: kingdee.RefTo("WH01")}},
	}
}

const kdPurMRBJSON = `{"FBillTypeID":{"FNumber":"TLD01_SYS"},"FBusinessType":"CG","FBillNo":"N-1","FDate":"2026-11-20 00:00:00","FStockOrgId":{"FNumber":"100"},"FPurchaseOrgId":{"FNumber":"100"},"FSupplierID":{"FNumber":"VEN01"},"FMRMODE":"B","FPURMRBENTRY":[{"FMATERIALID":{"FNumber":"SKU-1"},"FRMREALQTY":2,"FTAXPRICE":11.3,"FENTRYTAXRATE":13,"FSTOCKID":{"FNumber":"WH01"}}]}`

func TestPurMRBJSONAndComparison(t *testing.T) {
	out, err := kdPurMRB("N-1").MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, kdPurMRBJSON, string(out))
	b := kdPurMRB("N-1")
	assert.Equal(t, []string{"FSupplierID.FNumber", "FDate", "FMATERIALID.FNumber", "FRMREALQTY", "FTAXPRICE"}, b.CompareKeys())
	assert.Equal(t, [][]string{{"VEN01", "2026-11-20 00:00:00", "SKU-1", "2", "11.3"}}, b.CompareRows())
}

func TestPurMRBValidate(t *testing.T) {
	kdValidateCases(t, func() kingdee.PurMRB { return kdPurMRB("N-1") }, map[string]func(*kingdee.PurMRB){
		"FStockOrgId":                   func(b *kingdee.PurMRB) { b.StockOrg = kingdee.Ref{} },
		"FPurchaseOrgId":                func(b *kingdee.PurMRB) { b.PurchaseOrg = kingdee.Ref{} },
		"FSupplierID":                   func(b *kingdee.PurMRB) { b.Supplier = kingdee.Ref{} },
		"FPURMRBENTRY":                  func(b *kingdee.PurMRB) { b.Entries = nil },
		"FPURMRBENTRY[0].FMATERIALID":   func(b *kingdee.PurMRB) { b.Entries[0].Material = kingdee.Ref{} },
		"FPURMRBENTRY[0].FRMREALQTY":    func(b *kingdee.PurMRB) { b.Entries[0].RealQty = duijie.AmountFromInt(-2) },
		"FPURMRBENTRY[0].FTAXPRICE":     func(b *kingdee.PurMRB) { b.Entries[0].TaxPrice = duijie.AmountFromInt(-1).Ptr() },
		"FPURMRBENTRY[0].FPrice":        func(b *kingdee.PurMRB) { b.Entries[0].Price = &kdTooPrecise },
		"FPURMRBENTRY[0].FENTRYTAXRATE": func(b *kingdee.PurMRB) { b.Entries[0].TaxRate = duijie.AmountFromInt(-13).Ptr() },
		"FPURMRBENTRY[0].FNOTE":         func(b *kingdee.PurMRB) { b.Entries[0].Note = "\x1b" },
	})
}

func kdPurchaseOrder(no string) kingdee.PurchaseOrder {
	return kingdee.PurchaseOrder{
		BillNo: no, Date: kdFormDate, PurchaseOrg: kingdee.RefTo("100"), Supplier: kingdee.RefTo("VEN01"),
		Purchaser: kingdee.RefTo("P01"),
		Entries: []kingdee.PurchaseOrderEntry{{Material: kingdee.RefTo("RAW-1"), Unit: kingdee.RefTo("kg"), Qty: duijie.AmountFromInt(5),
			TaxPrice: duijie.AmountFromInt(3).Ptr(), TaxRate: duijie.AmountFromInt(13).Ptr(),
			DeliveryDate: duijie.NewTime(kdFormDate.AddDate(0, 0, 10))}},
	}
}

const kdPurchaseOrderJSON = `{"FBillNo":"N-1","FDate":"2026-11-20 00:00:00","FPurchaseOrgId":{"FNumber":"100"},"FSupplierId":{"FNumber":"VEN01"},"FPurchaserId":{"FNumber":"P01"},"FPOOrderEntry":[{"FMaterialId":{"FNumber":"RAW-1"},"FUnitId":{"FNumber":"kg"},"FQty":5,"FTaxPrice":3,"FEntryTaxRate":13,"FDeliveryDate":"2026-11-30 00:00:00"}]}`

func TestPurchaseOrderJSONAndComparison(t *testing.T) {
	out, err := kdPurchaseOrder("N-1").MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, kdPurchaseOrderJSON, string(out))
	b := kdPurchaseOrder("N-1")
	assert.Equal(t, []string{"FSupplierId.FNumber", "FDate", "FMaterialId.FNumber", "FQty", "FTaxPrice"}, b.CompareKeys())
	assert.Equal(t, [][]string{{"VEN01", "2026-11-20 00:00:00", "RAW-1", "5", "3"}}, b.CompareRows())
}

func TestPurchaseOrderValidate(t *testing.T) {
	kdValidateCases(t, func() kingdee.PurchaseOrder { return kdPurchaseOrder("N-1") }, map[string]func(*kingdee.PurchaseOrder){
		"FPurchaseOrgId":                   func(b *kingdee.PurchaseOrder) { b.PurchaseOrg = kingdee.Ref{} },
		"FSupplierId":                      func(b *kingdee.PurchaseOrder) { b.Supplier = kingdee.Ref{} },
		"FPOOrderEntry":                    func(b *kingdee.PurchaseOrder) { b.Entries = nil },
		"FPOOrderEntry[0].FMaterialId":     func(b *kingdee.PurchaseOrder) { b.Entries[0].Material = kingdee.Ref{} },
		"FPOOrderEntry[0].FQty":            func(b *kingdee.PurchaseOrder) { b.Entries[0].Qty = duijie.AmountFromInt(-5) },
		"FPOOrderEntry[0].FPrice":          func(b *kingdee.PurchaseOrder) { b.Entries[0].Price = duijie.AmountFromInt(-1).Ptr() },
		"FPOOrderEntry[0].FTaxPrice":       func(b *kingdee.PurchaseOrder) { b.Entries[0].TaxPrice = &kdTooPrecise },
		"FPOOrderEntry[0].FEntryTaxRate":   func(b *kingdee.PurchaseOrder) { b.Entries[0].TaxRate = duijie.AmountFromInt(-1).Ptr() },
		"FPOOrderEntry[0].FUnitId.FNumber": func(b *kingdee.PurchaseOrder) { b.Entries[0].Unit = kingdee.RefTo(" kg") },
	})
}

func kdSaleOrder(no string) kingdee.SaleOrder {
	return kingdee.SaleOrder{
		BillType: kingdee.RefTo(kingdee.BillTypeSaleOrder), BillNo: no, Date: kdFormDate,
		SaleOrg: kingdee.RefTo("100"), Customer: kingdee.RefTo("CUST01"), SaleDept: kingdee.RefTo("BM03"),
		Entries: []kingdee.SaleOrderEntry{{RowType: kingdee.RowTypeStandard, Material: kingdee.RefTo("MAT-1"), Unit: kingdee.RefTo("006"),
			Qty: duijie.AmountFromInt(2), TaxPrice: duijie.AmountFromInt(500).Ptr(), TaxRate: duijie.AmountFromInt(13).Ptr()}},
	}
}

const kdSaleOrderJSON = `{"FBillTypeID":{"FNumber":"XSDD01_SYS"},"FBillNo":"N-1","FDate":"2026-11-20 00:00:00","FSaleOrgId":{"FNumber":"100"},"FCustId":{"FNumber":"CUST01"},"FSaleDeptId":{"FNumber":"BM03"},"FSaleOrderEntry":[{"FRowType":"Standard","FMaterialId":{"FNumber":"MAT-1"},"FUnitID":{"FNumber":"006"},"FQty":2,"FTaxPrice":500,"FEntryTaxRate":13}]}`

func TestSaleOrderJSONAndComparison(t *testing.T) {
	out, err := kdSaleOrder("N-1").MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, kdSaleOrderJSON, string(out))
	b := kdSaleOrder("N-1")
	b.Extra = kingdee.Extra{"FSaleOrderFinance": map[string]any{"FSettleCurrId": kingdee.RefTo("PRE001")}}
	out, err = b.MarshalJSON()
	require.NoError(t, err)
	assert.Contains(t, string(out), `"FEntryTaxRate":13}],"FSaleOrderFinance":{"FSettleCurrId":{"FNumber":"PRE001"}}}`)
	assert.Equal(t, []string{"FCustId.FNumber", "FDate", "FMaterialId.FNumber", "FQty", "FTaxPrice"}, b.CompareKeys())
	assert.Equal(t, [][]string{{"CUST01", "2026-11-20 00:00:00", "MAT-1", "2", "500"}}, b.CompareRows())
}

func TestSaleOrderValidate(t *testing.T) {
	kdValidateCases(t, func() kingdee.SaleOrder { return kdSaleOrder("N-1") }, map[string]func(*kingdee.SaleOrder){
		"FSaleOrgId":                       func(b *kingdee.SaleOrder) { b.SaleOrg = kingdee.Ref{} },
		"FCustId":                          func(b *kingdee.SaleOrder) { b.Customer = kingdee.Ref{} },
		"FSaleOrderEntry":                  func(b *kingdee.SaleOrder) { b.Entries = nil },
		"FSaleOrderEntry[0].FMaterialId":   func(b *kingdee.SaleOrder) { b.Entries[0].Material = kingdee.Ref{} },
		"FSaleOrderEntry[0].FQty":          func(b *kingdee.SaleOrder) { b.Entries[0].Qty = duijie.AmountFromInt(-2) },
		"FSaleOrderEntry[0].FPrice":        func(b *kingdee.SaleOrder) { b.Entries[0].Price = duijie.AmountFromInt(-2).Ptr() },
		"FSaleOrderEntry[0].FTaxPrice":     func(b *kingdee.SaleOrder) { b.Entries[0].TaxPrice = &kdTooPrecise },
		"FSaleOrderEntry[0].FEntryTaxRate": func(b *kingdee.SaleOrder) { b.Entries[0].TaxRate = duijie.AmountFromInt(-2).Ptr() },
		"FNote":                            func(b *kingdee.SaleOrder) { b.Note = "\xc0" },
	})
}
