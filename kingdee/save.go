package kingdee

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/jsonx"
	"github.com/duijie/duijie/internal/transport"
)

// Bill services that write.
const (
	ServiceSave      = DynamicFormService + "Save"
	ServiceBatchSave = DynamicFormService + "BatchSave"
	ServiceDraft     = DynamicFormService + "Draft"
)

// DefaultNumberField is the field a bill's number is looked up by.
const DefaultNumberField = "FBillNo"

// DefaultIDField is the field of a bill's internal id, read by the look-up
// by number. Base data has its own (FMATERIALID, FCUSTID, FSupplierId).
const DefaultIDField = "FID"

// DefaultSettleDelay is how long a save waits, after a look-up that found
// nothing, before it looks again and only then sends the bill again: a
// server that received the bill may commit it seconds after the answer was
// lost. SaveOptions.SettleDelay changes it.
const DefaultSettleDelay = 5 * time.Second

// takenLookups is how many times a bill whose number the server refused
// as taken is looked up (with the settle delay between) before its outcome
// is reported unknown.
const takenLookups = 3

// MaxBatchSave is the most bills one BatchSave (or SaveSalReturns) sends.
// Kingdee documents no cap; this is the SDK's: a call holds every bill in
// one request body and one server-side save, and its look-ups after an
// unclear outcome cost a query per 200 numbers, so a larger set is split by
// the caller into calls of at most this many.
const MaxBatchSave = 1000

// lookupChunk is how many numbers one lookup query asks for.
const lookupChunk = 200

// ErrConflict is the class of a *ConflictError: a bill with the number sent
// exists in Kingdee with other content. Nothing was written; the caller
// decides which bill is right.
var ErrConflict = errors.New("kingdee: a bill with this number exists with other content")

// ErrOutcomeUnknown marks a save whose outcome no answer and no look-up
// settled: the bill may have arrived. Look it up before sending it again,
// and never count it as saved.
var ErrOutcomeUnknown = errors.New("kingdee: outcome unknown, the bill may have arrived")

// Comparable is a bill that can be checked against a stored bill found by
// its number, so that a bill found after an unclear outcome or a
// duplicate-number refusal is reported Existing only when it is the bill
// that was sent. Every typed model (SalReturnStock, SalOutStock, Material
// …) implements it.
type Comparable interface {
	// CompareKeys are the ExecuteBillQuery field keys to compare, header
	// fields and line fields alike (the query answers one row per line
	// when a key is a line field).
	CompareKeys() []string
	// CompareRows are the values the stored bill must answer for
	// CompareKeys, one row per line, in any order. Values are compared as
	// decimals when both sides are numbers, as times when both are times,
	// and as text otherwise.
	CompareRows() [][]string
}

// Difference is one field in which a stored bill differs from the bill sent.
type Difference struct {
	// Field is the field key, or "lines" when the lines differ as a whole.
	Field string
	// Sent and Stored are the values, lines joined by " | ".
	Sent, Stored string
}

// ConflictError says that a bill with the number sent already exists with
// other content. errors.Is(err, ErrConflict) is true.
type ConflictError struct {
	// FormID and Number name the bill.
	FormID, Number string
	// ID is the stored bill's internal id (FID).
	ID string
	// Differences are the fields that differ.
	Differences []Difference
}

// Error names the bill and the first differences.
func (e *ConflictError) Error() string {
	return fmt.Sprintf("kingdee: bill %s %q %s", e.FormID, e.Number, e.detail())
}

// detail says how the stored bill differs, without naming it.
func (e *ConflictError) detail() string {
	var b strings.Builder
	fmt.Fprintf(&b, "exists as FID %s with other content", e.ID)
	for i, d := range e.Differences {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(e.Differences)-3)
			break
		}
		fmt.Fprintf(&b, "; %s: sent %q, stored %q", d.Field, d.Sent, d.Stored)
	}
	return b.String()
}

// Unwrap returns ErrConflict.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// RowStatus is what became of one bill of a save.
type RowStatus int

const (
	// RowUnknown: no answer accounted for the bill and no look-up settled
	// it, so it may have arrived. It is the zero value: a bill nothing was
	// learned about is never counted saved.
	RowUnknown RowStatus = iota
	// RowSaved: the server's answer reports the bill saved.
	RowSaved
	// RowExisting: a bill with this number was found in Kingdee and, for a
	// Comparable model, matches what was sent (an earlier attempt or run
	// saved it).
	RowExisting
	// RowConflict: a bill with this number exists with other content;
	// nothing was written.
	RowConflict
	// RowFailed: the server refused the bill, or a look-up after an unclear
	// outcome found it absent and no attempt was left to send it again.
	RowFailed
)

// String names the status.
func (s RowStatus) String() string {
	switch s {
	case RowUnknown:
		return "unknown"
	case RowSaved:
		return "saved"
	case RowExisting:
		return "existing"
	case RowConflict:
		return "conflict"
	case RowFailed:
		return "failed"
	}
	return fmt.Sprintf("RowStatus(%d)", int(s))
}

