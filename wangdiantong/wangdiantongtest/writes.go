package wangdiantongtest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/duijie/duijie"
)

// quantity is a decimal(19,4) the ERP takes as a count.
var quantity = regexp.MustCompile(`^[0-9]{1,15}(\.[0-9]{1,4})?$`)

// decodeObject reads a JSON-text parameter into v with numbers as written.
func decodeObject(text string, v any) error {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	return dec.Decode(v)
}

// specGoodsLocked is the goods_no of an SKU the goods records hold, and
// whether one does. The caller holds s.mu.
func (s *Server) specGoodsLocked(specNo string) (string, bool) {
	for _, r := range s.tables[GoodsTable] {
		specs, _ := r.fields["spec_list"].([]any)
		for _, sp := range specs {
			if m, _ := sp.(map[string]any); fieldText(m["spec_no"]) == specNo {
				return fieldText(r.fields["goods_no"]), true
			}
		}
	}
	return "", false
}

// lineError is the ERP's refusal of a bill line: no SKU, an SKU the goods
// records do not hold, or a quantity that is not a positive decimal(19,4)
// (zero allowed where zeroOK).
func (s *Server) lineErrorLocked(spec, num string, zeroOK bool) string {
	switch {
	case spec == "":
		return "spec_no不能为空"
	case !quantity.MatchString(num):
		return "数量无效: " + spec
	case !zeroOK && strings.Trim(strings.ReplaceAll(num, ".", ""), "0") == "":
		return "数量必须大于0: " + spec
	}
	if _, ok := s.specGoodsLocked(spec); !ok {
		return "货品不存在: " + spec
	}
	return ""
}

// stockoutPush serves stockout_order_push: one bill (stockout_info) with
// outer_no (at most 40 characters) and warehouse_no required and lines
// (detail_list) whose SKUs the goods records hold; any fault refuses the
// bill (code 2830). The vendor documents outer_no as the number "to avoid
// pushing data twice" without saying how a repeat is answered; the fake
// answers a repeated outer_no as done and stores nothing, so a push that
// is sent again after a lost answer settles without a second bill. A new
// bill is stored in StockoutTable as stockout_order_query returns it:
// order_type 7 (其他出库), status 110 (已完成) with consign_time now when
// is_check=1, else 50 (待审核).
func (s *Server) stockoutPush(p map[string]string) answer {
	var info struct {
		OuterNo       any              `json:"outer_no"`
		WarehouseNo   any              `json:"warehouse_no"`
		IsCheck       any              `json:"is_check"`
		LogisticsCode any              `json:"logistics_code"`
		Remark        any              `json:"remark"`
		Details       []map[string]any `json:"detail_list"`
	}
	if err := decodeObject(p["stockout_info"], &info); err != nil {
		return answer{"code": 2830, "message": "stockout_info无效"}
	}
	outer, wh, check := fieldText(info.OuterNo), fieldText(info.WarehouseNo), fieldText(info.IsCheck)
	switch {
	case outer == "":
		return answer{"code": 2830, "message": "outer_no不能为空"}
	case utf8.RuneCountInString(outer) > 40:
		return answer{"code": 2830, "message": "outer_no超过40个字符"}
	case wh == "":
		return answer{"code": 2830, "message": "warehouse_no不能为空"}
	case check != "" && check != "0" && check != "1":
		return answer{"code": 2830, "message": "is_check参数值无效"}
	case len(info.Details) == 0:
		return answer{"code": 2830, "message": "detail_list不能为空"}
	}
	now := s.now().In(duijie.CST()).Truncate(time.Second)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.findLocked(StockoutTable, outer) >= 0 {
		return answer{"code": 0, "message": ""}
	}
	var lines []any
	for _, d := range info.Details {
		spec, num := fieldText(d["spec_no"]), fieldText(d["num"])
		if e := s.lineErrorLocked(spec, num, false); e != "" {
			return answer{"code": 2830, "message": e}
		}
		goodsNo, _ := s.specGoodsLocked(spec)
		lines = append(lines, map[string]any{"goods_no": goodsNo, "spec_no": spec, "goods_count": num})
	}
	s.seq++
	bill := map[string]any{"stockout_id": strconv.Itoa(s.seq), "order_no": fmt.Sprintf("QC%08d", s.seq), "outer_no": outer,
		"warehouse_no": wh, "order_type": "7", "status": "50", "remark": fieldText(info.Remark), "details_list": lines}
	if check == "1" {
		bill["status"], bill["consign_time"] = "110", now.Format(duijie.LayoutDateTime)
	}
	s.upsertLocked(StockoutTable, outer, bill, now)
	return answer{"code": 0, "message": ""}
}

