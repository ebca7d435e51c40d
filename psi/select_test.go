package psi

import (
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
)

func cst(y int, m time.Month, d, h, mi, s int) time.Time {
	return time.Date(y, m, d, h, mi, s, 0, duijie.CST())
}

var fullConfig = Config{
	Warehouses: []string{"CK01"}, Suppliers: []string{"GYS01"}, Customers: []string{"KH01"},
	Brands: []string{"HONOR"}, Categories: []string{"PHONE"},
}

// enabledLine passes every configuration check of fullConfig.
func enabledLine(serials ...string) Line {
	return Line{WarehouseCode: "CK01", WarehouseName: "总仓", SupplierCode: "GYS01", SupplierName: "荣耀省包",
		GoodsCode: "HM-X50", GoodsName: "荣耀X50", Brand: "HONOR", Category: "PHONE", Serials: serials}
}

func doc(no string, typ honor.PSIDocType, vf string, lines ...Line) Document {
	return Document{No: no, Type: typ, Time: cst(2024, 3, 1, 10, 0, 0), VFOrderNo: vf,
		CustomerCode: "KH01", CustomerName: "某某通讯", Lines: lines}
}

func serialsOf(recs []honor.PSIRecord) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.Serial)
	}
	return out
}

// TestFilterDimensions turns each configuration dimension off in turn, for
// a non-VF and a VF-linked document of each type.
func TestFilterDimensions(t *testing.T) {
	off := map[string]func(*Line, *Document){
		"all enabled":        func(*Line, *Document) {},
		"warehouse disabled": func(l *Line, _ *Document) { l.WarehouseCode = "CK99" },
		"supplier disabled":  func(l *Line, _ *Document) { l.SupplierCode = "GYS99" },
		"customer disabled":  func(_ *Line, d *Document) { d.CustomerCode = "KH99" },
		"brand disabled":     func(l *Line, _ *Document) { l.Brand = "OTHER" },
		"category disabled":  func(l *Line, _ *Document) { l.Category = "PAD" },
		"no supplier given":  func(l *Line, _ *Document) { l.SupplierCode = "" },
	}
	reason := map[string][]Reason{
		"warehouse disabled": {ReasonWarehouse}, "supplier disabled": {ReasonSupplier}, "customer disabled": {ReasonCustomer},
		"brand disabled": {ReasonBrand}, "category disabled": {ReasonCategory}, "no supplier given": {ReasonSupplier},
	}
	sel := NewSelector(fullConfig)
	for name, edit := range off {
		for _, typ := range []honor.PSIDocType{honor.PSIWholesaleOut, honor.PSIWholesaleReturn, honor.PSIWholesaleExchange} {
			for _, vf := range []string{"", "VF001"} {
				l := enabledLine("SN1", "SN2")
				l.Direction = honor.PSIOut
				d := doc("D1", typ, vf, l)
				edit(&d.Lines[0], &d)
				got := sel.Select(d)
				wantUpload := vf != "" || reason[name] == nil
				if wantUpload {
					if !reflect.DeepEqual(serialsOf(got.Records), []string{"SN1", "SN2"}) || len(got.Skipped) != 0 {
						t.Errorf("%s, %s, vf=%q: records %v skipped %v; want both serials", name, typ, vf, serialsOf(got.Records), got.Skipped)
					}
					continue
				}
				want := []Skip{{DocNo: "D1", Line: 0, Serials: 2, Reasons: reason[name]}}
				if len(got.Records) != 0 || !reflect.DeepEqual(got.Skipped, want) {
					t.Errorf("%s, %s: records %v skipped %+v; want skipped %+v", name, typ, serialsOf(got.Records), got.Skipped, want)
				}
			}
		}
	}
}

func TestEmptyConfigUploadsOnlyVF(t *testing.T) {
	sel := NewSelector(Config{})
	got := sel.Select(doc("A", honor.PSIWholesaleOut, "", enabledLine("S1")), doc("B", honor.PSIWholesaleOut, "VF9", enabledLine("S2")))
	if !reflect.DeepEqual(serialsOf(got.Records), []string{"S2"}) {
		t.Errorf("records %v, want only the VF document's", serialsOf(got.Records))
	}
	want := []Reason{ReasonWarehouse, ReasonSupplier, ReasonCustomer, ReasonBrand, ReasonCategory}
	if len(got.Skipped) != 1 || !reflect.DeepEqual(got.Skipped[0].Reasons, want) {
		t.Errorf("skipped %+v, want every reason listed", got.Skipped)
	}
	if s := got.Skipped[0].String(); s != "A line 0: warehouse not enabled, supplier not enabled, customer not enabled, brand not enabled, category not enabled" {
		t.Errorf("String() = %q", s)
	}
}

func TestNoSerialLinesNeverUpload(t *testing.T) {
	sel := NewSelector(fullConfig)
	for _, vf := range []string{"", "VF1"} {
		got := sel.Select(doc("D", honor.PSIWholesaleOut, vf, enabledLine(), enabledLine("S1")))
		if !reflect.DeepEqual(serialsOf(got.Records), []string{"S1"}) {
			t.Errorf("vf=%q: records %v", vf, serialsOf(got.Records))
		}
		if want := []Skip{{DocNo: "D", Line: 0, Reasons: []Reason{ReasonNoSerial}}}; !reflect.DeepEqual(got.Skipped, want) {
			t.Errorf("vf=%q: skipped %+v, want %+v", vf, got.Skipped, want)
		}
	}
}