// SaveRequest is a Save or Draft of one bill.
type SaveRequest struct {
	// FormID is the form, e.g. FormSalReturnStock.
	FormID string
	// Model is the bill: a typed model such as SalReturnStock, a map, or
	// json.RawMessage; it must encode as a JSON object. Its number is read
	// from the encoded bill itself (the NumberField key), so the number
	// looked up is always the number sent.
	Model any
	// NumberField is the field the number is read from and looked up by;
	// "" means FBillNo (base data uses FNumber).
	NumberField string
	// IDField is the field of the internal id a look-up reads; "" means
	// FID (base data has its own: FMATERIALID, FSupplierId, FCUSTID).
	IDField string
	// Options are the save options.
	Options SaveOptions
}

// SaveResult is the outcome of a Save or Draft.
type SaveResult struct {
	// ID and Number are the saved (or found) bill's internal id and number.
	ID     string
	Number string
	// Status is RowSaved, RowExisting or, with a *ConflictError, RowConflict.
	Status RowStatus
	// Existing is true when the bill was found by number after an outcome
	// the answer did not settle: an earlier attempt saved it.
	// NeedReturnData is then empty.
	Existing bool
	// Verified is true when an Existing bill's content was compared with
	// what was sent and matched (the model is Comparable).
	Verified bool
	// NeedReturnData holds the fields SaveOptions.NeedReturnFields asked for.
	NeedReturnData []json.RawMessage
	// Messages are the server's informational messages.
	Messages []FieldError
}

// Save calls DynamicFormService.Save (保存) for one bill.
//
// Replay rule: Kingdee does not de-duplicate saves, so a save is never
// replayed blindly, on any answer: not after a reset or timeout, not after
// a 5xx, not after a throttle (MsgCode 14 or HTTP 429, which Kingdee does
// not document as refused before processing), not after a lost session.
// After any such unclear outcome a bill with a number is looked up by
// number; if it is not there the client waits SaveOptions.SettleDelay and
// looks again, and only then sends it again, up to the retry policy's
// attempt count. A server that refuses the number as taken, on a resend or
// on the first send, means a bill with that number exists: it is looked up
// and compared with what was sent, and reported Existing when it matches
// and as a *ConflictError (ErrConflict) when it does not. A bill without a
// number is never sent twice: its unclear outcome is an error matching
// ErrOutcomeUnknown and the cause.
func (c *Client) Save(ctx context.Context, req *SaveRequest) (*SaveResult, error) {
	return c.saveOne(ctx, operation(opSave), req)
}

// Draft calls DynamicFormService.Draft (暂存): Save's arguments, stored as
// a draft without validation. Save's replay rule applies: never replayed
// blindly; looked up by number after an unclear outcome.
func (c *Client) Draft(ctx context.Context, req *SaveRequest) (*SaveResult, error) {
	return c.saveOne(ctx, operation(opDraft), req)
}

// saveOne is Save or Draft (op): a save of one bill.
func (c *Client) saveOne(ctx context.Context, op duijie.Operation, req *SaveRequest) (*SaveResult, error) {
	if req == nil {
		return nil, duijie.Invalid(vendor, "SaveRequest", duijie.RuleRequired, "")
	}
	b := BatchSaveRequest{FormID: req.FormID, Models: []any{req.Model}, NumberField: req.NumberField, IDField: req.IDField, Options: req.Options}
	b.Options.BatchCount = 0
	res, err := c.saveBatch(ctx, op, &b)
	if res == nil || len(res.Rows) == 0 {
		return nil, err
	}
	row := res.Rows[0]
	out := &SaveResult{ID: row.ID, Number: row.Number, Status: row.Status, Existing: row.Existing, Verified: row.Verified,
		NeedReturnData: res.NeedReturnData, Messages: res.Messages}
	switch row.Status {
	case RowSaved, RowExisting:
		return out, nil
	case RowConflict:
		return out, row.err
	case RowUnknown:
		return nil, fmt.Errorf("kingdee %s: bill %q: %w: %w", shortName(op.Wire), row.Number, ErrOutcomeUnknown, row.err)
	}
	return nil, row.err
}

// BatchSaveRequest is a BatchSave of several bills of one form.
type BatchSaveRequest struct {
	// FormID is the form, e.g. FormSalReturnStock.
	FormID string
	// Models are the bills, in the order results are reported. Each must
	// encode as a JSON object; its number is read from the encoded bill
	// (the NumberField key), so the number looked up is the number sent.
	Models []any
	// NumberField is the field numbers are read from and looked up by; ""
	// means FBillNo (base data uses FNumber).
	NumberField string
	// IDField is the field of the internal id a look-up reads; "" means
	// FID (base data has its own: FMATERIALID, FSupplierId, FCUSTID).
	IDField string
	// SkipExisting looks the numbers up before sending and skips the bills
	// already there (reported Existing, or RowConflict when a Comparable
	// bill differs), so a run repeated after a crash does not fail on bills
	// an earlier run saved. It costs one query per 200 bills.
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
	// Number is the bill number: the server's, or the one sent.
	Number string
	// ID is the saved or found bill's internal id.
	ID string
	// Status is what became of the bill; Saved and Existing summarise it.
	Status RowStatus
	// Saved is true when the bill is in Kingdee as sent (RowSaved or
	// RowExisting).
	Saved bool
	// Existing is true when the bill was found by number rather than saved
	// by this call's answer (RowExisting).
	Existing bool
	// Verified is true when an Existing bill's content was compared with
	// what was sent and matched (the model is Comparable).
	Verified bool
	// Differences are how a RowConflict bill differs from the one sent.
	Differences []Difference
	// Errors are the server's messages for a bill that was not saved.
	Errors []FieldError

	err error
}

