package mapping

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/duijie/duijie"
)

// VFStatus is the state of one step the host takes for a VF order after
// taking it into the ERP: the shipment feedback written back to Himall
// (回写状态) or the order's data uploaded to it (上传状态), as the interface's
// order screen shows them (荣耀VF接口单据查询).
type VFStatus string

// VF step states.
const (
	// VFStatusNone: not attempted yet (the zero value).
	VFStatusNone VFStatus = ""
	// VFStatusDone: Himall accepted it.
	VFStatusDone VFStatus = "done"
	// VFStatusFailed: refused, or the call never reached Himall; it may be
	// tried again.
	VFStatusFailed VFStatus = "failed"
	// VFStatusUnconfirmed: sent, and the outcome is unknown (the call
	// failed in a way that may follow processing); sending it again
	// settles it where Himall keys it (feedback is keyed by outbound number).
	VFStatusUnconfirmed VFStatus = "unconfirmed"
)

// VFStep is the latest outcome of one step for a VF order.
type VFStep struct {
	// Status is the step's state.
	Status VFStatus
	// At is the time of the last attempt; zero when never attempted.
	At time.Time
	// Attempts counts the attempts.
	Attempts int
	// Ref is what the step was about, e.g. the outbound number the
	// feedback was sent for; empty when none.
	Ref string
	// Message is the last error or Himall's message; empty when done.
	Message string
}

// VFOrderState is what the host keeps for one VF order taken into the ERP:
// the wholesale order made from it, which may not change afterwards (see
// ReconcileVFOrder), and the two states the order screen shows.
type VFOrderState struct {
	// Order is the wholesale order made from the VF order; Order.SourceNo,
	// the Himall order number, is the state's key. Required.
	Order *WholesaleOrder
	// TakenAt is when the order was first taken into the ERP.
	TakenAt time.Time
	// Feedback is the shipment feedback written back to Himall (回写状态).
	Feedback VFStep
	// Upload is the order's data uploaded to Himall (上传状态).
	Upload VFStep
}

// VFOrderQuery chooses the states ListVFOrders returns; its zero value
// chooses all of them.
type VFOrderQuery struct {
	// Feedback and Upload, when not empty, keep the states whose step has
	// one of the given statuses (VFStatusNone for "not attempted").
	Feedback, Upload []VFStatus
	// TakenFrom and TakenTo, when not zero, keep the states taken at or
	// after TakenFrom and before TakenTo.
	TakenFrom, TakenTo time.Time
}

// Match reports whether the query chooses st.
func (q VFOrderQuery) Match(st *VFOrderState) bool {
	switch {
	case len(q.Feedback) > 0 && !slices.Contains(q.Feedback, st.Feedback.Status):
		return false
	case len(q.Upload) > 0 && !slices.Contains(q.Upload, st.Upload.Status):
		return false
	case !q.TakenFrom.IsZero() && st.TakenAt.Before(q.TakenFrom):
		return false
	case !q.TakenTo.IsZero() && !st.TakenAt.Before(q.TakenTo):
		return false
	}
	return true
}

// VFOrderStore keeps the state of every VF order taken into the ERP, keyed
// by the Himall order number. Implementations are safe for concurrent use.
type VFOrderStore interface {
	// LoadVFOrder returns the state kept for the Himall order number, and
	// false when there is none.
	LoadVFOrder(ctx context.Context, sourceNo string) (VFOrderState, bool, error)
	// UpdateVFOrder changes the order's state atomically: f is given the
	// current state (the zero VFOrderState when there is none) and changes
	// it in place; the result is stored when f returns nil. An error from f
	// is returned as it is and nothing is stored. f may be called more than
	// once (an implementation may retry after a concurrent change), so it
	// must not do anything but change the state. The result must pass
	// CheckVFOrderState. The poll of VF orders creates the order with
	// ReconcileVFOrder inside f, so a changed Himall order never replaces
	// the kept one; the feedback and upload jobs set their steps.
	UpdateVFOrder(ctx context.Context, sourceNo string, f func(st *VFOrderState) error) error
	// ListVFOrders returns the states the query chooses, by Himall order
	// number.
	ListVFOrders(ctx context.Context, q VFOrderQuery) ([]VFOrderState, error)
}

// CheckVFOrderState checks a state to be stored under sourceNo: it must
// have its Order, whose SourceNo is sourceNo. Every VFOrderStore refuses
// what it refuses, with its *ValidationError.
func CheckVFOrderState(sourceNo string, st *VFOrderState) error {
	switch {
	case sourceNo == "":
		return invalid("sourceNo", duijie.RuleRequired, "the Himall order number")
	case st.Order == nil:
		return invalid("VFOrderState.Order", duijie.RuleRequired, "the wholesale order made from the VF order")
	case st.Order.SourceNo != sourceNo:
		return invalid("VFOrderState.Order.SourceNo", duijie.RuleConflict, "the state of "+sourceNo+" holds the order "+st.Order.SourceNo)
	}
	return nil
}

// MemoryVFOrders is a VFOrderStore in memory, for tests and single-process
// tools. Its zero value is ready; it is safe for concurrent use. It keeps
// deep copies, so a caller's later changes never reach it.
type MemoryVFOrders struct {
	mu sync.Mutex
	m  map[string]VFOrderState
}

// LoadVFOrder returns a copy of the kept state.
func (s *MemoryVFOrders) LoadVFOrder(_ context.Context, sourceNo string) (VFOrderState, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.m[sourceNo]
	return st.clone(), ok, nil
}

// UpdateVFOrder runs f on a copy of the state and keeps the result.
func (s *MemoryVFOrders) UpdateVFOrder(_ context.Context, sourceNo string, f func(st *VFOrderState) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.m[sourceNo].clone()
	if err := f(&st); err != nil {
		return err
	}
	if err := CheckVFOrderState(sourceNo, &st); err != nil {
		return err
	}
	if s.m == nil {
		s.m = map[string]VFOrderState{}
	}
	s.m[sourceNo] = st.clone()
	return nil
}

// ListVFOrders returns copies of the chosen states by Himall order number.
func (s *MemoryVFOrders) ListVFOrders(_ context.Context, q VFOrderQuery) ([]VFOrderState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []VFOrderState
	for _, st := range s.m {
		if q.Match(&st) {
			out = append(out, st.clone())
		}
	}
	slices.SortFunc(out, func(a, b VFOrderState) int { return strings.Compare(a.Order.SourceNo, b.Order.SourceNo) })
	return out, nil
}

// clone returns a deep copy.
func (st VFOrderState) clone() VFOrderState {
	if st.Order != nil {
		o := *st.Order
		o.Lines = slices.Clone(o.Lines)
		o.Unmapped = slices.Clone(o.Unmapped)
		st.Order = &o
	}
	return st
}
