package kingdeetest_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/internal/value"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
)

var allModes = []kingdee.AuthMode{kingdee.AuthSignedHeaders, kingdee.AuthLoginBySign, kingdee.AuthLoginByAppSecret, kingdee.AuthValidateUser}

// fastRetry keeps retry waits short.
var fastRetry = kingdee.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond}

func newClient(t *testing.T, srv *kingdeetest.Server, mode kingdee.AuthMode, opts ...kingdee.Option) *kingdee.Client {
	t.Helper()
	c, err := kingdee.NewClient(srv.Config(mode), append([]kingdee.Option{kingdee.WithRetry(fastRetry)}, opts...)...)
	require.NoError(t, err)
	return c
}

func salReturn(no string, qty int64) kingdee.SalReturnStock {
	return kingdee.SalReturnStock{
		BillType: kingdee.RefTo(kingdee.BillTypeSalReturn),
		BillNo:   no,
		Date:     value.NewTime(time.Date(2026, 11, 20, 10, 0, 0, 0, value.CST)),
		SaleOrg:  kingdee.RefTo("100"), StockOrg: kingdee.RefTo("100"), Customer: kingdee.RefTo("CUST-SHOP1"),
		HeadNote: "退货 " + no,
		Finance:  &kingdee.SalReturnFinance{SettleOrg: kingdee.RefTo("100")},
		Entries: []kingdee.SalReturnEntry{{
			Material: kingdee.RefTo("MAT-1"), RealQty: value.AmountFromInt(qty),
			TaxPrice: value.AmountFromCents(1999), TaxRate: value.AmountFromInt(13), Stock: kingdee.RefTo("WH01"),
		}},
	}
}

func TestEveryAuthModeSavesQueriesAndAudits(t *testing.T) {
	for _, mode := range allModes {
		for _, form := range []kingdee.BodyForm{kingdee.BodyNamed, kingdee.BodyParameters} {
			t.Run(fmt.Sprintf("%v/%d", mode, form), func(t *testing.T) {
				srv := kingdeetest.NewServer()
				defer srv.Close()
				cfg := srv.Config(mode)
				cfg.Body = form
				c, err := kingdee.NewClient(cfg, kingdee.WithRetry(fastRetry))
				require.NoError(t, err)
				ctx := context.Background()

				res, err := c.Save(ctx, &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: salReturn("XSTH-1", 2)})
				require.NoError(t, err)
				assert.Equal(t, "XSTH-1", res.Number)
				assert.NotEmpty(t, res.ID)

				rows, err := c.ExecuteBillQuery(ctx, &kingdee.BillQuery{FormID: kingdee.FormSalReturnStock,
					FieldKeys: []string{"FBillNo", "FRetcustId.FNumber", "FMaterialId.FNumber", "FRealQty", "FDocumentStatus"}})
				require.NoError(t, err)
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
				require.NoError(t, c.View(ctx, &kingdee.ViewRequest{FormID: kingdee.FormSalReturnStock, Number: "XSTH-1"}, &view))
				assert.Equal(t, "XSTH-1", view.BillNo)
				assert.Equal(t, "C", view.DocumentStatus)

				err = c.View(ctx, &kingdee.ViewRequest{FormID: kingdee.FormSalReturnStock, Number: "nope"}, &view)
				assert.True(t, errors.Is(err, kingdee.ErrNotFound), "%v", err)
			})
		}
	}
}
