package main

import (
	"sort"
	"time"

	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/psi"
)

// ERP is the host's side, in memory: the tables a real ERP keeps in its
// database. Replace it with yours.
type ERP struct {
	// Goods and Customers are the host's own records, to map Himall's to.
	Goods     []Goods
	Customers []mapping.Item
	// GoodsChoices and CustomerChoices are the saved correspondences
	// (荣耀商品信息对应, 荣耀客户信息对应).
	GoodsChoices, CustomerChoices []mapping.Choice
	// GoodsTable and CustomerTable are built by the last sync; their
	// SyncedAt is what the settings screen shows as "last synced".
	GoodsTable, CustomerTable        *mapping.Table
	GoodsSyncedAt, CustomersSyncedAt time.Time

	// Warehouse is the default warehouse for Himall orders (默认仓库).
	Warehouse string
	// AutoFeedback sends shipment feedback when an outbound is saved
	// (是否自动回传出库信息).
	AutoFeedback bool
	// PSI is the PSI upload configuration (PSI上传仓库/往来单位/品牌/分类设置).
	PSI psi.Config

	// Orders are the wholesale orders made from VF orders, by VF order number.
	Orders map[string]*mapping.WholesaleOrder
	// Outbounds are the wholesale outbounds (批发出库单), Himall's and local ones.
	Outbounds []*Outbound
	// Incentives and FundPool hold the audited rows, by their numbers.
	Incentives map[string]honor.VFIncentive
	FundPool   map[string]honor.VFFundPoolEntry
	// PSILog is the PSI upload log (荣耀PSI上传日志).
	PSILog []psi.Entry
}

// Goods is one of the host's goods, with what the PSI rules look at.
type Goods struct {
	mapping.Item
	Brand, Category string
}

// Outbound is a wholesale outbound document.
type Outbound struct {
	No string
	// Origin is honor.OriginHimall for the outbound of a Himall order.
	Origin honor.OrderOrigin
	// OrderNo is the Himall order number (for Himall outbounds).
	OrderNo      string
	Time         time.Time
	Warehouse    string
	Supplier     string
	CustomerCode string
	Lines        []OutboundLine
	// FedBack is set once Himall has the shipment feedback.
	FedBack bool
}

// OutboundLine is one goods line with its serial numbers.
type OutboundLine struct {
	// HimallGoods is the Himall goods model code; Goods the host's.
	HimallGoods, Goods string
	Serials            []string
}

// NewERP returns an empty host.
func NewERP() *ERP {
	return &ERP{Orders: map[string]*mapping.WholesaleOrder{}, Incentives: map[string]honor.VFIncentive{},
		FundPool: map[string]honor.VFFundPoolEntry{}}
}

// goodsItems returns the goods as mapping items.
func (e *ERP) goodsItems() []mapping.Item {
	items := make([]mapping.Item, len(e.Goods))
	for i, g := range e.Goods {
		items[i] = g.Item
	}
	return items
}

// goods returns the host's goods by code.
func (e *ERP) goods(code string) Goods {
	for _, g := range e.Goods {
		if g.Code == code {
			return g
		}
	}
	return Goods{}
}

// psiDocuments returns the outbounds as PSI documents.
func (e *ERP) psiDocuments() []psi.Document {
	docs := make([]psi.Document, 0, len(e.Outbounds))
	for _, o := range e.Outbounds {
		d := psi.Document{No: o.No, Type: honor.PSIWholesaleOut, Time: o.Time, CustomerCode: o.CustomerCode}
		if o.Origin == honor.OriginHimall {
			d.VFOrderNo = o.OrderNo
		}
		for _, l := range o.Lines {
			g := e.goods(l.Goods)
			d.Lines = append(d.Lines, psi.Line{WarehouseCode: o.Warehouse, SupplierCode: o.Supplier, GoodsCode: l.HimallGoods,
				GoodsName: g.Name, Brand: g.Brand, Category: g.Category, Serials: l.Serials})
		}
		docs = append(docs, d)
	}
	return docs
}

// sortedOrders returns the wholesale orders by VF order number.
func (e *ERP) sortedOrders() []*mapping.WholesaleOrder {
	out := make([]*mapping.WholesaleOrder, 0, len(e.Orders))
	for _, o := range e.Orders {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SourceNo < out[j].SourceNo })
	return out
}
