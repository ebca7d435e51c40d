package jushuitan

import (
	"encoding/json"
	"errors"

	"github.com/duijie/duijie"
)

// WriteResult is the outcome of one record of a write the vendor answers
// record by record (goods, supplier and after-sale uploads).
type WriteResult struct {
	// Index is the record's position in the request.
	Index int
	// Key is the record's key: its sku_id, supplier_code or outer_as_id.
	Key string
	// OK is the vendor's success flag for this record.
	OK bool
	// ID is the ERP's number for the record when the answer gives one
	// (the supplier's internal code, the after-sale as_id); 0 otherwise.
	ID duijie.Int64
	// Message is the vendor's msg for this record, when it sends one.
	Message string
	// Unknown is true when the answer did not account for this record: it
	// may have arrived. It is neither OK nor a refusal; the *BatchError
	// lists it with OutcomeUnknown.
	Unknown bool
}

// WriteResults holds one outcome per record sent, in input order.
type WriteResults struct {
	// Results has one outcome per record, at the record's index.
	Results []WriteResult
}

// Failed returns the outcomes that are not OK: the records refused and
// those of unknown outcome.
func (r *WriteResults) Failed() []WriteResult {
	var out []WriteResult
	for _, res := range r.Results {
		if !res.OK {
			out = append(out, res)
		}
	}
	return out
}

// Unknown returns the outcomes the answer did not account for.
func (r *WriteResults) Unknown() []WriteResult {
	var out []WriteResult
	for _, res := range r.Results {
		if res.Unknown {
			out = append(out, res)
		}
	}
	return out
}

// answerRow is one record's outcome in a row-by-row answer, in the
// package's terms: the key the answer names, the raw success flag, the
// ERP's number and the message.
type answerRow struct {
	key string
	ok  json.RawMessage
	id  duijie.Int64
	msg string
}

// rowsAnswer is a row-by-row answer's rows of type R under its list keys,
// decoded in one pass. An answer without the list leaves rows nil: every
// record is then of unknown outcome.
type rowsAnswer[R any] struct {
	keys []string
	rows []R
}

func (a *rowsAnswer[R]) decodeList(b []byte) error {
	_, rows, err := decodeRows[R](b, false, a.keys)
	if err != nil && !errors.Is(err, ErrMissingList) {
		return err
	}
	a.rows = rows
	return nil
}

// matchRows pairs the answer's rows with the records sent, whose keys are
// keys: by key, in order (a key sent twice is matched in turn), or by
// position when no row names a key and the counts match. A record no row
// accounts for is of unknown outcome, with unknownMsg; a row naming a
// record that was not sent is reported too. Any record not OK makes the
// error a *duijie.BatchError listing them.
func matchRows(op string, keys []string, rows []answerRow, unknownMsg string) (*WriteResults, error) {
	res := &WriteResults{Results: make([]WriteResult, len(keys))}
	answered := make([]bool, len(keys))
	for i, k := range keys {
		res.Results[i] = WriteResult{Index: i, Key: k}
	}
	positional := len(rows) == len(keys)
	for _, r := range rows {
		if r.key != "" {
			positional = false
		}
	}
	var extra []duijie.RowError
	for n, r := range rows {
		idx := -1
		if positional {
			idx = n
		} else {
			for i, k := range keys {
				if !answered[i] && k == r.key {
					idx = i
					break
				}
			}
		}
		if idx < 0 {
			extra = append(extra, duijie.RowError{Index: -1, Key: r.key, Message: "the answer names a record that was not sent: " + r.msg})
			continue
		}
		answered[idx] = true
		out := &res.Results[idx]
		out.OK, out.ID, out.Message = truthy(r.ok), r.id, r.msg
	}
	be := &duijie.BatchError{Vendor: vendor, Operation: op, Total: len(keys)}
	for i := range res.Results {
		r := &res.Results[i]
		switch {
		case !answered[i]:
			r.Unknown, r.Message = true, unknownMsg
			be.Failed = append(be.Failed, duijie.RowError{Index: i, Key: r.Key, Message: r.Message, OutcomeUnknown: true})
		case !r.OK:
			be.Failed = append(be.Failed, duijie.RowError{Index: i, Key: r.Key, Message: r.Message})
		}
	}
	be.Failed = append(be.Failed, extra...)
	if len(be.Failed) > 0 {
		return res, be
	}
	return res, nil
}

// billAnswer is the answer of a one-bill write: the vendor puts the bill's
// numbers in an object under data (jst-java's DataWrap), inside the
// envelope's own data.
type billAnswer[T any] struct {
	Data *T `json:"data"`
}
