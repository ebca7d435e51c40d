// Command wdt-refund-to-kingdee moves Wangdiantong refund stock-ins (退货入库单)
// into Kingdee Cloud Galaxy as sales returns (SAL_RETURNSTOCK): every
// stock-in changed from LAST_SYNC_TIME to now, window by window and page by
// page, converted with the host's correspondence tables and saved with
// BatchSave. The checkpoint moves only past a window whose stock-ins all
// reached Kingdee; a stock-in that failed is reported and tried again on
// the next run, and the bill number derived from its stock-in number (plus
// BatchSave's SkipExisting) means a repeated window never writes a bill
// twice.
//
// By default it runs twice against the in-process fakes: the first run
// meets a SKU with no Kingdee material and reports it; the host then maps
// it, and the second run finishes the job. With -real it runs once against
// the endpoints and credentials in WDT_URL, WDT_SID, WDT_APPKEY,
// WDT_APPSECRET and KINGDEE_URL, KINGDEE_ACCTID, KINGDEE_USER,
// KINGDEE_APPID, KINGDEE_APPSECRET (codes mapped as they are), and the
// accounting choices come from flags: -qty, -price, -tax, -tax-rate and
// -zero-price-gift (see -h). The converter is made before anything is read,
// so a missing choice stops the program before the first request.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// scheme names the checkpoint.
const scheme = "wdt-refund-stockin-to-kingdee"

// batchSize is how many bills one BatchSave carries.
const batchSize = 50

// Job is one sync of refund stock-ins into sales returns.
type Job struct {
	WDT         *wangdiantong.Client
	Kingdee     *kingdee.Client
	Convert     *mapping.SalReturnConverter
	Checkpoints mapping.CheckpointStore
	Start       time.Time
	Log         *slog.Logger
}

// Summary is what one run moved.
type Summary struct {
	Windows, Fetched, Saved, AlreadyThere int
	Failed                                []string
	Checkpoint                            time.Time
}

// Run syncs from the stored checkpoint (or Start) to now.
func (j *Job) Run(ctx context.Context, now time.Time) (*Summary, error) {
	sum := &Summary{}
	sync := &mapping.Sync[wangdiantong.RefundStockin]{
		Scheme: scheme,
		Store:  j.Checkpoints,
		// WDT allows 30-day windows; a day keeps each window's work small.
		// The lag leaves the last minutes to stock-ins still being written.
		Policy: mapping.SyncPolicy{Start: j.Start, Lag: 5 * time.Minute, MaxWindow: 24 * time.Hour, Overlap: 10 * time.Minute},
		Key:    func(r wangdiantong.RefundStockin) string { return string(r.OrderNo) },
		// InWindow hands the half-open window to WDT as its inclusive range,
		// so a stock-in stamped on a window's edge is read once.
		Fetch: func(ctx context.Context, w mapping.Window) iter.Seq2[wangdiantong.RefundStockin, error] {
			return j.WDT.RefundStockins(ctx, wangdiantong.RefundStockinQuery{}.InWindow(w.From, w.To))
		},
		Deliver: func(ctx context.Context, w mapping.Window, records []wangdiantong.RefundStockin) error {
			return j.deliver(ctx, w, records, sum)
		},
	}
	rep, err := sync.Run(ctx, now)
	if rep != nil {
		sum.Windows, sum.Checkpoint = len(rep.Windows), rep.Checkpoint.LastSyncTime
	}
	return sum, err
}

// deliver converts one window's stock-ins and saves them; any failure
// keeps the window for the next run.
func (j *Job) deliver(ctx context.Context, w mapping.Window, records []wangdiantong.RefundStockin, sum *Summary) error {
	sum.Fetched += len(records)
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
	for start := 0; start < len(bills); start += batchSize {
		part := bills[start:min(start+batchSize, len(bills))]
		res, err := j.Kingdee.SaveSalReturns(ctx, part, true, kingdee.SaveOptions{})
		var be *kingdee.BatchError
		if err != nil && !errors.As(err, &be) {
			failed = append(failed, fmt.Sprintf("%d bills from %s: %v", len(part), part[0].BillNo, err))
			continue
		}
		for _, row := range res.Rows {
			switch {
			case !row.Saved:
				failed = append(failed, fmt.Sprintf("%s: %v", row.Number, row.Errors))
			case row.Existing:
				sum.AlreadyThere++
			default:
				sum.Saved++
			}
		}
	}
	j.Log.Info("window", "from", w.From.In(kingdee.CST).Format(time.DateTime), "to", w.To.In(kingdee.CST).Format(time.DateTime),
		"stockins", len(records), "bills", len(bills), "failed", len(failed))
	if len(failed) > 0 {
		sum.Failed = append(sum.Failed, failed...)
		return fmt.Errorf("%d stock-in(s) not saved; the window is kept for the next run", len(failed))
	}
	return nil
}

