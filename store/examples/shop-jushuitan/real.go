package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/store/examples/internal/jobkit"
	"github.com/duijie/duijie/store/sqlite"
)

// The flows this job keeps in the state file.
const (
	flowUpload      = "shop-jushuitan-upload"
	flowShipped     = "shop-jushuitan-shipped"
	schemeShipments = "shop-jushuitan-shipments"
)

// Documents is the part of the state file's delivery log the job uses.
type Documents interface {
	Get(ctx context.Context, flow, no string) (sqlite.Document, bool, error)
	Put(ctx context.Context, doc sqlite.Document) error
	List(ctx context.Context, flow string, statuses ...sqlite.DocStatus) ([]sqlite.Document, error)
}

// State is what the real mode keeps between runs.
type State struct {
	Docs        Documents
	Checkpoints mapping.CheckpointStore
	// Policy cuts the shipment sync's windows; Policy.Start is -since.
	Policy mapping.SyncPolicy
}

var envVars = []jobkit.Var{
	{"JST_URL", "the openapi v2 root (default " + jushuitan.ProductionURL + "; sandbox " + jushuitan.SandboxURL + "), with or without /open"},
	{"JST_APP_KEY", "the app key"},
	{"JST_APP_SECRET", "the app secret; never printed"},
	{"JST_ACCESS_TOKEN", "the access token, needed only until the state file holds one (renewed tokens are kept there)"},
	{"JST_SHOP_ID", "the Jushuitan shop (店铺编号) the orders belong to"},
	{jobkit.StateEnv, "the state file's path when -state is not given"},
}

func main() {
	real := flag.Bool("real", false, "run against the real Jushuitan (JST_* variables)")
	once := flag.Bool("once", false, "with -real: one round, then exit")
	every := flag.Duration("every", time.Minute, "with -real: time between rounds")
	state := flag.String("state", jobkit.DefaultStatePath(), "with -real: the state file (SQLite): token, uploads, the shipment checkpoint")
	dryRun := flag.Bool("dry-run", false, "with -real: read, print what would be uploaded, upload and store nothing")
	since := flag.String("since", "", "with -real: where the first shipment sync starts (2006-01-02 or 2006-01-02 15:04:05, China time; default 24 hours ago);\nignored once the state file holds a checkpoint")
	lag := flag.Duration("lag", time.Minute, "with -real: how far behind now the shipment sync stops, for records Jushuitan is still writing")
	jobkit.Usage(flag.CommandLine, `Usage: shop-jushuitan [flags]

Without -real, plays three rounds against the in-process Jushuitan fake.
With -real, syncs the shop's stock, orders and shipments with Jushuitan, keeping
its token, uploads and shipment checkpoint in the state file.`, envVars)
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
	start, err := parseSince(*since, time.Now())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(jobkit.ExitUsage)
	}
	stop := jobkit.NewStopper(log)
	defer stop.Close()
	os.Exit(runReal(stop, os.Stdout, log, realOptions{once: *once, every: *every, state: *state, dryRun: *dryRun, since: start, lag: *lag,
		live: jobkit.IsTerminal(os.Stderr)}))
}

// parseSince reads -since; empty is 24 hours before now.
func parseSince(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return now.Add(-24 * time.Hour), nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, duijie.CST()); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("-since %q: want 2006-01-02 or 2006-01-02 15:04:05 (China time)", s)
}

// baseURL returns JST_URL without a trailing /open, or says what is wrong.
func baseURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return jushuitan.ProductionURL, nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("JST_URL=%q is not an http(s) URL with a host, e.g. %s", raw, jushuitan.ProductionURL)
	}
	p := strings.TrimSuffix(strings.TrimRight(u.Path, "/"), "/open")
	if p != "" {
		return "", fmt.Errorf("JST_URL=%q: give the root, with or without /open; remove %q", raw, p)
	}
	u.Path, u.RawQuery = "", ""
	return u.String(), nil
}

type realOptions struct {
	once         bool
	every        time.Duration
	state        string
	dryRun, live bool
	since        time.Time
	lag          time.Duration
}

