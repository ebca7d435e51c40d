package honor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/duijie/duijie"
)

// PSIDocType is the kind of stock document a PSI record comes from.
type PSIDocType string

// The document kinds the nightly PSI upload carries.
const (
	// PSIWholesaleOut is a wholesale outbound (批发出库).
	PSIWholesaleOut PSIDocType = "wholesale_out"
	// PSIWholesaleReturn is a wholesale return (批发退货).
	PSIWholesaleReturn PSIDocType = "wholesale_return"
	// PSIWholesaleExchange is a wholesale exchange (批发换机): the returned
	// unit comes in and the replacement goes out.
	PSIWholesaleExchange PSIDocType = "wholesale_exchange"
)

// PSIDirection says whether a serial left or entered the distributor's stock.
type PSIDirection string

// Directions.
const (
	// PSIOut: the unit left (sold, or the replacement of an exchange).
	PSIOut PSIDirection = "out"
	// PSIIn: the unit came back (returned, or the returned unit of an exchange).
	PSIIn PSIDirection = "in"
)

// MaxPSIBatch is the most records one PSI upload call carries (the
// operation table's MaxBatch of UploadPSI); UploadPSIAll cuts longer lists.
const MaxPSIBatch = 200

// PSIRecord is one serial number (IMEI/SN) of one stock document: the unit
// the PSI upload reports, identified by (DocNo, Serial). Whether Honor
// de-duplicates by that key is for Honor's partner document to say; the
// client does not replay an upload unless the operation table says so.
type PSIRecord struct {
	// DocNo is the host's document number. Required.
	DocNo string `json:"doc_no"`
	// DocType is the kind of document. Required.
	DocType PSIDocType `json:"doc_type"`
	// DocDate is the document's business time. Required.
	DocDate duijie.Time `json:"doc_date"`
	// Direction is the serial's movement. Empty means out for a wholesale
	// outbound and in for a wholesale return; an exchange must say.
	Direction PSIDirection `json:"direction"`
	// VFOrderNo is the Himall VF order the document is linked to, if any.
	VFOrderNo string `json:"vf_order_no,omitempty"`
	// WarehouseCode and WarehouseName name the host's warehouse.
	WarehouseCode string `json:"warehouse_code,omitempty"`
	WarehouseName string `json:"warehouse_name,omitempty"`
	// SupplierCode and SupplierName name where the unit came from.
	SupplierCode string `json:"supplier_code,omitempty"`
	SupplierName string `json:"supplier_name,omitempty"`
	// CustomerCode and CustomerName name who the unit went to (or came back from).
	CustomerCode string `json:"customer_code,omitempty"`
	CustomerName string `json:"customer_name,omitempty"`
	// GoodsCode is the Himall goods model code. Required. GoodsName, Brand
	// and Category describe the goods.
	GoodsCode string `json:"goods_code"`
	GoodsName string `json:"goods_name,omitempty"`
	Brand     string `json:"brand,omitempty"`
	Category  string `json:"category,omitempty"`
	// Serial is the unit's serial number (IMEI/SN). Required.
	Serial string `json:"serial"`
}

// PSIKey identifies a PSI record: its document number and serial.
type PSIKey struct {
	DocNo, Serial string
}

// String returns "DocNo/Serial".
func (k PSIKey) String() string { return k.DocNo + "/" + k.Serial }

// Key returns the record's key.
func (r *PSIRecord) Key() PSIKey { return PSIKey{DocNo: r.DocNo, Serial: r.Serial} }

// PSIUploadRequest is one PSI upload call.
type PSIUploadRequest struct {
	// Records are at most MaxPSIBatch records, no key twice.
	Records []PSIRecord `json:"records"`
}

// PSIUploadResponse is every record's outcome, in input order.
type PSIUploadResponse struct {
	// Results has one entry per input record, Results[i] for Records[i].
	Results []PSIResult
}

// Failed returns the results that did not succeed.
func (r *PSIUploadResponse) Failed() []PSIResult {
	var out []PSIResult
	for _, x := range r.Results {
		if !x.OK {
			out = append(out, x)
		}
	}
	return out
}

