// Command honor-vf runs a distributor ERP's side of Honor's Himall "VF"
// interface (荣耀接口): it syncs the Himall goods models and customers into
// correspondence tables, polls the VF orders every 5 minutes and turns each
// into a wholesale order with only its mapped lines, sends the shipment
// feedback of saved outbounds (Himall orders only), reads the audited
// incentives and fund-pool rows, and uploads the previous day's serial
// numbers to Honor PSI every night with an upload log and a re-upload (补传)
// of what failed.
//
// By default it plays a day against the in-process fake (honortest), with
// a clock of its own: a customer not mapped yet, an order changed in Himall,
// a local outbound that gets no feedback, Honor failing during the nightly
// upload and a serial Honor refuses. With -real it is a job for a
// scheduler against HONOR_URL, HONOR_APPID, HONOR_APPKEY, HONOR_SHOP_NO and
// HONOR_DISTRIBUTOR_ID: it runs the jobs -jobs names (tables, orders,
// feedback, psi, reupload) once, or every -every with -once=false, with the
// host's side read from a JSON file (-erp, see Host) and every state kept
// in a SQLite file (-state): the order checkpoint (-since only places the
// very first poll), the correspondence tables with their last-synced time,
// the VF order states and the PSI upload log. -dry-run prints what would be
// kept, sent or uploaded and writes nothing. SIGINT or SIGTERM lets the
// order or call in flight finish. Exit codes: 0 all delivered, 1 something
// failed or was left for later (listed as "not delivered"), 2 wrong flags
// or variables, 3 stopped by a signal; -h lists every flag and variable.
//
// Environment (read with -real):
//
//   - HONOR_URL: the base URL in Honor's partner document, used as given (no
//     route suffix is added); required.
//   - HONOR_APPID: the APPID Honor issues.
//   - HONOR_APPKEY: the APPKEY Honor issues, which signs every call; never
//     printed.
//   - HONOR_SHOP_NO: the SHOP_NO Honor issues.
//   - HONOR_DISTRIBUTOR_ID: the 省包商 (province distributor) id Honor issues.
//   - HONOR_WAREHOUSE: the default warehouse (默认仓库) of wholesale orders
//     when the -erp file names none.
//   - DUIJIE_STATE: the state file's path when -state is not given (otherwise
//     duijie/state.db in the user's configuration directory).
//
// (Honor gives its wire specification to partners privately; if its paths,
// method names or signing differ from the package defaults, set
// honor.Config.Operations and honor.Config.Signer.)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/honor/honortest"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/psi"
	"github.com/duijie/duijie/store/examples/internal/jobkit"
	"github.com/duijie/duijie/store/sqlite"
)

// vars are the environment variables of the real mode.
var vars = []jobkit.Var{
	{"HONOR_URL", "the base URL in Honor's partner document (no route suffix is added)"},
	{"HONOR_APPID, HONOR_APPKEY", "the APPID and APPKEY Honor issues"},
	{"HONOR_SHOP_NO, HONOR_DISTRIBUTOR_ID", "the SHOP_NO and the 省包商 id Honor issues"},
	{"HONOR_WAREHOUSE", "the default warehouse (默认仓库) of wholesale orders when the -erp file has none"},
	{jobkit.StateEnv, "the state file when -state is not given"},
}

const summary = `honor-vf: a distributor ERP's side of Honor's Himall VF interface.

Without -real it plays a day against an in-process fake. With -real it runs the
chosen jobs (-jobs) once, or polls every -every until SIGINT or SIGTERM, keeping
the order checkpoint, the correspondence tables with their last-synced time, the
VF order states (回写状态, 上传状态) and the PSI upload log in the state file.
Exit codes: 0 all delivered, 1 something failed or was left for later (the
summary says which and why), 2 wrong flags or variables, 3 stopped by a signal.`

