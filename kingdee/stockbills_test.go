package kingdee_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
)

func kdMisDelivery(no string) kingdee.MisDelivery {
	return kingdee.MisDelivery{
		BillType: kingdee.RefTo(kingdee.BillTypeMisDelivery), BillNo: no, Date: kdFormDate,
		StockOrg: kingdee.RefTo("100"), PickOrg: kingdee.RefTo("100"), StockDirect: kingdee.StockDirectGeneral,
		Dept: kingdee.RefTo("BM01"), OwnerTypeHead: kingdee.OwnerTypeOrg, OwnerHead: kingdee.RefTo("100"), Note: "盘亏",
		Entries: []kingdee.MisDeliveryEntry{{Material: kingdee.RefTo("SKU-1"), Qty: duijie.AmountFromInt(3),
			Stock: kingdee.RefTo("WH01"), StockStatus: kingdee.RefTo(kingdee.StockStatusAvailable), Lot: kingdee.RefTo("L1"),
			KeeperType: kingdee.KeeperTypeOrg, Keeper: kingdee.RefTo("100")}},
	}
}

const kdMisDeliveryJSON = `{"FBillTypeID":{"FNumber":"QTCKD01_SYS"},"FBillNo":"N-1","FDate":"2026-11-20 00:00:00","FStockOrgId":{"FNumber":"100"},"FPickOrgId":{"FNumber":"100"},"FStockDirect":"GENERAL","FDeptId":{"FNumber":"BM01"},"FOwnerTypeIdHead":"BD_OwnerOrg","FOwnerIdHead":{"FNumber":"100"},"FNote":"盘亏","FEntity":[{"FMaterialId":{"FNumber":"SKU-1"},"FQty":3,"FStockId":{"FNumber":"WH01"},"FStockStatusId":{"FNumber":"KCZT01_SYS"},"FLot":{"FNumber":"L1"},"FKeeperTypeId":"BD_KeeperOrg","FKeeperId":{"FNumber":"100"}}]}`

func TestMisDeliveryJSONAndComparison(t *testing.T) {
	out, err := kdMisDelivery("N-1").MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, kdMisDeliveryJSON, string(out))
	b := kdMisDelivery("N-1")
	b.Entries[0].Extra = kingdee.Extra{"F_X": "y"}
	out, err = b.MarshalJSON()
	require.NoError(t, err)
	assert.Contains(t, string(out), `"FKeeperId":{"FNumber":"100"},"F_X":"y"}]`)
	assert.Equal(t, []string{"FStockOrgId.FNumber", "FDate", "FMaterialId.FNumber", "FQty"}, b.CompareKeys())
	assert.Equal(t, [][]string{{"100", "2026-11-20 00:00:00", "SKU-1", "3"}}, b.CompareRows())
	assert.Equal(t, "N-1", b.Number())
}

func TestMisDeliveryValidate(t *testing.T) {
	kdValidateCases(t, func() kingdee.MisDelivery { return kdMisDelivery("N-1") }, map[string]func(*kingdee.MisDelivery){
		"FStockOrgId":            func(b *kingdee.MisDelivery) { b.StockOrg = kingdee.Ref{} },
		"FPickOrgId":             func(b *kingdee.MisDelivery) { b.PickOrg = kingdee.Ref{} },
		"FEntity":                func(b *kingdee.MisDelivery) { b.Entries = []kingdee.MisDeliveryEntry{} },
		"FEntity[0].FMaterialId": func(b *kingdee.MisDelivery) { b.Entries[0].Material = kingdee.Ref{} },
		"FEntity[0].FQty":        func(b *kingdee.MisDelivery) { b.Entries[0].Qty = duijie.AmountFromInt(-3) },
		"FNote":                  func(b *kingdee.MisDelivery) { b.Note = "\xff" },
		"FEntity[0].FMTONO":      func(b *kingdee.MisDelivery) { b.Entries[0].MtoNo = "M\t1" },
	})
	b := kdMisDelivery("N-1")
	b.Entries[0].Qty = kdTooPrecise
	var ve *duijie.ValidationError
	require.ErrorAs(t, b.Validate(), &ve)
	assert.Equal(t, duijie.RuleFormat, ve.Rule, "more places than the server's decimal holds")
}

func kdMiscellaneous(no string) kingdee.Miscellaneous {
	return kingdee.Miscellaneous{
		BillType: kingdee.RefTo(kingdee.BillTypeMiscellaneous), BillNo: no, Date: kdFormDate,
		StockOrg: kingdee.RefTo("100"), StockDirect: kingdee.StockDirectGeneral, Supplier: kingdee.RefTo("S1"),
		Dept: kingdee.RefTo("A07"), Note: "来自旺店通",
		Entries: []kingdee.MiscellaneousEntry{{Material: kingdee.RefTo("SKU-1"), Qty: duijie.AmountFromInt(5),
			Price: duijie.AmountFromCents(1250).Ptr(), Stock: kingdee.RefTo("WH01"), Lot: kingdee.RefTo("B001")}},
	}
}

const kdMiscellaneousJSON = `{"FBillTypeID":{"FNumber":"QTRKD01_SYS"},"FBillNo":"N-1","FDate":"2026-11-20 00:00:00","FStockOrgId":{"FNumber":"100"},"FStockDirect":"GENERAL","FSUPPLIERID":{"FNumber":"S1"},"FDEPTID":{"FNumber":"A07"},"FNOTE":"来自旺店通","FEntity":[{"FMATERIALID":{"FNumber":"SKU-1"},"FQty":5,"FPrice":12.5,"FSTOCKID":{"FNumber":"WH01"},"FLot":{"FNumber":"B001"}}]}`

