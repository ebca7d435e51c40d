package chaos_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/internal/logcapture"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// jstBSingles is the scale of the chaos flows that write one bill per call:
// the scale of every chaos flow.
const jstBSingles = records

// jstBBatch is the records per call of the flows that write many.
const jstBBatch = 50

// jstBFlow is one write flow of the Jushuitan breadth operations under the
// standard fault mix.
type jstBFlow struct {
	// what names the flow in failures.
	what string
	// path is the write's openapi v2 path (for the fake's Repeats).
	path string
	// replayed is the row's replay rule: a replayed write is sent again by
	// the client after an unclear outcome; the others are not.
	replayed bool
	// keys are the records' keys, batch the records per call.
	keys  []string
	batch int
	// send writes one call's records and returns the keys it reports as not
	// delivered or maybe delivered.
	send func(ctx context.Context, keys []string) []string
	// lookup finds which keys the vendor has, through its query, before a
	// re-run sends them again; nil for replayed writes, which are resent.
	lookup func(ctx context.Context, keys []string) ([]string, error)
	// lookupBatch is the most keys per lookup.
	lookupBatch int
	// stored lists the keys as the fake stores them, one per record.
	stored func() []string
}

// jstBServer is a fake under the chaos plan and an openapi v2 client of it.
func jstBServer(t *testing.T, seed int64) (*jushuitantest.Server, *jushuitan.Client, *logcapture.Capture) {
	t.Helper()
	srv := jushuitantest.NewServer(jushuitantest.WithSeed(seed), jushuitantest.WithRateLimit(0, 0))
	t.Cleanup(srv.Close)
	srv.Inject(chaosPlan(jushuitantest.ThrottleFault())...)
	logger, logs := logcapture.New()
	c, err := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithHTTPClient(chaosClient()),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 4, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond}),
		duijie.WithRateLimit(), duijie.WithLogger(logger))
	require.NoError(t, err)
	return srv, c, logs
}

// jstBChunks cuts keys into runs of at most n.
func jstBChunks(keys []string, n int) [][]string {
	var out [][]string
	for start := 0; start < len(keys); start += n {
		out = append(out, keys[start:min(start+n, len(keys))])
	}
	return out
}

// jstBRun drives a flow: a first run, after which every record not
// reported must be stored (nothing silently lost); then re-runs of what was
// reported, which for writes that are not replayed look each record up
// through the vendor's query first and send only the missing ones; then
// every record stored exactly once, and every fault of the mix survived.
// For a write that is not replayed, every repeat the fake saw (a record
// sent again after it arrived) is explained by a throttle answered after
// the write was stored (FaultAnswerAfter): codes 199 and 200 are the
// vendor's refusals before processing, the only unclear outcome the client
// sends such a write again after.
func jstBRun(t *testing.T, srv *jushuitantest.Server, f jstBFlow) {
	t.Helper()
	sendAll := func(keys []string) []string {
		var reported []string
		for _, chunk := range jstBChunks(keys, f.batch) {
			ctx, cancel := callContext()
			reported = append(reported, f.send(ctx, chunk)...)
			cancel()
		}
		return reported
	}
	reported := sendAll(f.keys)
	t.Logf("%s: first run: %d of %d reported not delivered or maybe delivered; faults injected: %d",
		f.what, len(reported), len(f.keys), srv.FaultsInjected(0))
	require.NotEmpty(t, reported, "the chaos made some calls fail")

	isReported := make(map[string]bool, len(reported))
	for _, k := range reported {
		isReported[k] = true
	}
	stored := map[string]bool{}
	for _, k := range f.stored() {
		stored[k] = true
	}
	var lost []string
	for _, k := range f.keys {
		if !isReported[k] && !stored[k] {
			lost = append(lost, k)
		}
	}
	require.Empty(t, lost, "%s: records neither stored nor reported; first: %v", f.what, firstKeys(lost))

	rerun(t, f.what, reported, func(k string) string { return k }, func(todo []string) []string {
		if f.lookup == nil {
			return sendAll(todo)
		}
		var missing, unchecked []string
		for _, chunk := range jstBChunks(todo, f.lookupBatch) {
			ctx, cancel := callContext()
			found, err := f.lookup(ctx, chunk)
			cancel()
			if err != nil {
				unchecked = append(unchecked, chunk...) // looked up again next round
				continue
			}
			there := make(map[string]bool, len(found))
			for _, k := range found {
				there[k] = true
			}
			for _, k := range chunk {
				if !there[k] {
					missing = append(missing, k)
				}
			}
		}
		return append(unchecked, sendAll(missing)...)
	})
	exactlyOnce(t, f.what, f.keys, f.stored())
	assertEveryFault(t, srv.FaultsInjected)
	repeats := srv.Repeats(f.path)
	t.Logf("%s: %d records were sent again after they arrived", f.what, repeats)
	if !f.replayed {
		assert.LessOrEqual(t, repeats, srv.FaultsInjected(duijietest.FaultAnswerAfter),
			"%s is not replayed: a record is sent again only after a throttle code", f.what)
	}
}

