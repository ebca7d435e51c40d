package jushuitantest

import (
	"sort"
	"strings"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
)

// The caps of /open/sku/query, from jst-java's JstQuerySkuRequest Javadoc:
// 50 SKUs a page, sku_ids at most 20.
const (
	maxSKUPage = 50
	maxSKUIDs  = 20
)

// PutSKU adds or replaces a goods record by SKUID; a zero Modified becomes
// the fake's now, a zero Created too, and a zero AutoID is assigned.
func (s *Server) PutSKU(k jushuitan.SKU) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.putSKULocked(k)
}

func (s *Server) putSKULocked(k jushuitan.SKU) {
	if k.AutoID == 0 {
		s.nextAutoID++
		k.AutoID = duijie.Int64(s.nextAutoID)
	}
	now := duijie.NewTime(s.now())
	if k.Modified.IsZero() {
		k.Modified = now
	}
	if k.Created.IsZero() {
		k.Created = now
	}
	s.skus[k.SKUID] = &k
}

// SKU returns the goods record skuID, uploaded or put.
func (s *Server) SKU(skuID string) (jushuitan.SKU, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.skus[skuID]
	if !ok {
		return jushuitan.SKU{}, false
	}
	return *k, true
}

// SKUs returns every goods record, in sku_id order.
func (s *Server) SKUs() []jushuitan.SKU {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]jushuitan.SKU, 0, len(s.skus))
	for _, k := range s.skus {
		out = append(out, *k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SKUID < out[j].SKUID })
	return out
}

// querySKUs serves /open/sku/query: a range of at most seven days on
// modified (or created, date_field), sku_ids (comma-joined, at most 20), a
// name (exactly_name exact, name by part) or sku_codes; SKUs in autoid
// order.
func (s *Server) querySKUs(q map[string]any) answer {
	idx, size, bad := pageArgs(q, 30, maxSKUPage)
	if bad != nil {
		return *bad
	}
	from, to, timed, bad := window(q)
	if bad != nil {
		return *bad
	}
	ids, codes := commaList(q, "sku_ids"), commaList(q, "sku_codes")
	if len(ids) > maxSKUIDs {
		return fail(140, "参数不符合规范: sku_ids 最多20个")
	}
	exact, part := str(q, "exactly_name"), str(q, "name")
	if !timed && len(ids) == 0 && exact == "" && part == "" && len(codes) == 0 {
		return fail(140, "参数不符合规范: 商品编码与修改时间不能同时为空")
	}
	field := str(q, "date_field")
	if field != "" && field != "modified" && field != "created" {
		return fail(140, "参数不符合规范: date_field")
	}
	idSet, codeSet := map[string]bool{}, map[string]bool{}
	for _, id := range ids {
		idSet[id] = true
	}
	for _, c := range codes {
		codeSet[c] = true
	}
	iids, bad := keys(q, "i_ids", 0)
	if bad != nil {
		return *bad
	}
	hasCode := func(k *jushuitan.SKU) bool {
		for _, c := range strings.Split(k.SKUCodes, ",") {
			if codeSet[c] {
				return true
			}
		}
		return false
	}
	var rows []jushuitan.SKU
	for _, k := range s.skus {
		stamp := k.Modified.Time
		if field == "created" {
			stamp = k.Created.Time
		}
		switch {
		case len(idSet) > 0 && !idSet[k.SKUID], len(codeSet) > 0 && !hasCode(k), !in(iids, k.IID),
			exact != "" && k.Name != exact, part != "" && !strings.Contains(k.Name, part),
			timed && !within(stamp, from, to):
			continue
		}
		rows = append(rows, *k)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].AutoID < rows[j].AutoID })
	return listAnswer(q, rows, idx, size, "datas")
}

// uploadSKUs serves /open/jushuitan/itemsku/upload: every item is stored
// by sku_id, a known one updated with the keys it carries (the vendor
// marks the fields 可更新; the notes infer sku_id as the key), counted by
// Repeats. Every item gets a row {is_success, sku_id}; a refused one also
// carries msg, which jst-java's response class does not list.
func (s *Server) uploadSKUs(biz []byte) answer {
	m, valid := decodeObject(biz)
	if !valid {
		return fail(140, "参数传递错误: biz 须为JSON对象")
	}
	items, _ := m["items"].([]any)
	if len(items) == 0 {
		return fail(140, badParam+"items 不能为空")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rows := make([]map[string]any, 0, len(items))
	for _, x := range items {
		it, _ := x.(map[string]any)
		id := str(it, "sku_id")
		row := map[string]any{"sku_id": id, "is_success": false}
		if msg := s.skuProblem(it); msg != "" {
			row["msg"] = msg
			rows = append(rows, row)
			continue
		}
		if forced, fails := s.failUploads[id]; fails {
			row["msg"] = forced
			rows = append(rows, row)
			continue
		}
		k := jushuitan.SKU{SKUID: id, Enabled: 1}
		if cur, known := s.skus[id]; known {
			k = *cur
			s.repeat(pathSKUUpload)
		}
		mergeInto(&k, it, "labels", "stock_disabled", "batch_enabled", "deletedlabels")
		if _, present := it["s_price"]; present {
			k.SalePrice = amountOf(it, "s_price")
		}
		if _, present := it["c_price"]; present {
			k.CostPrice = amountOf(it, "c_price")
		}
		if c := str(it, "c_name"); c != "" {
			k.Category = c
		}
		if l := joined(it, "labels"); l != "" {
			k.Labels = l
		}
		if v, present := flag(it, "stock_disabled"); present {
			k.StockDisabled = 0
			if v {
				k.StockDisabled = 1
			}
		}
		k.Modified = duijie.Time{}
		s.putSKULocked(k)
		row["is_success"] = true
		if !s.omitRows[id] {
			rows = append(rows, row)
		}
	}
	return ok(map[string]any{"datas": rows})
}

// skuProblem says why an uploaded item is refused, or "".
func (s *Server) skuProblem(it map[string]any) string {
	if str(it, "sku_id") == "" {
		return badParam + "sku_id 不能为空"
	}
	if msg := textLimits(it, map[string]int{"properties_value": 100, "other_code": 500}); msg != "" {
		return msg
	}
	for _, k := range []string{"pic", "pic_big", "sku_pic"} {
		if len(str(it, k)) > 300 {
			return badParam + k + " 长度不能超过300"
		}
	}
	if _, present := it["item_type"]; present && !oneOf(str(it, "item_type"), []string{"成品", "半成品", "原材料", "包材"}) {
		return badParam + "item_type 须为成品、半成品、原材料或包材"
	}
	if n, present, err := num(it, "enabled"); err != nil || (present && (n < -1 || n > 1)) {
		return badParam + "enabled 须为-1、0或1"
	}
	return ""
}