func TestMiscellaneousJSONAndComparison(t *testing.T) {
	out, err := kdMiscellaneous("N-1").MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, kdMiscellaneousJSON, string(out))
	b := kdMiscellaneous("N-1")
	b.Extra = kingdee.Extra{"FNote": "twice"}
	_, err = b.MarshalJSON()
	assert.ErrorContains(t, err, "already set by a typed field", "FNote is FNOTE without case")
	assert.Equal(t, []string{"FStockOrgId.FNumber", "FDate", "FMATERIALID.FNumber", "FQty"}, b.CompareKeys())
	assert.Equal(t, [][]string{{"100", "2026-11-20 00:00:00", "SKU-1", "5"}}, b.CompareRows())
}

func TestMiscellaneousValidate(t *testing.T) {
	kdValidateCases(t, func() kingdee.Miscellaneous { return kdMiscellaneous("N-1") }, map[string]func(*kingdee.Miscellaneous){
		"FStockOrgId":            func(b *kingdee.Miscellaneous) { b.StockOrg = kingdee.Ref{} },
		"FEntity":                func(b *kingdee.Miscellaneous) { b.Entries = nil },
		"FEntity[0].FMATERIALID": func(b *kingdee.Miscellaneous) { b.Entries[0].Material = kingdee.Ref{} },
		"FEntity[0].FQty":        func(b *kingdee.Miscellaneous) { b.Entries[0].Qty = duijie.AmountFromInt(-1) },
		"FEntity[0].FPrice":      func(b *kingdee.Miscellaneous) { b.Entries[0].Price = duijie.AmountFromCents(-1).Ptr() },
		"FBillNo":                func(b *kingdee.Miscellaneous) { b.BillNo = "N-1 " },
		"FEntity[0].FMtoNo":      func(b *kingdee.Miscellaneous) { b.Entries[0].MtoNo = "\x00" },
	})
}

func kdTransferDirect(no string) kingdee.TransferDirect {
	return kingdee.TransferDirect{
		BillType: kingdee.RefTo(kingdee.BillTypeTransferDirect), BillNo: no, Date: kdFormDate,
		BizType: kingdee.BizTypeNormal, TransferDirect: kingdee.TransferDirectGeneral, TransferBizType: kingdee.TransferBizTypeInnerOrg,
		StockOutOrg: kingdee.RefTo("100"), OwnerOutHead: kingdee.RefTo("100"), StockOrg: kingdee.RefTo("100"),
		Entries: []kingdee.TransferDirectEntry{{Material: kingdee.RefTo("SKU-1"), Qty: duijie.AmountFromInt(4),
			SrcStock: kingdee.RefTo("WH01"), DestStock: kingdee.RefTo("WH02")}},
	}
}

const kdTransferDirectJSON = `{"FBillTypeID":{"FNumber":"ZJDB01_SYS"},"FBillNo":"N-1","FDate":"2026-11-20 00:00:00","FBizType":"NORMAL","FTransferDirect":"GENERAL","FTransferBizType":"InnerOrgTransfer","FStockOutOrgId":{"FNumber":"100"},"FOwnerOutIdHead":{"FNumber":"100"},"FStockOrgId":{"FNumber":"100"},"FBillEntry":[{"FMaterialId":{"FNumber":"SKU-1"},"FQty":4,"FSrcStockId":{"FNumber":"WH01"},"FDestStockId":{"FNumber":"WH02"}}]}`

func TestTransferDirectJSONAndComparison(t *testing.T) {
	out, err := kdTransferDirect("N-1").MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, kdTransferDirectJSON, string(out))
	b := kdTransferDirect("N-1")
	b.Date = duijie.Time{}
	assert.Equal(t, []string{"FMaterialId.FNumber", "FQty", "FSrcStockId.FNumber", "FDestStockId.FNumber"}, b.CompareKeys())
	assert.Equal(t, [][]string{{"SKU-1", "4", "WH01", "WH02"}}, b.CompareRows())
}

func TestTransferDirectValidate(t *testing.T) {
	kdValidateCases(t, func() kingdee.TransferDirect { return kdTransferDirect("N-1") }, map[string]func(*kingdee.TransferDirect){
		"FStockOutOrgId":             func(b *kingdee.TransferDirect) { b.StockOutOrg = kingdee.Ref{} },
		"FStockOrgId":                func(b *kingdee.TransferDirect) { b.StockOrg = kingdee.Ref{} },
		"FBillEntry":                 func(b *kingdee.TransferDirect) { b.Entries = nil },
		"FBillEntry[0].FMaterialId":  func(b *kingdee.TransferDirect) { b.Entries[0].Material = kingdee.Ref{} },
		"FBillEntry[0].FSrcStockId":  func(b *kingdee.TransferDirect) { b.Entries[0].SrcStock = kingdee.Ref{} },
		"FBillEntry[0].FDestStockId": func(b *kingdee.TransferDirect) { b.Entries[0].DestStock = kingdee.Ref{} },
		"FBillEntry[0].FQty":         func(b *kingdee.TransferDirect) { b.Entries[0].Qty = duijie.AmountFromInt(-4) },
		"FNote":                      func(b *kingdee.TransferDirect) { b.Note = "a\x7fb" },
	})
}
