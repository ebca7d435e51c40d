package kingdee

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/duijie/duijie/internal/apierr"
)

// Bill services that write.
const (
	ServiceSave      = DynamicFormService + "Save"
	ServiceBatchSave = DynamicFormService + "BatchSave"
	ServiceDraft     = DynamicFormService + "Draft"
)

// DefaultNumberField is the field a bill's number is looked up by.
const DefaultNumberField = "FBillNo"

// lookupChunk is how many numbers one lookup query asks for.
const lookupChunk = 200

// Numbered is a model that knows its bill number, like SalReturnStock.
type Numbered interface {
	Number() string
}

// SaveRequest is a Save or Draft of one bill.
type SaveRequest struct {
	// FormID is the form, e.g. FormSalReturnStock.
	FormID string
	// Model is the bill: a typed model such as SalReturnStock, a map, or
	// json.RawMessage.
	Model any
	// Number is the bill's number. With it, a save whose outcome is unknown
	// (no answer, a server failure, a lost session) is looked up by number
	// and sent again only if the bill is not there. A Model that is
	// Numbered gives it by itself. Without a number such a failure is
	// returned, never replayed.
	Number string
	// NumberField is the field Number is looked up by; "" means FBillNo
	// (base data uses FNumber).
	NumberField string
	// Options are the save options.
	Options SaveOptions
}

// SaveResult is the outcome of a Save or Draft.
type SaveResult struct {
	// ID and Number are the saved bill's internal id and number.
	ID     string
	Number string
	// Existing is true when the bill was found by number after a failure
	// that hid the outcome: an earlier attempt saved it. NeedReturnData is
	// then empty.
	Existing bool
	// NeedReturnData holds the fields SaveOptions.NeedReturnFields asked for.
	NeedReturnData []json.RawMessage
	// Messages are the server's informational messages.
	Messages []FieldError
}

// Save calls DynamicFormService.Save (保存) for one bill.
//
// A save is never replayed blindly: a second Save of a bill whose first
// Save did reach the server creates a second bill (or, with a fixed
// number, fails). So when the outcome is unknown (the connection failed
// after the request may have been sent, the server answered 5xx, or the
// session was lost and renewed) and the request carries the bill number,
// the client looks the number up with ExecuteBillQuery: a bill that is
// there is reported saved (Existing), one that is not is sent again, up to
// the retry policy's attempt count. Without a number the error is returned.
func (c *Client) Save(ctx context.Context, req *SaveRequest) (*SaveResult, error) {
	return c.saveOne(ctx, ServiceSave, req)
}

// Draft calls DynamicFormService.Draft (暂存): Save's arguments, stored as
// a draft without validation; the same lookup rule applies.
func (c *Client) Draft(ctx context.Context, req *SaveRequest) (*SaveResult, error) {
	return c.saveOne(ctx, ServiceDraft, req)
}

func (c *Client) saveOne(ctx context.Context, service string, req *SaveRequest) (*SaveResult, error) {
	if req == nil {
		return nil, apierr.Invalid(vendor, "SaveRequest", apierr.RuleRequired, "")
	}
	number := req.Number
	if n, ok := req.Model.(Numbered); ok && number == "" {
		number = n.Number()
	}
	b := BatchSaveRequest{FormID: req.FormID, Models: []any{req.Model}, NumberField: req.NumberField, Options: req.Options}
	if number != "" {
		b.Numbers = []string{number}
	}
	b.Options.BatchCount = 0
	res, err := c.saveBatch(ctx, service, &b)
	if res == nil || len(res.Rows) == 0 {
		return nil, err
	}
	row := res.Rows[0]
	if !row.Saved {
		if row.err != nil {
			return nil, row.err
		}
		return nil, err
	}
	return &SaveResult{ID: row.ID, Number: row.Number, Existing: row.Existing, NeedReturnData: res.NeedReturnData, Messages: res.Messages}, nil
}

