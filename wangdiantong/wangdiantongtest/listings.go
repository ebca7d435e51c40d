package wangdiantongtest

import (
	"slices"
	"strconv"
	"time"

	"github.com/duijie/duijie/wangdiantong"
)

// Tables of the bills the fake only reads (seeded with the Add methods).
const (
	purchaseStockinTable = "purchase_stockins"
	refundTable          = "refunds"
	purchaseReturnTable  = "purchase_returns"
	returnStockoutTable  = "return_stockouts"
	stockTransferTable   = "stock_transfers"
	providerTable        = "providers"
)

// AddStockTransfer stores a stock transfer for stock_transfer_query,
// modified at modified.
func (s *Server) AddStockTransfer(tr wangdiantong.StockTransfer, modified time.Time) {
	s.add(stockTransferTable, tr, modified)
}

// AddProvider stores a supplier record for purchase_provider_query.
func (s *Server) AddProvider(p wangdiantong.Provider) { s.add(providerTable, p, time.Time{}) }

// AddPurchaseStockin stores a purchase stock-in bill for
// stockin_order_query_purchase, modified at modified.
func (s *Server) AddPurchaseStockin(b wangdiantong.PurchaseStockin, modified time.Time) {
	s.add(purchaseStockinTable, b, modified)
}

// AddPurchaseOrder stores a purchase order for purchase_order_query,
// modified at modified.
func (s *Server) AddPurchaseOrder(o wangdiantong.PurchaseOrder, modified time.Time) {
	s.add(PurchaseOrderTable, o, modified)
}

// AddRefund stores a refund for refund_query, modified at modified.
func (s *Server) AddRefund(r wangdiantong.Refund, modified time.Time) {
	s.add(refundTable, r, modified)
}

// AddArchivedRefund stores a refund in the archive, which only
// his_refund_query serves.
func (s *Server) AddArchivedRefund(r wangdiantong.Refund, modified time.Time) {
	s.add("his:"+refundTable, r, modified)
}

// AddPurchaseReturn stores a purchase return for purchase_return_query,
// modified at modified.
func (s *Server) AddPurchaseReturn(r wangdiantong.PurchaseReturn, modified time.Time) {
	s.add(purchaseReturnTable, r, modified)
}

// AddPurchaseReturnStockout stores a purchase-return stock-out for
// stockout_order_query_return, modified at modified.
func (s *Server) AddPurchaseReturnStockout(b wangdiantong.PurchaseReturnStockout, modified time.Time) {
	s.add(returnStockoutTable, b, modified)
}

// AddStockout stores a stock-out bill for stockout_order_query, modified
// at modified (its consign time is the bill's ConsignTime).
func (s *Server) AddStockout(b wangdiantong.Stockout, modified time.Time) {
	s.add(StockoutTable, b, modified)
}

// AddStockin stores a stock-in bill for stockin_order_query, modified at
// modified.
func (s *Server) AddStockin(b wangdiantong.Stockin, modified time.Time) {
	s.add(StockinTable, b, modified)
}

// byStatusTime is the time stockout_order_query and
// stockout_order_query_trade select by: the consign time without status
// or with a status of 95 and above, the modification time below 95 (and,
// with is_by_modified=1 where the script takes it, for any status).
func byStatusTime(p map[string]string, r row) time.Time {
	st, _ := strconv.Atoi(p["status"])
	if p["status"] != "" && (st < 95 || p["is_by_modified"] == "1") {
		return r.modified
	}
	return fieldTime(r.fields["consign_time"])
}

// shippedUnlessStatus keeps, when no status is asked for, the shipped (95)
// and finished (110) bills only, as the stock-out queries do by default.
func shippedUnlessStatus(f map[string]any, p map[string]string) bool {
	return p["status"] != "" || slices.Contains([]string{"95", "110"}, fieldText(f["status"]))
}

