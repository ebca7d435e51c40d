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
const scheme = "wdt-salesout-to-kingdee"

// Job is one sync of sales-outs into sales out-stock bills.
type Job = jobkit.BillJob[wangdiantong.SalesStockout, kingdee.SalOutStock]

// newJob makes the job reading wdt, converting with conv and saving into
// kd; the caller sets the checkpoint store, start and the run's options.
func newJob(wdt *wangdiantong.Client, kd *kingdee.Client, conv *mapping.WDTSalOutConverter) *Job {
	op := salesOutOp()
	return &Job{
		Scheme: scheme,
		Nouns:  jobkit.Nouns{Record: "sales-out", Bill: "sales out-stock bill"},
		// With no status the vendor returns the shipped and finished bills
		// by consign time: a bill is read in the window it shipped in.
		// InWindow hands the half-open window to WDT as its inclusive
		// range, so a bill stamped on a window's edge is read once.
		Read: func(ctx context.Context, w mapping.Window, pageSize int) iter.Seq2[wangdiantong.SalesStockout, error] {
			return wdt.SalesStockouts(ctx, wangdiantong.SalesStockoutQuery{PageSize: pageSize}.InWindow(w.From, w.To))
		},
		Key:      func(s wangdiantong.SalesStockout) string { return string(s.OrderNo) },
		Convert:  conv.Convert,
		Number:   func(b *kingdee.SalOutStock) string { return b.BillNo },
		Describe: billLine,
		Save: func(ctx context.Context, bills []kingdee.SalOutStock) ([]jobkit.Saved, error) {
			res, err := kd.SaveSalOutStocks(ctx, &kingdee.SaveSalOutStocksRequest{Bills: bills, SkipExisting: true})
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
func billLine(b *kingdee.SalOutStock) string {
	s := fmt.Sprintf("customer %s, date %s, %d line(s)", b.Customer.Number, b.Date, len(b.Entries))
	for _, e := range b.Entries {
		s += fmt.Sprintf("; %s qty %s price %s", e.Material.Number, e.RealQty, e.TaxPrice)
		if e.AllAmount != nil {
			s += " amount " + e.AllAmount.String()
		}
	}
	return s
}

// salesOutOp is stockout_order_query_trade.php's row of the Wangdiantong
// operation table: its page-size and window maxima.
func salesOutOp() duijie.Operation {
	return jobkit.Operation(wangdiantong.Operations(), "stockout_order_query_trade.php")
}