func main() {
	fs := flag.CommandLine
	real := fs.Bool("real", false, "run the jobs against Honor (the variables below); without it, the demo against an in-process fake")
	c := &realConfig{}
	fs.StringVar(&c.state, "state", jobkit.DefaultStatePath(), "with -real: the SQLite file holding the state (created 0600 when missing)")
	fs.DurationVar(&c.since, "since", 24*time.Hour, "with -real and no checkpoint yet: how far back the first poll reads; ignored once a checkpoint exists")
	fs.BoolVar(&c.dryRun, "dry-run", false, "with -real: read and print what would be kept, sent or uploaded; write nothing to Honor or the state file")
	fs.StringVar(&c.jobs, "jobs", "tables,orders,feedback", "with -real: the jobs, in this order, from tables (商品/客户信息同步), orders (获取订单), feedback (出库信息反馈), psi (the nightly PSI upload), reupload (补传)")
	fs.StringVar(&c.erp, "erp", "", "with -real: a JSON file with the host's goods, customers, choices, warehouse, PSI settings and outbounds (see Host)")
	fs.StringVar(&c.day, "day", "", "with -jobs psi: the batch day, yyyy-mm-dd; default the previous day")
	fs.BoolVar(&c.once, "once", true, "with -real: run the jobs once and exit; -once=false repeats them every -every until a signal")
	fs.DurationVar(&c.every, "every", 5*time.Minute, "with -once=false: how often the jobs run")
	fs.StringVar(&c.progress, "progress", "auto", "progress: auto (a live line on a terminal, slog lines otherwise), line, log or off")
	jobkit.Usage(fs, summary, vars)
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if !*real {
		f, err := demo(os.Stdout, log)
		if f != nil {
			f.Close()
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	c.out, c.errw, c.terminal = os.Stdout, os.Stderr, jobkit.IsTerminal(os.Stderr)
	os.Exit(runReal(c, log))
}

// realConfig is the real mode's command line.
type realConfig struct {
	state, jobs, erp, day, progress string
	since, every                    time.Duration
	dryRun, once, terminal          bool
	out, errw                       io.Writer
}

// runReal runs the jobs and returns the exit code.
func runReal(c *realConfig, log *slog.Logger) int {
	usage := func(err error) int { fmt.Fprintln(c.errw, err); return jobkit.ExitUsage }
	jobs := strings.Split(c.jobs, ",")
	for _, j := range jobs {
		if !slices.Contains([]string{"tables", "orders", "feedback", "psi", "reupload"}, j) {
			return usage(fmt.Errorf("-jobs: %q is not tables, orders, feedback, psi or reupload", j))
		}
	}
	var day duijie.Date
	if c.day != "" {
		d, err := time.ParseInLocation(time.DateOnly, c.day, duijie.CST())
		if err != nil {
			return usage(fmt.Errorf("-day: %w", err))
		}
		day = psi.DayOf(d)
	}
	host, err := loadHost(c.erp)
	if err != nil {
		return usage(err)
	}
	if host.Warehouse == "" {
		host.Warehouse = os.Getenv("HONOR_WAREHOUSE")
	}
	base, err := jobkit.BaseURL("HONOR_URL", os.Getenv("HONOR_URL"), "")
	if err != nil {
		return usage(err)
	}
	cfg := honor.Config{AppID: os.Getenv("HONOR_APPID"), AppKey: duijie.Secret(os.Getenv("HONOR_APPKEY")),
		ShopNo: os.Getenv("HONOR_SHOP_NO"), ProvinceDistributorID: os.Getenv("HONOR_DISTRIBUTOR_ID")}
	hc, err := honor.NewClient(cfg, duijie.WithBaseURL(base), duijie.WithLogger(log))
	if err != nil {
		return usage(err)
	}
	if err := jobkit.PrepareState(c.state); err != nil {
		return usage(fmt.Errorf("-state: %w", err))
	}
	st, err := sqlite.Open(c.state)
	if err != nil {
		return usage(fmt.Errorf("-state: %w", err))
	}
	defer st.Close()
	stop := jobkit.NewStopper(log)
	defer stop.Close()
	r := &Real{Honor: hc, Host: host, Checkpoints: st.Checkpoints(), Tables: st.Tables(), VFOrders: st.VFOrders(), PSILog: st.PSILog(),
		Start: time.Now().Add(-c.since), Window: honor.DefaultOrderWindow, DryRun: c.dryRun, Out: c.out, Log: log, Stop: stop}
	switch c.progress {
	case "auto", "line", "log":
		r.Progress = jobkit.NewProgress("honor-vf orders", c.progress == "line" || (c.progress == "auto" && c.terminal), c.errw, log)
	case "off":
	default:
		return usage(fmt.Errorf("-progress %q: auto, line, log or off", c.progress))
	}
	ctx := context.Background()
	for {
		r.Problems = nil
		now := time.Now()
		for _, j := range jobs {
			if stop.Stopped() {
				r.problem("job %s left for the next run: stopped", j)
				continue
			}
			switch j {
			case "tables":
				if err := r.SyncTables(ctx); err != nil {
					r.problem("tables: %v", err)
				}
			case "orders":
				rep, err := r.PollOrders(ctx, now)
				if r.Progress != nil {
					r.Progress.Finish()
				}
				rep.print(c.out, "poll", err)
			case "feedback":
				fb := r.SendFeedback(ctx, now)
				fmt.Fprintf(c.out, "feedback: %d sent (%d replayed), not Himall orders: %s\n", fb.Sent, fb.Replayed, strings.Join(fb.NotHimall, ", "))
			case "psi":
				d := day
				if d.IsZero() {
					d = psi.PreviousDay(now)
				}
				r.UploadPSI(ctx, d, now).print(c.out)
			case "reupload":
				r.Reupload(ctx, now)
			}
		}
		if !c.dryRun {
			fmt.Fprintln(c.out, "VF orders kept:")
			if err := r.printStates(ctx); err != nil {
				r.problem("states: %v", err)
			}
		}
		for _, p := range r.Problems {
			fmt.Fprintf(c.out, "  not delivered: %s\n", p)
		}
		if c.once || stop.Stopped() {
			break
		}
		select {
		case <-stop.Done():
		case <-time.After(c.every):
		}
	}
	switch {
	case stop.Stopped():
		return jobkit.ExitInterrupted
	case len(r.Problems) > 0:
		return jobkit.ExitIncomplete
	}
	return jobkit.ExitOK
}

// clock is the demo's time, moved by the script and read by the fake and
// the client.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.now = t }

// demo plays one day of the interface against the fake.
func demo(out io.Writer, log *slog.Logger) (*honortest.Server, error) {
	day := time.Date(2026, 11, 21, 0, 0, 0, 0, duijie.CST())
	clk := &clock{now: day.Add(10 * time.Hour)}
	srv := honortest.NewServer(honortest.WithClock(clk.Now))
	seedHimall(srv, day)
	c, err := honor.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithClock(clk.Now), duijie.WithLogger(log),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 2, WaitMin: time.Millisecond, WaitMax: 5 * time.Millisecond}))
	if err != nil {
		return srv, err
	}
	erp := hostERP()
	jobs := &Jobs{Honor: c, ERP: erp, Checkpoints: &mapping.MemoryCheckpoints{}, Start: day, Log: log}
	ctx := context.Background()

	// 10:00 商品信息同步, 客户信息同步, then the first order poll.
	if err := jobs.SyncTables(ctx); err != nil {
		return srv, err
	}
	printTables(out, erp)
	rep, err := jobs.PollOrders(ctx, clk.Now())
	rep.print(out, "10:00 poll", err)

	// The host maps the new customer; Himall changes VF004's quantity;
	// five minutes later the next poll reads the kept window again, and
	// reports VF004 as a conflict instead of overwriting the wholesale
	// order the ERP already took (it may not be modified).
	erp.CustomerChoices = append(erp.CustomerChoices, mapping.Choice{External: "HC02", ERP: "KH002"})
	if erp.CustomerTable, err = erp.CustomerTable.Choose(mapping.Choice{External: "HC02", ERP: "KH002"}); err != nil {
		return srv, err
	}
	clk.Set(day.Add(10*time.Hour + 2*time.Minute))
	srv.ChangeOrder("VF004", func(o *honor.VFOrder) {
		o.Lines[0].Quantity, o.Lines[0].Amount = duijie.AmountFromInt(3), duijie.AmountFromCents(3*189900)
	})
	clk.Set(day.Add(10*time.Hour + 5*time.Minute))
	rep, err = jobs.PollOrders(ctx, clk.Now())
	rep.print(out, "10:05 poll", err)
	if err != nil {
		return srv, err
	}
	printOrders(out, erp)

	// 15:00 the warehouse saves three outbounds; feedback goes out
	// automatically, for the Himall ones only.
	clk.Set(day.Add(15 * time.Hour))
	shipOrders(erp, clk.Now())
	fb := jobs.SendFeedback(ctx)
	fmt.Fprintf(out, "15:00 feedback: %d sent (%d replayed), not Himall orders: %s\n", fb.Sent, fb.Replayed, strings.Join(fb.NotHimall, ", "))
	for _, f := range fb.Failed {
		fmt.Fprintf(out, "  feedback failed: %s\n", f)
	}

	// 18:00 incentives and fund pool of the month so far.
	clk.Set(day.Add(18 * time.Hour))
	inc, pool, err := jobs.QueryFinance(ctx, duijie.DateOf(day.AddDate(0, 0, -20)), duijie.DateOf(day))
	if err != nil {
		return srv, err
	}
	fmt.Fprintf(out, "18:00 finance: %d incentive row(s), %d fund-pool row(s); balance of %s: %s\n",
		inc, pool, "HC01", erp.FundPool["FP-1121-01"].Balance)

	// 01:30 next night: yesterday's serials go to PSI while Honor's gateway
	// fails the call; the upload is not replayed (it may have arrived), the
	// log keeps the records as sent but not confirmed, and the re-upload
	// (补传) settles them.
	clk.Set(day.Add(25*time.Hour + 30*time.Minute))
	srv.Inject(duijietest.Rule{Fault: honortest.ServerError(), Count: 1,
		Match: func(r *http.Request) bool { return r.URL.Path == srv.Path(honor.OpPSIUpload) }})
	srv.RejectSerial("869000000000903", "3001", "serial is not an Honor unit")
	psiRep := jobs.UploadPSI(ctx, clk.Now())
	psiRep.print(out)
	clk.Set(day.Add(25*time.Hour + 45*time.Minute))
	sent, still := jobs.Reupload(ctx, clk.Now())
	fmt.Fprintf(out, "01:45 re-upload: %d record(s) sent again; still failing: %d\n", sent, len(still))
	for _, s := range still {
		fmt.Fprintf(out, "  %s\n", s)
	}
	fmt.Fprintf(out, "Honor holds %d shipment feedback(s) and %d PSI serial(s)\n", len(srv.Shipments()), len(srv.PSIRecords()))
	return srv, nil
}