// listingRoutes are the plain listings, each as its page and the vendor
// notes describe it: list key, window (30 days closed where documented,
// otherwise an optional window with no maximum), page size, the filters
// matched against the row's field of the same name, and the ones that
// make the window optional.
func listingRoutes() []route {
	return []route{
		{"stockin_order_query_purchase.php", "wdt.stockin.order.query.purchase", func(s *Server, p map[string]string) answer {
			return s.listing(p, listing{list: purchaseStockinTable, key: "stockin_list",
				filters: []string{"status", "stockin_no", "src_order_no", "warehouse_no"},
				match: func(f map[string]any, p map[string]string) bool {
					return p["stockin_outer_no"] == "" || fieldText(f["outer_no"]) == p["stockin_outer_no"]
				}})
		}},
		{"purchase_order_query.php", "wdt.purchase.order.query", func(s *Server, p map[string]string) answer {
			return s.listing(p, listing{list: PurchaseOrderTable, key: "purchase_list",
				filters: []string{"status", "purchase_no", "outer_no", "warehouse_no"}})
		}},
		{"refund_query.php", "wdt.refund.query", refunds(refundTable)},
		{"his_refund_query.php", "", refunds("his:" + refundTable)},
		{"stockout_order_query.php", "wdt.stockout.order.query", func(s *Server, p map[string]string) answer {
			return s.listing(p, listing{list: StockoutTable, key: "stockout_list", window: 30 * 24 * time.Hour,
				filters:  []string{"status", "order_type", "src_order_no", "outer_no", "warehouse_no"},
				byNumber: []string{"stockout_no", "src_order_no", "outer_no"},
				match: func(f map[string]any, p map[string]string) bool {
					return shippedUnlessStatus(f, p) && (p["stockout_no"] == "" || fieldText(f["order_no"]) == p["stockout_no"])
				},
				at: func(r row, p map[string]string) time.Time { return byStatusTime(p, r) }})
		}},
		{"stockin_order_query.php", "wdt.stockin.order.query", func(s *Server, p map[string]string) answer {
			return s.listing(p, listing{list: StockinTable, key: "stockin_list", window: 30 * 24 * time.Hour,
				filters:  []string{"order_type", "stockin_no", "src_order_no", "outer_no", "warehouse_no"},
				byNumber: []string{"stockin_no", "src_order_no", "outer_no"},
				match: func(f map[string]any, p map[string]string) bool {
					status := p["status"]
					if status == "" {
						status = "80"
					}
					return fieldText(f["status"]) == status
				}})
		}},
		{"purchase_return_query.php", "wdt.purchase.return.query", func(s *Server, p map[string]string) answer {
			return s.listing(p, listing{list: purchaseReturnTable, key: "purchase_list",
				filters: []string{"status", "return_no", "api_outer_no", "warehouse_no"}})
		}},
		{"stock_transfer_query.php", "wdt.stock.transfer.query", func(s *Server, p map[string]string) answer {
			return s.listing(p, listing{list: stockTransferTable, key: "transfer_list",
				filters: []string{"status", "transfer_no", "from_warehouse_no", "to_warehouse_no"},
				match: func(f map[string]any, p map[string]string) bool {
					return p["api_outer_no"] == "" || fieldText(f["outer_no"]) == p["api_outer_no"]
				}})
		}},
		{"purchase_provider_query.php", "wdt.purchase.provider.query", func(s *Server, p map[string]string) answer {
			return s.listing(p, listing{list: providerTable, key: "provider_list", filters: []string{"provider_no", "provider_name"}})
		}},
		{"stockout_order_query_return.php", "wdt.stockout.order.query.return", func(s *Server, p map[string]string) answer {
			return s.listing(p, listing{list: returnStockoutTable, key: "stockout_list",
				filters: []string{"status", "src_order_no", "outer_no", "warehouse_no"}})
		}},
	}
}

// refunds serves refund_query and its archive: a 30-day window, closed,
// optional with refund_no, src_refund_no, trade_no or tid; page_size
// 1..40; src_refund_no matches the refund's src_no. The typed refund has
// no trade_no, so that filter only makes the window optional here.
func refunds(table string) func(s *Server, p map[string]string) answer {
	return func(s *Server, p map[string]string) answer {
		return s.listing(p, listing{list: table, key: "refunds", window: 30 * 24 * time.Hour, maxPage: 40,
			filters:  []string{"process_status", "refund_no", "tid", "shop_no"},
			byNumber: []string{"refund_no", "src_refund_no", "trade_no", "tid"},
			match: func(f map[string]any, p map[string]string) bool {
				return p["src_refund_no"] == "" || fieldText(f["src_no"]) == p["src_refund_no"]
			}})
	}
}
