package psi

import (
	"time"

	"github.com/duijie/duijie/honor"
)

// Document is one of the host's stock documents, with what the rules look at.
type Document struct {
	// No is the document number; with a serial it is the record's key.
	No string
	// Type is the kind of document: honor.PSIWholesaleOut,
	// honor.PSIWholesaleReturn or honor.PSIWholesaleExchange. Other
	// documents never upload.
	Type honor.PSIDocType
	// Time is the document's business time; its day in China time decides
	// the batch it belongs to.
	Time time.Time
	// VFOrderNo is the Himall VF order the document is linked to. Leave it
	// empty when the document is linked to no order or to an order that did
	// not come from Himall.
	VFOrderNo string
	// CustomerCode and CustomerName name who the goods went to (or came
	// back from).
	CustomerCode, CustomerName string
	// Lines are the goods lines.
	Lines []Line
}

// Line is one goods line of a Document.
type Line struct {
	// WarehouseCode and WarehouseName name the warehouse.
	WarehouseCode, WarehouseName string
	// SupplierCode and SupplierName name where the units came from.
	SupplierCode, SupplierName string
	// GoodsCode is the code Honor knows the goods by (the Himall goods
	// model code); GoodsName describes it.
	GoodsCode, GoodsName string
	// Brand and Category are the host's brand and goods category codes.
	Brand, Category string
	// Direction is whether the units went out or came in. Required on an
	// exchange; empty means out for an outbound and in for a return.
	Direction honor.PSIDirection
	// Serials are the units' serial numbers (IMEI/SN).
	Serials []string
}

// defaultDirection returns the direction of a line of a document of type t.
func defaultDirection(t honor.PSIDocType, d honor.PSIDirection) honor.PSIDirection {
	if d != "" {
		return d
	}
	switch t {
	case honor.PSIWholesaleOut:
		return honor.PSIOut
	case honor.PSIWholesaleReturn:
		return honor.PSIIn
	}
	return ""
}
