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
// it, and the second run finishes the job.
//
// With -real it is a job for a scheduler. It reads WDT directly (openapi2)
// or through Qimen (-route qimen, -qimen-sign md5|hmac|hmac-sha256), and
// keeps its checkpoint in a SQLite file (-state): a run resumes where the
// last one stopped, and -since only places the very first run. A catch-up
// reads the vendor's largest window (30 days) at the largest page size
// (100) and the vendor's quota. -dry-run prints the bills it would save and
// writes nothing, not even the checkpoint. SIGINT or SIGTERM lets the batch
// in flight finish, saves the checkpoint of the windows done and prints the
// summary. Progress is a live line on a terminal, slog lines otherwise.
// The exit code is 0 when every stock-in reached Kingdee, 1 when any failed
// or was left for the next run (the summary lists which and why), 2 for a
// wrong flag or variable, 3 when stopped by a signal. -h lists every flag
// and variable.
//
// Environment (read with -real):
//
//   - WDT_URL: the WDT base URL, ending with /openapi2 for -route openapi
//     (default https://api.wangdian.cn/openapi2) or /router/qm for -route
//     qimen (default the 旺店通·企业奇门 gateway); a URL with only the host
//     gets the suffix.
//   - WDT_SID: the WDT seller account (卖家账号, sid), on both routes.
//   - WDT_APPKEY: the openapi2 interface account's app key (-route openapi).
//   - WDT_APPSECRET: the openapi2 interface account's app secret (-route
//     openapi); never printed.
//   - QIMEN_APPKEY: the Taobao Qimen app key (-route qimen).
//   - QIMEN_SECRET: the Qimen app secret (-route qimen); never printed.
//   - QIMEN_TARGET_APPKEY: Wangdiantong's app on Qimen (-route qimen);
//     default 21363512.
//   - KINGDEE_URL: the Kingdee site root, ending with /k3cloud; a URL with
//     only the host gets /k3cloud; required.
//   - KINGDEE_ACCTID: the Kingdee data centre id (账套).
//   - KINGDEE_USER: the Kingdee user the bills are saved as.
//   - KINGDEE_APPID: the Kingdee third-party app's AppID (第三方系统登录授权).
//   - KINGDEE_APPSECRET: that app's AppSecret; never printed.
//   - KINGDEE_ORG: the sales organisation code (FSaleOrgId) when -org is not
//     given; default 100.
//   - DUIJIE_STATE: the state file's path when -state is not given (otherwise
//     duijie/state.db in the user's configuration directory).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/store/examples/internal/jobkit"
	"github.com/duijie/duijie/store/sqlite"
	"github.com/duijie/duijie/wangdiantong"
)

// vars are the environment variables of the real mode.
var vars = []jobkit.Var{
	{"WDT_URL", "the WDT base URL; with -route openapi it ends with /openapi2 (default " + wangdiantong.ProductionURL +
		"), with -route qimen with /router/qm (default " + wangdiantong.QimenURL + "); a URL with only the host gets the suffix"},
	{"WDT_SID", "the WDT seller account (卖家账号, sid), on both routes"},
	{"WDT_APPKEY, WDT_APPSECRET", "the openapi2 interface account (-route openapi)"},
	{"QIMEN_APPKEY, QIMEN_SECRET", "the Taobao Qimen app (-route qimen)"},
	{"QIMEN_TARGET_APPKEY", "Wangdiantong's app on Qimen (-route qimen); default " + wangdiantong.DefaultTargetAppKey},
	{"KINGDEE_URL", "the Kingdee site root, ending with /k3cloud; a URL with only the host gets /k3cloud"},
	{"KINGDEE_ACCTID, KINGDEE_USER", "the Kingdee data centre id (账套) and the user the bills are saved as"},
	{"KINGDEE_APPID, KINGDEE_APPSECRET", "the Kingdee third-party app (第三方系统登录授权)"},
	{"KINGDEE_ORG", "the sales organisation code when -org is not given; default 100"},
	{jobkit.StateEnv, "the state file when -state is not given"},
}

const summary = `wdt-refund-to-kingdee: WDT refund stock-ins into Kingdee sales returns.

Without -real it plays a demo against in-process fakes. With -real it runs once
against WDT and Kingdee, from the checkpoint in the state file (or -since ago on
the very first run) to now. Exit codes: 0 all delivered, 1 some stock-in failed
or was left for the next run (the summary says which and why), 2 wrong flags or
variables, 3 stopped by SIGINT or SIGTERM.`

// config is the command line.
type config struct {
	real, dryRun     bool
	state, route     string
	qimenSign        string
	since            time.Duration
	pageSize, batch  int
	rate             int
	progress         string
	picked           *choices
	out, errw        io.Writer
	stderrIsTerminal bool
}

func newFlags(fs *flag.FlagSet) *config {
	c := &config{}
	fs.BoolVar(&c.real, "real", false, "run as a job against WDT and Kingdee (the variables below); without it, the demo against in-process fakes")
	fs.StringVar(&c.state, "state", jobkit.DefaultStatePath(), "with -real: the SQLite file holding the checkpoint (created 0600 when missing)")
	fs.DurationVar(&c.since, "since", 24*time.Hour, "with -real and no checkpoint yet: how far back the first run reads; ignored once a checkpoint exists")
	fs.BoolVar(&c.dryRun, "dry-run", false, "with -real: read, convert and print the bills that would be saved; write nothing to Kingdee or the state file")
	fs.StringVar(&c.route, "route", "openapi", "with -real: how WDT is read: openapi (openapi2, WDT_APPKEY) or qimen (the Qimen gateway, QIMEN_APPKEY)")
	fs.StringVar(&c.qimenSign, "qimen-sign", string(wangdiantong.SignMD5), "with -route qimen: the sign method: md5, hmac or hmac-sha256")
	fs.IntVar(&c.pageSize, "page-size", refundStockinOp().MaxPageSize, "stock-ins per page, at most 100")
	fs.IntVar(&c.batch, "batch", jobkit.DefaultBatch, fmt.Sprintf("sales returns per Kingdee BatchSave, at most %d", kingdee.MaxBatchSave))
	fs.IntVar(&c.rate, "rate", wangdiantong.DefaultCallsPerMinute, "WDT calls a minute (the vendor's quota)")
	fs.StringVar(&c.progress, "progress", "auto", "progress: auto (a live line on a terminal, slog lines otherwise), line, log or off")
	c.picked = addChoiceFlags(fs)
	jobkit.Usage(fs, summary, vars)
	return c
}

