package jushuitantest

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
		return ok(map[string]any{"data": map[string]any{"po_id": st.PoID, "external_id": ext}})
	}
	st := StoredPurchase{ExternalID: ext, PoID: s.nextPoID, Uploads: 1, Raw: m}
	s.nextPoID++
	s.purchases.Put(ext, st)
	return ok(map[string]any{"data": map[string]any{"po_id": st.PoID, "external_id": ext}})
}

// PurchaseOrder returns the uploaded purchase order with external number ext.
func (s *Server) PurchaseOrder(ext string) (StoredPurchase, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.purchases.Get(ext)
}
