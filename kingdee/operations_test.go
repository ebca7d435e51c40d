package kingdee_test

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
)

// row returns the table row of the method name on the service wire.
func row(t *testing.T, name, wire string) duijie.Operation {
	t.Helper()
	for _, op := range kingdee.Operations() {
		if op.Name == name && op.Wire == wire {
			return op
		}
	}
	t.Fatalf("no operation %s on %s", name, wire)
	return duijie.Operation{}
}

func TestOperationsTable(t *testing.T) {
	ops := kingdee.Operations()
	var names []string
	for _, op := range ops {
		names = append(names, op.Name+" "+strings.TrimPrefix(strings.TrimPrefix(op.Wire, kingdee.DynamicFormService), "Kingdee.BOS.WebApi.ServicesStub.AuthService."))
	}
	assert.Equal(t, []string{"Save Save", "Draft Draft", "BatchSave BatchSave", "SaveSalReturns BatchSave",
		"SaveSalOutStocks BatchSave", "SaveMisDeliveries BatchSave", "SaveMiscellaneous BatchSave",
		"SaveTransferDirects BatchSave", "SaveInStocks BatchSave", "SavePurMRBs BatchSave", "SavePurchaseOrders BatchSave",
		"SaveSaleOrders BatchSave", "SaveMaterials BatchSave", "SaveSuppliers BatchSave", "SaveCustomers BatchSave",
		"SaveStockCountGains BatchSave", "SaveStockCountLosses BatchSave",
		"Submit Submit", "Audit Audit", "UnAudit UnAudit", "Delete Delete", "Push Push", "View View",
		"ExecuteBillQuery ExecuteBillQuery", "QueryInventory ExecuteBillQuery", "Login LoginBySign", "Login LoginByAppSecret", "Login ValidateUser",
		"Logout Logout"}, names)

	for _, op := range ops {
		assert.NotEmpty(t, op.Title, op.Name)
		assert.Zero(t, op.MaxWindow, "%s: Kingdee caps no time span", op.Name)
		switch op.Name {
		case "View", "ExecuteBillQuery", "QueryInventory", "Login":
			assert.True(t, op.SafeToReplay, "%s %s is replayed", op.Name, op.Wire)
		default:
			assert.False(t, op.SafeToReplay, "%s is never replayed blindly", op.Name)
		}
		switch {
		case op.Wire == kingdee.ServiceBatchSave:
			assert.Equal(t, kingdee.MaxBatchSave, op.MaxBatch, op.Name)
		default:
			assert.Zero(t, op.MaxBatch, op.Name)
		}
		if op.Wire == kingdee.ServiceExecuteBillQuery {
			assert.Equal(t, duijie.PagedByOffset, op.Paging)
			assert.Equal(t, kingdee.MaxQueryLimit, op.MaxPageSize)
			assert.Equal(t, 10000, op.MaxPageSize, "Limit 不能超过10000")
		} else {
			assert.Equal(t, duijie.NotPaged, op.Paging, op.Name)
			assert.Zero(t, op.MaxPageSize, op.Name)
		}
	}
	assert.Equal(t, kingdee.ServiceBatchSave, row(t, "SaveSalReturns", kingdee.ServiceBatchSave).Wire)
	assert.Equal(t, "下推", row(t, "Push", kingdee.ServicePush).Title)

	view := slices.IndexFunc(ops, func(op duijie.Operation) bool { return op.Name == "View" })
	ops[0].Name, ops[2].MaxBatch, ops[view].SafeToReplay = "Changed", 1, false
	again := kingdee.Operations()
	assert.Equal(t, "Save", again[0].Name, "every call returns a fresh slice")
	assert.Equal(t, kingdee.MaxBatchSave, again[2].MaxBatch)
	assert.True(t, again[view].SafeToReplay)
}

