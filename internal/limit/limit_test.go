package limit_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/limit"
)

type line struct {
	ID     string        `json:"oid" limit:"id,max=10,chars=alnum-_"`
	Name   string        `json:"goods_name,omitempty" limit:"max=5"`
	Status int           `json:"status" limit:"enum=10|20"`
	Flag   int           `json:"flag,omitempty" limit:"enum=1|2"`
	Price  duijie.Amount `json:"price" limit:"digits=19,scale=4"`
	Bytes  int           `json:"b" limit:"-"`
	Code   string        `json:"code,omitempty" limit:"maxbytes=4"`
	Kind   string        `json:"kind,omitempty" limit:"enum=A|B"`
}

type order struct {
	Tid   string          `json:"tid" limit:"id"`
	When  duijie.Time     `json:"when,omitzero" limit:"minyear=1900"`
	Lines []line          `json:"order_list" limit:"items=2"`
	Extra map[string]any  `json:"-" limit:"inline"`
	Raw   json.RawMessage `json:"raw,omitempty"`
	Note  string          `json:"note,omitempty"`
	Hid   string          `json:"-"`
}

func ok() order {
	return order{Tid: "T1", When: duijie.NewTime(time.Date(2024, 1, 2, 3, 4, 5, 0, duijie.CST())),
		Lines: []line{{ID: "O-1", Name: "手机", Status: 10, Price: duijie.AmountFromCents(1999)}},
		Extra: map[string]any{"k": "v", "n": []any{"a\tb"}}, Raw: json.RawMessage(`{"a":"é"}`), Note: "line one\nline two\ttab"}
}

func TestValidPasses(t *testing.T) {
	c := limit.New[duijie.ValidationError](limit.Checker{Vendor: "v"})
	o := ok()
	assert.NoError(t, c.Check(&o))
	assert.NoError(t, c.Check(o))
	assert.NoError(t, c.Check(nil))
	assert.NoError(t, c.Check([]any{map[string]any{"FBillNo": "X"}}))
	o.Hid = "\xff" // json:"-" without inline: not on the wire
	assert.NoError(t, c.Check(&o))
}

