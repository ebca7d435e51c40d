package main

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"reflect"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/psi"
)

// orderScheme names the VF order poll's checkpoint.
const orderScheme = "honor-vf-orders"

// Jobs are the Honor interface's jobs, run by a host on its timers.
type Jobs struct {
	Honor       *honor.Client
	ERP         *ERP
	Checkpoints mapping.CheckpointStore
	// Start is where the first order poll begins when there is no checkpoint.
	Start time.Time
	Log   *slog.Logger
}

// SyncTables fetches the Himall goods models and customers page by page
// (商品信息同步, 客户信息同步) and rebuilds the correspondence tables with the
// host's saved choices.
func (j *Jobs) SyncTables(ctx context.Context) error {
	var models []honor.VFGoodsModel
	syncedAt, err := allPages(ctx, j.Log, "goods", func(ctx context.Context, pageNo int) (*duijie.Page[honor.VFGoodsModel], error) {
		return j.Honor.QueryVFGoods(ctx, &honor.VFGoodsQuery{PageNo: pageNo, PageSize: honor.MaxPageSize})
	}, &models)
	if err != nil {
		return fmt.Errorf("goods sync: %w", err)
	}
	goods, err := mapping.NewTable(mapping.KindGoods, mapping.GoodsExternals(models), j.ERP.goodsItems(), j.ERP.GoodsChoices)
	if err != nil {
		return fmt.Errorf("goods table: %w", err)
	}
	var customers []honor.VFCustomer
	custAt, err := allPages(ctx, j.Log, "customers", func(ctx context.Context, pageNo int) (*duijie.Page[honor.VFCustomer], error) {
		return j.Honor.QueryVFCustomers(ctx, &honor.VFCustomerQuery{PageNo: pageNo, PageSize: honor.MaxPageSize})
	}, &customers)
	if err != nil {
		return fmt.Errorf("customer sync: %w", err)
	}
	cust, err := mapping.NewTable(mapping.KindCustomers, mapping.CustomerExternals(customers), j.ERP.Customers, j.ERP.CustomerChoices)
	if err != nil {
		return fmt.Errorf("customer table: %w", err)
	}
	j.ERP.GoodsTable, j.ERP.GoodsSyncedAt = goods, syncedAt
	j.ERP.CustomerTable, j.ERP.CustomersSyncedAt = cust, custAt
	return nil
}

// allPages reads every page of a listing into out and returns the sync
// time of the first page.
func allPages[T any](ctx context.Context, log *slog.Logger, what string, page func(context.Context, int) (*duijie.Page[T], error), out *[]T) (time.Time, error) {
	var first time.Time
	for pageNo := 1; ; pageNo++ {
		p, err := page(ctx, pageNo)
		if err != nil {
			return first, err
		}
		if pageNo == 1 {
			first = p.SyncedAt.Time
		}
		*out = append(*out, p.Items...)
		log.Info("page", "list", what, "page", pageNo, "rows", len(p.Items), "total", p.Total)
		if !p.HasMore {
			return first, nil
		}
	}
}

// OrderReport is what one order poll did.
type OrderReport struct {
	// Fetched counts the orders read (new or changed since the last poll);
	// Unchanged those the host already had as they are; Updated those whose
	// Himall status alone moved on.
	Windows, Fetched, Created, Updated, Unchanged int
	// Conflicts lists orders already in the ERP that came back with other
	// content: the kept order stays as it is (an order taken from Himall may
	// not be modified) and a person settles the difference.
	Conflicts []string
	// Partial lists orders created without their unmapped lines.
	Partial []string
	// Failed lists orders not created, and why; they are read again on
	// the next poll.
	Failed     []string
	Checkpoint time.Time
}

