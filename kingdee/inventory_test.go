package kingdee_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
)

func TestQueryInventoryWireBytesAndRows(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	got := record(mt, kingdee.ServiceExecuteBillQuery,
		`[["5f0c9d2e-0001","100","WH'2","M1",null,"Pcs",12.5,"0"],["5f0c9d2e-0002","100","WH01","M1","L7","Pcs","3",1]]`)
	page, err := c.QueryInventory(context.Background(), &kingdee.InventoryQuery{StockOrg: "100", Stocks: []string{"WH01", "WH'2"},
		Materials: []string{"M1"}, StartRow: 4, Limit: 2})
	require.NoError(t, err)
	require.Len(t, *got, 1)
	assert.Equal(t, `{"data":{"FormId":"STK_Inventory","FieldKeys":"FID,FStockOrgId.FNumber,FStockId.FNumber,FMaterialId.FNumber,FLot.FNumber,FBaseUnitId.FNumber,FBaseQty,FBaseLockQty","FilterString":"FStockOrgId.FNumber = '100' AND FStockId.FNumber IN ('WH01','WH''2') AND FMaterialId.FNumber IN ('M1')","OrderString":"FID ASC","TopRowCount":0,"StartRow":4,"Limit":2,"SubSystemId":""}}`, (*got)[0].body)
	assert.Equal(t, 4, page.Number)
	assert.Equal(t, 2, page.Size)
	assert.Equal(t, -1, page.Total)
	assert.True(t, page.HasMore, "a full page")
	require.Len(t, page.Items, 2)
	assert.Equal(t, []string{"5f0c9d2e-0001", "100", "WH'2", "M1", "", "Pcs", "12.5", "0"}, kdInventoryView(page.Items[0]))
	assert.Equal(t, "L7", string(page.Items[1].Lot))
	assert.Equal(t, "3", page.Items[1].BaseQty.String())
}

func TestQueryInventoryWithoutFiltersAndItsRefusals(t *testing.T) {
	c, mt := newMockClient(t, signedConfig())
	got := record(mt, kingdee.ServiceExecuteBillQuery, `[]`)
	page, err := c.QueryInventory(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, page.Items)
	assert.False(t, page.HasMore)
	assert.Contains(t, (*got)[0].body, `"FilterString":"","OrderString":"FID ASC","TopRowCount":0,"StartRow":0,"Limit":2000,`)

	for field, q := range map[string]*kingdee.InventoryQuery{
		"StockOrg":     {StockOrg: "1\n00"},
		"Stocks[1]":    {Stocks: []string{"WH01", ""}},
		"Materials[0]": {Materials: []string{" M1"}},
		"Limit":        {Limit: kingdee.MaxQueryLimit + 1},
		"StartRow":     {StartRow: -1},
	} {
		_, err := c.QueryInventory(context.Background(), q)
		var ve *duijie.ValidationError
		if assert.ErrorAs(t, err, &ve, field) {
			assert.Equal(t, field, ve.Field)
		}
		for _, err := range c.Inventory(context.Background(), q) {
			assert.ErrorAs(t, err, &ve, field)
		}
	}
	assert.Len(t, *got, 1, "nothing more was sent")

	mt.Reset()
	record(mt, kingdee.ServiceExecuteBillQuery, `[["x",1]]`)
	_, err = c.QueryInventory(context.Background(), nil)
	assert.ErrorContains(t, err, "row 0")
}

// TestInventoryOnTheFake seeds stock rows and reads them back through
// filters and pages.
func TestInventoryOnTheFake(t *testing.T) {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	var rows []kingdeetest.StockRow
	for i := range 25 {
		rows = append(rows, kingdeetest.StockRow{StockOrg: "100", Stock: fmt.Sprintf("WH%d", i%2), Material: fmt.Sprintf("M%02d", i),
			BaseUnit: "Pcs", BaseQty: duijie.AmountFromInt(int64(i)), BaseLockQty: duijie.AmountFromInt(1)})
	}
	rows = append(rows, kingdeetest.StockRow{StockOrg: "200", Stock: "WH0", Material: "M00", Lot: "L1", BaseQty: duijie.AmountFromCents(50)})
	ids := srv.SeedInventory(rows...)
	require.Len(t, ids, 26)
	c, err := srv.NewClient()
	require.NoError(t, err)
	ctx := context.Background()

	var got []kingdee.InventoryRow
	for r, err := range c.Inventory(ctx, &kingdee.InventoryQuery{StockOrg: "100", Stocks: []string{"WH0"}, Limit: 5}) {
		require.NoError(t, err)
		got = append(got, r)
	}
	require.Len(t, got, 13, "the even rows of org 100 in WH0, over three pages")
	for i, r := range got {
		assert.Equal(t, fmt.Sprintf("M%02d", 2*i), string(r.Material))
		assert.Equal(t, fmt.Sprint(2*i), r.BaseQty.String())
		assert.Equal(t, "1", r.BaseLockQty.String())
		assert.Equal(t, fmt.Sprint(ids[2*i]), string(r.ID))
	}

	page, err := c.QueryInventory(ctx, &kingdee.InventoryQuery{Materials: []string{"M00", "M03"}})
	require.NoError(t, err)
	require.Len(t, page.Items, 3)
	assert.Equal(t, []string{"M00", "M03", "M00"}, []string{string(page.Items[0].Material), string(page.Items[1].Material), string(page.Items[2].Material)})
	assert.Equal(t, []string{fmt.Sprint(ids[25]), "200", "WH0", "M00", "L1", "", "0.5", "0"}, kdInventoryView(page.Items[2]))
}

// kdInventoryView is a row as text, amounts in their shortest form.
func kdInventoryView(r kingdee.InventoryRow) []string {
	return []string{string(r.ID), string(r.StockOrg), string(r.Stock), string(r.Material), string(r.Lot), string(r.BaseUnit),
		r.BaseQty.String(), r.BaseLockQty.String()}
}
