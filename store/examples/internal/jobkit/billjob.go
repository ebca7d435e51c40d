package jobkit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"sync"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/mapping"
)

// ErrStopped ends a run asked to stop: the window in flight is kept.
var ErrStopped = errors.New("stopped by a signal after the document in flight; the window is kept for the next run")

// DefaultBatch is how many bills one save carries by default.
const DefaultBatch = 50

// Saved is the outcome of one bill of a save, in the order sent.
type Saved struct {
	// Number is the bill's number.
	Number string
	// Saved is true when the bill is in the target as sent; Existing when
	// it was found there (an earlier run or attempt saved it).
	Saved, Existing bool
	// Problem says why a bill was not saved.
	Problem string
}

// Nouns name a job's documents in its summary and log, singular, e.g.
// "stock-in" and "sales return".
type Nouns struct {
	Record, Bill string
}

// BillJob moves the records R a vendor lists by time window into bills B
// of the target (Kingdee), window by window through mapping.Sync: read
// every record of a window, convert each, save the bills in batches, and
// move the checkpoint past the window only when all of them are in. A
// record that fails to convert or save is reported and keeps its window
// for the next run; bill numbers derived from the records (and a save that
// skips existing numbers) mean a repeated window never writes a bill twice.
type BillJob[R, B any] struct {
	// Scheme names the checkpoint.
	Scheme string
	Nouns  Nouns
	// Read lists the records of one window with pages of pageSize.
	Read func(ctx context.Context, w mapping.Window, pageSize int) iter.Seq2[R, error]
	// Key is a record's de-duplication key.
	Key func(R) string
	// Convert turns one record into its bill.
	Convert func(*R) (*B, error)
	// Number is a bill's number; Describe one line about it for DryRun.
	Number   func(*B) string
	Describe func(*B) string
	// Save saves bills and returns one outcome per bill, in order; an
	// error with no outcomes fails the whole batch.
	Save func(ctx context.Context, bills []B) ([]Saved, error)

	Checkpoints mapping.CheckpointStore
	// Start is where the first run begins when there is no checkpoint.
	Start time.Time
	Log   *slog.Logger
	// MaxWindow and MaxPageSize are the vendor's largest window and page.
	MaxWindow   time.Duration
	MaxPageSize int
	// Window is the longest window read at once; 0 means MaxWindow.
	Window time.Duration
	// PageSize is the page size read; 0 means MaxPageSize.
	PageSize int
	// Batch is how many bills one save carries; 0 means DefaultBatch.
	Batch int
	// DryRun prints to Out what would be saved and saves nothing, not even
	// the checkpoint.
	DryRun bool
	Out    io.Writer
	// Stop, when set, ends the run after the document in flight.
	Stop *Stopper
	// Progress, when set, is told of windows and documents.
	Progress *Progress
}

// Summary is what one run moved.
type Summary struct {
	Nouns                                            Nouns
	Windows, Fetched, Saved, AlreadyThere, WouldSave int
	Failed                                           []string
	// Left lists the bills converted but not saved because the run was
	// stopped; the next run reads their records again.
	Left        []string
	Interrupted bool
	Checkpoint  time.Time
}

// Incomplete reports whether a document failed or was left for later.
func (s *Summary) Incomplete() bool { return len(s.Failed) > 0 || len(s.Left) > 0 || s.Interrupted }

// Policy is the job's sync policy: the lag leaves the last minutes to
// records still being written; the overlap re-reads records indexed late
// (dropped by key).
func (j *BillJob[R, B]) Policy() mapping.SyncPolicy {
	w := j.Window
	if w == 0 {
		w = j.MaxWindow
	}
	return mapping.SyncPolicy{Start: j.Start, Lag: 5 * time.Minute, MaxWindow: w, Overlap: 10 * time.Minute}
}

// Run syncs from the stored checkpoint (or Start) to now.
func (j *BillJob[R, B]) Run(ctx context.Context, now time.Time) (*Summary, error) {
	sum := &Summary{Nouns: j.Nouns}
	cps := j.Checkpoints
	if j.DryRun {
		cps = &DryCheckpoints{CheckpointStore: j.Checkpoints}
	}
	pol := j.Policy()
	if j.Progress != nil {
		last := j.Start
		if cp, ok, err := cps.LoadCheckpoint(ctx, j.Scheme); err == nil && ok {
			last = cp.LastSyncTime.Add(-pol.Overlap)
		}
		j.Progress.Windows(len(pol.Plan(last, now)))
	}
	pageSize := j.PageSize
	if pageSize == 0 {
		pageSize = j.MaxPageSize
	}
	sync := &mapping.Sync[R]{
		Scheme: j.Scheme,
		Store:  cps,
		Policy: pol,
		Key:    j.Key,
		Fetch: func(ctx context.Context, w mapping.Window) iter.Seq2[R, error] {
			return j.stoppable(ctx, func(ctx context.Context) iter.Seq2[R, error] { return j.Read(ctx, w, pageSize) })
		},
		Deliver: func(ctx context.Context, w mapping.Window, records []R) error {
			err := j.deliver(ctx, w, records, sum)
			if err == nil && j.Progress != nil {
				j.Progress.WindowDone()
			}
			return err
		},
	}
	rep, err := sync.Run(ctx, now)
	if rep != nil {
		sum.Windows, sum.Checkpoint = len(rep.Windows), rep.Checkpoint.LastSyncTime
	}
	sum.Interrupted = errors.Is(err, ErrStopped)
	return sum, err
}

