package kingdeetest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
)

var allModes = []kingdee.AuthMode{kingdee.AuthSignedHeaders, kingdee.AuthLoginBySign, kingdee.AuthLoginByAppSecret, kingdee.AuthValidateUser}

// fastRetry keeps retry waits short.
var fastRetry = duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond}

func newClient(t *testing.T, srv *kingdeetest.Server, mode kingdee.AuthMode, opts ...duijie.Option) *kingdee.Client {
	t.Helper()
	c, err := kingdee.NewClient(srv.ConfigFor(mode), append([]duijie.Option{duijie.WithRetry(fastRetry)}, opts...)...)
	require.NoError(t, err)
	return c
}

func salReturn(no string, qty int64) kingdee.SalReturnStock {
	return kingdee.SalReturnStock{
		BillType: kingdee.RefTo(kingdee.BillTypeSalReturn),
		BillNo:   no,
		Date:     duijie.NewTime(time.Date(2026, 11, 20, 10, 0, 0, 0, duijie.CST())),
		SaleOrg:  kingdee.RefTo("100"), StockOrg: kingdee.RefTo("100"), Customer: kingdee.RefTo("CUST-SHOP1"),
		HeadNote: "退货 " + no,
		Finance:  &kingdee.SalReturnFinance{SettleOrg: kingdee.RefTo("100")},
		Entries: []kingdee.SalReturnEntry{{
			Material: kingdee.RefTo("MAT-1"), RealQty: duijie.AmountFromInt(qty),
			TaxPrice: duijie.AmountFromCents(1999), TaxRate: duijie.AmountFromInt(13).Ptr(), Stock: kingdee.RefTo("WH01"),
		}},
	}
}

func TestEveryAuthModeSavesQueriesAndAudits(t *testing.T) {
	for _, mode := range allModes {
		for _, form := range []kingdee.BodyForm{kingdee.BodyNamed, kingdee.BodyParameters} {
			t.Run(fmt.Sprintf("%v/%d", mode, form), func(t *testing.T) {
				srv := kingdeetest.NewServer()
				defer srv.Close()
				cfg := srv.ConfigFor(mode)
				cfg.Body = form
				c, err := kingdee.NewClient(cfg, duijie.WithRetry(fastRetry))
				require.NoError(t, err)
				ctx := context.Background()

				res, err := c.Save(ctx, &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: salReturn("XSTH-1", 2)})
				require.NoError(t, err)
				assert.Equal(t, "XSTH-1", res.Number)
				assert.NotEmpty(t, res.ID)

				page, err := c.ExecuteBillQuery(ctx, &kingdee.BillQuery{FormID: kingdee.FormSalReturnStock,
					FieldKeys: []string{"FBillNo", "FRetcustId.FNumber", "FMaterialId.FNumber", "FRealQty", "FDocumentStatus"}})
				require.NoError(t, err)
				rows := page.Items
				require.Len(t, rows, 1)
				assert.Equal(t, "XSTH-1", rows[0].String(0))
				assert.Equal(t, "CUST-SHOP1", rows[0].String(1))
				assert.Equal(t, "MAT-1", rows[0].String(2))
				assert.Equal(t, "2", rows[0].String(3))
				assert.Equal(t, "A", rows[0].String(4))

				_, err = c.Submit(ctx, &kingdee.BillAction{FormID: kingdee.FormSalReturnStock, Numbers: []string{"XSTH-1"}})
				require.NoError(t, err)
				_, err = c.Audit(ctx, &kingdee.BillAction{FormID: kingdee.FormSalReturnStock, Numbers: []string{"XSTH-1"}})
				require.NoError(t, err)
				b, ok := srv.Bill(kingdee.FormSalReturnStock, "XSTH-1")
				require.True(t, ok)
				assert.Equal(t, "C", b.Status)

				var view struct {
					BillNo         string
					DocumentStatus string
				}
				got, err := c.View(ctx, &kingdee.ViewRequest{FormID: kingdee.FormSalReturnStock, Number: "XSTH-1"})
				require.NoError(t, err)
				require.NoError(t, got.Decode(&view))
				assert.Equal(t, "XSTH-1", view.BillNo)
				assert.Equal(t, "C", view.DocumentStatus)

				_, err = c.View(ctx, &kingdee.ViewRequest{FormID: kingdee.FormSalReturnStock, Number: "nope"})
				assert.True(t, errors.Is(err, duijie.ErrNotFound), "%v", err)
			})
		}
	}
}

