package kingdee_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
)

func kdSalOutStock(no string) kingdee.SalOutStock {
	return kingdee.SalOutStock{
		BillType: kingdee.RefTo(kingdee.BillTypeSalOutStock), BillNo: no, Date: kdFormDate,
		SaleOrg: kingdee.RefTo("100"), StockOrg: kingdee.RefTo("100"), Customer: kingdee.RefTo("SHOP<1>"),
		CarriageNo: "SF123", LinkMan: "张三", LinkPhone: "13800000000",
		Entries: []kingdee.SalOutStockEntry{{Material: kingdee.RefTo("SKU-1"), RealQty: duijie.AmountFromInt(2),
			TaxPrice: duijie.AmountFromCents(1999), AllAmount: duijie.AmountFromCents(3998).Ptr(),
			TaxRate: duijie.AmountFromInt(13).Ptr(), Stock: kingdee.RefTo("WH01"), Lot: kingdee.RefTo("L1")}},
	}
}

const kdSalOutStockJSON = `{"FBillTypeID":{"FNumber":"XSCKD01_SYS"},"FBillNo":"N-1","FDate":"2026-11-20 00:00:00","FSaleOrgId":{"FNumber":"100"},"FStockOrgId":{"FNumber":"100"},"FCustomerID":{"FNumber":"SHOP<1>"},"FCarriageNO":"SF123","FLinkMan":"张三","FLinkPhone":"13800000000","FEntity":[{"FMaterialID":{"FNumber":"SKU-1"},"FRealQty":2,"FTaxPrice":19.99,"FAllAmount":39.98,"FEntryTaxRate":13,"FStockID":{"FNumber":"WH01"},"FLot":{"FNumber":"L1"}}]}`

func TestSalOutStockJSON(t *testing.T) {
	out, err := kdSalOutStock("N-1").MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, kdSalOutStockJSON, string(out))

	b := kdSalOutStock("N-1")
	b.Extra = kingdee.Extra{"F_ABC_Shop": "天猫"}
	b.Entries[0].Extra = kingdee.Extra{"F_ABC_Line": 1}
	b.Entries[0].TaxRate, b.Entries[0].AllAmount = nil, nil
	out, err = b.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{"FBillTypeID":{"FNumber":"XSCKD01_SYS"},"FBillNo":"N-1","FDate":"2026-11-20 00:00:00","FSaleOrgId":{"FNumber":"100"},"FStockOrgId":{"FNumber":"100"},"FCustomerID":{"FNumber":"SHOP<1>"},"FCarriageNO":"SF123","FLinkMan":"张三","FLinkPhone":"13800000000","FEntity":[{"FMaterialID":{"FNumber":"SKU-1"},"FRealQty":2,"FTaxPrice":19.99,"FStockID":{"FNumber":"WH01"},"FLot":{"FNumber":"L1"},"F_ABC_Line":1}],"F_ABC_Shop":"天猫"}`, string(out))
	assert.Equal(t, []string{"FCustomerID.FNumber", "FDate", "FMaterialID.FNumber", "FRealQty", "FTaxPrice"}, b.CompareKeys(), "a rate left to the material is not compared")
	assert.Equal(t, [][]string{{"SHOP<1>", "2026-11-20 00:00:00", "SKU-1", "2", "19.99"}}, b.CompareRows())
	assert.Equal(t, "N-1", b.Number())

	gift := kdSalOutStock("N-2")
	gift.Entries[0].TaxPrice, gift.Entries[0].AllAmount, gift.Entries[0].IsFree = duijie.Amount{}, nil, true
	out, err = gift.MarshalJSON()
	require.NoError(t, err)
	assert.Contains(t, string(out), `"FTaxPrice":0,"FEntryTaxRate":13,"FIsFree":true,"FStockID"`, "a gift line says so")

	b.Extra = kingdee.Extra{"FCustomerID": "x"}
	_, err = b.MarshalJSON()
	assert.ErrorContains(t, err, "already set by a typed field")
}

func TestSalOutStockValidate(t *testing.T) {
	kdValidateCases(t, func() kingdee.SalOutStock { return kdSalOutStock("N-1") }, map[string]func(*kingdee.SalOutStock){
		"FSaleOrgId":               func(b *kingdee.SalOutStock) { b.SaleOrg = kingdee.Ref{} },
		"FStockOrgId":              func(b *kingdee.SalOutStock) { b.StockOrg = kingdee.Ref{} },
		"FCustomerID":              func(b *kingdee.SalOutStock) { b.Customer = kingdee.Ref{} },
		"FEntity":                  func(b *kingdee.SalOutStock) { b.Entries = nil },
		"FEntity[0].FMaterialID":   func(b *kingdee.SalOutStock) { b.Entries[0].Material = kingdee.Ref{} },
		"FEntity[0].FRealQty":      func(b *kingdee.SalOutStock) { b.Entries[0].RealQty = duijie.AmountFromInt(-1) },
		"FEntity[0].FTaxPrice":     func(b *kingdee.SalOutStock) { b.Entries[0].TaxPrice = kdTooPrecise },
		"FEntity[0].FAllAmount":    func(b *kingdee.SalOutStock) { b.Entries[0].AllAmount = duijie.AmountFromInt(-1).Ptr() },
		"FEntity[0].FEntryTaxRate": func(b *kingdee.SalOutStock) { b.Entries[0].TaxRate = duijie.AmountFromInt(-13).Ptr() },
		"FBillNo":                  func(b *kingdee.SalOutStock) { b.BillNo = " N-1" },
		"FLinkMan":                 func(b *kingdee.SalOutStock) { b.LinkMan = "bad \xff" },
		"FEntity[0].FNote":         func(b *kingdee.SalOutStock) { b.Entries[0].Note = "\x01" },
		"FEntity[0].FLot.FNumber":  func(b *kingdee.SalOutStock) { b.Entries[0].Lot = kingdee.RefTo("L\n1") },
		"F_X":                      func(b *kingdee.SalOutStock) { b.Extra = kingdee.Extra{"F_X": "\xc3"} },
	})
}
