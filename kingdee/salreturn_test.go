package kingdee_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

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
		"FEntity[0].FRealQty":      func(b *kingdee.SalReturnStock) { b.Entries[0].RealQty = kingdee.AmountFromInt(-1) },
		"FEntity[0].FTaxPrice":     func(b *kingdee.SalReturnStock) { b.Entries[0].TaxPrice = kingdee.AmountFromCents(-1) },
		"FEntity[0].FEntryTaxRate": func(b *kingdee.SalReturnStock) { b.Entries[0].TaxRate = kingdee.AmountFromInt(-13) },
		"FHeadNote":                func(b *kingdee.SalReturnStock) { b.HeadNote = "bad \xff" },
		"FEntity[0].FNote":         func(b *kingdee.SalReturnStock) { b.Entries[0].Note = "\xc3" },
	} {
		b := sampleBill("X")
		mutate(&b)
		err := b.Validate()
		var ve *kingdee.ValidationError
		if assert.True(t, errors.As(err, &ve), field) {
			assert.Equal(t, field, ve.Field)
			assert.ErrorIs(t, err, kingdee.ErrInvalidRequest)
		}
	}
}
