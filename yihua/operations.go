package yihua

import (
	"reflect"
	"strconv"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/transport"
)

// MethodTradeTransferToErp is the ErpService method that writes an order
// (向ERP写入订单); its row in Operations is TransferTrade's.
const MethodTradeTransferToErp = "TradeTransferToErp"

// Operations returns the ErpService methods this package types, one row
// each: the client method (Name), the ErpService method it posts to (Wire,
// under ServicePath), the vendor's Chinese name, the request and response
// types, whether the call may be sent again after an outcome that may have
// reached the ERP, and its caps. The typed methods read their row for the
// method they post to and the retry decision, and check the row's caps
// before sending; a new operation is a row here plus its request and
// response types.
//
// The vendor's page documents one method, TradeTransferToErp, a write it
// does not document as de-duplicated: not safe to replay. It publishes no
// paging, no time window and no cap on the lines or payments of one trade,
// so those columns are zero. Other ErpService methods go through Call.
//
// The slice is new on every call; changing it changes nothing in the
// package.
func Operations() []duijie.Operation {
	return []duijie.Operation{
		{
			Name:     "TransferTrade",
			Wire:     MethodTradeTransferToErp,
			Title:    "向ERP写入订单",
			Request:  reflect.TypeFor[TransferRequest](),
			Response: reflect.TypeFor[TransferResponse](),
			// A write; Yihua documents no de-duplication (by TradeID or
			// anything else), so a second delivery may book it twice.
			SafeToReplay: false,
			Paging:       duijie.NotPaged,
			// MaxBatch would bound the detail lines (DetailXml) of one
			// trade; the vendor publishes no such cap.
			MaxBatch: 0,
		},
	}
}

// operation returns the row of the client method name. A name without a
// row (which the tests rule out) gets a row that is never replayed and has
// no caps.
func operation(name string) duijie.Operation {
	for _, op := range Operations() {
		if op.Name == name {
			return op
		}
	}
	return duijie.Operation{Name: name}
}

// wireOp is what the transport needs of a row: the method named in errors
// and logs, and the retry decision.
func wireOp(op duijie.Operation) transport.Operation {
	return transport.Operation{Name: op.Wire, SafeToReplay: op.SafeToReplay}
}

// checkBatch refuses, before anything is sent, a write carrying more
// records under field than the row's MaxBatch allows (0: no cap).
func checkBatch(op duijie.Operation, field string, n int) error {
	if op.MaxBatch > 0 && n > op.MaxBatch {
		return duijie.Invalid(vendor, field, duijie.RuleTooMany,
			"at most "+strconv.Itoa(op.MaxBatch)+" per "+op.Wire+" call, got "+strconv.Itoa(n))
	}
	return nil
}
