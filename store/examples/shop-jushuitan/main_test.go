package main

import (
	"bytes"
	"io"
	"log/slog"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
	"github.com/duijie/duijie/mapping"
)

func TestDemoRunsTheThreeJobsWithoutLossOrDuplicates(t *testing.T) {
	var out bytes.Buffer
	srv, shop, err := demo(&out, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err, out.String())
	defer srv.Close()

	// Orders: each uploaded once, the refused one never stored, the unpaid
	// one never sent.
	var got []string
	for _, o := range srv.Uploads() {
		got = append(got, o.SoID)
		assert.Equal(t, 1, o.Uploads, "%s uploaded more than once", o.SoID)
		assert.Equal(t, shop.Orders[o.SoID].ERPOrderID, o.OID, "the shop keeps Jushuitan's order number")
	}
	sort.Strings(got)
	assert.Equal(t, []string{"SO-1001", "SO-1002", "SO-1005"}, got)
	assert.Equal(t, "Jushuitan: 收货人手机号不正确", shop.Orders["SO-1004"].UploadError, "the refusal is kept for the host to fix")

	// Stock: the shop sells what Jushuitan has, less what orders lock.
	for sku, code := range shop.Goods {
		it, ok := srv.Inventory(code)
		require.True(t, ok)
		assert.True(t, it.Qty.Sub(it.OrderLock).Equal(shop.Stock[sku]), "%s: shop %s, Jushuitan %s−%s", sku, shop.Stock[sku], it.Qty, it.OrderLock)
	}

	// Shipments: the shipped orders carry the warehouse's tracking numbers.
	assert.Equal(t, mapping.ShopShipped, shop.Orders["SO-1001"].Status)
	assert.Equal(t, "SF1000000002", shop.Orders["SO-1002"].TrackingNo)
	assert.Equal(t, mapping.ShopPaid, shop.Orders["SO-1005"].Status, "not shipped yet")
	_, ok := srv.Uploaded(jushuitantest.ShopID, "SO-1003")
	assert.False(t, ok)

	assert.Equal(t, `round 1: 2 stock row(s) updated, 2 order(s) uploaded, 2 not uploaded, 0 shipped
  not uploaded: SO-1005: mapping: document "SO-1005": nothing could be mapped: no goods mapping for "SHOP-C" (line 0 "1", Lines[0].SKU)
  not uploaded: SO-1004: Jushuitan: 收货人手机号不正确
round 2: 3 stock row(s) updated, 1 order(s) uploaded, 1 not uploaded, 2 shipped
  not uploaded: SO-1004: Jushuitan: 收货人手机号不正确
round 3: 3 stock row(s) updated, 0 order(s) uploaded, 1 not uploaded, 0 shipped
  not uploaded: SO-1004: Jushuitan: 收货人手机号不正确
  stock SHOP-A: 40
  stock SHOP-B: 7
  stock SHOP-C: 10
  order SO-1001: shipped, Jushuitan 9000001, 顺丰速运 SF1000000001
  order SO-1002: shipped, Jushuitan 9000002, 顺丰速运 SF1000000002
  order SO-1003: pending_payment
  order SO-1004: paid
  order SO-1005: paid, Jushuitan 9000003
Jushuitan holds 3 order(s)
`, out.String())
}

func TestRealOnceExitsNonZeroWhenOrdersFail(t *testing.T) {
	srv := jushuitantest.NewServer(jushuitantest.WithRateLimit(0, 0))
	defer srv.Close()
	srv.Inject(duijietest.Rule{Fault: duijietest.Fault{Kind: duijietest.FaultStatus, Status: 500, Body: []byte("down")}})
	cfg := srv.Config()
	t.Setenv("JST_URL", srv.URL())
	t.Setenv("JST_APP_KEY", cfg.AppKey)
	t.Setenv("JST_APP_SECRET", string(cfg.AppSecret))
	t.Setenv("JST_ACCESS_TOKEN", string(cfg.AccessToken))
	t.Setenv("JST_SHOP_ID", strconv.FormatInt(jushuitantest.ShopID, 10))
	var out bytes.Buffer
	code := runReal(nil, &out, slog.New(slog.NewTextHandler(io.Discard, nil)),
		realOptions{once: true, state: filepath.Join(t.TempDir(), "state.db"), since: time.Now().Add(-time.Hour)})
	assert.Equal(t, 1, code, "a round in which every write failed is a failed job")
	assert.Contains(t, out.String(), "round 1: 0 stock row(s) updated, 0 order(s) uploaded, 4 not uploaded")
	assert.Empty(t, srv.Uploads())
}
