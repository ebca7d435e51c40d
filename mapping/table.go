package mapping

import (
	"slices"
	"strconv"
	"strings"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
)

// External is one entry of a synced external list: a Himall goods model,
// a Himall customer, a shop SKU.
type External struct {
	// Code is the external code, the key of the correspondence.
	Code string
	// Name is the external full name, shown next to the candidates.
	Name string
	// Detail is any further description (model, spec, region).
	Detail string
}

// Item is one of the host's own records a person may choose as the match:
// a goods item with its full name (商品全称) or a customer.
type Item struct {
	// Code is the host's code (商品编码, 客户编码).
	Code string
	// Name is the full name searched by keyword.
	Name string
	// Mnemonic is the host's mnemonic code (助记码), often the pinyin
	// initials of the name; empty when the host has none.
	Mnemonic string
}

// Choice is a saved correspondence: External is mapped to the host's ERP code.
type Choice struct {
	// External is the external code.
	External string
	// ERP is the host's code chosen for it.
	ERP string
}

// Table is a correspondence table: the synced external list, the host's
// items to choose from, and the saved choices. It is immutable, so it is
// safe for any number of concurrent readers; Choose returns a new table.
type Table struct {
	kind      Kind
	externals []External        // sorted by code
	extIndex  map[string]int    // code -> index in externals
	items     []indexedItem     // sorted by code
	itemIndex map[string]int    // code -> index in items
	choices   map[string]string // external -> ERP
}

type indexedItem struct {
	Item
	code, name, mnemonic string // folded for search
}

// NewTable builds a table of the given kind from the synced external list,
// the host's items and the saved choices. A later external with the same
// code replaces an earlier one (a sync may return a row twice). It refuses
// empty codes, an item code twice, two different choices for one external
// code and, when items are given, a choice of an ERP code that is not
// among them. A choice for an external code that is not in the synced list
// is kept: lookups by that code still work.
func NewTable(kind Kind, synced []External, items []Item, choices []Choice) (*Table, error) {
	t := &Table{kind: kind, extIndex: map[string]int{}, itemIndex: map[string]int{}, choices: map[string]string{}}
	byCode := map[string]External{}
	for i, e := range synced {
		if e.Code == "" {
			return nil, invalid("synced["+strconv.Itoa(i)+"].Code", duijie.RuleRequired, "")
		}
		byCode[e.Code] = e
	}
	for _, e := range byCode {
		t.externals = append(t.externals, e)
	}
	slices.SortFunc(t.externals, func(a, b External) int { return strings.Compare(a.Code, b.Code) })
	for i, e := range t.externals {
		t.extIndex[e.Code] = i
	}
	for i, it := range items {
		f := "items[" + strconv.Itoa(i) + "].Code"
		if it.Code == "" {
			return nil, invalid(f, duijie.RuleRequired, "")
		}
		if _, dup := t.itemIndex[it.Code]; dup {
			return nil, invalid(f, duijie.RuleConflict, "item "+strconv.Quote(it.Code)+" appears twice")
		}
		t.itemIndex[it.Code] = -1
		t.items = append(t.items, indexedItem{Item: it, code: fold(it.Code), name: fold(it.Name), mnemonic: fold(it.Mnemonic)})
	}
	slices.SortFunc(t.items, func(a, b indexedItem) int { return strings.Compare(a.Code, b.Code) })
	for i, it := range t.items {
		t.itemIndex[it.Code] = i
	}
	if err := t.addChoices(choices); err != nil {
		return nil, err
	}
	return t, nil
}

// addChoices checks and records the choices NewTable was given.
func (t *Table) addChoices(choices []Choice) error {
	for i, c := range choices {
		f := "choices[" + strconv.Itoa(i) + "]"
		if c.ERP == "" {
			return invalid(f+".ERP", duijie.RuleRequired, "")
		}
		if err := t.checkChoice(f, c); err != nil {
			return err
		}
		if prev, ok := t.choices[c.External]; ok && prev != c.ERP {
			return invalid(f+".ERP", duijie.RuleConflict,
				strconv.Quote(c.External)+" is already mapped to "+strconv.Quote(prev))
		}
		t.choices[c.External] = c.ERP
	}
	return nil
}

