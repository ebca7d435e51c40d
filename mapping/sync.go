package mapping

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/paging"
)

// SyncPolicy says how an incremental sync cuts time into windows, the way
// integration platforms run a query from {{LAST_SYNC_TIME}} to
// {{CURRENT_TIME}}.
type SyncPolicy struct {
	// Start is the LAST_SYNC_TIME of the very first run, when the store
	// has no checkpoint. Required.
	Start time.Time
	// Lag is kept back from now: the run ends at now − Lag, so records the
	// vendor is still writing are read by the next run. Not negative.
	Lag time.Duration
	// MaxWindow is the vendor's longest query span (30 days for WDT refund
	// stock-ins, 7 days for Jushuitan). Required.
	MaxWindow time.Duration
	// Overlap re-reads this much before LAST_SYNC_TIME, for records that
	// reached the vendor's index late; records already delivered there are
	// dropped by key. Not negative, and less than MaxWindow.
	Overlap time.Duration
	// MinWindow is the shortest span a window that cannot be read is cut
	// down to. When reading a window fails (a page that keeps failing), the
	// run tries its first half, and halves again on failure, so a window too
	// big to read whole still makes progress; a window of MinWindow or less
	// that fails stops the run. A failed delivery stops the run at once: the
	// target refused those records, and a smaller window would ask again. 0 means one minute; a MinWindow of at
	// least MaxWindow turns the cutting off. Not negative.
	MinWindow time.Duration
}

// minWindow is MinWindow with its default.
func (p SyncPolicy) minWindow() time.Duration {
	if p.MinWindow == 0 {
		return time.Minute
	}
	return p.MinWindow
}

func (p SyncPolicy) check() error {
	switch {
	case p.MaxWindow <= 0:
		return invalid("SyncPolicy.MaxWindow", duijie.RuleRequired, "the vendor's longest window")
	case p.Lag < 0:
		return invalid("SyncPolicy.Lag", duijie.RuleNegative, "")
	case p.Overlap < 0:
		return invalid("SyncPolicy.Overlap", duijie.RuleNegative, "")
	case p.Overlap >= p.MaxWindow:
		return invalid("SyncPolicy.Overlap", duijie.RuleRange, "must be shorter than MaxWindow")
	case p.MinWindow < 0:
		return invalid("SyncPolicy.MinWindow", duijie.RuleNegative, "")
	}
	return nil
}

// Plan returns the windows a run started at now reads after a checkpoint
// at last: [last − Overlap, now − Lag) cut into spans of at most MaxWindow.
// It returns nil when now − Lag is not after last.
func (p SyncPolicy) Plan(last, now time.Time) []Window {
	end := now.Add(-p.Lag)
	if !end.After(last) || p.MaxWindow <= 0 {
		return nil
	}
	var out []Window
	for w := range paging.Windows(last.Add(-p.Overlap), end, p.MaxWindow) {
		out = append(out, Window(w))
	}
	return out
}

// Sync runs one scheme's incremental sync. Fetch reads every record of a
// window; Deliver hands a window's new records to the target. Key
// identifies a record: include the record's change time in it when an
// update of a delivered record must be delivered again.
//
// Several workers (processes, machines) may run the same scheme when Leases
// is set: a run first claims the scheme's lease under Owner, so one worker
// at a time reads and delivers the scheme's windows. The others' runs
// return ErrLeaseHeld at once. The holder renews the lease while it works;
// a worker that dies stops renewing, and once its lease runs out (LeaseTTL
// after its last renewal) the next run of another worker takes the scheme
// and resumes from the checkpoint. The window the dead worker was in the
// middle of is read again and delivered again, so Deliver must write by a
// key the target de-duplicates on (a vendor's keyed write, or Kingdee's
// look-up by bill number as in kingdee's SkipExisting): that is what keeps
// a bill from being written twice.
type Sync[T any] struct {
	// Scheme names the flow in the CheckpointStore. Required.
	Scheme string
	// Store keeps the checkpoint. Required.
	Store CheckpointStore
	// Policy cuts the windows.
	Policy SyncPolicy
	// Key returns a record's de-duplication key. Required.
	Key func(T) string
	// Fetch returns the records of one window (every page of it). The
	// window is half-open, [From, To): a record stamped exactly on To
	// belongs to the next window. Hand it to the vendor through the query's
	// window helper (wangdiantong.RefundStockinQuery.InWindow and its
	// siblings), which converts it to the vendor's own boundary convention;
	// passing To as an inclusive end reads a boundary record twice.
	Fetch func(ctx context.Context, w Window) iter.Seq2[T, error]
	// Deliver hands the window's records, de-duplicated, to the target; it
	// is called once per window, also with no records, and must succeed
	// for the checkpoint to advance.
	Deliver func(ctx context.Context, w Window, records []T) error

	// Leases, when set, hands out the scheme's lease, so several workers
	// can run the scheme and one at a time does (see Run). Optional; a
	// store shared by the workers (store/redis, store/postgres,
	// store/sqlite) is what lets them share the scheme.
	Leases LeaseStore
	// Owner names this worker in the lease: each worker its own, e.g. the
	// host name and process id. Required with Leases.
	Owner string
	// LeaseTTL is how long the lease lasts unless renewed: a dead worker's
	// scheme waits this long before another worker takes it. The lease is
	// renewed every LeaseTTL/3 while a window is read and delivered, and
	// before every checkpoint save. Required (positive) with Leases.
	LeaseTTL time.Duration

	// tick, when set (by tests), replaces the ticker of the background
	// lease renewal.
	tick func(time.Duration) (<-chan time.Time, func())
}

