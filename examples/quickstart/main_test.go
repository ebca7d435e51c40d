package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
`, out.String())
}
