package jushuitan

import (
	"context"

	"github.com/duijie/duijie"
)

// CallRequest is a call of any Jushuitan operation this package does not
// type, in the client's generation (Config.Generation): an openapi v2 path
// (/open/..., 开放平台 v2) or a legacy query.aspx method.
type CallRequest struct {
	// Path is the openapi v2 path, e.g. "/open/purchase/query"; an OpenAPI
	// client sends to it.
	Path string
	// Method is the legacy method, e.g. "purchase.query"; a Legacy client
	// sends it. Either may be left empty when the operation exists in one
	// generation only, as long as the client's generation has its name.
	Method string
	// Params is the business payload (biz on openapi v2, the JSON body on
	// the legacy API), usually a struct or map the vendor reads as an
	// object: it is written by encoding/json with raw UTF-8 and no HTML
	// escaping; a json.RawMessage is sent as it is (compacted); nil sends {}.
	Params any
	// SafeToReplay marks a read, or a write the vendor de-duplicates by a
	// key the payload carries: the call is then replayed after failures
	// that may have reached the server (a 5xx, a reset, a timeout, a busy
	// answer) and after a token renewed on code 100. It is false by
	// default: a raw write is sent once and never replayed blindly after an
	// unclear outcome; the error then says it may have arrived
	// (duijie.MayHaveArrived), for the caller to look the outcome up. Either
	// way a call is replayed when it provably never reached the server, or
	// after the quota codes the vendor documents as refused before
	// processing.
	SafeToReplay bool
}

// Call is the escape hatch for operations without a typed method. It
// marshals req.Params, signs and sends it to req.Path (openapi v2) or
// req.Method (legacy) as the client's generation says, checks the envelope
// exactly as the typed methods do, which go through the same path (errors,
// token refresh, retries, with req.SafeToReplay deciding what may be
// replayed), and decodes the answer into out: the "data" object on openapi
// v2, the whole flat answer on the legacy API. out may be nil.
func (c *Client) Call(ctx context.Context, req *CallRequest, out any) error {
	if req == nil {
		return duijie.Invalid(vendor, "CallRequest", duijie.RuleRequired, "")
	}
	return c.invoke(ctx, operation{name: "Call", path: req.Path, method: req.Method, safeToReplay: req.SafeToReplay}, req.Params, out)
}
