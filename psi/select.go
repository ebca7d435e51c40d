package psi

import (
	"strconv"
	"strings"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
)

// Reason says why a line (or a serial, or a document) does not upload.
type Reason string

// Reasons, in the order they are checked.
const (
	// ReasonDocType: the document is not a wholesale out, return or exchange.
	ReasonDocType Reason = "not a wholesale out, return or exchange"
	// ReasonInvalid: the document or line lacks what a PSI record needs;
	// Skip.Detail says what.
	ReasonInvalid Reason = "invalid"
	// ReasonNoSerial: the line has no serial numbers.
	ReasonNoSerial Reason = "no serial numbers"
	// ReasonWarehouse: the warehouse is not enabled.
	ReasonWarehouse Reason = "warehouse not enabled"
	// ReasonSupplier: the supplier is not enabled.
	ReasonSupplier Reason = "supplier not enabled"
	// ReasonCustomer: the customer is not enabled.
	ReasonCustomer Reason = "customer not enabled"
	// ReasonBrand: the brand is not enabled.
	ReasonBrand Reason = "brand not enabled"
	// ReasonCategory: the goods category is not enabled.
	ReasonCategory Reason = "category not enabled"
	// ReasonDuplicate: the same serial was already selected for the same
	// document number.
	ReasonDuplicate Reason = "serial repeated in the document"
)

// Skip is a part of a document that does not upload.
type Skip struct {
	// DocNo is the document's number.
	DocNo string
	// Line is the line's index from 0, or -1 for the whole document.
	Line int
	// Serial is set when one serial, not the whole line, is skipped.
	Serial string
	// Serials counts the serial numbers left out.
	Serials int
	// Reasons are every reason that applies, in check order.
	Reasons []Reason
	// Detail says more for ReasonInvalid.
	Detail string
}

// String describes the skip, e.g. `D1 line 2: warehouse not enabled, brand not enabled`.
func (s Skip) String() string {
	var b strings.Builder
	b.WriteString(s.DocNo)
	if s.Line >= 0 {
		b.WriteString(" line ")
		b.WriteString(strconv.Itoa(s.Line))
	}
	if s.Serial != "" {
		b.WriteString(" serial ")
		b.WriteString(s.Serial)
	}
	b.WriteString(": ")
	for i, r := range s.Reasons {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(r))
	}
	if s.Detail != "" {
		b.WriteString(" (")
		b.WriteString(s.Detail)
		b.WriteString(")")
	}
	return b.String()
}

// Selection is the outcome of applying the rules to documents.
type Selection struct {
	// Records are the PSI records to upload, one per serial, in document
	// and line order.
	Records []honor.PSIRecord
	// Skipped lists what does not upload, and why.
	Skipped []Skip
}

// Select applies the rules to docs: every serial of a VF-linked document,
// and the serials of enabled lines of other documents, become records.
func (s *Selector) Select(docs ...Document) Selection {
	var sel Selection
	seen := map[honor.PSIKey]bool{}
	for _, d := range docs {
		s.selectDoc(&sel, d, seen)
	}
	return sel
}

func (s *Selector) selectDoc(sel *Selection, d Document, seen map[honor.PSIKey]bool) {
	serials := 0
	for _, l := range d.Lines {
		serials += len(l.Serials)
	}
	docSkip := func(r Reason, detail string) {
		sel.Skipped = append(sel.Skipped, Skip{DocNo: d.No, Line: -1, Serials: serials, Reasons: []Reason{r}, Detail: detail})
	}
	switch d.Type {
	case honor.PSIWholesaleOut, honor.PSIWholesaleReturn, honor.PSIWholesaleExchange:
	default:
		docSkip(ReasonDocType, string(d.Type))
		return
	}
	switch {
	case d.No == "":
		docSkip(ReasonInvalid, "no document number")
		return
	case d.Time.IsZero():
		docSkip(ReasonInvalid, "no document time")
		return
	}
	vf := d.VFOrderNo != ""
	for i, l := range d.Lines {
		lineSkip := func(reasons []Reason, detail string) {
			sel.Skipped = append(sel.Skipped, Skip{DocNo: d.No, Line: i, Serials: len(l.Serials), Reasons: reasons, Detail: detail})
		}
		if len(l.Serials) == 0 {
			lineSkip([]Reason{ReasonNoSerial}, "")
			continue
		}
		dir := defaultDirection(d.Type, l.Direction)
		switch {
		case l.GoodsCode == "":
			lineSkip([]Reason{ReasonInvalid}, "no goods code")
			continue
		case dir == "":
			lineSkip([]Reason{ReasonInvalid}, "an exchange line says whether its units went out or came in")
			continue
		case dir != honor.PSIOut && dir != honor.PSIIn:
			lineSkip([]Reason{ReasonInvalid}, "direction "+strconv.Quote(string(dir))+" is neither in nor out")
			continue
		}
		if !vf {
			if reasons := s.refusals(d, l); len(reasons) > 0 {
				lineSkip(reasons, "")
				continue
			}
		}
		for _, serial := range l.Serials {
			serial = strings.TrimSpace(serial)
			if serial == "" {
				sel.Skipped = append(sel.Skipped, Skip{DocNo: d.No, Line: i, Serials: 1, Reasons: []Reason{ReasonInvalid}, Detail: "empty serial number"})
				continue
			}
			key := honor.PSIKey{DocNo: d.No, Serial: serial}
			if seen[key] {
				sel.Skipped = append(sel.Skipped, Skip{DocNo: d.No, Line: i, Serial: serial, Serials: 1, Reasons: []Reason{ReasonDuplicate}})
				continue
			}
			seen[key] = true
			sel.Records = append(sel.Records, honor.PSIRecord{
				DocNo: d.No, DocType: d.Type, DocDate: duijie.NewTime(d.Time), Direction: dir, VFOrderNo: d.VFOrderNo,
				WarehouseCode: l.WarehouseCode, WarehouseName: l.WarehouseName,
				SupplierCode: l.SupplierCode, SupplierName: l.SupplierName,
				CustomerCode: d.CustomerCode, CustomerName: d.CustomerName,
				GoodsCode: l.GoodsCode, GoodsName: l.GoodsName, Brand: l.Brand, Category: l.Category, Serial: serial,
			})
		}
	}
}

// refusals lists the configuration checks a line of a document not linked
// to a VF order fails.
func (s *Selector) refusals(d Document, l Line) []Reason {
	var out []Reason
	if !s.warehouses.has(l.WarehouseCode) {
		out = append(out, ReasonWarehouse)
	}
	if !s.suppliers.has(l.SupplierCode) {
		out = append(out, ReasonSupplier)
	}
	if !s.customers.has(d.CustomerCode) {
		out = append(out, ReasonCustomer)
	}
	if !s.brands.has(l.Brand) {
		out = append(out, ReasonBrand)
	}
	if !s.categories.has(l.Category) {
		out = append(out, ReasonCategory)
	}
	return out
}
