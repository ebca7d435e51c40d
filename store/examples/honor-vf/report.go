package main

import (
	"fmt"
	"io"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/mapping"
)

// printTables shows the correspondence tables after a sync, as the
// settings screen does.
func printTables(out io.Writer, erp *ERP) {
	printTable(out, "goods", erp.GoodsTable, erp.GoodsSyncedAt)
	printTable(out, "customers", erp.CustomerTable, erp.CustomersSyncedAt)
}

func printTable(out io.Writer, name string, table *mapping.Table, at time.Time) {
	synced, matched := table.Stats()
	fmt.Fprintf(out, "%s synced at %s: %d from Himall, %d mapped", name, at.In(duijie.CST()).Format(time.DateTime), synced, matched)
	for i, x := range table.Unmatched() {
		if i == 0 {
			fmt.Fprint(out, "; to map:")
		}
		fmt.Fprintf(out, " %s %s", x.Code, x.Name)
		if c := table.SearchFor(x.Code, 1); len(c) > 0 {
			fmt.Fprintf(out, " (best match %s %s)", c[0].Code, c[0].Name)
		}
	}
	fmt.Fprintln(out)
}

// print writes a poll's summary.
func (r *OrderReport) print(out io.Writer, run string, err error) {
	fmt.Fprintf(out, "%s: %d window(s) done, %d order(s) read, %d created, %d updated, %d unchanged, checkpoint %s\n",
		run, r.Windows, r.Fetched, r.Created, r.Updated, r.Unchanged, r.Checkpoint.In(duijie.CST()).Format(time.DateTime))
	for _, p := range r.Partial {
		fmt.Fprintf(out, "  partial: %s\n", p)
	}
	for _, f := range r.Failed {
		fmt.Fprintf(out, "  not created: %s\n", f)
	}
	for _, c := range r.Conflicts {
		fmt.Fprintf(out, "  conflict, kept as it was: %s\n", c)
	}
	if err != nil {
		fmt.Fprintf(out, "  stopped: %v\n", err)
	}
}

// printOrders lists the wholesale orders.
func printOrders(out io.Writer, erp *ERP) {
	for _, o := range erp.sortedOrders() {
		fmt.Fprintf(out, "  wholesale order for %s: customer %s, %d line(s), amount %s\n", o.SourceNo, o.Customer, len(o.Lines), o.Amount)
	}
}

// print writes the nightly upload's summary.
func (r *PSIReport) print(out io.Writer) {
	fmt.Fprintf(out, "01:30 PSI upload of %s: %d serial(s) selected; log: %d uploaded, %d unconfirmed, %d failed, %d not sent\n",
		r.Day, r.Selected, r.Uploaded, r.Unconfirmed, r.Failed, r.NotSent)
	for _, s := range r.Skipped {
		fmt.Fprintf(out, "  skipped: %s\n", s)
	}
	if r.CallError != nil {
		fmt.Fprintf(out, "  upload stopped: %v\n", r.CallError)
	}
}