// Saved counts the bills in Kingdee as sent (saved or existing).
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
// outcome: when some are not saved, the result holds them all and the error
// is a *BatchError naming them. A bill the answer does not account for (an
// answer that names only some rows, or none) is never taken as saved: it
// is looked up by number like any unclear outcome, and reported
// RowUnknown (RowError.OutcomeUnknown) when no look-up settles it. Save's
// replay rule applies: never replayed blindly; only the bills not found
// after the settle delay are sent again.
func (c *Client) BatchSave(ctx context.Context, req *BatchSaveRequest) (*BatchSaveResult, error) {
	return c.saveBatch(ctx, operation(opBatchSave), req)
}

// SaveSalReturnsRequest is a save of sales returns (销售退货单) with
// BatchSave.
type SaveSalReturnsRequest = SaveBillsRequest[SalReturnStock]

// SaveSalReturnsResponse is the outcome of every bill of a SaveSalReturns,
// in input order (Rows[i] for Bills[i]): the result every typed save
// returns.
type SaveSalReturnsResponse = BatchSaveResult

// SaveSalReturns saves sales returns (form SAL_RETURNSTOCK) with
// DynamicFormService.BatchSave (批量保存). Every bill has an outcome, with
// BatchSave's errors: when some are not saved, the response holds them all
// and the error is a *BatchError naming them, a bill no answer and no
// look-up accounted for being RowUnknown (RowError.OutcomeUnknown).
// BatchSave's replay rule applies: never replayed blindly, looked up by
// bill number and compared with what was sent after an unclear outcome.
// Validation errors name the bills as Models[i], as BatchSave's do.
func (c *Client) SaveSalReturns(ctx context.Context, req *SaveSalReturnsRequest) (*SaveSalReturnsResponse, error) {
	return saveBills(ctx, c, opSaveSalReturns, formKey{id: FormSalReturnStock, number: DefaultNumberField}, req)
}

// saveJob is one Save, Draft or BatchSave: the encoded bills, their numbers
// and the outcome so far. op is the row of the method called (SaveSalReturns
// has its own, on the BatchSave service).
type saveJob struct {
	c     *Client
	op    duijie.Operation
	req   *BatchSaveRequest
	field string
	// idField is the internal id's field: FID for bills, the form's own
	// for base data (FMATERIALID, FCUSTID, FSupplierId).
	idField string
	settle  time.Duration
	raws    []json.RawMessage
	numbers []string
	out     *BatchSaveResult
	// options are the save options as JSON, written once.
	options []byte
	// first is the body sending every bill, written with the bills (named
	// body form only).
	first []byte
}

// maxBodyHint caps the room a save's body is given before its bills are
// written.
const maxBodyHint = 1 << 20

