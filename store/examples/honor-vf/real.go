package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/psi"
	"github.com/duijie/duijie/store/examples/internal/jobkit"
)

// Table names in the TableStore.
const (
	goodsTable     = "honor-goods"
	customersTable = "honor-customers"
)

// errStopped ends a run asked to stop: the window in flight is kept.
var errStopped = errors.New("stopped by a signal after the order in flight; the window is kept for the next poll")

// Host is the host's side that the real mode reads from a JSON file (-erp):
// its goods and customers, the correspondences a person chose, its
// settings and the outbounds its warehouse saved. Replace it with reads
// from your database.
type Host struct {
	Goods                         []Goods
	Customers                     []mapping.Item
	GoodsChoices, CustomerChoices []mapping.Choice
	Warehouse                     string
	PSI                           psi.Config
	Outbounds                     []*Outbound
}

// loadHost reads the host file; an empty path is an empty host.
func loadHost(path string) (*Host, error) {
	h := &Host{}
	if path == "" {
		return h, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("-erp: %w", err)
	}
	if err := json.Unmarshal(b, h); err != nil {
		return nil, fmt.Errorf("-erp %s: %w", path, err)
	}
	return h, nil
}

// Real runs the jobs of the real mode with their state in the stores.
type Real struct {
	Honor       *honor.Client
	Host        *Host
	Checkpoints mapping.CheckpointStore
	Tables      mapping.TableStore
	VFOrders    mapping.VFOrderStore
	PSILog      psi.LogStore
	// Start is where the first poll begins when there is no checkpoint.
	Start time.Time
	// Window is the longest span of one order query (Honor's OrderWindow).
	Window time.Duration
	DryRun bool
	Out    io.Writer
	Log    *slog.Logger
	Stop   *jobkit.Stopper
	// Progress, when set, is told of windows and orders.
	Progress *jobkit.Progress

	// Problems lists what failed or was left for later, and why.
	Problems []string
}