// seedHimall fills the fake with what Himall would hold.
func seedHimall(srv *honortest.Server, day time.Time) {
	at := func(h, m int) duijie.Time {
		return duijie.NewTime(day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute))
	}
	srv.AddGoods(
		honor.VFGoodsModel{GoodsCode: "HM-M6", GoodsName: "荣耀Magic6 12+256 雅黑", Model: "Magic6", Brand: "HONOR", Category: "手机", Price: duijie.AmountFromCents(439900), ModifiedTime: at(8, 0)},
		honor.VFGoodsModel{GoodsCode: "HM-X50", GoodsName: "荣耀X50 8+256 燃橙", Model: "X50", Brand: "HONOR", Category: "手机", Price: duijie.AmountFromCents(189900), ModifiedTime: at(8, 0)},
		honor.VFGoodsModel{GoodsCode: "HM-P70", GoodsName: "荣耀平板 9", Model: "Pad9", Brand: "HONOR", Category: "平板", Price: duijie.AmountFromCents(149900), ModifiedTime: at(8, 0)},
	)
	srv.AddCustomers(
		honor.VFCustomer{CustomerCode: "HC01", CustomerName: "深圳华强通讯有限公司", City: "深圳市"},
		honor.VFCustomer{CustomerCode: "HC02", CustomerName: "广州天河数码店", City: "广州市"},
	)
	line := func(no, goods string, qty int64, cents int64) honor.VFOrderLine {
		return honor.VFOrderLine{LineNo: no, GoodsCode: goods, Quantity: duijie.AmountFromInt(qty), Price: duijie.AmountFromCents(cents), Amount: duijie.AmountFromCents(qty * cents)}
	}
	srv.AddOrder(honor.VFOrder{OrderNo: "VF001", CustomerCode: "HC01", ModifiedTime: at(9, 10), Lines: []honor.VFOrderLine{line("1", "HM-M6", 2, 439900), line("2", "HM-X50", 1, 189900)}})
	srv.AddOrder(honor.VFOrder{OrderNo: "VF002", CustomerCode: "HC01", ModifiedTime: at(9, 20), Lines: []honor.VFOrderLine{line("1", "HM-M6", 1, 439900), line("2", "HM-P70", 1, 149900)}})
	srv.AddOrder(honor.VFOrder{OrderNo: "VF003", CustomerCode: "HC02", ModifiedTime: at(9, 30), Lines: []honor.VFOrderLine{line("1", "HM-X50", 2, 189900)}})
	srv.AddOrder(honor.VFOrder{OrderNo: "VF004", CustomerCode: "HC01", ModifiedTime: at(9, 40), Lines: []honor.VFOrderLine{line("1", "HM-X50", 1, 189900)}})
	for i, d := range []int{3, 10, 21} {
		date := duijie.DateOf(day.AddDate(0, 0, d-21))
		srv.AddIncentives(honor.VFIncentive{IncentiveNo: fmt.Sprintf("INC-%02d", i+1), CustomerCode: "HC01", PolicyName: "11月激活奖励",
			ChangeType: "grant", ChangeDate: date, Amount: duijie.AmountFromInt(500), Balance: duijie.AmountFromInt(int64(500 * (i + 1)))})
	}
	srv.AddFundPoolEntries(
		honor.VFFundPoolEntry{EntryNo: "FP-1101-01", CustomerCode: "HC01", ChangeType: "deposit", ChangeDate: duijie.DateOf(day.AddDate(0, 0, -20)), Amount: duijie.AmountFromInt(20000), Balance: duijie.AmountFromInt(20000)},
		honor.VFFundPoolEntry{EntryNo: "FP-1121-01", CustomerCode: "HC01", ChangeType: "order payment", ChangeDate: duijie.DateOf(day), OrderNo: "VF001", Amount: duijie.AmountFromCents(-1069700), Balance: duijie.AmountFromCents(930300)},
	)
}

