package kingdee_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
)

func TestSalReturnValidate(t *testing.T) {
	assert.NoError(t, sampleBill("X").Validate())
	for field, mutate := range map[string]func(*kingdee.SalReturnStock){
		"FSaleOrgId":               func(b *kingdee.SalReturnStock) { b.SaleOrg = kingdee.Ref{} },
		"FStockOrgId":              func(b *kingdee.SalReturnStock) { b.StockOrg = kingdee.Ref{} },
		"FRetcustId":               func(b *kingdee.SalReturnStock) { b.Customer = kingdee.Ref{} },
		"FEntity":                  func(b *kingdee.SalReturnStock) { b.Entries = nil },
		"FEntity[0].FMaterialId":   func(b *kingdee.SalReturnStock) { b.Entries[0].Material = kingdee.Ref{} },
		"FEntity[0].FRealQty":      func(b *kingdee.SalReturnStock) { b.Entries[0].RealQty = duijie.AmountFromInt(-1) },
		"FEntity[0].FTaxPrice":     func(b *kingdee.SalReturnStock) { b.Entries[0].TaxPrice = duijie.AmountFromCents(-1) },
		"FEntity[0].FEntryTaxRate": func(b *kingdee.SalReturnStock) { b.Entries[0].TaxRate = duijie.AmountFromInt(-13).Ptr() },
		"FHeadNote":                func(b *kingdee.SalReturnStock) { b.HeadNote = "bad \xff" },
		"FEntity[0].FNote":         func(b *kingdee.SalReturnStock) { b.Entries[0].Note = "\xc3" },
	} {
		b := sampleBill("X")
		mutate(&b)
		err := b.Validate()
		var ve *duijie.ValidationError
		if assert.True(t, errors.As(err, &ve), field) {
			assert.Equal(t, field, ve.Field)
			assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
		}
	}
}

// TestSalReturnTaxRateLeftToMaterial checks that a line without a rate
// leaves FEntryTaxRate out, so Kingdee applies the material's rate, that a
// set 0 is still written, and that a bill found by number is not compared
// by a rate the bill did not choose.
func TestSalReturnTaxRateLeftToMaterial(t *testing.T) {
	b := sampleBill("X")
	b.Entries[0].TaxRate = nil
	out, err := json.Marshal(b)
	assert.NoError(t, err)
	assert.NotContains(t, string(out), "FEntryTaxRate")
	assert.NoError(t, b.Validate())
	assert.Equal(t, []string{"FRetcustId.FNumber", "FDate", "FMaterialId.FNumber", "FRealQty", "FTaxPrice"}, b.CompareKeys())
	assert.Equal(t, [][]string{{"C<1>&", "2026-11-20 00:00:00", "M1", "2", "19.99"}}, b.CompareRows())

	b.Entries[0].TaxRate = duijie.AmountFromInt(0).Ptr()
	out, err = json.Marshal(b)
	assert.NoError(t, err)
	assert.Contains(t, string(out), `"FEntryTaxRate":0`)
	assert.Equal(t, "FEntryTaxRate", b.CompareKeys()[len(b.CompareKeys())-1])
	assert.Equal(t, "0", b.CompareRows()[0][5])
}
