package kingdee_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
)

// kdFormCase is one typed form's save, as the shared tests drive it.
type kdFormCase struct {
	// method is the Client method and its operation row.
	method string
	// form and number are the form id and the field bills are looked up by.
	form, number string
	// golden is the JSON of the sample bill numbered "N-1".
	golden string
	// lookupKeys are the FieldKeys of a look-up of the sample bill.
	lookupKeys string
	// save saves sample bills with these numbers; changed alters the
	// compared content of every bill.
	save func(ctx context.Context, c *kingdee.Client, numbers []string, changed, skip bool) (*kingdee.BatchSaveResult, error)
}

// kdFormDate is the date the sample bills carry.
var kdFormDate = duijie.NewTime(time.Date(2026, 11, 20, 0, 0, 0, 0, duijie.CST()))

// kdFormCases are the typed forms saved through the shared path.
func kdFormCases() []kdFormCase {
	return []kdFormCase{
		{method: "SaveSalOutStocks", form: kingdee.FormSalOutStock, number: "FBillNo",
			golden:     kdSalOutStockJSON,
			lookupKeys: "FID,FBillNo,FCustomerID.FNumber,FDate,FMaterialID.FNumber,FRealQty,FTaxPrice,FEntryTaxRate",
			save: func(ctx context.Context, c *kingdee.Client, nos []string, changed, skip bool) (*kingdee.BatchSaveResult, error) {
				bills := make([]kingdee.SalOutStock, len(nos))
				for i, no := range nos {
					bills[i] = kdSalOutStock(no)
					if changed {
						bills[i].Entries[0].RealQty = duijie.AmountFromInt(7)
					}
				}
				return c.SaveSalOutStocks(ctx, &kingdee.SaveSalOutStocksRequest{Bills: bills, SkipExisting: skip})
			}},
		{method: "SaveMisDeliveries", form: kingdee.FormMisDelivery, number: "FBillNo",
			golden:     kdMisDeliveryJSON,
			lookupKeys: "FID,FBillNo,FStockOrgId.FNumber,FDate,FMaterialId.FNumber,FQty",
			save: func(ctx context.Context, c *kingdee.Client, nos []string, changed, skip bool) (*kingdee.BatchSaveResult, error) {
				bills := make([]kingdee.MisDelivery, len(nos))
				for i, no := range nos {
					bills[i] = kdMisDelivery(no)
					if changed {
						bills[i].Entries[0].Qty = duijie.AmountFromInt(7)
					}
				}
				return c.SaveMisDeliveries(ctx, &kingdee.SaveMisDeliveriesRequest{Bills: bills, SkipExisting: skip})
			}},
		{method: "SaveMiscellaneous", form: kingdee.FormMiscellaneous, number: "FBillNo",
			golden:     kdMiscellaneousJSON,
			lookupKeys: "FID,FBillNo,FStockOrgId.FNumber,FDate,FMATERIALID.FNumber,FQty",
			save: func(ctx context.Context, c *kingdee.Client, nos []string, changed, skip bool) (*kingdee.BatchSaveResult, error) {
				bills := make([]kingdee.Miscellaneous, len(nos))
				for i, no := range nos {
					bills[i] = kdMiscellaneous(no)
					if changed {
						bills[i].Entries[0].Material = kingdee.RefTo("SKU-2")
					}
				}
				return c.SaveMiscellaneous(ctx, &kingdee.SaveMiscellaneousRequest{Bills: bills, SkipExisting: skip})
			}},
		{method: "SaveTransferDirects", form: kingdee.FormTransferDirect, number: "FBillNo",
			golden:     kdTransferDirectJSON,
			lookupKeys: "FID,FBillNo,FDate,FMaterialId.FNumber,FQty,FSrcStockId.FNumber,FDestStockId.FNumber",
			save: func(ctx context.Context, c *kingdee.Client, nos []string, changed, skip bool) (*kingdee.BatchSaveResult, error) {
				bills := make([]kingdee.TransferDirect, len(nos))
				for i, no := range nos {
					bills[i] = kdTransferDirect(no)
					if changed {
						bills[i].Entries[0].DestStock = kingdee.RefTo("WH03")
					}
				}
				return c.SaveTransferDirects(ctx, &kingdee.SaveTransferDirectsRequest{Bills: bills, SkipExisting: skip})
			}},
		{method: "SaveInStocks", form: kingdee.FormInStock, number: "FBillNo",
			golden:     kdInStockJSON,
			lookupKeys: "FID,FBillNo,FSupplierId.FNumber,FDate,FMaterialId.FNumber,FRealQty,FTaxPrice",
			save: func(ctx context.Context, c *kingdee.Client, nos []string, changed, skip bool) (*kingdee.BatchSaveResult, error) {
				bills := make([]kingdee.InStock, len(nos))
				for i, no := range nos {
					bills[i] = kdInStock(no)
					if changed {
						bills[i].Entries[0].RealQty = duijie.AmountFromInt(9)
					}
				}
				return c.SaveInStocks(ctx, &kingdee.SaveInStocksRequest{Bills: bills, SkipExisting: skip})
			}},
		{method: "SavePurMRBs", form: kingdee.FormPurMRB, number: "FBillNo",
			golden:     kdPurMRBJSON,
			lookupKeys: "FID,FBillNo,FSupplierID.FNumber,FDate,FMATERIALID.FNumber,FRMREALQTY,FTAXPRICE",
			save: func(ctx context.Context, c *kingdee.Client, nos []string, changed, skip bool) (*kingdee.BatchSaveResult, error) {
				bills := make([]kingdee.PurMRB, len(nos))
				for i, no := range nos {
					bills[i] = kdPurMRB(no)
					if changed {
						bills[i].Supplier = kingdee.RefTo("VEN02")
					}
				}
				return c.SavePurMRBs(ctx, &kingdee.SavePurMRBsRequest{Bills: bills, SkipExisting: skip})
			}},
		{method: "SavePurchaseOrders", form: kingdee.FormPurchaseOrder, number: "FBillNo",
			golden:     kdPurchaseOrderJSON,
			lookupKeys: "FID,FBillNo,FSupplierId.FNumber,FDate,FMaterialId.FNumber,FQty,FTaxPrice",
			save: func(ctx context.Context, c *kingdee.Client, nos []string, changed, skip bool) (*kingdee.BatchSaveResult, error) {
				bills := make([]kingdee.PurchaseOrder, len(nos))
				for i, no := range nos {
					bills[i] = kdPurchaseOrder(no)
					if changed {
						bills[i].Entries[0].TaxPrice = duijie.AmountFromInt(4).Ptr()
					}
				}
				return c.SavePurchaseOrders(ctx, &kingdee.SavePurchaseOrdersRequest{Bills: bills, SkipExisting: skip})
			}},
		{method: "SaveSaleOrders", form: kingdee.FormSaleOrder, number: "FBillNo",
			golden:     kdSaleOrderJSON,
			lookupKeys: "FID,FBillNo,FCustId.FNumber,FDate,FMaterialId.FNumber,FQty,FTaxPrice",
			save: func(ctx context.Context, c *kingdee.Client, nos []string, changed, skip bool) (*kingdee.BatchSaveResult, error) {
				bills := make([]kingdee.SaleOrder, len(nos))
				for i, no := range nos {
					bills[i] = kdSaleOrder(no)
					if changed {
						bills[i].Date = duijie.NewTime(kdFormDate.AddDate(0, 0, 1))
					}
				}
				return c.SaveSaleOrders(ctx, &kingdee.SaveSaleOrdersRequest{Bills: bills, SkipExisting: skip})
			}},
		{method: "SaveMaterials", form: kingdee.FormMaterial, number: "FNumber",
			golden:     kdMaterialJSON,
			lookupKeys: "FMATERIALID,FNumber,FName",
			save: func(ctx context.Context, c *kingdee.Client, nos []string, changed, skip bool) (*kingdee.BatchSaveResult, error) {
				bills := make([]kingdee.Material, len(nos))
				for i, no := range nos {
					bills[i] = kdMaterial(no)
					if changed {
						bills[i].Name = "别的物料"
					}
				}
				return c.SaveMaterials(ctx, &kingdee.SaveMaterialsRequest{Bills: bills, SkipExisting: skip})
			}},
		{method: "SaveSuppliers", form: kingdee.FormSupplier, number: "FNumber",
			golden:     kdSupplierJSON,
			lookupKeys: "FSupplierId,FNumber,FName",
			save: func(ctx context.Context, c *kingdee.Client, nos []string, changed, skip bool) (*kingdee.BatchSaveResult, error) {
				bills := make([]kingdee.Supplier, len(nos))
				for i, no := range nos {
					bills[i] = kdSupplier(no)
					if changed {
						bills[i].Name = "别的供应商"
					}
				}
				return c.SaveSuppliers(ctx, &kingdee.SaveSuppliersRequest{Bills: bills, SkipExisting: skip})
			}},
		{method: "SaveCustomers", form: kingdee.FormCustomer, number: "FNumber",
			golden:     kdCustomerJSON,
			lookupKeys: "FCUSTID,FNumber,FName",
			save: func(ctx context.Context, c *kingdee.Client, nos []string, changed, skip bool) (*kingdee.BatchSaveResult, error) {
				bills := make([]kingdee.Customer, len(nos))
				for i, no := range nos {
					bills[i] = kdCustomer(no)
					if changed {
						bills[i].Name = "别的客户"
					}
				}
				return c.SaveCustomers(ctx, &kingdee.SaveCustomersRequest{Bills: bills, SkipExisting: skip})
			}},
		{method: "SaveStockCountGains", form: kingdee.FormStockCountGain, number: "FBillNo",
			golden:     kdStockCountGainJSON,
			lookupKeys: "FID,FBillNo,FStockOrgId.FNumber,FDate,FMaterialId.FNumber,FStockId.FNumber,FGainQty",
			save: func(ctx context.Context, c *kingdee.Client, nos []string, changed, skip bool) (*kingdee.BatchSaveResult, error) {
				bills := make([]kingdee.StockCountGain, len(nos))
				for i, no := range nos {
					bills[i] = kdStockCountGain(no)
					if changed {
						bills[i].Entries[0].GainQty = duijie.AmountFromInt(3)
					}
				}
				return c.SaveStockCountGains(ctx, &kingdee.SaveStockCountGainsRequest{Bills: bills, SkipExisting: skip})
			}},
		{method: "SaveStockCountLosses", form: kingdee.FormStockCountLoss, number: "FBillNo",
			golden:     kdStockCountLossJSON,
			lookupKeys: "FID,FBillNo,FStockOrgId.FNumber,FDate,FMaterialId.FNumber,FStockId.FNumber,FLossQty",
			save: func(ctx context.Context, c *kingdee.Client, nos []string, changed, skip bool) (*kingdee.BatchSaveResult, error) {
				bills := make([]kingdee.StockCountLoss, len(nos))
				for i, no := range nos {
					bills[i] = kdStockCountLoss(no)
					if changed {
						bills[i].Entries[0].Stock = kingdee.RefTo("WH09")
					}
				}
				return c.SaveStockCountLosses(ctx, &kingdee.SaveStockCountLossesRequest{Bills: bills, SkipExisting: skip})
			}},
	}
}