// hostERP is the host with its goods, customers and settings.
func hostERP() *ERP {
	erp := NewERP()
	erp.Goods = []Goods{
		{Item: mapping.Item{Code: "SP001", Name: "荣耀Magic6 12+256 黑", Mnemonic: "RYMG6"}, Brand: "HONOR", Category: "PHONE"},
		{Item: mapping.Item{Code: "SP002", Name: "荣耀X50 8+256 橙", Mnemonic: "RYX50"}, Brand: "HONOR", Category: "PHONE"},
	}
	erp.Customers = []mapping.Item{{Code: "KH001", Name: "华强通讯"}, {Code: "KH002", Name: "天河数码"}, {Code: "KH100", Name: "门店零售"}}
	erp.GoodsChoices = []mapping.Choice{{External: "HM-M6", ERP: "SP001"}, {External: "HM-X50", ERP: "SP002"}}
	erp.CustomerChoices = []mapping.Choice{{External: "HC01", ERP: "KH001"}}
	erp.Warehouse, erp.AutoFeedback = "CK01", true
	erp.PSI = psi.Config{Warehouses: []string{"CK01"}, Suppliers: []string{"GYS01"}, Customers: []string{"KH100"}, Brands: []string{"HONOR"}, Categories: []string{"PHONE"}}
	return erp
}