func TestReloginAfterExpiryWritesNoDuplicateBill(t *testing.T) {
	for _, mode := range allModes {
		t.Run(mode.String(), func(t *testing.T) {
			srv := kingdeetest.NewServer()
			defer srv.Close()
			c := newClient(t, srv, mode)
			ctx := context.Background()
			_, err := c.Save(ctx, &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: salReturn("R-1", 1)})
			require.NoError(t, err)

			// Expiry between calls: the save is checked by number and sent once.
			srv.ExpireSessions()
			res, err := c.Save(ctx, &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: salReturn("R-2", 1)})
			require.NoError(t, err)
			assert.False(t, res.Existing)

			// The bill reached the server but the answer was lost: the
			// lookup finds it, and it is not sent again.
			srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
			res, err = c.Save(ctx, &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: salReturn("R-3", 1)})
			require.NoError(t, err)
			assert.True(t, res.Existing)

			assert.Len(t, srv.Bills(kingdee.FormSalReturnStock), 3)
			assert.Zero(t, srv.RepeatedNumbers())
			if mode == kingdee.AuthSignedHeaders {
				assert.Zero(t, srv.Logins())
			} else {
				assert.Equal(t, 2, srv.Logins())
			}
		})
	}
}

// asStored is a bill as an earlier save left it in the fake.
func asStored(t *testing.T, b kingdee.SalReturnStock) map[string]any {
	t.Helper()
	raw, err := json.Marshal(b)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	return m
}

func TestBatchSaveRowOutcomesFromTheFake(t *testing.T) {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	c := newClient(t, srv, kingdee.AuthSignedHeaders)
	srv.AddBill(kingdee.FormSalReturnStock, "B-1", asStored(t, salReturn("B-1", 1))) // an earlier run saved it
	srv.AddBill(kingdee.FormSalReturnStock, "B-2", map[string]any{"FHeadNote": "another system's bill"})
	bills := []kingdee.SalReturnStock{salReturn("B-0", 1), salReturn("B-1", 1), salReturn("B-2", 1), salReturn("B-3", 1)}

	res, err := c.SaveSalReturns(context.Background(), &kingdee.SaveSalReturnsRequest{Bills: bills, Options: fastSettle})
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, []int{2}, be.FailedIndexes())
	assert.ErrorIs(t, be.Failed[0].Err, kingdee.ErrConflict)
	assert.Contains(t, be.Failed[0].Message, "FRetcustId.FNumber")
	assert.Empty(t, be.UnknownIndexes())
	assert.Equal(t, []kingdee.RowStatus{kingdee.RowSaved, kingdee.RowExisting, kingdee.RowConflict, kingdee.RowSaved},
		[]kingdee.RowStatus{res.Rows[0].Status, res.Rows[1].Status, res.Rows[2].Status, res.Rows[3].Status})
	assert.True(t, res.Rows[1].Verified)
	assert.Equal(t, []bool{true, true, false, true}, []bool{res.Rows[0].Saved, res.Rows[1].Saved, res.Rows[2].Saved, res.Rows[3].Saved})

	// Run again with SkipExisting: the saved ones are found, not refused.
	bills = append(bills, salReturn("B-4", 1))
	res, err = c.SaveSalReturns(context.Background(), &kingdee.SaveSalReturnsRequest{Bills: bills, SkipExisting: true, Options: fastSettle})
	require.ErrorAs(t, err, &be)
	assert.Equal(t, []int{2}, be.FailedIndexes())
	for i, row := range res.Rows {
		assert.Equal(t, i != 2, row.Saved, i)
		assert.Equal(t, i != 2 && i != 4, row.Existing, i)
	}
	assert.Len(t, srv.Bills(kingdee.FormSalReturnStock), 5)
	assert.Equal(t, 2, srv.RepeatedNumbers(), "only the first run's B-1 and B-2")

	// A bill the server would refuse is stopped before anything is sent.
	calls := len(srv.Journal())
	bad := salReturn("B-5", 1)
	bad.Customer = kingdee.Ref{}
	_, err = c.SaveSalReturns(context.Background(), &kingdee.SaveSalReturnsRequest{Bills: []kingdee.SalReturnStock{salReturn("B-6", 1), bad}})
	var ve *duijie.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Models[1].FRetcustId", ve.Field)
	assert.Equal(t, calls, len(srv.Journal()))
}

