package jobkit

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
	"github.com/duijie/duijie/store/sqlite"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// WDTKingdeeVars are the environment variables of a job that reads
// Wangdiantong and saves into Kingdee, in its real mode.
func WDTKingdeeVars() []Var {
	return []Var{
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
		{StateEnv, "the state file when -state is not given"},
	}
}

// WDTKingdee is the command line every job from Wangdiantong into Kingdee
// shares: the mode, the state file, the first run's reach, the WDT route,
// page, batch and quota, and the progress display.
type WDTKingdee struct {
	// Name is the program's name.
	Name             string
	Real, DryRun     bool
	State, Route     string
	QimenSign        string
	Since            time.Duration
	PageSize, Batch  int
	Rate             int
	Progress         string
	Out, Err         io.Writer
	StderrIsTerminal bool

	maxPageSize int
}

// NewWDTKingdee declares the shared flags on fs; maxPageSize is the WDT
// listing's largest page, bill names the documents saved.
func NewWDTKingdee(fs *flag.FlagSet, name, bill string, maxPageSize int) *WDTKingdee {
	c := &WDTKingdee{Name: name, maxPageSize: maxPageSize}
	fs.BoolVar(&c.Real, "real", false, "run as a job against WDT and Kingdee (the variables below); without it, the demo against in-process fakes")
	fs.StringVar(&c.State, "state", DefaultStatePath(), "with -real: the SQLite file holding the checkpoint (created 0600 when missing)")
	fs.DurationVar(&c.Since, "since", 24*time.Hour, "with -real and no checkpoint yet: how far back the first run reads; ignored once a checkpoint exists")
	fs.BoolVar(&c.DryRun, "dry-run", false, "with -real: read, convert and print the bills that would be saved; write nothing to Kingdee or the state file")
	fs.StringVar(&c.Route, "route", "openapi", "with -real: how WDT is read: openapi (openapi2, WDT_APPKEY) or qimen (the Qimen gateway, QIMEN_APPKEY)")
	fs.StringVar(&c.QimenSign, "qimen-sign", string(wangdiantong.SignMD5), "with -route qimen: the sign method: md5, hmac or hmac-sha256")
	fs.IntVar(&c.PageSize, "page-size", maxPageSize, fmt.Sprintf("documents per page, at most %d", maxPageSize))
	fs.IntVar(&c.Batch, "batch", DefaultBatch, fmt.Sprintf("%s per Kingdee BatchSave, at most %d", bill, kingdee.MaxBatchSave))
	fs.IntVar(&c.Rate, "rate", wangdiantong.DefaultCallsPerMinute, "WDT calls a minute (the vendor's quota)")
	fs.StringVar(&c.Progress, "progress", "auto", "progress: auto (a live line on a terminal, slog lines otherwise), line, log or off")
	return c
}

// check refuses a page size, batch or rate out of range.
func (c *WDTKingdee) check() error {
	switch {
	case c.PageSize < 1 || c.PageSize > c.maxPageSize:
		return fmt.Errorf("-page-size %d: 1 to %d", c.PageSize, c.maxPageSize)
	case c.Batch < 1 || c.Batch > kingdee.MaxBatchSave:
		return fmt.Errorf("-batch %d: 1 to %d", c.Batch, kingdee.MaxBatchSave)
	case c.Rate < 1:
		return fmt.Errorf("-rate %d: at least 1", c.Rate)
	}
	return nil
}

// Clients makes the WDT client of the chosen route and the Kingdee client
// from the environment.
func (c *WDTKingdee) Clients(log *slog.Logger) (*wangdiantong.Client, *kingdee.Client, error) {
	wdt, err := c.wdtClient(log)
	if err != nil {
		return nil, nil, err
	}
	kdURL, err := BaseURL("KINGDEE_URL", os.Getenv("KINGDEE_URL"), "/k3cloud")
	if err != nil {
		return nil, nil, err
	}
	kd, err := kingdee.NewClient(kingdee.Config{ServerURL: kdURL, AcctID: os.Getenv("KINGDEE_ACCTID"),
		UserName: os.Getenv("KINGDEE_USER"), AppID: os.Getenv("KINGDEE_APPID"), AppSecret: duijie.Secret(os.Getenv("KINGDEE_APPSECRET"))},
		duijie.WithLogger(log))
	if err != nil {
		return nil, nil, err
	}
	return wdt, kd, nil
}

