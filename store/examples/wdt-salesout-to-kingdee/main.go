// Command wdt-salesout-to-kingdee moves Wangdiantong sales-outs (销售出库单,
// stockout_order_query_trade) into Kingdee Cloud Galaxy as sales out-stock
// bills (SAL_OUTSTOCK): every sales-out shipped from LAST_SYNC_TIME to now,
// window by window (by consign time) and page by page, converted with the
// host's correspondence tables and an explicit price choice, and saved
// with BatchSave. The checkpoint moves only past a window whose sales-outs
// all reached Kingdee; one that failed is reported and tried again on the
// next run, and the bill number derived from the sales-out's number (plus
// the save's look-up of existing numbers) means a repeated window never
// writes a bill twice.
//
// By default it runs twice against the in-process fakes: the first run
// meets a shop with no Kingdee customer and reports its sales-outs; the
// host then maps it, and the second run finishes the job.
//
// With -real it is a job for a scheduler, with the flags and exit codes of
// wdt-refund-to-kingdee: WDT directly (openapi2) or through Qimen (-route
// qimen), the checkpoint in a SQLite file (-state), -dry-run, -since for
// the very first run, SIGINT or SIGTERM to stop after the batch in flight.
// -price must be given: it decides the revenue booked. -h lists every flag
// and variable.
//
// Environment (read with -real):
//
//   - WDT_URL: the WDT base URL, ending with /openapi2 for -route openapi
//     (default https://api.wangdian.cn/openapi2) or /router/qm for -route
//     qimen (default the 旺店通·企业奇门 gateway); a URL with only the host
//     gets the suffix.
//   - WDT_SID: the WDT seller account (卖家账号, sid), on both routes.
//   - WDT_APPKEY, WDT_APPSECRET: the openapi2 interface account (-route
//     openapi); the secret is never printed.
//   - QIMEN_APPKEY, QIMEN_SECRET: the Taobao Qimen app (-route qimen); the
//     secret is never printed.
//   - QIMEN_TARGET_APPKEY: Wangdiantong's app on Qimen (-route qimen);
//     default 21363512.
//   - KINGDEE_URL: the Kingdee site root, ending with /k3cloud; a URL with
//     only the host gets /k3cloud; required.
//   - KINGDEE_ACCTID, KINGDEE_USER: the Kingdee data centre id (账套) and
//     the user the bills are saved as.
//   - KINGDEE_APPID, KINGDEE_APPSECRET: the Kingdee third-party app
//     (第三方系统登录授权); the secret is never printed.
//   - KINGDEE_ORG: the sales organisation code (FSaleOrgId) when -org is not
//     given; default 100.
//   - DUIJIE_STATE: the state file's path when -state is not given (otherwise
//     duijie/state.db in the user's configuration directory).
package main

import (
	"flag"
	"log/slog"

	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/store/examples/internal/jobkit"
	"github.com/duijie/duijie/wangdiantong"
)

const summary = `wdt-salesout-to-kingdee: WDT sales-outs into Kingdee sales out-stock bills.

Without -real it plays a demo against in-process fakes. With -real it runs once
against WDT and Kingdee, from the checkpoint in the state file (or -since ago on
the very first run) to now; -price is required. Exit codes: 0 all delivered,
1 some sales-out failed or was left for the next run (the summary says which
and why), 2 wrong flags or variables, 3 stopped by SIGINT or SIGTERM.`

// config is the command line.
type config struct {
	*jobkit.WDTKingdee
	picked *choices
}

func newFlags(fs *flag.FlagSet) *config {
	c := &config{WDTKingdee: jobkit.NewWDTKingdee(fs, "wdt-salesout-to-kingdee", "sales out-stock bills", salesOutOp().MaxPageSize)}
	c.picked = addChoiceFlags(fs)
	jobkit.Usage(fs, summary, jobkit.WDTKingdeeVars())
	return c
}

func main() {
	c := newFlags(flag.CommandLine)
	flag.Parse()
	jobkit.MainWDTKingdee(c.WDTKingdee, demo, c.newJob)
}

// run is the real mode: one run of the job, its exit code.
func run(c *config, log *slog.Logger) int { return jobkit.RunWDTKingdee(c.WDTKingdee, log, c.newJob) }

// newJob makes the real mode's job, refusing a wrong choice.
func (c *config) newJob(wdt *wangdiantong.Client, kd *kingdee.Client) (*Job, error) {
	conv, err := realConverter(c.picked)
	if err != nil {
		return nil, err
	}
	return newJob(wdt, kd, conv), nil
}