// fastSettle keeps the wait before a second look-up short; it never
// decides an outcome, the fake's commit rule does.
var fastSettle = kingdee.SaveOptions{SettleDelay: time.Millisecond}

func saveCalls(srv *kingdeetest.Server, service string) int {
	return srv.Calls(kingdeetest.SitePath + "/" + service + ".common.kdsvc")
}

func TestAThrottleSentAfterTheBillWasStoredDoesNotStoreItTwice(t *testing.T) {
	for name, fault := range map[string]duijietest.Fault{
		"HTTP 429":   kingdeetest.Throttled(),
		"MsgCode 14": kingdeetest.CallLimitFault(),
	} {
		t.Run(name, func(t *testing.T) {
			srv := kingdeetest.NewServer()
			defer srv.Close()
			c := newClient(t, srv, kingdee.AuthSignedHeaders)
			srv.AnswerAfterHandling("Save", 1, fault)
			res, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: salReturn("T-1", 1), Options: fastSettle})
			require.NoError(t, err)
			assert.Equal(t, kingdee.RowExisting, res.Status)
			assert.True(t, res.Verified)
			assert.Equal(t, 1, saveCalls(srv, kingdee.ServiceSave), "posted once")
			assert.Len(t, srv.Bills(kingdee.FormSalReturnStock), 1)

			srv.AnswerAfterHandling("BatchSave", 1, fault)
			batch, err := c.SaveSalReturns(context.Background(), &kingdee.SaveSalReturnsRequest{Bills: []kingdee.SalReturnStock{salReturn("T-2", 1), salReturn("T-3", 2)}, Options: fastSettle})
			require.NoError(t, err)
			assert.Equal(t, 2, batch.Saved())
			assert.Equal(t, 1, saveCalls(srv, kingdee.ServiceBatchSave))
			assert.Len(t, srv.Bills(kingdee.FormSalReturnStock), 3)
			assert.Zero(t, srv.RepeatedNumbers())
		})
	}
}

func TestASlowCommitIsNeverSavedTwice(t *testing.T) {
	// The server commits 1.5 s (of its clock, which moves a second per
	// request) after it received the save, whose answer is lost.
	var srv *kingdeetest.Server
	base := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	srv = kingdeetest.NewServer(kingdeetest.WithClock(func() time.Time { return base.Add(time.Duration(srv.Calls("")) * time.Second) }))
	defer srv.Close()
	srv.DelayCommits(kingdeetest.CommitDelay{Duration: 1500 * time.Millisecond})
	c := newClient(t, srv, kingdee.AuthSignedHeaders)
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	res, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: salReturn("S-1", 1), Options: fastSettle})
	require.NoError(t, err)
	assert.Equal(t, kingdee.RowExisting, res.Status)
	assert.Len(t, srv.Bills(kingdee.FormSalReturnStock), 1)
	assert.Equal(t, 1, saveCalls(srv, kingdee.ServiceSave), "the second look-up after the settle delay found it")
}