// jstBReported reads a write's error: every key of the call when the call
// failed as a whole, the failed and unknown rows of a *duijie.BatchError.
func jstBReported(err error, keys []string) []string {
	if err == nil {
		return nil
	}
	var be *duijie.BatchError
	if errors.As(err, &be) {
		var out []string
		for _, i := range be.FailedIndexes() {
			out = append(out, keys[i])
		}
		return out
	}
	return keys
}

// jstBKeys are n keys with a prefix.
func jstBKeys(prefix string, n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("%s%05d", prefix, i)
	}
	return keys
}

// Other in/out uploads are not replayed: each record is stored once or
// reported, and a re-run that looks bills up by external_id first stores
// the rest once.
func TestJstBreadthOtherInOutUploadUnderChaos(t *testing.T) {
	srv, c, logs := jstBServer(t, 31)
	jstBRun(t, srv, jstBFlow{what: "other in/out bills", path: "/open/jushuitan/otherinout/upload", keys: jstBKeys("QT", jstBSingles), batch: 1,
		send: func(ctx context.Context, keys []string) []string {
			_, err := c.UploadOtherInOut(ctx, &jushuitan.OtherInOutUpload{ExternalID: keys[0], Type: jushuitan.OtherOut, IsConfirm: true,
				ReceiverMobile: "13812345678", Items: []jushuitan.OtherInOutUploadItem{{SKUID: "SKU1", Qty: 1}}})
			return jstBReported(err, keys)
		},
		lookupBatch: jushuitan.MaxOtherInOutKeys,
		lookup: func(ctx context.Context, keys []string) ([]string, error) {
			var found []string
			for b, err := range c.OtherInOuts(ctx, &jushuitan.OtherInOutQuery{SoIDs: keys}) {
				if err != nil {
					return nil, err
				}
				found = append(found, b.SoID)
			}
			return found, nil
		},
		stored: func() []string {
			var out []string
			for _, b := range srv.OtherInOuts() {
				out = append(out, b.SoID)
			}
			return out
		}})
	assert.Empty(t, logs.Leaks([]string{jushuitantest.AppSecret, jushuitantest.AccessToken, "13812345678"}))
}

// Purchase order uploads are not replayed; a re-run looks orders up by
// external_id through QueryPurchases first.
func TestJstBreadthPurchaseUploadUnderChaos(t *testing.T) {
	srv, c, _ := jstBServer(t, 32)
	price, _ := duijie.ParseAmount("3.5")
	jstBRun(t, srv, jstBFlow{what: "purchase orders", path: "/open/jushuitan/purchase/upload", keys: jstBKeys("PO", jstBSingles), batch: 1,
		send: func(ctx context.Context, keys []string) []string {
			_, err := c.UploadPurchase(ctx, &jushuitan.PurchaseUpload{ExternalID: keys[0], SupplierID: 1,
				Items: []jushuitan.PurchaseUploadItem{{SKUID: "SKU1", Qty: 10, Price: price}}})
			return jstBReported(err, keys)
		},
		lookupBatch: jushuitan.MaxPurchasePageSize,
		lookup: func(ctx context.Context, keys []string) ([]string, error) {
			var found []string
			for p, err := range c.Purchases(ctx, &jushuitan.PurchaseQuery{SoIDs: keys}) {
				if err != nil {
					return nil, err
				}
				found = append(found, p.SoID)
			}
			return found, nil
		},
		stored: func() []string {
			var out []string
			for _, p := range srv.Purchases() {
				out = append(out, p.ExternalID)
			}
			return out
		}})
}

// Stocktaking uploads are replayed (so_id, the first success standing):
// every bill adds 1 to one SKU, and the stock ends at exactly the number
// of bills, so none was applied twice and none lost.
func TestJstBreadthStockCountUploadUnderChaos(t *testing.T) {
	srv, c, _ := jstBServer(t, 33)
	keys := jstBKeys("PD", jstBSingles)
	jstBRun(t, srv, jstBFlow{what: "stocktaking bills", path: "/open/jushuitan/inventoryv2/upload", replayed: true, keys: keys, batch: 1,
		send: func(ctx context.Context, keys []string) []string {
			_, err := c.UploadStockCount(ctx, &jushuitan.StockCountUpload{SoID: keys[0], Type: jushuitan.StockAdjust, IsConfirm: true,
				Items: []jushuitan.StockCountUploadItem{{SKUID: "CHAOS", Qty: 1}}})
			return jstBReported(err, keys)
		},
		stored: func() []string {
			var out []string
			for _, st := range srv.StockCountUploads() {
				out = append(out, st.SoID)
			}
			return out
		}})
	stock, ok := srv.Inventory("CHAOS")
	require.True(t, ok)
	assert.Equal(t, fmt.Sprint(len(keys)), stock.Qty.String(), "every bill changed the stock once")
	assert.Positive(t, srv.Repeats("/open/jushuitan/inventoryv2/upload"), "the client replayed bills the vendor already had")
}