func main() {
	c := newFlags(flag.CommandLine)
	flag.Parse()
	c.out, c.errw, c.stderrIsTerminal = os.Stdout, os.Stderr, jobkit.IsTerminal(os.Stderr)
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if !c.real {
		f, err := demo(os.Stdout, log)
		f.Close()
		if err != nil {
			os.Exit(jobkit.ExitIncomplete)
		}
		return
	}
	os.Exit(runReal(c, log))
}

// runReal runs the job once and returns the exit code.
func runReal(c *config, log *slog.Logger) int {
	usage := func(err error) int { fmt.Fprintln(c.errw, err); return jobkit.ExitUsage }
	conv, err := realConverter(c.picked)
	if err != nil {
		return usage(err)
	}
	if c.pageSize < 1 || c.pageSize > refundStockinOp().MaxPageSize {
		return usage(fmt.Errorf("-page-size %d: 1 to %d", c.pageSize, refundStockinOp().MaxPageSize))
	}
	if c.batch < 1 || c.batch > kingdee.MaxBatchSave {
		return usage(fmt.Errorf("-batch %d: 1 to %d", c.batch, kingdee.MaxBatchSave))
	}
	if c.rate < 1 {
		return usage(fmt.Errorf("-rate %d: at least 1", c.rate))
	}
	wdt, err := wdtClient(c, log)
	if err != nil {
		return usage(err)
	}
	kdURL, err := jobkit.BaseURL("KINGDEE_URL", os.Getenv("KINGDEE_URL"), "/k3cloud")
	if err != nil {
		return usage(err)
	}
	kd, err := kingdee.NewClient(kingdee.Config{ServerURL: kdURL, AcctID: os.Getenv("KINGDEE_ACCTID"),
		UserName: os.Getenv("KINGDEE_USER"), AppID: os.Getenv("KINGDEE_APPID"), AppSecret: duijie.Secret(os.Getenv("KINGDEE_APPSECRET"))},
		duijie.WithLogger(log))
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
	job := newJob(wdt, kd, conv)
	job.Checkpoints, job.Start, job.Log = st.Checkpoints(), time.Now().Add(-c.since), log
	job.PageSize, job.Batch, job.DryRun, job.Out, job.Stop = c.pageSize, c.batch, c.dryRun, c.out, stop
	switch live := c.stderrIsTerminal; c.progress {
	case "auto":
		job.Progress = jobkit.NewProgress("wdt-refund-to-kingdee", live, c.errw, log)
	case "line", "log":
		job.Progress = jobkit.NewProgress("wdt-refund-to-kingdee", c.progress == "line", c.errw, log)
	case "off":
	default:
		return usage(fmt.Errorf("-progress %q: auto, line, log or off", c.progress))
	}
	sum, err := job.Run(context.Background(), time.Now())
	if job.Progress != nil {
		job.Progress.Finish()
	}
	sum.Print(c.out, "run", err)
	switch {
	case sum.Interrupted:
		return jobkit.ExitInterrupted
	case err != nil || sum.Incomplete():
		return jobkit.ExitIncomplete
	}
	return jobkit.ExitOK
}

// wdtClient makes the WDT client of the chosen route.
func wdtClient(c *config, log *slog.Logger) (*wangdiantong.Client, error) {
	cfg := wangdiantong.Config{SID: os.Getenv("WDT_SID")}
	raw := os.Getenv("WDT_URL")
	var base string
	var err error
	switch c.route {
	case "openapi":
		cfg.AppKey, cfg.AppSecret = os.Getenv("WDT_APPKEY"), duijie.Secret(os.Getenv("WDT_APPSECRET"))
		if raw == "" {
			raw = wangdiantong.ProductionURL
		}
		base, err = jobkit.BaseURL("WDT_URL", raw, "/openapi2")
	case "qimen":
		cfg.Route = wangdiantong.RouteQimen
		cfg.Qimen = wangdiantong.QimenConfig{AppKey: os.Getenv("QIMEN_APPKEY"), AppSecret: duijie.Secret(os.Getenv("QIMEN_SECRET")),
			TargetAppKey: os.Getenv("QIMEN_TARGET_APPKEY"), SignMethod: wangdiantong.SignMethod(c.qimenSign)}
		if raw == "" {
			raw = wangdiantong.QimenURL
		}
		base, err = jobkit.BaseURL("WDT_URL", raw, "/router/qm", "/router/qmtest")
	default:
		return nil, fmt.Errorf("-route %q: openapi or qimen", c.route)
	}
	if err != nil {
		return nil, err
	}
	return wangdiantong.NewClient(cfg, duijie.WithBaseURL(base), duijie.WithLogger(log),
		duijie.WithRateLimit(duijie.Limit{Events: c.rate, Per: time.Minute}))
}
