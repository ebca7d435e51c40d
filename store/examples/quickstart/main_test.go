package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/store/examples/internal/proctest"
)

func TestQuickstartRunsEveryFlow(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out))
	assert.Equal(t, `旺店通 trade_push: 3 sent, 2 created, 0 updated
  rejected SO-003: 包含无法保存的字符
旺店通 refund stock-ins: first RK20240501, warehouse WH1, PHONE-128G x 1
旺店通 refund stock-ins: 3 read
益华 Y-1001: ERP order 6359657698853654529 (return: false)
益华 Y-1002: ERP order 6359657698853654530 (return: true)
益华 Y-1003: not sent: Details[0].GoodsNumber out of range
益华 trades stored: 2, duplicates: 0
金蝶 RK-CASE-RED: not converted: mapping: document "RK-CASE-RED": nothing could be mapped: no goods mapping for "CASE-RED" (line 0, details_list[0].spec_no)
金蝶 SAL_RETURNSTOCK WDT-RK-PHONE-128G saved: true
金蝶 re-run: 1 already there; bills stored: 1
金蝶 SAL_OUTSTOCK WDT-CK-1 saved: true, 3 x 166.666667 = 500
聚水潭 SHOP-002: not converted: mapping: invalid request: Lines[0].Qty: out of range (must be above 0)
聚水潭 upload SHOP-001: ok true, ERP order 9000001
聚水潭 stock PHONE-128G: 42
荣耀 goods synced: 2, mapped: 1
荣耀 VF001 → wholesale order: 1 line(s) kept, left out: [no goods mapping for "HM-P9" (line 1 "2", lines[1].goods_code)]
荣耀 shipment feedback PF001: created
荣耀 shipment feedback PF900: not sent: not a Himall VF order
荣耀 PSI: 2 serial(s) uploaded, log: PF001/869000000000001 uploaded
`, out.String())
}

func TestQuickstartHelpListsItsFlags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := proctest.Build(t, ".")
	res := proctest.Run(t, bin, nil, "-h")
	assert.Equal(t, 0, res.Code)
	assert.Contains(t, res.Stderr, "Usage: quickstart [flags]")
	assert.Contains(t, res.Stderr, "-timeout")
	assert.Empty(t, res.Stdout, "-h runs no flow")
	bad := proctest.Run(t, bin, nil, "-real")
	assert.Equal(t, 2, bad.Code)
}
