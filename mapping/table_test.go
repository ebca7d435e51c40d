package mapping

import (
	"errors"
	"reflect"
	"sync"
	"testing"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
)

func goodsTable(t *testing.T) *Table {
	t.Helper()
	tb, err := NewTable(KindGoods,
		[]External{{Code: "HM-M6", Name: "荣耀Magic6 12+256"}, {Code: "HM-X50", Name: "荣耀X50 8+128"}, {Code: "HM-90", Name: "荣耀90 16+512"}},
		[]Item{
			{Code: "SP001", Name: "荣耀Magic6 12+256G 绒黑色", Mnemonic: "RYMAGIC6"},
			{Code: "SP002", Name: "荣耀X50 8+128G 典雅黑", Mnemonic: "RYX50"},
			{Code: "SP010", Name: "荣耀90 16+512G 星钻银", Mnemonic: "RY90"},
			{Code: "XP001", Name: "华为Mate60 12+512G", Mnemonic: "HWMATE60"},
		},
		[]Choice{{External: "HM-M6", ERP: "SP001"}})
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func TestNewTableRefusals(t *testing.T) {
	items := []Item{{Code: "A"}, {Code: "B"}}
	cases := []struct {
		name    string
		synced  []External
		items   []Item
		choices []Choice
		field   string
	}{
		{"empty external code", []External{{Code: ""}}, nil, nil, "synced[0].Code"},
		{"empty item code", nil, []Item{{Code: "A"}, {}}, nil, "items[1].Code"},
		{"item twice", nil, []Item{{Code: "A"}, {Code: "A"}}, nil, "items[1].Code"},
		{"choice without external", nil, items, []Choice{{ERP: "A"}}, "choices[0].External"},
		{"choice without ERP", nil, items, []Choice{{External: "x"}}, "choices[0].ERP"},
		{"choice of unknown item", nil, items, []Choice{{External: "x", ERP: "Z"}}, "choices[0].ERP"},
		{"two choices for one code", nil, items, []Choice{{External: "x", ERP: "A"}, {External: "x", ERP: "B"}}, "choices[1].ERP"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := NewTable(KindGoods, c.synced, c.items, c.choices)
			var ve *duijie.ValidationError
			if !errors.As(err, &ve) || ve.Field != c.field {
				t.Fatalf("err = %v, want a ValidationError on %s", err, c.field)
			}
		})
	}
}

func TestNewTableAccepts(t *testing.T) {
	// The same choice twice, a later synced row replacing an earlier one,
	// a choice for a code not synced (kept), any ERP code without items.
	tb, err := NewTable(KindCustomers,
		[]External{{Code: "C1", Name: "old"}, {Code: "C1", Name: "new"}},
		nil,
		[]Choice{{External: "C1", ERP: "K1"}, {External: "C1", ERP: "K1"}, {External: "GONE", ERP: "K9"}})
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := tb.External("C1"); e.Name != "new" {
		t.Errorf("External(C1).Name = %q, want the later row", e.Name)
	}
	if v, ok := tb.Lookup("GONE"); !ok || v != "K9" {
		t.Errorf("Lookup(GONE) = %q, %v", v, ok)
	}
	if tb.Kind() != KindCustomers {
		t.Errorf("Kind = %q", tb.Kind())
	}
	if n, m := tb.Stats(); n != 1 || m != 1 {
		t.Errorf("Stats = %d, %d; want 1, 1", n, m)
	}
}

func TestLookupAndUnmatched(t *testing.T) {
	tb := goodsTable(t)
	if v, ok := tb.Lookup("HM-M6"); !ok || v != "SP001" {
		t.Errorf("Lookup(HM-M6) = %q, %v", v, ok)
	}
	if _, ok := tb.Lookup("HM-X50"); ok {
		t.Error("HM-X50 has no choice yet")
	}
	if _, ok := tb.Lookup(""); ok {
		t.Error("the empty code maps to nothing")
	}
	got := tb.Unmatched()
	want := []External{{Code: "HM-90", Name: "荣耀90 16+512"}, {Code: "HM-X50", Name: "荣耀X50 8+128"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Unmatched = %+v, want %+v", got, want)
	}
	if it, ok := tb.Item("SP002"); !ok || it.Mnemonic != "RYX50" {
		t.Errorf("Item(SP002) = %+v, %v", it, ok)
	}
	if _, ok := tb.Item("nope"); ok {
		t.Error("Item(nope) found")
	}
}

func TestChooseLeavesOriginalAlone(t *testing.T) {
	tb := goodsTable(t)
	n, err := tb.Choose(Choice{External: "HM-X50", ERP: "SP002"}, Choice{External: "HM-M6", ERP: ""}, Choice{External: "HM-90", ERP: "SP010"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := tb.Lookup("HM-X50"); ok {
		t.Error("Choose changed the original table")
	}
	if _, ok := n.Lookup("HM-M6"); ok {
		t.Error("an empty ERP code removes the correspondence")
	}
	want := []Choice{{External: "HM-90", ERP: "SP010"}, {External: "HM-X50", ERP: "SP002"}}
	if got := n.Choices(); !reflect.DeepEqual(got, want) {
		t.Errorf("Choices = %+v, want %+v", got, want)
	}
	if got := n.Unmatched(); len(got) != 1 || got[0].Code != "HM-M6" {
		t.Errorf("Unmatched = %+v", got)
	}
	if _, err := n.Choose(Choice{External: "HM-90", ERP: "nope"}); err == nil {
		t.Error("Choose accepted an ERP code that is not an item")
	}
	if _, err := n.Choose(Choice{ERP: "SP001"}); err == nil {
		t.Error("Choose accepted an empty external code")
	}
}

func TestCodes(t *testing.T) {
	c := Codes{"WH1": "CK01", "WH2": ""}
	if v, ok := c.Lookup("WH1"); !ok || v != "CK01" {
		t.Errorf("Lookup(WH1) = %q, %v", v, ok)
	}
	if _, ok := c.Lookup("WH2"); ok {
		t.Error("an empty value is no mapping")
	}
	var none Codes
	if _, ok := none.Lookup("WH1"); ok {
		t.Error("nil Codes mapped")
	}
}

func TestExternalsFromHonor(t *testing.T) {
	g := GoodsExternals([]honor.VFGoodsModel{{GoodsCode: "G1", GoodsName: "荣耀X50", Model: "X50", Color: "黑", Spec: "8+128"}})
	if g[0] != (External{Code: "G1", Name: "荣耀X50", Detail: "X50 黑 8+128"}) {
		t.Errorf("GoodsExternals = %+v", g[0])
	}
	c := CustomerExternals([]honor.VFCustomer{{CustomerCode: "C1", CustomerName: "某某通讯", Province: "广东", District: "天河"}})
	if c[0] != (External{Code: "C1", Name: "某某通讯", Detail: "广东 天河"}) {
		t.Errorf("CustomerExternals = %+v", c[0])
	}
}

// TestTableConcurrentReads reads one table from many goroutines while
// others derive new tables from it; run with -race.
func TestTableConcurrentReads(t *testing.T) {
	tb := goodsTable(t)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				if v, ok := tb.Lookup("HM-M6"); !ok || v != "SP001" {
					t.Errorf("Lookup = %q, %v", v, ok)
					return
				}
				_ = tb.Search("荣耀", 2)
				_ = tb.Unmatched()
				if g%2 == 0 && i%20 == 0 {
					if _, err := tb.Choose(Choice{External: "HM-X50", ERP: "SP002"}); err != nil {
						t.Error(err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	if _, ok := tb.Lookup("HM-X50"); ok {
		t.Error("the shared table changed")
	}
}