// stockinPush serves stockin_order_push like stockoutPush: one bill
// (stockin_info) with outer_no and warehouse_no required and lines
// (goods_list) whose SKUs the goods records hold, or the bill is refused.
// A repeated outer_no is answered as done with the stored bill's
// stockin_no and stores nothing: the vendor notes only infer that outer_no
// is a key (so the client never relies on it), and this answer lets a
// caller who pushes a maybe-delivered bill again settle it. A new bill is
// stored in StockinTable as stockin_order_query returns it: order_type 6
// (其他入库), status 80 (已完成) when is_check=1, else 30 (待审核), and the
// answer carries its stockin_no.
func (s *Server) stockinPush(p map[string]string) answer {
	var info struct {
		OuterNo     any              `json:"outer_no"`
		WarehouseNo any              `json:"warehouse_no"`
		IsCheck     any              `json:"is_check"`
		Remark      any              `json:"remark"`
		Details     []map[string]any `json:"goods_list"`
	}
	if err := decodeObject(p["stockin_info"], &info); err != nil {
		return answer{"code": 2830, "message": "stockin_info无效"}
	}
	outer, wh, check := fieldText(info.OuterNo), fieldText(info.WarehouseNo), fieldText(info.IsCheck)
	switch {
	case outer == "":
		return answer{"code": 2830, "message": "outer_no不能为空"}
	case utf8.RuneCountInString(outer) > 40:
		return answer{"code": 2830, "message": "outer_no超过40个字符"}
	case wh == "":
		return answer{"code": 2830, "message": "warehouse_no不能为空"}
	case check != "" && check != "0" && check != "1":
		return answer{"code": 2830, "message": "is_check参数值无效"}
	case len(info.Details) == 0:
		return answer{"code": 2830, "message": "goods_list不能为空"}
	}
	now := s.now().In(duijie.CST()).Truncate(time.Second)
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := s.findLocked(StockinTable, outer); i >= 0 {
		return answer{"code": 0, "message": "", "stockin_no": fieldText(s.tables[StockinTable][i].fields["stockin_no"])}
	}
	var lines []any
	for _, d := range info.Details {
		spec, num := fieldText(d["spec_no"]), fieldText(d["stockin_num"])
		if e := s.lineErrorLocked(spec, num, false); e != "" {
			return answer{"code": 2830, "message": e}
		}
		lines = append(lines, map[string]any{"spec_no": spec, "goods_count": num, "cost_price": fieldText(d["stockin_price"])})
	}
	s.seq++
	no := fmt.Sprintf("QR%08d", s.seq)
	bill := map[string]any{"stockin_no": no, "outer_no": outer, "warehouse_no": wh, "order_type": "6", "status": "30",
		"remark": fieldText(info.Remark), "stockin_time": now.Format(duijie.LayoutDateTime), "details_list": lines}
	if check == "1" {
		bill["status"] = "80"
	}
	s.upsertLocked(StockinTable, outer, bill, now)
	return answer{"code": 0, "message": "", "stockin_no": no}
}

// stocktakeDuplicate is the vendor's answer to a second bill of the same
// api_outer_no (its Y edition's page for stock_sync_by_pd).
var stocktakeDuplicate = answer{"code": 21000006, "message": "外部单号重复，请保证外部单号[api_outer_no]的唯一性"}

