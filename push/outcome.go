package push

import (
	"context"
	"errors"
	"unicode/utf8"

	"github.com/duijie/duijie/mapping"
)

// ErrRefused matches an error from Refused: the host definitely did not
// take the order and will not take the same content if sent again.
var ErrRefused = errors.New("push: refused")

// ErrUnknown matches an error from Unknown: the order may or may not have
// reached the host's target.
var ErrUnknown = errors.New("push: outcome unknown")

// Refused marks err as a definite refusal of an order (it fails
// validation, cannot be converted, the target refused it). The Receiver
// remembers it and answers a retry of the same content with it, without
// handing the order on again. Refused(nil) is nil.
func Refused(err error) error {
	if err == nil {
		return nil
	}
	return &marked{err: err, kind: ErrRefused}
}

// Unknown marks err as an outcome that is not known: the write may have
// arrived (a timeout or reset after sending, an answer that does not
// account for the order). The Receiver does not remember it: a retry hands
// the order on again, which the host's target must absorb (WDT trade_push
// updates by tid). Unknown(nil) is nil.
func Unknown(err error) error {
	if err == nil {
		return nil
	}
	return &marked{err: err, kind: ErrUnknown}
}

// marked is an error classed by Refused or Unknown.
type marked struct {
	err  error
	kind error
}

// Error returns the host's message.
func (m *marked) Error() string { return m.err.Error() }

// Unwrap returns the host's error.
func (m *marked) Unwrap() error { return m.err }

// Is matches the class.
func (m *marked) Is(target error) bool { return target == m.kind }

// Key identifies an order: the shop (shop_no, possibly empty) and the
// platform order number (tid).
type Key struct {
	// Shop is the order's shop_no as pushed.
	Shop string
	// Tid is the order's tid as pushed.
	Tid string
}

// Delivery is one order the Receiver hands to the host.
type Delivery struct {
	// Key is the order's (shop_no, tid).
	Key Key
	// Hash is the content hash of the decoded order (lowercase hex SHA-256
	// of its canonical JSON); equal orders have equal hashes however the
	// sender formatted them.
	Hash string
	// Update is true when a different version of this order was accepted
	// before: the host should update what it holds.
	Update bool
	// Order is the decoded order.
	Order *mapping.CallbackOrder
}

// DeliverFunc hands orders to the host, the target of the push (WDT
// trade_push, a queue, a database). It returns one error per order, in the
// order given: nil when the order was taken, an error wrapped by Refused
// for a definite refusal, by Unknown when it may have arrived, and any
// other error for a failure that surely left nothing behind. It must honour
// ctx, which ends at the Receiver's timeout. It is called with at most one
// call in flight per order key.
type DeliverFunc func(ctx context.Context, orders []Delivery) []error

// OneByOne adapts a function that takes one order at a time.
func OneByOne(f func(ctx context.Context, d Delivery) error) DeliverFunc {
	return func(ctx context.Context, orders []Delivery) []error {
		errs := make([]error, len(orders))
		for i := range orders {
			errs[i] = f(ctx, orders[i])
		}
		return errs
	}
}

// Result is the Receiver's answer for one pushed order; the answer to a
// push is a JSON array of them, in the pushed order.
type Result struct {
	// ShopNo and Tid echo the order's key.
	ShopNo string `json:"shop_no,omitempty"`
	Tid    string `json:"tid"`
	// OK is true when the host took the order.
	OK bool `json:"ok"`
	// Unknown is true when the order may or may not have been taken.
	Unknown bool `json:"unknown,omitempty"`
	// Retry is true when the outcome is not final: send the order again,
	// in a newly signed push (true for every Unknown order too).
	Retry bool `json:"retry,omitempty"`
	// Repeat is true when the answer is the remembered outcome of an
	// earlier push of the same content, which was not handed on again.
	Repeat bool `json:"repeat,omitempty"`
	// Update is true when the order replaced an earlier accepted version.
	Update bool `json:"update,omitempty"`
	// Reason says why the order was not taken.
	Reason string `json:"reason,omitempty"`
}

// maxReason bounds a reason kept and answered.
const maxReason = 512

// clip shortens s to at most maxReason bytes on a rune boundary.
func clip(s string) string {
	if len(s) <= maxReason {
		return s
	}
	n := maxReason
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