// newSaveJob refuses a request before anything is sent (the bill count
// under op.MaxBatch included), encodes every bill once and reads each
// number from the encoded bill.
func (c *Client) newSaveJob(op duijie.Operation, req *BatchSaveRequest) (*saveJob, error) {
	switch {
	case req == nil:
		return nil, duijie.Invalid(vendor, "BatchSaveRequest", duijie.RuleRequired, "")
	case strings.TrimSpace(req.FormID) == "":
		return nil, duijie.Invalid(vendor, "FormID", duijie.RuleRequired, "")
	case len(req.Models) == 0:
		return nil, duijie.Invalid(vendor, "Models", duijie.RuleRequired, "at least one bill")
	case op.MaxBatch > 0 && len(req.Models) > op.MaxBatch:
		return nil, duijie.Invalid(vendor, "Models", duijie.RuleTooMany, fmt.Sprintf("at most %d bills per call, got %d", op.MaxBatch, len(req.Models)))
	case req.Options.SettleDelay < 0:
		return nil, duijie.Invalid(vendor, "Options.SettleDelay", duijie.RuleNegative, "")
	}
	j := &saveJob{c: c, op: op, req: req, field: req.NumberField, settle: req.Options.SettleDelay,
		raws: make([]json.RawMessage, len(req.Models)), numbers: make([]string, len(req.Models)),
		out: &BatchSaveResult{Rows: make([]SaveOutcome, len(req.Models))}}
	if j.field == "" {
		j.field = DefaultNumberField
	}
	j.idField = req.IDField
	if j.idField == "" {
		j.idField = DefaultIDField
	}
	if j.settle == 0 {
		j.settle = DefaultSettleDelay
	}
	// enc holds the typed bills, written one after the other; in the named
	// body form it is the body of the first send, the bills written
	// straight into it between the arguments and the closing brackets.
	var enc []byte
	if size := c.billBytes.Load(); size > 0 {
		// At most maxBodyHint up front, so one large bill does not size
		// every later body: a larger one grows as it is written.
		enc = make([]byte, 0, min(192+len(req.FormID)+int(size+size/8)*len(req.Models), maxBodyHint))
	}
	batch := op.Wire == ServiceBatchSave
	prebuilt := false
	if c.cfg.Body == BodyNamed && (batch || len(req.Models) == 1) {
		if opts, err := marshalNoEscape(req.Options); err == nil {
			prebuilt = true
			j.options = opts
			enc = jsonx.AppendString(append(enc, `{"formid":`...), req.FormID)
			enc = append(enc, `,"data":`...)
			enc = append(enc, opts[:len(opts)-1]...)
			if len(opts) > 2 {
				enc = append(enc, ',')
			}
			enc = append(enc, `"Model":`...)
			if batch {
				enc = append(enc, '[')
			}
		}
		// Otherwise send reports the options' error, after the bills are
		// checked.
	}
	for i, m := range req.Models {
		if m == nil {
			return nil, duijie.Invalid(vendor, fmt.Sprintf("Models[%d]", i), duijie.RuleRequired, "")
		}
		if v, ok := m.(interface{ Validate() error }); ok {
			if err := v.Validate(); err != nil {
				var ve *duijie.ValidationError
				if errors.As(err, &ve) {
					ve.Field = fmt.Sprintf("Models[%d].%s", i, ve.Field)
				}
				return nil, err
			}
		} else if err := limits.CheckAt(fmt.Sprintf("Models[%d]", i), m); err != nil {
			// Map and raw models: the universal rules, so bad bytes are
			// refused instead of travelling as U+FFFD.
			return nil, err
		}
		if prebuilt && i > 0 {
			enc = append(enc, ',')
		}
		start := len(enc)
		if b := plainSalReturn(m); b != nil {
			// A typed bill without custom fields: written in one pass,
			// and its number is the BillNo it writes (Validate has
			// checked it is valid UTF-8, so it reads back as is).
			enc = b.appendJSON(enc)
			raw := json.RawMessage(enc[start:len(enc):len(enc)])
			if equalFold(j.field, DefaultNumberField) && utf8.ValidString(b.BillNo) {
				if err := j.checkNumber(i, b.BillNo); err != nil {
					return nil, err
				}
				j.raws[i], j.numbers[i] = raw, b.BillNo
				j.out.Rows[i] = SaveOutcome{Index: i, Number: b.BillNo}
			} else if err := j.keep(i, raw); err != nil {
				return nil, err
			}
		} else {
			raw, err := marshalNoEscape(m)
			if err != nil {
				return nil, duijie.Invalid(vendor, fmt.Sprintf("Models[%d]", i), duijie.RuleFormat, err.Error())
			}
			if err := j.keep(i, raw); err != nil {
				return nil, err
			}
			if prebuilt {
				enc = append(enc, raw...)
			}
		}
		if i == 0 && len(enc) > start {
			c.billBytes.Store(int64(len(enc) - start))
			if len(req.Models) > 1 {
				// Room for the other bills, sized by the first.
				enc = slices.Grow(enc, (len(enc)-start+1)*(len(req.Models)-1)*9/8+8)
			}
		}
	}
	if prebuilt {
		if batch {
			enc = append(enc, ']')
		}
		j.first = append(enc, '}', '}')
	}
	seen := make(map[string]int, len(j.numbers))
	complete := true
	for i, n := range j.numbers {
		if n == "" {
			complete = false
			continue
		}
		if k, dup := seen[n]; dup {
			return nil, duijie.Invalid(vendor, fmt.Sprintf("Models[%d].%s", i, j.field), duijie.RuleConflict, fmt.Sprintf("number %q is also row %d", n, k))
		}
		seen[n] = i
	}
	if !complete && req.SkipExisting {
		return nil, duijie.Invalid(vendor, j.field, duijie.RuleRequired, "SkipExisting needs every bill's number")
	}
	return j, nil
}

// keep reads the number of model i from its encoded form raw and keeps
// both.
func (j *saveJob) keep(i int, raw json.RawMessage) error {
	number, err := numberOf(raw, j.field)
	if errors.Is(err, errNotObject) {
		return duijie.Invalid(vendor, fmt.Sprintf("Models[%d]", i), duijie.RuleFormat, err.Error())
	}
	if err != nil {
		return duijie.Invalid(vendor, fmt.Sprintf("Models[%d].%s", i, j.field), duijie.RuleFormat, err.Error())
	}
	if err := j.checkNumber(i, number); err != nil {
		return err
	}
	j.raws[i], j.numbers[i] = raw, number
	j.out.Rows[i] = SaveOutcome{Index: i, Number: number}
	return nil
}