// TestOperationsMatchTheClientMethods keeps the table and the methods
// together: every row names a *Client method of the row's shape, and every
// method that calls a service is a row.
func TestOperationsMatchTheClientMethods(t *testing.T) {
	client := reflect.TypeFor[*kingdee.Client]()
	ctxType := reflect.TypeFor[context.Context]()
	errType := reflect.TypeFor[error]()
	rows := map[string]bool{}
	for _, op := range kingdee.Operations() {
		rows[op.Name] = true
		m, ok := client.MethodByName(op.Name)
		require.True(t, ok, "no method %s", op.Name)
		ft := m.Type // In(0) is the receiver
		if op.Request == nil {
			// Login and Logout: (ctx) error.
			assert.Contains(t, []string{"Login", "Logout"}, op.Name)
			assert.Nil(t, op.Response, op.Name)
			require.Equal(t, 2, ft.NumIn(), op.Name)
			assert.Equal(t, ctxType, ft.In(1), op.Name)
			require.Equal(t, 1, ft.NumOut(), op.Name)
			assert.Equal(t, errType, ft.Out(0), op.Name)
			continue
		}
		require.Equal(t, 3, ft.NumIn(), op.Name)
		assert.Equal(t, ctxType, ft.In(1), op.Name)
		assert.Equal(t, reflect.PointerTo(op.Request), ft.In(2), op.Name)
		require.Equal(t, 2, ft.NumOut(), op.Name)
		assert.Equal(t, errType, ft.Out(1), op.Name)
		out := ft.Out(0)
		require.Equal(t, reflect.Pointer, out.Kind(), op.Name)
		if op.Paging == duijie.NotPaged {
			assert.Equal(t, reflect.PointerTo(op.Response), out, op.Name)
			continue
		}
		page := out.Elem()
		assert.Equal(t, reflect.TypeFor[duijie.Page[int]]().PkgPath(), page.PkgPath(), op.Name)
		assert.True(t, strings.HasPrefix(page.Name(), "Page["), "%s returns %v", op.Name, out)
		items, ok := page.FieldByName("Items")
		require.True(t, ok, op.Name)
		assert.Equal(t, reflect.SliceOf(op.Response), items.Type, "%s returns *duijie.Page[%v]", op.Name, op.Response)
	}
	assert.Equal(t, reflect.TypeFor[*duijie.Page[kingdee.Row]](), func() reflect.Type {
		m, _ := client.MethodByName("ExecuteBillQuery")
		return m.Type.Out(0)
	}())

	// Every exported method taking a context is a row, but the raw Call and
	// the iterators over ExecuteBillQuery and QueryInventory.
	for i := range client.NumMethod() {
		m := client.Method(i)
		if m.Type.NumIn() < 2 || m.Type.In(1) != ctxType || m.Name == "Call" || m.Name == "Rows" || m.Name == "Inventory" {
			continue
		}
		assert.True(t, rows[m.Name], "method %s has no row in the operation table", m.Name)
	}
}

func TestTheFakeServesEveryOperation(t *testing.T) {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	served := srv.Services()
	for _, op := range kingdee.Operations() {
		assert.True(t, srv.Serves(op.Wire), "the fake does not serve %s (%s)", op.Wire, op.Name)
		assert.Contains(t, served, op.Wire)
	}
	assert.False(t, srv.Serves(kingdee.DynamicFormService+"Allocate"))
	assert.False(t, srv.Serves("Save"), "a service is named in full")
}

