package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/store/examples/internal/jobkit"
	"github.com/duijie/duijie/store/sqlite"
	"github.com/duijie/duijie/yihua"
)

// flow names this job's documents in the state file.
const flow = "shop-yihua"

// serviceRoute is the route Yihua's base URL may be given with.
const serviceRoute = "/Mall/Erp/ErpService.svc"

var envVars = []jobkit.Var{
	{"YIHUA_URL", "the ERP's endpoint root, e.g. " + yihua.ProductionURL + " (with or without " + serviceRoute + "[/" + yihua.MethodTradeTransferToErp + "])"},
	{"YIHUA_PLATFORM_ID", "the YHDT number (PlatformID) Yihua gave the shop"},
	{"YIHUA_TOKEN", "the interface token (UserAccessToken); never printed"},
	{"YIHUA_UID", "the Yihua cloud user the orders belong to (UID)"},
	{jobkit.StateEnv, "the state file's path when -state is not given"},
}

func main() {
	real := flag.Bool("real", false, "run once against the real Yihua ERP (YIHUA_* variables)")
	productsFile := flag.String("products", "", "with -real: a file of SKU,yhProductID lines, the Yihua product of each SKU (required)")
	state := flag.String("state", jobkit.DefaultStatePath(), "with -real: the state file (SQLite) that records what was sent")
	dryRun := flag.Bool("dry-run", false, "with -real: print what would be sent; send and store nothing")
	lookup := flag.String("lookup", "", "with -real: a command that looks a document up in the ERP, run with the document number appended;\n"+
		"it prints Yihua's order number and exits 0 when the ERP has it, exits 1 when it has not (the document is sent again);\n"+
		"anything else leaves the document uncertain")
	jobkit.Usage(flag.CommandLine, `Usage: shop-yihua [flags]

Without -real, runs a demo against the in-process Yihua fake.
With -real, sends the shop's paid orders and returns to the Yihua ERP once,
never twice: what was sent is kept in the state file.`, envVars)
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if !*real {
		srv, _, err := demo(os.Stdout, log)
		srv.Close()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	products, err := loadProducts(*productsFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(jobkit.ExitUsage)
	}
	stop := jobkit.NewStopper(log)
	defer stop.Close()
	job := &Job{Products: products, StatePath: *state, DryRun: *dryRun, Lookup: strings.Fields(*lookup),
		Out: os.Stdout, Log: log, Live: jobkit.IsTerminal(os.Stderr), Stop: stop}
	os.Exit(job.Run(context.Background()))
}

// Job is one run of the real mode.
type Job struct {
	Products  mapping.Lookup
	StatePath string
	DryRun    bool
	// Lookup is the lookup command and its first arguments.
	Lookup []string
	Out    io.Writer
	Log    *slog.Logger
	Live   bool // progress as a live line on stderr
	Stop   *jobkit.Stopper
}

// baseURL returns YIHUA_URL without its route, or says what is wrong.
func baseURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", fmt.Errorf("YIHUA_URL is not set: give the ERP's endpoint root, e.g. %s", yihua.ProductionURL)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("YIHUA_URL=%q is not an http(s) URL with a host, e.g. %s", raw, yihua.ProductionURL)
	}
	p := strings.TrimRight(u.Path, "/")
	p = strings.TrimSuffix(p, "/"+yihua.MethodTradeTransferToErp)
	p = strings.TrimSuffix(p, serviceRoute)
	if p != "" {
		return "", fmt.Errorf("YIHUA_URL=%q: its path must be empty or %s; remove %q", raw, serviceRoute, p)
	}
	u.Path, u.RawQuery = "", ""
	return u.String(), nil
}

// Run sends the shop's documents and returns the exit status.
func (j *Job) Run(ctx context.Context) int {
	base, err := baseURL(os.Getenv("YIHUA_URL"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return jobkit.ExitUsage
	}
	c, err := yihua.NewClient(yihua.Config{PlatformID: os.Getenv("YIHUA_PLATFORM_ID"), UserAccessToken: duijie.Secret(os.Getenv("YIHUA_TOKEN")),
		UID: os.Getenv("YIHUA_UID")}, duijie.WithBaseURL(base), duijie.WithLogger(j.Log))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return jobkit.ExitUsage
	}
	var docs Documents = noDocuments{}
	if _, statErr := os.Stat(j.StatePath); !j.DryRun || statErr == nil {
		if err := jobkit.PrepareState(j.StatePath); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return jobkit.ExitUsage
		}
		st, err := sqlite.Open(j.StatePath)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return jobkit.ExitUsage
		}
		defer st.Close()
		docs = st.Documents()
	}
	s := &Sender{Yihua: c, Options: mapping.YihuaOptions{TradeSource: yihua.TradeSourceWeChat, Products: j.Products}, Log: j.Log}
	all := shopDocs()
	rep, err := j.deliver(ctx, s, docs, all)
	rep.print(j.Out, "run")
	if err != nil {
		fmt.Fprintln(os.Stderr, "stopped:", err)
		return jobkit.ExitIncomplete
	}
	if err := rep.err(len(all)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		if j.Stop.Stopped() {
			return jobkit.ExitInterrupted
		}
		return jobkit.ExitIncomplete
	}
	return jobkit.ExitOK
}

// Documents is the part of the state file the job uses.
type Documents interface {
	Get(ctx context.Context, flow, no string) (sqlite.Document, bool, error)
	Put(ctx context.Context, doc sqlite.Document) error
}