// BatchSaveRequest is a BatchSave of several bills of one form.
type BatchSaveRequest struct {
	// FormID is the form, e.g. FormSalReturnStock.
	FormID string
	// Models are the bills, in the order results are reported.
	Models []any
	// Numbers are the bills' numbers, one per model, for the lookup after a
	// failure that hid the outcome; nil takes them from Numbered models.
	// Every model needs one for the lookup to be used.
	Numbers []string
	// NumberField is the field numbers are looked up by; "" means FBillNo.
	NumberField string
	// SkipExisting looks the numbers up before sending and skips the bills
	// already there (reported Existing), so a run repeated after a crash
	// does not fail on bills an earlier run saved. It costs one query per
	// 200 bills.
	SkipExisting bool
	// Options are the save options.
	Options SaveOptions
}

// BatchSaveResult is the outcome of every bill of a BatchSave, in input order.
type BatchSaveResult struct {
	// Rows has one entry per model.
	Rows []SaveOutcome
	// NeedReturnData holds the fields NeedReturnFields asked for, as the
	// server returned them.
	NeedReturnData []json.RawMessage
	// Messages are the server's informational messages.
	Messages []FieldError
}

// SaveOutcome is the outcome of one bill of a BatchSave.
type SaveOutcome struct {
	// Index is the bill's position in the request, from 0.
	Index int
	// Number is the bill number: the server's, or the request's.
	Number string
	// ID is the saved bill's internal id.
	ID string
	// Saved is true when the bill is in Kingdee.
	Saved bool
	// Existing is true when the bill was found by number rather than saved
	// by this call's answer (SkipExisting, or a lookup after a failure that
	// hid the outcome).
	Existing bool
	// Errors are the server's messages for a bill that was not saved.
	Errors []FieldError

	err error
}

// Saved counts the saved bills.
func (r *BatchSaveResult) Saved() int {
	n := 0
	for _, row := range r.Rows {
		if row.Saved {
			n++
		}
	}
	return n
}

// BatchSave calls DynamicFormService.BatchSave (批量保存) with Model as an
// array and maps the answer back to the input by DIndex. Every bill has an
// outcome: when some fail, the result holds them all and the error is a
// *BatchError naming the failed rows. The lookup rule of Save applies to
// the bills whose outcome a failure hid; only the bills not found are sent
// again.
func (c *Client) BatchSave(ctx context.Context, req *BatchSaveRequest) (*BatchSaveResult, error) {
	return c.saveBatch(ctx, ServiceBatchSave, req)
}

// SaveSalReturns saves sales returns with BatchSave, looked up by their
// bill numbers after a failure that hides the outcome.
func (c *Client) SaveSalReturns(ctx context.Context, bills []SalReturnStock, skipExisting bool, opts SaveOptions) (*BatchSaveResult, error) {
	models := make([]any, len(bills))
	for i := range bills {
		models[i] = bills[i]
	}
	return c.BatchSave(ctx, &BatchSaveRequest{FormID: FormSalReturnStock, Models: models, SkipExisting: skipExisting, Options: opts})
}