// TestTheRetryDecisionFollowsTheTable resets the connection after the fake
// handled a call: a row that is SafeToReplay is sent again, any other is
// not, and a save is settled by looking the bill up by number instead.
func TestTheRetryDecisionFollowsTheTable(t *testing.T) {
	type call func(context.Context, *kingdee.Client) error
	bill := func(no string) kingdee.SalReturnStock { return sampleBill(no) }
	cases := []struct {
		name, wire string
		replay     bool
		run        call
	}{
		{"View", kingdee.ServiceView, true, func(ctx context.Context, c *kingdee.Client) error {
			_, err := c.View(ctx, &kingdee.ViewRequest{FormID: kingdee.FormSalReturnStock, Number: "OLD-1"})
			return err
		}},
		{"ExecuteBillQuery", kingdee.ServiceExecuteBillQuery, true, func(ctx context.Context, c *kingdee.Client) error {
			p, err := c.ExecuteBillQuery(ctx, &kingdee.BillQuery{FormID: kingdee.FormSalReturnStock, FieldKeys: []string{"FBillNo"}, Limit: 10})
			if err == nil && len(p.Items) != 1 {
				err = fmt.Errorf("%d rows", len(p.Items))
			}
			return err
		}},
		{"Save", kingdee.ServiceSave, false, func(ctx context.Context, c *kingdee.Client) error {
			res, err := c.Save(ctx, &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: bill("NEW-1")})
			if err == nil && (res.Status != kingdee.RowExisting || !res.Verified) {
				err = fmt.Errorf("status %v, verified %v", res.Status, res.Verified)
			}
			return err
		}},
		{"BatchSave", kingdee.ServiceBatchSave, false, func(ctx context.Context, c *kingdee.Client) error {
			res, err := c.BatchSave(ctx, &kingdee.BatchSaveRequest{FormID: kingdee.FormSalReturnStock, Models: []any{bill("NEW-2"), bill("NEW-3")}})
			if err == nil && (res.Rows[0].Status != kingdee.RowExisting || res.Rows[1].Status != kingdee.RowExisting) {
				err = fmt.Errorf("rows %v, %v", res.Rows[0].Status, res.Rows[1].Status)
			}
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			op := row(t, tc.name, tc.wire)
			require.Equal(t, tc.replay, op.SafeToReplay, "the table's replay decision")
			srv := kingdeetest.NewServer()
			defer srv.Close()
			srv.AddBill(kingdee.FormSalReturnStock, "OLD-1", map[string]any{"FDate": "2026-11-20 00:00:00"})
			c, err := srv.NewClient(duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond}))
			require.NoError(t, err)
			path := kingdeetest.SitePath + "/" + op.Wire + ".common.kdsvc"
			lookups := kingdeetest.SitePath + "/" + kingdee.ServiceExecuteBillQuery + ".common.kdsvc"
			srv.Inject(duijietest.Rule{Fault: duijietest.Fault{Kind: duijietest.FaultResetAfter}, Count: 1,
				Match: func(r *http.Request) bool { return r.URL.Path == path }})

			require.NoError(t, tc.run(context.Background(), c))
			require.Equal(t, 1, srv.FaultsInjected(duijietest.FaultResetAfter))
			if op.SafeToReplay {
				assert.Equal(t, 2, srv.Calls(path), "a read is sent again after the reset")
				return
			}
			assert.Equal(t, 1, srv.Calls(path), "a save is never sent again blindly")
			assert.Equal(t, 1, srv.Calls(lookups), "the save was settled by one look-up by number")
			assert.Zero(t, srv.RepeatedNumbers())
		})
	}
}

// TestTheTableCapsAreCheckedBeforeSending refuses over-cap requests with
// the field named, nothing sent.
func TestTheTableCapsAreCheckedBeforeSending(t *testing.T) {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	c, err := srv.NewClient()
	require.NoError(t, err)
	ctx := context.Background()
	refused := func(err error, field, rule string) {
		t.Helper()
		var ve *duijie.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, field, ve.Field)
		assert.Equal(t, rule, ve.Rule)
	}

	batch := row(t, "BatchSave", kingdee.ServiceBatchSave).MaxBatch
	require.Equal(t, 1000, batch)
	models := make([]any, batch+1)
	for i := range models {
		models[i] = map[string]any{"FBillNo": fmt.Sprintf("B%d", i)}
	}
	_, err = c.BatchSave(ctx, &kingdee.BatchSaveRequest{FormID: kingdee.FormSalReturnStock, Models: models})
	refused(err, "Models", duijie.RuleTooMany)
	assert.Contains(t, err.Error(), fmt.Sprintf("at most %d bills per call, got %d", batch, batch+1))

	returns := row(t, "SaveSalReturns", kingdee.ServiceBatchSave).MaxBatch
	bills := make([]kingdee.SalReturnStock, returns+1)
	for i := range bills {
		bills[i] = sampleBill(fmt.Sprintf("R%d", i))
	}
	_, err = c.SaveSalReturns(ctx, &kingdee.SaveSalReturnsRequest{Bills: bills})
	refused(err, "Models", duijie.RuleTooMany)

	size := row(t, "ExecuteBillQuery", kingdee.ServiceExecuteBillQuery).MaxPageSize
	q := &kingdee.BillQuery{FormID: kingdee.FormSalReturnStock, FieldKeys: []string{"FBillNo"}, Limit: size + 1}
	_, err = c.ExecuteBillQuery(ctx, q)
	refused(err, "Limit", duijie.RuleRange)
	for _, err := range c.Rows(ctx, q) {
		refused(err, "Limit", duijie.RuleRange)
	}
	assert.Empty(t, srv.Journal(), "nothing was sent")

	q.Limit = size
	_, err = c.ExecuteBillQuery(ctx, q)
	require.NoError(t, err, "the cap itself is allowed")
}
