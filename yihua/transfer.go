package yihua

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/duijie/duijie"
)

// TransferRequest is one order (or return) to write into the ERP.
type TransferRequest struct {
	// Trade is the order.
	Trade *Trade
	// Return marks a return (TH=1) instead of a sale (TH=0).
	Return bool
	// AutoAudit asks the ERP to audit and ship at once (Audit=1).
	AutoAudit bool
	// Procedure is the receiving routine; empty means ProcedureSale.
	Procedure Procedure
	// UID is the Yihua cloud user the order belongs to; empty means
	// Config.UID.
	UID string
}

// TransferResponse is the ERP's answer.
type TransferResponse struct {
	// OuterTradeID is the ERP's order number.
	OuterTradeID string
}

// TransferTrade calls POST /Mall/Erp/ErpService.svc/TradeTransferToErp
// (向ERP写入订单). The request is validated and its three XML documents are
// encoded before anything is sent; a problem comes back as a
// *ValidationError.
//
// The parameters travel in the vendor's order: PlatformID, UserAccessToken,
// UID, MasterXml, DetailXml, PayXml, TH, Audit, StoredProcedureName, with TH
// and Audit as the numbers 0 or 1.
//
// Its row in Operations gives the method posted to and the retry decision.
// Not safe to replay: Yihua does not document that it de-duplicates orders
// (by TradeID or anything else), so a second delivery may book the order
// twice. The call is retried only when the request provably never reached
// the server (a refused connection). After a throttle (HTTP 429, which a
// gateway may send after the ERP booked the order), a 5xx, a reset or a
// timeout the error is returned at once (a
// *TransportError then says MayHaveReachedServer) and the caller should look
// the order up in the ERP before sending it again.
//
// An answer with Code "0" but no readable ERP order number is an *APIError
// whose Code is "0": the ERP has most likely booked the order, so it must not
// be sent again without checking.
func (c *Client) TransferTrade(ctx context.Context, req *TransferRequest) (*TransferResponse, error) {
	op := operation("TransferTrade")
	if req == nil {
		return nil, duijie.Invalid(vendor, "TransferRequest", duijie.RuleRequired, "")
	}
	proc, err := req.check(op)
	if err != nil {
		return nil, err
	}
	uid := req.UID
	if uid == "" {
		uid = c.cfg.UID
	}
	cred := credentials{PlatformID: c.cfg.PlatformID, UserAccessToken: c.cfg.UserAccessToken.Reveal(), UID: uid}
	body := transferBody(c.cfg.Encoding, &cred, req.Trade, boolInt(req.Return), boolInt(req.AutoAudit), proc)
	env, err := c.post(ctx, wireOp(op), body, contentType(c.cfg.Encoding))
	if err != nil {
		return nil, err
	}
	id, ok := OuterTradeID(env.Message)
	if !ok {
		return nil, &duijie.APIError{Vendor: vendor, Operation: op.Wire, Code: env.code(), HTTPStatus: 200,
			Message: fmt.Sprintf("the ERP answered Code 0 (accepted) but no OuterTradeID could be read from Message %.100s; check the ERP before sending again", env.Message)}
	}
	return &TransferResponse{OuterTradeID: id}, nil
}

// OuterTradeID reads the ERP order number from a successful answer's
// Message. The example answer sends an object, {"OuterTradeID":"6359…"}; the
// vendor's field table calls Message a string holding the ERP order number.
// Both are accepted, as is an object sent as a JSON string, and a number is
// kept digit for digit. A plain string is taken as the number only when it
// looks like one (up to 64 letters, digits, '-' or '_'), so that a success
// text such as "成功" is never mistaken for an order number.
func OuterTradeID(message json.RawMessage) (string, bool) {
	return outerTradeID(message, true)
}

func outerTradeID(raw []byte, unwrap bool) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", false
	}
	switch raw[0] {
	case '{':
		var m struct {
			OuterTradeID duijie.Text `json:"OuterTradeID"`
		}
		if json.Unmarshal(raw, &m) != nil || !isTradeNumber(string(m.OuterTradeID)) {
			return "", false
		}
		return string(m.OuterTradeID), true
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		if b := bytes.TrimSpace([]byte(s)); unwrap && len(b) > 0 && b[0] == '{' {
			return outerTradeID(b, false)
		}
		if !isTradeNumber(s) {
			return "", false
		}
		return s, true
	}
	return "", false
}

// isTradeNumber reports whether s looks like an order number.
func isTradeNumber(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// Params validates the request and returns the call's business parameters
// (MasterXml, DetailXml, PayXml, TH, Audit, StoredProcedureName) by name,
// for use as CallRequest.Params.
func (r *TransferRequest) Params() (map[string]any, error) {
	p, err := r.params(operation("TransferTrade"))
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"MasterXml": p.MasterXml, "DetailXml": p.DetailXml, "PayXml": p.PayXml,
		"TH": p.TH, "Audit": p.Audit, "StoredProcedureName": p.StoredProcedureName,
	}, nil
}

// transferParams are TradeTransferToErp's parameters after the credentials,
// in the vendor's order and of the vendor's types (TH and Audit are
// numbers). The tags name them for encoding/json (BodyJSON) and
// go-querystring (BodyForm).
type transferParams struct {
	MasterXml           string `json:"MasterXml" url:"MasterXml"`
	DetailXml           string `json:"DetailXml" url:"DetailXml"`
	PayXml              string `json:"PayXml" url:"PayXml"`
	TH                  int    `json:"TH" url:"TH"`
	Audit               int    `json:"Audit" url:"Audit"`
	StoredProcedureName string `json:"StoredProcedureName" url:"StoredProcedureName"`
}

// params validates the request, and its lines against the caps of op, and
// returns its business parameters. The three documents are built in one
// buffer and share one string.
func (r *TransferRequest) params(op duijie.Operation) (*transferParams, error) {
	proc, err := r.check(op)
	if err != nil {
		return nil, err
	}
	b, di, pi := appendDocs(make([]byte, 0, docsSize(r.Trade)), r.Trade)
	docs := string(b)
	return &transferParams{
		MasterXml:           docs[:di],
		DetailXml:           docs[di:pi],
		PayXml:              docs[pi:],
		TH:                  boolInt(r.Return),
		Audit:               boolInt(r.AutoAudit),
		StoredProcedureName: string(proc),
	}, nil
}

// check validates the request, and its lines against the caps of op, and
// returns the receiving routine.
func (r *TransferRequest) check(op duijie.Operation) (Procedure, error) {
	if err := r.Trade.Validate(); err != nil {
		return "", err
	}
	if err := checkBatch(op, "Details", len(r.Trade.Details)); err != nil {
		return "", err
	}
	proc := r.Procedure
	if proc == "" {
		proc = ProcedureSale
	}
	switch proc {
	case ProcedureSale, ProcedureRetail, ProcedureWholesale:
	default:
		return "", duijie.Invalid(vendor, "Procedure", duijie.RuleFormat, "one of UP_TradeTransferToSale, UP_TradeTransferToRetail, UP_TradeTransferToWholesale")
	}
	if r.UID != "" {
		v := &validator{}
		v.text("UID", r.UID, 0, false)
		if v.err != nil {
			return "", v.err
		}
	}
	return proc, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