// checkChoice checks one choice; an empty ERP code passes (Choose reads it
// as "remove").
func (t *Table) checkChoice(f string, c Choice) error {
	switch {
	case c.External == "":
		return invalid(f+".External", duijie.RuleRequired, "")
	case c.ERP != "" && len(t.items) > 0 && !t.hasItem(c.ERP):
		return invalid(f+".ERP", duijie.RuleConflict, strconv.Quote(c.ERP)+" is not one of the host's items")
	}
	return nil
}

func (t *Table) hasItem(code string) bool {
	_, ok := t.itemIndex[code]
	return ok
}

// Kind returns the table's kind.
func (t *Table) Kind() Kind { return t.kind }

// Lookup returns the ERP code chosen for the external code.
func (t *Table) Lookup(code string) (string, bool) {
	v, ok := t.choices[code]
	return v, ok
}

// External returns the synced entry with the code.
func (t *Table) External(code string) (External, bool) {
	i, ok := t.extIndex[code]
	if !ok {
		return External{}, false
	}
	return t.externals[i], true
}

// Item returns the host's item with the code.
func (t *Table) Item(code string) (Item, bool) {
	i, ok := t.itemIndex[code]
	if !ok {
		return Item{}, false
	}
	return t.items[i].Item, true
}

// Choose returns a new table with the choices applied in order: a choice
// replaces any earlier one for the same external code, and a choice with an
// empty ERP code removes the correspondence. t is not changed, so readers
// of t are never disturbed.
func (t *Table) Choose(choices ...Choice) (*Table, error) {
	n := &Table{kind: t.kind, externals: t.externals, extIndex: t.extIndex, items: t.items,
		itemIndex: t.itemIndex, choices: make(map[string]string, len(t.choices)+len(choices))}
	for k, v := range t.choices {
		n.choices[k] = v
	}
	for i, c := range choices {
		if err := n.checkChoice("choices["+strconv.Itoa(i)+"]", c); err != nil {
			return nil, err
		}
		if c.ERP == "" {
			delete(n.choices, c.External)
			continue
		}
		n.choices[c.External] = c.ERP
	}
	return n, nil
}

// Choices returns the saved choices sorted by external code.
func (t *Table) Choices() []Choice {
	out := make([]Choice, 0, len(t.choices))
	for k, v := range t.choices {
		out = append(out, Choice{External: k, ERP: v})
	}
	slices.SortFunc(out, func(a, b Choice) int { return strings.Compare(a.External, b.External) })
	return out
}

// Unmatched returns the synced entries that have no choice yet, sorted by
// code: the report of what a person still has to map.
func (t *Table) Unmatched() []External {
	var out []External
	for _, e := range t.externals {
		if _, ok := t.choices[e.Code]; !ok {
			out = append(out, e)
		}
	}
	return out
}

// Stats counts the synced entries and how many of them are matched.
func (t *Table) Stats() (synced, matched int) {
	for _, e := range t.externals {
		if _, ok := t.choices[e.Code]; ok {
			matched++
		}
	}
	return len(t.externals), matched
}

// GoodsExternals turns synced Himall goods models into table entries.
func GoodsExternals(models []honor.VFGoodsModel) []External {
	out := make([]External, len(models))
	for i, m := range models {
		out[i] = External{Code: m.GoodsCode, Name: m.GoodsName, Detail: joinNonEmpty(" ", m.Model, m.Color, m.Spec)}
	}
	return out
}

// CustomerExternals turns synced Himall customers into table entries.
func CustomerExternals(customers []honor.VFCustomer) []External {
	out := make([]External, len(customers))
	for i, c := range customers {
		out[i] = External{Code: c.CustomerCode, Name: c.CustomerName, Detail: joinNonEmpty(" ", c.Province, c.City, c.District)}
	}
	return out
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
