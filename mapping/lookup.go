package mapping

// Kind names a correspondence table.
type Kind string

// The tables the converters consult.
const (
	// KindGoods maps external goods (a Himall model, a shop SKU, a WDT
	// merchant code) to the host's goods or Kingdee materials.
	KindGoods Kind = "goods"
	// KindCustomers maps external customers (a Himall customer, a WDT
	// shop) to the host's customers.
	KindCustomers Kind = "customer"
	// KindWarehouses maps external warehouses to the host's warehouses.
	KindWarehouses Kind = "warehouse"
	// KindShops maps an order's shop to the shop of the target system.
	KindShops Kind = "shop"
	// KindProducts maps a shop SKU to Yihua's global product id
	// (yhProductID, 益华商品全局唯一码), by which Yihua knows the product.
	KindProducts Kind = "product"
)

// Lookup maps an external code to the host's code. *Table implements it,
// and so does Codes for small fixed tables.
type Lookup interface {
	// Lookup returns the host's code for code, and false when there is none.
	Lookup(code string) (string, bool)
}

// Codes is a fixed correspondence kept in configuration (a handful of
// warehouses or shops). A nil Codes maps nothing. Do not change it while
// conversions read it.
type Codes map[string]string

// Lookup returns c[code]; an empty mapped value counts as no mapping.
func (c Codes) Lookup(code string) (string, bool) {
	v, ok := c[code]
	return v, ok && v != ""
}

// lookupOr maps code with l, or returns code unchanged when l is nil.
func lookupOr(l Lookup, code string) (string, bool) {
	if l == nil {
		return code, code != ""
	}
	if code == "" {
		return "", false
	}
	return l.Lookup(code)
}