// SKU uploads (50 a call, one outcome per SKU) are not replayed; a re-run
// looks SKUs up through QuerySKUs first.
func TestJstBreadthSKUUploadUnderChaos(t *testing.T) {
	srv, c, _ := jstBServer(t, 34)
	jstBRun(t, srv, jstBFlow{what: "SKUs", path: "/open/jushuitan/itemsku/upload", keys: jstBKeys("SKU", records), batch: jstBBatch,
		send: func(ctx context.Context, keys []string) []string {
			skus := make([]jushuitan.SKUUpload, len(keys))
			for i, k := range keys {
				skus[i] = jushuitan.SKUUpload{SKUID: k, Name: "商品" + k}
			}
			res, err := c.UploadSKUs(ctx, &jushuitan.UploadSKUsRequest{SKUs: skus})
			if err == nil {
				require.Len(t, res.Results, len(keys))
			}
			return jstBReported(err, keys)
		},
		lookupBatch: jushuitan.MaxSKUIDs,
		lookup: func(ctx context.Context, keys []string) ([]string, error) {
			var found []string
			for k, err := range c.SKUs(ctx, &jushuitan.SKUQuery{SKUIDs: keys}) {
				if err != nil {
					return nil, err
				}
				found = append(found, k.SKUID)
			}
			return found, nil
		},
		stored: func() []string {
			var out []string
			for _, k := range srv.SKUs() {
				out = append(out, k.SKUID)
			}
			return out
		}})
}

// Supplier uploads (50 a call, one outcome per supplier) are not
// replayed; a re-run looks suppliers up by code first.
func TestJstBreadthSupplierUploadUnderChaos(t *testing.T) {
	srv, c, _ := jstBServer(t, 35)
	jstBRun(t, srv, jstBFlow{what: "suppliers", path: "/open/supplier/upload", keys: jstBKeys("GYS", records), batch: jstBBatch,
		send: func(ctx context.Context, keys []string) []string {
			list := make([]jushuitan.SupplierUpload, len(keys))
			for i, k := range keys {
				list[i] = jushuitan.SupplierUpload{SupplierCode: k, Name: "供应商" + k}
			}
			_, err := c.UploadSuppliers(ctx, &jushuitan.UploadSuppliersRequest{Suppliers: list})
			return jstBReported(err, keys)
		},
		lookupBatch: jushuitan.MaxSupplierKeys,
		lookup: func(ctx context.Context, keys []string) ([]string, error) {
			var found []string
			for sp, err := range c.Suppliers(ctx, &jushuitan.SupplierQuery{SupplierCodes: keys}) {
				if err != nil {
					return nil, err
				}
				found = append(found, sp.SupplierCode)
			}
			return found, nil
		},
		stored: func() []string {
			var out []string
			for _, sp := range srv.Suppliers() {
				out = append(out, sp.SupplierCode)
			}
			return out
		}})
}

// After-sale uploads (50 a call) are replayed (outer_as_id): every bill is
// stored once, and a re-run resends what was reported.
func TestJstBreadthAfterSaleUploadUnderChaos(t *testing.T) {
	srv, c, _ := jstBServer(t, 36)
	refund, _ := duijie.ParseAmount("9.90")
	jstBRun(t, srv, jstBFlow{what: "after-sale bills", path: "/open/aftersale/upload", replayed: true, keys: jstBKeys("AS", records), batch: jstBBatch,
		send: func(ctx context.Context, keys []string) []string {
			list := make([]jushuitan.AfterSaleUpload, len(keys))
			for i, k := range keys {
				list[i] = jushuitan.AfterSaleUpload{ShopID: jushuitantest.ShopID, OuterAsID: k, SoID: "SO-" + k, Type: "仅退款", Refund: refund}
			}
			res, err := c.UploadAfterSales(ctx, &jushuitan.UploadAfterSalesRequest{AfterSales: list})
			if err == nil {
				require.Len(t, res.Results, len(keys))
			}
			return jstBReported(err, keys)
		},
		stored: func() []string {
			var out []string
			for _, r := range srv.AfterSales() {
				out = append(out, r.OuterAsID)
			}
			return out
		}})
}