// kdFormOK answers a BatchSave of one bill as saved.
func kdFormOK(no string) string {
	return `{"Result":{"ResponseStatus":{"ErrorCode":0,"IsSuccess":true,"Errors":[],"SuccessEntitys":[{"Id":100001,"Number":"` + no + `","DIndex":0}],"SuccessMessages":[],"MsgCode":0},"NeedReturnData":[]}}`
}

// TestTypedFormsSaveWireBytes checks each typed save's request body: the
// form id and the Model array holding the bill exactly.
func TestTypedFormsSaveWireBytes(t *testing.T) {
	for _, tc := range kdFormCases() {
		t.Run(tc.method, func(t *testing.T) {
			c, mt := newMockClient(t, signedConfig())
			got := record(mt, kingdee.ServiceBatchSave, kdFormOK("N-1"))
			res, err := tc.save(context.Background(), c, []string{"N-1"}, false, false)
			require.NoError(t, err)
			require.Len(t, *got, 1)
			assert.Equal(t, `{"formid":"`+tc.form+`","data":{"Model":[`+tc.golden+`]}}`, (*got)[0].body)
			assert.Equal(t, []kingdee.SaveOutcome{{Index: 0, Number: "N-1", ID: "100001", Status: kingdee.RowSaved, Saved: true}}, res.Rows)
			op := row(t, tc.method, kingdee.ServiceBatchSave)
			assert.Equal(t, kingdee.MaxBatchSave, op.MaxBatch)
			assert.False(t, op.SafeToReplay)
		})
	}
}

