package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"time"

	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/honor/honortest"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
	"github.com/duijie/duijie/kingdee/kingdeetest"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
	"github.com/duijie/duijie/yihua/yihuatest"
)

// fakeServer is one running fake, as fake needs it.
type fakeServer interface {
	Close()
	Inject(rules ...duijietest.Rule)
}

// runFake is "duijie fake": every vendor fake on loopback until ctx ends.
func runFake(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("fake", "duijie fake [flags]", e.stderr)
	listen := fs.String("listen", "", "also serve every fake behind one address, e.g. 127.0.0.1:8080, under /wangdiantong, /jushuitan, /kingdee, /honor, /yihua")
	fault := fs.String("fault", "", "inject a fault: 500, 503, reset (drop before handling), reset-after (drop after handling), throttle (the vendor's own throttle answer), slow")
	count := fs.Int("fault-count", 0, "apply --fault to the next N requests (0: every request)")
	rate := fs.Float64("fault-rate", 0, "apply --fault with this probability (0: always)")
	delay := fs.Duration("delay", 2*time.Second, "how long a slow answer waits")
	chaos := fs.Bool("chaos", false, "the standard chaos mix on every request: 5xx, drops, throttles, late answers")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	type entry struct {
		name     string
		srv      fakeServer
		url      string
		throttle duijietest.Fault
		lines    []string
	}
	wdt := wangdiantongtest.NewServer()
	jst := jushuitantest.NewServer()
	kd := kingdeetest.NewServer()
	hon := honortest.NewServer()
	yh := yihuatest.NewServer()
	jc, hc, yc, kc := jst.Config(), hon.Config(), yh.Config(), kd.Config()
	qc := wdt.QimenConfig(wangdiantong.SignMD5)
	all := []entry{
		{"wangdiantong", wdt, wdt.Server.URL(), wangdiantongtest.ThrottleFault(), []string{
			"openapi2 base URL: " + wdt.URL(), "Qimen gateway:     " + wdt.QimenURL(),
			"DUIJIE_WDT_SID=" + wangdiantongtest.SID, "DUIJIE_WDT_APPKEY=" + wangdiantongtest.AppKey, "DUIJIE_WDT_SECRET=" + wangdiantongtest.AppSecret,
			"DUIJIE_QIMEN_APP_KEY=" + qc.Qimen.AppKey, "DUIJIE_QIMEN_SECRET=" + qc.Qimen.AppSecret.Reveal()}},
		{"jushuitan", jst, jst.URL(), jushuitantest.ThrottleFault(), []string{
			"openapi v2 base URL: " + jst.URL(), "legacy URL:          " + jst.LegacyURL(),
			"DUIJIE_JST_APP_KEY=" + jc.AppKey, "DUIJIE_JST_APP_SECRET=" + jc.AppSecret.Reveal(), "DUIJIE_JST_ACCESS_TOKEN=" + jc.AccessToken.Reveal(),
			"DUIJIE_JST_PARTNER_ID=" + jushuitantest.PartnerID, "DUIJIE_JST_PARTNER_KEY=" + jushuitantest.PartnerKey, "DUIJIE_JST_TOKEN=" + jushuitantest.LegacyToken}},
		{"kingdee", kd, kd.Server.URL(), kingdeetest.CallLimitFault(), []string{
			"DUIJIE_KINGDEE_SERVER_URL=" + kd.URL(), "DUIJIE_KINGDEE_ACCT_ID=" + kc.AcctID, "DUIJIE_KINGDEE_USERNAME=" + kc.UserName,
			"DUIJIE_KINGDEE_APPID=" + kc.AppID, "DUIJIE_KINGDEE_APP_SECRET=" + kc.AppSecret.Reveal()}},
		{"honor", hon, hon.URL(), honortest.Throttle(), []string{
			"base URL: " + hon.URL(), "DUIJIE_HONOR_APP_ID=" + hc.AppID, "DUIJIE_HONOR_APP_KEY=" + hc.AppKey.Reveal(),
			"DUIJIE_HONOR_SHOP_NO=" + hc.ShopNo, "DUIJIE_HONOR_DISTRIBUTOR_ID=" + hc.ProvinceDistributorID}},
		{"yihua", yh, yh.URL(), yihuatest.ThrottleFault(), []string{
			"base URL: " + yh.URL(), "DUIJIE_YIHUA_PLATFORM_ID=" + yc.PlatformID, "DUIJIE_YIHUA_TOKEN=" + yc.UserAccessToken.Reveal(), "DUIJIE_YIHUA_UID=" + yc.UID}},
	}
	defer func() {
		for _, f := range all {
			f.srv.Close()
		}
	}()
	for _, f := range all {
		var rule duijietest.Rule
		switch *fault {
		case "":
		case "500", "503":
			st := 500
			if *fault == "503" {
				st = 503
			}
			rule = duijietest.Rule{Fault: duijietest.Fault{Kind: duijietest.FaultStatus, Status: st, Body: []byte("injected " + *fault), ContentType: "text/plain"}}
		case "reset":
			rule = duijietest.Rule{Fault: duijietest.Fault{Kind: duijietest.FaultResetBefore}}
		case "reset-after":
			rule = duijietest.Rule{Fault: duijietest.Fault{Kind: duijietest.FaultResetAfter}}
		case "throttle":
			rule = duijietest.Rule{Fault: f.throttle}
		case "slow":
			rule = duijietest.Rule{Fault: duijietest.Fault{Kind: duijietest.FaultDelay, Delay: *delay}}
		default:
			return fmt.Errorf("--fault %q is not 500, 503, reset, reset-after, throttle or slow", *fault)
		}
		if *fault != "" {
			rule.Count, rule.Probability = *count, *rate
			f.srv.Inject(rule)
		}
		if *chaos {
			f.srv.Inject(duijietest.StandardMix(f.throttle))
		}
	}
	addrs := map[string]string{}
	var front *http.Server
	if *listen != "" {
		ln, err := net.Listen("tcp", *listen)
		if err != nil {
			return err
		}
		mux := http.NewServeMux()
		for _, f := range all {
			target, _ := url.Parse(f.url)
			proxy := httputil.NewSingleHostReverseProxy(target)
			mux.Handle("/"+f.name+"/", http.StripPrefix("/"+f.name, proxy))
		}
		front = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go front.Serve(ln)
		addrs["front"] = "http://" + ln.Addr().String()
	}
	w := e.stdout
	fmt.Fprintln(w, "duijie fake: the vendor fakes are listening on loopback; stop with Ctrl-C.")
	fmt.Fprintln(w, "These credentials are the fakes' own test values, not real ones.")
	for _, f := range all {
		addrs[f.name] = f.url
		fmt.Fprintf(w, "\n[%s] %s\n", f.name, f.url)
		if front != nil {
			fmt.Fprintf(w, "  behind the front: %s/%s (same paths after the prefix)\n", addrs["front"], f.name)
		}
		for _, l := range f.lines {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
	if *fault != "" || *chaos {
		fmt.Fprintf(w, "\nfaults: %s\n", strings.TrimSpace(fmt.Sprintf("%s chaos=%v", *fault, *chaos)))
	}
	if e.ready != nil {
		e.ready(addrs)
	}
	<-ctx.Done()
	if front != nil {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := front.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	fmt.Fprintln(w, "\nduijie fake: stopped")
	return nil
}
