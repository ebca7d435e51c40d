// Package apierr holds what the SDK's machinery needs to know about errors
// without importing the public core: the class sentinels (which the root
// package re-exports), the validation rules, the status-to-class mapping and
// the field lists of the public error types, which the root package's
// APIError, TransportError and ValidationError repeat field for field so the
// machinery can build them by conversion.
package apierr

import (
	"errors"
)

// Sentinels for the classes of failure callers branch on with errors.Is.
var (
	// ErrRateLimited: the vendor throttled the call (or would have).
	ErrRateLimited = errors.New("duijie: rate limited")
	// ErrAuth: bad key, expired or revoked token or session, missing permission.
	ErrAuth = errors.New("duijie: authentication failed")
	// ErrSignature: the vendor rejected the request signature or timestamp.
	ErrSignature = errors.New("duijie: signature rejected")
	// ErrInvalidRequest: the request was refused as malformed, by us or by the vendor.
	ErrInvalidRequest = errors.New("duijie: invalid request")
	// ErrNotFound: the object asked for does not exist.
	ErrNotFound = errors.New("duijie: not found")
	// ErrTemporary: the vendor is busy or failed (5xx); the same call may succeed later.
	ErrTemporary = errors.New("duijie: temporary failure")
	// ErrRepeatedPage: a listing answered the same page twice.
	ErrRepeatedPage = errors.New("duijie: the vendor returned the same page twice")
	// ErrNotProcessed marks an answer the vendor documents as refused before
	// processing; the public APIError matches it when NotProcessed is set.
	ErrNotProcessed = errors.New("duijie: refused before processing")
)

// MaxBodySample is the most bytes of a response body an APIError keeps.
const MaxBodySample = 512

// ClassForStatus maps an HTTP status to a class, for answers whose body says
// nothing more precise.
func ClassForStatus(status int) error {
	switch {
	case status == 429:
		return ErrRateLimited
	case status == 401 || status == 403:
		return ErrAuth
	case status == 404:
		return ErrNotFound
	case status >= 500:
		return ErrTemporary
	case status >= 400:
		return ErrInvalidRequest
	}
	return nil
}

// Rules a ValidationError names.
const (
	RuleRequired = "required"
	RuleTooLong  = "too long"
	RuleRange    = "out of range"
	RuleNegative = "must not be negative"
	RuleFormat   = "bad format"
	RuleTooMany  = "too many"
	RuleWindow   = "window over the maximum"
	RuleConflict = "conflicts with another field"
)

// APIErrorFields are the fields of the public APIError, in its order;
// their meaning is documented there.
type APIErrorFields = struct {
	Vendor       string
	Operation    string
	Code         string
	SubCode      string
	Message      string
	HTTPStatus   int
	RequestID    string
	Body         string
	Class        error
	NotProcessed bool
}

// ValidationErrorFields are the fields of the public ValidationError.
type ValidationErrorFields = struct {
	Vendor string
	Field  string
	Rule   string
	Detail string
}

// TransportErrorFields are the fields of the public TransportError.
type TransportErrorFields = struct {
	Vendor, Operation    string
	Attempts             int
	MayHaveReachedServer bool
	Err                  error
}
