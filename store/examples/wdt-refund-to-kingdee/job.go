package main

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
	"github.com/duijie/duijie/store/examples/internal/jobkit"
	"github.com/duijie/duijie/wangdiantong"
)

// scheme names the checkpoint.
const scheme = "wdt-refund-stockin-to-kingdee"

// defaultBatch is how many bills one BatchSave carries by default.
const defaultBatch = 50

// errStopped ends a run asked to stop: the window in flight is kept.
var errStopped = errors.New("stopped by a signal after the document in flight; the window is kept for the next run")

// Job is one sync of refund stock-ins into sales returns.
type Job struct {
	WDT         *wangdiantong.Client
	Kingdee     *kingdee.Client
	Convert     *mapping.SalReturnConverter
	Checkpoints mapping.CheckpointStore
	// Start is where the first run begins when there is no checkpoint.
	Start time.Time
	Log   *slog.Logger
	// Window is the longest window read at once; 0 means the vendor's
	// largest (30 days for refund stock-ins).
	Window time.Duration
	// PageSize is the page size read; 0 means the vendor's largest (100).
	PageSize int
	// Batch is how many bills one BatchSave carries; 0 means 50.
	Batch int
	// DryRun prints to Out what would be saved and saves nothing, not even
	// the checkpoint.
	DryRun bool
	Out    io.Writer
	// Stop, when set, ends the run after the document in flight.
	Stop *jobkit.Stopper
	// Progress, when set, is told of windows and documents.
	Progress *jobkit.Progress
}

// Summary is what one run moved.
type Summary struct {
	Windows, Fetched, Saved, AlreadyThere, WouldSave int
	Failed                                           []string
	// Left lists the stock-ins read but not saved because the run was
	// stopped; the next run reads them again.
	Left        []string
	Interrupted bool
	Checkpoint  time.Time
}

// Incomplete reports whether a document failed or was left for later.
func (s *Summary) Incomplete() bool { return len(s.Failed) > 0 || len(s.Left) > 0 || s.Interrupted }

func (j *Job) policy() mapping.SyncPolicy {
	w := j.Window
	if w == 0 {
		w = refundStockinOp().MaxWindow
	}
	// The lag leaves the last minutes to stock-ins still being written;
	// the overlap re-reads stock-ins indexed late (dropped by key).
	return mapping.SyncPolicy{Start: j.Start, Lag: 5 * time.Minute, MaxWindow: w, Overlap: 10 * time.Minute}
}