// TestTypedFormsAreSettledByNumberOnTheFake saves each typed form on the
// fake: saved once, a reset after handling settled by one look-up by the
// form's number field and never sent again, a repeat skipped as existing
// and a changed bill under a stored number reported as a conflict.
func TestTypedFormsAreSettledByNumberOnTheFake(t *testing.T) {
	for _, tc := range kdFormCases() {
		t.Run(tc.method, func(t *testing.T) {
			srv := kingdeetest.NewServer()
			defer srv.Close()
			c, err := srv.NewClient(duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond}))
			require.NoError(t, err)
			ctx := context.Background()

			res, err := tc.save(ctx, c, []string{"N-1", "N-2"}, false, false)
			require.NoError(t, err)
			assert.Equal(t, 2, res.Saved())
			var stored []string
			for _, b := range srv.Bills(tc.form) {
				stored = append(stored, b.Number)
				assert.Equal(t, b.Number, b.Model[tc.number], "the fake keys the bill by %s", tc.number)
			}
			assert.Equal(t, []string{"N-1", "N-2"}, stored)

			path := kingdeetest.SitePath + "/" + kingdee.ServiceBatchSave + ".common.kdsvc"
			lookups := kingdeetest.SitePath + "/" + kingdee.ServiceExecuteBillQuery + ".common.kdsvc"
			srv.ResetJournal()
			srv.Inject(duijietest.Rule{Fault: duijietest.Fault{Kind: duijietest.FaultResetAfter}, Count: 1,
				Match: func(r *http.Request) bool { return r.URL.Path == path }})
			res, err = tc.save(ctx, c, []string{"N-3"}, false, false)
			require.NoError(t, err)
			assert.Equal(t, kingdee.RowExisting, res.Rows[0].Status)
			assert.True(t, res.Rows[0].Verified, "the bill found was compared with the one sent")
			assert.Equal(t, 1, srv.Calls(path), "never sent again blindly")
			assert.Equal(t, 1, srv.Calls(lookups))
			q := srv.Journal()[1]
			assert.Contains(t, string(q.Body), `"FieldKeys":"`+tc.lookupKeys+`"`)
			assert.Contains(t, string(q.Body), `"FilterString":"`+tc.number+` IN ('N-3')","OrderString":"`+strings.Split(tc.lookupKeys, ",")[0]+` ASC"`,
				"looked up by the form's number field, ordered by its id field")
			assert.Len(t, srv.Bills(tc.form), 3)

			res, err = tc.save(ctx, c, []string{"N-1"}, false, true)
			require.NoError(t, err)
			assert.Equal(t, kingdee.RowExisting, res.Rows[0].Status, "SkipExisting finds the stored bill")

			res, err = tc.save(ctx, c, []string{"N-2"}, true, false)
			var be *duijie.BatchError
			require.ErrorAs(t, err, &be)
			require.Len(t, be.Failed, 1)
			assert.ErrorIs(t, be.Failed[0].Err, kingdee.ErrConflict)
			assert.Equal(t, kingdee.RowConflict, res.Rows[0].Status)
			assert.NotEmpty(t, res.Rows[0].Differences)
			assert.Len(t, srv.Bills(tc.form), 3, "nothing was written twice")
			assert.Equal(t, 1, srv.RepeatedNumbers(), "the changed bill was refused as a repeated number")
		})
	}
}