// PollOrders reads the VF orders changed since the last poll (获取订单, every
// 5 minutes) and creates one wholesale order per VF order with only its
// mapped lines. A window with an order that could not be created is kept,
// so the next poll reads it again once the mapping is fixed. An order
// already in the ERP is never overwritten: a changed one is reported as a
// conflict for a person, and only a change of Himall's status is taken.
func (j *Jobs) PollOrders(ctx context.Context, now time.Time) (*OrderReport, error) {
	rep := &OrderReport{}
	sync := &mapping.Sync[honor.VFOrder]{
		Scheme: orderScheme,
		Store:  j.Checkpoints,
		// A minute of lag leaves Himall's last writes to the next poll; the
		// overlap re-reads orders indexed late. Changes are new records:
		// the key holds the modified time.
		Policy: mapping.SyncPolicy{Start: j.Start, Lag: time.Minute, MaxWindow: honor.DefaultOrderWindow, Overlap: 2 * time.Minute},
		Key:    func(o honor.VFOrder) string { return o.OrderNo + "@" + o.ModifiedTime.String() },
		Fetch: func(ctx context.Context, w mapping.Window) iter.Seq2[honor.VFOrder, error] {
			return j.Honor.VFOrders(ctx, &honor.VFOrderQuery{ModifiedFrom: w.From, ModifiedTo: w.To, PageSize: honor.MaxPageSize})
		},
		Deliver: func(ctx context.Context, w mapping.Window, orders []honor.VFOrder) error {
			return j.createOrders(w, orders, rep)
		},
	}
	r, err := sync.Run(ctx, now)
	if r != nil {
		rep.Windows, rep.Checkpoint = len(r.Windows), r.Checkpoint.LastSyncTime
	}
	return rep, err
}

func (j *Jobs) createOrders(w mapping.Window, orders []honor.VFOrder, rep *OrderReport) error {
	opt := mapping.VFOptions{Goods: j.ERP.GoodsTable, Customers: j.ERP.CustomerTable, Warehouse: j.ERP.Warehouse}
	failed := 0
	rep.Fetched += len(orders)
	for i := range orders {
		o := &orders[i]
		had, ok := j.ERP.Orders[o.OrderNo]
		wo, err := mapping.ReconcileVFOrder(had, o, opt)
		var conflict *mapping.VFConflictError
		switch {
		case errors.As(err, &conflict):
			// Not a failure of the window: reading it again cannot settle
			// it. The person sees conflict.Changes and conflict.Fetched.
			rep.Conflicts = append(rep.Conflicts, conflict.Error())
			continue
		case err != nil:
			failed++
			rep.Failed = append(rep.Failed, fmt.Sprintf("%s: %v", o.OrderNo, err))
			continue
		}
		switch {
		case !ok:
			rep.Created++
		case reflect.DeepEqual(had, wo):
			rep.Unchanged++
			continue
		default:
			rep.Updated++
		}
		j.ERP.Orders[o.OrderNo] = wo
		if wo.Partial() {
			rep.Partial = append(rep.Partial, fmt.Sprintf("%s without %d unmapped line(s): %v", o.OrderNo, len(wo.Unmapped), wo.Unmapped))
		}
	}
	j.Log.Info("window", "from", w.From.In(duijie.CST()).Format(time.DateTime), "to", w.To.In(duijie.CST()).Format(time.DateTime),
		"orders", len(orders), "failed", failed)
	if failed > 0 {
		return fmt.Errorf("%d order(s) not created; the window is kept for the next poll", failed)
	}
	return nil
}

// FeedbackReport is what one feedback run did.
type FeedbackReport struct {
	Sent, Replayed int
	// NotHimall lists outbounds that are not for Himall orders: they never
	// get feedback (非Himall订单不上传).
	NotHimall []string
	// Failed lists outbounds whose feedback failed; they are sent again
	// next time, which is safe (Honor keys feedback by outbound number).
	Failed []string
}

// SendFeedback sends the shipment feedback (VF出库信息反馈) of every saved
// outbound not fed back yet, when automatic feedback is on.
func (j *Jobs) SendFeedback(ctx context.Context) *FeedbackReport {
	rep := &FeedbackReport{}
	if !j.ERP.AutoFeedback {
		return rep
	}
	for _, ob := range j.ERP.Outbounds {
		if ob.FedBack {
			continue
		}
		f := &honor.VFShipmentFeedback{Origin: ob.Origin, OrderNo: ob.OrderNo, OutboundNo: ob.No,
			OutboundTime: duijie.NewTime(ob.Time), WarehouseCode: ob.Warehouse}
		for _, l := range ob.Lines {
			f.Lines = append(f.Lines, honor.VFShipmentLine{GoodsCode: l.HimallGoods,
				Quantity: duijie.AmountFromInt(int64(len(l.Serials))), Serials: l.Serials})
		}
		res, err := j.Honor.SendVFShipmentFeedback(ctx, f)
		var ve *duijie.ValidationError
		switch {
		case errors.As(err, &ve) && ve.Rule == honor.RuleNotHimallOrder:
			rep.NotHimall = append(rep.NotHimall, ob.No)
			ob.FedBack = true // nothing to send, ever
		case err != nil:
			rep.Failed = append(rep.Failed, fmt.Sprintf("%s: %v", ob.No, err))
		default:
			ob.FedBack = true
			rep.Sent++
			if res.Replayed() {
				rep.Replayed++
			}
		}
	}
	return rep
}

