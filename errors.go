package duijie

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/duijie/duijie/internal/apierr"
)

// Sentinels for the classes of failure callers branch on with errors.Is.
var (
	// ErrRateLimited: the vendor throttled the call (or would have).
	ErrRateLimited = apierr.ErrRateLimited
	// ErrAuth: bad key, expired or revoked token or session, missing permission.
	ErrAuth = apierr.ErrAuth
	// ErrSignature: the vendor rejected the request signature or timestamp.
	ErrSignature = apierr.ErrSignature
	// ErrInvalidRequest: the request was refused as malformed, by us or by the vendor.
	ErrInvalidRequest = apierr.ErrInvalidRequest
	// ErrNotFound: the object asked for does not exist.
	ErrNotFound = apierr.ErrNotFound
	// ErrTemporary: the vendor is busy or failed (5xx); the same call may succeed later.
	ErrTemporary = apierr.ErrTemporary
	// ErrRepeatedPage: a listing answered a page with exactly the rows of the
	// previous one; continuing would loop and stopping silently could lose rows.
	ErrRepeatedPage = apierr.ErrRepeatedPage
)

// MaxBodySample is the most bytes of a response body an APIError keeps.
const MaxBodySample = apierr.MaxBodySample

// Rules a ValidationError names.
const (
	RuleRequired = apierr.RuleRequired
	RuleTooLong  = apierr.RuleTooLong
	RuleRange    = apierr.RuleRange
	RuleNegative = apierr.RuleNegative
	RuleFormat   = apierr.RuleFormat
	RuleTooMany  = apierr.RuleTooMany
	RuleWindow   = apierr.RuleWindow
	RuleConflict = apierr.RuleConflict
)

// ClassForStatus maps an HTTP status to the sentinel it matches (nil for
// 2xx), for answers whose body says nothing more precise.
func ClassForStatus(status int) error { return apierr.ClassForStatus(status) }

// APIError is an answer from a vendor that says the call failed.
type APIError struct {
	// Vendor is the package that made the call, e.g. "jushuitan".
	Vendor string
	// Operation is the vendor method or path, e.g. "/open/inventory/query".
	Operation string
	// Code is the vendor's error code as sent, e.g. "100".
	Code string
	// SubCode is a second-level code where the vendor has one (Qimen sub_code).
	SubCode string
	// Message is the vendor's message as sent.
	Message string
	// HTTPStatus is the HTTP status of the answer.
	HTTPStatus int
	// RequestID is the vendor's request id, when it sends one.
	RequestID string
	// Body is a sample of at most MaxBodySample bytes of the answer, with
	// secrets, signatures and personal data removed.
	Body string
	// Class is the sentinel this error matches with errors.Is, or nil.
	Class error
	// NotProcessed is true only for an answer the vendor documents as
	// "refused before processing" (a gateway throttle code): nothing was
	// applied, so any operation, a write included, may be sent again. A bare
	// HTTP 429, a message that merely reads like a throttle, or a code the
	// vendor does not document so leaves it false.
	NotProcessed bool
}

// Error describes the failure without the body sample.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Vendor)
	if e.Operation != "" {
		b.WriteString(" ")
		b.WriteString(e.Operation)
	}
	b.WriteString(": ")
	if e.Code != "" {
		b.WriteString("code ")
		b.WriteString(e.Code)
		if e.SubCode != "" {
			b.WriteString("/")
			b.WriteString(e.SubCode)
		}
		b.WriteString(": ")
	}
	switch {
	case e.Message != "":
		b.WriteString(e.Message)
	case e.Class != nil:
		b.WriteString(strings.TrimPrefix(e.Class.Error(), "duijie: "))
	default:
		b.WriteString("request failed")
	}
	if e.HTTPStatus != 0 && e.HTTPStatus != 200 {
		b.WriteString(" (HTTP ")
		b.WriteString(strconv.Itoa(e.HTTPStatus))
		b.WriteString(")")
	}
	if e.RequestID != "" {
		b.WriteString(" [request ")
		b.WriteString(e.RequestID)
		b.WriteString("]")
	}
	return b.String()
}

// Unwrap returns the class sentinel, so errors.Is(err, ErrAuth) works.
func (e *APIError) Unwrap() error { return e.Class }

// Is reports whether target is the internal mark of an answer refused
// before processing, which the transport's replay rule looks for.
func (e *APIError) Is(target error) bool { return e.NotProcessed && target == apierr.ErrNotProcessed }

// ErrorCode returns the vendor code.
func (e *APIError) ErrorCode() string { return e.Code }

// HTTPStatusCode returns the HTTP status.
func (e *APIError) HTTPStatusCode() int { return e.HTTPStatus }

// AsAPIError returns the APIError in err's chain, if any.
func AsAPIError(err error) (*APIError, bool) {
	var e *APIError
	ok := errors.As(err, &e)
	return e, ok
}

