package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/yihua"
)

const callUsage = `usage: duijie call <vendor> <operation> [flags]

vendors and operations:
  wdt <script>              an openapi2 script, e.g. trade_query.php
  qimen <method>            a Qimen method, e.g. wdt.trade.query
  jushuitan <path>          an openapi v2 path, e.g. /open/shops/query
  jushuitan-legacy <method> a legacy method, e.g. shops.query
  kingdee <service>         a service, e.g. ExecuteBillQuery (args from --args, a JSON array of {"Name","Value"})
  honor <path>              a path, e.g. /openapi/vf/order/query (--method sets the method parameter)
  yihua <method>            an ErpService method, e.g. TradeTransferToErp

The answer's business part is printed as JSON. Run "duijie call <vendor> <operation> -h" for flags.
`

// errDryRun stops a dry-run call at the transport.
var errDryRun = errors.New("dry run: not sent")

// recorder is a RoundTripper that keeps the request instead of sending it.
type recorder struct{ req *wireRequest }

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	w := &wireRequest{Method: req.Method, URL: req.URL.String()}
	keys := make([]string, 0, len(req.Header))
	for k := range req.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range req.Header[k] {
			w.Header = append(w.Header, [2]string{k, v})
		}
	}
	if req.Body != nil {
		b, _ := io.ReadAll(req.Body)
		w.Body = string(b)
	}
	r.req = w
	return nil, errDryRun
}