// SyncReport says what one run did.
type SyncReport struct {
	// Windows are the windows completed, in order.
	Windows []Window
	// Fetched counts the records read; Duplicates those dropped by key;
	// Delivered those handed to Deliver.
	Fetched, Duplicates, Delivered int
	// Checkpoint is the checkpoint saved last (or loaded, when no window
	// completed).
	Checkpoint Checkpoint
	// Halvings counts the failed windows that were cut in two and tried
	// again; Failures holds their errors, oldest first.
	Halvings int
	Failures []error
}

// Run reads every window from the stored LAST_SYNC_TIME (Policy.Start on
// the first run, without overlap) to now − Lag, one window at a time: fetch all its records,
// drop those whose key was already delivered, deliver the rest, then save
// the checkpoint at the window's end. A window that cannot be read whole is
// cut in two and its first half tried again, down to Policy.MinWindow (the report counts
// the halvings and keeps their errors). A failure at that span stops the
// run with the checkpoint at the end of the last window completed, so the
// next run reads the failed window again: nothing is skipped, and the keys
// saved with the checkpoint keep the overlap from delivering a record
// twice. The report covers the windows completed before any error.
//
// With Leases set, Run first claims the scheme's lease for Owner, before
// it reads the checkpoint. When another worker's lease is live, Run
// returns at once, having read nothing, with a *LeaseHeldError (matching
// ErrLeaseHeld) that names the holder and its expiry. While a window is
// read and delivered the lease is renewed in the background every
// LeaseTTL/3, and before each checkpoint save it is renewed once more; if
// the lease was lost by then (it ran out, or another worker took it), the
// run stops with an error matching ErrLeaseLost and does not save the
// checkpoint: the next holder reads that window again, and the target's
// keys keep its records from being written twice. Losing the lease also
// cancels the context handed to Fetch and Deliver, so a lost window stops
// early. The lease is released when Run returns, so another worker may
// take the scheme at once.
func (s *Sync[T]) Run(ctx context.Context, now time.Time) (*SyncReport, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	ctx, lease, end, err := s.claim(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	rep, err := s.run(ctx, now, lease)
	if err != nil && lease != nil {
		if cause := context.Cause(ctx); errors.Is(cause, ErrLeaseLost) && !errors.Is(err, ErrLeaseLost) {
			err = fmt.Errorf("%w (%w)", cause, err)
		}
	}
	return rep, err
}

// run is Run once the lease, if any, is held.
func (s *Sync[T]) run(ctx context.Context, now time.Time, lease *leaseKeeper) (*SyncReport, error) {
	cp, ok, err := s.Store.LoadCheckpoint(ctx, s.Scheme)
	if err != nil {
		return nil, fmt.Errorf("mapping: sync %s: load checkpoint: %w", s.Scheme, err)
	}
	if !ok {
		if s.Policy.Start.IsZero() {
			return nil, invalid("SyncPolicy.Start", duijie.RuleRequired, "no checkpoint is stored for "+s.Scheme)
		}
		cp = Checkpoint{LastSyncTime: s.Policy.Start}
	}
	rep := &SyncReport{Checkpoint: cp}
	plan := s.Policy
	if !ok {
		plan.Overlap = 0 // nothing was delivered before Start
	}
	todo := plan.Plan(cp.LastSyncTime, now)
	for len(todo) > 0 {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		w := todo[0]
		next, err := s.window(ctx, w, rep.Checkpoint, rep)
		if err != nil {
			var fe *fetchError
			if first, second, ok := halve(w, s.Policy.minWindow()); ok && ctx.Err() == nil && errors.As(err, &fe) && !isValidation(err) {
				rep.Halvings++
				rep.Failures = append(rep.Failures, err)
				todo = append([]Window{first, second}, todo[1:]...)
				continue
			}
			return rep, fmt.Errorf("mapping: sync %s: window [%s, %s): %w", s.Scheme,
				duijie.NewTime(w.From), duijie.NewTime(w.To), err)
		}
		if lease != nil {
			if err := lease.renew(ctx); err != nil {
				return rep, fmt.Errorf("%w; window [%s, %s) not checkpointed", err,
					duijie.NewTime(w.From), duijie.NewTime(w.To))
			}
		}
		if err := s.Store.SaveCheckpoint(ctx, s.Scheme, next); err != nil {
			return rep, fmt.Errorf("mapping: sync %s: save checkpoint: %w", s.Scheme, err)
		}
		rep.Checkpoint = next
		rep.Windows = append(rep.Windows, w)
		todo = todo[1:]
	}
	return rep, nil
}

// halve cuts w in two at a whole second, when it is longer than min.
func halve(w Window, min time.Duration) (Window, Window, bool) {
	span := w.To.Sub(w.From)
	if span <= min {
		return w, w, false
	}
	mid := w.From.Add(span / 2).Truncate(time.Second)
	if !mid.After(w.From) || !mid.Before(w.To) {
		return w, w, false
	}
	return Window{From: w.From, To: mid}, Window{From: mid, To: w.To}, true
}

// fetchError is a window that could not be read whole; a smaller window may
// be. A delivery's failure is not one: the target refused these records,
// and a smaller window would only ask again.
type fetchError struct{ err error }

func (e *fetchError) Error() string { return e.err.Error() }
func (e *fetchError) Unwrap() error { return e.err }

// isValidation reports an error no smaller window can fix: input refused
// before sending.
func isValidation(err error) bool {
	var v *duijie.ValidationError
	return errors.As(err, &v)
}

func (s *Sync[T]) check() error {
	switch {
	case s.Scheme == "":
		return invalid("Sync.Scheme", duijie.RuleRequired, "")
	case s.Store == nil:
		return invalid("Sync.Store", duijie.RuleRequired, "")
	case s.Key == nil:
		return invalid("Sync.Key", duijie.RuleRequired, "")
	case s.Fetch == nil:
		return invalid("Sync.Fetch", duijie.RuleRequired, "")
	case s.Deliver == nil:
		return invalid("Sync.Deliver", duijie.RuleRequired, "")
	}
	if err := s.checkLease(); err != nil {
		return err
	}
	return s.Policy.check()
}

// window fetches, de-duplicates and delivers one window and returns the
// checkpoint to save after it.
func (s *Sync[T]) window(ctx context.Context, w Window, cp Checkpoint, rep *SyncReport) (Checkpoint, error) {
	var fresh []T
	var keys []string
	inWindow := map[string]bool{}
	fetched, dups := 0, 0
	for rec, err := range s.Fetch(ctx, w) {
		if err != nil {
			return cp, &fetchError{err}
		}
		fetched++
		k := s.Key(rec)
		if _, done := cp.Recent[k]; done || inWindow[k] {
			dups++
			continue
		}
		inWindow[k] = true
		fresh = append(fresh, rec)
		keys = append(keys, k)
	}
	if err := s.Deliver(ctx, w, fresh); err != nil {
		return cp, err
	}
	rep.Fetched += fetched
	rep.Duplicates += dups
	rep.Delivered += len(fresh)
	next := Checkpoint{LastSyncTime: cp.LastSyncTime, Recent: map[string]time.Time{}}
	if w.To.After(next.LastSyncTime) {
		next.LastSyncTime = w.To
	}
	cutoff := next.LastSyncTime.Add(-s.Policy.Overlap)
	for k, end := range cp.Recent {
		if end.After(cutoff) {
			next.Recent[k] = end
		}
	}
	if w.To.After(cutoff) {
		for _, k := range keys {
			next.Recent[k] = w.To
		}
	}
	if len(next.Recent) == 0 {
		next.Recent = nil
	}
	return next, nil
}
