package kingdee

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/duijie/duijie"
)

// Arg is one argument of a raw service call: its name in the named body
// form and its value. In the positional form (BodyParameters) a value that
// is not a string travels as a JSON string, like the official Java SDK's
// data argument.
type Arg struct {
	Name  string
	Value any
}

// CallRequest is a call of any service this package does not type:
// Allocate, ExcuteOperation, BillQuery, QueryBusinessInfo, a plug-in's
// service ….
type CallRequest struct {
	// Service is the full service name, e.g.
	// "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Allocate"; a name
	// without a dot is taken as a DynamicFormService method.
	Service string
	// Args are the service's arguments in order, e.g. formid then data.
	Args []Arg
	// SafeToReplay marks a read, or a write the server de-duplicates: it is
	// then retried after failures that may have reached the server and
	// replayed after a renewed session. The default, false, sends the call
	// once: a raw write is never replayed blindly, and an unclear outcome is
	// returned for the caller to settle. Leave it false for writes.
	SafeToReplay bool
}

// Call signs and sends any service with the client's auth and session, and
// decodes the answer into out (nil discards it). An answer that carries a
// failed ResponseStatus, bare or wrapped as [[…]], is an *APIError.
//
// Replay rule: a call marked SafeToReplay is retried after transient
// failures and replayed after a renewed session; any other call is sent
// once, whatever the answer (a throttle included), and an unclear outcome
// is returned for the caller to settle.
func (c *Client) Call(ctx context.Context, req *CallRequest, out any) error {
	if req == nil {
		return duijie.Invalid(vendor, "CallRequest", duijie.RuleRequired, "")
	}
	service := strings.TrimSpace(req.Service)
	if !strings.Contains(service, ".") {
		service = DynamicFormService + service
	}
	if strings.ContainsAny(service, "/?#% \t\r\n") || strings.HasSuffix(service, ".") {
		return duijie.Invalid(vendor, "Service", duijie.RuleFormat, "a service name such as DynamicFormService.Allocate")
	}
	args := make([]namedArg, len(req.Args))
	for i, a := range req.Args {
		if a.Name == "" && c.cfg.Body == BodyNamed {
			return duijie.Invalid(vendor, fmt.Sprintf("Args[%d].Name", i), duijie.RuleRequired, "the named body form needs argument names")
		}
		args[i] = namedArg{a.Name, a.Value}
	}
	body, err := c.body(args...)
	if err != nil {
		return duijie.Invalid(vendor, "Args", duijie.RuleFormat, err.Error())
	}
	res, err := c.do(ctx, duijie.Operation{Name: "Call", Wire: service, SafeToReplay: req.SafeToReplay}, body)
	if err != nil {
		return err
	}
	if a := res.Envelope; a != nil && a.kind == kindStatus {
		if st := a.result.ResponseStatus; st != nil && !bool(st.IsSuccess) {
			return c.failure(res, shortName(service), st)
		}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(res.Body, out); err != nil {
		return fmt.Errorf("kingdee %s: decode the answer: %w", shortName(service), err)
	}
	return nil
}
