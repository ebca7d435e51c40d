package kingdee_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
)

func kdStockCountGain(no string) kingdee.StockCountGain {
	return kingdee.StockCountGain{BillType: kingdee.RefTo(kingdee.BillTypeStockCountGain), BillNo: no, Date: kdFormDate,
		StockOrg: kingdee.RefTo("101"), Note: "盘盈",
		Entries: []kingdee.StockCountGainEntry{{Material: kingdee.RefTo("SKU-1"), CountQty: duijie.AmountFromInt(12),
			GainQty: duijie.AmountFromInt(2), Stock: kingdee.RefTo("WH01"), OwnerType: kingdee.OwnerTypeOrg}}}
}

const kdStockCountGainJSON = `{"FBillTypeID":{"FNumber":"PY01_SYS"},"FBillNo":"N-1","FDate":"2026-11-20 00:00:00","FStockOrgId":{"FNumber":"101"},"FNoteHead":"盘盈","FBillEntry":[{"FMaterialId":{"FNumber":"SKU-1"},"FCountQty":12,"FGainQty":2,"FStockId":{"FNumber":"WH01"},"FOwnerTypeId":"BD_OwnerOrg"}]}`

func kdStockCountLoss(no string) kingdee.StockCountLoss {
	return kingdee.StockCountLoss{BillNo: no, Date: kdFormDate, StockOrg: kingdee.RefTo("101"),
		Entries: []kingdee.StockCountLossEntry{{Material: kingdee.RefTo("SKU-1"), CountQty: duijie.AmountFromInt(8),
			LossQty: duijie.AmountFromInt(2), Stock: kingdee.RefTo("WH01"), Lot: kingdee.RefTo("L1")}}}
}

const kdStockCountLossJSON = `{"FBillNo":"N-1","FDate":"2026-11-20 00:00:00","FStockOrgId":{"FNumber":"101"},"FBillEntry":[{"FMaterialId":{"FNumber":"SKU-1"},"FCountQty":8,"FLossQty":2,"FStockId":{"FNumber":"WH01"},"FLot":{"FNumber":"L1"}}]}`

func TestStockCountJSONAndComparison(t *testing.T) {
	out, err := kdStockCountGain("N-1").MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, kdStockCountGainJSON, string(out))
	out, err = kdStockCountLoss("N-1").MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, kdStockCountLossJSON, string(out))
	assert.Equal(t, []string{"FStockOrgId.FNumber", "FDate", "FMaterialId.FNumber", "FStockId.FNumber", "FGainQty"}, kdStockCountGain("N-1").CompareKeys())
	assert.Equal(t, [][]string{{"101", "2026-11-20 00:00:00", "SKU-1", "WH01", "2"}}, kdStockCountGain("N-1").CompareRows())
	assert.Equal(t, []string{"FStockOrgId.FNumber", "FDate", "FMaterialId.FNumber", "FStockId.FNumber", "FLossQty"}, kdStockCountLoss("N-1").CompareKeys())
	assert.Equal(t, [][]string{{"101", "2026-11-20 00:00:00", "SKU-1", "WH01", "2"}}, kdStockCountLoss("N-1").CompareRows())
	assert.Equal(t, "N-1", kdStockCountLoss("N-1").Number())
}

func TestStockCountValidate(t *testing.T) {
	kdValidateCases(t, func() kingdee.StockCountGain { return kdStockCountGain("N-1") }, map[string]func(*kingdee.StockCountGain){
		"FStockOrgId":               func(b *kingdee.StockCountGain) { b.StockOrg = kingdee.Ref{} },
		"FBillEntry":                func(b *kingdee.StockCountGain) { b.Entries = nil },
		"FBillEntry[0].FMaterialId": func(b *kingdee.StockCountGain) { b.Entries[0].Material = kingdee.Ref{} },
		"FBillEntry[0].FStockId":    func(b *kingdee.StockCountGain) { b.Entries[0].Stock = kingdee.Ref{} },
		"FBillEntry[0].FCountQty":   func(b *kingdee.StockCountGain) { b.Entries[0].CountQty = duijie.AmountFromInt(-1) },
		"FBillEntry[0].FGainQty":    func(b *kingdee.StockCountGain) { b.Entries[0].GainQty = kdTooPrecise },
		"FNoteHead":                 func(b *kingdee.StockCountGain) { b.Note = "\xff" },
	})
	kdValidateCases(t, func() kingdee.StockCountLoss { return kdStockCountLoss("N-1") }, map[string]func(*kingdee.StockCountLoss){
		"FStockOrgId":               func(b *kingdee.StockCountLoss) { b.StockOrg = kingdee.Ref{} },
		"FBillEntry":                func(b *kingdee.StockCountLoss) { b.Entries = nil },
		"FBillEntry[0].FMaterialId": func(b *kingdee.StockCountLoss) { b.Entries[0].Material = kingdee.Ref{} },
		"FBillEntry[0].FStockId":    func(b *kingdee.StockCountLoss) { b.Entries[0].Stock = kingdee.Ref{} },
		"FBillEntry[0].FLossQty":    func(b *kingdee.StockCountLoss) { b.Entries[0].LossQty = duijie.AmountFromInt(-2) },
		"FBillEntry[0].FMTONO":      func(b *kingdee.StockCountLoss) { b.Entries[0].MtoNo = "x\ny" },
	})
}
