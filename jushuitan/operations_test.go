package jushuitan

import (
	"context"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

// Every row names a *Client method of the row's shape: (context.Context,
// *Request) returning (*Response, error), or (*duijie.Page[Response],
// error) for a paged row; a row without a Request takes only the context,
// a row without a Response returns only an error. So the table cannot
// drift from the methods.
func TestOperationsNameClientMethodsOfTheirShape(t *testing.T) {
	client := reflect.TypeFor[*Client]()
	ctxType := reflect.TypeFor[context.Context]()
	errType := reflect.TypeFor[error]()
	pageType := reflect.TypeFor[duijie.Page[int]]()
	rows := Operations()
	require.NotEmpty(t, rows)
	for _, row := range rows {
		t.Run(row.Name+" "+row.Wire, func(t *testing.T) {
			m, ok := client.MethodByName(row.Name)
			require.True(t, ok, "no *Client method %s", row.Name)
			mt := m.Type // In(0) is the receiver

			require.GreaterOrEqual(t, mt.NumIn(), 2)
			assert.Equal(t, ctxType, mt.In(1), "ctx first")
			if row.Request != nil {
				require.Equal(t, 3, mt.NumIn(), "(ctx, *%s)", row.Request)
				assert.Equal(t, reflect.PointerTo(row.Request), mt.In(2))
			} else {
				assert.Equal(t, 2, mt.NumIn(), "a row without a request takes only the context")
			}

			require.GreaterOrEqual(t, mt.NumOut(), 1)
			assert.Equal(t, errType, mt.Out(mt.NumOut()-1), "error last")
			if row.Response == nil {
				assert.Equal(t, 1, mt.NumOut(), "a row without a response returns only an error")
				assert.Equal(t, duijie.NotPaged, row.Paging)
				return
			}
			require.Equal(t, 2, mt.NumOut())
			out := mt.Out(0)
			require.Equal(t, reflect.Pointer, out.Kind())
			if row.Paging == duijie.NotPaged {
				assert.Equal(t, reflect.PointerTo(row.Response), out)
				return
			}
			page := out.Elem()
			assert.Equal(t, pageType.PkgPath(), page.PkgPath())
			assert.True(t, strings.HasPrefix(page.Name(), "Page["), "%s is not a duijie.Page", page)
			items, ok := page.FieldByName("Items")
			require.True(t, ok)
			assert.Equal(t, reflect.SliceOf(row.Response), items.Type, "a page of %s", row.Response)
		})
	}
}

// Every method that returns a page is a row: a listing cannot be added
// without its row.
func TestEveryPageMethodIsARow(t *testing.T) {
	named := map[string]bool{}
	for _, row := range Operations() {
		named[row.Name] = true
	}
	client := reflect.TypeFor[*Client]()
	pageType := reflect.TypeFor[duijie.Page[int]]()
	for i := range client.NumMethod() {
		m := client.Method(i)
		if m.Type.NumOut() == 0 || m.Type.Out(0).Kind() != reflect.Pointer {
			continue
		}
		out := m.Type.Out(0).Elem()
		if out.PkgPath() == pageType.PkgPath() && strings.HasPrefix(out.Name(), "Page[") {
			assert.True(t, named[m.Name], "%s returns a page but is no row of Operations", m.Name)
		}
	}
}

// The rows carry the vendor's addresses and caps as the vendor notes give
// them (jushuitan.md §2.4, §2.5, §2.6, §3.4, §3.5): written out here, not
// read from the table.
func TestOperationsCarryTheVendorsAddressesAndCaps(t *testing.T) {
	const week = 7 * 24 * time.Hour
	type want struct {
		name   string
		safe   bool
		paging duijie.Paging
		page   int
		window time.Duration
		batch  int
	}
	wants := map[string]want{
		"/open/inventory/query":         {"QueryInventory", true, duijie.PagedByNumber, 100, week, 0},
		"inventory.query":               {"QueryInventory", true, duijie.PagedByNumber, 100, week, 0},
		"/open/orders/single/query":     {"QueryOrders", true, duijie.PagedByNumber, 100, week, 0},
		"orders.single.query":           {"QueryOrders", true, duijie.PagedByNumber, 50, week, 0},
		"/open/logistic/query":          {"QueryShipments", true, duijie.PagedByNumber, 50, week, 0},
		"logistic.query":                {"QueryShipments", true, duijie.PagedByNumber, 50, week, 0},
		"/open/shops/query":             {"QueryShops", true, duijie.PagedByNumber, 100, 0, 0},
		"shops.query":                   {"QueryShops", true, duijie.PagedByNumber, 100, 0, 0},
		"/open/wms/partner/query":       {"QueryWarehouses", true, duijie.PagedByNumber, 0, 0, 0},
		"wms.partner.query":             {"QueryWarehouses", true, duijie.PagedByNumber, 0, 0, 0},
		"/open/jushuitan/orders/upload": {"UploadOrders", false, duijie.NotPaged, 0, 0, 50},
		"jushuitan.orders.upload":       {"UploadOrders", false, duijie.NotPaged, 0, 0, 50},
		"/openWeb/auth/getInitToken":    {"GetInitToken", false, duijie.NotPaged, 0, 0, 0},
		"/openWeb/auth/accessToken":     {"GetAccessToken", false, duijie.NotPaged, 0, 0, 0},
		"/openWeb/auth/refreshToken":    {"RefreshAccessToken", false, duijie.NotPaged, 0, 0, 0},
		"refresh.token":                 {"RefreshLegacyToken", false, duijie.NotPaged, 0, 0, 0},

		// The breadth catalogue (breadth.md §2, §4.2), from jst-java's
		// request Javadoc.
		"/open/orders/out/simple/query":      {"QuerySaleOuts", true, duijie.PagedByNumber, 50, week, 0},
		"orders.out.simple.query":            {"QuerySaleOuts", true, duijie.PagedByNumber, 50, week, 0},
		"/open/refund/single/query":          {"QueryRefunds", true, duijie.PagedByNumber, 50, week, 0},
		"refund.single.query":                {"QueryRefunds", true, duijie.PagedByNumber, 50, week, 0},
		"/open/purchasein/query":             {"QueryPurchaseIns", true, duijie.PagedByNumber, 50, week, 0},
		"purchasein.query":                   {"QueryPurchaseIns", true, duijie.PagedByNumber, 50, week, 0},
		"/open/purchaseout/query":            {"QueryPurchaseOuts", true, duijie.PagedByNumber, 50, week, 0},
		"purchaseout.query":                  {"QueryPurchaseOuts", true, duijie.PagedByNumber, 50, week, 0},
		"/open/other/inout/query":            {"QueryOtherInOuts", true, duijie.PagedByNumber, 50, week, 0},
		"/open/jushuitan/otherinout/upload":  {"UploadOtherInOut", false, duijie.NotPaged, 0, 0, 0},
		"jushuitan.otherinout.upload":        {"UploadOtherInOut", false, duijie.NotPaged, 0, 0, 0},
		"/open/sku/query":                    {"QuerySKUs", true, duijie.PagedByNumber, 50, week, 0},
		"sku.query":                          {"QuerySKUs", true, duijie.PagedByNumber, 50, week, 0},
		"/open/jushuitan/itemsku/upload":     {"UploadSKUs", false, duijie.NotPaged, 0, 0, 0},
		"jushuitan.itemsku.upload":           {"UploadSKUs", false, duijie.NotPaged, 0, 0, 0},
		"/open/supplier/query":               {"QuerySuppliers", true, duijie.PagedByNumber, 500, 24 * time.Hour, 0},
		"supplier.query":                     {"QuerySuppliers", true, duijie.PagedByNumber, 500, 24 * time.Hour, 0},
		"/open/supplier/upload":              {"UploadSuppliers", false, duijie.NotPaged, 0, 0, 0},
		"supplier.upload":                    {"UploadSuppliers", false, duijie.NotPaged, 0, 0, 0},
		"/open/inventory/count/query":        {"QueryStockCounts", true, duijie.PagedByNumber, 50, week, 0},
		"inventory.count.query":              {"QueryStockCounts", true, duijie.PagedByNumber, 50, week, 0},
		"/open/jushuitan/inventoryv2/upload": {"UploadStockCount", true, duijie.NotPaged, 0, 0, 500},
		"/open/jushuitan/purchase/upload":    {"UploadPurchase", false, duijie.NotPaged, 0, 0, 0},
		"/open/aftersale/upload":             {"UploadAfterSales", true, duijie.NotPaged, 0, 0, 0},
		"/open/purchase/query":               {"QueryPurchases", true, duijie.PagedByNumber, 50, week, 0},
		"/open/allocate/query":               {"QueryAllocates", true, duijie.PagedByNumber, 50, week, 0},
		"/open/aftersale/received/query":     {"QueryReceived", true, duijie.PagedByNumber, 50, week, 0},
	}
	got := map[string]want{}
	for _, row := range Operations() {
		_, dup := got[row.Wire]
		require.False(t, dup, "%s appears twice", row.Wire)
		got[row.Wire] = want{row.Name, row.SafeToReplay, row.Paging, row.MaxPageSize, row.MaxWindow, row.MaxBatch}
		assert.True(t, hasHan(row.Title), "%s: Title %q is the Chinese name", row.Wire, row.Title)
	}
	assert.Equal(t, wants, got)
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// Operations hands out a new slice: changing it changes nothing.
func TestOperationsIsAFreshSlice(t *testing.T) {
	a := Operations()
	want := Operations()
	for i := range a {
		a[i].Wire, a[i].SafeToReplay, a[i].MaxBatch = "changed", !a[i].SafeToReplay, -1
	}
	assert.Equal(t, want, Operations())
}

// capsClient is a client of generation g whose every request is counted
// and answered with an empty list under every list key.
func capsClient(t *testing.T, g Generation) (*Client, *int) {
	t.Helper()
	sent := 0
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		_, _ = io.ReadAll(r.Body)
		sent++
		lists := `"page_index":1,"has_next":false,"inventorys":[],"orders":[],"datas":[]`
		if g == Legacy {
			return httpmock.NewStringResponse(200, `{"code":0,"issuccess":true,"msg":"",`+lists+`}`), nil
		}
		return httpmock.NewStringResponse(200, `{"code":0,"msg":"","data":{`+lists+`}}`), nil
	})
	cfg, base := vectorCfg, testBase
	if g == Legacy {
		cfg, base = legacyCfg, testLegacyBase
	}
	c, err := NewClient(cfg, duijie.WithBaseURL(base), duijie.WithHTTPClient(&http.Client{Transport: mt}),
		duijie.WithClock(func() time.Time { return fixedNow }), duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 1}), duijie.WithRateLimit())
	require.NoError(t, err)
	return c, &sent
}