// print writes a run's summary.
func (s *Summary) print(out io.Writer, run string, err error) {
	fmt.Fprintf(out, "%s: %d window(s) done, %d stock-in(s) read, %d sales return(s) saved, %d already in Kingdee, checkpoint %s\n",
		run, s.Windows, s.Fetched, s.Saved, s.AlreadyThere, s.Checkpoint.In(kingdee.CST).Format(time.DateTime))
	for _, f := range s.Failed {
		fmt.Fprintf(out, "  not saved: %s\n", f)
	}
	if err != nil {
		fmt.Fprintf(out, "  stopped: %v\n", err)
	}
}

// fakes holds the demo's fake vendors.
type fakes struct {
	wdt *wangdiantongtest.Server
	kd  *kingdeetest.Server
}

func (f *fakes) Close() { f.wdt.Close(); f.kd.Close() }

// demo runs the job twice against the fakes.
func demo(out io.Writer, log *slog.Logger) (*fakes, error) {
	day := time.Date(2026, 11, 19, 0, 0, 0, 0, kingdee.CST)
	f := &fakes{wdt: wangdiantongtest.NewServer(), kd: kingdeetest.NewServer()}
	for i := 0; i < 24; i++ {
		at := day.Add(time.Duration(i) * 3 * time.Hour)
		sku := []string{"SKU-RED", "SKU-BLUE"}[i%2]
		if i == 17 {
			sku = "SKU-NEW" // not in the material table yet
		}
		f.wdt.AddRefundStockin(wangdiantong.RefundStockin{
			OrderNo: wangdiantong.Text(fmt.Sprintf("RK2026%04d", i)), ShopNo: "TMALL-01", WarehouseNo: "WH-SZ", Status: "80",
			StockinTime: wangdiantong.NewTime(at), RefundRemark: "七天无理由",
			Details: []wangdiantong.RefundStockinDetail{{SpecNo: wangdiantong.Text(sku), GoodsCount: wangdiantong.AmountFromInt(1),
				Num: wangdiantong.AmountFromInt(1), SrcPrice: wangdiantong.AmountFromCents(19900), TaxPrice: wangdiantong.AmountFromCents(17900),
				Tax: wangdiantong.AmountFromCents(13)}},
		}, at)
	}
	// The fake has no quota; against the real WDT keep the default limit.
	wdt, err := wangdiantong.NewClient(f.wdt.Config(), wangdiantong.WithBaseURL(f.wdt.OpenAPIURL()), wangdiantong.WithLogger(log),
		wangdiantong.WithRateLimit())
	if err != nil {
		return f, err
	}
	kd, err := kingdee.NewClient(f.kd.Config(kingdee.AuthLoginBySign), kingdee.WithLogger(log))
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
	job := &Job{WDT: wdt, Kingdee: kd, Convert: conv, Checkpoints: &mapping.MemoryCheckpoints{}, Start: day, Log: log}
	now := day.AddDate(0, 0, 3).Add(time.Hour)

	sum, err := job.Run(context.Background(), now)
	sum.print(out, "run 1", err)
	materials["SKU-NEW"] = "MAT.1003" // the host maps the new SKU
	sum, err = job.Run(context.Background(), now.Add(10*time.Minute))
	sum.print(out, "run 2", err)
	fmt.Fprintf(out, "Kingdee holds %d sales return(s); numbers refused as taken: %d\n",
		len(f.kd.Bills(kingdee.FormSalReturnStock)), f.kd.RepeatedNumbers())
	return f, err
}

// choices are the accounting choices of the real mode, read from flags.
type choices struct {
	qty, price, tax, taxRate string
	zeroPriceGift            bool
}

