package jushuitantest

import (
	"sort"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
)

// maxPurchasePage is the most purchase orders a page of
// /open/purchase/query (jst-java JstQueryPurchaseRequest: 最大不超过50).
const maxPurchasePage = 50

// StoredPurchase is an uploaded purchase order as the fake keeps it.
type StoredPurchase struct {
	// ExternalID is the order's external number, its key here.
	ExternalID string
	// PoID is the purchase order number the fake assigned.
	PoID int64
	// Uploads counts the uploads of the external_id: 1 plus the repeats.
	Uploads int
	// Edits counts the repeats that updated the order (is_edit true).
	Edits int
	// Raw is the order as last stored.
	Raw map[string]any
}

// Purchases returns every uploaded purchase order, in first-upload order.
func (s *Server) Purchases() []StoredPurchase {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.purchases.List()
}

// uploadPurchase serves /open/jushuitan/purchase/upload: one order, kept
// by external_id. An upload of a known external_id updates the order when
// is_edit is true (是否更新单据, true才会更新) and otherwise changes nothing;
// either way it is answered with the order's po_id and counted by
// Repeats. The notes only infer external_id to be the key (breadth.md
// §4.2); keeping one order per external_id is the fake's choice, so that a
// test sees a resend instead of a silent second order. The client never
// resends this write.
func (s *Server) uploadPurchase(biz []byte) answer {
	m, valid := decodeObject(biz)
	if !valid {
		return fail(140, "参数传递错误: biz 须为JSON对象")
	}
	ext := str(m, "external_id")
	items, _ := m["items"].([]any)
	switch {
	case ext == "":
		return fail(140, badParam+"external_id 不能为空")
	case len(items) == 0:
		return fail(140, badParam+"items 不能为空")
	}
	for _, x := range items {
		it, _ := x.(map[string]any)
		if _, okQty := positive(it, "qty"); str(it, "sku_id") == "" || !okQty {
			return fail(140, badParam+"items 商品编码不能为空，数量必须大于0")
		}
		if msg := scaleLimits(it, map[string]int{"price": 4}); msg != "" {
			return fail(140, msg)
		}
	}
	if v, present := m["remark"]; present && (v == nil || v == "") {
		return fail(140, badParam+"remark 不传时字段key也不要传")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, known := s.purchases.Get(ext); known {
		st.Uploads++
		if edit, _ := flag(m, "is_edit"); edit {
			st.Edits++
			st.Raw = m
		}
		s.purchases.Put(ext, st)
		s.repeat(pathPurchaseUpload)
		if edit, _ := flag(m, "is_edit"); edit {
			s.mirrorPurchase(st.PoID, m)
		}
		return ok(map[string]any{"data": map[string]any{"po_id": st.PoID, "external_id": ext}})
	}
	st := StoredPurchase{ExternalID: ext, PoID: s.nextPoID, Uploads: 1, Raw: m}
	s.nextPoID++
	s.purchases.Put(ext, st)
	s.mirrorPurchase(st.PoID, m)
	return ok(map[string]any{"data": map[string]any{"po_id": st.PoID, "external_id": ext}})
}

// PurchaseOrder returns the uploaded purchase order with external number ext.
func (s *Server) PurchaseOrder(ext string) (StoredPurchase, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.purchases.Get(ext)
}

// mirrorPurchase writes an uploaded order onto the purchase order the
// query serves: the keys sent overwrite, the external_id is its so_id, and
// is_confirm makes it Confirmed.
func (s *Server) mirrorPurchase(poID int64, m map[string]any) {
	p := jushuitan.Purchase{PoID: duijie.Int64(poID), Status: "WaitConfirm", ReceiveStatus: "Not_Received"}
	if cur, ok := s.purchaseBills[poID]; ok {
		p = *cur
	}
	mergeInto(&p, m, "items", "labels")
	p.SoID = str(m, "external_id")
	if confirm, _ := flag(m, "is_confirm"); confirm {
		p.Status = "Confirmed"
	}
	if l := joined(m, "labels"); l != "" {
		p.Labels = l
	}
	p.Items = p.Items[:0]
	items, _ := m["items"].([]any)
	for i, x := range items {
		it, _ := x.(map[string]any)
		var line jushuitan.PurchaseItem
		mergeInto(&line, it)
		line.PoID, line.PoiID = duijie.Int64(poID), duijie.Int64(poID*1000+int64(i)+1)
		if d := str(it, "plan_arrive_date"); d != "" {
			mergeInto(&line, map[string]any{"delivery_date": d})
		}
		p.Items = append(p.Items, line)
	}
	p.Modified = duijie.NewTime(s.now())
	s.purchaseBills[poID] = &p
}

// PutPurchase adds or replaces a purchase order for the purchase query
// (by PoID; 0 assigns one); a zero Modified becomes the fake's now. It
// returns the PoID.
func (s *Server) PutPurchase(p jushuitan.Purchase) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.PoID == 0 {
		p.PoID = duijie.Int64(s.nextPoID)
		s.nextPoID++
	}
	if p.Modified.IsZero() {
		p.Modified = duijie.NewTime(s.now())
	}
	s.purchaseBills[int64(p.PoID)] = &p
	return int64(p.PoID)
}

// queryPurchases serves /open/purchase/query: a modified range of at most
// seven days, so_ids (external numbers) or po_ids; orders in po_id order.
func (s *Server) queryPurchases(q map[string]any) answer {
	idx, size, bad := pageArgs(q, 30, maxPurchasePage)
	if bad != nil {
		return *bad
	}
	from, to, timed, bad := window(q)
	if bad != nil {
		return *bad
	}
	sets, bad := keySets(q, map[string]int{"so_ids": 0, "po_ids": 0})
	if bad != nil {
		return *bad
	}
	if !timed && sets["so_ids"] == nil && sets["po_ids"] == nil {
		return fail(140, "参数不符合规范: 时间条件与外部单号不能同时为空")
	}
	var rows []jushuitan.Purchase
	for _, p := range s.purchaseBills {
		switch {
		case !in(sets["so_ids"], p.SoID), !in(sets["po_ids"], p.PoID.String()), timed && !within(p.Modified.Time, from, to):
			continue
		}
		rows = append(rows, *p)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].PoID < rows[j].PoID })
	return listAnswer(q, rows, idx, size, "datas")
}
