package jushuitantest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
)

// num reads a number the vendor accepts as 1 or "1"; ok is false when the
// key is absent.
func num(q map[string]any, key string) (int64, bool, error) {
	v, present := q[key]
	if !present || v == nil {
		return 0, false, nil
	}
	switch v := v.(type) {
	case json.Number:
		n, err := strconv.ParseInt(string(v), 10, 64)
		return n, true, err
	case string:
		if v == "" {
			return 0, false, nil
		}
		n, err := strconv.ParseInt(v, 10, 64)
		return n, true, err
	case bool:
		return 0, false, fmt.Errorf("%s must be a number", key)
	}
	return 0, false, fmt.Errorf("%s must be a number", key)
}

func str(q map[string]any, key string) string {
	if v, ok := q[key].(string); ok {
		return v
	}
	return ""
}

func strList(q map[string]any, key string) []string {
	var out []string
	if arr, ok := q[key].([]any); ok {
		for _, v := range arr {
			out = append(out, fmt.Sprint(v))
		}
	}
	return out
}

func commaList(q map[string]any, key string) []string {
	s := str(q, key)
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// pageArgs reads page_index and page_size with the vendor's default and maximum.
func pageArgs(q map[string]any, def, max int) (int, int, *answer) {
	idx, _, err := num(q, "page_index")
	if err != nil || idx < 0 {
		a := fail(140, "参数不符合规范: page_index")
		return 0, 0, &a
	}
	size, _, err := num(q, "page_size")
	if err != nil || size < 0 {
		a := fail(140, "参数不符合规范: page_size")
		return 0, 0, &a
	}
	if idx == 0 {
		idx = 1
	}
	if size == 0 {
		size = int64(def)
	}
	if max > 0 && size > int64(max) {
		a := fail(140, fmt.Sprintf("参数不符合规范: page_size 最大%d", max))
		return 0, 0, &a
	}
	return int(idx), int(size), nil
}

// window reads modified_begin and modified_end: both or neither, at most 7 days.
func window(q map[string]any) (from, to time.Time, set bool, bad *answer) {
	return spanOf(q, "modified_begin", "modified_end", maxSpan)
}

// spanOf reads a begin and end key pair: both or neither, end not before
// begin, at most max apart.
func spanOf(q map[string]any, beginKey, endKey string, max time.Duration) (from, to time.Time, set bool, bad *answer) {
	b, e := str(q, beginKey), str(q, endKey)
	if b == "" && e == "" {
		return time.Time{}, time.Time{}, false, nil
	}
	fb, err1 := time.ParseInLocation(duijie.LayoutDateTime, b, duijie.CST())
	fe, err2 := time.ParseInLocation(duijie.LayoutDateTime, e, duijie.CST())
	switch {
	case b == "" || e == "":
		a := fail(140, "参数不符合规范: "+beginKey+" 和 "+endKey+" 必须同时存在")
		return from, to, false, &a
	case err1 != nil || err2 != nil || fe.Before(fb):
		a := fail(140, "参数不符合规范: 时间格式错误")
		return from, to, false, &a
	case fe.Sub(fb) > max:
		a := fail(140, "参数不符合规范: 时间间隔不能超过"+spanText(max))
		return from, to, false, &a
	}
	return fb, fe, true, nil
}

func within(t, from, to time.Time) bool { return !t.Before(from) && !t.After(to) }

// cut returns page idx of rows and whether more follow.
func cut[T any](rows []T, idx, size int) ([]T, bool) {
	start := (idx - 1) * size
	if start >= len(rows) {
		return []T{}, false
	}
	end := min(start+size, len(rows))
	return rows[start:end], end < len(rows)
}

func (s *Server) queryInventory(q map[string]any) answer {
	idx, size, bad := pageArgs(q, 30, maxInventoryPage)
	if bad != nil {
		return *bad
	}
	from, to, timed, bad := window(q)
	if bad != nil {
		return *bad
	}
	skus, names, iids := commaList(q, "sku_ids"), commaList(q, "names"), commaList(q, "i_ids")
	ts, hasTS, err := num(q, "ts")
	if err != nil {
		return fail(140, "参数不符合规范: ts")
	}
	if len(skus) > 100 || len(names) > 100 {
		return fail(140, "参数不符合规范: 最大不超过100个")
	}
	if !timed && !hasTS && len(skus) == 0 && len(names) == 0 && len(iids) == 0 {
		return fail(140, "参数不符合规范: sku_ids与修改时间不能同时为空")
	}
	in := func(list []string, v string) bool {
		if len(list) == 0 {
			return true
		}
		for _, x := range list {
			if x == v {
				return true
			}
		}
		return false
	}
	var rows []jushuitan.InventoryItem
	for _, it := range s.inventory {
		if !in(skus, it.SKUID) || !in(names, it.Name) || !in(iids, it.ItemID) || (hasTS && int64(it.TS) < ts) ||
			(timed && !within(it.Modified.Time, from, to)) {
			continue
		}
		rows = append(rows, *it)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].TS < rows[j].TS })
	page, more := cut(rows, idx, size)
	return ok(map[string]any{"page_index": idx, "page_size": size, "has_next": more, "inventorys": page})
}

