package jushuitantest

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
)

// The caps of the stocktaking operations, from jst-java's
// JstQueryInventoryCountRequest and JstUploadInventoryV2Request Javadoc:
// 50 bills a page, io_ids (comma-joined) at most 50, 500 lines an upload.
const (
	maxCountPage  = 50
	maxCountIoIDs = 50
	maxCountItems = 500
)

// StoredStockCount is a stocktaking upload as the fake keeps it: the
// first successful upload of its so_id.
type StoredStockCount struct {
	// SoID is the upload's unique number.
	SoID string
	// IoID is the stocktaking bill's number.
	IoID int64
	// Sends counts the uploads of the so_id: 1 plus the resends answered
	// with the first result.
	Sends int
}

// PutStockCount adds or replaces a stocktaking bill (by IoID; 0 assigns
// one); a zero Modified becomes the fake's now. It returns the IoID.
func (s *Server) PutStockCount(b jushuitan.StockCount) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.putCountLocked(b)
}

func (s *Server) putCountLocked(b jushuitan.StockCount) int64 {
	if b.IoID == 0 {
		b.IoID = duijie.Int64(s.nextIoID)
		s.nextIoID++
	}
	if b.Modified.IsZero() {
		b.Modified = duijie.NewTime(s.now())
	}
	s.counts[int64(b.IoID)] = &b
	return int64(b.IoID)
}

// StockCountUploads returns the stocktaking uploads kept, in first-upload order.
func (s *Server) StockCountUploads() []StoredStockCount {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.countUploads.List()
}

// queryStockCounts serves /open/inventory/count/query: a modified range of
// at most seven days or io_ids; bills in io_id order.
func (s *Server) queryStockCounts(q map[string]any) answer {
	idx, size, bad := pageArgs(q, 30, maxCountPage)
	if bad != nil {
		return *bad
	}
	from, to, timed, bad := window(q)
	if bad != nil {
		return *bad
	}
	ids := commaList(q, "io_ids")
	if len(ids) > maxCountIoIDs {
		return fail(140, "参数不符合规范: io_ids 最多50个")
	}
	if !timed && len(ids) == 0 {
		return fail(140, "参数不符合规范: 时间条件与盘点单号不能同时为空")
	}
	idSet := map[string]bool{}
	for _, id := range ids {
		idSet[id] = true
	}
	status := str(q, "status")
	var rows []jushuitan.StockCount
	for _, b := range s.counts {
		switch {
		case len(idSet) > 0 && !idSet[b.IoID.String()], status != "" && b.Status != status,
			timed && !within(b.Modified.Time, from, to):
			continue
		}
		rows = append(rows, *b)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].IoID < rows[j].IoID })
	return listAnswer(q, rows, idx, size, "datas")
}

// uploadStockCount serves /open/jushuitan/inventoryv2/upload: the first
// successful upload of a so_id makes a stocktaking bill, readable through
// the stocktaking query, and, when is_confirm is true, changes the stock
// the inventory query serves (check sets each SKU's qty, adjust adds to
// it). A later upload of the same so_id changes nothing: it is answered
// with the first result (the notes say the first success stands and do
// not give the answer to a repeat; answering it as the first is what lets
// a resend after an unclear outcome settle) and counted by Repeats.
func (s *Server) uploadStockCount(biz []byte) answer {
	m, valid := decodeObject(biz)
	if !valid {
		return fail(140, "参数传递错误: biz 须为JSON对象")
	}
	soID, typ := str(m, "so_id"), str(m, "type")
	items, _ := m["items"].([]any)
	switch {
	case soID == "":
		return fail(140, badParam+"so_id 不能为空")
	case typ != "" && typ != "check" && typ != "adjust":
		return fail(140, badParam+"type 须为check或adjust")
	case len(items) == 0:
		return fail(140, badParam+"items 不能为空")
	case len(items) > maxCountItems:
		return fail(140, fmt.Sprintf("%sitems 最大%d", badParam, maxCountItems))
	}
	if typ == "" {
		typ = "adjust"
	}
	type line struct {
		sku string
		qty int64
	}
	lines := make([]line, 0, len(items))
	for i, x := range items {
		it, _ := x.(map[string]any)
		qty, present, err := num(it, "qty")
		if str(it, "sku_id") == "" || !present || err != nil || (typ == "check" && qty < 0) {
			return fail(140, fmt.Sprintf("%sitems[%d] 商品编码和数量不能为空", badParam, i))
		}
		if typ == "adjust" && len(strList(it, "sku_sns")) > 0 {
			return fail(140, badParam+"增量盘点不支持传唯一码")
		}
		lines = append(lines, line{str(it, "sku_id"), qty})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, known := s.countUploads.Get(soID); known {
		st.Sends++
		s.countUploads.Put(soID, st)
		s.repeat(pathCountUpload)
		return ok(map[string]any{"data": map[string]any{"so_id": soID, "io_id": st.IoID}})
	}
	confirm, _ := flag(m, "is_confirm")
	bill := jushuitan.StockCount{Type: "盘点", Status: "WaitConfirm", Remark: str(m, "remark"), IoDate: duijie.NewTime(s.now()), WhID: 1}
	if confirm {
		bill.Status = "Confirmed"
	}
	if wh, err := strconv.Atoi(str(m, "warehouse")); err == nil {
		bill.WhID = duijie.Int64(wh)
	}
	if wms, present, _ := num(m, "wms_co_id"); present {
		bill.WmsCoID = duijie.Int64(wms)
	}
	for _, l := range lines {
		var old duijie.Amount
		if it, ok := s.inventory[l.sku]; ok {
			old = it.Qty
		}
		after := duijie.AmountFromInt(l.qty)
		if typ == "adjust" {
			after = old.Add(after)
		}
		bill.Items = append(bill.Items, jushuitan.StockCountItem{SKUID: l.sku, RQty: after, Qty: after.Sub(old)})
		if confirm {
			it := jushuitan.InventoryItem{SKUID: l.sku}
			if cur, ok := s.inventory[l.sku]; ok {
				it = *cur
			}
			it.Qty = after
			s.rowVersion++
			it.TS, it.Modified = duijie.Int64(s.rowVersion), duijie.NewTime(s.now())
			s.inventory[l.sku] = &it
		}
	}
	id := s.putCountLocked(bill)
	s.countUploads.Put(soID, StoredStockCount{SoID: soID, IoID: id, Sends: 1})
	return ok(map[string]any{"data": map[string]any{"so_id": soID, "io_id": id}})
}