// TestTypedFormsRefuseBadRequestsBeforeSending refuses a nil request, a
// bill its Validate refuses (named by its index and field path), a repeated
// number and more bills than the table's cap, with nothing sent (the mock
// answers no request).
func TestTypedFormsRefuseBadRequestsBeforeSending(t *testing.T) {
	c, _ := newMockClient(t, signedConfig())
	ctx := context.Background()
	refused := func(err error, field, rule string) {
		t.Helper()
		var ve *duijie.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, field, ve.Field)
		assert.Equal(t, rule, ve.Rule)
	}
	_, err := c.SaveSalOutStocks(ctx, nil)
	refused(err, "SaveSalOutStocksRequest", duijie.RuleRequired)
	_, err = c.SaveMaterials(ctx, nil)
	refused(err, "SaveMaterialsRequest", duijie.RuleRequired)

	bad := kdSalOutStock("N-2")
	bad.Entries[0].RealQty = duijie.AmountFromInt(-1)
	_, err = c.SaveSalOutStocks(ctx, &kingdee.SaveSalOutStocksRequest{Bills: []kingdee.SalOutStock{kdSalOutStock("N-1"), bad}})
	refused(err, "Models[1].FEntity[0].FRealQty", duijie.RuleNegative)

	_, err = c.SaveCustomers(ctx, &kingdee.SaveCustomersRequest{Bills: []kingdee.Customer{kdCustomer("C-1"), kdCustomer("C-1")}})
	refused(err, "Models[1].FNumber", duijie.RuleConflict)

	bills := make([]kingdee.PurMRB, kingdee.MaxBatchSave+1)
	for i := range bills {
		bills[i] = kdPurMRB(fmt.Sprintf("R%d", i))
	}
	_, err = c.SavePurMRBs(ctx, &kingdee.SavePurMRBsRequest{Bills: bills})
	refused(err, "Models", duijie.RuleTooMany)
}

