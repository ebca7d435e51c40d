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

// demo runs the job twice against the fakes.
func demo(out io.Writer, log *slog.Logger) (*jobkit.Fakes, error) {
	day := time.Date(2026, 11, 19, 0, 0, 0, 0, duijie.CST())
	f := jobkit.NewFakes()
	for i := 0; i < 24; i++ {
		at := day.Add(time.Duration(i) * 3 * time.Hour)
		sku := []string{"SKU-RED", "SKU-BLUE"}[i%2]
		if i == 17 {
			sku = "SKU-NEW" // not in the material table yet
		}
		f.WDT.AddRefundStockin(wangdiantong.RefundStockin{
			OrderNo: duijie.Text(fmt.Sprintf("RK2026%04d", i)), ShopNo: "TMALL-01", WarehouseNo: "WH-SZ", Status: "80",
			StockinTime: duijie.NewTime(at), RefundRemark: "七天无理由",
			Details: []wangdiantong.RefundStockinDetail{{SpecNo: duijie.Text(sku), GoodsCount: duijie.AmountFromInt(1),
				Num: duijie.AmountFromInt(1), SrcPrice: duijie.AmountFromCents(19900), TaxPrice: duijie.AmountFromCents(17900),
				Tax: duijie.AmountFromCents(13)}},
		}, at)
	}
	// The fake has no quota; against the real WDT keep the default limit.
	wdt, err := wangdiantong.NewClient(f.WDT.Config(), duijie.WithBaseURL(f.WDT.URL()), duijie.WithLogger(log),
		duijie.WithRateLimit())
	if err != nil {
		return f, err
	}
	kd, err := kingdee.NewClient(f.KD.ConfigFor(kingdee.AuthLoginBySign), duijie.WithLogger(log))
	if err != nil {
		return f, err
	}
	materials := mapping.Codes{"SKU-RED": "MAT.1001", "SKU-BLUE": "MAT.1002"}
	// The demo takes the line's own tax (0.13, sent as 13) and the default
	// quantity (num) and price (tax_price).
	conv, err := mapping.NewSalReturnConverter(mapping.SalReturnOptions{BillNoPrefix: "WDT-", SaleOrg: "100",
		Customers: mapping.Codes{"TMALL-01": "CUST.TMALL"}, Materials: materials, Warehouses: mapping.Codes{"WH-SZ": "CK01"},
		Qty: mapping.QtyNum, Price: mapping.PriceTax, Tax: mapping.TaxLine})
	if err != nil {
		return f, err
	}
	job := newJob(wdt, kd, conv)
	job.Checkpoints, job.Start, job.Log, job.Window, job.Out = &mapping.MemoryCheckpoints{}, day, log, 24*time.Hour, io.Discard
	now := day.AddDate(0, 0, 3).Add(time.Hour)

	sum, err := job.Run(context.Background(), now)
	sum.Print(out, "run 1", err)
	materials["SKU-NEW"] = "MAT.1003" // the host maps the new SKU
	sum, err = job.Run(context.Background(), now.Add(10*time.Minute))
	sum.Print(out, "run 2", err)
	fmt.Fprintf(out, "Kingdee holds %d sales return(s); numbers refused as taken: %d\n",
		len(f.KD.Bills(kingdee.FormSalReturnStock)), f.KD.RepeatedNumbers())
	return f, err
}
