package kingdee

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/jsonx"
)

// shadowType is t with every struct of this package rebuilt by
// reflect.StructOf from the same fields and tags: the same layout without
// methods, so encoding/json writes it from the tags alone.
func shadowType(t reflect.Type) reflect.Type {
	switch t.Kind() {
	case reflect.Pointer:
		return reflect.PointerTo(shadowType(t.Elem()))
	case reflect.Slice:
		return reflect.SliceOf(shadowType(t.Elem()))
	case reflect.Struct:
		if t.PkgPath() != reflect.TypeFor[Ref]().PkgPath() {
			return t // duijie.Amount, duijie.Time
		}
		fields := make([]reflect.StructField, t.NumField())
		for i := range fields {
			f := t.Field(i)
			fields[i] = reflect.StructField{Name: f.Name, Type: shadowType(f.Type), Tag: f.Tag}
		}
		return reflect.StructOf(fields)
	}
	return t
}

// shadowCopy copies src into dst, a value of shadowType(src.Type()).
func shadowCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		dst.Set(reflect.New(dst.Type().Elem()))
		shadowCopy(dst.Elem(), src.Elem())
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		dst.Set(reflect.MakeSlice(dst.Type(), src.Len(), src.Len()))
		for i := range src.Len() {
			shadowCopy(dst.Index(i), src.Index(i))
		}
	case reflect.Struct:
		if dst.Type() == src.Type() {
			dst.Set(src)
			return
		}
		for i := range src.NumField() {
			shadowCopy(dst.Field(i), src.Field(i))
		}
	default:
		dst.Set(src)
	}
}

// reflectJSON is what encoding/json writes for the bill from its tags
// alone, without HTML escaping.
func reflectJSON(t *testing.T, b SalReturnStock) []byte {
	t.Helper()
	src := reflect.ValueOf(b)
	dst := reflect.New(shadowType(src.Type())).Elem()
	shadowCopy(dst, src)
	out, err := marshalNoEscape(dst.Interface())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// filled sets every field reachable from v to a value that is not zero,
// with text from texts in turn.
func filled(v reflect.Value, texts []string, n *int) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		filled(v.Elem(), texts, n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			filled(v.Index(i), texts, n)
		}
	case reflect.Map:
	case reflect.Struct:
		switch x := v.Addr().Interface().(type) {
		case *duijie.Amount:
			*x = duijie.AmountFromCents(int64(*n)*137 - 5)
			*n++
			return
		case *duijie.Time:
			*x = duijie.NewTime(time.Date(2026, 11, 20, 10, 0, *n, 0, duijie.CST()))
			*n++
			return
		}
		for i := range v.NumField() {
			filled(v.Field(i), texts, n)
		}
	case reflect.String:
		v.SetString(texts[*n%len(texts)])
		*n++
	case reflect.Int64:
		v.SetInt(int64(*n + 1))
		*n++
	case reflect.Bool:
		v.SetBool(true)
	default:
		panic("filled: " + v.Kind().String())
	}
}

var encodeTexts = []string{"XSTH-1", "退货 <网店> & \"引号\" \\", "tab\tnl\ncr\rbs\bff\fnul\x00esc\x1b del\x7f", "bad \xff\xfe utf8", "sep \u2028 \u2029 end", ""}

func TestSalReturnEncodingIsEncodingJSONs(t *testing.T) {
	var all SalReturnStock
	n := 0
	filled(reflect.ValueOf(&all).Elem(), encodeTexts, &n)
	all.Extra, all.Finance.Extra = nil, nil
	for i := range all.Entries {
		all.Entries[i].Extra = nil
	}
	for name, b := range map[string]SalReturnStock{
		"every field": all,
		"zero":        {},
		"no lines":    {BillNo: "X", Entries: []SalReturnEntry{}},
		"zero line":   {Entries: []SalReturnEntry{{}}},
		"sample": {BillType: RefTo(BillTypeSalReturn), BillNo: "XSTH-1", Date: duijie.NewTime(time.Date(2026, 11, 20, 0, 0, 0, 0, duijie.CST())),
			SaleOrg: RefTo("100"), Customer: RefTo("C<1>&"), StockOrg: RefTo("100"), Finance: &SalReturnFinance{SettleOrg: RefTo("100")},
			Entries: []SalReturnEntry{{Material: RefTo("M1"), RealQty: duijie.AmountFromInt(2), TaxPrice: duijie.AmountFromCents(1999),
				TaxRate: duijie.AmountFromInt(0).Ptr(), Stock: RefTo("WH")}}},
	} {
		want := reflectJSON(t, b)
		if got := b.appendJSON(nil); !bytes.Equal(got, want) {
			t.Errorf("%s:\n got  %s\n want %s", name, got, want)
		}
		if got, err := marshalNoEscape(b); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s through MarshalJSON: %v\n got  %s\n want %s", name, err, got, want)
		}
	}
	if !strings.Contains(string(reflectJSON(t, all)), "FSerialNote") {
		t.Fatal("the filled bill should set every field")
	}
}