// kdValidateCases runs a Validate table: the sample is valid, and each
// mutation is refused naming the field.
func kdValidateCases[B interface{ Validate() error }](t *testing.T, sample func() B, cases map[string]func(*B)) {
	t.Helper()
	b := sample()
	require.NoError(t, b.Validate())
	for field, mutate := range cases {
		b := sample()
		mutate(&b)
		err := b.Validate()
		var ve *duijie.ValidationError
		if assert.ErrorAs(t, err, &ve, field) {
			assert.Equal(t, field, ve.Field)
			assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
		}
	}
}

// kdTooPrecise has more decimal places than the server's decimal holds.
var kdTooPrecise = duijie.AmountFromDecimal(decimal.New(1, -29))

// TestRawSavesOfBaseDataAreLookedUpByTheirIDField saves base data as raw
// models with NumberField and IDField: after a reset the look-up asks for
// the form's own id and code, and finds the record instead of sending it
// again.
func TestRawSavesOfBaseDataAreLookedUpByTheirIDField(t *testing.T) {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	c, err := srv.NewClient(duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond}))
	require.NoError(t, err)
	for _, service := range []string{kingdee.ServiceSave, kingdee.ServiceBatchSave} {
		path := kingdeetest.SitePath + "/" + service + ".common.kdsvc"
		srv.ResetJournal()
		srv.Inject(duijietest.Rule{Fault: duijietest.Fault{Kind: duijietest.FaultResetAfter}, Count: 1,
			Match: func(r *http.Request) bool { return r.URL.Path == path }})
		no := "CUST-" + service[len(kingdee.DynamicFormService):]
		model := map[string]any{"FCreateOrgId": kingdee.RefTo("100"), "FNumber": no, "FName": "客户"}
		var status kingdee.RowStatus
		if service == kingdee.ServiceSave {
			res, err := c.Save(context.Background(), &kingdee.SaveRequest{FormID: kingdee.FormCustomer, Model: model,
				NumberField: kingdee.BaseDataNumberField, IDField: "FCUSTID"})
			require.NoError(t, err)
			status = res.Status
		} else {
			res, err := c.BatchSave(context.Background(), &kingdee.BatchSaveRequest{FormID: kingdee.FormCustomer, Models: []any{model},
				NumberField: kingdee.BaseDataNumberField, IDField: "FCUSTID"})
			require.NoError(t, err)
			status = res.Rows[0].Status
		}
		assert.Equal(t, kingdee.RowExisting, status, service)
		assert.Equal(t, 1, srv.Calls(path), "never sent again")
		j := srv.Journal()
		require.Len(t, j, 2)
		assert.Contains(t, string(j[1].Body), `"FieldKeys":"FCUSTID,FNumber","FilterString":"FNumber IN ('`+no+`')","OrderString":"FCUSTID ASC"`)
	}
	assert.Len(t, srv.Bills(kingdee.FormCustomer), 2)
}