// addChoiceFlags declares the flags that pick FRealQty, FTaxPrice and
// FEntryTaxRate.
func addChoiceFlags(fs *flag.FlagSet) *choices {
	c := &choices{}
	fs.StringVar(&c.qty, "qty", string(mapping.QtyNum),
		"FRealQty from: num (入库数量, what came back), right_num (调整后数量, after corrections) or goods_count (货品数量, of the refund)")
	fs.StringVar(&c.price, "price", string(mapping.PriceTax),
		"FTaxPrice from: tax_price (税后单价, after discounts), right_price (调整后单价, after corrections) or src_price (原价, list price)")
	fs.StringVar(&c.tax, "tax", string(mapping.TaxMaterial),
		"FEntryTaxRate from: material (left out, Kingdee applies the material's rate), tax (the line's tax, 0.13 sent as 13) or fixed (-tax-rate)")
	fs.StringVar(&c.taxRate, "tax-rate", "", "with -tax fixed: the rate in percent on every line, e.g. 13 (0 for tax exempt)")
	fs.BoolVar(&c.zeroPriceGift, "zero-price-gift", false, "send a line whose chosen price is 0 as a gift line (FIsFree); without it such a stock-in is refused")
	return c
}

// apply puts the choices into opt.
func (c *choices) apply(opt *mapping.SalReturnOptions) error {
	opt.Qty, opt.Price, opt.Tax, opt.ZeroPriceIsGift = mapping.QtySource(c.qty), mapping.PriceSource(c.price), mapping.TaxSource(c.tax), c.zeroPriceGift
	if c.taxRate != "" {
		rate, err := mapping.ParseAmount(c.taxRate)
		if err != nil {
			return fmt.Errorf("-tax-rate: %w", err)
		}
		opt.TaxRate = &rate
	}
	return nil
}

// realConverter makes the real mode's converter from the flags: a missing
// or contradictory choice is refused here, before any request.
func realConverter(c *choices) (*mapping.SalReturnConverter, error) {
	opt := mapping.SalReturnOptions{BillNoPrefix: "WDT-", SaleOrg: envOr("KINGDEE_ORG", "100"), Customers: identityLookup{}}
	if err := c.apply(&opt); err != nil {
		return nil, err
	}
	return mapping.NewSalReturnConverter(opt)
}

func main() {
	real := flag.Bool("real", false, "run once against the real WDT and Kingdee (WDT_* and KINGDEE_* variables)")
	since := flag.Duration("since", 24*time.Hour, "with -real and no checkpoint: how far back the first run reads")
	picked := addChoiceFlags(flag.CommandLine)
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if !*real {
		f, err := demo(os.Stdout, log)
		f.Close()
		if err != nil {
			os.Exit(1)
		}
		return
	}
	conv, err := realConverter(picked)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	wdt, err := wangdiantong.NewClient(wangdiantong.Config{SID: os.Getenv("WDT_SID"), AppKey: os.Getenv("WDT_APPKEY"),
		AppSecret: wangdiantong.Secret(os.Getenv("WDT_APPSECRET"))}, wangdiantong.WithBaseURL(os.Getenv("WDT_URL")), wangdiantong.WithLogger(log))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	kd, err := kingdee.NewClient(kingdee.Config{ServerURL: os.Getenv("KINGDEE_URL"), AcctID: os.Getenv("KINGDEE_ACCTID"),
		UserName: os.Getenv("KINGDEE_USER"), AppID: os.Getenv("KINGDEE_APPID"), AppSecret: kingdee.Secret(os.Getenv("KINGDEE_APPSECRET"))},
		kingdee.WithLogger(log))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	job := &Job{WDT: wdt, Kingdee: kd, Convert: conv, Checkpoints: &mapping.MemoryCheckpoints{}, Start: time.Now().Add(-*since), Log: log}
	sum, err := job.Run(context.Background(), time.Now())
	sum.print(os.Stdout, "run", err)
	if err != nil {
		os.Exit(1)
	}
}

// identityLookup maps every code to itself, for hosts whose codes agree.
type identityLookup struct{}

func (identityLookup) Lookup(code string) (string, bool) { return code, strings.TrimSpace(code) != "" }

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
