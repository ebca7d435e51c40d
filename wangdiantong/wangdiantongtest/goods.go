package wangdiantongtest

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
)

// AddGoods stores a goods record for goods_query, modified at modified,
// as if goods_push had stored it (a later push of its goods_no updates it).
func (s *Server) AddGoods(g wangdiantong.Goods, modified time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.upsertLocked(GoodsTable, string(g.GoodsNo), asFields(g), modified)
}

// goodsPush serves goods_push as the vendor documents it: at most 50
// goods per call and 500 SKUs per goods, goods_no and every spec_no
// required, or the whole call is refused (code 2830) and nothing is
// stored; otherwise each goods record is created or updated by goods_no,
// its fields replaced by those sent, and each SKU created or updated by
// spec_no within it. goods_modified and spec_modified become the fake's
// clock; a new record gets goods_id and spec_id numbers.
func (s *Server) goodsPush(p map[string]string) answer {
	var list []map[string]any
	dec := json.NewDecoder(strings.NewReader(p["goods_list"]))
	dec.UseNumber()
	if err := dec.Decode(&list); err != nil || len(list) == 0 {
		return answer{"code": 2830, "message": "goods_list无效"}
	}
	if len(list) > wangdiantong.MaxGoodsPerPush {
		return answer{"code": 2830, "message": "goods_list超过50条"}
	}
	seen := map[string]bool{}
	for _, g := range list {
		no := fieldText(g["goods_no"])
		specs, _ := g["spec_list"].([]any)
		switch {
		case no == "":
			return answer{"code": 2830, "message": "goods_no不能为空"}
		case seen[no]:
			return answer{"code": 2830, "message": "goods_no重复: " + no}
		case len(specs) == 0:
			return answer{"code": 2830, "message": "spec_list不能为空: " + no}
		case len(specs) > wangdiantong.MaxSpecsPerGoods:
			return answer{"code": 2830, "message": "spec_list超过500条: " + no}
		}
		seen[no] = true
		for _, sp := range specs {
			if m, _ := sp.(map[string]any); fieldText(m["spec_no"]) == "" {
				return answer{"code": 2830, "message": "spec_no不能为空: " + no}
			}
		}
	}
	now := s.now().In(duijie.CST()).Truncate(time.Second)
	stamp := now.Format(duijie.LayoutDateTime)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, g := range list {
		no := fieldText(g["goods_no"])
		stored := map[string]any{}
		if i := s.findLocked(GoodsTable, no); i >= 0 {
			stored = s.tables[GoodsTable][i].fields
		} else {
			s.seq++
			stored["goods_id"] = strconv.Itoa(s.seq)
			stored["goods_created"] = stamp
			stored["deleted"] = "0"
		}
		specs, _ := stored["spec_list"].([]any)
		for k, v := range g {
			if k != "spec_list" {
				stored[k] = v
			}
		}
		pushed, _ := g["spec_list"].([]any)
		for _, sp := range pushed {
			in := sp.(map[string]any)
			at := slices.IndexFunc(specs, func(x any) bool {
				m, _ := x.(map[string]any)
				return fieldText(m["spec_no"]) == fieldText(in["spec_no"])
			})
			spec := map[string]any{}
			if at >= 0 {
				spec = specs[at].(map[string]any)
			} else {
				s.seq++
				spec["spec_id"] = strconv.Itoa(s.seq)
				spec["spec_created"] = stamp
				spec["deleted"] = "0"
			}
			for k, v := range in {
				if k == "spec_remark" {
					k = "remark"
				}
				spec[k] = v
			}
			spec["goods_id"] = stored["goods_id"]
			spec["spec_modified"] = stamp
			if at >= 0 {
				specs[at] = spec
			} else {
				specs = append(specs, spec)
			}
		}
		stored["spec_list"] = specs
		stored["spec_count"] = strconv.Itoa(len(specs))
		stored["goods_modified"] = stamp
		s.upsertLocked(GoodsTable, no, stored, now)
	}
	return answer{"code": 0, "message": ""}
}

// goodsQuery serves goods_query: page_size 1..100, an optional window on
// the last modification, filters by goods_no, brand_no and class_name,
// by spec_no and barcode on any SKU, and deleted goods only with
// deleted=1.
func (s *Server) goodsQuery(p map[string]string) answer {
	return s.listing(p, listing{list: GoodsTable,
		filters: []string{"goods_no", "brand_no", "class_name"},
		match: func(f map[string]any, p map[string]string) bool {
			if p["deleted"] != "1" && fieldText(f["deleted"]) != "" && fieldText(f["deleted"]) != "0" {
				return false
			}
			for _, k := range []string{"spec_no", "barcode"} {
				if p[k] == "" {
					continue
				}
				specs, _ := f["spec_list"].([]any)
				if !slices.ContainsFunc(specs, func(x any) bool {
					m, _ := x.(map[string]any)
					return fieldText(m[k]) == p[k]
				}) {
					return false
				}
			}
			return true
		},
	})
}
