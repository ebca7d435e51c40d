package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
)

func TestDemoSavesEveryStockinOnceAcrossTwoRuns(t *testing.T) {
	var out bytes.Buffer
	f, err := demo(&out, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err, out.String())
	defer f.Close()

	bills := f.KD.Bills(kingdee.FormSalReturnStock)
	assert.Len(t, bills, 24, "every stock-in became one sales return")
	assert.Zero(t, f.KD.RepeatedNumbers(), "the repeated window sent no bill twice")
	seen := map[string]bool{}
	for _, b := range bills {
		assert.False(t, seen[b.Number], b.Number)
		seen[b.Number] = true
	}
	assert.True(t, seen["WDT-RK20260017"], "the stock-in refused in run 1 was saved in run 2")
	b, ok := f.KD.Bill(kingdee.FormSalReturnStock, "WDT-RK20260017")
	require.True(t, ok)
	entries := b.Model["FEntity"].([]any)
	line := entries[0].(map[string]any)
	assert.Equal(t, map[string]any{"FNumber": "MAT.1003"}, line["FMaterialId"])
	assert.Equal(t, json.Number("13"), line["FEntryTaxRate"], "the line's tax 0.13 as a percent")
	assert.Equal(t, json.Number("179"), line["FTaxPrice"], "tax_price, not the list price")
	assert.Equal(t, json.Number("1"), line["FRealQty"], "num")

	assert.Equal(t, `run 1: 2 window(s) done, 24 stock-in(s) read, 23 sales return(s) saved, 0 already in Kingdee, checkpoint 2026-11-21 00:00:00
  not saved: RK20260017: mapping: document "RK20260017": nothing could be mapped: no goods mapping for "SKU-NEW" (line 0, details_list[0].spec_no)
  stopped: mapping: sync wdt-refund-stockin-to-kingdee: window [2026-11-21 00:00:00, 2026-11-22 00:00:00): 1 stock-in(s) not saved; the window is kept for the next run
run 2: 2 window(s) done, 8 stock-in(s) read, 1 sales return(s) saved, 7 already in Kingdee, checkpoint 2026-11-22 01:05:00
Kingdee holds 24 sales return(s); numbers refused as taken: 0
`, out.String())
}

func TestRealModeChoiceFlags(t *testing.T) {
	parse := func(args ...string) (*choices, error) {
		fs := flag.NewFlagSet("wdt-refund-to-kingdee", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		c := addChoiceFlags(fs)
		return c, fs.Parse(args)
	}

	var help bytes.Buffer
	fs := flag.NewFlagSet("wdt-refund-to-kingdee", flag.ContinueOnError)
	fs.SetOutput(&help)
	addChoiceFlags(fs)
	require.ErrorIs(t, fs.Parse([]string{"-h"}), flag.ErrHelp)
	for _, want := range []string{"-qty", "num", "right_num", "goods_count", "-price", "tax_price", "right_price", "src_price",
		"-tax", "material", "fixed", "-tax-rate", "-zero-price-gift"} {
		assert.Contains(t, help.String(), want)
	}

	c, err := parse()
	require.NoError(t, err)
	_, err = realConverter(c)
	assert.NoError(t, err, "the defaults need no further choice")

	for _, args := range [][]string{
		{"-tax", "fixed"},
		{"-tax-rate", "13"},
		{"-qty", "count"},
		{"-price", "cost"},
		{"-tax", "13"},
	} {
		c, err := parse(args...)
		require.NoError(t, err)
		_, err = realConverter(c)
		var ve *duijie.ValidationError
		assert.True(t, errors.As(err, &ve), "%v: %v", args, err)
	}
	c, err = parse("-tax", "fixed", "-tax-rate", "x")
	require.NoError(t, err)
	_, err = realConverter(c)
	assert.Error(t, err)

	c, err = parse("-qty", "right_num", "-price", "right_price", "-tax", "fixed", "-tax-rate", "13", "-zero-price-gift")
	require.NoError(t, err)
	_, err = realConverter(c)
	assert.NoError(t, err)
}
