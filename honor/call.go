package honor

import (
	"context"

	"github.com/duijie/duijie"
)

// CallRequest is a call of any Honor operation this package does not type
// (a rebate query, an interface from a newer partner document ...).
type CallRequest struct {
	// Path is appended to the base URL, e.g. "/openapi/vf/rebate/query".
	// Required; it starts with "/" and has no query, fragment or space.
	Path string
	// Method, when not empty, is sent as the "method" parameter, e.g.
	// "honor.vf.rebate.query" (for gateways that route on a method name).
	Method string
	// Params is marshalled to JSON and sent as biz_content; nil sends none.
	Params any
	// SafeToReplay says whether a failure that may have reached Honor (5xx,
	// a reset connection, a timeout, a throttle or busy answer) is retried
	// with the same bytes. Set it for reads, and for a write only when
	// Honor's document says it de-duplicates by a key the request carries.
	// The default, false, sends the call once: a raw write is never
	// replayed blindly, and an unclear outcome is returned as an error for
	// which MayHaveArrived is true, for the caller to settle.
	SafeToReplay bool
}

// Call signs and sends any operation: req.Params is marshalled to JSON as
// biz_content (nil sends none), and the answer's data is decoded into out
// (nil discards it). The envelope is checked, classified and retried as for
// the typed methods; req.SafeToReplay decides whether failures that may
// have reached Honor are retried (by default they are not).
func (c *Client) Call(ctx context.Context, req *CallRequest, out any) error {
	if req == nil {
		return duijie.Invalid(vendor, "CallRequest", duijie.RuleRequired, "")
	}
	ep := Endpoint{Path: req.Path, Method: req.Method, SafeToReplay: req.SafeToReplay}
	if field, err := checkEndpoint(ep); err != nil {
		return duijie.Invalid(vendor, field, duijie.RuleFormat, err.Error())
	}
	_, err := c.send(ctx, ep, req.Params, out)
	return err
}