// QueryFinance reads the audited incentives (VF激励查询) and fund-pool rows
// (VF资金池查询) changed between from and to, and keeps them.
func (j *Jobs) QueryFinance(ctx context.Context, from, to duijie.Date) (incentives, fundPool int, err error) {
	q := &honor.DateRangeQuery{StartDate: from, EndDate: to, PageSize: honor.MaxPageSize}
	for v, err := range j.Honor.VFIncentives(ctx, q) {
		if err != nil {
			return incentives, fundPool, fmt.Errorf("incentives: %w", err)
		}
		j.ERP.Incentives[v.IncentiveNo] = v
		incentives++
	}
	for v, err := range j.Honor.VFFundPoolEntries(ctx, q) {
		if err != nil {
			return incentives, fundPool, fmt.Errorf("fund pool: %w", err)
		}
		j.ERP.FundPool[v.EntryNo] = v
		fundPool++
	}
	return incentives, fundPool, nil
}

// PSIReport is what one PSI upload did.
type PSIReport struct {
	Day duijie.Date
	// Selected counts the records the rules chose; Skipped says what they
	// left out and why.
	Selected int
	Skipped  []string
	// Uploaded, Unconfirmed, Failed and NotSent count the log's records by
	// state.
	Uploaded, Unconfirmed, Failed, NotSent int
	// CallError is UploadPSIAll's error, when any.
	CallError error
}

// UploadPSI is the nightly job: the serials of the previous day's wholesale
// documents, chosen by the PSI rules, go to Honor; the log records each
// record's outcome; the host's re-upload (补传) sends what failed.
func (j *Jobs) UploadPSI(ctx context.Context, now time.Time) *PSIReport {
	sel := psi.NewSelector(j.ERP.PSI)
	batch := sel.DailyBatch(psi.PreviousDay(now), j.ERP.psiDocuments())
	rep := &PSIReport{Day: batch.Day, Selected: len(batch.Records)}
	for _, s := range batch.Skipped {
		rep.Skipped = append(rep.Skipped, s.String())
	}
	if len(batch.Records) == 0 {
		return rep
	}
	j.ERP.PSILog = append(j.ERP.PSILog, psi.NewEntries(batch.Day, batch.Records)...)
	resp, err := j.Honor.UploadPSIAll(ctx, &honor.UploadPSIAllRequest{Records: batch.Records})
	j.ERP.PSILog = psi.ApplyAll(j.ERP.PSILog, batch.Records, resp, err, now)
	rep.CallError = err
	for _, e := range j.ERP.PSILog {
		switch e.Status {
		case psi.StatusUploaded:
			rep.Uploaded++
		case psi.StatusUnconfirmed:
			rep.Unconfirmed++
		case psi.StatusFailed:
			rep.Failed++
		case psi.StatusNotSent:
			rep.NotSent++
		}
	}
	j.Log.Info("psi upload", "day", batch.Day.String(), "records", len(batch.Records), "uploaded", rep.Uploaded, "unconfirmed", rep.Unconfirmed, "failed", rep.Failed, "not sent", rep.NotSent)
	return rep
}

// Reupload sends again every record of the log that failed, was sent but
// not confirmed, or was never sent (补传) and returns how many it sent and
// the ones still failing.
func (j *Jobs) Reupload(ctx context.Context, now time.Time) (sent int, stillFailing []string) {
	again := psi.Reupload(j.ERP.PSILog, psi.ReuploadFilter{Failed: true})
	if len(again) == 0 {
		return 0, nil
	}
	resp, err := j.Honor.UploadPSIAll(ctx, &honor.UploadPSIAllRequest{Records: again})
	j.ERP.PSILog = psi.ApplyAll(j.ERP.PSILog, again, resp, err, now)
	for _, e := range j.ERP.PSILog {
		if e.Status != psi.StatusUploaded {
			stillFailing = append(stillFailing, fmt.Sprintf("%s: %s %s", e.Key(), e.Code, e.Message))
		}
	}
	j.Log.Info("psi re-upload", "records", len(again), "still failing", len(stillFailing))
	return len(again), stillFailing
}