func TestAResendRefusedAsADuplicateReportsTheBillExisting(t *testing.T) {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	// Readers see the bill only after two more requests: both look-ups
	// miss it, the resend is refused by its taken number, and the look-up
	// that follows finds it.
	srv.DelayCommits(kingdeetest.CommitDelay{Requests: 2})
	c := newClient(t, srv, kingdee.AuthSignedHeaders)
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	res, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: salReturn("D-1", 1), Options: fastSettle})
	require.NoError(t, err)
	assert.Equal(t, kingdee.RowExisting, res.Status)
	assert.True(t, res.Verified)
	assert.Equal(t, 2, saveCalls(srv, kingdee.ServiceSave))
	assert.Equal(t, 1, srv.RepeatedNumbers())
	assert.Len(t, srv.Bills(kingdee.FormSalReturnStock), 1)
}

func TestAFormWithoutUniqueNumbersWaitsBeforeSendingAgain(t *testing.T) {
	srv := kingdeetest.NewServer(kingdeetest.WithRepeatedNumbers(kingdee.FormSalReturnStock))
	defer srv.Close()
	srv.DelayCommits(kingdeetest.CommitDelay{Requests: 1})
	c := newClient(t, srv, kingdee.AuthSignedHeaders)
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	res, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: salReturn("N-1", 1), Options: fastSettle})
	require.NoError(t, err)
	assert.Equal(t, kingdee.RowExisting, res.Status)
	assert.Len(t, srv.Bills(kingdee.FormSalReturnStock), 1)
	assert.Equal(t, 1, saveCalls(srv, kingdee.ServiceSave))
}

func TestATakenNumberNeverSeenIsOutcomeUnknown(t *testing.T) {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	srv.DelayCommits(kingdeetest.CommitDelay{Requests: 100})
	c := newClient(t, srv, kingdee.AuthSignedHeaders)
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	_, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: salReturn("U-1", 1), Options: fastSettle})
	assert.ErrorIs(t, err, kingdee.ErrOutcomeUnknown)
	assert.Len(t, srv.Bills(kingdee.FormSalReturnStock), 1)
	assert.Equal(t, 2, saveCalls(srv, kingdee.ServiceSave))

	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	res, err := c.SaveSalReturns(context.Background(), &kingdee.SaveSalReturnsRequest{Bills: []kingdee.SalReturnStock{salReturn("U-2", 1)}, Options: fastSettle})
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, []int{0}, be.UnknownIndexes())
	assert.Equal(t, kingdee.RowUnknown, res.Rows[0].Status)
	assert.False(t, res.Rows[0].Saved)
}

func TestAnotherBillWithTheNumberIsAConflict(t *testing.T) {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	other := salReturn("X-1", 5)
	other.Customer = kingdee.RefTo("CUST-OTHER")
	srv.AddBill(kingdee.FormSalReturnStock, "X-1", asStored(t, other))
	c := newClient(t, srv, kingdee.AuthSignedHeaders)
	for name, fault := range map[string]*duijietest.Fault{"first send": nil, "after a reset": {Kind: duijietest.FaultResetBefore}} {
		t.Run(name, func(t *testing.T) {
			if fault != nil {
				srv.FailNext(1, *fault)
			}
			res, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: salReturn("X-1", 1), Options: fastSettle})
			var ce *kingdee.ConflictError
			require.ErrorAs(t, err, &ce)
			assert.ErrorIs(t, err, kingdee.ErrConflict)
			assert.Equal(t, []kingdee.Difference{
				{Field: "FRetcustId.FNumber", Sent: "CUST-SHOP1", Stored: "CUST-OTHER"},
				{Field: "FRealQty", Sent: "1", Stored: "5"},
			}, ce.Differences)
			assert.Equal(t, kingdee.RowConflict, res.Status)
		})
	}
	assert.Len(t, srv.Bills(kingdee.FormSalReturnStock), 1)
}

