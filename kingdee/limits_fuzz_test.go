package kingdee_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
)

// FuzzSalReturnLimits builds a sales return from random parts: whatever
// the client's validator accepts, the fake (which refuses a bill whose
// dates, numbers or flags the server cannot read, and one without the
// required organisations, customer, lines and materials) must save;
// whatever it refuses must send nothing. The fake takes repeated numbers
// (WithRepeatedNumbers), so no row is refused for a business reason.
func FuzzSalReturnLimits(f *testing.F) {
	// Valid.
	f.Add("XSTH001", "100", "CUST-1", "MAT-1", "退货", "12", "9.99", int64(2026), "SN1")
	// Surrounding spaces, control characters, invalid UTF-8.
	f.Add(" XSTH001", "100\n", "C\x01", "\xff", "a\tb\x7f", "1", "1", int64(2026), "SN 1 ")
	// Empty references.
	f.Add("", "", "", "", "", "1", "1", int64(2026), "")
	// Numbers: many places, beyond System.Decimal, negative.
	f.Add("X2", "100", "C", "M", "", "1."+strings.Repeat("3", 40), "0.0000000000000000000000000000001", int64(2026), "")
	f.Add("X3", "100", "C", "M", "", "123456789012345678901234567890", "1", int64(2026), "")
	f.Add("X4", "100", "C", "M", "", "79228162514264337593543950336", "-1", int64(2026), "")
	f.Add("X5", "100", "C", "M", "", "9999999999999999999999999999.5", "1", int64(2026), "")
	// Years 0, 1, 9999 and beyond.
	f.Add("X6", "100", "C", "M", "", "1", "1", int64(0), "")
	f.Add("X7", "100", "C", "M", "", "1", "1", int64(1), "")
	f.Add("X8", "100", "C", "M", "", "1", "1", int64(9999), "")
	f.Add("X9", "100", "C", "M", "", "1", "1", int64(10000), "")
	// Long text, which Kingdee gives no length for.
	f.Add(strings.Repeat("9", 256), "100", "C", "M", strings.Repeat("注", 70000), "1", "1", int64(2026), "")

	srv := kingdeetest.NewServer(kingdeetest.WithRepeatedNumbers(kingdee.FormSalReturnStock))
	f.Cleanup(srv.Close)
	c, err := kingdee.NewClient(srv.Config(), duijie.WithRateLimit(),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, billNo, org, customer, material, note, qty, price string, year int64, serial string) {
		q, err := duijie.ParseAmount(qty)
		if err != nil {
			return
		}
		p, err := duijie.ParseAmount(price)
		if err != nil {
			return
		}
		at := duijie.NewTime(time.Date(int(year%20000), 11, 20, 10, 0, 0, 0, duijie.CST()))
		b := kingdee.SalReturnStock{
			BillType: kingdee.RefTo(kingdee.BillTypeSalReturn), BillNo: billNo, Date: at,
			SaleOrg: kingdee.RefTo(org), StockOrg: kingdee.RefTo(org), Customer: kingdee.RefTo(customer),
			HeadNote: note, ReceiveAddress: note, OwnerTypeHead: kingdee.OwnerTypeOrg, OwnerHead: kingdee.RefTo(org),
			Finance: &kingdee.SalReturnFinance{SettleCurrency: kingdee.RefTo(kingdee.CurrencyCNY), ThirdBillNo: billNo,
				ThirdBillID: billNo, SettleOrg: kingdee.RefTo(org), ExchangeRate: &p},
			Entries: []kingdee.SalReturnEntry{{RowType: kingdee.RowTypeStandard, Material: kingdee.RefTo(material),
				RealQty: q, Price: &p, TaxPrice: p, TaxRate: &p, ReturnType: kingdee.RefTo(kingdee.ReturnTypeReturn),
				OwnerType: kingdee.OwnerTypeOrg, Owner: kingdee.RefTo(org), DeliveryDate: at, Note: note,
				SalUnitQty: &q, ThirdEntryID: billNo, Serials: serials(serial)}},
		}
		srv.ResetJournal()
		res, err := c.SaveSalReturns(context.Background(), &kingdee.SaveSalReturnsRequest{Bills: []kingdee.SalReturnStock{b}})
		var v *duijie.ValidationError
		if errors.As(err, &v) {
			if n := len(srv.Journal()); n != 0 {
				t.Fatalf("refused (%v) yet sent %d requests", err, n)
			}
			return
		}
		if err != nil {
			t.Fatalf("the validator accepted a bill the server refuses: %v", err)
		}
		for _, r := range res.Rows {
			if !r.Saved {
				t.Fatalf("the validator accepted a bill the server refuses: %+v", r.Errors)
			}
		}
	})
}

func serials(s string) []kingdee.SerialNumber {
	if s == "" {
		return nil
	}
	return []kingdee.SerialNumber{{SerialNo: s, Note: s}}
}
