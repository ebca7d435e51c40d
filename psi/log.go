package psi

import (
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
)

// Status is the upload state of one record in the log (荣耀PSI上传日志).
type Status string

// Upload states.
const (
	// StatusPending: selected, not sent yet.
	StatusPending Status = "pending"
	// StatusUploaded: Honor accepted it.
	StatusUploaded Status = "uploaded"
	// StatusUnconfirmed: sent but not confirmed. The call carrying it
	// failed in a way that may follow processing (duijie.MayHaveArrived), or
	// Honor's answer did not account for it: it may have arrived. It is
	// neither uploaded nor failed; a re-upload (补传) settles it.
	StatusUnconfirmed Status = "unconfirmed"
	// StatusFailed: Honor refused it, or the call carrying it was refused
	// (or never left), so it did not arrive.
	StatusFailed Status = "failed"
	// StatusNotSent: a call before it failed, so it was never sent.
	StatusNotSent Status = "not_sent"
)

// Entry is one record's line in the upload log.
type Entry struct {
	// Record is the PSI record.
	Record honor.PSIRecord
	// Day is the batch day the record belongs to.
	Day duijie.Date
	// Status is its upload state.
	Status Status
	// Attempts counts the calls that carried it.
	Attempts int
	// UploadedAt is the time of the last attempt (上传时间).
	UploadedAt duijie.Time
	// Replaced is true when Honor already had the key and updated it.
	Replaced bool
	// Code and Message are the result (上传结果): Honor's code and message
	// for a refused record, or the call's error.
	Code, Message string
}

// Key returns the entry's record key.
func (e Entry) Key() honor.PSIKey { return e.Record.Key() }

// NewEntries returns pending log entries for the batch's records.
func NewEntries(day duijie.Date, records []honor.PSIRecord) []Entry {
	out := make([]Entry, len(records))
	for i, r := range records {
		out[i] = Entry{Record: r, Day: day, Status: StatusPending}
	}
	return out
}

// Apply records the outcome of one upload call in the log and returns the
// updated log; entries is not changed. sent are the records the call
// carried, resp and err what honor's UploadPSI returned (ApplyAll takes
// UploadPSIAll's), at the time of the call. A record with a result takes it: uploaded,
// failed, unconfirmed (honor.PSIResult.Unknown) or not sent. A record the
// response does not mention, and every sent record of a call that failed
// without results (resp nil), is unconfirmed when the failure may follow
// processing (duijie.MayHaveArrived) and failed otherwise. A sent record
// missing from the log is added with the day of its document date.
func Apply(entries []Entry, sent []honor.PSIRecord, resp *honor.PSIUploadResponse, err error, at time.Time) []Entry {
	out := append([]Entry(nil), entries...)
	pos := make(map[honor.PSIKey]int, len(out))
	for i, e := range out {
		pos[e.Key()] = i
	}
	results := map[honor.PSIKey]honor.PSIResult{}
	if resp != nil {
		for _, r := range resp.Results {
			results[r.Key] = r
		}
	}
	for _, rec := range sent {
		k := rec.Key()
		i, ok := pos[k]
		if !ok {
			out = append(out, Entry{Record: rec, Day: duijie.DateOf(rec.DocDate.Time), Status: StatusPending})
			i = len(out) - 1
			pos[k] = i
		}
		e := &out[i]
		r, has := results[k]
		switch {
		case resp == nil:
			e.Attempts++
			e.UploadedAt = duijie.NewTime(at)
			e.Status, e.Code, e.Message, e.Replaced = StatusFailed, "", errText(err), false
			if duijie.MayHaveArrived(err) {
				e.Status = StatusUnconfirmed
			}
		case !has:
			e.Attempts++
			e.UploadedAt = duijie.NewTime(at)
			e.Status, e.Code, e.Message, e.Replaced = StatusUnconfirmed, "", "no result for this record in Honor's answer: it may have arrived", false
		case !r.Sent:
			e.Status, e.Code, e.Message, e.Replaced = StatusNotSent, "", "not sent: an earlier upload call failed", false
		case r.OK:
			e.Attempts++
			e.UploadedAt = duijie.NewTime(at)
			e.Status, e.Code, e.Message, e.Replaced = StatusUploaded, "", "", r.Replaced
		case r.Unknown:
			e.Attempts++
			e.UploadedAt = duijie.NewTime(at)
			e.Status, e.Code, e.Message, e.Replaced = StatusUnconfirmed, r.Code, errText(r.Err), false
		default:
			e.Attempts++
			e.UploadedAt = duijie.NewTime(at)
			msg := r.Message
			if r.Code == "" && msg == "" {
				msg = errText(r.Err) // the call carrying it was refused
			}
			e.Status, e.Code, e.Message, e.Replaced = StatusFailed, r.Code, msg, false
		}
	}
	return out
}

// ApplyAll is Apply for what honor's UploadPSIAll returned: sent are the
// records of its request, resp and err its answer.
func ApplyAll(entries []Entry, sent []honor.PSIRecord, resp *honor.UploadPSIAllResponse, err error, at time.Time) []Entry {
	var r *honor.PSIUploadResponse
	if resp != nil {
		r = &honor.PSIUploadResponse{Results: resp.Results}
	}
	return Apply(entries, sent, r, err, at)
}

// errText returns the error's text, or a fixed text for nil.
func errText(err error) string {
	if err == nil {
		return "the call returned no result"
	}
	return err.Error()
}

// ReuploadFilter chooses the records of a re-upload (补传).
type ReuploadFilter struct {
	// Failed selects every record that failed, was sent but not confirmed
	// (StatusUnconfirmed), or was never sent.
	Failed bool
	// Unconfirmed selects every record sent but not confirmed.
	Unconfirmed bool
	// Pending selects every record not tried yet.
	Pending bool
	// Keys selects these records whatever their state.
	Keys []honor.PSIKey
	// DocNos selects every record of these documents whatever their state.
	DocNos []string
	// Day, when set, limits the selection to that batch day.
	Day duijie.Date
}

// Reupload returns the records of the log that f selects, in log order,
// each once. Re-uploading an unconfirmed record is how the log settles it:
// a Honor that keys records by document number and serial answers that it
// replaced the record when the earlier upload had arrived.
func Reupload(entries []Entry, f ReuploadFilter) []honor.PSIRecord {
	keys := make(map[honor.PSIKey]bool, len(f.Keys))
	for _, k := range f.Keys {
		keys[k] = true
	}
	docs := make(map[string]bool, len(f.DocNos))
	for _, d := range f.DocNos {
		docs[d] = true
	}
	var out []honor.PSIRecord
	taken := map[honor.PSIKey]bool{}
	for _, e := range entries {
		if !f.Day.IsZero() && e.Day != f.Day {
			continue
		}
		k := e.Key()
		pick := keys[k] || docs[e.Record.DocNo] ||
			(f.Failed && (e.Status == StatusFailed || e.Status == StatusNotSent || e.Status == StatusUnconfirmed)) ||
			(f.Unconfirmed && e.Status == StatusUnconfirmed) ||
			(f.Pending && e.Status == StatusPending)
		if pick && !taken[k] {
			taken[k] = true
			out = append(out, e.Record)
		}
	}
	return out
}