// checkNumber checks model i's number under the "id" rules; the path
// naming it is built only for a refusal.
func (j *saveJob) checkNumber(i int, number string) error {
	if limits.Text("", number, "id") == nil {
		return nil
	}
	return limits.Text(fmt.Sprintf("Models[%d].%s", i, j.field), number, "id")
}

// plainSalReturn returns the bill m holds when it is a SalReturnStock (or
// a pointer to one) without custom fields, else nil.
func plainSalReturn(m any) *SalReturnStock {
	var b *SalReturnStock
	switch v := m.(type) {
	case SalReturnStock:
		b = &v
	case *SalReturnStock:
		b = v
	}
	if b == nil || !b.plain() {
		return nil
	}
	return b
}

// errNotObject refuses a bill that does not encode as a JSON object.
var errNotObject = errors.New("the bill must encode as a JSON object")

// numberOf reads the number field of an encoded bill: "" when it is absent
// or empty, an error when the bill is not a JSON object or names the field
// twice (in different case: the server matches keys without case).
func numberOf(raw json.RawMessage, field string) (string, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return "", errNotObject
	}
	number, hits := "", 0
	for k, v := range obj {
		if !equalFold(k, field) {
			continue
		}
		hits++
		var t duijie.Text
		if json.Unmarshal(v, &t) != nil {
			return "", errors.New("the number must be text")
		}
		number = string(t)
	}
	if hits > 1 {
		return "", errors.New("the bill carries the number field twice")
	}
	return number, nil
}

// set records a row's status and the error behind it.
func (j *saveJob) set(i int, st RowStatus, err error) {
	row := &j.out.Rows[i]
	row.Status, row.err = st, err
	row.Saved = st == RowSaved || st == RowExisting
	row.Existing = st == RowExisting
	if row.Saved {
		row.Errors = nil
	}
}

// saveBatch is Save, Draft and BatchSave: send, map rows, settle every
// unclear outcome by number, and send again only what a settled look-up
// did not find.
func (c *Client) saveBatch(ctx context.Context, op duijie.Operation, req *BatchSaveRequest) (*BatchSaveResult, error) {
	j, err := c.newSaveJob(op, req)
	if err != nil {
		return nil, err
	}
	pending := make([]int, len(req.Models))
	for i := range pending {
		pending[i] = i
	}
	if req.SkipExisting {
		if pending, err = j.lookup(ctx, pending); err != nil {
			return nil, err
		}
	}
	attempts := c.t.Settings().Retry.MaxAttempts
	var fatal error
	for round := 1; len(pending) > 0; round++ {
		unclear, taken, err := j.send(ctx, pending)
		if err != nil {
			fatal = err
			break
		}
		if err := j.settleTaken(ctx, taken); err != nil {
			break
		}
		var numbered []int
		for _, i := range unclear {
			if j.numbers[i] != "" {
				numbered = append(numbered, i)
			}
		}
		missing, err := j.settleUnclear(ctx, numbered)
		if err != nil {
			break
		}
		if round >= attempts {
			for _, i := range missing {
				j.set(i, RowFailed, fmt.Errorf("not found by number after the settle delay, and no attempt is left to send it again: %w", j.out.Rows[i].err))
			}
			break
		}
		pending = missing
	}
	if fatal != nil && j.out.Saved() == 0 && j.none(RowConflict, RowUnknown) {
		return nil, fatal
	}
	return j.out, j.result(fatal)
}

// none reports whether no row has any of the statuses.
func (j *saveJob) none(sts ...RowStatus) bool {
	for _, row := range j.out.Rows {
		for _, st := range sts {
			if row.Status == st {
				return false
			}
		}
	}
	return true
}

// body is the request body sending the pending bills. The data argument
// is written as encoding/json writes saveData: the options' members, then
// Model, the bills' encoded forms copied once (they are compact JSON
// already, which encoding/json would copy unchanged).
func (j *saveJob) body(pending []int) ([]byte, error) {
	if j.first != nil && len(pending) == len(j.raws) {
		return j.first, nil
	}
	if j.options == nil {
		opts, err := marshalNoEscape(j.req.Options)
		if err != nil {
			return nil, err
		}
		j.options = opts
	}
	size := len(j.options) + len(`,"Model":[]}`)
	for _, i := range pending {
		size += len(j.raws[i]) + 1
	}
	data := make([]byte, 0, size)
	data = append(data, j.options[:len(j.options)-1]...) // without its '}'
	if len(j.options) > 2 {
		data = append(data, ',')
	}
	data = append(data, `"Model":`...)
	if j.op.Wire == ServiceBatchSave {
		data = append(data, '[')
		for k, i := range pending {
			if k > 0 {
				data = append(data, ',')
			}
			data = append(data, j.raws[i]...)
		}
		data = append(data, ']')
	} else {
		data = append(data, j.raws[pending[0]]...)
	}
	data = append(data, '}')
	return j.c.body(namedArg{"formid", j.req.FormID}, namedArg{"data", rawJSON(data)})
}

