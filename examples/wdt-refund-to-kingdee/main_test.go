package main

import (
	"bytes"
	"io"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/kingdee"
)

func TestDemoSavesEveryStockinOnceAcrossTwoRuns(t *testing.T) {
	var out bytes.Buffer
	f, err := demo(&out, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err, out.String())
	defer f.Close()

	bills := f.kd.Bills(kingdee.FormSalReturnStock)
	assert.Len(t, bills, 24, "every stock-in became one sales return")
	assert.Zero(t, f.kd.RepeatedNumbers(), "the repeated window sent no bill twice")
	seen := map[string]bool{}
	for _, b := range bills {
		assert.False(t, seen[b.Number], b.Number)
		seen[b.Number] = true
	}
	assert.True(t, seen["WDT-RK20260017"], "the stock-in refused in run 1 was saved in run 2")
	b, ok := f.kd.Bill(kingdee.FormSalReturnStock, "WDT-RK20260017")
	require.True(t, ok)
	entries := b.Model["FEntity"].([]any)
	assert.Equal(t, map[string]any{"FNumber": "MAT.1003"}, entries[0].(map[string]any)["FMaterialId"])

	assert.Equal(t, `run 1: 2 window(s) done, 24 stock-in(s) read, 23 sales return(s) saved, 0 already in Kingdee, checkpoint 2026-11-21 00:00:00
  not saved: RK20260017: mapping: document "RK20260017": nothing could be mapped: no goods mapping for "SKU-NEW" (line 0, details_list[0].spec_no)
  stopped: mapping: sync wdt-refund-stockin-to-kingdee: window [2026-11-21 00:00:00, 2026-11-22 00:00:00): 1 stock-in(s) not saved; the window is kept for the next run
run 2: 2 window(s) done, 8 stock-in(s) read, 1 sales return(s) saved, 7 already in Kingdee, checkpoint 2026-11-22 01:05:00
Kingdee holds 24 sales return(s); numbers refused as taken: 0
`, out.String())
}
