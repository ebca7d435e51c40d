// Command callback-to-wdt takes orders pushed to an HTTP endpoint (the
// OpenCallback order shape: tid, trade_status, pay_status, receiver_*,
// order_list …) and pushes them into Wangdiantong with trade_push,
// answering with one result per order. The endpoint is a push.Receiver:
// every push must be signed with the shared secret (see package push for
// the rule), replays and stale pushes are refused, and an order already
// settled is answered again without being pushed twice.
//
// By default it runs once against the in-process WDT fake: it starts the
// endpoint, posts a signed sample callback with a good order and a bad
// one, sends it again, tries an unsigned push, and prints the answers.
// With -listen it serves real callbacks and pushes to the WDT endpoint and
// credentials in WDT_URL, WDT_SID, WDT_APPKEY and WDT_APPSECRET, checking
// signatures with the secret in DUIJIE_PUSH_SECRET. The accepted signatures
// and every order's settled outcome are kept in the state file (-state), so
// after a restart a replay is still refused and a settled order is answered
// again without a second trade_push. -dry-run checks and prints the orders
// and pushes nothing. SIGINT or SIGTERM lets the pushes in flight finish and
// prints the summary; the exit status is 0 when every order was settled
// as pushed, 1 when any was refused or left for the sender to send again.
//
// Environment (read with -listen):
//
//   - DUIJIE_PUSH_SECRET: the secret shared with the sender; required unless
//     -insecure-no-auth is given; never printed.
//   - WDT_URL: the Wangdiantong openapi2 root, with or without /openapi2
//     (e.g. https://api.wangdian.cn/openapi2); required.
//   - WDT_SID: the Wangdiantong seller account (卖家账号, sid).
//   - WDT_APPKEY: the openapi2 interface account's app key.
//   - WDT_APPSECRET: the openapi2 interface account's app secret; never
//     printed.
//   - DUIJIE_STATE: the state file's path when -state is not given (otherwise
//     duijie/state.db in the user's configuration directory).
//
// Run with -h for every flag and variable:
//
//	go run ./examples/callback-to-wdt
//	DUIJIE_PUSH_SECRET=... go run ./examples/callback-to-wdt -listen :8080 -shop QY01
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/push"
	"github.com/duijie/duijie/store/examples/internal/jobkit"
	"github.com/duijie/duijie/store/sqlite"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// secretEnv names the environment variable holding the shared secret.
const secretEnv = "DUIJIE_PUSH_SECRET"

// callbackPath is where the endpoint listens.
const callbackPath = "/callback"

// deliverToWDT converts each order and pushes the convertible ones to WDT
// (50 a call, per shop), classing each order's outcome for the receiver:
// an order that cannot be converted or that WDT refuses is refused; one
// WDT may have saved is unknown (the sender's retry pushes it again, which
// trade_push absorbs as an update by tid); one that surely did not arrive
// is a plain error, to be sent again.
func deliverToWDT(c *wangdiantong.Client, opt mapping.TradePushOptions, log *slog.Logger) push.DeliverFunc {
	return func(ctx context.Context, ds []push.Delivery) []error {
		errs := make([]error, len(ds))
		type wdtKey struct{ shop, tid string }
		at := map[wdtKey]int{} // index in ds of each trade sent
		var trades []mapping.ShopTrade
		for i, d := range ds {
			t, err := mapping.CallbackToTrade(d.Order, opt)
			switch {
			case errors.Is(err, mapping.ErrUnmapped):
				errs[i] = fmt.Errorf("%w; send again once the codes are mapped", err) // not final
				continue
			case err != nil:
				errs[i] = push.Refused(err)
				continue
			}
			k := wdtKey{t.ShopNo, t.Trade.Tid}
			if _, dup := at[k]; dup {
				errs[i] = fmt.Errorf("another order of this push is WDT trade %s of shop %s; send it again", k.tid, k.shop)
				continue
			}
			at[k] = i
			trades = append(trades, *t)
		}
		for _, req := range mapping.TradePushRequests(trades) {
			outcome := pushTrades(ctx, c, req, log)
			for j, tr := range req.Trades {
				errs[at[wdtKey{req.ShopNo, tr.Tid}]] = outcome[j]
			}
		}
		return errs
	}
}