// PSIResult is the outcome of one record.
type PSIResult struct {
	// Index is the record's position in the caller's input.
	Index int
	// Key is the record's key.
	Key PSIKey
	// OK is true when Honor accepted the record.
	OK bool
	// Replaced is true when Honor says it already had the key and updated
	// it: an earlier upload of the record had arrived (a re-upload, or a
	// replay where the operation table allows one).
	Replaced bool
	// Code and Message are Honor's, as sent, for a refused record.
	Code, Message string
	// Err is the failure of the whole call that carried (or would have
	// carried) the record, when UploadPSIAll stopped at a failed call.
	Err error
	// Sent is false for records an UploadPSIAll call never sent because an
	// earlier call failed. A record of the failed call itself has Sent true
	// and OK false.
	Sent bool
	// Unknown is true when the record was sent and its outcome is unknown:
	// Honor's answer did not account for it, or the call carrying it failed
	// in a way that may follow processing (see MayHaveArrived). It may have
	// arrived: it is neither OK nor refused, and the *BatchError lists it
	// with OutcomeUnknown. A re-upload (补传) settles it.
	Unknown bool
}

// errNoResult marks a record Honor's answer says nothing about.
var errNoResult = errors.New("no result for this record in Honor's answer: it may have arrived")

// errNotSent marks a record that was never sent.
var errNotSent = errors.New("not sent: an earlier upload call failed")

// checkPSIRecords validates records and returns copies with the direction
// filled in. A record's field path ("Records[3].Serial") is built only for
// an error.
func checkPSIRecords(records []PSIRecord) ([]PSIRecord, error) {
	out := make([]PSIRecord, len(records))
	seen := make(map[PSIKey]int, len(records))
	for i := range records {
		r := records[i]
		if err := checkPSIRecord(&r, ""); err != nil {
			// Check again to name the field with its path: the check is
			// pure, so it fails the same way.
			r = records[i]
			return nil, checkPSIRecord(&r, psiPath(i))
		}
		k := r.Key()
		if j, ok := seen[k]; ok {
			return nil, duijie.Invalid(vendor, psiPath(i)+"Serial", duijie.RuleConflict,
				fmt.Sprintf("document %s serial %s is also record %d", r.DocNo, r.Serial, j))
		}
		seen[k] = i
		out[i] = r
	}
	return out, nil
}

// psiPath is the field path prefix of record i.
func psiPath(i int) string { return "Records[" + strconv.Itoa(i) + "]." }

// checkPSIRecord checks one record, naming fields after the prefix f, and
// fills in its direction.
func checkPSIRecord(r *PSIRecord, f string) error {
	for _, c := range []struct{ name, v string }{{"DocNo", r.DocNo}, {"GoodsCode", r.GoodsCode}} {
		if err := checkCode(f+c.name, c.v, true); err != nil {
			return err
		}
	}
	for _, c := range []struct{ name, v string }{{"VFOrderNo", r.VFOrderNo}, {"WarehouseCode", r.WarehouseCode},
		{"SupplierCode", r.SupplierCode}, {"CustomerCode", r.CustomerCode}} {
		if err := checkCode(f+c.name, c.v, false); err != nil {
			return err
		}
	}
	if err := checkSerial(f+"Serial", r.Serial); err != nil {
		return err
	}
	if r.DocDate.IsZero() {
		return duijie.Invalid(vendor, f+"DocDate", duijie.RuleRequired, "")
	}
	switch r.DocType {
	case PSIWholesaleOut:
		if r.Direction == "" {
			r.Direction = PSIOut
		}
	case PSIWholesaleReturn:
		if r.Direction == "" {
			r.Direction = PSIIn
		}
	case PSIWholesaleExchange:
		if r.Direction == "" {
			return duijie.Invalid(vendor, f+"Direction", duijie.RuleRequired, "an exchange record says whether the unit went out or came in")
		}
	case "":
		return duijie.Invalid(vendor, f+"DocType", duijie.RuleRequired, "")
	default:
		return duijie.Invalid(vendor, f+"DocType", duijie.RuleFormat, fmt.Sprintf("%q is not a PSI document type", r.DocType))
	}
	if r.Direction != PSIOut && r.Direction != PSIIn {
		return duijie.Invalid(vendor, f+"Direction", duijie.RuleFormat, fmt.Sprintf("%q is not in or out", r.Direction))
	}
	return nil
}