// wdtClient makes the WDT client of the chosen route.
func (c *WDTKingdee) wdtClient(log *slog.Logger) (*wangdiantong.Client, error) {
	cfg := wangdiantong.Config{SID: os.Getenv("WDT_SID")}
	raw := os.Getenv("WDT_URL")
	var base string
	var err error
	switch c.Route {
	case "openapi":
		cfg.AppKey, cfg.AppSecret = os.Getenv("WDT_APPKEY"), duijie.Secret(os.Getenv("WDT_APPSECRET"))
		if raw == "" {
			raw = wangdiantong.ProductionURL
		}
		base, err = BaseURL("WDT_URL", raw, "/openapi2")
	case "qimen":
		cfg.Route = wangdiantong.RouteQimen
		cfg.Qimen = wangdiantong.QimenConfig{AppKey: os.Getenv("QIMEN_APPKEY"), AppSecret: duijie.Secret(os.Getenv("QIMEN_SECRET")),
			TargetAppKey: os.Getenv("QIMEN_TARGET_APPKEY"), SignMethod: wangdiantong.SignMethod(c.QimenSign)}
		if raw == "" {
			raw = wangdiantong.QimenURL
		}
		base, err = BaseURL("WDT_URL", raw, "/router/qm", "/router/qmtest")
	default:
		return nil, fmt.Errorf("-route %q: openapi or qimen", c.Route)
	}
	if err != nil {
		return nil, err
	}
	return wangdiantong.NewClient(cfg, duijie.WithBaseURL(base), duijie.WithLogger(log),
		duijie.WithRateLimit(duijie.Limit{Events: c.Rate, Per: time.Minute}))
}

// RunWDTKingdee runs a job from Wangdiantong into Kingdee once, as a
// scheduler runs it, and returns the exit code: it checks the command line,
// makes the clients and the job (newJob, which refuses a wrong choice),
// opens the state file, and runs from its checkpoint to now with the
// progress display and the stop on SIGINT or SIGTERM.
func RunWDTKingdee[R, B any](c *WDTKingdee, log *slog.Logger, newJob func(*wangdiantong.Client, *kingdee.Client) (*BillJob[R, B], error)) int {
	usage := func(err error) int { fmt.Fprintln(c.Err, err); return ExitUsage }
	if err := c.check(); err != nil {
		return usage(err)
	}
	wdt, kd, err := c.Clients(log)
	if err != nil {
		return usage(err)
	}
	job, err := newJob(wdt, kd)
	if err != nil {
		return usage(err)
	}
	if err := PrepareState(c.State); err != nil {
		return usage(fmt.Errorf("-state: %w", err))
	}
	st, err := sqlite.Open(c.State)
	if err != nil {
		return usage(fmt.Errorf("-state: %w", err))
	}
	defer st.Close()

	stop := NewStopper(log)
	defer stop.Close()
	job.Checkpoints, job.Start, job.Log = st.Checkpoints(), time.Now().Add(-c.Since), log
	job.PageSize, job.Batch, job.DryRun, job.Out, job.Stop = c.PageSize, c.Batch, c.DryRun, c.Out, stop
	switch live := c.StderrIsTerminal; c.Progress {
	case "auto":
		job.Progress = NewProgress(c.Name, live, c.Err, log)
	case "line", "log":
		job.Progress = NewProgress(c.Name, c.Progress == "line", c.Err, log)
	case "off":
	default:
		return usage(fmt.Errorf("-progress %q: auto, line, log or off", c.Progress))
	}
	sum, err := job.Run(context.Background(), time.Now())
	if job.Progress != nil {
		job.Progress.Finish()
	}
	sum.Print(c.Out, "run", err)
	switch {
	case sum.Interrupted:
		return ExitInterrupted
	case err != nil || sum.Incomplete():
		return ExitIncomplete
	}
	return ExitOK
}

// IdentityLookup maps every code to itself, for hosts whose codes agree in
// both systems; a blank code maps to nothing.
type IdentityLookup struct{}

// Lookup returns code, unless it is blank.
func (IdentityLookup) Lookup(code string) (string, bool) { return code, strings.TrimSpace(code) != "" }

// SaleOrg is the Kingdee sales organisation: org when given, else
// $KINGDEE_ORG, else 100.
func SaleOrg(org string) string {
	if org != "" {
		return org
	}
	if v := os.Getenv("KINGDEE_ORG"); v != "" {
		return v
	}
	return "100"
}

// Operation returns the row of rows whose Wire is wire, or the zero row.
func Operation(rows []duijie.Operation, wire string) duijie.Operation {
	for _, op := range rows {
		if op.Wire == wire {
			return op
		}
	}
	return duijie.Operation{}
}

// Fakes are the in-process WDT and Kingdee a demo runs against.
type Fakes struct {
	WDT *wangdiantongtest.Server
	KD  *kingdeetest.Server
}

// NewFakes starts both fakes.
func NewFakes() *Fakes {
	return &Fakes{WDT: wangdiantongtest.NewServer(), KD: kingdeetest.NewServer()}
}

// Close stops both fakes.
func (f *Fakes) Close() { f.WDT.Close(); f.KD.Close() }

// MainWDTKingdee is the main of a job from WDT into Kingdee, once its flags
// are parsed: without -real the demo against the fakes, with it one real
// run (RunWDTKingdee); it exits with the run's code.
func MainWDTKingdee[R, B any](c *WDTKingdee, demo func(io.Writer, *slog.Logger) (*Fakes, error),
	newJob func(*wangdiantong.Client, *kingdee.Client) (*BillJob[R, B], error)) {
	c.Out, c.Err, c.StderrIsTerminal = os.Stdout, os.Stderr, IsTerminal(os.Stderr)
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if !c.Real {
		f, err := demo(os.Stdout, log)
		f.Close()
		if err != nil {
			os.Exit(ExitIncomplete)
		}
		return
	}
	os.Exit(RunWDTKingdee(c, log, newJob))
}