// errUnaccounted is the cause of a row the answer did not account for.
var errUnaccounted = errors.New("the answer does not account for this bill")

// send sends the pending bills once and records what the answer settles:
// saved rows, refused rows. It returns the rows whose outcome is unclear,
// the rows refused because their number is taken, and an error when the
// whole call was refused before anything was saved.
func (j *saveJob) send(ctx context.Context, pending []int) (unclear, taken []int, fatal error) {
	body, err := j.body(pending)
	if err != nil {
		return nil, nil, duijie.Invalid(vendor, "Models", duijie.RuleFormat, err.Error())
	}
	for _, i := range pending {
		j.out.Rows[i].Errors = nil
	}
	op := shortName(j.op.Wire)
	res, err := j.c.do(ctx, j.op, body)
	if err == nil {
		var env *resultEnvelope
		var st *ResponseStatus
		if env, st, err = status(res, op); err == nil {
			unclear, taken = j.mapAnswer(res, env, st, pending)
			return unclear, taken, nil
		}
	}
	for _, i := range pending {
		if unclearOutcome(err) {
			j.set(i, RowUnknown, err)
		} else {
			j.set(i, RowFailed, err)
		}
	}
	if unclearOutcome(err) {
		return pending, nil, nil
	}
	return nil, nil, err
}

// mapAnswer records the rows an answer with a ResponseStatus settles and
// sorts the others into unclear and taken.
func (j *saveJob) mapAnswer(res *transport.Result[answer], env *resultEnvelope, st *ResponseStatus, pending []int) (unclear, taken []int) {
	out := j.out
	out.NeedReturnData = append(out.NeedReturnData, env.NeedReturnData...)
	out.Messages = append(out.Messages, st.SuccessMessages...)
	reported := make([]bool, len(pending))
	for _, s := range st.SuccessEntitys {
		if s.DIndex < 0 || s.DIndex >= len(pending) {
			continue
		}
		i := pending[s.DIndex]
		j.set(i, RowSaved, nil)
		out.Rows[i].ID, reported[s.DIndex] = string(s.ID), true
		if s.Number != "" {
			out.Rows[i].Number = s.Number
		}
	}
	if j.op.Wire != ServiceBatchSave && bool(st.IsSuccess) && !reported[0] && env.ID != "" {
		i := pending[0]
		j.set(i, RowSaved, nil)
		out.Rows[i].ID, reported[0] = string(env.ID), true
		if env.Number != "" {
			out.Rows[i].Number = env.Number
		}
	}
	var callErr *duijie.APIError
	temporary := false
	if !st.IsSuccess {
		callErr = j.c.failure(res, shortName(j.op.Wire), st)
		temporary = classForStatus(st) == duijie.ErrTemporary
		for _, e := range st.Errors {
			if e.DIndex >= 0 && e.DIndex < len(pending) && !reported[e.DIndex] {
				row := &out.Rows[pending[e.DIndex]]
				row.Errors = append(row.Errors, e)
			}
		}
	}
	for k, i := range pending {
		if reported[k] {
			continue
		}
		row := &out.Rows[i]
		if len(row.Errors) == 0 || callErr == nil {
			cause := errUnaccounted
			if callErr != nil {
				cause = fmt.Errorf("%w (the call failed: %w)", errUnaccounted, callErr)
			}
			j.set(i, RowUnknown, cause)
			unclear = append(unclear, i)
			continue
		}
		e := *callErr
		one := *st
		one.Errors = row.Errors
		e.Message = j.c.t.Redactor().String(one.message())
		switch {
		case temporary:
			j.set(i, RowUnknown, &e)
			unclear = append(unclear, i)
		case j.numbers[i] != "" && numberTaken(row.Errors, j.field, j.numbers[i]):
			j.set(i, RowUnknown, &e)
			taken = append(taken, i)
		default:
			j.set(i, RowFailed, &e)
		}
	}
	return unclear, taken
}

// numberTaken recognises the refusal of a number already used, as Kingdee
// words it: FieldName FBillNo, "违反字段唯一性要求：编码唯一。[XSTH001]在当前系统中
// 已经被使用。" (MsgCode 11). The refusal only leads to a look-up.
func numberTaken(errs []FieldError, field, number string) bool {
	for _, e := range errs {
		named := equalFold(e.FieldName, field) || strings.Contains(e.Message, "["+number+"]") ||
			strings.Contains(e.Message, "“"+number+"”")
		taken := strings.Contains(e.Message, "唯一") || strings.Contains(e.Message, "已经被使用") ||
			strings.Contains(e.Message, "已经存在") || strings.Contains(e.Message, "已存在")
		if named && taken {
			return true
		}
	}
	return false
}

