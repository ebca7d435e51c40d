package main

import (
	"context"
	"fmt"
	"iter"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/store/examples/internal/jobkit"
	"github.com/duijie/duijie/wangdiantong"
)

// scheme names the checkpoint.
const scheme = "wdt-refund-stockin-to-kingdee"

// Job is one sync of refund stock-ins into sales returns.
type Job = jobkit.BillJob[wangdiantong.RefundStockin, kingdee.SalReturnStock]

// newJob makes the job reading wdt, converting with conv and saving into kd;
// the caller sets the checkpoint store, start and the run's options.
func newJob(wdt *wangdiantong.Client, kd *kingdee.Client, conv *mapping.SalReturnConverter) *Job {
	op := refundStockinOp()
	return &Job{
		Scheme: scheme,
		Nouns:  jobkit.Nouns{Record: "stock-in", Bill: "sales return"},
		// InWindow hands the half-open window to WDT as its inclusive range,
		// so a stock-in stamped on a window's edge is read once.
		Read: func(ctx context.Context, w mapping.Window, pageSize int) iter.Seq2[wangdiantong.RefundStockin, error] {
			return wdt.RefundStockins(ctx, wangdiantong.RefundStockinQuery{PageSize: pageSize}.InWindow(w.From, w.To))
		},
		Key:      func(r wangdiantong.RefundStockin) string { return string(r.OrderNo) },
		Convert:  conv.Convert,
		Number:   func(b *kingdee.SalReturnStock) string { return b.BillNo },
		Describe: billLine,
		Save: func(ctx context.Context, bills []kingdee.SalReturnStock) ([]jobkit.Saved, error) {
			res, err := kd.SaveSalReturns(ctx, &kingdee.SaveSalReturnsRequest{Bills: bills, SkipExisting: true})
			if res == nil {
				return jobkit.KingdeeOutcomes(nil, err)
			}
			return jobkit.KingdeeOutcomes(res.Rows, err)
		},
		MaxWindow:   op.MaxWindow,
		MaxPageSize: op.MaxPageSize,
	}
}

// billLine describes a bill for -dry-run.
func billLine(b *kingdee.SalReturnStock) string {
	s := fmt.Sprintf("customer %s, date %s, %d line(s)", b.Customer.Number, b.Date, len(b.Entries))
	for _, e := range b.Entries {
		s += fmt.Sprintf("; %s qty %s price %s", e.Material.Number, e.RealQty, e.TaxPrice)
	}
	return s
}

// refundStockinOp is stockin_order_query_refund.php's row of the
// Wangdiantong operation table: its page-size and window maxima.
func refundStockinOp() duijie.Operation {
	return jobkit.Operation(wangdiantong.Operations(), "stockin_order_query_refund.php")
}