func TestQueryPagesOverStoredBills(t *testing.T) {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	c := newClient(t, srv, kingdee.AuthLoginBySign)
	for i := 0; i < 95; i++ {
		srv.AddBill("SAL_RETURNSTOCK", fmt.Sprintf("Q-%03d", i), map[string]any{"FHeadNote": fmt.Sprint(i % 2)})
	}
	type bill struct {
		ID     int64  `json:"FID"`
		Number string `json:"FBillNo"`
	}
	var got []string
	q := &kingdee.BillQuery{FormID: "SAL_RETURNSTOCK", FieldKeys: []string{"FID", "FBillNo"}, Filter: "FHeadNote = '1'", OrderBy: "FID", Limit: 10}
	for b, err := range kingdee.QueryRows[bill](context.Background(), c, q) {
		require.NoError(t, err)
		got = append(got, b.Number)
	}
	assert.Len(t, got, 47)
	assert.Equal(t, "Q-001", got[0])
	assert.Equal(t, "Q-093", got[46])
	assert.Equal(t, 1, srv.Logins())

	_, err := c.ExecuteBillQuery(context.Background(), &kingdee.BillQuery{FormID: "SAL_RETURNSTOCK", FieldKeys: []string{"FID"}, Filter: "FID ~ 1"})
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
}

func TestFakeRefusesBadSignaturesAndStaleTimestamps(t *testing.T) {
	now := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	srv := kingdeetest.NewServer(kingdeetest.WithTimestampWindow(10*time.Minute), kingdeetest.WithClock(func() time.Time { return now }))
	defer srv.Close()
	q := &kingdee.BillQuery{FormID: "F", FieldKeys: []string{"FID"}}

	good := newClient(t, srv, kingdee.AuthSignedHeaders, duijie.WithClock(func() time.Time { return now.Add(time.Minute) }))
	_, err := good.ExecuteBillQuery(context.Background(), q)
	require.NoError(t, err)

	ms := srv.Config()
	ms.Timestamp = kingdee.TimestampMilliseconds
	msClient, err := kingdee.NewClient(ms, duijie.WithClock(func() time.Time { return now }), duijie.WithRetry(fastRetry))
	require.NoError(t, err)
	_, err = msClient.ExecuteBillQuery(context.Background(), q)
	require.NoError(t, err)

	stale := newClient(t, srv, kingdee.AuthSignedHeaders, duijie.WithClock(func() time.Time { return now.Add(-time.Hour) }))
	_, err = stale.ExecuteBillQuery(context.Background(), q)
	assert.ErrorIs(t, err, duijie.ErrSignature)

	wrong := srv.Config()
	wrong.AppSecret = "ffffffffffffffffffffffffffffffff"
	bad, err := kingdee.NewClient(wrong, duijie.WithClock(func() time.Time { return now }), duijie.WithRetry(fastRetry))
	require.NoError(t, err)
	_, err = bad.ExecuteBillQuery(context.Background(), q)
	assert.ErrorIs(t, err, duijie.ErrAuth)

	wrongID := srv.Config()
	wrongID.AppID = "224426_BBECAwQFBgcICQoLDA0ODxAREhMUFRYX"
	bad, err = kingdee.NewClient(wrongID, duijie.WithClock(func() time.Time { return now }), duijie.WithRetry(fastRetry))
	require.NoError(t, err)
	_, err = bad.ExecuteBillQuery(context.Background(), q)
	assert.ErrorIs(t, err, duijie.ErrAuth)
}

func TestOldServerNeedsSHA1Logins(t *testing.T) {
	srv := kingdeetest.NewServer(kingdeetest.WithOldServer())
	defer srv.Close()
	c := newClient(t, srv, kingdee.AuthLoginBySign)
	assert.ErrorIs(t, c.Login(context.Background()), duijie.ErrAuth)
	cfg := srv.ConfigFor(kingdee.AuthLoginBySign)
	cfg.LoginSHA1 = true
	c, err := kingdee.NewClient(cfg)
	require.NoError(t, err)
	require.NoError(t, c.Login(context.Background()))
	assert.Equal(t, 1, srv.Logins())
}