// runCall is "duijie call".
func runCall(ctx context.Context, args []string, e *env) error {
	if len(args) < 2 || strings.HasPrefix(args[0], "-") || strings.HasPrefix(args[1], "-") {
		fmt.Fprint(e.stdout, callUsage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
			return nil
		}
		return errUsage
	}
	vendor, op := args[0], args[1]
	specs := map[string][]credSpec{"wdt": credWDT, "qimen": append(append([]credSpec{}, credQimen...), credWDT[2]), "jushuitan": credJST,
		"jushuitan-legacy": credJSTLegacy, "kingdee": credKingdee, "honor": credHonor, "yihua": credYihua}[vendor]
	if specs == nil {
		fmt.Fprintf(e.stderr, "duijie call: unknown vendor %q\n\n%s", vendor, callUsage)
		return errUsage
	}
	fs := newFlagSet("call "+vendor, "duijie call "+vendor+" "+op+" [flags]", e.stderr)
	cr := addCreds(fs, specs)
	show := fs.Bool("show-secrets", false, "print secrets instead of [REDACTED] (with --dry-run)")
	dry := fs.Bool("dry-run", false, "print the signed request instead of sending it")
	base := fs.String("base-url", "", "base URL (default the vendor's production URL; required for honor and kingdee unless --server-url)")
	retries := fs.Int("retries", 3, "attempts in all, the first included (1: no retry)")
	perMinute := fs.Int("rate", 0, "client-side limit in calls a minute (0: the vendor's published default)")
	timeout := fs.Duration("timeout", time.Minute, "give up after this long")
	safeFlag := fs.Bool("safe-to-replay", false, "retry after failures that may have reached the server (a read, or a write the vendor de-duplicates); default: the operation table's rule for a typed operation, false for any other")
	hmethod := fs.String("method", "", "honor: the method parameter")
	kargs := fs.String("args", "", `kingdee: the arguments, a JSON array of {"Name":...,"Value":...}`)
	biz := fs.String("biz", "", "jushuitan: the biz JSON (default: --params or -p as an object)")
	p := addParams(fs)
	if err := parseFlags(fs, args[2:]); err != nil {
		return err
	}
	cr.fill(fs, e.getenv)
	safe := replayFor(fs, *safeFlag, vendor, op)
	if *retries < 1 {
		return errors.New("--retries must be at least 1")
	}
	hc := &http.Client{}
	rec := &recorder{}
	if *dry {
		hc = &http.Client{Transport: rec}
		*retries = 1
	}
	pol := duijie.RetryPolicy{MaxAttempts: *retries, WaitMin: 500 * time.Millisecond, WaitMax: 5 * time.Second, MaxRetryAfter: 2 * time.Minute}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	var out json.RawMessage
	var err error
	type opt = duijie.Option
	opts := []opt{duijie.WithHTTPClient(hc), duijie.WithRetry(pol), duijie.WithClock(e.now)}
	if *base != "" {
		opts = append(opts, duijie.WithBaseURL(*base))
	}
	if *perMinute > 0 {
		opts = append(opts, duijie.WithRateLimit(duijie.Limit{Events: *perMinute, Per: time.Minute}))
	}
	switch vendor {
	case "wdt", "qimen":
		params, perr := p.object(e.stdin)
		if perr != nil {
			return perr
		}
		cfg := wangdiantong.Config{SID: cr.get("sid"), AppKey: cr.get("appkey"), AppSecret: duijie.Secret(cr.get("secret"))}
		if vendor == "qimen" {
			cfg.Route = wangdiantong.RouteQimen
			cfg.AppSecret = ""
			cfg.Qimen = wangdiantong.QimenConfig{AppKey: cr.get("app-key"), AppSecret: duijie.Secret(cr.get("secret"))}
		}
		c, cerr := wangdiantong.NewClient(cfg, opts...)
		if cerr != nil {
			return cerr
		}
		err = c.Call(ctx, &wangdiantong.CallRequest{Method: op, Params: params, SafeToReplay: safe}, &out)
	case "jushuitan", "jushuitan-legacy":
		b, berr := jsonText(*biz, p, e.stdin)
		if berr != nil {
			return berr
		}
		cfg := jushuitan.Config{AppKey: cr.get("app-key"), AppSecret: duijie.Secret(cr.get("app-secret")), AccessToken: duijie.Secret(cr.get("access-token"))}
		req := &jushuitan.CallRequest{Path: op, Params: json.RawMessage(b), SafeToReplay: safe}
		if vendor == "jushuitan-legacy" {
			cfg = jushuitan.Config{Generation: jushuitan.Legacy, PartnerID: cr.get("partner-id"), PartnerKey: duijie.Secret(cr.get("partner-key")), Token: duijie.Secret(cr.get("token"))}
			req = &jushuitan.CallRequest{Method: op, Params: json.RawMessage(b), SafeToReplay: safe}
		}
		c, cerr := jushuitan.NewClient(cfg, opts...)
		if cerr != nil {
			return cerr
		}
		err = c.Call(ctx, req, &out)
	case "kingdee":
		var as []kingdee.Arg
		if *kargs != "" {
			if jerr := json.Unmarshal([]byte(*kargs), &as); jerr != nil {
				return fmt.Errorf("--args: %w", jerr)
			}
		}
		cfg := kingdee.Config{ServerURL: cr.get("server-url"), AcctID: cr.get("acct-id"), UserName: cr.get("username"), AppID: cr.get("appid"), AppSecret: duijie.Secret(cr.get("app-secret"))}
		c, cerr := kingdee.NewClient(cfg, opts...)
		if cerr != nil {
			return cerr
		}
		err = c.Call(ctx, &kingdee.CallRequest{Service: op, Args: as, SafeToReplay: safe}, &out)
	case "honor":
		params, perr := p.object(e.stdin)
		if perr != nil {
			return perr
		}
		cfg := honor.Config{AppID: cr.get("app-id"), AppKey: duijie.Secret(cr.get("app-key")), ShopNo: cr.get("shop-no"), ProvinceDistributorID: cr.get("distributor-id")}
		c, cerr := honor.NewClient(cfg, opts...)
		if cerr != nil {
			return cerr
		}
		var in any
		if len(params) > 0 {
			in = params
		}
		err = c.Call(ctx, &honor.CallRequest{Path: op, Method: *hmethod, Params: in, SafeToReplay: safe}, &out)
	case "yihua":
		params, perr := p.object(e.stdin)
		if perr != nil {
			return perr
		}
		c, cerr := yihua.NewClient(yihua.Config{PlatformID: cr.get("platform-id"), UserAccessToken: duijie.Secret(cr.get("token")), UID: cr.get("uid")}, opts...)
		if cerr != nil {
			return cerr
		}
		err = c.Call(ctx, &yihua.CallRequest{Method: op, Params: params, SafeToReplay: safe}, &out)
	}
	if *dry {
		if rec.req == nil {
			return err
		}
		rec.req.write(e.stdout, newRedactor(*show, cr.secrets()...))
		return nil
	}
	if err != nil {
		return err
	}
	if len(out) == 0 {
		out = json.RawMessage("null")
	}
	var buf bytes.Buffer
	if json.Indent(&buf, out, "", "  ") != nil {
		buf.Reset()
		buf.Write(out)
	}
	fmt.Fprintln(e.stdout, buf.String())
	return nil
}