// check refuses a request before anything is sent and returns the numbers.
func (req *BatchSaveRequest) check() ([]string, error) {
	switch {
	case req == nil:
		return nil, apierr.Invalid(vendor, "BatchSaveRequest", apierr.RuleRequired, "")
	case strings.TrimSpace(req.FormID) == "":
		return nil, apierr.Invalid(vendor, "FormID", apierr.RuleRequired, "")
	case len(req.Models) == 0:
		return nil, apierr.Invalid(vendor, "Models", apierr.RuleRequired, "at least one bill")
	case req.Numbers != nil && len(req.Numbers) != len(req.Models):
		return nil, apierr.Invalid(vendor, "Numbers", apierr.RuleConflict, fmt.Sprintf("%d numbers for %d models", len(req.Numbers), len(req.Models)))
	}
	numbers := req.Numbers
	if numbers == nil {
		numbers = make([]string, len(req.Models))
		for i, m := range req.Models {
			if n, ok := m.(Numbered); ok {
				numbers[i] = n.Number()
			}
		}
	}
	for i, m := range req.Models {
		v, ok := m.(interface{ Validate() error })
		if !ok {
			continue
		}
		if err := v.Validate(); err != nil {
			var ve *apierr.ValidationError
			if errors.As(err, &ve) {
				ve.Field = fmt.Sprintf("Models[%d].%s", i, ve.Field)
			}
			return nil, err
		}
	}
	seen := make(map[string]int, len(numbers))
	complete := true
	for i, n := range numbers {
		if req.Models[i] == nil {
			return nil, apierr.Invalid(vendor, fmt.Sprintf("Models[%d]", i), apierr.RuleRequired, "")
		}
		if n == "" {
			complete = false
			continue
		}
		if j, dup := seen[n]; dup {
			return nil, apierr.Invalid(vendor, fmt.Sprintf("Numbers[%d]", i), apierr.RuleConflict, fmt.Sprintf("number %q is also row %d", n, j))
		}
		seen[n] = i
	}
	if !complete {
		if req.SkipExisting {
			return nil, apierr.Invalid(vendor, "Numbers", apierr.RuleRequired, "SkipExisting needs every bill's number")
		}
		return nil, nil
	}
	return numbers, nil
}

// saveData is the data argument of a save: the options and the model.
type saveData struct {
	SaveOptions
	Model any `json:"Model"`
}

// saveBatch is Save, Draft and BatchSave: send, map rows, and after a
// failure that hid the outcome look the pending numbers up and send again
// only what is missing.
func (c *Client) saveBatch(ctx context.Context, service string, req *BatchSaveRequest) (*BatchSaveResult, error) {
	numbers, err := req.check()
	if err != nil {
		return nil, err
	}
	field := req.NumberField
	if field == "" {
		field = DefaultNumberField
	}
	out := &BatchSaveResult{Rows: make([]SaveOutcome, len(req.Models))}
	pending := make([]int, 0, len(req.Models))
	for i := range req.Models {
		out.Rows[i] = SaveOutcome{Index: i}
		if numbers != nil {
			out.Rows[i].Number = numbers[i]
		}
		pending = append(pending, i)
	}
	if req.SkipExisting {
		if pending, err = c.markExisting(ctx, req.FormID, field, numbers, pending, out); err != nil {
			return nil, err
		}
	}
	attempts := c.t.Settings().Retry.MaxAttempts
	for round := 1; len(pending) > 0; round++ {
		err = c.sendSave(ctx, service, req, pending, out)
		if err == nil || errors.Is(err, errRows) {
			err = nil
			break
		}
		if numbers == nil || !ambiguous(err) || round >= attempts {
			break
		}
		var lerr error
		if pending, lerr = c.markExisting(ctx, req.FormID, field, numbers, pending, out); lerr != nil {
			err = fmt.Errorf("%w; looking the bills up by number failed too: %w", err, lerr)
			break
		}
		if len(pending) == 0 {
			err = nil // every bill was found: the failed call had saved them
		}
	}
	if err == nil {
		return out, c.rowErrors(service, out)
	}
	if out.Saved() == 0 {
		return nil, err
	}
	// Some bills are known saved (found by number); the rest share the
	// call's error.
	for _, i := range pending {
		out.Rows[i].err = err
	}
	return out, fmt.Errorf("%w: %w", c.rowErrors(service, out), err)
}

// errRows marks a send whose answer mapped every row (some failed).
var errRows = errors.New("rows failed")