// pushTrades sends one trade_push call and returns each trade's outcome.
// Input refused before sending is retried trade by trade, so one bad
// trade does not take its neighbours down with it.
func pushTrades(ctx context.Context, c *wangdiantong.Client, req wangdiantong.TradePushRequest, log *slog.Logger) []error {
	out := make([]error, len(req.Trades))
	res, err := c.PushTrades(ctx, &req)
	if res != nil {
		log.Info("trade_push", "shop", req.ShopNo, "trades", len(req.Trades), "new", res.NewCount, "changed", res.ChgCount)
	}
	var be *duijie.BatchError
	var ve *duijie.ValidationError
	var te *duijie.TransportError
	switch {
	case err == nil:
	case errors.As(err, &be):
		for _, f := range be.Failed {
			if f.Index < 0 || f.Index >= len(out) {
				continue
			}
			if f.OutcomeUnknown {
				out[f.Index] = push.Unknown(errors.New(f.Message))
			} else {
				out[f.Index] = push.Refused(errors.New(f.Message))
			}
		}
	case errors.As(err, &ve) && len(req.Trades) > 1:
		for j := range req.Trades {
			one := req
			one.Trades = req.Trades[j : j+1 : j+1]
			out[j] = pushTrades(ctx, c, one, log)[0]
		}
	case errors.As(err, &ve):
		out[0] = push.Refused(err)
	case errors.As(err, &te) && !te.MayHaveReachedServer:
		for j := range out {
			out[j] = err // never arrived: send again
		}
	default:
		for j := range out {
			out[j] = push.Unknown(err)
		}
	}
	return out
}

// sample is a callback with one good order and one without lines.
const sample = `[
 {"shop_no":"QY01","tid":"CB-1001","trade_status":30,"pay_status":2,"delivery_term":1,
  "trade_time":"2026-11-22 09:30:00","pay_time":"2026-11-22 09:31:00","buyer_nick":"小王",
  "receiver_name":"王五","receiver_province":"广东省","receiver_city":"深圳市","receiver_district":"南山区",
  "receiver_address":"科技园1号","receiver_mobile":"13800138000","post_amount":"0","paid":"199.00",
  "order_list":[{"oid":"CB-1001-1","num":"1","price":"199.00","spec_no":"SKU-RED","goods_name":"手机壳"}]},
 {"shop_no":"QY01","tid":"CB-1002","trade_status":30,"pay_status":2,"trade_time":"2026-11-22 09:40:00","paid":"10","order_list":[]}
]`

// send posts body to url, signed with secret at now unless secret is
// empty, and decodes the per-order answer when there is one.
func send(hc *http.Client, url string, secret push.Secret, body []byte, now time.Time) (int, []push.Result, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		if err := push.SignRequest(req, secret, body, now); err != nil {
			return 0, nil, err
		}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var results []push.Result
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.NewDecoder(resp.Body).Decode(&results); err != nil {
			return resp.StatusCode, nil, err
		}
	}
	return resp.StatusCode, results, nil
}

// describe prints one answer.
func describe(out io.Writer, what string, status int, results []push.Result) {
	fmt.Fprintf(out, "%s answered HTTP %d\n", what, status)
	for _, r := range results {
		switch {
		case r.OK && r.Repeat:
			fmt.Fprintf(out, "  %s already in WDT (answered from the first push)\n", r.Tid)
		case r.OK:
			fmt.Fprintf(out, "  %s pushed to WDT\n", r.Tid)
		case r.Retry:
			fmt.Fprintf(out, "  %s not settled, send again: %s\n", r.Tid, r.Reason)
		default:
			fmt.Fprintf(out, "  %s refused: %s\n", r.Tid, r.Reason)
		}
	}
}

