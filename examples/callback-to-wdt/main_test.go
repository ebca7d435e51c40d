package main

import (
	"bytes"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDemoPushesTheGoodOrderAndReportsTheBadOne(t *testing.T) {
	var out bytes.Buffer
	srv, results, err := demo(&out, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	defer srv.Close()
	require.Len(t, results, 2)
	assert.Equal(t, Result{Tid: "CB-1001", OK: true}, results[0])
	assert.False(t, results[1].OK)
	assert.Contains(t, results[1].Reason, "order_list")

	trades := srv.Trades()
	require.Len(t, trades, 1, "only the good order reached WDT")
	assert.Equal(t, "CB-1001", trades[0].Trade["tid"])
	assert.Equal(t, "QY01", trades[0].ShopNo)
	assert.True(t, strings.HasPrefix(out.String(), "callback answered HTTP 200\n"))
	assert.NotContains(t, out.String(), "13800138000")
}