func TestBadCredentialsFailLogins(t *testing.T) {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	for _, mode := range allModes[1:] {
		cfg := srv.ConfigFor(mode)
		cfg.AppSecret, cfg.Password = "wrong-secret-wrong-secret-wrong!", "wrong-password"
		c, err := kingdee.NewClient(cfg)
		require.NoError(t, err)
		_, err = c.ExecuteBillQuery(context.Background(), &kingdee.BillQuery{FormID: "F", FieldKeys: []string{"FID"}})
		assert.ErrorIs(t, err, duijie.ErrAuth, mode.String())
		assert.NotContains(t, err.Error(), "wrong-")
	}
	assert.Zero(t, srv.Logins())
}

func TestOneSessionPerClientUnderConcurrency(t *testing.T) {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	a := newClient(t, srv, kingdee.AuthLoginBySign)
	b := newClient(t, srv, kingdee.AuthLoginBySign)
	ctx := context.Background()
	errs := make(chan error, 64)
	for i := 0; i < 32; i++ {
		go func(i int) {
			c := a
			if i%2 == 1 {
				c = b
			}
			if i == 16 {
				srv.ExpireSessions()
			}
			_, err := c.Save(ctx, &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: salReturn(fmt.Sprintf("C-%02d", i), 1)})
			errs <- err
		}(i)
	}
	for i := 0; i < 32; i++ {
		require.NoError(t, <-errs)
	}
	assert.Len(t, srv.Bills(kingdee.FormSalReturnStock), 32)
	assert.Zero(t, srv.RepeatedNumbers())
	assert.LessOrEqual(t, srv.Logins(), 6, "each client logs in once, and at most twice more after the expiry")
	assert.GreaterOrEqual(t, srv.Logins(), 2)
}

func TestLogoutEndsTheSession(t *testing.T) {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	c := newClient(t, srv, kingdee.AuthValidateUser)
	require.NoError(t, c.Login(context.Background()))
	assert.Equal(t, 1, srv.Sessions())
	require.NoError(t, c.Logout(context.Background()))
	assert.Zero(t, srv.Sessions())
	_, err := c.ExecuteBillQuery(context.Background(), &kingdee.BillQuery{FormID: "F", FieldKeys: []string{"FID"}})
	require.NoError(t, err)
	assert.Equal(t, 2, srv.Logins())
}

func TestActionsAgainstTheFake(t *testing.T) {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	c := newClient(t, srv, kingdee.AuthSignedHeaders)
	ctx := context.Background()
	for _, no := range []string{"S-1", "S-2"} {
		_, err := c.Save(ctx, &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: salReturn(no, 1)})
		require.NoError(t, err)
	}
	_, err := c.Audit(ctx, &kingdee.BillAction{FormID: kingdee.FormSalReturnStock, Numbers: []string{"S-1"}})
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest, "auditing a bill that was not submitted")
	_, err = c.Submit(ctx, &kingdee.BillAction{FormID: kingdee.FormSalReturnStock, Numbers: []string{"S-1"}})
	require.NoError(t, err)
	res, err := c.Audit(ctx, &kingdee.BillAction{FormID: kingdee.FormSalReturnStock, Numbers: []string{"S-1", "S-2"}})
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, []int{1}, be.FailedIndexes())
	assert.Equal(t, "S-1", res.Succeeded[0].Number)
	_, err = c.UnAudit(ctx, &kingdee.BillAction{FormID: kingdee.FormSalReturnStock, Numbers: []string{"S-1"}})
	require.NoError(t, err)
	b, _ := srv.Bill(kingdee.FormSalReturnStock, "S-1")
	_, err = c.Delete(ctx, &kingdee.BillAction{FormID: kingdee.FormSalReturnStock, IDs: []string{fmt.Sprint(b.ID)}})
	require.NoError(t, err)
	_, ok := srv.Bill(kingdee.FormSalReturnStock, "S-1")
	assert.False(t, ok)

	res2, err := c.Draft(ctx, &kingdee.SaveRequest{FormID: "BD_MATERIAL", Model: map[string]any{"FName": "手机"}, NumberField: "FNumber"})
	require.NoError(t, err)
	assert.Equal(t, "BD000001", res2.Number)
}