// demo runs the endpoint against the WDT fake: a signed push, the same
// push again, and an unsigned one. It returns the first answer.
func demo(out io.Writer, log *slog.Logger) (*wangdiantongtest.Server, []push.Result, error) {
	srv := wangdiantongtest.NewServer()
	c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithLogger(log))
	if err != nil {
		return srv, nil, err
	}
	secret := push.Secret(push.NewNonce()) // the demo's own; a real one comes from DUIJIE_PUSH_SECRET
	// The shop's orders name no delivery term and their lines no refund
	// status: the host chooses 款到发货 and "no refund" for them.
	opt := mapping.TradePushOptions{ShopNo: "QY01", DeliveryTerm: 1, NoRefundWhenAbsent: true}
	rc, err := push.NewReceiver(deliverToWDT(c, opt, log),
		push.WithSecret(secret), push.WithLogger(log))
	if err != nil {
		return srv, nil, err
	}
	endpoint := httptest.NewServer(rc)
	defer endpoint.Close()
	url := endpoint.URL + callbackPath

	status, first, err := send(endpoint.Client(), url, secret, []byte(sample), time.Now())
	if err != nil {
		return srv, nil, err
	}
	describe(out, "signed callback", status, first)
	status, again, err := send(endpoint.Client(), url, secret, []byte(sample), time.Now())
	if err != nil {
		return srv, first, err
	}
	describe(out, "the same callback sent again", status, again)
	status, _, err = send(endpoint.Client(), url, "", []byte(sample), time.Now())
	if err != nil {
		return srv, first, err
	}
	describe(out, "an unsigned callback", status, nil)
	fmt.Fprintf(out, "WDT now holds %d trade(s)\n", len(srv.Trades()))
	return srv, first, nil
}

// usage lists the flags and the environment.
func usage() {
	w := flag.CommandLine.Output()
	fmt.Fprintf(w, "Usage: callback-to-wdt [flags]\n\n"+
		"Without -listen, runs a demo against the in-process WDT fake.\n"+
		"With -listen, serves signed callbacks on %s and pushes them to WDT until SIGINT or SIGTERM,\n"+
		"then finishes the pushes in flight and prints the summary (exit 0 when every order was settled, 1 otherwise).\n\nFlags:\n", callbackPath)
	flag.PrintDefaults()
	fmt.Fprintf(w, "\nEnvironment (with -listen):\n"+
		"  %s\n    \tthe secret shared with the sender; required unless -insecure-no-auth\n"+
		"  WDT_URL\n    \tthe Wangdiantong openapi2 root, with or without /openapi2 (e.g. https://api.wangdian.cn/openapi2)\n"+
		"  WDT_SID, WDT_APPKEY, WDT_APPSECRET\n    \tthe Wangdiantong seller id and app credentials (the secret is never printed)\n"+
		"  %s\n    \tthe state file's path when -state is not given\n", secretEnv, jobkit.StateEnv)
}

