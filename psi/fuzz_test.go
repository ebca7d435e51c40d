package psi

import (
	"strings"
	"testing"

	"github.com/duijie/duijie/honor"
)

// FuzzSelect checks the rules on documents built from fuzzed codes and
// serial lists: every serial is either a record or counted in a skip, a
// VF-linked document is never filtered by configuration, and no key repeats.
func FuzzSelect(f *testing.F) {
	f.Add("CK01", "GYS01", "KH01", "HONOR", "PHONE", "S1,S2", "", uint8(0))
	f.Add("CK02", "", "KH01", "HONOR", "PAD", "S1,,S1", "VF1", uint8(2))
	f.Fuzz(func(t *testing.T, wh, sup, cust, brand, cat, serials, vf string, kind uint8) {
		types := []honor.PSIDocType{honor.PSIWholesaleOut, honor.PSIWholesaleReturn, honor.PSIWholesaleExchange}
		l := Line{WarehouseCode: wh, SupplierCode: sup, Brand: brand, Category: cat, GoodsCode: "G", Direction: honor.PSIIn}
		if serials != "" {
			l.Serials = strings.Split(serials, ",")
		}
		d := doc("D", types[int(kind)%len(types)], vf, l)
		d.CustomerCode = cust
		got := NewSelector(fullConfig).Select(d)
		counted := len(got.Records)
		for _, s := range got.Skipped {
			counted += s.Serials
			if vf != "" {
				for _, r := range s.Reasons {
					switch r {
					case ReasonWarehouse, ReasonSupplier, ReasonCustomer, ReasonBrand, ReasonCategory:
						t.Fatalf("VF document filtered by configuration: %v", s)
					}
				}
			}
		}
		if counted != len(l.Serials) {
			t.Fatalf("%d serials in, %d accounted for: %+v", len(l.Serials), counted, got)
		}
		if len(l.Serials) == 0 && len(got.Skipped) != 1 {
			t.Fatalf("a line without serials must be skipped once: %+v", got.Skipped)
		}
		seen := map[honor.PSIKey]bool{}
		for _, r := range got.Records {
			if seen[r.Key()] || r.Serial == "" || r.Serial != strings.TrimSpace(r.Serial) {
				t.Fatalf("bad record %+v", r)
			}
			seen[r.Key()] = true
		}
	})
}
