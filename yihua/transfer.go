package yihua

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/duijie/duijie/internal/apierr"
	"github.com/duijie/duijie/internal/transport"
)

// MethodTradeTransferToErp is the ErpService method that writes an order.
const MethodTradeTransferToErp = "TradeTransferToErp"

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
}

// TransferResponse is the ERP's answer.
type TransferResponse struct {
	// OuterTradeID is the ERP's order number.
	OuterTradeID string
}

// TransferTrade calls TradeTransferToErp (向ERP写入订单). The trade is
// validated and encoded before anything is sent.
//
// Yihua does not document that it de-duplicates orders, so this write is not
// safe to replay: it is retried only when the request provably never
// reached the server (a refused connection) or was throttled. After a 5xx,
// a reset or a timeout the error is returned (a *TransportError says
// MayHaveReachedServer) and the caller should look the order up in the ERP
// before sending it again.
func (c *Client) TransferTrade(ctx context.Context, req *TransferRequest) (*TransferResponse, error) {
	if req == nil {
		return nil, apierr.Invalid(vendor, "TransferRequest", apierr.RuleRequired, "")
	}
	params, err := req.Params()
	if err != nil {
		return nil, err
	}
	env, err := c.send(ctx, transport.Operation{Name: MethodTradeTransferToErp}, params)
	if err != nil {
		return nil, err
	}
	var msg struct {
		OuterTradeID json.RawMessage `json:"OuterTradeID"`
	}
	if err := json.Unmarshal(env.Message, &msg); err != nil || len(msg.OuterTradeID) == 0 {
		return nil, &apierr.APIError{Vendor: vendor, Operation: MethodTradeTransferToErp, Code: env.code(),
			Message: fmt.Sprintf("answer has no Message.OuterTradeID: %.100s", env.Message)}
	}
	var id string
	if json.Unmarshal(msg.OuterTradeID, &id) != nil {
		id = string(msg.OuterTradeID)
	}
	return &TransferResponse{OuterTradeID: id}, nil
}

// Params validates the request and returns the call's business parameters
// (MasterXml, DetailXml, PayXml, TH, Audit, StoredProcedureName).
func (r *TransferRequest) Params() (map[string]any, error) {
	if err := r.Trade.Validate(); err != nil {
		return nil, err
	}
	proc := r.Procedure
	if proc == "" {
		proc = ProcedureSale
	}
	switch proc {
	case ProcedureSale, ProcedureRetail, ProcedureWholesale:
	default:
		return nil, apierr.Invalid(vendor, "Procedure", apierr.RuleFormat, "one of UP_TradeTransferToSale, UP_TradeTransferToRetail, UP_TradeTransferToWholesale")
	}
	return map[string]any{
		"MasterXml":           EncodeMaster(&r.Trade.Master),
		"DetailXml":           EncodeDetails(r.Trade.Details),
		"PayXml":              EncodePays(r.Trade.Pays),
		"TH":                  boolInt(r.Return),
		"Audit":               boolInt(r.AutoAudit),
		"StoredProcedureName": string(proc),
	}, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