// sendSave sends the pending models once and records their outcomes. It
// returns errRows when the answer mapped every row, or the call's error.
func (c *Client) sendSave(ctx context.Context, service string, req *BatchSaveRequest, pending []int, out *BatchSaveResult) error {
	var model any
	if service == ServiceBatchSave {
		models := make([]any, len(pending))
		for k, i := range pending {
			models[k] = req.Models[i]
		}
		model = models
	} else {
		model = req.Models[pending[0]]
	}
	body, err := c.body(namedArg{"formid", req.FormID}, namedArg{"data", saveData{req.Options, model}})
	if err != nil {
		return apierr.Invalid(vendor, "Models", apierr.RuleFormat, err.Error())
	}
	res, err := c.do(ctx, opCall{name: service}, body)
	if err != nil {
		return err
	}
	env, st, err := status(res, shortName(service))
	if err != nil {
		return err
	}
	out.NeedReturnData = append(out.NeedReturnData, env.NeedReturnData...)
	out.Messages = append(out.Messages, st.SuccessMessages...)
	reported := make([]bool, len(pending))
	for _, s := range st.SuccessEntitys {
		if s.DIndex < 0 || s.DIndex >= len(pending) {
			continue
		}
		row := &out.Rows[pending[s.DIndex]]
		row.Saved, row.ID, reported[s.DIndex] = true, string(s.ID), true
		if s.Number != "" {
			row.Number = s.Number
		}
	}
	if service != ServiceBatchSave && bool(st.IsSuccess) && !reported[0] && env.ID != "" {
		row := &out.Rows[pending[0]]
		row.Saved, row.ID, reported[0] = true, string(env.ID), true
		if env.Number != "" {
			row.Number = env.Number
		}
	}
	if st.IsSuccess {
		for k, i := range pending {
			if !reported[k] {
				out.Rows[i].Saved = true
			}
		}
		return nil
	}
	callErr := c.failure(res, shortName(service), st)
	for _, e := range st.Errors {
		if e.DIndex >= 0 && e.DIndex < len(pending) && !out.Rows[pending[e.DIndex]].Saved {
			row := &out.Rows[pending[e.DIndex]]
			row.Errors = append(row.Errors, e)
		}
	}
	for _, i := range pending {
		row := &out.Rows[i]
		if row.Saved {
			continue
		}
		e := *callErr
		if len(row.Errors) > 0 {
			one := *st
			one.Errors = row.Errors
			e.Message = c.t.Redactor().String(one.message())
		}
		row.err = &e
	}
	if classForStatus(st) == apierr.ErrTemporary {
		return callErr
	}
	return errRows
}

// markExisting looks the pending bills up by number, marks those found as
// saved (Existing) and returns those still missing.
func (c *Client) markExisting(ctx context.Context, formID, field string, numbers []string, pending []int, out *BatchSaveResult) ([]int, error) {
	found := make(map[string]string, len(pending))
	for start := 0; start < len(pending); start += lookupChunk {
		chunk := pending[start:min(start+lookupChunk, len(pending))]
		quoted := make([]string, len(chunk))
		for k, i := range chunk {
			quoted[k] = Quote(numbers[i])
		}
		q := &BillQuery{FormID: formID, FieldKeys: []string{"FID", field},
			Filter: field + " IN (" + strings.Join(quoted, ",") + ")", OrderBy: "FID ASC"}
		for row, err := range c.Rows(ctx, q) {
			if err != nil {
				return nil, err
			}
			found[row.String(1)] = row.String(0)
		}
	}
	var missing []int
	for _, i := range pending {
		id, ok := found[numbers[i]]
		if !ok {
			missing = append(missing, i)
			continue
		}
		row := &out.Rows[i]
		row.Saved, row.Existing, row.ID, row.Errors, row.err = true, true, id, nil, nil
	}
	return missing, nil
}

// rowErrors is the BatchError of the rows not saved, or nil.
func (c *Client) rowErrors(service string, out *BatchSaveResult) error {
	be := &BatchError{Vendor: vendor, Operation: shortName(service), Total: len(out.Rows)}
	for _, row := range out.Rows {
		if row.Saved {
			continue
		}
		re := RowError{Index: row.Index, Key: row.Number, Err: row.err}
		if e, ok := apierr.AsAPIError(row.err); ok {
			re.Code, re.Message, re.Err = e.Code, e.Message, e.Class
		}
		if row.err == nil {
			re.Message = "the answer reports no outcome for this bill"
		}
		be.Failed = append(be.Failed, re)
	}
	if len(be.Failed) == 0 {
		return nil
	}
	return be
}
