package kingdeetest

import (
	"encoding/json"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
)

// StockRow is one on-hand stock row (即时库存, form STK_Inventory) as
// SeedInventory stores it: the fake answers ExecuteBillQuery over
// STK_Inventory from these rows, with FStockOrgId, FStockId, FMaterialId,
// FLot and FBaseUnitId as references (their .FNumber keys) and FBaseQty and
// FBaseLockQty as numbers.
type StockRow struct {
	// StockOrg, Stock, Material, Lot and BaseUnit are codes; "" leaves the
	// reference empty.
	StockOrg, Stock, Material, Lot, BaseUnit string
	// BaseQty and BaseLockQty are the quantities in the base unit.
	BaseQty, BaseLockQty duijie.Amount
}

// SeedInventory stores on-hand stock rows, visible at once, in the order
// given after those seeded before, and returns their FIDs. The real
// server fills STK_Inventory from stock bills; the fake keeps it as
// seeded, so a test decides what the stock is.
func (s *Server) SeedInventory(rows ...StockRow) []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.forms[kingdee.FormInventory]
	if f == nil {
		f = &form{byNumber: map[string][]*Bill{}, nextID: 100000}
		s.forms[kingdee.FormInventory] = f
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		m := map[string]any{"FBaseQty": json.Number(r.BaseQty.String()), "FBaseLockQty": json.Number(r.BaseLockQty.String())}
		for key, code := range map[string]string{"FStockOrgId": r.StockOrg, "FStockId": r.Stock, "FMaterialId": r.Material,
			"FLot": r.Lot, "FBaseUnitId": r.BaseUnit} {
			if code != "" {
				m[key] = map[string]any{"FNumber": code}
			}
		}
		f.nextID++
		f.order = append(f.order, &Bill{Form: kingdee.FormInventory, ID: f.nextID, Status: "C", Model: m})
		ids[i] = f.nextID
	}
	return ids
}