func (s *Server) queryOrders(q map[string]any, max int) answer {
	idx, size, bad := pageArgs(q, 30, max)
	if bad != nil {
		return *bad
	}
	from, to, timed, bad := window(q)
	if bad != nil {
		return *bad
	}
	soIDs := strList(q, "so_ids")
	oids := strList(q, "o_ids")
	if len(soIDs) > 20 {
		return fail(140, "参数不符合规范: so_ids 最大限制20条")
	}
	startTS, hasTS, err := num(q, "start_ts")
	if err != nil {
		return fail(140, "参数不符合规范: start_ts")
	}
	if !timed && !hasTS && len(soIDs) == 0 && len(oids) == 0 {
		return fail(140, "参数不符合规范: 线上单号与时间条件，内部单号不能同时为空")
	}
	shopID, _, _ := num(q, "shop_id")
	dateType, _, _ := num(q, "date_type")
	status := str(q, "status")
	set := func(list []string) map[string]bool {
		m := map[string]bool{}
		for _, v := range list {
			m[v] = true
		}
		return m
	}
	soSet, oSet := set(soIDs), set(oids)
	var rows []jushuitan.Order
	for _, o := range s.orders {
		stamp := o.Modified.Time
		switch dateType {
		case 2:
			stamp = o.OrderDate.Time
		case 3:
			stamp = o.SendDate.Time
		}
		switch {
		case len(soSet) > 0 && !soSet[o.SoID],
			len(oSet) > 0 && !oSet[o.OID.String()],
			shopID != 0 && int64(o.ShopID) != shopID,
			status != "" && o.Status != status,
			hasTS && int64(o.TS) < startTS,
			timed && !within(stamp, from, to):
			continue
		}
		rows = append(rows, *o)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].TS < rows[j].TS })
	page, more := cut(rows, idx, size)
	data := map[string]any{"page_index": idx, "page_size": size, "has_next": more, "orders": page}
	if total, _ := q["is_get_total"].(bool); total || q["is_get_total"] == nil {
		data["data_count"] = len(rows)
		data["page_count"] = (len(rows) + size - 1) / size
	}
	return ok(data)
}

func (s *Server) queryShipments(q map[string]any) answer {
	idx, size, bad := pageArgs(q, 30, maxLogisticPage)
	if bad != nil {
		return *bad
	}
	from, to, timed, bad := window(q)
	if bad != nil {
		return *bad
	}
	soIDs := strList(q, "so_ids")
	if len(soIDs) > 20 {
		return fail(140, "参数不符合规范: so_ids 最大20个")
	}
	if !timed && len(soIDs) == 0 {
		return fail(140, "参数不符合规范: 时间条件与线上单号不能同时为空")
	}
	shopID, _, _ := num(q, "shop_id")
	// date_type: 0 修改时间, 1 制单日期, 2 订单日期, 3 发货时间; absent means
	// the send date, the vendor's default.
	dateType, hasType, err := num(q, "date_type")
	if err != nil || (hasType && (dateType < 0 || dateType > 3)) {
		return fail(140, "参数不符合规范: date_type")
	}
	if !hasType {
		dateType = 3
	}
	var rows []jushuitan.Shipment
	for _, r := range s.shipments {
		sh := r.sh
		// With so_ids the vendor ignores every filter but time.
		if len(soIDs) > 0 && !slices.Contains(soIDs, sh.SoID) {
			continue
		}
		if len(soIDs) == 0 && shopID != 0 && int64(sh.ShopID) != shopID {
			continue
		}
		stamp := sh.SendDate.Time
		switch dateType {
		case 0:
			stamp = r.modified
		case 1:
			stamp = r.created
		case 2:
			stamp = r.orderDay
		}
		if timed && !within(stamp, from, to) {
			continue
		}
		rows = append(rows, sh)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].SendDate.Before(rows[j].SendDate.Time) })
	page, more := cut(rows, idx, size)
	return ok(map[string]any{"page_index": idx, "page_size": size, "has_next": more, "data_count": len(rows),
		"page_count": (len(rows) + size - 1) / size, "orders": page})
}

