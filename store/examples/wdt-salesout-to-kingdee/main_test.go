package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
	"github.com/duijie/duijie/store/examples/internal/jobkit"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestDemoSavesEverySalesOutOnceAcrossTwoRuns(t *testing.T) {
	var out bytes.Buffer
	f, err := demo(&out, quiet)
	require.NoError(t, err, out.String())
	defer f.Close()

	bills := f.KD.Bills(kingdee.FormSalOutStock)
	assert.Len(t, bills, 30, "every sales-out became one bill")
	assert.Zero(t, f.KD.RepeatedNumbers(), "the repeated window sent no bill twice")
	b, ok := f.KD.Bill(kingdee.FormSalOutStock, "WDT-CK20260007")
	require.True(t, ok, "the sales-out refused in run 1 was saved in run 2")
	assert.Equal(t, map[string]any{"FNumber": "CUST.JD"}, b.Model["FCustomerID"])
	lines := b.Model["FEntity"].([]any)
	paid, gift := lines[0].(map[string]any), lines[1].(map[string]any)
	assert.Equal(t, json.Number("100"), paid["FAllAmount"], "share_amount, exactly")
	assert.Equal(t, json.Number("33.333333"), paid["FTaxPrice"], "share_amount / goods_count to 6 places")
	assert.Equal(t, json.Number("13"), paid["FEntryTaxRate"], "the line's tax 0.13 as a percent")
	assert.Equal(t, json.Number("3"), paid["FRealQty"])
	assert.Equal(t, true, gift["FIsFree"], "the line WDT marks a gift is free")
	assert.Equal(t, json.Number("0"), gift["FTaxPrice"])

	assert.Equal(t, `run 1: 0 window(s) done, 16 sales-out(s) read, 15 sales out-stock bill(s) saved, 0 already in Kingdee, checkpoint 2026-11-19 00:00:00
  not saved: CK20260007: mapping: document "CK20260007": no customer mapping for "JD-02" (header, shop_no)
  stopped: mapping: sync wdt-salesout-to-kingdee: window [2026-11-19 00:00:00, 2026-11-20 00:00:00): 1 sales-out(s) not saved; the window is kept for the next run
run 2: 3 window(s) done, 30 sales-out(s) read, 15 sales out-stock bill(s) saved, 15 already in Kingdee, checkpoint 2026-11-21 01:05:00
Kingdee holds 30 sales out-stock bill(s); numbers refused as taken: 0
`, out.String())
}

func TestChoiceFlags(t *testing.T) {
	parse := func(args ...string) *choices {
		fs := flag.NewFlagSet("wdt-salesout-to-kingdee", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		c := addChoiceFlags(fs)
		require.NoError(t, fs.Parse(args))
		return c
	}
	var help bytes.Buffer
	fs := flag.NewFlagSet("wdt-salesout-to-kingdee", flag.ContinueOnError)
	fs.SetOutput(&help)
	newFlags(fs)
	require.ErrorIs(t, fs.Parse([]string{"-h"}), flag.ErrHelp)
	for _, want := range []string{"-price", "required", "sell_price", "share_amount", "market_price", "-tax", "-tax-rate",
		"-material", "spec_code", "-date", "consign_time", "-zero-price-gift", "-real", "-dry-run", "-route", "WDT_URL", "KINGDEE_URL", "DUIJIE_STATE"} {
		assert.Contains(t, help.String(), want)
	}

	_, err := realConverter(parse())
	var ve *duijie.ValidationError
	require.True(t, errors.As(err, &ve), "no price chosen: %v", err)
	assert.Equal(t, "SalOutOptions.Price", ve.Field)

	for _, args := range [][]string{
		{"-price", "tax_price"},
		{"-price", "sell_price", "-tax", "fixed"},
		{"-price", "sell_price", "-tax-rate", "13"},
		{"-price", "sell_price", "-material", "sku_id"},
		{"-price", "sell_price", "-date", "io_date"},
	} {
		_, err := realConverter(parse(args...))
		assert.True(t, errors.As(err, &ve), "%v: %v", args, err)
	}
	_, err = realConverter(parse("-price", "sell_price", "-tax", "fixed", "-tax-rate", "x"))
	assert.ErrorContains(t, err, "-tax-rate")
	_, err = realConverter(parse("-price", "share_amount", "-tax", "fixed", "-tax-rate", "13", "-date", "created", "-zero-price-gift"))
	assert.NoError(t, err)
}

// realFakes starts the fakes with n sales-outs shipped in the last hours
// and points the real mode's variables at them.
func realFakes(t *testing.T, n int) (*wangdiantongtest.Server, *kingdeetest.Server) {
	t.Helper()
	wdt, kd := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0)), kingdeetest.NewServer()
	t.Cleanup(func() { wdt.Close(); kd.Close() })
	now := time.Now()
	for i := range n {
		at := now.Add(-3 * time.Hour).Add(time.Duration(i) * time.Minute)
		wdt.AddSalesStockout(wangdiantong.SalesStockout{OrderNo: duijie.Text(fmt.Sprintf("CK%03d", i)), ShopNo: "TMALL-01", Status: "95",
			WarehouseNo: "WH-SZ", ConsignTime: duijie.NewTime(at), Details: []wangdiantong.SalesStockoutDetail{
				{SpecNo: "SKU-RED", GoodsCount: duijie.AmountFromInt(2), SellPrice: duijie.AmountFromCents(1990)}}}, at)
	}
	kc := kd.Config()
	for k, v := range map[string]string{"WDT_URL": wdt.URL(), "WDT_SID": wangdiantongtest.SID, "WDT_APPKEY": wangdiantongtest.AppKey,
		"WDT_APPSECRET": wangdiantongtest.AppSecret, "KINGDEE_URL": kc.ServerURL, "KINGDEE_ACCTID": kc.AcctID,
		"KINGDEE_USER": kc.UserName, "KINGDEE_APPID": kc.AppID, "KINGDEE_APPSECRET": kc.AppSecret.Reveal(), "KINGDEE_ORG": ""} {
		t.Setenv(k, v)
	}
	return wdt, kd
}

