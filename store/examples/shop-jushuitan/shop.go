package main

import (
	"sort"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/mapping"
)

// Shop is a small in-memory shop: its products' stock and its orders.
// Replace it with your shop's database.
type Shop struct {
	// Stock is the sellable quantity per shop SKU.
	Stock map[string]duijie.Amount
	// Orders are the shop's orders by number.
	Orders map[string]*Order
	// Goods maps the shop's SKUs to Jushuitan 商品编码.
	Goods mapping.Codes
}

// Order is a shop order with what the jobs record about it.
type Order struct {
	mapping.ShopOrder
	// ERPOrderID is Jushuitan's internal order number (内部单号) once
	// uploaded; UploadError the last reason it was not.
	ERPOrderID  int64
	UploadError string
	// Carrier and TrackingNo are set when Jushuitan reports the order shipped.
	Carrier, TrackingNo string
}

// NewShop returns an empty shop.
func NewShop() *Shop {
	return &Shop{Stock: map[string]duijie.Amount{}, Orders: map[string]*Order{}, Goods: mapping.Codes{}}
}

// SKUs returns the shop's SKUs in order.
func (s *Shop) SKUs() []string {
	out := make([]string, 0, len(s.Goods))
	for sku := range s.Goods {
		out = append(out, sku)
	}
	sort.Strings(out)
	return out
}

// toUpload returns the paid orders Jushuitan does not have yet, by number.
func (s *Shop) toUpload() []*Order {
	return s.ordersWhere(func(o *Order) bool { return o.Status == mapping.ShopPaid && o.ERPOrderID == 0 })
}

// awaitingShipment returns the uploaded orders not shipped yet, by number.
func (s *Shop) awaitingShipment() []*Order {
	return s.ordersWhere(func(o *Order) bool { return o.ERPOrderID != 0 && o.Status == mapping.ShopPaid })
}

func (s *Shop) ordersWhere(keep func(*Order) bool) []*Order {
	var out []*Order
	for _, o := range s.Orders {
		if keep(o) {
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].OrderNo < out[j].OrderNo })
	return out
}