func main() {
	listen := flag.String("listen", "", "serve callbacks on this address against the real WDT")
	shop := flag.String("shop", "", "WDT shop_no for orders that name none")
	allow := flag.String("allow", "", "comma-separated networks allowed to push (e.g. 10.0.0.0/8,203.0.113.7/32); empty allows any")
	window := flag.Duration("window", push.DefaultWindow, "how far a push's timestamp may be from this clock")
	noAuth := flag.Bool("insecure-no-auth", false, "accept unsigned pushes (only on a trusted network)")
	term := flag.Int("delivery-term", 0, "delivery_term for orders that name none: 1 款到发货, 2 货到付款, 3 分期付款; 0 refuses such orders")
	noRefund := flag.Bool("no-refund-when-absent", false, "send refund_status 0 (无退款) for lines that name none; without it such orders are refused")
	state := flag.String("state", jobkit.DefaultStatePath(), "with -listen: the state file (SQLite) keeping accepted signatures and settled orders across restarts")
	dryRun := flag.Bool("dry-run", false, "with -listen: check and print each pushed order, push nothing to WDT and store nothing (every order is answered \"send again\")")
	flag.Usage = usage
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if *listen == "" {
		srv, _, err := demo(os.Stdout, log)
		srv.Close()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	opt := mapping.TradePushOptions{ShopNo: *shop, DeliveryTerm: *term, NoRefundWhenAbsent: *noRefund}
	stop := jobkit.NewStopper(log)
	defer stop.Close()
	os.Exit(serve(serveOptions{addr: *listen, opt: opt, allow: *allow, window: *window, noAuth: *noAuth, state: *state, dryRun: *dryRun,
		stop: stop, out: os.Stdout}, log))
}

type serveOptions struct {
	addr   string
	opt    mapping.TradePushOptions
	allow  string
	window time.Duration
	noAuth bool
	state  string
	dryRun bool
	stop   *jobkit.Stopper
	out    io.Writer
}

// tally counts the orders handed on and how they ended.
type tally struct {
	mu                         sync.Mutex
	pushed, refused, unsettled int
	problems                   []string
}

func (t *tally) wrap(f push.DeliverFunc) push.DeliverFunc {
	return func(ctx context.Context, ds []push.Delivery) []error {
		errs := f(ctx, ds)
		t.mu.Lock()
		defer t.mu.Unlock()
		for i, err := range errs {
			switch {
			case err == nil:
				t.pushed++
			case errors.Is(err, push.ErrRefused):
				t.refused++
				t.problems = append(t.problems, fmt.Sprintf("refused %s/%s: %v", ds[i].Key.Shop, ds[i].Key.Tid, err))
			default:
				t.unsettled++
				t.problems = append(t.problems, fmt.Sprintf("not settled %s/%s: %v", ds[i].Key.Shop, ds[i].Key.Tid, err))
			}
		}
		return errs
	}
}

// serve runs the endpoint against the real WDT until a stop signal, then
// lets the requests in flight finish and prints the summary. It returns
// the exit status.
func serve(o serveOptions, log *slog.Logger) int {
	fail := func(err error) int {
		fmt.Fprintln(os.Stderr, err)
		return jobkit.ExitUsage
	}
	if os.Getenv(secretEnv) == "" && !o.noAuth {
		return fail(fmt.Errorf("no secret: set %s (or -insecure-no-auth on a trusted network)", secretEnv))
	}
	opts := []push.Option{push.WithLogger(log), push.WithWindow(o.window)}
	if s := os.Getenv(secretEnv); s != "" {
		opts = append(opts, push.WithSecret(push.Secret(s)))
	}
	if o.noAuth {
		opts = append(opts, push.WithoutAuth())
	}
	for _, n := range strings.Split(o.allow, ",") {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		p, err := netip.ParsePrefix(n)
		if err != nil {
			return fail(fmt.Errorf("-allow: %w", err))
		}
		opts = append(opts, push.WithAllowedIPs(p))
	}
	base, err := jobkit.BaseURL("WDT_URL", os.Getenv("WDT_URL"), "/openapi2")
	if err != nil {
		return fail(err)
	}
	c, err := wangdiantong.NewClient(wangdiantong.Config{SID: os.Getenv("WDT_SID"), AppKey: os.Getenv("WDT_APPKEY"),
		AppSecret: duijie.Secret(os.Getenv("WDT_APPSECRET"))}, duijie.WithBaseURL(base), duijie.WithLogger(log))
	if err != nil {
		return fail(err)
	}
	deliver := deliverToWDT(c, o.opt, log)
	if o.dryRun {
		deliver = func(_ context.Context, ds []push.Delivery) []error {
			errs := make([]error, len(ds))
			for i, d := range ds {
				t, err := mapping.CallbackToTrade(d.Order, o.opt)
				if err != nil {
					errs[i] = push.Refused(err)
					continue
				}
				fmt.Fprintf(o.out, "dry run, would push: shop %s trade %s (%d line(s))\n", t.ShopNo, t.Trade.Tid, len(t.Trade.Orders))
				errs[i] = errors.New("dry run: not pushed")
			}
			return errs
		}
	} else {
		if err := jobkit.PrepareState(o.state); err != nil {
			return fail(err)
		}
		st, err := sqlite.Open(o.state)
		if err != nil {
			return fail(err)
		}
		defer st.Close()
		opts = append(opts, push.WithReplayStore(st.PushReplay()), push.WithOutcomeStore(st.PushOutcomes()))
	}
	var tl tally
	rc, err := push.NewReceiver(tl.wrap(deliver), opts...)
	if err != nil {
		return fail(err)
	}
	mux := http.NewServeMux()
	mux.Handle(callbackPath, rc)
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: time.Minute, WriteTimeout: push.DefaultTimeout + time.Minute}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(o.out, "listening on http://%s%s\n", ln.Addr(), callbackPath)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		fmt.Fprintln(os.Stderr, err)
		return jobkit.ExitIncomplete
	case <-o.stop.Done():
	}
	ctx, cancel := context.WithTimeout(context.Background(), push.DefaultTimeout+time.Minute)
	defer cancel()
	shutdownErr := hs.Shutdown(ctx) // the pushes in flight finish first
	tl.mu.Lock()
	defer tl.mu.Unlock()
	fmt.Fprintf(o.out, "summary: %d order(s) pushed to WDT, %d refused, %d not settled (the sender sends them again)\n", tl.pushed, tl.refused, tl.unsettled)
	for _, p := range tl.problems {
		fmt.Fprintf(o.out, "  %s\n", p)
	}
	if shutdownErr != nil || tl.refused+tl.unsettled > 0 {
		return jobkit.ExitIncomplete
	}
	return jobkit.ExitOK
}
