package wangdiantongtest

import (
	"slices"
	"strings"
	"time"

	"github.com/duijie/duijie/wangdiantong"
)

// AddSalesStockout stores a sales-out bill that stockout_order_query_trade
// returns, with its modification time. Its consign time is the bill's
// ConsignTime.
func (s *Server) AddSalesStockout(b wangdiantong.SalesStockout, modified time.Time) {
	s.add("sales_stockouts", b, modified)
}

// AddArchivedSalesStockout stores a sales-out bill in the archive, which
// only his_stockout_order_query_trade serves.
func (s *Server) AddArchivedSalesStockout(b wangdiantong.SalesStockout, modified time.Time) {
	s.add("his:sales_stockouts", b, modified)
}

// salesStockouts serves stockout_order_query_trade as its page documents
// it: a window of at most 30 days, closed, optional when stockout_no,
// src_order_no or src_tid is given; without status the shipped (95) and
// finished (110) bills by consign time; with status 95 and above that
// status by consign time; below 95 by modification time, and with
// is_by_modified=1 (QEasy pages) by modification time whatever the status.
// stockout_no matches the bill's stockout_no or order_no; src_tid matches
// one of its src_tids.
func salesStockouts(list string) func(s *Server, p map[string]string) answer {
	return func(s *Server, p map[string]string) answer {
		if st := p["status"]; st != "" && !slices.Contains([]string{"5", "55", "95", "105", "110", "113"}, st) {
			return answer{"code": 2830, "message": "status参数值无效"}
		}
		return s.listing(p, listing{list: list, key: "stockout_list", window: 30 * 24 * time.Hour,
			filters:  []string{"status", "src_order_no", "shop_no", "warehouse_no"},
			byNumber: []string{"stockout_no", "src_order_no", "src_tid"},
			match: func(f map[string]any, p map[string]string) bool {
				if !shippedUnlessStatus(f, p) {
					return false
				}
				if no := p["stockout_no"]; no != "" && fieldText(f["stockout_no"]) != no && fieldText(f["order_no"]) != no {
					return false
				}
				return p["src_tid"] == "" || slices.Contains(strings.Split(fieldText(f["src_tids"]), ","), p["src_tid"])
			},
			at: func(r row, p map[string]string) time.Time { return byStatusTime(p, r) },
		})
	}
}
