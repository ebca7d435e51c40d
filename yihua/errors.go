package yihua

import (
	"bytes"
	"encoding/json"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/transport"
)

// CodeOK is the answer code of a successful call.
const CodeOK = "0"

// envelope is the answer of every ErpService call:
// {"Code":"0","Method":0,"Compressed":false,"Encrypted":false,"Message":...}.
type envelope struct {
	Code       json.RawMessage `json:"Code"`
	Method     json.RawMessage `json:"Method"`
	Compressed bool            `json:"Compressed"`
	Encrypted  bool            `json:"Encrypted"`
	// Message is an object on success ({"OuterTradeID":...}) and, by the
	// vendor's field table, a string otherwise.
	Message json.RawMessage `json:"Message"`
}

// code returns Code as text whether it was sent as "0" or 0.
func (e *envelope) code() string {
	var s string
	if json.Unmarshal(e.Code, &s) == nil {
		return s
	}
	return string(bytes.TrimSpace(e.Code))
}

// message returns Message as text: the string itself, or the raw JSON.
func (e *envelope) message() string {
	var s string
	if json.Unmarshal(e.Message, &s) == nil {
		return s
	}
	return string(e.Message)
}

// classify decodes the envelope once and keeps it in r.Envelope. Yihua's
// error-code table is not public, so a code other than "0" keeps its raw
// code and message with no class, except that HTTP statuses keep their usual
// classes (429 ErrRateLimited, 5xx ErrTemporary; both retried only for
// operations safe to replay, which TradeTransferToErp is not). A body that is
// not the envelope is ErrTemporary (a proxy or host error page). An answer
// marked compressed or encrypted cannot be read and is refused loudly.
func classify(r *transport.Result[envelope]) error {
	var env envelope
	if err := json.Unmarshal(r.Body, &env); err != nil || len(env.Code) == 0 {
		if r.StatusCode < 200 || r.StatusCode > 299 {
			return &duijie.APIError{Class: duijie.ClassForStatus(r.StatusCode)}
		}
		return &duijie.APIError{Message: "answer is not the ErpService JSON envelope", Class: duijie.ErrTemporary}
	}
	r.Envelope = &env
	if env.Compressed || env.Encrypted {
		return &duijie.APIError{Code: env.code(), Message: "answer is compressed or encrypted, which this client cannot read"}
	}
	if code := env.code(); code != CodeOK {
		return &duijie.APIError{Code: code, Message: env.message(), Class: duijie.ClassForStatus(r.StatusCode)}
	}
	if r.StatusCode < 200 || r.StatusCode > 299 {
		return &duijie.APIError{Code: env.code(), Class: duijie.ClassForStatus(r.StatusCode)}
	}
	return nil
}
