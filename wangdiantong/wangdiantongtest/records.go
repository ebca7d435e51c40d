package wangdiantongtest

import (
	"encoding/json"
	"maps"
	"time"
)

// Tables of the records the keyed writes store; Records takes one of them.
const (
	// GoodsTable holds the goods records goods_push stores (and AddGoods
	// seeds), keyed by goods_no; goods_query reads it.
	GoodsTable = "goods_list"
	// StockoutTable holds the other stock-out bills stockout_order_push
	// stores (and AddStockout seeds), keyed by outer_no;
	// stockout_order_query reads it.
	StockoutTable = "stockouts"
	// StockinTable holds the other stock-in bills stockin_order_push
	// stores (and AddStockin seeds), keyed by outer_no;
	// stockin_order_query reads it.
	StockinTable = "stockins"
	// PurchaseOrderTable holds the purchase orders purchase_order_push
	// stores (keyed by outer_no) and AddPurchaseOrder seeds;
	// purchase_order_query reads it.
	PurchaseOrderTable = "purchase_orders"
	// StocktakeTable holds the stocktaking bills stock_sync_by_pd stores,
	// keyed by api_outer_no.
	StocktakeTable = "stocktakes"
)

// Record is one record a keyed write stored, as the fake keeps it.
type Record struct {
	// Key is the record's key: goods_no, outer_no or api_outer_no.
	Key string
	// Fields are the record as the queries return it, decoded from JSON.
	Fields map[string]any
	// Writes counts the writes that created or changed it (1 + updates).
	Writes int
}

// Records returns the keyed records of table (GoodsTable, StockoutTable,
// StockinTable, PurchaseOrderTable, StocktakeTable) in the order they were first stored.
func (s *Server) Records(table string) []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Record
	for _, r := range s.tables[table] {
		if r.key != "" {
			out = append(out, Record{Key: r.key, Fields: maps.Clone(r.fields), Writes: r.writes})
		}
	}
	return out
}

// Record returns the record of table stored under key.
func (s *Server) Record(table, key string) (Record, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := s.findLocked(table, key); i >= 0 {
		r := s.tables[table][i]
		return Record{Key: r.key, Fields: maps.Clone(r.fields), Writes: r.writes}, true
	}
	return Record{}, false
}

// findLocked is the index of the row of table under key, or -1.
func (s *Server) findLocked(table, key string) int {
	for i, r := range s.tables[table] {
		if r.key == key {
			return i
		}
	}
	return -1
}

// upsertLocked stores fields under key in table, replacing the row of
// the same key (one more write) or adding one; it reports whether the
// row is new. The caller holds s.mu.
func (s *Server) upsertLocked(table, key string, fields map[string]any, modified time.Time) bool {
	raw, _ := json.Marshal(fields)
	r := row{raw: raw, fields: fields, modified: modified.Truncate(time.Second), key: key, writes: 1}
	if i := s.findLocked(table, key); i >= 0 {
		r.writes = s.tables[table][i].writes + 1
		s.tables[table][i] = r
		return false
	}
	s.tables[table] = append(s.tables[table], r)
	return true
}

// asFields turns a value into the JSON fields the fake stores.
func asFields(v any) map[string]any {
	b, _ := json.Marshal(v)
	var f map[string]any
	_ = json.Unmarshal(b, &f)
	return f
}
