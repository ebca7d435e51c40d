package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/yihua/yihuatest"
)

func TestDemoSendsOrdersAndReturnsOnceEach(t *testing.T) {
	var out bytes.Buffer
	srv, docs, err := demo(&out, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err, out.String())
	defer srv.Close()

	assert.Zero(t, srv.Duplicates(), "the order whose answer was lost is found, not sent twice")
	require.Len(t, srv.Trades(), 4)
	for _, d := range docs {
		st, ok := srv.Trade(d.OrderNo)
		if d.OrderNo == "SO-3003" {
			assert.False(t, ok, "an unpaid order is not sent")
			continue
		}
		require.True(t, ok, d.OrderNo)
		assert.Equal(t, 1, st.Writes, d.OrderNo)
		assert.Equal(t, d.Return, st.Return, d.OrderNo)
		assert.Equal(t, st.OuterTradeID, d.ERPNo, "the shop keeps Yihua's number")
	}
	ret, _ := srv.Trade("RT-3001")
	require.Len(t, ret.Details, 1)
	assert.Equal(t, "YH-1001", ret.Details[0].GoodsID)
	fixed, _ := srv.Trade("SO-3004")
	assert.Equal(t, "YH-1003", fixed.Details[0].GoodsID)
	assert.Equal(t, "5F0E1D2C3B4A59687766554433221100", fixed.Details[0].YhProductID, "sent once the product was mapped")

	assert.Equal(t, `run 1: 2 sent, 0 found already in the ERP, 1 failed, 1 uncertain
  failed (sent again next run): SO-3004: mapping: document "SO-3004": nothing could be mapped: no product mapping for "SHOP-C" (line 0 "1", Lines[0].SKU)
  uncertain (check the ERP before sending again): SO-3002: no answer after 1 attempt(s)
run 2: 1 sent, 1 found already in the ERP, 0 failed, 0 uncertain
  order SO-3001: paid, ERP "6359657698853654529"
  order SO-3002: paid, ERP "6359657698853654530"
  order SO-3003: pending_payment, ERP ""
  order SO-3004: paid, ERP "6359657698853654532"
  return RT-3001: paid, ERP "6359657698853654531"
Yihua holds 4 order(s); written twice: 0
`, out.String())
}

func TestRealExitsNonZeroWhenDocumentsFail(t *testing.T) {
	srv := yihuatest.NewServer()
	defer srv.Close()
	srv.Inject(duijietest.Rule{Fault: yihuatest.ServerError()})
	cfg := srv.Config()
	t.Setenv("YIHUA_URL", srv.URL())
	t.Setenv("YIHUA_PLATFORM_ID", cfg.PlatformID)
	t.Setenv("YIHUA_TOKEN", string(cfg.UserAccessToken))
	t.Setenv("YIHUA_UID", cfg.UID)
	var out bytes.Buffer
	products := mapping.Codes{"SHOP-A": "P-A", "SHOP-B": "P-B", "SHOP-C": "P-C"}
	job := &Job{Products: products, StatePath: filepath.Join(t.TempDir(), "state.db"), Out: &out, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	code := job.Run(context.Background())
	assert.Equal(t, 1, code, "a run in which every write failed is a failed job")
	assert.Contains(t, out.String(), "run: 0 sent, 0 found already in the ERP, 0 failed, 4 uncertain")
	assert.Empty(t, srv.Trades())
}

func TestBaseURL(t *testing.T) {
	for _, in := range []string{"http://h", "http://h/", "http://h/Mall/Erp/ErpService.svc", "http://h/Mall/Erp/ErpService.svc/TradeTransferToErp"} {
		got, err := baseURL(in)
		require.NoError(t, err, in)
		assert.Equal(t, "http://h", got, in)
	}
	_, err := baseURL("http://h/api")
	assert.ErrorContains(t, err, `remove "/api"`)
	_, err = baseURL("")
	assert.ErrorContains(t, err, "YIHUA_URL is not set")
}

func TestLoadProducts(t *testing.T) {
	_, err := loadProducts("")
	require.Error(t, err, "the real mode needs the product table")
	path := filepath.Join(t.TempDir(), "products.csv")
	require.NoError(t, os.WriteFile(path, []byte("# sku,yhProductID\nSHOP-A, 268E6E1D13754EE9878E31A6F7EB9C43\n\nSHOP-B,0A1B\n"), 0o600))
	codes, err := loadProducts(path)
	require.NoError(t, err)
	assert.Equal(t, mapping.Codes{"SHOP-A": "268E6E1D13754EE9878E31A6F7EB9C43", "SHOP-B": "0A1B"}, codes)
	require.NoError(t, os.WriteFile(path, []byte("SHOP-A\n"), 0o600))
	_, err = loadProducts(path)
	assert.Error(t, err)
}