type psiRow struct {
	DocNo    string      `json:"doc_no"`
	Serial   string      `json:"serial"`
	Success  duijie.Bool `json:"success"`
	Replaced duijie.Bool `json:"replaced"`
	Code     string      `json:"code"`
	Message  string      `json:"message"`
}

// UploadPSI calls the PSI serial upload (psi_upload, see DefaultOperations)
// with one batch of at most MaxPSIBatch records. It is not replayed after an
// unclear outcome unless the operation table says Honor de-duplicates it
// (nothing public does): the error then says whether the records may have
// arrived (MayHaveArrived), and the upload log's re-upload (补传) settles
// them.
//
// The response has every record's outcome matched to the input by key, in
// input order. When some records failed, the response comes with a
// *BatchError listing them; a record Honor's answer does not account for
// (no row for its key, or no results list at all) is Unknown, listed with
// OutcomeUnknown, never counted as uploaded or as refused.
func (c *Client) UploadPSI(ctx context.Context, req *PSIUploadRequest) (*PSIUploadResponse, error) {
	if req == nil || len(req.Records) == 0 {
		return nil, duijie.Invalid(vendor, "Records", duijie.RuleRequired, "at least one record")
	}
	if limit := c.row(OpPSIUpload).MaxBatch; len(req.Records) > limit {
		return nil, duijie.Invalid(vendor, "Records", duijie.RuleTooMany,
			"at most "+strconv.Itoa(limit)+" per call; UploadPSIAll cuts longer lists")
	}
	records, err := checkPSIRecords(req.Records)
	if err != nil {
		return nil, err
	}
	return c.uploadPSI(ctx, records, 0)
}

// uploadPSI sends checked records; base is the index of records[0] in the
// caller's input.
func (c *Client) uploadPSI(ctx context.Context, records []PSIRecord, base int) (*PSIUploadResponse, error) {
	var raw json.RawMessage
	if _, err := c.call(ctx, OpPSIUpload, &PSIUploadRequest{Records: records}, &raw); err != nil {
		return nil, err
	}
	// An answer without a readable results list accounts for no record:
	// every record is of unknown outcome.
	var ans struct {
		Results []psiRow `json:"results"`
	}
	if len(raw) > 0 && json.Unmarshal(raw, &ans) != nil {
		ans.Results = nil
	}
	return matchPSI(records, base, ans.Results, c.opName(OpPSIUpload))
}

// matchPSI pairs Honor's per-record rows with the records sent, by key.
func matchPSI(records []PSIRecord, base int, rows []psiRow, opName string) (*PSIUploadResponse, error) {
	// Honor answers row i for record i: then no map is needed. Records
	// have distinct keys, so rows that match them one for one do too, and
	// reading row i is reading the row of the record's key.
	inOrder := len(rows) == len(records)
	for i := 0; inOrder && i < len(rows); i++ {
		inOrder = rows[i].DocNo == records[i].DocNo && rows[i].Serial == records[i].Serial
	}
	var byKey map[PSIKey]psiRow
	if !inOrder {
		byKey = make(map[PSIKey]psiRow, len(rows))
		for _, r := range rows {
			byKey[PSIKey{DocNo: r.DocNo, Serial: r.Serial}] = r
		}
	}
	res := &PSIUploadResponse{Results: make([]PSIResult, len(records))}
	batch := &duijie.BatchError{Vendor: vendor, Operation: opName, Total: len(records)}
	for i, rec := range records {
		k := rec.Key()
		out := PSIResult{Index: base + i, Key: k, Sent: true}
		var row psiRow
		ok := inOrder
		if ok {
			row = rows[i]
		} else {
			row, ok = byKey[k]
		}
		switch {
		case !ok:
			out.Unknown, out.Err = true, errNoResult
			batch.Failed = append(batch.Failed, duijie.RowError{Index: base + i, Key: k.String(), Err: errNoResult, OutcomeUnknown: true})
		case bool(row.Success):
			out.OK, out.Replaced = true, bool(row.Replaced)
		default:
			out.Code, out.Message = row.Code, row.Message
			batch.Failed = append(batch.Failed, duijie.RowError{Index: base + i, Key: k.String(), Code: row.Code, Message: row.Message})
		}
		res.Results[i] = out
	}
	if len(batch.Failed) > 0 {
		return res, batch
	}
	return res, nil
}

