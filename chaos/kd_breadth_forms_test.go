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
	"github.com/duijie/duijie/internal/logcapture"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
)

// kdBForm is one typed Kingdee form's chaos row: its form id and a save of
// bills numbered by the given numbers through its typed method.
type kdBForm struct {
	form string
	save func(ctx context.Context, c *kingdee.Client, numbers []string, skip bool, opts kingdee.SaveOptions) (*kingdee.BatchSaveResult, error)
}

// kdBDate is the date the chaos bills carry.
var kdBDate = duijie.NewTime(time.Date(2026, 11, 1, 0, 0, 0, 0, duijie.CST()))

// kdBRecords is how many bills of each typed form a chaos row saves.
const kdBRecords = records / 5

// kdBForms are the typed forms saved through the shared look-up-by-number
// path, one row each.
var kdBForms = []kdBForm{
	{kingdee.FormSalOutStock, func(ctx context.Context, c *kingdee.Client, nos []string, skip bool, opts kingdee.SaveOptions) (*kingdee.BatchSaveResult, error) {
		bills := make([]kingdee.SalOutStock, len(nos))
		for i, no := range nos {
			bills[i] = kingdee.SalOutStock{BillType: kingdee.RefTo(kingdee.BillTypeSalOutStock), BillNo: no, Date: kdBDate,
				SaleOrg: kingdee.RefTo("100"), StockOrg: kingdee.RefTo("100"), Customer: kingdee.RefTo("SHOP-1"),
				Entries: []kingdee.SalOutStockEntry{{Material: kingdee.RefTo("SKU"), RealQty: duijie.AmountFromInt(1),
					TaxPrice: duijie.AmountFromInt(10), TaxRate: duijie.AmountFromInt(13).Ptr(), Stock: kingdee.RefTo("WH")}}}
		}
		return c.SaveSalOutStocks(ctx, &kingdee.SaveSalOutStocksRequest{Bills: bills, SkipExisting: skip, Options: opts})
	}},
	{kingdee.FormMisDelivery, func(ctx context.Context, c *kingdee.Client, nos []string, skip bool, opts kingdee.SaveOptions) (*kingdee.BatchSaveResult, error) {
		bills := make([]kingdee.MisDelivery, len(nos))
		for i, no := range nos {
			bills[i] = kingdee.MisDelivery{BillType: kingdee.RefTo(kingdee.BillTypeMisDelivery), BillNo: no, Date: kdBDate,
				StockOrg: kingdee.RefTo("100"), PickOrg: kingdee.RefTo("100"), StockDirect: kingdee.StockDirectGeneral,
				Entries: []kingdee.MisDeliveryEntry{{Material: kingdee.RefTo("SKU"), Qty: duijie.AmountFromInt(2), Stock: kingdee.RefTo("WH")}}}
		}
		return c.SaveMisDeliveries(ctx, &kingdee.SaveMisDeliveriesRequest{Bills: bills, SkipExisting: skip, Options: opts})
	}},
	{kingdee.FormMiscellaneous, func(ctx context.Context, c *kingdee.Client, nos []string, skip bool, opts kingdee.SaveOptions) (*kingdee.BatchSaveResult, error) {
		bills := make([]kingdee.Miscellaneous, len(nos))
		for i, no := range nos {
			bills[i] = kingdee.Miscellaneous{BillType: kingdee.RefTo(kingdee.BillTypeMiscellaneous), BillNo: no, Date: kdBDate,
				StockOrg: kingdee.RefTo("100"),
				Entries:  []kingdee.MiscellaneousEntry{{Material: kingdee.RefTo("SKU"), Qty: duijie.AmountFromInt(2), Stock: kingdee.RefTo("WH")}}}
		}
		return c.SaveMiscellaneous(ctx, &kingdee.SaveMiscellaneousRequest{Bills: bills, SkipExisting: skip, Options: opts})
	}},
	{kingdee.FormTransferDirect, func(ctx context.Context, c *kingdee.Client, nos []string, skip bool, opts kingdee.SaveOptions) (*kingdee.BatchSaveResult, error) {
		bills := make([]kingdee.TransferDirect, len(nos))
		for i, no := range nos {
			bills[i] = kingdee.TransferDirect{BillType: kingdee.RefTo(kingdee.BillTypeTransferDirect), BillNo: no, Date: kdBDate,
				StockOutOrg: kingdee.RefTo("100"), StockOrg: kingdee.RefTo("100"),
				Entries: []kingdee.TransferDirectEntry{{Material: kingdee.RefTo("SKU"), Qty: duijie.AmountFromInt(2),
					SrcStock: kingdee.RefTo("WH1"), DestStock: kingdee.RefTo("WH2")}}}
		}
		return c.SaveTransferDirects(ctx, &kingdee.SaveTransferDirectsRequest{Bills: bills, SkipExisting: skip, Options: opts})
	}},
	{kingdee.FormInStock, func(ctx context.Context, c *kingdee.Client, nos []string, skip bool, opts kingdee.SaveOptions) (*kingdee.BatchSaveResult, error) {
		bills := make([]kingdee.InStock, len(nos))
		for i, no := range nos {
			bills[i] = kingdee.InStock{BillType: kingdee.RefTo(kingdee.BillTypeInStock), BusinessType: kingdee.BusinessTypePurchase, BillNo: no, Date: kdBDate,
				StockOrg: kingdee.RefTo("100"), PurchaseOrg: kingdee.RefTo("100"), Supplier: kingdee.RefTo("VEN"),
				Entries: []kingdee.InStockEntry{{Material: kingdee.RefTo("SKU"), RealQty: duijie.AmountFromInt(3), TaxPrice: duijie.AmountFromInt(5).Ptr()}}}
		}
		return c.SaveInStocks(ctx, &kingdee.SaveInStocksRequest{Bills: bills, SkipExisting: skip, Options: opts})
	}},
	{kingdee.FormPurMRB, func(ctx context.Context, c *kingdee.Client, nos []string, skip bool, opts kingdee.SaveOptions) (*kingdee.BatchSaveResult, error) {
		bills := make([]kingdee.PurMRB, len(nos))
		for i, no := range nos {
			bills[i] = kingdee.PurMRB{BillType: kingdee.RefTo(kingdee.BillTypePurMRB), BillNo: no, Date: kdBDate,
				StockOrg: kingdee.RefTo("100"), PurchaseOrg: kingdee.RefTo("100"), Supplier: kingdee.RefTo("VEN"),
				Entries: []kingdee.PurMRBEntry{{Material: kingdee.RefTo("SKU"), RealQty: duijie.AmountFromInt(1)}}}
		}
		return c.SavePurMRBs(ctx, &kingdee.SavePurMRBsRequest{Bills: bills, SkipExisting: skip, Options: opts})
	}},
	{kingdee.FormPurchaseOrder, func(ctx context.Context, c *kingdee.Client, nos []string, skip bool, opts kingdee.SaveOptions) (*kingdee.BatchSaveResult, error) {
		bills := make([]kingdee.PurchaseOrder, len(nos))
		for i, no := range nos {
			bills[i] = kingdee.PurchaseOrder{BillNo: no, Date: kdBDate, PurchaseOrg: kingdee.RefTo("100"), Supplier: kingdee.RefTo("VEN"),
				Entries: []kingdee.PurchaseOrderEntry{{Material: kingdee.RefTo("RAW"), Qty: duijie.AmountFromInt(5), TaxPrice: duijie.AmountFromInt(3).Ptr()}}}
		}
		return c.SavePurchaseOrders(ctx, &kingdee.SavePurchaseOrdersRequest{Bills: bills, SkipExisting: skip, Options: opts})
	}},
	{kingdee.FormSaleOrder, func(ctx context.Context, c *kingdee.Client, nos []string, skip bool, opts kingdee.SaveOptions) (*kingdee.BatchSaveResult, error) {
		bills := make([]kingdee.SaleOrder, len(nos))
		for i, no := range nos {
			bills[i] = kingdee.SaleOrder{BillType: kingdee.RefTo(kingdee.BillTypeSaleOrder), BillNo: no, Date: kdBDate,
				SaleOrg: kingdee.RefTo("100"), Customer: kingdee.RefTo("SHOP-1"),
				Entries: []kingdee.SaleOrderEntry{{Material: kingdee.RefTo("SKU"), Qty: duijie.AmountFromInt(2), TaxPrice: duijie.AmountFromInt(9).Ptr()}}}
		}
		return c.SaveSaleOrders(ctx, &kingdee.SaveSaleOrdersRequest{Bills: bills, SkipExisting: skip, Options: opts})
	}},
	{kingdee.FormMaterial, func(ctx context.Context, c *kingdee.Client, nos []string, skip bool, opts kingdee.SaveOptions) (*kingdee.BatchSaveResult, error) {
		bills := make([]kingdee.Material, len(nos))
		for i, no := range nos {
			bills[i] = kingdee.Material{CreateOrg: kingdee.RefTo("100"), UseOrg: kingdee.RefTo("100"), Number: no, Name: "物料 " + no}
		}
		return c.SaveMaterials(ctx, &kingdee.SaveMaterialsRequest{Bills: bills, SkipExisting: skip, Options: opts})
	}},
	{kingdee.FormSupplier, func(ctx context.Context, c *kingdee.Client, nos []string, skip bool, opts kingdee.SaveOptions) (*kingdee.BatchSaveResult, error) {
		bills := make([]kingdee.Supplier, len(nos))
		for i, no := range nos {
			bills[i] = kingdee.Supplier{CreateOrg: kingdee.RefTo("100"), Number: no, Name: "供应商 " + no}
		}
		return c.SaveSuppliers(ctx, &kingdee.SaveSuppliersRequest{Bills: bills, SkipExisting: skip, Options: opts})
	}},
	{kingdee.FormCustomer, func(ctx context.Context, c *kingdee.Client, nos []string, skip bool, opts kingdee.SaveOptions) (*kingdee.BatchSaveResult, error) {
		bills := make([]kingdee.Customer, len(nos))
		for i, no := range nos {
			bills[i] = kingdee.Customer{CreateOrg: kingdee.RefTo("100"), Number: no, Name: "客户 " + no}
		}
		return c.SaveCustomers(ctx, &kingdee.SaveCustomersRequest{Bills: bills, SkipExisting: skip, Options: opts})
	}},
	{kingdee.FormStockCountGain, func(ctx context.Context, c *kingdee.Client, nos []string, skip bool, opts kingdee.SaveOptions) (*kingdee.BatchSaveResult, error) {
		bills := make([]kingdee.StockCountGain, len(nos))
		for i, no := range nos {
			bills[i] = kingdee.StockCountGain{BillType: kingdee.RefTo(kingdee.BillTypeStockCountGain), BillNo: no, Date: kdBDate, StockOrg: kingdee.RefTo("100"),
				Entries: []kingdee.StockCountGainEntry{{Material: kingdee.RefTo("SKU"), CountQty: duijie.AmountFromInt(5), GainQty: duijie.AmountFromInt(1), Stock: kingdee.RefTo("WH")}}}
		}
		return c.SaveStockCountGains(ctx, &kingdee.SaveStockCountGainsRequest{Bills: bills, SkipExisting: skip, Options: opts})
	}},
	{kingdee.FormStockCountLoss, func(ctx context.Context, c *kingdee.Client, nos []string, skip bool, opts kingdee.SaveOptions) (*kingdee.BatchSaveResult, error) {
		bills := make([]kingdee.StockCountLoss, len(nos))
		for i, no := range nos {
			bills[i] = kingdee.StockCountLoss{BillNo: no, Date: kdBDate, StockOrg: kingdee.RefTo("100"),
				Entries: []kingdee.StockCountLossEntry{{Material: kingdee.RefTo("SKU"), CountQty: duijie.AmountFromInt(3), LossQty: duijie.AmountFromInt(1), Stock: kingdee.RefTo("WH")}}}
		}
		return c.SaveStockCountLosses(ctx, &kingdee.SaveStockCountLossesRequest{Bills: bills, SkipExisting: skip, Options: opts})
	}},
}

