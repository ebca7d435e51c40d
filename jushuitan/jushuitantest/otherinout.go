package jushuitantest

import (
	"sort"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
)

// The caps of /open/other/inout/query, from jst-java's
// JstQueryOtherInOutRequest Javadoc: 50 bills a page, so_ids and io_ids at
// most 50 each.
const (
	maxOtherPage = 50
	maxOtherKeys = 50
)

// PutOtherInOut adds or replaces an other in/out bill (by IoID; 0 assigns
// one) with a new ts; a zero Modified becomes the fake's now. It returns
// the IoID.
func (s *Server) PutOtherInOut(b jushuitan.OtherInOut) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.putOtherLocked(b)
}

func (s *Server) putOtherLocked(b jushuitan.OtherInOut) int64 {
	if b.IoID == 0 {
		b.IoID = duijie.Int64(s.nextIoID)
		s.nextIoID++
	}
	s.stamp(&b.TS, &b.Modified)
	s.others[int64(b.IoID)] = &b
	return int64(b.IoID)
}

// OtherInOuts returns every other in/out bill, uploaded or put, in io_id order.
func (s *Server) OtherInOuts() []jushuitan.OtherInOut {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]jushuitan.OtherInOut, 0, len(s.others))
	for _, b := range s.others {
		out = append(out, *b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].IoID < out[j].IoID })
	return out
}

// queryOtherInOuts serves /open/other/inout/query: a range (modified, or
// io_date with date_type 2) of at most seven days, so_ids or io_ids, or
// start_ts with paging only; bills past start_ts in ts order.
func (s *Server) queryOtherInOuts(q map[string]any) answer {
	idx, size, bad := pageArgs(q, 30, maxOtherPage)
	if bad != nil {
		return *bad
	}
	from, to, timed, bad := window(q)
	if bad != nil {
		return *bad
	}
	sets, bad := keySets(q, map[string]int{"so_ids": maxOtherKeys, "io_ids": maxOtherKeys, "types": 0})
	if bad != nil {
		return *bad
	}
	startTS, hasTS, bad := cursor(q, "start_ts")
	if bad != nil {
		return *bad
	}
	wms, _, _ := num(q, "wms_co_id")
	status := str(q, "status")
	keyed := sets["so_ids"] != nil || sets["io_ids"] != nil
	switch {
	case hasTS && (timed || keyed || sets["types"] != nil || status != "" || wms != 0):
		return fail(140, "参数不符合规范: 使用start_ts查询只需要跟分页条件共用，其它条件都不传")
	case !timed && !hasTS && !keyed:
		return fail(140, "参数不符合规范: 时间条件与线上单号不能同时为空")
	}
	dateType, _, err := num(q, "date_type")
	if err != nil || (dateType != 0 && dateType != 2) {
		return fail(140, "参数不符合规范: date_type")
	}
	var rows []jushuitan.OtherInOut
	for _, b := range s.others {
		stamp := b.Modified.Time
		if dateType == 2 {
			stamp = b.IoDate.Time
		}
		switch {
		case !in(sets["so_ids"], b.SoID), !in(sets["io_ids"], b.IoID.String()), !in(sets["types"], b.Type),
			status != "" && b.Status != status, wms != 0 && int64(b.WmsCoID) != wms,
			hasTS && int64(b.TS) <= startTS,
			timed && !within(stamp, from, to):
			continue
		}
		rows = append(rows, *b)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].TS < rows[j].TS })
	return listAnswer(q, rows, idx, size, "datas")
}

// uploadOtherInOut serves /open/jushuitan/otherinout/upload: one bill,
// kept by its external_id, readable through the other in/out query with
// the external_id as so_id. type in makes a 其它退货 bill and out a 其它出库
// one (jst-java's note on type); is_confirm true makes it Confirmed.
//
// The notes only infer external_id to be the bill's key (breadth.md
// §4.2). The fake keeps one bill per external_id and answers a second
// upload of a known external_id with the bill it has, counted by Repeats:
// a resend never makes a second bill here, and a test sees whether one was
// made. The client does not rely on it: it never resends this write.
func (s *Server) uploadOtherInOut(biz []byte) answer {
	m, valid := decodeObject(biz)
	if !valid {
		return fail(140, "参数传递错误: biz 须为JSON对象")
	}
	ext, typ := str(m, "external_id"), str(m, "type")
	items, _ := m["items"].([]any)
	switch {
	case ext == "":
		return fail(140, badParam+"external_id 不能为空")
	case typ != "in" && typ != "out":
		return fail(140, badParam+"type 须为in或out")
	case len(items) == 0:
		return fail(140, badParam+"items 不能为空")
	}
	if v, present := m["remark"]; present && (v == nil || v == "") {
		return fail(140, badParam+"remark 不能传空值")
	}
	lines := make([]jushuitan.OtherInOutItem, 0, len(items))
	for _, x := range items {
		it, _ := x.(map[string]any)
		qty, okQty := positive(it, "qty")
		if str(it, "sku_id") == "" || !okQty {
			return fail(140, badParam+"items 商品编码不能为空，数量必须大于0")
		}
		lines = append(lines, jushuitan.OtherInOutItem{SKUID: str(it, "sku_id"), Qty: duijie.AmountFromInt(qty),
			SalePrice: amountOf(it, "sale_price"), Remark: str(it, "remark"), BatchID: str(it, "batch_id")})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if have, known := s.otherByExt[ext]; known {
		s.repeat(pathOtherUpload)
		return ok(map[string]any{"data": map[string]any{"external_id": ext, "io_id": have}})
	}
	b := jushuitan.OtherInOut{SoID: ext, Type: "其它出库", Status: "WaitConfirm", Remark: str(m, "remark"),
		ReceiverName: str(m, "receiver_name"), ReceiverMobile: str(m, "receiver_mobile"), ReceiverState: str(m, "receiver_state"),
		ReceiverCity: str(m, "receiver_city"), ReceiverDistrict: str(m, "receiver_district"), ReceiverAddress: str(m, "receiver_address"),
		Labels: joined(m, "labels"), LcID: str(m, "lc_id"), LID: str(m, "l_id"), LogisticsCompany: str(m, "logistics_company"),
		DropCoName: str(m, "drp_co_name"), Items: lines, WhID: 1, IoDate: duijie.NewTime(s.now()), Created: duijie.NewTime(s.now())}
	if typ == "in" {
		b.Type = "其它退货"
	}
	if confirm, _ := flag(m, "is_confirm"); confirm {
		b.Status = "Confirmed"
	}
	if wh, present, _ := num(m, "warehouse"); present {
		b.WhID = duijie.Int64(wh)
	}
	if wms, present, _ := num(m, "wms_co_id"); present {
		b.WmsCoID = duijie.Int64(wms)
	}
	id := s.putOtherLocked(b)
	s.otherByExt[ext] = id
	return ok(map[string]any{"data": map[string]any{"external_id": ext, "io_id": id}})
}
