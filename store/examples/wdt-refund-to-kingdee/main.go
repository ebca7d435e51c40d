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
	"flag"

	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/store/examples/internal/jobkit"
	"github.com/duijie/duijie/wangdiantong"
)

const summary = `wdt-refund-to-kingdee: WDT refund stock-ins into Kingdee sales returns.

Without -real it plays a demo against in-process fakes. With -real it runs once
against WDT and Kingdee, from the checkpoint in the state file (or -since ago on
the very first run) to now. Exit codes: 0 all delivered, 1 some stock-in failed
or was left for the next run (the summary says which and why), 2 wrong flags or
variables, 3 stopped by SIGINT or SIGTERM.`

// config is the command line.
type config struct {
	*jobkit.WDTKingdee
	picked *choices
}

func newFlags(fs *flag.FlagSet) *config {
	c := &config{WDTKingdee: jobkit.NewWDTKingdee(fs, "wdt-refund-to-kingdee", "sales returns", refundStockinOp().MaxPageSize)}
	c.picked = addChoiceFlags(fs)
	jobkit.Usage(fs, summary, jobkit.WDTKingdeeVars())
	return c
}

func main() {
	c := newFlags(flag.CommandLine)
	flag.Parse()
	jobkit.MainWDTKingdee(c.WDTKingdee, demo, func(wdt *wangdiantong.Client, kd *kingdee.Client) (*Job, error) {
		conv, err := realConverter(c.picked)
		if err != nil {
			return nil, err
		}
		return newJob(wdt, kd, conv), nil
	})
}