// stoppable reads what read returns and ends the reading quietly, without
// an error, once a stop is asked (the read in flight is cancelled: reads
// are safe to cut); the delivery then keeps the window.
func (j *BillJob[R, B]) stoppable(ctx context.Context, read func(context.Context) iter.Seq2[R, error]) iter.Seq2[R, error] {
	return func(yield func(R, error) bool) {
		if j.Stop == nil {
			for r, err := range read(ctx) {
				if !yield(r, err) {
					return
				}
			}
			return
		}
		rctx, cancel := context.WithCancel(ctx)
		defer cancel()
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case <-j.Stop.Done():
				cancel()
			case <-rctx.Done():
			}
		}()
		defer wg.Wait()
		defer cancel()
		for r, err := range read(rctx) {
			if j.Stop.Stopped() {
				return
			}
			if !yield(r, err) {
				return
			}
		}
	}
}

// deliver converts one window's records and saves the bills, batch by
// batch; any failure keeps the window for the next run. A stop asked while
// a batch is in flight lets the batch finish.
func (j *BillJob[R, B]) deliver(ctx context.Context, w mapping.Window, records []R, sum *Summary) error {
	sum.Fetched += len(records)
	if j.Progress != nil {
		j.Progress.Found(len(records))
	}
	var bills []B
	var failed []string
	for i := range records {
		bill, err := j.Convert(&records[i])
		if err != nil {
			failed = append(failed, fmt.Sprintf("%s: %v", j.Key(records[i]), err))
			continue
		}
		bills = append(bills, *bill)
	}
	if j.Progress != nil && len(failed) > 0 {
		j.Progress.Done(0, len(failed))
	}
	batch := j.Batch
	if batch <= 0 {
		batch = DefaultBatch
	}
	for start := 0; start < len(bills); start += batch {
		part := bills[start:min(start+batch, len(bills))]
		if j.Stop.Stopped() {
			for i := range bills[start:] {
				sum.Left = append(sum.Left, j.Number(&bills[start+i]))
			}
			break
		}
		if j.DryRun {
			for i := range part {
				fmt.Fprintf(j.Out, "would save %s: %s\n", j.Number(&part[i]), j.Describe(&part[i]))
			}
			sum.WouldSave += len(part)
			if j.Progress != nil {
				j.Progress.Done(len(part), 0)
			}
			continue
		}
		// The write is not cut by the caller's context: a batch in flight
		// finishes, so its outcome is known.
		rows, err := j.Save(context.WithoutCancel(ctx), part)
		if err != nil && len(rows) == 0 {
			failed = append(failed, fmt.Sprintf("%d bills from %s: %v", len(part), j.Number(&part[0]), err))
			if j.Progress != nil {
				j.Progress.Done(0, len(part))
			}
			continue
		}
		bad := 0
		for _, row := range rows {
			switch {
			case !row.Saved:
				bad++
				failed = append(failed, fmt.Sprintf("%s: %s", row.Number, row.Problem))
			case row.Existing:
				sum.AlreadyThere++
			default:
				sum.Saved++
			}
		}
		if j.Progress != nil {
			j.Progress.Done(len(part)-bad, bad)
		}
	}
	j.Log.Info("window", "from", w.From.In(duijie.CST()).Format(time.DateTime), "to", w.To.In(duijie.CST()).Format(time.DateTime),
		"records", len(records), "bills", len(bills), "failed", len(failed))
	if len(failed) > 0 {
		sum.Failed = append(sum.Failed, failed...)
	}
	switch {
	case len(sum.Left) > 0 || j.Stop.Stopped():
		return ErrStopped
	case len(failed) > 0:
		return fmt.Errorf("%d %s(s) not saved; the window is kept for the next run", len(failed), j.Nouns.Record)
	}
	return nil
}

// Print writes a run's summary.
func (s *Summary) Print(out io.Writer, run string, err error) {
	fmt.Fprintf(out, "%s: %d window(s) done, %d %s(s) read, %d %s(s) saved, %d already in Kingdee, checkpoint %s\n",
		run, s.Windows, s.Fetched, s.Nouns.Record, s.Saved, s.Nouns.Bill, s.AlreadyThere, s.Checkpoint.In(duijie.CST()).Format(time.DateTime))
	if s.WouldSave > 0 {
		fmt.Fprintf(out, "  dry run: %d %s(s) would be saved; nothing was written, the checkpoint stays\n", s.WouldSave, s.Nouns.Bill)
	}
	for _, f := range s.Failed {
		fmt.Fprintf(out, "  not saved: %s\n", f)
	}
	for _, l := range s.Left {
		fmt.Fprintf(out, "  left for the next run (stopped): %s\n", l)
	}
	if err != nil {
		fmt.Fprintf(out, "  stopped: %v\n", err)
	}
}

// KingdeeOutcomes turns a Kingdee save's outcomes into Saved rows. A
// *duijie.BatchError leaves the rows to tell which bills failed; any other
// error fails the whole batch.
func KingdeeOutcomes(rows []kingdee.SaveOutcome, err error) ([]Saved, error) {
	var be *duijie.BatchError
	if err != nil && !errors.As(err, &be) {
		return nil, err
	}
	out := make([]Saved, len(rows))
	for i, r := range rows {
		out[i] = Saved{Number: r.Number, Saved: r.Saved, Existing: r.Existing}
		if !r.Saved {
			out[i].Problem = fmt.Sprint(r.Errors)
		}
	}
	return out, nil
}
