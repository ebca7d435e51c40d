package kingdee

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/duijie/duijie"
)

// This file holds what every typed form shares: the request of a typed
// save, the one save path they all take (BatchSave with the look-up by
// number), and the helpers their encoders, validators and comparisons use.

// SaveBillsRequest is a save of typed bills of one form with BatchSave
// (批量保存). B is the form's model, e.g. SalOutStock. Each bill is
// checked with its Validate before anything is sent; a refusal names the
// bill as Models[i] with the field's path, e.g. Models[2].FEntity[0].FRealQty.
type SaveBillsRequest[B any] struct {
	// Bills are the bills, at most MaxBatchSave, in the order results are
	// reported. Give every bill its number (FBillNo, or FNumber for base
	// data): it is the key an unclear outcome is settled by.
	Bills []B
	// SkipExisting looks the numbers up before sending and skips the bills
	// already there (see BatchSaveRequest.SkipExisting).
	SkipExisting bool
	// Options are the save options.
	Options SaveOptions
}

// typedBill is a typed model the shared save path writes: it checks itself
// before anything is sent and names what a bill found by its number is
// compared by.
type typedBill interface {
	Comparable
	Validate() error
}

// formKey names a typed form, the field its bills are looked up by
// (FBillNo for bills, FNumber for base data) and the field of their
// internal id ("" for FID; base data has its own).
type formKey struct {
	id      string
	number  string
	idField string
}

// saveBills is the one save of typed bills: every typed form's method
// calls it with its row of the operation table and its form, so every
// form gets BatchSave's outcomes and its replay rule (never replayed
// blindly; unclear outcomes looked up by the form's number field, bills
// not found sent again after the settle delay).
func saveBills[B typedBill](ctx context.Context, c *Client, op opIndex, form formKey, req *SaveBillsRequest[B]) (*BatchSaveResult, error) {
	row := operation(op)
	if req == nil {
		return nil, duijie.Invalid(vendor, row.Name+"Request", duijie.RuleRequired, "")
	}
	models := make([]any, len(req.Bills))
	for i := range req.Bills {
		models[i] = req.Bills[i]
	}
	return c.saveBatch(ctx, row, &BatchSaveRequest{FormID: form.id, NumberField: form.number, IDField: form.idField,
		Models: models, SkipExisting: req.SkipExisting, Options: req.Options})
}

// withExtra writes v (a model's plain struct, without its MarshalJSON)
// followed by its custom fields.
func withExtra(v any, extra Extra) ([]byte, error) {
	out, err := marshalNoEscape(v)
	if err != nil {
		return nil, err
	}
	return appendExtra(out, extra)
}

// refField is a reference a validator requires.
type refField struct {
	key string
	ref Ref
}

// requireRefs refuses the first empty reference; at builds the field's
// path, only for a refusal.
func requireRefs(at func(string) string, fields ...refField) error {
	for _, f := range fields {
		if f.ref.IsZero() {
			return duijie.Invalid(vendor, at(f.key), duijie.RuleRequired, "")
		}
	}
	return nil
}

// amountField is a quantity, price or rate a validator checks; signed
// allows a negative value.
type amountField struct {
	key    string
	v      *duijie.Amount
	signed bool
}

// checkAmounts refuses the first set amount that is negative (unless
// signed) or that the server's System.Decimal cannot hold as sent.
func checkAmounts(at func(string) string, fields ...amountField) error {
	for _, f := range fields {
		if f.v == nil {
			continue
		}
		if !f.signed && f.v.IsNegative() {
			return duijie.Invalid(vendor, at(f.key), duijie.RuleNegative, "")
		}
		if rule, detail := decimalProblem(*f.v); rule != "" {
			return duijie.Invalid(vendor, at(f.key), rule, detail)
		}
	}
	return nil
}

// head is the path of a header field.
func head(field string) string { return field }

// lineAt returns the path builder of line i of the entry array entity.
func lineAt(entity string, i int) func(string) string {
	return func(field string) string { return fmt.Sprintf("%s[%d].%s", entity, i, field) }
}

// requireLines refuses a bill without lines.
func requireLines(entity string, n int) error {
	if n == 0 {
		return duijie.Invalid(vendor, entity, duijie.RuleRequired, "at least one line")
	}
	return nil
}

// dateText writes a time as a compared value: "2006-01-02 15:04:05" in
// China Standard Time, as canon reads the server's answer.
func dateText(t duijie.Time) string { return t.In(duijie.CST()).Format(time.DateTime) }

// comparison is what a typed bill is compared by: the header's keys and
// values, and the lines' keys with each line's values. It builds
// CompareKeys and CompareRows: one row per line, the header values first;
// a bill without lines (base data) compares one row of header values.
type comparison struct {
	headKeys, headVals []string
	lineKeys           []string
	lines              [][]string
}

// add appends a header key and its value.
func (c *comparison) add(key, val string) {
	c.headKeys = append(c.headKeys, key)
	c.headVals = append(c.headVals, val)
}

// keys are the CompareKeys.
func (c *comparison) keys() []string {
	return append(append([]string(nil), c.headKeys...), c.lineKeys...)
}

// rows are the CompareRows.
func (c *comparison) rows() [][]string {
	if len(c.lineKeys) == 0 {
		return [][]string{append([]string(nil), c.headVals...)}
	}
	out := make([][]string, len(c.lines))
	for i, l := range c.lines {
		out[i] = append(append(make([]string, 0, len(c.headVals)+len(l)), c.headVals...), l...)
	}
	return out
}

// allSet reports whether each of n lines sets the optional amount get
// returns for it, so the amount can be compared: one left to the server is
// not known beforehand.
func allSet(n int, get func(i int) *duijie.Amount) bool {
	for i := range n {
		if get(i) == nil {
			return false
		}
	}
	return true
}

// requireText refuses an empty (or all white space) text field.
func requireText(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return duijie.Invalid(vendor, field, duijie.RuleRequired, "")
	}
	return nil
}