// TestKingdeeTypedFormsUnderChaosSaveEveryBillOnce saves many bills of each
// typed form under the standard fault mix and a slow commit, re-running
// what was reported unsaved with SkipExisting: every bill is stored exactly
// once, and every fault of the mix was met.
func TestKingdeeTypedFormsUnderChaosSaveEveryBillOnce(t *testing.T) {
	for n, f := range kdBForms {
		t.Run(f.form, func(t *testing.T) {
			srv := kingdeetest.NewServer(kingdeetest.WithSeed(int64(101 + n)))
			defer srv.Close()
			srv.Inject(chaosPlan(kingdeetest.CallLimitFault())...)
			srv.DelayCommits(kingdeetest.CommitDelay{Requests: 2})
			logger, logs := logcapture.New()
			c, err := kingdee.NewClient(srv.ConfigFor(kingdee.AuthLoginBySign), duijie.WithHTTPClient(chaosClient()), duijie.WithLogger(logger),
				duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 4, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond}))
			require.NoError(t, err)

			const batch = 50
			var errs []error
			save := func(nos []string, skip bool) (failed []string) {
				for start := 0; start < len(nos); start += batch {
					part := nos[start:min(start+batch, len(nos))]
					ctx, cancel := callContext()
					res, err := f.save(ctx, c, part, skip, kingdee.SaveOptions{SettleDelay: time.Millisecond})
					cancel()
					if err == nil {
						continue
					}
					errs = append(errs, err)
					if res == nil {
						failed = append(failed, part...)
						continue
					}
					require.Len(t, res.Rows, len(part), "every bill has an outcome")
					var be *duijie.BatchError
					require.True(t, errors.As(err, &be), "%v", err)
					for _, i := range be.FailedIndexes() {
						failed = append(failed, part[i])
					}
				}
				return failed
			}
			all := make([]string, kdBRecords)
			for i := range all {
				all[i] = fmt.Sprintf("KDB%05d", i)
			}
			failed := save(all, false)
			t.Logf("%s first run: %d of %d bills reported unsaved; faults injected: %d; numbers refused as taken: %d",
				f.form, len(failed), kdBRecords, srv.FaultsInjected(0), srv.RepeatedNumbers())
			rerun(t, f.form, failed, func(no string) string { return no }, func(nos []string) []string { return save(nos, true) })

			var stored []string
			for _, b := range srv.Bills(f.form) {
				stored = append(stored, b.Number)
			}
			exactlyOnce(t, f.form+" bills", all, stored)
			assertEveryFault(t, srv.FaultsInjected)
			assert.Empty(t, logs.Leaks([]string{kingdeetest.AppSecret}, errs...))
		})
	}
}