// UploadPSIAllRequest is any number of PSI records, uploaded by
// UploadPSIAll in calls of at most MaxPSIBatch.
type UploadPSIAllRequest struct {
	// Records are the records to upload, no key twice in the whole list.
	// At least one.
	Records []PSIRecord
}

// UploadPSIAllResponse is every record's outcome of an UploadPSIAll, in
// input order.
type UploadPSIAllResponse struct {
	// Results has one entry per input record, Results[i] for Records[i]:
	// uploaded, refused, Unknown, or not Sent when an earlier call failed.
	Results []PSIResult
}

// Failed returns the results that did not succeed.
func (r *UploadPSIAllResponse) Failed() []PSIResult {
	var out []PSIResult
	for _, x := range r.Results {
		if !x.OK {
			out = append(out, x)
		}
	}
	return out
}

// UploadPSIAll uploads any number of records in calls of at most
// MaxPSIBatch (psi_upload, see DefaultOperations), after checking them all
// (no key twice in the whole list). UploadPSI's replay rule applies to each
// call: not replayed after an unclear outcome unless the operation table
// says Honor de-duplicates the upload.
//
// Results has one entry per input record. A refused record is listed in the
// *BatchError returned with the response; when a call fails outright the walk
// stops, the records not sent have Sent false and are listed too, and the
// error wraps the call's error. The records of the failed call are Unknown
// (OutcomeUnknown in the *BatchError) when the failure may follow processing
// (MayHaveArrived), and plainly failed when Honor refused the call.
func (c *Client) UploadPSIAll(ctx context.Context, req *UploadPSIAllRequest) (*UploadPSIAllResponse, error) {
	if req == nil || len(req.Records) == 0 {
		return nil, duijie.Invalid(vendor, "Records", duijie.RuleRequired, "at least one record")
	}
	checked, err := checkPSIRecords(req.Records)
	if err != nil {
		return nil, err
	}
	res := &UploadPSIAllResponse{Results: make([]PSIResult, 0, len(checked))}
	batch := &duijie.BatchError{Vendor: vendor, Operation: c.opName(OpPSIUpload), Total: len(checked)}
	limit := c.row(OpPSIUpload).MaxBatch
	for start := 0; start < len(checked); start += limit {
		end := min(start+limit, len(checked))
		part, err := c.uploadPSI(ctx, checked[start:end], start)
		var be *duijie.BatchError
		switch {
		case err == nil:
		case errors.As(err, &be) && part != nil:
			batch.Failed = append(batch.Failed, be.Failed...)
		default:
			unknown := duijie.MayHaveArrived(err)
			for i := start; i < len(checked); i++ {
				k := checked[i].Key()
				sent, rowErr := i < end, errNotSent
				if sent {
					rowErr = err
				}
				res.Results = append(res.Results, PSIResult{Index: i, Key: k, Sent: sent, Err: rowErr, Unknown: sent && unknown})
				batch.Failed = append(batch.Failed, duijie.RowError{Index: i, Key: k.String(), Err: rowErr, OutcomeUnknown: sent && unknown})
			}
			return res, &uploadStopped{
				msg:  fmt.Sprintf("honor: PSI upload: %d of %d records not confirmed: %v", len(checked)-start, len(checked), err),
				errs: []error{batch, err},
			}
		}
		res.Results = append(res.Results, part.Results...)
	}
	if len(batch.Failed) > 0 {
		return res, batch
	}
	return res, nil
}

// uploadStopped is UploadPSIAll's error when a call failed: it reads as the
// call's failure and matches both it and the BatchError listing the records.
type uploadStopped struct {
	msg  string
	errs []error
}

func (e *uploadStopped) Error() string   { return e.msg }
func (e *uploadStopped) Unwrap() []error { return e.errs }
