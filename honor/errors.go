package honor

import (
	"encoding/json"
	"maps"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/jsonx"
	"github.com/duijie/duijie/internal/transport"
)

// Answer codes of the default code table. Honor's own table is in its
// partner document; map its codes with Config.ErrorClasses. Whatever the
// table says, an error keeps the code and message exactly as Honor sent them.
const (
	// CodeOK is success.
	CodeOK = "0"
	// CodeBadAppID: app_id unknown or disabled.
	CodeBadAppID = "1001"
	// CodeNotAuthorised: shop_no or distributor_id not authorised for app_id.
	CodeNotAuthorised = "1002"
	// CodeBadSignature: the signature does not match.
	CodeBadSignature = "1003"
	// CodeBadTimestamp: the timestamp is missing or too far from Honor's clock.
	CodeBadTimestamp = "1004"
	// CodeNonceReused: the nonce was used before with other parameters.
	CodeNonceReused = "1005"
	// CodeBadParameter: a parameter is missing or malformed.
	CodeBadParameter = "2001"
	// CodeNotFound: the object asked for does not exist.
	CodeNotFound = "2002"
	// CodeNotHimallOrder: the order named by shipment feedback is not a
	// Himall VF order.
	CodeNotHimallOrder = "2003"
	// CodeBatchTooLarge: too many records in one call.
	CodeBatchTooLarge = "2004"
	// CodeRateLimited: too many calls. Nothing public says the call was
	// refused before processing, so only reads and operations marked
	// SafeToReplay are retried after it.
	CodeRateLimited = "4001"
	// CodeSystemError: Honor failed.
	CodeSystemError = "5000"
	// CodeSystemBusy: Honor is busy; try again later.
	CodeSystemBusy = "5001"
)

// DefaultErrorClasses returns the default map from answer code to the
// error class errors.Is matches. A code not in the table has no class and is
// never retried.
func DefaultErrorClasses() map[string]error {
	return map[string]error{
		CodeBadAppID:       duijie.ErrAuth,
		CodeNotAuthorised:  duijie.ErrAuth,
		CodeBadSignature:   duijie.ErrSignature,
		CodeBadTimestamp:   duijie.ErrSignature,
		CodeNonceReused:    duijie.ErrSignature,
		CodeBadParameter:   duijie.ErrInvalidRequest,
		CodeNotFound:       duijie.ErrNotFound,
		CodeNotHimallOrder: duijie.ErrInvalidRequest,
		CodeBatchTooLarge:  duijie.ErrInvalidRequest,
		CodeRateLimited:    duijie.ErrRateLimited,
		CodeSystemError:    duijie.ErrTemporary,
		CodeSystemBusy:     duijie.ErrTemporary,
	}
}

// envelope is the answer of every call:
// {"code":"0","message":"ok","request_id":"...","data":{...}}.
type envelope struct {
	Code      duijie.Text     `json:"code"`
	Message   string          `json:"message"`
	RequestID string          `json:"request_id"`
	Data      json.RawMessage `json:"data"`
}

// decodeEnvelope reads an answer body. It fails when the body is not the
// JSON envelope or has no code. The body is checked and its members found
// in one pass (jsonx.Object), and data stays a slice of the body; a body
// whose keys need unquoting goes through encoding/json, with the same
// outcome (a fuzz test holds the two to each other).
func decodeEnvelope(body []byte) (*envelope, error) {
	members, plain, ok := jsonx.Object(body, nil)
	if !ok || !plain {
		return decodeEnvelopeSlow(body)
	}
	// As encoding/json does: members in order, keys matched without regard
	// to ASCII case, the last one winning, and a value of the wrong type an
	// error even when a later member sets the field.
	var env envelope
	var typeErr error
	for _, m := range members {
		var target any
		switch {
		case jsonx.EqualFold(m.Key, "code"):
			target = &env.Code
		case jsonx.EqualFold(m.Key, "message"):
			target = &env.Message
		case jsonx.EqualFold(m.Key, "request_id"):
			target = &env.RequestID
		case jsonx.EqualFold(m.Key, "data"):
			env.Data = m.Value
			continue
		default:
			continue
		}
		// The common case, a string needing no unquoting, read as it stands.
		if s, ok := jsonx.PlainString(m.Value); ok {
			switch t := target.(type) {
			case *duijie.Text:
				*t = duijie.Text(s)
				continue
			case *string:
				*t = s
				continue
			}
		}
		if err := json.Unmarshal(m.Value, target); err != nil && typeErr == nil {
			typeErr = err
		}
	}
	if typeErr != nil {
		return nil, typeErr
	}
	if env.Code == "" {
		return nil, errNoCode
	}
	return &env, nil
}

// decodeEnvelopeSlow is decodeEnvelope by encoding/json alone.
func decodeEnvelopeSlow(body []byte) (*envelope, error) {
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, err
	}
	if env.Code == "" {
		return nil, errNoCode
	}
	return &env, nil
}

type envelopeError string

func (e envelopeError) Error() string { return string(e) }

const errNoCode = envelopeError("answer has no code")

// classifier decodes the envelope once (into r.Envelope) and maps its code
// through classes.
func classifier(classes map[string]error) transport.Classifier[envelope] {
	classes = maps.Clone(classes)
	return func(r *transport.Result[envelope]) error {
		env, err := decodeEnvelope(r.Body)
		if err != nil {
			if r.StatusCode < 200 || r.StatusCode > 299 {
				return &duijie.APIError{Class: duijie.ClassForStatus(r.StatusCode)}
			}
			return &duijie.APIError{Message: "answer is not Honor's JSON envelope", Class: duijie.ErrTemporary}
		}
		r.Envelope = env
		code := string(env.Code)
		if code != CodeOK {
			class, ok := classes[code]
			if !ok {
				class = duijie.ClassForStatus(r.StatusCode)
			}
			return &duijie.APIError{Code: code, Message: env.Message, RequestID: env.RequestID, Class: class}
		}
		if r.StatusCode < 200 || r.StatusCode > 299 {
			return &duijie.APIError{Code: code, Message: env.Message, RequestID: env.RequestID, Class: duijie.ClassForStatus(r.StatusCode)}
		}
		return nil
	}
}