func TestPushCreatesTargetBillsFromAuditedBills(t *testing.T) {
	const rule, target = "SalReturnStock-ArReceivable", "AR_receivable"
	srv := kingdeetest.NewServer(kingdeetest.WithConversionRule(rule, target))
	defer srv.Close()
	c := newClient(t, srv, kingdee.AuthSignedHeaders)
	ctx := context.Background()
	_, err := c.Save(ctx, &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: salReturn("P-1", 2)})
	require.NoError(t, err)

	push := &kingdee.PushRequest{FormID: kingdee.FormSalReturnStock, Numbers: []string{"P-1"}, RuleID: rule}
	_, err = c.Push(ctx, push)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest, "a bill that is not audited is not pushed")
	assert.Empty(t, srv.Bills(target))

	for _, act := range []func(context.Context, *kingdee.BillAction) (*kingdee.ActionResult, error){c.Submit, c.Audit} {
		_, err = act(ctx, &kingdee.BillAction{FormID: kingdee.FormSalReturnStock, Numbers: []string{"P-1"}})
		require.NoError(t, err)
	}
	res, err := c.Push(ctx, push)
	require.NoError(t, err)
	require.Len(t, res.Succeeded, 1)
	require.NotNil(t, res.Convert)
	assert.True(t, bool(res.Convert.IsSuccess))
	bills := srv.Bills(target)
	require.Len(t, bills, 1)
	assert.Equal(t, res.Succeeded[0].Number, bills[0].Number)
	assert.Equal(t, "A", bills[0].Status)
	assert.Equal(t, "退货 P-1", bills[0].Model["FHeadNote"], "the source's fields are carried over")
	assert.NotEqual(t, "P-1", bills[0].Number)

	res, err = c.Push(ctx, &kingdee.PushRequest{FormID: kingdee.FormSalReturnStock, Numbers: []string{"P-1"},
		IsEnableDefaultRule: kingdee.FlagTrue, TargetFormID: "SAL_OUTSTOCK"})
	require.NoError(t, err, "the default rule needs no registered rule")
	assert.Len(t, srv.Bills("SAL_OUTSTOCK"), 1)
	assert.Len(t, res.Succeeded, 1)

	_, err = c.Push(ctx, &kingdee.PushRequest{FormID: kingdee.FormSalReturnStock, Numbers: []string{"P-1"}, RuleID: "no-such-rule"})
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	_, err = c.Push(ctx, &kingdee.PushRequest{FormID: kingdee.FormSalReturnStock, Numbers: []string{"P-404"}, RuleID: rule})
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	assert.Len(t, srv.Bills(target), 1, "failed pushes create nothing")
}

func TestServicesListTheRouting(t *testing.T) {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	const auth, form = "Kingdee.BOS.WebApi.ServicesStub.AuthService.", "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService."
	assert.Equal(t, []string{auth + "LoginByAppSecret", auth + "LoginBySign", auth + "Logout", auth + "ValidateUser",
		form + "Audit", form + "BatchSave", form + "Delete", form + "Draft", form + "ExecuteBillQuery",
		form + "Push", form + "Save", form + "Submit", form + "UnAudit", form + "View"}, srv.Services())
	for _, s := range srv.Services() {
		assert.True(t, srv.Serves(s), s)
	}
	assert.False(t, srv.Serves(form+"Allocate"))
	assert.False(t, srv.Serves(auth+"LoginBySimplePassport"))

	// A service it does not serve is refused, as its routing says.
	c := newClient(t, srv, kingdee.AuthSignedHeaders)
	err := c.Call(context.Background(), &kingdee.CallRequest{Service: "Allocate", Args: []kingdee.Arg{{Name: "formid", Value: "F"}, {Name: "data", Value: map[string]any{}}}}, nil)
	var ae *duijie.APIError
	require.ErrorAs(t, err, &ae)
	assert.Contains(t, ae.Message, "the fake does not serve Allocate")
}