// Run syncs from the stored checkpoint (or Start) to now.
func (j *Job) Run(ctx context.Context, now time.Time) (*Summary, error) {
	sum := &Summary{}
	cps := j.Checkpoints
	if j.DryRun {
		cps = &jobkit.DryCheckpoints{CheckpointStore: j.Checkpoints}
	}
	pol := j.policy()
	if j.Progress != nil {
		last := j.Start
		if cp, ok, err := cps.LoadCheckpoint(ctx, scheme); err == nil && ok {
			last = cp.LastSyncTime.Add(-pol.Overlap)
		}
		j.Progress.Windows(len(pol.Plan(last, now)))
	}
	pageSize := j.PageSize
	if pageSize == 0 {
		pageSize = refundStockinOp().MaxPageSize
	}
	sync := &mapping.Sync[wangdiantong.RefundStockin]{
		Scheme: scheme,
		Store:  cps,
		Policy: pol,
		Key:    func(r wangdiantong.RefundStockin) string { return string(r.OrderNo) },
		// InWindow hands the half-open window to WDT as its inclusive range,
		// so a stock-in stamped on a window's edge is read once.
		Fetch: func(ctx context.Context, w mapping.Window) iter.Seq2[wangdiantong.RefundStockin, error] {
			q := wangdiantong.RefundStockinQuery{PageSize: pageSize}.InWindow(w.From, w.To)
			return j.stoppable(ctx, func(ctx context.Context) iter.Seq2[wangdiantong.RefundStockin, error] {
				return j.WDT.RefundStockins(ctx, q)
			})
		},
		Deliver: func(ctx context.Context, w mapping.Window, records []wangdiantong.RefundStockin) error {
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
	sum.Interrupted = errors.Is(err, errStopped)
	return sum, err
}

// stoppable reads what read returns and ends the reading quietly, without
// an error, once a stop is asked (the read in flight is cancelled: reads
// are safe to cut); the delivery then keeps the window.
func (j *Job) stoppable(ctx context.Context, read func(context.Context) iter.Seq2[wangdiantong.RefundStockin, error]) iter.Seq2[wangdiantong.RefundStockin, error] {
	return func(yield func(wangdiantong.RefundStockin, error) bool) {
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

// deliver converts one window's stock-ins and saves them, batch by batch;
// any failure keeps the window for the next run. A stop asked while a
// batch is in flight lets the batch finish.
func (j *Job) deliver(ctx context.Context, w mapping.Window, records []wangdiantong.RefundStockin, sum *Summary) error {
	sum.Fetched += len(records)
	if j.Progress != nil {
		j.Progress.Found(len(records))
	}
	var bills []kingdee.SalReturnStock
	var failed []string
	for i := range records {
		bill, err := j.Convert.Convert(&records[i])
		if err != nil {
			failed = append(failed, fmt.Sprintf("%s: %v", records[i].OrderNo, err))
			continue
		}
		bills = append(bills, *bill)
	}
	if j.Progress != nil && len(failed) > 0 {
		j.Progress.Done(0, len(failed))
	}
	batch := j.Batch
	if batch <= 0 {
		batch = defaultBatch
	}
	for start := 0; start < len(bills); start += batch {
		part := bills[start:min(start+batch, len(bills))]
		if j.Stop.Stopped() {
			for _, b := range bills[start:] {
				sum.Left = append(sum.Left, b.BillNo)
			}
			break
		}
		if j.DryRun {
			for _, b := range part {
				fmt.Fprintf(j.Out, "would save %s: %s\n", b.BillNo, billLine(&b))
			}
			sum.WouldSave += len(part)
			if j.Progress != nil {
				j.Progress.Done(len(part), 0)
			}
			continue
		}
		// The write is not cut by the caller's context: a batch in flight
		// finishes, so its outcome is known.
		res, err := j.Kingdee.SaveSalReturns(context.WithoutCancel(ctx), &kingdee.SaveSalReturnsRequest{Bills: part, SkipExisting: true})
		var be *duijie.BatchError
		if err != nil && !errors.As(err, &be) {
			failed = append(failed, fmt.Sprintf("%d bills from %s: %v", len(part), part[0].BillNo, err))
			if j.Progress != nil {
				j.Progress.Done(0, len(part))
			}
			continue
		}
		bad := 0
		for _, row := range res.Rows {
			switch {
			case !row.Saved:
				bad++
				failed = append(failed, fmt.Sprintf("%s: %v", row.Number, row.Errors))
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
		"stockins", len(records), "bills", len(bills), "failed", len(failed))
	if len(failed) > 0 {
		sum.Failed = append(sum.Failed, failed...)
	}
	switch {
	case len(sum.Left) > 0 || j.Stop.Stopped():
		return errStopped
	case len(failed) > 0:
		return fmt.Errorf("%d stock-in(s) not saved; the window is kept for the next run", len(failed))
	}
	return nil
}

// billLine describes a bill for -dry-run.
func billLine(b *kingdee.SalReturnStock) string {
	s := fmt.Sprintf("customer %s, date %s, %d line(s)", b.Customer.Number, b.Date, len(b.Entries))
	for _, e := range b.Entries {
		s += fmt.Sprintf("; %s qty %s price %s", e.Material.Number, e.RealQty, e.TaxPrice)
	}
	return s
}

// print writes a run's summary.
func (s *Summary) print(out io.Writer, run string, err error) {
	fmt.Fprintf(out, "%s: %d window(s) done, %d stock-in(s) read, %d sales return(s) saved, %d already in Kingdee, checkpoint %s\n",
		run, s.Windows, s.Fetched, s.Saved, s.AlreadyThere, s.Checkpoint.In(duijie.CST()).Format(time.DateTime))
	if s.WouldSave > 0 {
		fmt.Fprintf(out, "  dry run: %d sales return(s) would be saved; nothing was written, the checkpoint stays\n", s.WouldSave)
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

// refundStockinOp is stockin_order_query_refund.php's row of the
// Wangdiantong operation table: its page-size and window maxima.
func refundStockinOp() duijie.Operation {
	for _, op := range wangdiantong.Operations() {
		if op.Wire == "stockin_order_query_refund.php" {
			return op
		}
	}
	return duijie.Operation{}
}