// stocktake serves stock_sync_by_pd: api_outer_no (at most 40 characters)
// and warehouse_no required, 1..500 lines, a bill of an api_outer_no seen
// before refused with code 21000006 and nothing changed. Lines naming an
// SKU the goods records do not hold, or a count that is not a decimal(19,4)
// of 0 or more, fail: with is_post_error=1 (strict) any failure refuses
// the bill (code 2830); otherwise the other lines are applied and the
// failures listed in warning as {spec_no, error_msg}, and a bill none of
// whose lines passes is refused. An applied line sets the warehouse's
// stock of the SKU to its count, which stock_query then returns.
func (s *Server) stocktake(p map[string]string) answer {
	key, wh := p["api_outer_no"], p["warehouse_no"]
	var lines []map[string]any
	switch {
	case key == "":
		return answer{"code": 2830, "message": "api_outer_no不能为空"}
	case utf8.RuneCountInString(key) > 40:
		return answer{"code": 2830, "message": "api_outer_no超过40个字符"}
	case wh == "":
		return answer{"code": 2830, "message": "warehouse_no不能为空"}
	case !slices.Contains([]string{"", "0", "1"}, p["is_post_error"]):
		return answer{"code": 2830, "message": "is_post_error参数值无效"}
	case decodeObject(p["goods_list"], &lines) != nil || len(lines) == 0:
		return answer{"code": 2830, "message": "goods_list无效"}
	case len(lines) > 500:
		return answer{"code": 2830, "message": "goods_list超过500条"}
	}
	now := s.now().In(duijie.CST()).Truncate(time.Second)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.findLocked(StocktakeTable, key) >= 0 {
		return stocktakeDuplicate
	}
	warnings := []answer{}
	var applied []any
	for _, l := range lines {
		spec, num := fieldText(l["spec_no"]), fieldText(l["stock_num"])
		if e := s.lineErrorLocked(spec, num, true); e != "" {
			warnings = append(warnings, answer{"spec_no": spec, "error_msg": e})
			continue
		}
		applied = append(applied, map[string]any{"spec_no": spec, "stock_num": num})
	}
	if len(applied) == 0 || (p["is_post_error"] == "1" && len(warnings) > 0) {
		msg, _ := json.Marshal(warnings)
		return answer{"code": 2830, "message": "盘点失败: " + string(msg)}
	}
	s.seq++
	s.upsertLocked(StocktakeTable, key, map[string]any{"api_outer_no": key, "pd_no": fmt.Sprintf("PD%08d", s.seq),
		"warehouse_no": wh, "goods_list": applied}, now)
	for _, l := range applied {
		line := l.(map[string]any)
		spec := line["spec_no"].(string)
		goodsNo, _ := s.specGoodsLocked(spec)
		s.upsertLocked("stocks", wh+"\x00"+spec, map[string]any{"warehouse_no": wh, "spec_no": spec, "goods_no": goodsNo,
			"stock_num": line["stock_num"], "modified": now.Format(duijie.LayoutDateTime)}, now)
	}
	return answer{"code": 0, "message": "", "warning": warnings}
}

// purchaseOrderPush serves purchase_order_push like stockoutPush: one
// order (purchase_info) with outer_no, provider_no and warehouse_no
// required and lines (details_list) whose SKUs the goods records hold, or
// the order is refused. The vendor asks for outer_no to be unique without
// saying how a repeat is answered; the fake answers it as done and stores
// nothing. A new order is stored in PurchaseOrderTable as
// purchase_order_query returns it, numbered outer_no when
// is_use_outer_no=1 and CG… otherwise; the fake sets no status, as the
// sources give the states no meaning.
func (s *Server) purchaseOrderPush(p map[string]string) answer {
	var info struct {
		OuterNo      any              `json:"outer_no"`
		UseOuterNo   any              `json:"is_use_outer_no"`
		ProviderNo   any              `json:"provider_no"`
		WarehouseNo  any              `json:"warehouse_no"`
		Remark       any              `json:"remark"`
		Details      []map[string]any `json:"details_list"`
		ExpectArrive any              `json:"expect_arrive_time"`
	}
	if err := decodeObject(p["purchase_info"], &info); err != nil {
		return answer{"code": 2830, "message": "purchase_info无效"}
	}
	outer, provider, wh := fieldText(info.OuterNo), fieldText(info.ProviderNo), fieldText(info.WarehouseNo)
	switch {
	case outer == "":
		return answer{"code": 2830, "message": "outer_no不能为空"}
	case provider == "":
		return answer{"code": 2830, "message": "provider_no不能为空"}
	case wh == "":
		return answer{"code": 2830, "message": "warehouse_no不能为空"}
	case len(info.Details) == 0:
		return answer{"code": 2830, "message": "details_list不能为空"}
	}
	now := s.now().In(duijie.CST()).Truncate(time.Second)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.findLocked(PurchaseOrderTable, outer) >= 0 {
		return answer{"code": 0, "message": ""}
	}
	var lines []any
	for _, d := range info.Details {
		spec, num := fieldText(d["spec_no"]), fieldText(d["num"])
		if e := s.lineErrorLocked(spec, num, false); e != "" {
			return answer{"code": 2830, "message": e}
		}
		goodsNo, _ := s.specGoodsLocked(spec)
		lines = append(lines, map[string]any{"goods_no": goodsNo, "spec_no": spec, "num": num, "remark": fieldText(d["remark"])})
	}
	s.seq++
	no := fmt.Sprintf("CG%08d", s.seq)
	if fieldText(info.UseOuterNo) == "1" {
		no = outer
	}
	stamp := now.Format(duijie.LayoutDateTime)
	s.upsertLocked(PurchaseOrderTable, outer, map[string]any{"purchase_no": no, "outer_no": outer, "provider_no": provider,
		"warehouse_no": wh, "remark": fieldText(info.Remark), "expect_arrive_time": fieldText(info.ExpectArrive),
		"created": stamp, "modified": stamp, "details_list": lines}, now)
	return answer{"code": 0, "message": ""}
}