func TestRefusals(t *testing.T) {
	c := limit.New[duijie.ValidationError](limit.Checker{Vendor: "v", Amount: limit.Decimal{Digits: 19, Scale: 4}})
	for _, tc := range []struct {
		name, field, rule string
		mutate            func(*order)
	}{
		{"invalid UTF-8", "order_list[0].goods_name", duijie.RuleFormat, func(o *order) { o.Lines[0].Name = "\xff" }},
		{"control in free text", "note", duijie.RuleFormat, func(o *order) { o.Note = "a\x01b" }},
		{"DEL", "note", duijie.RuleFormat, func(o *order) { o.Note = "a\x7fb" }},
		{"C1 control", "note", duijie.RuleFormat, func(o *order) { o.Note = "a\u0085b" }},
		{"newline in id", "tid", duijie.RuleFormat, func(o *order) { o.Tid = "T1\n" }},
		{"tab in id", "tid", duijie.RuleFormat, func(o *order) { o.Tid = "T\t1" }},
		{"leading space", "tid", duijie.RuleFormat, func(o *order) { o.Tid = " T1" }},
		{"trailing ideographic space", "tid", duijie.RuleFormat, func(o *order) { o.Tid = "T1\u3000" }},
		{"charset", "order_list[0].oid", duijie.RuleFormat, func(o *order) { o.Lines[0].ID = "O 1" }},
		{"too long in code points", "order_list[0].goods_name", duijie.RuleTooLong, func(o *order) { o.Lines[0].Name = "长长长长长长" }},
		{"too long in bytes", "order_list[0].code", duijie.RuleTooLong, func(o *order) { o.Lines[0].Code = "长长" }},
		{"enum zero always sent", "order_list[0].status", duijie.RuleRange, func(o *order) { o.Lines[0].Status = 0 }},
		{"enum", "order_list[0].flag", duijie.RuleRange, func(o *order) { o.Lines[0].Flag = 3 }},
		{"string enum", "order_list[0].kind", duijie.RuleRange, func(o *order) { o.Lines[0].Kind = "C" }},
		{"scale", "order_list[0].price", duijie.RuleFormat, func(o *order) {
			o.Lines[0].Price, _ = duijie.ParseAmount("1." + strings.Repeat("3", 30))
		}},
		{"precision", "order_list[0].price", duijie.RuleRange, func(o *order) {
			o.Lines[0].Price, _ = duijie.ParseAmount("1234567890123456.5")
		}},
		{"year 0", "when", duijie.RuleRange, func(o *order) { o.When = duijie.NewTime(time.Date(0, 1, 1, 8, 0, 0, 0, duijie.CST())) }},
		{"before the minimum", "when", duijie.RuleRange, func(o *order) { o.When = duijie.NewTime(time.Date(1899, 1, 1, 8, 0, 0, 0, duijie.CST())) }},
		{"batch cap", "order_list", duijie.RuleTooMany, func(o *order) { o.Lines = make([]line, 3) }},
		{"map value", "k", duijie.RuleFormat, func(o *order) { o.Extra["k"] = "\xff" }},
		{"map nested", "n[0]", duijie.RuleFormat, func(o *order) { o.Extra["n"] = []any{"\xc3"} }},
		{"map key", "(key)", duijie.RuleFormat, func(o *order) { o.Extra["\xff"] = 1 }},
		{"raw message", "raw", duijie.RuleFormat, func(o *order) { o.Raw = json.RawMessage("\"\xff\"") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := ok()
			o.Extra = map[string]any{}
			tc.mutate(&o)
			err := c.CheckAt("", &o)
			var v *duijie.ValidationError
			require.True(t, errors.As(err, &v), "%v", err)
			assert.Equal(t, tc.field, v.Field)
			assert.Equal(t, tc.rule, v.Rule)
			assert.Equal(t, "v", v.Vendor)
		})
	}
}

func TestDecimalTrailingZerosAndDefaults(t *testing.T) {
	c := limit.New[duijie.ValidationError](limit.Checker{Vendor: "v", Amount: limit.Decimal{Digits: 19, Scale: 4}})
	type m struct {
		A duijie.Amount `json:"a"`
		B duijie.Amount `json:"b" limit:"scale=2"`
	}
	parse := func(s string) duijie.Amount { a, err := duijie.ParseAmount(s); require.NoError(t, err); return a }
	assert.NoError(t, c.Check(&m{A: parse("1.23400000000"), B: parse("2.10")}))
	assert.NoError(t, c.Check(&m{A: parse("123456789012345.1234")}))
	assert.Error(t, c.Check(&m{A: parse("1234567890123456")}))
	assert.Error(t, c.Check(&m{B: parse("2.101")}))
	assert.Error(t, c.Check(&m{A: parse("0.00001")}))
	assert.NoError(t, c.Check(&m{A: parse("0.000000")}))
	assert.NoError(t, limit.New[duijie.ValidationError](limit.Checker{}).Check(&m{A: parse("0.00001")}), "no rule declared: only the universal ones")
}

func TestGoNamesPrefixAndHelpers(t *testing.T) {
	c := limit.New[duijie.ValidationError](limit.Checker{Vendor: "v", GoNames: true})
	o := ok()
	o.Lines[0].Name = "\x01"
	err := c.CheckAt("Models[1]", &o)
	var v *duijie.ValidationError
	require.True(t, errors.As(err, &v))
	assert.Equal(t, "Models[1].Lines[0].Name", v.Field)
	assert.Error(t, c.Text("shop_no", " s", "id"))
	assert.NoError(t, c.Text("shop_no", "s", "id,max=20"))
	assert.Error(t, c.Int("status", 0, "1|2"))
	assert.NoError(t, c.Int("status", 2, "1|2"))
}