// shipOrders saves the outbounds of VF001 and VF003, and of a local order.
func shipOrders(erp *ERP, at time.Time) {
	serials := func(from, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("8690000000%05d", from+i)
		}
		return out
	}
	for _, no := range []string{"VF001", "VF003"} {
		wo := erp.Orders[no]
		ob := &Outbound{No: "PF" + strings.TrimPrefix(no, "VF"), Origin: wo.Origin, OrderNo: no, Time: at, Warehouse: wo.Warehouse, CustomerCode: wo.Customer}
		for i, l := range wo.Lines {
			ob.Lines = append(ob.Lines, OutboundLine{HimallGoods: l.ExternalGoods, Goods: l.Goods, Serials: serials(len(erp.Outbounds)*100+i*10+1, int(l.Quantity.Decimal().IntPart()))})
		}
		erp.Outbounds = append(erp.Outbounds, ob)
	}
	// A local order: PSI takes its enabled lines, Himall gets no feedback.
	erp.Outbounds = append(erp.Outbounds, &Outbound{No: "PF900", Time: at, Warehouse: "CK01", Supplier: "GYS01", CustomerCode: "KH100",
		Lines: []OutboundLine{{HimallGoods: "HM-X50", Goods: "SP002", Serials: []string{"869000000000901", "869000000000903"}},
			{HimallGoods: "HM-X50", Goods: "SP002"}}})
}
