package kingdee

import (
	"context"
	"fmt"
	"strings"

	"github.com/duijie/duijie"
)

// Bill services that change a bill's state.
const (
	ServiceSubmit  = DynamicFormService + "Submit"
	ServiceAudit   = DynamicFormService + "Audit"
	ServiceUnAudit = DynamicFormService + "UnAudit"
	ServiceDelete  = DynamicFormService + "Delete"
	ServicePush    = DynamicFormService + "Push"
)

// BillAction names the bills Submit, Audit, UnAudit and Delete act on, by
// number or by internal id.
type BillAction struct {
	// FormID is the form, e.g. FormSalReturnStock.
	FormID string
	// Numbers are bill numbers.
	Numbers []string
	// IDs are internal ids; they travel comma-joined.
	IDs []string
	// CreateOrgID is the creating organisation's internal id; 0 for any.
	CreateOrgID int64
	// UseOrgID is the using organisation's internal id (base data).
	UseOrgID int64
	// NetworkCtrl turns network control (网控) on.
	NetworkCtrl Flag
	// IgnoreInterationFlag ignores interactions.
	IgnoreInterationFlag Flag
	// InterationFlags (sic) are interaction flags.
	InterationFlags string
	// SelectedPostID is the post id for the workflow (Submit).
	SelectedPostID int64
	// IsVerifyProcInst checks the workflow instance (Audit).
	IsVerifyProcInst Flag
}

// actionData is the data argument of Submit, Audit, UnAudit and Delete.
type actionData struct {
	CreateOrgID          int64    `json:"CreateOrgId"`
	Numbers              []string `json:"Numbers"`
	IDs                  string   `json:"Ids"`
	UseOrgID             int64    `json:"UseOrgId,omitempty"`
	SelectedPostID       int64    `json:"SelectedPostId,omitempty"`
	NetworkCtrl          Flag     `json:"NetworkCtrl,omitzero"`
	IgnoreInterationFlag Flag     `json:"IgnoreInterationFlag,omitzero"`
	InterationFlags      string   `json:"InterationFlags,omitempty"`
	IsVerifyProcInst     Flag     `json:"IsVerifyProcInst,omitzero"`
}

// ActionResult is the outcome of Submit, Audit, UnAudit, Delete or Push.
type ActionResult struct {
	// Succeeded are the bills the operation applied to (for Push, the
	// bills it created).
	Succeeded []SuccessEntity
	// Messages are the server's informational messages.
	Messages []FieldError
	// Convert is Push's conversion status.
	Convert *ResponseStatus
}

// Submit calls DynamicFormService.Submit (提交).
//
// Replay rule: Kingdee does not de-duplicate it, so it is never replayed
// after an unclear outcome (a reset or timeout, a 5xx, a throttle: MsgCode
// 14 or HTTP 429, a lost session); the error says which, and the caller
// decides, for instance by reading the bill's status.
func (c *Client) Submit(ctx context.Context, a *BillAction) (*ActionResult, error) {
	return c.act(ctx, operation(opSubmit), a)
}

// Audit calls DynamicFormService.Audit (审核). Submit's replay rule
// applies: never replayed after an unclear outcome.
func (c *Client) Audit(ctx context.Context, a *BillAction) (*ActionResult, error) {
	return c.act(ctx, operation(opAudit), a)
}

// UnAudit calls DynamicFormService.UnAudit (反审核). Submit's replay rule
// applies: never replayed after an unclear outcome.
func (c *Client) UnAudit(ctx context.Context, a *BillAction) (*ActionResult, error) {
	return c.act(ctx, operation(opUnAudit), a)
}

// Delete calls DynamicFormService.Delete (删除). Submit's replay rule
// applies: never replayed after an unclear outcome.
func (c *Client) Delete(ctx context.Context, a *BillAction) (*ActionResult, error) {
	return c.act(ctx, operation(opDelete), a)
}

// act sends Submit, Audit, UnAudit or Delete (op) for the bills a names.
func (c *Client) act(ctx context.Context, op duijie.Operation, a *BillAction) (*ActionResult, error) {
	switch {
	case a == nil:
		return nil, duijie.Invalid(vendor, "BillAction", duijie.RuleRequired, "")
	case strings.TrimSpace(a.FormID) == "":
		return nil, duijie.Invalid(vendor, "FormID", duijie.RuleRequired, "")
	case len(a.Numbers) == 0 && len(a.IDs) == 0:
		return nil, duijie.Invalid(vendor, "Numbers", duijie.RuleRequired, "bill numbers or ids")
	}
	for i, id := range a.IDs {
		if id == "" || strings.Contains(id, ",") {
			return nil, duijie.Invalid(vendor, fmt.Sprintf("IDs[%d]", i), duijie.RuleFormat, "an id without commas")
		}
	}
	numbers := a.Numbers
	if numbers == nil {
		numbers = []string{}
	}
	data := actionData{CreateOrgID: a.CreateOrgID, Numbers: numbers, IDs: strings.Join(a.IDs, ","),
		UseOrgID: a.UseOrgID, SelectedPostID: a.SelectedPostID, NetworkCtrl: a.NetworkCtrl,
		IgnoreInterationFlag: a.IgnoreInterationFlag, InterationFlags: a.InterationFlags}
	if op.Wire == ServiceAudit {
		data.IsVerifyProcInst = a.IsVerifyProcInst
	}
	keys := a.Numbers
	if len(keys) == 0 {
		keys = a.IDs
	}
	return c.statusCall(ctx, op, keys, namedArg{"formid", a.FormID}, namedArg{"data", data})
}

