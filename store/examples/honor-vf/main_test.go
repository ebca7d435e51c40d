package main

import (
	"bytes"
	"io"
	"log/slog"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/honor"
)

func TestDemoMovesEveryFlowAndLosesNothing(t *testing.T) {
	var out bytes.Buffer
	srv, err := demo(&out, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NotNil(t, srv)
	defer srv.Close()
	require.NoError(t, err, out.String())

	// Feedback: the two Himall outbounds, once each, never the local one.
	ships := srv.Shipments()
	require.Len(t, ships, 2)
	pf1, ok := srv.Shipment("PF001")
	require.True(t, ok)
	assert.Equal(t, "VF001", pf1.Feedback.OrderNo)
	assert.Equal(t, 1, pf1.Writes)
	require.Len(t, pf1.Feedback.Lines, 2)
	assert.Equal(t, []string{"869000000000001", "869000000000002"}, pf1.Feedback.Lines[0].Serials)
	_, ok = srv.Shipment("PF900")
	assert.False(t, ok, "a local order gets no feedback")

	// PSI: every selected serial once, the refused one not at all.
	var keys []string
	for _, r := range srv.PSIRecords() {
		keys = append(keys, r.Record.Key().String())
		assert.Equal(t, 1, r.Writes, "the failed calls stored nothing, the re-upload stored each once")
	}
	sort.Strings(keys)
	assert.Equal(t, []string{"PF001/869000000000001", "PF001/869000000000002", "PF001/869000000000011",
		"PF003/869000000000101", "PF003/869000000000102", "PF900/869000000000901"}, keys)
	rec, ok := srv.PSIRecordFor(honor.PSIKey{DocNo: "PF003", Serial: "869000000000101"})
	require.True(t, ok)
	assert.Equal(t, "VF003", rec.Record.VFOrderNo)
	assert.Equal(t, honor.PSIOut, rec.Record.Direction)

	// Orders: VF004's change was read by the second poll and reported as a
	// conflict; the wholesale order taken at 10:00 was not overwritten.
	o, _ := srv.Order("VF004")
	assert.Equal(t, "2026-11-21 10:02:00", o.ModifiedTime.String())

	assert.Equal(t, `goods synced at 2026-11-21 10:00:00: 3 from Himall, 2 mapped; to map: HM-P70 荣耀平板 9
customers synced at 2026-11-21 10:00:00: 2 from Himall, 1 mapped; to map: HC02 广州天河数码店
10:00 poll: 0 window(s) done, 4 order(s) read, 3 created, 0 updated, 0 unchanged, checkpoint 2026-11-21 00:00:00
  partial: VF002 without 1 unmapped line(s): [no goods mapping for "HM-P70" (line 1 "2", lines[1].goods_code)]
  not created: VF003: mapping: document "VF003": no customer mapping for "HC02" (header, customer_code)
  stopped: mapping: sync honor-vf-orders: window [2026-11-21 00:00:00, 2026-11-21 09:59:00): 1 order(s) not created; the window is kept for the next poll
10:05 poll: 1 window(s) done, 4 order(s) read, 1 created, 0 updated, 2 unchanged, checkpoint 2026-11-21 10:04:00
  conflict, kept as it was: mapping: VF order "VF004" changed in Himall after it was taken into the ERP, which may not change it: Amount "1899" → "5697"; Lines[0].Quantity "1" → "3"; Lines[0].Amount "1899" → "5697"
  wholesale order for VF001: customer KH001, 2 line(s), amount 10697
  wholesale order for VF002: customer KH001, 1 line(s), amount 4399
  wholesale order for VF003: customer KH002, 1 line(s), amount 3798
  wholesale order for VF004: customer KH001, 1 line(s), amount 1899
15:00 feedback: 2 sent (0 replayed), not Himall orders: PF900
18:00 finance: 3 incentive row(s), 2 fund-pool row(s); balance of HC01: 9303
01:30 PSI upload of 2026-11-21: 7 serial(s) selected; log: 0 uploaded, 7 unconfirmed, 0 failed, 0 not sent
  skipped: PF900 line 1: no serial numbers
  upload stopped: honor: PSI upload: 7 of 7 records not confirmed: honor honor.psi.serial.upload: temporary failure (HTTP 502)
01:45 re-upload: 7 record(s) sent again; still failing: 1
  PF900/869000000000903: 3001 serial is not an Honor unit
Honor holds 2 shipment feedback(s) and 6 PSI serial(s)
`, out.String())
}
