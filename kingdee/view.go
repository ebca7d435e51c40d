package kingdee

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/duijie/duijie"
)

// ServiceView is the bill read service (查看).
const ServiceView = DynamicFormService + "View"

// ViewRequest names one bill to read.
type ViewRequest struct {
	// FormID is the form.
	FormID string
	// Number is the bill number; or give ID.
	Number string
	// ID is the internal id.
	ID string
	// CreateOrgID is the creating organisation's internal id; 0 for any.
	CreateOrgID int64
	// IsSortBySeq sorts the entries by sequence.
	IsSortBySeq bool
}

// ViewResponse is the bill View read.
type ViewResponse struct {
	// Bill is the bill as the server sent it (the answer's Result.Result),
	// in the server's own layout: references expanded into objects.
	Bill json.RawMessage
}

// Decode stores the bill into v, a pointer to a struct or map.
func (r *ViewResponse) Decode(v any) error {
	if err := json.Unmarshal(r.Bill, v); err != nil {
		return fmt.Errorf("kingdee View: decode the bill: %w", err)
	}
	return nil
}

// View calls DynamicFormService.View (查看) for one bill. A bill that does
// not exist is ErrNotFound (the server's MsgCode 10, or an answer without a
// bill). It is a read: retried and replayed.
func (c *Client) View(ctx context.Context, req *ViewRequest) (*ViewResponse, error) {
	switch {
	case req == nil:
		return nil, duijie.Invalid(vendor, "ViewRequest", duijie.RuleRequired, "")
	case strings.TrimSpace(req.FormID) == "":
		return nil, duijie.Invalid(vendor, "FormID", duijie.RuleRequired, "")
	case req.Number == "" && req.ID == "":
		return nil, duijie.Invalid(vendor, "Number", duijie.RuleRequired, "a bill number or id")
	}
	data := struct {
		CreateOrgID int64  `json:"CreateOrgId"`
		Number      string `json:"Number"`
		ID          string `json:"Id"`
		IsSortBySeq string `json:"IsSortBySeq"`
	}{req.CreateOrgID, req.Number, req.ID, fmt.Sprint(req.IsSortBySeq)}
	body, err := c.body(namedArg{"formid", req.FormID}, namedArg{"data", data})
	if err != nil {
		return nil, err
	}
	op := operation(opView)
	res, err := c.do(ctx, op, body)
	if err != nil {
		return nil, err
	}
	a := res.Envelope
	if a == nil || a.kind != kindStatus {
		return nil, &duijie.APIError{Vendor: vendor, Operation: shortName(op.Wire), HTTPStatus: res.StatusCode,
			Message: "the answer is not a View result", Class: duijie.ErrTemporary}
	}
	if st := a.result.ResponseStatus; st != nil && !bool(st.IsSuccess) {
		return nil, c.failure(res, shortName(op.Wire), st)
	}
	if len(a.result.Result) == 0 || string(a.result.Result) == "null" {
		return nil, &duijie.APIError{Vendor: vendor, Operation: shortName(op.Wire), HTTPStatus: res.StatusCode,
			Message: "the answer has no bill", Class: duijie.ErrNotFound}
	}
	return &ViewResponse{Bill: a.result.Result}, nil
}
