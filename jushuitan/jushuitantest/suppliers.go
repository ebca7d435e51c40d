package jushuitantest

import (
	"sort"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
)

// The caps of /open/supplier/query, from jst-java's
// JstQuerySupplierRequest Javadoc: 500 suppliers a page, supplier_ids and
// names at most 50, and without ids, names or codes a modified range of
// at most one day, which is then required.
const (
	maxSupplierPage = 500
	maxSupplierKeys = 50
	supplierSpan    = 24 * time.Hour
)

// PutSupplier adds or replaces a supplier by SupplierCode (a zero
// SupplierID is assigned); a zero Modified becomes the fake's now.
func (s *Server) PutSupplier(sp jushuitan.Supplier) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.putSupplierLocked(sp)
}

func (s *Server) putSupplierLocked(sp jushuitan.Supplier) int64 {
	if sp.SupplierID == 0 {
		s.nextSupplierID++
		sp.SupplierID = duijie.Int64(s.nextSupplierID)
	}
	if sp.Modified.IsZero() {
		sp.Modified = duijie.NewTime(s.now())
	}
	s.suppliers[sp.SupplierCode] = &sp
	return int64(sp.SupplierID)
}

// Suppliers returns every supplier, uploaded or put, in supplier_id order.
func (s *Server) Suppliers() []jushuitan.Supplier {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]jushuitan.Supplier, 0, len(s.suppliers))
	for _, sp := range s.suppliers {
		out = append(out, *sp)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SupplierID < out[j].SupplierID })
	return out
}

// querySuppliers serves /open/supplier/query.
func (s *Server) querySuppliers(q map[string]any) answer {
	idx, size, bad := pageArgs(q, 30, maxSupplierPage)
	if bad != nil {
		return *bad
	}
	sets, bad := keySets(q, map[string]int{"supplier_codes": 0, "supplier_ids": maxSupplierKeys, "names": maxSupplierKeys})
	if bad != nil {
		return *bad
	}
	keyed := sets["supplier_codes"] != nil || sets["supplier_ids"] != nil || sets["names"] != nil
	span := maxSpan
	if !keyed {
		span = supplierSpan
	}
	from, to, timed, bad := spanOf(q, "modified_begin", "modified_end", span)
	if bad != nil {
		return *bad
	}
	if !keyed && !timed {
		return fail(140, "参数不符合规范: 供应商编码、名称同时为空时，修改时间必填")
	}
	var rows []jushuitan.Supplier
	for _, sp := range s.suppliers {
		switch {
		case !in(sets["supplier_codes"], sp.SupplierCode), !in(sets["supplier_ids"], sp.SupplierID.String()), !in(sets["names"], sp.Name),
			timed && !within(sp.Modified.Time, from, to):
			continue
		}
		rows = append(rows, *sp)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].SupplierID < rows[j].SupplierID })
	return listAnswer(q, rows, idx, size, "datas")
}

// uploadSuppliers serves /open/supplier/upload (biz an array): every
// supplier is stored by supplier_code, a known one updated with the keys
// it carries (the vendor marks the fields 可更新; the notes infer
// supplier_code as the key), counted by Repeats. A supplier without
// supplier_code gets a new record each time, as the fake cannot tell it
// from another. Every supplier gets a row {id, issuccess, name,
// supplier_code}; a refused one also carries msg.
func (s *Server) uploadSuppliers(biz []byte) answer {
	list, valid := decodeArray(biz)
	if !valid || len(list) == 0 {
		return fail(140, "参数传递错误: biz 须为供应商数组")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rows := make([]map[string]any, 0, len(list))
	for _, m := range list {
		code, name := str(m, "supplier_code"), str(m, "name")
		row := map[string]any{"supplier_code": code, "name": name, "issuccess": false, "id": 0}
		if forced, fails := s.failUploads[code]; fails && code != "" {
			row["msg"] = forced
			rows = append(rows, row)
			continue
		}
		cur, known := s.suppliers[code]
		if name == "" && !known {
			row["msg"] = badParam + "name 不能为空"
			rows = append(rows, row)
			continue
		}
		sp := jushuitan.Supplier{SupplierCode: code, Enabled: true}
		if known && code != "" {
			sp = *cur
			s.repeat(pathSupplierUpload)
		}
		mergeInto(&sp, m)
		if code == "" {
			s.nextSupplierID++
			sp.SupplierCode = "#" + duijie.Int64(s.nextSupplierID).String()
		}
		sp.Modified = duijie.Time{}
		row["id"], row["issuccess"] = s.putSupplierLocked(sp), true
		if !s.omitRows[code] {
			rows = append(rows, row)
		}
	}
	return ok(map[string]any{"datas": rows})
}