func BenchmarkCheckValid(b *testing.B) {
	c := limit.New[duijie.ValidationError](limit.Checker{Vendor: "v", Amount: limit.Decimal{Digits: 19, Scale: 4}})
	o := ok()
	o.Lines = make([]line, 2)
	for i := range o.Lines {
		o.Lines[i] = line{ID: "O1", Name: "手机", Status: 20, Price: duijie.AmountFromCents(1999)}
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Check(&o); err != nil {
			b.Fatal(err)
		}
	}
}

func TestUTF16Length(t *testing.T) {
	c := limit.New[duijie.ValidationError](limit.Checker{Vendor: "v"})
	require.NoError(t, c.Text("f", strings.Repeat("省", 4), "max=4,utf16"))
	require.NoError(t, c.Text("f", "😀😀", "max=4,utf16"))
	err := c.Text("f", "😀😀a", "max=4,utf16")
	var v *duijie.ValidationError
	require.ErrorAs(t, err, &v)
	assert.Equal(t, duijie.RuleTooLong, v.Rule)
	assert.Contains(t, v.Detail, "UTF-16")
	require.NoError(t, c.Text("f", "😀😀a", "max=4"), "without utf16, max counts code points")
}

// node holds itself, through a pointer and through a slice.
type node struct {
	Name string  `json:"name" limit:"max=3"`
	Next *node   `json:"next,omitempty"`
	Kids []node  `json:"kids,omitempty"`
	Cost []*line `json:"cost,omitempty"`
}

// TestRecursiveTypesFromManyGoroutines walks a type that holds itself,
// first met by several goroutines at once: each finds the same refusal at
// the same path.
func TestRecursiveTypesFromManyGoroutines(t *testing.T) {
	c := limit.New[duijie.ValidationError](limit.Checker{Vendor: "v"})
	n := node{Name: "a", Next: &node{Name: "b", Kids: []node{{Name: "c"}, {Name: "d", Cost: []*line{{ID: "O-1", Status: 10}, {ID: "O 2", Status: 10}}}}}}
	errs := make(chan error, 8)
	for range cap(errs) {
		go func() { errs <- c.Check(&n) }()
	}
	for range cap(errs) {
		var ve *duijie.ValidationError
		require.ErrorAs(t, <-errs, &ve)
		assert.Equal(t, "next.kids[1].cost[1].oid", ve.Field)
		assert.Equal(t, duijie.RuleFormat, ve.Rule)
	}
	n.Next.Kids[1].Cost[1].ID = "O-2"
	n.Next.Next = &node{Name: "long"}
	var ve *duijie.ValidationError
	require.ErrorAs(t, c.Check(n), &ve)
	assert.Equal(t, "next.next.name", ve.Field)
	assert.Equal(t, duijie.RuleTooLong, ve.Rule)
}

// TestTimeChecksTheYearInChinaTime reads the year in China time, as a
// field's is read: the last instant of year 0 in UTC is year 1 there.
func TestTimeChecksTheYearInChinaTime(t *testing.T) {
	c := limit.New[duijie.ValidationError](limit.Checker{Vendor: "v"})
	assert.NoError(t, c.Time("at", time.Time{}, ""))
	assert.NoError(t, c.Time("at", time.Date(0, 12, 31, 20, 0, 0, 0, time.UTC), ""))
	var ve *duijie.ValidationError
	require.ErrorAs(t, c.Time("at", time.Date(0, 12, 31, 10, 0, 0, 0, time.UTC), ""), &ve)
	assert.Equal(t, "at", ve.Field)
	assert.Equal(t, duijie.RuleRange, ve.Rule)
	require.ErrorAs(t, c.Time("at", time.Date(1899, 6, 1, 0, 0, 0, 0, duijie.CST()), "minyear=1900"), &ve)
	assert.NoError(t, c.Time("at", time.Date(1900, 1, 1, 0, 0, 0, 0, duijie.CST()), "minyear=1900"))
}