// queryShops answers a page of shops. openapi v2 puts them under datas; the
// legacy API's list key is documented as shops (tusimo reads shops.query's
// shops) and inferred to equal the new datas, so legacy answers use the two
// in turn, shops first.
func (s *Server) queryShops(q map[string]any, legacy bool) answer {
	idx, size, bad := pageArgs(q, 100, maxShopPage)
	if bad != nil {
		return *bad
	}
	ids, nicks := strList(q, "shop_ids"), strList(q, "nicks")
	var rows []jushuitan.Shop
	for _, sh := range s.shops {
		keep := len(ids) == 0 && len(nicks) == 0
		for _, id := range ids {
			keep = keep || id == sh.ShopID.String()
		}
		for _, n := range nicks {
			keep = keep || n == sh.Nick
		}
		if keep {
			rows = append(rows, sh)
		}
	}
	page, more := cut(rows, idx, size)
	key := "datas"
	if legacy {
		if s.legacyShopAnswers%2 == 0 {
			key = "shops"
		}
		s.legacyShopAnswers++
	}
	return ok(map[string]any{"page_index": idx, "page_size": size, "has_next": more, key: page})
}

func (s *Server) queryWarehouses(q map[string]any) answer {
	idx, size, bad := pageArgs(q, 30, 0)
	if bad != nil {
		return *bad
	}
	page, more := cut(s.warehouses, idx, size)
	return ok(map[string]any{"page_index": idx, "page_size": size, "has_next": more, "data_count": len(s.warehouses),
		"page_count": (len(s.warehouses) + size - 1) / size, "datas": page})
}

// upload stores each order by (shop_id, so_id) and answers row by row.
func (s *Server) upload(biz []byte) answer {
	dec := json.NewDecoder(bytes.NewReader(biz))
	dec.UseNumber()
	var list []map[string]any
	if err := dec.Decode(&list); err != nil {
		return fail(140, "参数传递错误: biz 须为订单数组")
	}
	if len(list) == 0 || len(list) > maxUploadOrders {
		return fail(140, fmt.Sprintf("参数不符合规范: 每次最多上传%d个订单", maxUploadOrders))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rows := make([]map[string]any, 0, len(list))
	for _, o := range list {
		shopID, _, _ := num(o, "shop_id")
		soID := str(o, "so_id")
		row := map[string]any{"so_id": soID, "o_id": "", "issuccess": false}
		msg := s.rowProblem(o, shopID, soID)
		if msg == "" {
			row["o_id"], row["issuccess"], row["msg"] = s.store(o, shopID, soID), true, ""
		} else {
			row["msg"] = msg
		}
		if s.omitRows[soID] {
			continue
		}
		rows = append(rows, row)
	}
	return ok(map[string]any{"datas": rows})
}

func (s *Server) rowProblem(o map[string]any, shopID int64, soID string) string {
	if m, forced := s.failUploads[soID]; forced {
		return m
	}
	known := false
	for _, sh := range s.shops {
		known = known || int64(sh.ShopID) == shopID
	}
	switch {
	case !known:
		return "店铺编号不存在"
	case soID == "":
		return badParam + "so_id 不能为空"
	case str(o, "order_date") == "":
		return badParam + "order_date 不能为空"
	case str(o, "shop_status") == "":
		return badParam + "shop_status 不能为空"
	}
	if items, _ := o["items"].([]any); len(items) == 0 {
		return badParam + "items 不能为空"
	}
	for _, k := range []string{"receiver_state", "receiver_city", "receiver_district"} {
		if v, present := o[k]; present && (v == nil || v == "") {
			return badParam + k + " 不能传空值"
		}
	}
	if inv, _ := o["invoice"].(map[string]any); inv != nil {
		for _, k := range []string{"user_name", "user_phone", "user_address"} {
			if _, present := inv[k]; present {
				return badParam + "invoice 字段名错误: " + k
			}
		}
	}
	if msg := limitProblem(o); msg != "" {
		return msg
	}
	return ""
}

// store keeps the upload and mirrors it as an ERP order; it returns o_id.
func (s *Server) store(o map[string]any, shopID int64, soID string) int64 {
	k := uploadKey(shopID, soID)
	st, exists := s.uploads.Get(k)
	if !exists {
		st = StoredOrder{ShopID: shopID, SoID: soID, OID: s.nextOID}
		s.nextOID++
	}
	st.Uploads++
	st.Raw = o
	s.uploads.Put(k, st)
	b, _ := json.Marshal(o)
	var erp jushuitan.Order
	_ = json.Unmarshal(b, &erp)
	erp.OID, erp.ShopID, erp.SoID, erp.Modified = duijie.Int64(st.OID), duijie.Int64(shopID), soID, duijie.Time{}
	erp.Status = erpStatus(str(o, "shop_status"))
	erp.ShopStatus = str(o, "shop_status")
	s.putOrderLocked(erp)
	return st.OID
}

func erpStatus(shopStatus string) string {
	switch shopStatus {
	case "WAIT_BUYER_PAY":
		return "WaitPay"
	case "WAIT_SELLER_SEND_GOODS":
		return "WaitConfirm"
	case "TRADE_CLOSED", "TRADE_CLOSED_BY_TAOBAO":
		return "Cancelled"
	}
	return "Sent"
}