func TestSalReturnWithCustomFieldsKeepsThem(t *testing.T) {
	b := SalReturnStock{BillNo: "X", Extra: Extra{"F_A": 1}, Entries: []SalReturnEntry{{Material: RefTo("M"), Extra: Extra{"F_B": "<b>"}}}}
	got, err := marshalNoEscape(b)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"FBillNo":"X","FEntity":[{"FMaterialId":{"FNumber":"M"},"FRealQty":0,"FTaxPrice":0,"FIsFree":false,"F_B":"<b>"}],"F_A":1}`
	if string(got) != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if _, err := marshalNoEscape(SalReturnStock{BillNo: "X", Extra: Extra{"fbillno": "Y"}}); err == nil {
		t.Fatal("a custom field that a typed field writes must be refused")
	}
}

// FuzzSalReturnEncoding compares the bill writer with encoding/json for
// any text in the fields that hold text.
func FuzzSalReturnEncoding(f *testing.F) {
	for _, s := range encodeTexts {
		f.Add(s, s, int64(1), "12.345", true)
	}
	f.Fuzz(func(t *testing.T, a, b string, id int64, amount string, set bool) {
		q, err := duijie.ParseAmount(amount)
		if err != nil {
			q = duijie.AmountFromInt(1)
		}
		bill := SalReturnStock{ID: id, BillNo: a, HeadNote: b, Customer: RefTo(b), SaleOrg: RefTo(a),
			Entries: []SalReturnEntry{{Material: RefTo(a), Note: b, RealQty: q, IsFree: set, Serials: []SerialNumber{{SerialNo: a, Note: b}}}}}
		if set {
			bill.Finance = &SalReturnFinance{ThirdBillNo: b, ExchangeRate: &q}
			bill.Entries[0].TaxRate = &q
		}
		want := reflectJSON(t, bill)
		if got := bill.appendJSON(nil); !bytes.Equal(got, want) {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
		var s string
		if err := json.Unmarshal(jsonx.AppendString(nil, a), &s); err != nil {
			t.Fatalf("invalid JSON string for %q: %v", a, err)
		}
	})
}

// saveData is the data argument of a save as encoding/json writes it: the
// options and the encoded bill or bills.
type saveData struct {
	SaveOptions
	Model any `json:"Model"`
}

func TestSaveBodyIsEncodingJSONsOfSaveData(t *testing.T) {
	bills := []any{
		SalReturnStock{BillNo: "A<1>", SaleOrg: RefTo("1"), StockOrg: RefTo("1"), Customer: RefTo("C"), Entries: []SalReturnEntry{{Material: RefTo("M")}}},
		map[string]any{"FBillNo": "B&2", "FNote": "\u2028"},
		json.RawMessage(` { "FBillNo" : "C3" } `),
		&SalReturnStock{BillNo: "D4", SaleOrg: RefTo("1"), StockOrg: RefTo("1"), Customer: RefTo("C"), Entries: []SalReturnEntry{{Material: RefTo("M")}}, Extra: Extra{"F_X": "<x>"}},
	}
	for _, form := range []BodyForm{BodyNamed, BodyParameters} {
		// One client for every case: later saves start from the size the
		// earlier ones wrote.
		c, err := NewClient(Config{ServerURL: "https://erp.example.com/k3cloud", AcctID: "a", UserName: "u",
			AppID: "224426_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", AppSecret: "s", Body: form})
		if err != nil {
			t.Fatal(err)
		}
		for _, opts := range []SaveOptions{{}, {NeedReturnFields: []string{"FBillNo"}, IsDeleteEntry: FlagFalse, InterationFlags: "a<b", BatchCount: 2}} {
			for _, tc := range []struct {
				op     opIndex
				models []any
			}{{opBatchSave, bills}, {opSave, bills}, {opBatchSave, bills[:1]}, {opSave, bills[:1]}, {opSave, bills[3:]}} {
				op := tc.op
				j, err := c.newSaveJob(operation(op), &BatchSaveRequest{FormID: FormSalReturnStock, Models: tc.models, Options: opts})
				if err != nil {
					t.Fatal(err)
				}
				for i, raw := range j.raws {
					if n, err := numberOf(raw, DefaultNumberField); err != nil || n != j.numbers[i] {
						t.Fatalf("row %d: number %q, the encoded bill has %q (%v)", i, j.numbers[i], n, err)
					}
				}
				pendings := [][]int{{0}}
				if len(tc.models) == 4 {
					pendings = [][]int{{0, 1, 2, 3}, {2}, {1, 3}}
				}
				for _, pending := range pendings {
					var model any = j.raws[pending[0]]
					if op == opBatchSave {
						models := make([]json.RawMessage, len(pending))
						for k, i := range pending {
							models[k] = j.raws[i]
						}
						model = models
					}
					want, err := c.body(namedArg{"formid", FormSalReturnStock}, namedArg{"data", saveData{opts, model}})
					if err != nil {
						t.Fatal(err)
					}
					got, err := j.body(pending)
					if err != nil || !bytes.Equal(got, want) {
						t.Fatalf("form %d op %d options %+v rows %v: %v\n got  %s\n want %s", form, op, opts, pending, err, got, want)
					}
				}
			}
		}
	}
}