func TestRecordFields(t *testing.T) {
	sel := NewSelector(fullConfig)
	got := sel.Select(doc("PF001", honor.PSIWholesaleOut, "VF001", enabledLine(" 860000000000001 ")))
	want := honor.PSIRecord{
		DocNo: "PF001", DocType: honor.PSIWholesaleOut, DocDate: duijie.NewTime(cst(2024, 3, 1, 10, 0, 0)), Direction: honor.PSIOut,
		VFOrderNo: "VF001", WarehouseCode: "CK01", WarehouseName: "总仓", SupplierCode: "GYS01", SupplierName: "荣耀省包",
		CustomerCode: "KH01", CustomerName: "某某通讯", GoodsCode: "HM-X50", GoodsName: "荣耀X50", Brand: "HONOR", Category: "PHONE",
		Serial: "860000000000001",
	}
	if len(got.Records) != 1 || !reflect.DeepEqual(got.Records[0], want) {
		t.Errorf("record = %+v\nwant     %+v", got.Records, want)
	}
}

func TestDirections(t *testing.T) {
	sel := NewSelector(fullConfig)
	in := enabledLine("IN1")
	in.Direction = honor.PSIIn
	out := enabledLine("OUT1")
	out.Direction = honor.PSIOut
	got := sel.Select(
		doc("R", honor.PSIWholesaleReturn, "", enabledLine("R1")),
		doc("O", honor.PSIWholesaleOut, "", enabledLine("O1")),
		doc("X", honor.PSIWholesaleExchange, "", in, out, enabledLine("NODIR")),
	)
	dirs := map[string]honor.PSIDirection{}
	for _, r := range got.Records {
		dirs[r.Serial] = r.Direction
	}
	if want := map[string]honor.PSIDirection{"R1": honor.PSIIn, "O1": honor.PSIOut, "IN1": honor.PSIIn, "OUT1": honor.PSIOut}; !reflect.DeepEqual(dirs, want) {
		t.Errorf("directions %v, want %v", dirs, want)
	}
	if len(got.Skipped) != 1 || got.Skipped[0].Line != 2 || got.Skipped[0].Reasons[0] != ReasonInvalid {
		t.Errorf("an exchange line without direction is skipped as invalid, got %+v", got.Skipped)
	}
}

func TestInvalidAndOtherDocuments(t *testing.T) {
	sel := NewSelector(fullConfig)
	noGoods := enabledLine("S9")
	noGoods.GoodsCode = ""
	badDir := enabledLine("S8")
	badDir.Direction = "sideways"
	noTime := doc("T", honor.PSIWholesaleOut, "VF", enabledLine("S7"))
	noTime.Time = time.Time{}
	got := sel.Select(
		doc("P", "purchase_in", "VF", enabledLine("S1", "S2")),
		doc("", honor.PSIWholesaleOut, "VF", enabledLine("S3")),
		noTime,
		doc("G", honor.PSIWholesaleOut, "VF", noGoods, badDir, enabledLine("OK", " ", "OK")),
		doc("G", honor.PSIWholesaleOut, "VF", enabledLine("OK", "OK2")),
	)
	if !reflect.DeepEqual(serialsOf(got.Records), []string{"OK", "OK2"}) {
		t.Errorf("records %v", serialsOf(got.Records))
	}
	var summary []string
	for _, s := range got.Skipped {
		summary = append(summary, s.String())
	}
	want := []string{
		"P: not a wholesale out, return or exchange (purchase_in)",
		": invalid (no document number)",
		"T: invalid (no document time)",
		"G line 0: invalid (no goods code)",
		`G line 1: invalid (direction "sideways" is neither in nor out)`,
		"G line 2: invalid (empty serial number)",
		"G line 2 serial OK: serial repeated in the document",
		"G line 0 serial OK: serial repeated in the document",
	}
	if !reflect.DeepEqual(summary, want) {
		t.Errorf("skipped:\n%v\nwant\n%v", summary, want)
	}
	if got.Skipped[0].Serials != 2 {
		t.Errorf("a skipped document counts its serials, got %d", got.Skipped[0].Serials)
	}
}

func TestSelectorCopiesConfig(t *testing.T) {
	cfg := Config{Warehouses: []string{"CK01"}, Suppliers: []string{"GYS01"}, Customers: []string{"KH01"}, Brands: []string{"HONOR"}, Categories: []string{"PHONE"}}
	sel := NewSelector(cfg)
	cfg.Warehouses[0] = "CHANGED"
	if got := sel.Select(doc("D", honor.PSIWholesaleOut, "", enabledLine("S"))); len(got.Records) != 1 {
		t.Error("changing the Config after NewSelector changed the Selector")
	}
}

func TestSelectorConcurrent(t *testing.T) {
	sel := NewSelector(fullConfig)
	docs := []Document{doc("A", honor.PSIWholesaleOut, "", enabledLine("S1", "S2")), doc("B", honor.PSIWholesaleReturn, "VF", enabledLine("S3"))}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				if got := sel.Select(docs...); !slices.Equal(serialsOf(got.Records), []string{"S1", "S2", "S3"}) {
					t.Errorf("records %v", serialsOf(got.Records))
					return
				}
			}
		}()
	}
	wg.Wait()
}