// runReal runs the real mode with args and returns its exit code and output.
func runReal(t *testing.T, args ...string) (int, string) {
	t.Helper()
	fs := flag.NewFlagSet("wdt-salesout-to-kingdee", flag.ContinueOnError)
	c := newFlags(fs)
	require.NoError(t, fs.Parse(args))
	var out bytes.Buffer
	c.Out, c.Err = &out, &out
	return run(c, quiet), out.String()
}

// TestRealModeAgainstTheFakes runs the real mode as a scheduler would: a
// dry run writes nothing, the run saves every sales-out once, and the next
// run finds nothing new.
func TestRealModeAgainstTheFakes(t *testing.T) {
	_, kd := realFakes(t, 12)
	state := filepath.Join(t.TempDir(), "state.db")
	base := []string{"-real", "-state", state, "-since", "6h", "-price", "sell_price", "-progress", "off", "-stock", "CK01"}

	code, out := runReal(t, append(base, "-dry-run")...)
	assert.Equal(t, jobkit.ExitOK, code, out)
	assert.Contains(t, out, "would save WDT-CK000: customer TMALL-01, date ")
	assert.Contains(t, out, "; SKU-RED qty 2 price 19.9")
	assert.Contains(t, out, "dry run: 12 sales out-stock bill(s) would be saved; nothing was written, the checkpoint stays")
	assert.Empty(t, kd.Bills(kingdee.FormSalOutStock))

	code, out = runReal(t, base...)
	assert.Equal(t, jobkit.ExitOK, code, out)
	assert.Contains(t, out, "run: 1 window(s) done, 12 sales-out(s) read, 12 sales out-stock bill(s) saved, 0 already in Kingdee")
	assert.Len(t, kd.Bills(kingdee.FormSalOutStock), 12)
	b, ok := kd.Bill(kingdee.FormSalOutStock, "WDT-CK011")
	require.True(t, ok)
	assert.Equal(t, map[string]any{"FNumber": "100"}, b.Model["FSaleOrgId"], "KINGDEE_ORG unset: organisation 100")

	code, out = runReal(t, base...)
	assert.Equal(t, jobkit.ExitOK, code, out)
	assert.Contains(t, out, "sales out-stock bill(s) saved")
	assert.Len(t, kd.Bills(kingdee.FormSalOutStock), 12, "the next run writes nothing again")
	assert.Zero(t, kd.RepeatedNumbers())
}

func TestRealModeRefusesWrongChoicesAndVariables(t *testing.T) {
	realFakes(t, 1)
	state := filepath.Join(t.TempDir(), "state.db")
	code, out := runReal(t, "-real", "-state", state)
	assert.Equal(t, jobkit.ExitUsage, code)
	assert.Contains(t, out, "SalOutOptions.Price")

	code, out = runReal(t, "-real", "-state", state, "-price", "sell_price", "-page-size", "101")
	assert.Equal(t, jobkit.ExitUsage, code)
	assert.Contains(t, out, "-page-size 101: 1 to 100")

	t.Setenv("KINGDEE_URL", "")
	code, out = runReal(t, "-real", "-state", state, "-price", "sell_price")
	assert.Equal(t, jobkit.ExitUsage, code)
	assert.Contains(t, out, "KINGDEE_URL is not set")
}