// unclearOutcome reports whether a write that failed with err may have been
// applied: no answer came after the request may have reached the server,
// the server failed (5xx, an answer that is not a result), throttled (a
// throttle that Kingdee does not document as refused before processing, or
// HTTP 429 from something on the path), or the session was lost in a way
// that hides the outcome.
func unclearOutcome(err error) bool {
	return duijie.MayHaveArrived(err) || IsSessionLost(err)
}

// settleUnclear looks up rows whose outcome is unclear; those not found
// are looked up again after the settle delay, and those still missing are
// returned to be sent again. Rows refused for a lost session (MsgCode 1,
// answered before any business code runs) are looked up once, without the
// wait.
func (j *saveJob) settleUnclear(ctx context.Context, rows []int) ([]int, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	missing, err := j.lookup(ctx, rows)
	if err != nil || len(missing) == 0 {
		return missing, err
	}
	var again []int
	for _, i := range missing {
		if !IsSessionLost(j.out.Rows[i].err) {
			again = append(again, i)
		}
	}
	if len(again) == 0 {
		return missing, nil
	}
	if err := j.wait(ctx, again); err != nil {
		return nil, err
	}
	still, err := j.lookup(ctx, again)
	if err != nil {
		return nil, err
	}
	out := still
	for _, i := range missing {
		if IsSessionLost(j.out.Rows[i].err) {
			out = append(out, i)
		}
	}
	sort.Ints(out)
	return out, nil
}

// settleTaken looks up rows whose number the server refused as taken: a
// bill with that number exists, perhaps not yet visible to queries. Rows
// still not found after takenLookups look-ups stay RowUnknown.
func (j *saveJob) settleTaken(ctx context.Context, rows []int) error {
	for n := 0; len(rows) > 0 && n < takenLookups; n++ {
		if n > 0 {
			if err := j.wait(ctx, rows); err != nil {
				return err
			}
		}
		var err error
		if rows, err = j.lookup(ctx, rows); err != nil {
			return err
		}
	}
	for _, i := range rows {
		j.set(i, RowUnknown, fmt.Errorf("the server refused the number as taken, but no bill with it is visible yet: %w", j.out.Rows[i].err))
	}
	return nil
}

// wait sleeps for the settle delay, or until ctx ends; then the rows keep
// their unknown outcome with the context's error added.
func (j *saveJob) wait(ctx context.Context, rows []int) error {
	t := time.NewTimer(j.settle)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		j.keepUnknown(rows, ctx.Err())
		return ctx.Err()
	}
}

// keepUnknown marks rows unknown after a look-up could not be made.
func (j *saveJob) keepUnknown(rows []int, err error) {
	for _, i := range rows {
		cause := j.out.Rows[i].err
		if cause == nil {
			cause = errUnaccounted
		}
		j.set(i, RowUnknown, fmt.Errorf("%w; looking the bill up by number failed: %w", cause, err))
	}
}

// lookupKeys are the field keys a row is looked up with.
func (j *saveJob) lookupKeys(i int) []string {
	keys := []string{j.idField, j.field}
	if c, ok := j.req.Models[i].(Comparable); ok {
		keys = append(keys, c.CompareKeys()...)
	}
	return keys
}