// noDocuments is the state of a dry run without a state file.
type noDocuments struct{}

func (noDocuments) Get(context.Context, string, string) (sqlite.Document, bool, error) {
	return sqlite.Document{}, false, nil
}
func (noDocuments) Put(context.Context, sqlite.Document) error { return nil }

// deliver settles and sends each document, recording every step. It stops
// between documents when asked to; the documents not reached are listed
// as left.
func (j *Job) deliver(ctx context.Context, s *Sender, docs Documents, all []*Doc) (*Report, error) {
	rep := &Report{}
	prog := jobkit.NewProgress(flow, j.Live, os.Stderr, j.Log)
	defer prog.Finish()
	prog.Windows(1)
	prog.Found(len(all))
	put := func(d *Doc, rec sqlite.Document) error {
		if j.DryRun {
			return nil
		}
		rec.Flow, rec.No, rec.UpdatedAt = flow, d.OrderNo, time.Now()
		return docs.Put(ctx, rec)
	}
	for i, d := range all {
		if j.Stop.Stopped() {
			for _, left := range all[i:] {
				rep.Left = append(rep.Left, left.OrderNo+": not reached before the stop signal")
			}
			break
		}
		errsBefore := len(rep.Failed) + len(rep.Uncertain)
		rec, known, err := docs.Get(ctx, flow, d.OrderNo)
		if err != nil {
			return rep, err
		}
		switch {
		case known && rec.Status == sqlite.DocDelivered:
			d.ERPNo = rec.Ref
			rep.Already++
		case known && (rec.Status == sqlite.DocSending || rec.Status == sqlite.DocUncertain):
			no, found, why := j.lookup(ctx, d.OrderNo)
			switch {
			case found:
				d.ERPNo = no
				rep.Found++
				rec.Status, rec.Ref, rec.Message = sqlite.DocDelivered, no, ""
				err = put(d, rec)
			case why != "":
				rep.Uncertain = append(rep.Uncertain, d.OrderNo+": "+why)
				if rec.Status == sqlite.DocSending {
					rec.Status, rec.Message = sqlite.DocUncertain, "the send was cut off before its answer"
					err = put(d, rec)
				}
			default:
				err = j.send(ctx, s, d, rec, put, rep) // looked up: not in the ERP
			}
		case !d.Return && d.Status != mapping.ShopPaid:
			rep.Skipped++
		default:
			err = j.send(ctx, s, d, rec, put, rep)
		}
		if err != nil {
			return rep, err
		}
		prog.Done(1, len(rep.Failed)+len(rep.Uncertain)-errsBefore)
	}
	prog.WindowDone()
	j.Log.Info("run", "sent", rep.Sent, "found", rep.Found, "already", rep.Already, "failed", len(rep.Failed),
		"uncertain", len(rep.Uncertain), "left", len(rep.Left))
	return rep, nil
}

// send records the send, makes it and records its outcome.
func (j *Job) send(ctx context.Context, s *Sender, d *Doc, rec sqlite.Document, put func(*Doc, sqlite.Document) error, rep *Report) error {
	if j.DryRun {
		kind := "order"
		if d.Return {
			kind = "return"
		}
		rep.WouldSend = append(rep.WouldSend, fmt.Sprintf("%s %s (%d line(s), paid %s)", kind, d.OrderNo, len(d.Lines), d.Paid))
		return nil
	}
	rec.Status, rec.Attempts = sqlite.DocSending, rec.Attempts+1
	if err := put(d, rec); err != nil {
		return err
	}
	s.send(ctx, d, rep)
	switch {
	case d.ERPNo != "":
		rec.Status, rec.Ref, rec.Message = sqlite.DocDelivered, d.ERPNo, ""
	case d.Uncertain:
		rec.Status, rec.Message = sqlite.DocUncertain, d.Problem
	default:
		rec.Status, rec.Message = sqlite.DocFailed, d.Problem
	}
	// The outcome is recorded even when the run is being stopped.
	return put(d, rec)
}

// lookup asks the -lookup command about document no. It returns Yihua's
// order number and true when the ERP has it; false and no reason when it
// surely has not; otherwise the reason it stays uncertain.
func (j *Job) lookup(ctx context.Context, no string) (string, bool, string) {
	if len(j.Lookup) == 0 {
		return "", false, "sent before without an answer; check the ERP (or give -lookup) before sending it again"
	}
	cmd := exec.CommandContext(ctx, j.Lookup[0], append(j.Lookup[1:], no)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil && strings.TrimSpace(out.String()) != "":
		return strings.TrimSpace(out.String()), true, ""
	case errors.As(err, &ee) && ee.ExitCode() == 1 && strings.TrimSpace(out.String()) == "":
		return "", false, ""
	case err == nil:
		return "", false, "the lookup printed no order number"
	default:
		return "", false, fmt.Sprintf("the lookup failed: %v %s", err, strings.TrimSpace(errOut.String()))
	}
}

// err says how many documents were not delivered and why, or nil.
func (r *Report) err(total int) error {
	if len(r.Failed) == 0 && len(r.Uncertain) == 0 && len(r.Left) == 0 {
		return nil
	}
	msg := fmt.Sprintf("%d of %d document(s) not delivered: %d failed, %d uncertain",
		len(r.Failed)+len(r.Uncertain)+len(r.Left), total, len(r.Failed), len(r.Uncertain))
	if len(r.Left) > 0 {
		msg += fmt.Sprintf(", %d left for the next run", len(r.Left))
	}
	return errors.New(msg)
}