// statusCall sends an operation that answers a ResponseStatus. A failure
// that spares some inputs is the result plus a *BatchError over keys (the
// inputs in order); a failure of all is an *APIError.
func (c *Client) statusCall(ctx context.Context, op duijie.Operation, keys []string, args ...namedArg) (*ActionResult, error) {
	body, err := c.body(args...)
	if err != nil {
		return nil, duijie.Invalid(vendor, "data", duijie.RuleFormat, err.Error())
	}
	service := op.Wire
	res, err := c.do(ctx, op, body)
	if err != nil {
		return nil, err
	}
	env, st, err := status(res, shortName(service))
	if err != nil {
		return nil, err
	}
	out := &ActionResult{Succeeded: st.SuccessEntitys, Messages: st.SuccessMessages, Convert: env.ConvertResponseStatus}
	if cs := env.ConvertResponseStatus; cs != nil && !bool(cs.IsSuccess) && bool(st.IsSuccess) {
		return out, c.failure(res, shortName(service), cs)
	}
	if st.IsSuccess {
		return out, nil
	}
	if len(st.SuccessEntitys) == 0 || len(keys) == 0 {
		return nil, c.failure(res, shortName(service), st)
	}
	be := &duijie.BatchError{Vendor: vendor, Operation: shortName(service), Total: len(keys)}
	for _, e := range st.Errors {
		re := duijie.RowError{Index: e.DIndex, Message: c.t.Redactor().String(e.Message), Code: st.MsgCode.String()}
		if e.DIndex >= 0 && e.DIndex < len(keys) {
			re.Key = keys[e.DIndex]
		} else {
			re.Index = -1
		}
		be.Failed = append(be.Failed, re)
	}
	return out, be
}

// PushRequest is a Push (下推): bills of one form turned into bills of
// another by a conversion rule.
type PushRequest struct {
	// FormID is the source form.
	FormID string `json:"-"`
	// Numbers, IDs and EntryIDs name the source bills or entries.
	Numbers  []string `json:"Numbers,omitempty"`
	IDs      []string `json:"-"`
	EntryIDs []string `json:"-"`
	// RuleID is the conversion rule; required unless IsEnableDefaultRule.
	RuleID string `json:"RuleId,omitempty"`
	// TargetFormID is the target form; required with the default rule.
	TargetFormID string `json:"TargetFormId,omitempty"`
	// TargetBillTypeID is the target bill type.
	TargetBillTypeID string `json:"TargetBillTypeId,omitempty"`
	// TargetOrgID is the target organisation's internal id.
	TargetOrgID int64 `json:"TargetOrgId,omitempty"`
	// IsEnableDefaultRule uses the default conversion rule.
	IsEnableDefaultRule Flag `json:"IsEnableDefaultRule,omitzero"`
	// IsDraftWhenSaveFail keeps a draft when the target bill fails to save.
	IsDraftWhenSaveFail Flag `json:"IsDraftWhenSaveFail,omitzero"`
	// CustomParams are passed to the conversion plug-ins.
	CustomParams map[string]any `json:"CustomParams,omitempty"`
}

// Push calls DynamicFormService.Push (下推). A conversion that fails while
// the call reports success is an error with the result.
//
// Replay rule: it creates bills and Kingdee does not de-duplicate it, so it
// is never replayed, on any answer (a throttle included); after an unclear
// outcome look the target bills up before pushing again.
func (c *Client) Push(ctx context.Context, req *PushRequest) (*ActionResult, error) {
	switch {
	case req == nil:
		return nil, duijie.Invalid(vendor, "PushRequest", duijie.RuleRequired, "")
	case strings.TrimSpace(req.FormID) == "":
		return nil, duijie.Invalid(vendor, "FormID", duijie.RuleRequired, "")
	case len(req.Numbers) == 0 && len(req.IDs) == 0 && len(req.EntryIDs) == 0:
		return nil, duijie.Invalid(vendor, "Numbers", duijie.RuleRequired, "bill numbers, ids or entry ids")
	case req.RuleID == "" && req.IsEnableDefaultRule != FlagTrue:
		return nil, duijie.Invalid(vendor, "RuleID", duijie.RuleRequired, "unless IsEnableDefaultRule")
	case req.IsEnableDefaultRule == FlagTrue && req.TargetFormID == "":
		return nil, duijie.Invalid(vendor, "TargetFormID", duijie.RuleRequired, "with the default rule")
	}
	type pushData struct {
		*PushRequest
		IDs      string `json:"Ids,omitempty"`
		EntryIDs string `json:"EntryIds,omitempty"`
	}
	data := pushData{req, strings.Join(req.IDs, ","), strings.Join(req.EntryIDs, ",")}
	return c.statusCall(ctx, operation(opPush), nil, namedArg{"formid", req.FormID}, namedArg{"data", data})
}
