package jushuitan

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
)

// ErrMissingList is matched (with errors.Is) by the error of a list answer
// that carries none of the keys its rows travel under. Such an answer is
// never read as an empty page: a key the client does not know (or a vendor
// change) would otherwise look like "no rows" and a sync would skip them.
var ErrMissingList = errors.New("jushuitan: the answer has no list")

// missingListError names the keys that were looked for.
type missingListError struct{ keys []string }

// Error names the keys looked for.
func (e *missingListError) Error() string {
	return "the answer carries none of the list keys " + strings.Join(e.keys, ", ") + "; it is not read as an empty page"
}

// Unwrap gives ErrMissingList.
func (e *missingListError) Unwrap() error { return ErrMissingList }

// listAnswer is an answer whose rows travel under one of listKeys (the
// first is the documented one; the others are documented variants). The
// payload must carry one of them.
type listAnswer interface {
	listKeys() []string
}

// listRows decodes the rows under the first of keys that payload carries.
// A key present with null holds no rows; a payload with none of the keys is
// a *missingListError.
func listRows[T any](payload []byte, keys ...string) ([]T, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(payload, &fields); err != nil {
		return nil, err
	}
	for _, k := range keys {
		raw, ok := fields[k]
		if !ok {
			continue
		}
		raw = bytes.TrimSpace(raw)
		if string(raw) == "null" {
			return []T{}, nil
		}
		var rows []T
		if err := json.Unmarshal(raw, &rows); err != nil {
			return nil, err
		}
		if rows == nil {
			rows = []T{}
		}
		return rows, nil
	}
	return nil, &missingListError{keys: keys}
}

// List keys per answer, from the vendor notes (jushuitan.md §2.5, §2.6,
// §3.3). The shop list is datas on openapi v2 and shops on the legacy API
// (tusimo reads shops.query's shops at the top level); the notes infer that
// legacy keys equal the new ones, so both are accepted in either generation.
var (
	keysInventory  = []string{"inventorys"}
	keysOrders     = []string{"orders"}
	keysShipments  = []string{"orders"}
	keysShops      = []string{"datas", "shops"}
	keysWarehouses = []string{"datas"}
	// keysUpload holds the upload answer's per-order rows; an upload answer
	// without it accounts for no order, so every order is of unknown outcome.
	keysUpload = []string{"datas"}
)

// pageHead is the paging block every list answer carries.
type pageHead struct {
	PageIndex int  `json:"page_index"`
	PageSize  int  `json:"page_size"`
	DataCount int  `json:"data_count"`
	PageCount int  `json:"page_count"`
	HasNext   bool `json:"has_next"`
}

func (r *ShopsResponse) listKeys() []string { return keysShops }

// UnmarshalJSON reads a page of shops from datas or shops; an answer with
// neither is an error (ErrMissingList).
func (r *ShopsResponse) UnmarshalJSON(b []byte) error {
	var h pageHead
	if err := json.Unmarshal(b, &h); err != nil {
		return err
	}
	rows, err := listRows[Shop](b, keysShops...)
	if err != nil {
		return err
	}
	*r = ShopsResponse{Shops: rows, PageIndex: h.PageIndex, PageSize: h.PageSize, HasNext: h.HasNext}
	return nil
}

func (r *WarehousesResponse) listKeys() []string { return keysWarehouses }

// UnmarshalJSON reads a page of warehouses from datas; an answer without it
// is an error (ErrMissingList).
func (r *WarehousesResponse) UnmarshalJSON(b []byte) error {
	var h pageHead
	if err := json.Unmarshal(b, &h); err != nil {
		return err
	}
	rows, err := listRows[Warehouse](b, keysWarehouses...)
	if err != nil {
		return err
	}
	*r = WarehousesResponse{Warehouses: rows, PageIndex: h.PageIndex, PageSize: h.PageSize, DataCount: h.DataCount,
		PageCount: h.PageCount, HasNext: h.HasNext}
	return nil
}

func (r *InventoryResponse) listKeys() []string { return keysInventory }

// UnmarshalJSON reads a page of stock rows from inventorys; an answer
// without it is an error (ErrMissingList).
func (r *InventoryResponse) UnmarshalJSON(b []byte) error {
	var h pageHead
	if err := json.Unmarshal(b, &h); err != nil {
		return err
	}
	rows, err := listRows[InventoryItem](b, keysInventory...)
	if err != nil {
		return err
	}
	*r = InventoryResponse{Items: rows, PageIndex: h.PageIndex, PageSize: h.PageSize, HasNext: h.HasNext}
	return nil
}

func (r *OrdersResponse) listKeys() []string { return keysOrders }

// UnmarshalJSON reads a page of orders from orders; an answer without it is
// an error (ErrMissingList).
func (r *OrdersResponse) UnmarshalJSON(b []byte) error {
	var h pageHead
	if err := json.Unmarshal(b, &h); err != nil {
		return err
	}
	rows, err := listRows[Order](b, keysOrders...)
	if err != nil {
		return err
	}
	*r = OrdersResponse{Orders: rows, PageIndex: h.PageIndex, PageSize: h.PageSize, DataCount: h.DataCount,
		PageCount: h.PageCount, HasNext: h.HasNext}
	return nil
}

func (r *ShipmentsResponse) listKeys() []string { return keysShipments }

// UnmarshalJSON reads a page of shipments from orders; an answer without it
// is an error (ErrMissingList).
func (r *ShipmentsResponse) UnmarshalJSON(b []byte) error {
	var h pageHead
	if err := json.Unmarshal(b, &h); err != nil {
		return err
	}
	rows, err := listRows[Shipment](b, keysShipments...)
	if err != nil {
		return err
	}
	*r = ShipmentsResponse{Shipments: rows, PageIndex: h.PageIndex, PageSize: h.PageSize, DataCount: h.DataCount,
		PageCount: h.PageCount, HasNext: h.HasNext}
	return nil
}