// callRow calls row's method with req (a pointer to row.Request) and
// returns its error.
func callRow(c *Client, row duijie.Operation, req reflect.Value) error {
	out := reflect.ValueOf(c).MethodByName(row.Name).Call([]reflect.Value{reflect.ValueOf(context.Background()), req})
	err, _ := out[len(out)-1].Interface().(error)
	return err
}

// setField sets a request field when the request type has it.
func setField(req reflect.Value, name string, v any) bool {
	f := req.Elem().FieldByName(name)
	if !f.IsValid() {
		return false
	}
	f.Set(reflect.ValueOf(v))
	return true
}

// The caps of every row, in its generation, are enforced before a byte is
// sent: one over the table's window, page size or batch is a
// *duijie.ValidationError naming the field, and nothing reaches the vendor;
// exactly at the cap the request is sent.
func TestTableCapsAreEnforcedBeforeSending(t *testing.T) {
	from := time.Date(2024, 5, 1, 0, 0, 0, 0, duijie.CST())
	checked := map[string]bool{}
	for _, row := range Operations() {
		g := OpenAPI
		if !strings.HasPrefix(row.Wire, "/") {
			g = Legacy
		}
		// newReq is a request of the row that passes every other check: a
		// modified range inside the window where the request has one.
		newReq := func() reflect.Value {
			req := reflect.New(row.Request)
			if row.MaxWindow > 0 {
				setField(req, "ModifiedBegin", from)
				setField(req, "ModifiedEnd", from.Add(time.Hour))
			}
			return req
		}
		try := func(t *testing.T, req reflect.Value, field string, over bool) {
			t.Helper()
			c, sent := capsClient(t, g)
			err := callRow(c, row, req)
			var ve *duijie.ValidationError
			if over {
				require.ErrorAs(t, err, &ve)
				assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
				assert.Equal(t, field, ve.Field)
				assert.Zero(t, *sent, "nothing is sent")
				return
			}
			assert.False(t, errors.As(err, &ve), "at the cap: %v", err)
			assert.Equal(t, 1, *sent, "at the cap the request is sent")
		}
		if row.MaxWindow > 0 {
			checked["window"] = true
			t.Run(row.Wire+" window", func(t *testing.T) {
				at := newReq()
				setField(at, "ModifiedEnd", from.Add(row.MaxWindow))
				try(t, at, "", false)
				over := newReq()
				setField(over, "ModifiedEnd", from.Add(row.MaxWindow+time.Second))
				try(t, over, "modified_end", true)
			})
		}
		if row.MaxPageSize > 0 {
			checked["page size"] = true
			t.Run(row.Wire+" page size", func(t *testing.T) {
				at := newReq()
				require.True(t, setField(at, "PageSize", row.MaxPageSize))
				try(t, at, "", false)
				over := newReq()
				setField(over, "PageSize", row.MaxPageSize+1)
				try(t, over, "page_size", true)
			})
		}
		if row.MaxBatch > 0 {
			checked["batch"] = true
			t.Run(row.Wire+" batch", func(t *testing.T) {
				fill, ok := batchFillers[row.Name]
				require.True(t, ok, "no batch filler for %s", row.Name)
				at := newReq()
				fill.set(at, row.MaxBatch)
				try(t, at, "", false)
				over := newReq()
				fill.set(over, row.MaxBatch+1)
				try(t, over, fill.field, true)
			})
		}
	}
	assert.Equal(t, map[string]bool{"window": true, "page size": true, "batch": true}, checked, "the table has every kind of cap")
}

// batchFiller fills a request of a row with a batch cap with n valid
// records; field is the field an over-the-cap batch is refused on.
type batchFiller struct {
	field string
	set   func(req reflect.Value, n int)
}

// batchFillers are the batch fillers of the rows with a batch cap, by
// method name.
var batchFillers = map[string]batchFiller{
	"UploadOrders": {"orders", func(req reflect.Value, n int) {
		list := make([]UploadOrder, n)
		for i := range list {
			list[i] = sampleOrder("SO" + strconv.Itoa(i))
		}
		req.Elem().FieldByName("Orders").Set(reflect.ValueOf(list))
	}},
	"UploadStockCount": {"items", func(req reflect.Value, n int) {
		u := req.Interface().(*StockCountUpload)
		u.SoID, u.Type, u.Items = "PD1", StockCheck, make([]StockCountUploadItem, n)
		for i := range u.Items {
			u.Items[i] = StockCountUploadItem{SKUID: "SKU" + strconv.Itoa(i), Qty: 1}
		}
	}},
}