// ValidationError is input refused before any byte was sent.
type ValidationError struct {
	// Vendor is the package that refused it.
	Vendor string
	// Field is the path of the offending field, e.g. "trade_list[2].tid".
	Field string
	// Rule is the rule broken, one of the Rule constants or a short phrase.
	Rule string
	// Detail says more, e.g. "at most 50 trades per call".
	Detail string
}

// Error names the field and the rule.
func (e *ValidationError) Error() string {
	s := e.Vendor + ": invalid request: " + e.Field + ": " + e.Rule
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

// Unwrap returns ErrInvalidRequest.
func (e *ValidationError) Unwrap() error { return ErrInvalidRequest }

// Invalid returns a ValidationError: vendor refuses field for breaking rule
// (one of the Rule constants), with an optional detail.
func Invalid(vendor, field, rule, detail string) *ValidationError {
	return &ValidationError{Vendor: vendor, Field: field, Rule: rule, Detail: detail}
}

// RowError is the failure of one row of a batch write.
type RowError struct {
	// Index is the row's position in the caller's input, from 0.
	Index int
	// Key is the row's business key (order number, bill number ...), when known.
	Key string
	// Code is the vendor's code for the row, when it sends one.
	Code string
	// Message is the vendor's message for the row.
	Message string
	// Err is the cause when the row failed for a reason other than the vendor's answer.
	Err error
	// OutcomeUnknown is true when the answer did not account for the row and
	// no look-up settled it: the row may have arrived. Look it up (by Key)
	// before sending it again; never count it as delivered.
	OutcomeUnknown bool
}

// Error describes the row failure.
func (r RowError) Error() string {
	s := "row " + strconv.Itoa(r.Index)
	if r.Key != "" {
		s += " (" + r.Key + ")"
	}
	if r.Code != "" {
		s += ": code " + r.Code
	}
	if r.Message != "" {
		s += ": " + r.Message
	}
	if r.Err != nil {
		s += ": " + r.Err.Error()
	}
	if r.OutcomeUnknown {
		s += ": outcome unknown, may have arrived"
	}
	return s
}

// BatchError reports the rows of a batch write that failed. The call's
// result still carries every row's outcome, successes included.
type BatchError struct {
	// Vendor and Operation name the call.
	Vendor, Operation string
	// Total is the number of rows sent.
	Total int
	// Failed lists the failed rows in input order.
	Failed []RowError
}

// Error summarises the failed rows (at most five are spelled out).
func (e *BatchError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d of %d rows failed", e.Vendor, e.Operation, len(e.Failed), e.Total)
	for i, r := range e.Failed {
		if i == 5 {
			fmt.Fprintf(&b, "; and %d more", len(e.Failed)-5)
			break
		}
		b.WriteString("; ")
		b.WriteString(r.Error())
	}
	return b.String()
}

// UnknownIndexes returns the input positions of the rows whose outcome the
// answer left unknown (they may have arrived).
func (e *BatchError) UnknownIndexes() []int {
	var out []int
	for _, r := range e.Failed {
		if r.OutcomeUnknown {
			out = append(out, r.Index)
		}
	}
	return out
}

// FailedIndexes returns the input positions of the failed rows.
func (e *BatchError) FailedIndexes() []int {
	out := make([]int, len(e.Failed))
	for i, r := range e.Failed {
		out[i] = r.Index
	}
	return out
}

// TransportError is a call that produced no usable answer: the connection
// failed, was reset, timed out, or the body could not be read.
type TransportError struct {
	// Vendor and Operation name the call.
	Vendor, Operation string
	// Attempts is how many times the request was sent.
	Attempts int
	// MayHaveReachedServer is false only when the request provably never
	// reached the vendor (a refused dial, a failed DNS lookup): then nothing
	// was applied. When true, a write may or may not have been applied.
	MayHaveReachedServer bool
	// Err is the underlying error.
	Err error
}

// Error describes the failure.
func (e *TransportError) Error() string {
	reach := "request never reached the server"
	if e.MayHaveReachedServer {
		reach = "request may have reached the server"
	}
	return fmt.Sprintf("%s %s: transport failure after %d attempt(s), %s: %v", e.Vendor, e.Operation, e.Attempts, reach, e.Err)
}

// Unwrap returns the underlying error.
func (e *TransportError) Unwrap() error { return e.Err }

// MayHaveArrived reports whether a write that failed with err may still
// have been applied: the request may have reached the vendor and no answer
// came, or the answer is a failure that may follow processing (a 5xx, a
// busy or throttle reply the vendor does not document as refused before
// processing). A refusal, a validation error and a request that provably
// never left return false.
func MayHaveArrived(err error) bool {
	if err == nil {
		return false
	}
	var te *TransportError
	if errors.As(err, &te) {
		return te.MayHaveReachedServer
	}
	if e, ok := AsAPIError(err); ok {
		return !e.NotProcessed && (errors.Is(e, ErrTemporary) || errors.Is(e, ErrRateLimited))
	}
	return false
}
