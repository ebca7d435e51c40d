package jushuitantest

import (
	"sort"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
)

// AfterSale returns the after-sale bill uploaded with the platform refund
// number outerAsID.
func (s *Server) AfterSale(outerAsID string) (jushuitan.Refund, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, known := s.afterByOuter[outerAsID]
	if !known {
		return jushuitan.Refund{}, false
	}
	return *s.refunds[id], true
}

// AfterSales returns the after-sale bills made by uploads, in as_id order.
func (s *Server) AfterSales() []jushuitan.Refund {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]jushuitan.Refund, 0, len(s.afterByOuter))
	for _, id := range s.afterByOuter {
		out = append(out, *s.refunds[id])
	}
	sort.Slice(out, func(i, j int) bool { return out[i].AsID < out[j].AsID })
	return out
}

// AfterSaleUploads counts the after-sale bills made by uploads (updates
// not counted).
func (s *Server) AfterSaleUploads() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.afterByOuter)
}

// uploadAfterSales serves /open/aftersale/upload (biz an array): every
// bill is kept by outer_as_id ("平台唯一"), a known one updated with the
// keys it carries (可更新) and counted by Repeats, and is readable through
// the after-sale query with its as_id; its o_id is the ERP order with the
// same so_id when there is one. Every bill gets a row {as_id, issuccess,
// so_id, outer_as_id, o_id}; a refused one also carries msg.
func (s *Server) uploadAfterSales(biz []byte) answer {
	list, valid := decodeArray(biz)
	if !valid || len(list) == 0 {
		return fail(140, "参数传递错误: biz 须为售后单数组")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rows := make([]map[string]any, 0, len(list))
	for _, m := range list {
		outer, soID := str(m, "outer_as_id"), str(m, "so_id")
		shopID, _, _ := num(m, "shop_id")
		row := map[string]any{"outer_as_id": outer, "so_id": soID, "issuccess": false, "as_id": 0, "o_id": 0}
		known := false
		for _, sh := range s.shops {
			known = known || int64(sh.ShopID) == shopID
		}
		msg := ""
		switch forced, fails := s.failUploads[outer]; {
		case fails:
			msg = forced
		case !known:
			msg = "店铺编号不存在"
		case outer == "" || soID == "":
			msg = badParam + "outer_as_id 和 so_id 不能为空"
		default:
			msg = scaleLimits(m, map[string]int{"refund": 2, "payment": 2, "freight": 2, "total_amount": 2})
		}
		if msg != "" {
			row["msg"] = msg
			rows = append(rows, row)
			continue
		}
		r := jushuitan.Refund{Status: "WaitConfirm", AsDate: duijie.NewTime(s.now())}
		if id, have := s.afterByOuter[outer]; have {
			r = *s.refunds[id]
			s.repeat(pathAfterSaleUpload)
		}
		mergeInto(&r, m, "items")
		if items, present := m["items"].([]any); present {
			r.Items = r.Items[:0]
			for _, x := range items {
				it, _ := x.(map[string]any)
				var line jushuitan.RefundItem
				mergeInto(&line, it, "des")
				line.Remark = str(it, "des")
				r.Items = append(r.Items, line)
			}
		}
		for _, o := range s.orders {
			if o.SoID == soID && int64(o.ShopID) == shopID {
				r.OID = o.OID
			}
		}
		r.Modified = duijie.Time{}
		id := s.putRefundLocked(r)
		s.afterByOuter[outer] = id
		row["as_id"], row["o_id"], row["issuccess"] = id, r.OID, true
		if !s.omitRows[outer] {
			rows = append(rows, row)
		}
	}
	return ok(map[string]any{"datas": rows})
}