// lookup queries the rows' numbers, settles the rows found (RowExisting,
// or RowConflict when a Comparable bill differs) and returns those not
// found. When the query fails the rows keep an unknown outcome.
func (j *saveJob) lookup(ctx context.Context, rows []int) ([]int, error) {
	groups := map[string][]int{}
	var order []string
	for _, i := range rows {
		k := strings.Join(j.lookupKeys(i), ",")
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	// found maps a number to its bills' ids, in FID order, and each id to
	// its rows' compared values.
	found := map[string][]string{}
	values := map[string][][]string{}
	for _, k := range order {
		group := groups[k]
		keys := j.lookupKeys(group[0])
		for start := 0; start < len(group); start += lookupChunk {
			chunk := group[start:min(start+lookupChunk, len(group))]
			quoted := make([]string, len(chunk))
			for n, i := range chunk {
				quoted[n] = Quote(j.numbers[i])
			}
			q := &BillQuery{FormID: j.req.FormID, FieldKeys: keys,
				Filter: j.field + " IN (" + strings.Join(quoted, ",") + ")", OrderBy: j.idField + " ASC"}
			for row, err := range j.c.Rows(ctx, q) {
				if err != nil {
					j.keepUnknownIfOpen(rows, err)
					return nil, err
				}
				id, number := row.String(0), row.String(1)
				if _, seen := values[id]; !seen {
					found[number] = append(found[number], id)
				}
				vals := make([]string, 0, len(row)-2)
				for c := 2; c < len(row); c++ {
					vals = append(vals, row.String(c))
				}
				values[id] = append(values[id], vals)
			}
		}
	}
	var missing []int
	for _, i := range rows {
		ids := found[j.numbers[i]]
		if len(ids) == 0 {
			missing = append(missing, i)
			continue
		}
		j.verdict(i, ids, values)
	}
	return missing, nil
}

// keepUnknownIfOpen marks the rows not yet settled unknown after a failed
// look-up.
func (j *saveJob) keepUnknownIfOpen(rows []int, err error) {
	var open []int
	for _, i := range rows {
		switch j.out.Rows[i].Status {
		case RowSaved, RowExisting, RowConflict:
			continue
		}
		open = append(open, i)
	}
	j.keepUnknown(open, err)
}

// verdict settles a row found by number: RowExisting when a bill with the
// number matches what was sent (or the model cannot be compared), else
// RowConflict with the differences from the first such bill.
func (j *saveJob) verdict(i int, ids []string, values map[string][][]string) {
	row := &j.out.Rows[i]
	c, comparable := j.req.Models[i].(Comparable)
	if !comparable {
		j.set(i, RowExisting, nil)
		row.ID, row.Verified = ids[0], false
		return
	}
	keys, sent := c.CompareKeys(), c.CompareRows()
	var first []Difference
	for n, id := range ids {
		diffs := compareBill(keys, sent, values[id])
		if len(diffs) == 0 {
			j.set(i, RowExisting, nil)
			row.ID, row.Verified, row.Differences = id, true, nil
			return
		}
		if n == 0 {
			first = diffs
		}
	}
	row.ID, row.Differences = ids[0], first
	j.set(i, RowConflict, &ConflictError{FormID: j.req.FormID, Number: j.numbers[i], ID: ids[0], Differences: first})
}

// compareBill compares the rows sent with the rows stored, as multisets of
// normalised tuples, and names the columns that differ.
func compareBill(keys []string, sent, stored [][]string) []Difference {
	canonRows := func(rows [][]string) []string {
		out := make([]string, len(rows))
		for r, row := range rows {
			cells := make([]string, len(row))
			for c, v := range row {
				cells[c] = canon(v)
			}
			out[r] = strings.Join(cells, "\x00")
		}
		return out
	}
	if sameMultiset(canonRows(sent), canonRows(stored)) {
		return nil
	}
	var diffs []Difference
	for c, key := range keys {
		col := func(rows [][]string) []string {
			out := make([]string, 0, len(rows))
			for _, row := range rows {
				if c < len(row) {
					out = append(out, canon(row[c]))
				}
			}
			return out
		}
		s, t := col(sent), col(stored)
		if !sameMultiset(s, t) {
			diffs = append(diffs, Difference{Field: key, Sent: strings.Join(dedupe(s), " | "), Stored: strings.Join(dedupe(t), " | ")})
		}
	}
	if len(diffs) == 0 {
		diffs = []Difference{{Field: "lines", Sent: fmt.Sprintf("%d lines", len(sent)), Stored: fmt.Sprintf("%d lines", len(stored))}}
	}
	return diffs
}

// sameMultiset reports whether a and b hold the same values as often.
func sameMultiset(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	count := make(map[string]int, len(a))
	for _, v := range a {
		count[v]++
	}
	for _, v := range b {
		count[v]--
		if count[v] < 0 {
			return false
		}
	}
	return true
}

// dedupe drops repeated values, keeping the first of each.
func dedupe(vals []string) []string {
	seen := make(map[string]bool, len(vals))
	out := vals[:0:0]
	for _, v := range vals {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// canon normalises a compared value: decimals to their shortest form,
// times to "2006-01-02 15:04:05" in China Standard Time, text trimmed.
func canon(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	if a, err := duijie.ParseAmount(v); err == nil {
		return a.String()
	}
	if strings.ContainsAny(v, "-/") {
		if t, err := duijie.ParseTime(v); err == nil && !t.IsZero() {
			return t.In(duijie.CST()).Format(time.DateTime)
		}
	}
	return v
}

// result is the error of a finished job: nil when every bill is in
// Kingdee as sent, else a *BatchError over the other rows, joined to the
// call's error when one stopped the job.
func (j *saveJob) result(callErr error) error {
	op := shortName(j.op.Wire)
	be := &duijie.BatchError{Vendor: vendor, Operation: op, Total: len(j.out.Rows)}
	var cause error
	for _, row := range j.out.Rows {
		if row.Saved {
			continue
		}
		re := duijie.RowError{Index: row.Index, Key: row.Number, Err: row.err}
		switch row.Status {
		case RowUnknown:
			re.OutcomeUnknown = true
			if cause == nil && row.err != nil && !errors.Is(row.err, errUnaccounted) {
				cause = row.err
			}
		case RowConflict:
			var ce *ConflictError
			if errors.As(row.err, &ce) {
				re.Message, re.Err = ce.detail(), ErrConflict
			}
		default:
			if e, ok := duijie.AsAPIError(row.err); ok && e.Vendor == vendor && e.Operation == op && row.err == error(e) {
				re.Code, re.Message, re.Err = e.Code, e.Message, e.Class
			}
		}
		be.Failed = append(be.Failed, re)
	}
	if len(be.Failed) == 0 {
		return nil
	}
	if callErr != nil {
		return fmt.Errorf("%w: %w", be, callErr)
	}
	if cause != nil {
		return fmt.Errorf("%w: %w", be, cause)
	}
	return be
}