// runReal runs the rounds and returns the exit status.
func runReal(stop *jobkit.Stopper, out io.Writer, log *slog.Logger, o realOptions) int {
	ctx := context.Background()
	fail := func(code int, err error) int {
		fmt.Fprintln(os.Stderr, err)
		return code
	}
	shopID, err := strconv.ParseInt(os.Getenv("JST_SHOP_ID"), 10, 64)
	if err != nil {
		return fail(jobkit.ExitUsage, fmt.Errorf("JST_SHOP_ID: %w", err))
	}
	base, err := baseURL(os.Getenv("JST_URL"))
	if err != nil {
		return fail(jobkit.ExitUsage, err)
	}
	if err := jobkit.PrepareState(o.state); err != nil {
		return fail(jobkit.ExitUsage, err)
	}
	st, err := sqlite.Open(o.state)
	if err != nil {
		return fail(jobkit.ExitUsage, err)
	}
	defer st.Close()
	cfg := jushuitan.Config{AppKey: os.Getenv("JST_APP_KEY"), AppSecret: duijie.Secret(os.Getenv("JST_APP_SECRET")),
		AccessToken: duijie.Secret(os.Getenv("JST_ACCESS_TOKEN")), TokenStore: st.Tokens()}
	var cps mapping.CheckpointStore = st.Checkpoints()
	if o.dryRun { // the stored token and checkpoint are read, never written
		mem := jushuitan.NewMemoryTokenStore()
		if tok, err := st.Tokens().Load(ctx, cfg.AppKey); err != nil {
			return fail(jobkit.ExitIncomplete, err)
		} else if tok != nil {
			mem.Save(ctx, cfg.AppKey, tok)
		}
		cfg.TokenStore = mem
		copyCP := &mapping.MemoryCheckpoints{}
		if cp, ok, err := cps.LoadCheckpoint(ctx, schemeShipments); err != nil {
			return fail(jobkit.ExitIncomplete, err)
		} else if ok {
			copyCP.SaveCheckpoint(ctx, schemeShipments, cp)
		}
		cps = copyCP
	}
	c, err := jushuitan.NewClient(cfg, duijie.WithBaseURL(base), duijie.WithLogger(log))
	if err != nil {
		return fail(jobkit.ExitUsage, err)
	}
	shop := demoShop()
	shop.Goods["SHOP-C"] = "JST-C" // the real mode's shop has every SKU mapped
	shipped, err := st.Documents().List(ctx, flowShipped, sqlite.DocDelivered)
	if err != nil {
		return fail(jobkit.ExitIncomplete, err)
	}
	for _, d := range shipped {
		if ord, ok := shop.Orders[d.No]; ok {
			ord.Status = mapping.ShopShipped
			ord.Carrier, ord.TrackingNo, _ = strings.Cut(d.Ref, " ")
		}
	}
	policy := mapping.SyncPolicy{Start: o.since, Lag: o.lag, MaxWindow: 7 * 24 * time.Hour, MinWindow: time.Hour}
	jobs := &Jobs{JST: c, Shop: shop, ShopID: shopID, Log: log, DryRun: o.dryRun,
		State: &State{Docs: st.Documents(), Checkpoints: cps, Policy: policy}}
	for round := 1; ; round++ {
		jobs.Progress = jobkit.NewProgress(fmt.Sprintf("shop-jushuitan round %d", round), o.live, os.Stderr, log)
		rep, err := jobs.Round(ctx)
		jobs.Progress.Finish()
		rep.print(out, fmt.Sprintf("round %d", round), err)
		if e := rep.err(round, err); e != nil && (o.once || stop.Stopped()) {
			fmt.Fprintln(os.Stderr, e)
			if stop.Stopped() {
				return jobkit.ExitInterrupted
			}
			return jobkit.ExitIncomplete
		}
		if o.once || stop.Stopped() {
			return jobkit.ExitOK
		}
		select {
		case <-stop.Done():
			return jobkit.ExitOK
		case <-time.After(o.every):
		}
	}
}

// syncShipments reads the shipments modified since the checkpoint, window
// by window, marks the shop's orders shipped and records them; the
// checkpoint advances after each window.
func (j *Jobs) syncShipments(ctx context.Context, rep *Report) error {
	s := &mapping.Sync[jushuitan.Shipment]{Scheme: schemeShipments, Store: j.State.Checkpoints, Policy: j.State.Policy,
		Key: func(sh jushuitan.Shipment) string { return sh.SoID + "/" + sh.LID },
		Fetch: func(ctx context.Context, w mapping.Window) iter.Seq2[jushuitan.Shipment, error] {
			// Jushuitan's modified range is inclusive, to the second; the
			// windows are whole seconds.
			return j.JST.Shipments(ctx, &jushuitan.LogisticsQuery{ShopID: j.ShopID, ModifiedBegin: w.From, ModifiedEnd: w.To,
				PageSize: jushuitan.MaxLogisticsPageSize})
		},
		Deliver: func(ctx context.Context, w mapping.Window, shs []jushuitan.Shipment) error {
			n := 0
			for _, sh := range shs {
				o, ok := j.Shop.Orders[sh.SoID]
				if !ok || sh.LID == "" {
					continue
				}
				o.Status, o.Carrier, o.TrackingNo = mapping.ShopShipped, sh.LogisticsCompany, sh.LID
				rep.Shipped++
				n++
				if !j.DryRun {
					if err := j.State.Docs.Put(ctx, sqlite.Document{Flow: flowShipped, No: sh.SoID, Status: sqlite.DocDelivered,
						Ref: sh.LogisticsCompany + " " + sh.LID, UpdatedAt: time.Now()}); err != nil {
						return err
					}
				}
			}
			if j.Progress != nil {
				j.Progress.WindowDone()
			}
			j.Log.Info("shipments", "from", w.From, "to", w.To, "read", len(shs), "shipped", n)
			return nil
		}}
	cp, ok, err := j.State.Checkpoints.LoadCheckpoint(ctx, schemeShipments)
	if err != nil {
		return err
	}
	last := j.State.Policy.Start
	if ok {
		last = cp.LastSyncTime
	}
	now := time.Now().Truncate(time.Second)
	if j.Progress != nil {
		j.Progress.Windows(len(j.State.Policy.Plan(last, now)))
	}
	if _, err := s.Run(ctx, now); err != nil {
		return fmt.Errorf("shipments: %w", err)
	}
	return nil
}
