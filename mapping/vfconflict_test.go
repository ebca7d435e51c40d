package mapping

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/duijie/duijie/honor"
)

func TestReconcileVFOrder(t *testing.T) {
	stored, err := ReconcileVFOrder(nil, vfOrder(), vfOptions())
	if err != nil || stored == nil || stored.SourceNo != "VF20240301001" {
		t.Fatalf("first fetch: %+v, %v", stored, err)
	}

	again, err := ReconcileVFOrder(stored, vfOrder(), vfOptions())
	if err != nil || !reflect.DeepEqual(again, stored) {
		t.Errorf("same order again: %+v, %v", again, err)
	}

	shipped := vfOrder()
	shipped.Status, shipped.ModifiedTime = "shipped", tm(2024, 3, 2, 9, 0, 0)
	opt := vfOptions()
	opt.Warehouse = "CK09"
	next, err := ReconcileVFOrder(stored, shipped, opt)
	if err != nil || next.SourceStatus != "shipped" {
		t.Errorf("a status change and the host's own settings are no conflict: %+v, %v", next, err)
	}

	changed := vfOrder()
	changed.Lines[0].Quantity, changed.Lines[0].Amount = amt("3"), amt("14997")
	changed.Receiver = "李四"
	changed.Lines = append(changed.Lines, honor.VFOrderLine{LineNo: "4", GoodsCode: "HM-M6", Quantity: amt("1"), Price: amt("4999")})
	got, err := ReconcileVFOrder(stored, changed, vfOptions())
	var ce *VFConflictError
	if got != nil || !errors.As(err, &ce) || !errors.Is(err, ErrVFOrderChanged) || ce.SourceNo != "VF20240301001" {
		t.Fatalf("changed order: %+v, %v", got, err)
	}
	want := []Change{
		{Field: "Receiver", Stored: "张三", Fetched: "李四"},
		{Field: "Amount", Stored: "6997", Fetched: "21994"},
		{Field: "len(Lines)", Stored: "2", Fetched: "3"},
		{Field: "Lines[0].Quantity", Stored: "1", Fetched: "3"},
		{Field: "Lines[0].Amount", Stored: "4999", Fetched: "14997"},
	}
	if !reflect.DeepEqual(ce.Changes, want) {
		t.Errorf("Changes = %+v\nwant %+v", ce.Changes, want)
	}
	if ce.Fetched == nil || len(ce.Fetched.Lines) != 3 || len(stored.Lines) != 2 {
		t.Errorf("the fetched version is kept for the person, the stored one untouched")
	}
	if msg := err.Error(); !strings.Contains(msg, `"VF20240301001"`) || !strings.Contains(msg, `Lines[0].Quantity "1" → "3"`) {
		t.Errorf("Error() = %s", msg)
	}

	mapped := vfOptions()
	mapped.Goods = Codes{"HM-M6": "SP001", "HM-X50": "SP002", "HM-NEW": "SP003"}
	if _, err := ReconcileVFOrder(stored, vfOrder(), mapped); !errors.Is(err, ErrVFOrderChanged) {
		t.Errorf("a line left out before and kept now changes the order: %v", err)
	}

	if _, err := ReconcileVFOrder(stored, nil, vfOptions()); err == nil || errors.Is(err, ErrVFOrderChanged) {
		t.Errorf("a conversion error is reported as such: %v", err)
	}
}

func TestWholesaleChangesUnmapped(t *testing.T) {
	a, _ := VFOrderToWholesale(vfOrder(), vfOptions())
	b, _ := VFOrderToWholesale(vfOrder(), vfOptions())
	b.Unmapped = append(b.Unmapped, Missing{Table: KindGoods, Code: "HM-X", Line: 3})
	got := WholesaleChanges(a, b)
	want := []Change{{Field: "Unmapped", Stored: "1:HM-NEW", Fetched: "1:HM-NEW,3:HM-X"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changes = %+v, want %+v", got, want)
	}
}