func (r *Real) problem(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// SyncTables reads Himall's goods and customers and keeps them, with their
// last-synced time and the host's choices, in the TableStore.
func (r *Real) SyncTables(ctx context.Context) error {
	var models []honor.VFGoodsModel
	goodsAt, err := allPages(ctx, r.Log, "goods", func(ctx context.Context, pageNo int) (*duijie.Page[honor.VFGoodsModel], error) {
		return r.Honor.QueryVFGoods(ctx, &honor.VFGoodsQuery{PageNo: pageNo, PageSize: honor.MaxPageSize})
	}, &models)
	if err != nil {
		return fmt.Errorf("goods sync: %w", err)
	}
	var customers []honor.VFCustomer
	custAt, err := allPages(ctx, r.Log, "customers", func(ctx context.Context, pageNo int) (*duijie.Page[honor.VFCustomer], error) {
		return r.Honor.QueryVFCustomers(ctx, &honor.VFCustomerQuery{PageNo: pageNo, PageSize: honor.MaxPageSize})
	}, &customers)
	if err != nil {
		return fmt.Errorf("customer sync: %w", err)
	}
	if r.DryRun {
		fmt.Fprintf(r.Out, "would save table %s: %d from Himall, %d choice(s)\n", goodsTable, len(models), len(r.Host.GoodsChoices))
		fmt.Fprintf(r.Out, "would save table %s: %d from Himall, %d choice(s)\n", customersTable, len(customers), len(r.Host.CustomerChoices))
		return nil
	}
	for _, t := range []struct {
		name    string
		synced  []mapping.External
		at      time.Time
		choices []mapping.Choice
	}{{goodsTable, mapping.GoodsExternals(models), goodsAt, r.Host.GoodsChoices},
		{customersTable, mapping.CustomerExternals(customers), custAt, r.Host.CustomerChoices}} {
		if err := r.Tables.SaveSynced(ctx, t.name, t.synced, t.at); err != nil {
			return err
		}
		if len(t.choices) > 0 {
			if err := r.Tables.SaveChoices(ctx, t.name, t.choices...); err != nil {
				return err
			}
		}
	}
	goods, cust, err := r.tables(ctx)
	if err != nil {
		return err
	}
	printTable(r.Out, "goods", goods, goodsAt)
	printTable(r.Out, "customers", cust, custAt)
	return nil
}

// tables builds the two correspondence tables from the store.
func (r *Real) tables(ctx context.Context) (goods, customers *mapping.Table, err error) {
	items := make([]mapping.Item, len(r.Host.Goods))
	for i, g := range r.Host.Goods {
		items[i] = g.Item
	}
	gs, _, err := r.Tables.LoadTable(ctx, goodsTable)
	if err != nil {
		return nil, nil, err
	}
	cs, _, err := r.Tables.LoadTable(ctx, customersTable)
	if err != nil {
		return nil, nil, err
	}
	if r.DryRun {
		gs.Choices = append(gs.Choices, r.Host.GoodsChoices...)
		cs.Choices = append(cs.Choices, r.Host.CustomerChoices...)
	}
	if goods, err = gs.Table(mapping.KindGoods, items); err != nil {
		return nil, nil, fmt.Errorf("goods table: %w", err)
	}
	if customers, err = cs.Table(mapping.KindCustomers, r.Host.Customers); err != nil {
		return nil, nil, fmt.Errorf("customer table: %w", err)
	}
	return goods, customers, nil
}

// PollOrders reads the VF orders changed since the checkpoint and keeps a
// wholesale order for each in the VFOrderStore. The order is created with
// ReconcileVFOrder inside UpdateVFOrder, so an order already taken never
// changes: a changed one is a conflict for a person.
func (r *Real) PollOrders(ctx context.Context, now time.Time) (*OrderReport, error) {
	goods, cust, err := r.tables(ctx)
	if err != nil {
		return &OrderReport{}, err
	}
	opt := mapping.VFOptions{Goods: goods, Customers: cust, Warehouse: r.Host.Warehouse}
	rep := &OrderReport{}
	cps := r.Checkpoints
	if r.DryRun {
		cps = &jobkit.DryCheckpoints{CheckpointStore: cps}
	}
	pol := mapping.SyncPolicy{Start: r.Start, Lag: time.Minute, MaxWindow: r.Window, Overlap: 2 * time.Minute}
	if r.Progress != nil {
		last := r.Start
		if cp, ok, err := cps.LoadCheckpoint(ctx, orderScheme); err == nil && ok {
			last = cp.LastSyncTime.Add(-pol.Overlap)
		}
		r.Progress.Windows(len(pol.Plan(last, now)))
	}
	sync := &mapping.Sync[honor.VFOrder]{
		Scheme: orderScheme,
		Store:  cps,
		Policy: pol,
		Key:    func(o honor.VFOrder) string { return o.OrderNo + "@" + o.ModifiedTime.String() },
		Fetch: func(ctx context.Context, w mapping.Window) iter.Seq2[honor.VFOrder, error] {
			return r.stoppable(ctx, func(ctx context.Context) iter.Seq2[honor.VFOrder, error] {
				return r.Honor.VFOrders(ctx, &honor.VFOrderQuery{ModifiedFrom: w.From, ModifiedTo: w.To, PageSize: honor.MaxPageSize})
			})
		},
		Deliver: func(ctx context.Context, w mapping.Window, orders []honor.VFOrder) error {
			err := r.takeOrders(ctx, w, orders, opt, now, rep)
			if err == nil && r.Progress != nil {
				r.Progress.WindowDone()
			}
			return err
		},
	}
	sr, err := sync.Run(ctx, now)
	if sr != nil {
		rep.Windows, rep.Checkpoint = len(sr.Windows), sr.Checkpoint.LastSyncTime
	}
	for _, c := range rep.Conflicts {
		r.problem("conflict: %s", c)
	}
	for _, f := range rep.Failed {
		r.problem("not taken: %s", f)
	}
	if err != nil {
		r.problem("poll: %v", err)
	}
	return rep, err
}

// stoppable ends the reading quietly once a stop is asked; the delivery
// then keeps the window.
func (r *Real) stoppable(ctx context.Context, read func(context.Context) iter.Seq2[honor.VFOrder, error]) iter.Seq2[honor.VFOrder, error] {
	return func(yield func(honor.VFOrder, error) bool) {
		rctx, cancel := context.WithCancel(ctx)
		defer cancel()
		if r.Stop != nil {
			go func() {
				select {
				case <-r.Stop.Done():
					cancel()
				case <-rctx.Done():
				}
			}()
		}
		for o, err := range read(rctx) {
			if r.Stop.Stopped() || !yield(o, err) {
				return
			}
		}
	}
}

// takeOrders keeps the window's orders, one UpdateVFOrder each.
func (r *Real) takeOrders(ctx context.Context, w mapping.Window, orders []honor.VFOrder, opt mapping.VFOptions, now time.Time, rep *OrderReport) error {
	rep.Fetched += len(orders)
	if r.Progress != nil {
		r.Progress.Found(len(orders))
	}
	failed := 0
	for i := range orders {
		if r.Stop.Stopped() {
			return errStopped
		}
		o := &orders[i]
		var created, same bool
		var wo *mapping.WholesaleOrder
		take := func(st *mapping.VFOrderState) error {
			var err error
			wo, err = mapping.ReconcileVFOrder(st.Order, o, opt)
			if err != nil {
				return err
			}
			created, same = st.Order == nil, st.Order != nil && wo.SourceStatus == st.Order.SourceStatus
			if created {
				st.TakenAt = now
			}
			st.Order = wo
			return nil
		}
		var err error
		if r.DryRun {
			st, _, lerr := r.VFOrders.LoadVFOrder(ctx, o.OrderNo)
			if err = lerr; err == nil {
				if err = take(&st); err == nil && !same {
					fmt.Fprintf(r.Out, "would keep wholesale order for %s: customer %s, %d line(s), amount %s\n", o.OrderNo, wo.Customer, len(wo.Lines), wo.Amount)
				}
			}
		} else {
			err = r.VFOrders.UpdateVFOrder(ctx, o.OrderNo, take)
		}
		var conflict *mapping.VFConflictError
		switch {
		case errors.As(err, &conflict):
			rep.Conflicts = append(rep.Conflicts, conflict.Error())
			continue
		case err != nil:
			failed++
			rep.Failed = append(rep.Failed, fmt.Sprintf("%s: %v", o.OrderNo, err))
			if r.Progress != nil {
				r.Progress.Done(0, 1)
			}
			continue
		case created:
			rep.Created++
		case same:
			rep.Unchanged++
		default:
			rep.Updated++
		}
		if r.Progress != nil {
			r.Progress.Done(1, 0)
		}
		if wo.Partial() {
			rep.Partial = append(rep.Partial, fmt.Sprintf("%s without %d unmapped line(s): %v", o.OrderNo, len(wo.Unmapped), wo.Unmapped))
		}
	}
	r.Log.Info("window", "from", w.From.In(duijie.CST()).Format(time.DateTime), "to", w.To.In(duijie.CST()).Format(time.DateTime),
		"orders", len(orders), "failed", failed)
	if failed > 0 {
		return fmt.Errorf("%d order(s) not taken; the window is kept for the next poll", failed)
	}
	return nil
}

// SendFeedback sends the shipment feedback of each Himall outbound whose
// VF order's feedback step (回写状态) is not done, and keeps the step.
func (r *Real) SendFeedback(ctx context.Context, now time.Time) *FeedbackReport {
	rep := &FeedbackReport{}
	for _, ob := range r.Host.Outbounds {
		if r.Stop.Stopped() {
			r.problem("feedback of %s left for the next run: stopped", ob.No)
			continue
		}
		if ob.Origin != honor.OriginHimall {
			rep.NotHimall = append(rep.NotHimall, ob.No)
			continue
		}
		st, ok, err := r.VFOrders.LoadVFOrder(ctx, ob.OrderNo)
		switch {
		case err != nil:
			r.problem("feedback of %s: %v", ob.No, err)
			continue
		case !ok:
			r.problem("feedback of %s left for later: VF order %s is not taken yet", ob.No, ob.OrderNo)
			continue
		case st.Feedback.Status == mapping.VFStatusDone && st.Feedback.Ref == ob.No:
			continue
		}
		f := &honor.VFShipmentFeedback{Origin: ob.Origin, OrderNo: ob.OrderNo, OutboundNo: ob.No,
			OutboundTime: duijie.NewTime(ob.Time), WarehouseCode: ob.Warehouse}
		for _, l := range ob.Lines {
			f.Lines = append(f.Lines, honor.VFShipmentLine{GoodsCode: l.HimallGoods,
				Quantity: duijie.AmountFromInt(int64(len(l.Serials))), Serials: l.Serials})
		}
		if r.DryRun {
			fmt.Fprintf(r.Out, "would send feedback %s for %s: %d line(s)\n", ob.No, ob.OrderNo, len(f.Lines))
			continue
		}
		res, err := r.Honor.SendVFShipmentFeedback(context.WithoutCancel(ctx), f)
		step := mapping.VFStep{Status: mapping.VFStatusDone, At: now, Ref: ob.No}
		switch {
		case err == nil:
			rep.Sent++
			if res.Replayed() {
				rep.Replayed++
			}
		case duijie.MayHaveArrived(err):
			step.Status, step.Message = mapping.VFStatusUnconfirmed, err.Error()
		default:
			step.Status, step.Message = mapping.VFStatusFailed, err.Error()
		}
		if err != nil {
			rep.Failed = append(rep.Failed, fmt.Sprintf("%s: %v", ob.No, err))
			r.problem("feedback of %s (%s): %v", ob.No, step.Status, err)
		}
		if uerr := r.VFOrders.UpdateVFOrder(ctx, ob.OrderNo, func(st *mapping.VFOrderState) error {
			step.Attempts = st.Feedback.Attempts + 1
			st.Feedback = step
			return nil
		}); uerr != nil {
			r.problem("feedback state of %s: %v", ob.OrderNo, uerr)
		}
	}
	return rep
}

// UploadPSI is the nightly job for day: it loads the day's log first and
// uploads only the batch's records not already logged; records logged by an
// earlier run and not uploaded are left to the re-upload (补传).
func (r *Real) UploadPSI(ctx context.Context, day duijie.Date, now time.Time) *PSIReport {
	erp := &ERP{Goods: r.Host.Goods, Outbounds: r.Host.Outbounds}
	batch := psi.NewSelector(r.Host.PSI).DailyBatch(day, erp.psiDocuments())
	rep := &PSIReport{Day: batch.Day, Selected: len(batch.Records)}
	for _, s := range batch.Skipped {
		rep.Skipped = append(rep.Skipped, s.String())
	}
	logged, err := r.PSILog.LoadEntries(ctx, psi.LogQuery{Day: batch.Day})
	if err != nil {
		rep.CallError = err
		r.problem("PSI log: %v", err)
		return rep
	}
	had := map[honor.PSIKey]psi.Entry{}
	for _, e := range logged {
		had[e.Key()] = e
	}
	var fresh []honor.PSIRecord
	for _, rec := range batch.Records {
		if _, ok := had[rec.Key()]; !ok {
			fresh = append(fresh, rec)
		}
	}
	var entries []psi.Entry
	switch {
	case len(fresh) == 0:
	case r.DryRun:
		for _, rec := range fresh {
			fmt.Fprintf(r.Out, "would upload PSI record %s\n", rec.Key())
		}
	case r.Stop.Stopped():
		r.problem("PSI upload of %s left for the next run: stopped", batch.Day)
	default:
		pending := psi.NewEntries(batch.Day, fresh)
		if err := r.PSILog.SaveEntries(ctx, pending...); err != nil {
			rep.CallError = err
			break
		}
		resp, err := r.Honor.UploadPSIAll(context.WithoutCancel(ctx), &honor.UploadPSIAllRequest{Records: fresh})
		entries = psi.ApplyAll(pending, fresh, resp, err, now)
		rep.CallError = err
		if serr := r.PSILog.SaveEntries(ctx, entries...); serr != nil && rep.CallError == nil {
			rep.CallError = serr
		}
		r.markUploads(ctx, entries, now)
	}
	for _, e := range append(logged, entries...) {
		switch e.Status {
		case psi.StatusUploaded:
			rep.Uploaded++
		case psi.StatusUnconfirmed:
			rep.Unconfirmed++
		case psi.StatusFailed:
			rep.Failed++
		default:
			rep.NotSent++
		}
		if e.Status != psi.StatusUploaded {
			r.problem("PSI %s: %s %s %s (re-upload with -jobs reupload)", e.Key(), e.Status, e.Code, e.Message)
		}
	}
	if rep.CallError != nil {
		r.problem("PSI upload: %v", rep.CallError)
	}
	return rep
}

// markUploads keeps each VF order's upload step (上传状态) from its records.
func (r *Real) markUploads(ctx context.Context, entries []psi.Entry, now time.Time) {
	byOrder := map[string][]psi.Entry{}
	for _, e := range entries {
		if e.Record.VFOrderNo != "" {
			byOrder[e.Record.VFOrderNo] = append(byOrder[e.Record.VFOrderNo], e)
		}
	}
	for no, es := range byOrder {
		step := mapping.VFStep{Status: mapping.VFStatusDone, At: now, Ref: es[0].Record.DocNo}
		for _, e := range es {
			switch e.Status {
			case psi.StatusUploaded:
			case psi.StatusUnconfirmed:
				step.Status, step.Message = mapping.VFStatusUnconfirmed, e.Message
			default:
				if step.Status == mapping.VFStatusDone {
					step.Status, step.Message = mapping.VFStatusFailed, strings.TrimSpace(e.Code+" "+e.Message)
				}
			}
		}
		_, ok, err := r.VFOrders.LoadVFOrder(ctx, no)
		if err != nil || !ok {
			continue // an outbound of an order not taken here
		}
		if err := r.VFOrders.UpdateVFOrder(ctx, no, func(st *mapping.VFOrderState) error {
			step.Attempts = st.Upload.Attempts + 1
			st.Upload = step
			return nil
		}); err != nil {
			r.problem("upload state of %s: %v", no, err)
		}
	}
}

// printStates lists the VF orders kept, with their two states.
func (r *Real) printStates(ctx context.Context) error {
	states, err := r.VFOrders.ListVFOrders(ctx, mapping.VFOrderQuery{})
	if err != nil {
		return err
	}
	for _, st := range states {
		fb, up := string(st.Feedback.Status), string(st.Upload.Status)
		fmt.Fprintf(r.Out, "  %s: customer %s, %d line(s), amount %s, taken %s, 回写 %s, 上传 %s\n", st.Order.SourceNo, st.Order.Customer,
			len(st.Order.Lines), st.Order.Amount, st.TakenAt.In(duijie.CST()).Format(time.DateTime), orNone(fb), orNone(up))
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// Reupload sends again every logged record that failed, was sent without
// confirmation, or was logged and never sent (补传), and keeps the outcome.
func (r *Real) Reupload(ctx context.Context, now time.Time) {
	entries, err := r.PSILog.LoadEntries(ctx, psi.LogQuery{})
	if err != nil {
		r.problem("PSI log: %v", err)
		return
	}
	again := psi.Reupload(entries, psi.ReuploadFilter{Failed: true, Pending: true})
	if len(again) == 0 {
		fmt.Fprintln(r.Out, "re-upload: nothing to send")
		return
	}
	if r.DryRun {
		for _, rec := range again {
			fmt.Fprintf(r.Out, "would re-upload PSI record %s\n", rec.Key())
		}
		return
	}
	resp, err := r.Honor.UploadPSIAll(context.WithoutCancel(ctx), &honor.UploadPSIAllRequest{Records: again})
	updated := psi.ApplyAll(entries, again, resp, err, now)
	if serr := r.PSILog.SaveEntries(ctx, updated...); serr != nil {
		r.problem("PSI log: %v", serr)
	}
	r.markUploads(ctx, updated, now)
	still := 0
	for _, e := range updated {
		if e.Status != psi.StatusUploaded {
			still++
			r.problem("PSI %s: %s %s %s", e.Key(), e.Status, e.Code, e.Message)
		}
	}
	fmt.Fprintf(r.Out, "re-upload: %d record(s) sent again; still failing: %d\n", len(again), still)
}
