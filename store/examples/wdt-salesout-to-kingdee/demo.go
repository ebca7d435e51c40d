package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/store/examples/internal/jobkit"
	"github.com/duijie/duijie/wangdiantong"
)

// demo runs the job twice against the fakes: 30 sales-outs over two days
// from two shops, one of which has no Kingdee customer in the first run.
func demo(out io.Writer, log *slog.Logger) (*jobkit.Fakes, error) {
	day := time.Date(2026, 11, 19, 0, 0, 0, 0, duijie.CST())
	f := jobkit.NewFakes()
	for i := 0; i < 30; i++ {
		at := day.Add(time.Duration(i) * 90 * time.Minute)
		shop := "TMALL-01"
		if i%10 == 7 {
			shop = "JD-02" // no customer yet
		}
		details := []wangdiantong.SalesStockoutDetail{
			{RecID: duijie.Text(fmt.Sprintf("%d1", i)), SpecNo: "SKU-RED", GoodsCount: duijie.AmountFromInt(3),
				SellPrice: duijie.AmountFromCents(3990), ShareAmount: duijie.AmountFromCents(10000), TaxRate: duijie.AmountFromCents(13), GiftType: "0"},
			{RecID: duijie.Text(fmt.Sprintf("%d2", i)), SpecNo: "SKU-BAG", GoodsCount: duijie.AmountFromInt(1), TaxRate: duijie.AmountFromCents(13), GiftType: "1"},
		}
		f.WDT.AddSalesStockout(wangdiantong.SalesStockout{
			OrderNo: duijie.Text(fmt.Sprintf("CK2026%04d", i)), ShopNo: duijie.Text(shop), WarehouseNo: "WH-SZ", Status: "95",
			ConsignTime: duijie.NewTime(at), Details: details,
		}, at)
	}
	// The fake has no quota; against the real WDT keep the default limit.
	wdt, err := wangdiantong.NewClient(f.WDT.Config(), duijie.WithBaseURL(f.WDT.URL()), duijie.WithLogger(log), duijie.WithRateLimit())
	if err != nil {
		return f, err
	}
	kd, err := kingdee.NewClient(f.KD.ConfigFor(kingdee.AuthLoginBySign), duijie.WithLogger(log))
	if err != nil {
		return f, err
	}
	customers := mapping.Codes{"TMALL-01": "CUST.TMALL"}
	// The demo books what the buyer paid (share_amount, exact), with the
	// line's own tax (0.13, sent as 13); the gift bag WDT marks as a gift
	// goes at 0 as a free line.
	conv, err := mapping.NewWDTSalOutConverter(mapping.SalOutOptions{BillNoPrefix: "WDT-", SaleOrg: "100",
		Customers: customers, Materials: mapping.Codes{"SKU-RED": "MAT.1001", "SKU-BAG": "MAT.9001"},
		Warehouses: mapping.Codes{"WH-SZ": "CK01"}, Price: mapping.SalOutShareAmount, Tax: mapping.TaxLine})
	if err != nil {
		return f, err
	}
	job := newJob(wdt, kd, conv)
	job.Checkpoints, job.Start, job.Log, job.Window, job.Out = &mapping.MemoryCheckpoints{}, day, log, 24*time.Hour, io.Discard
	now := day.AddDate(0, 0, 2).Add(time.Hour)

	sum, err := job.Run(context.Background(), now)
	sum.Print(out, "run 1", err)
	customers["JD-02"] = "CUST.JD" // the host maps the new shop
	sum, err = job.Run(context.Background(), now.Add(10*time.Minute))
	sum.Print(out, "run 2", err)
	fmt.Fprintf(out, "Kingdee holds %d sales out-stock bill(s); numbers refused as taken: %d\n",
		len(f.KD.Bills(kingdee.FormSalOutStock)), f.KD.RepeatedNumbers())
	return f, err
}
