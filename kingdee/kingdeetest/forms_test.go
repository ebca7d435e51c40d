package kingdeetest_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
)

// kdFakeForm is a form the fake checks: a bill it accepts, and the
// changes to it the real server refuses, each naming the field refused.
type kdFakeForm struct {
	form, number string
	// entity is the line array's key and line a line key the query reads.
	entity, line string
	valid        func(number string) map[string]any
	refusals     map[string]func(m map[string]any)
}

// kdRef is a reference as the client writes it.
func kdRef(code string) map[string]any { return map[string]any{"FNumber": code} }

// kdLine returns the first line of m's entry array key.
func kdLine(m map[string]any, key string) map[string]any {
	return m[key].([]any)[0].(map[string]any)
}

func kdFakeForms() []kdFakeForm {
	return []kdFakeForm{
		{form: kingdee.FormSalOutStock, number: "FBillNo", entity: "FEntity", line: "FMaterialID.FNumber",
			valid: func(no string) map[string]any {
				return map[string]any{"FBillNo": no, "FSaleOrgId": kdRef("100"), "FStockOrgId": kdRef("100"), "FCustomerID": kdRef("C1"),
					"FEntity": []any{map[string]any{"FMaterialID": kdRef("M1"), "FRealQty": 1}}}
			},
			refusals: map[string]func(map[string]any){
				"FSaleOrgId":  func(m map[string]any) { delete(m, "FSaleOrgId") },
				"FStockOrgId": func(m map[string]any) { m["FStockOrgId"] = kdRef("") },
				"FCustomerID": func(m map[string]any) { delete(m, "FCustomerID") },
				"FEntity":     func(m map[string]any) { m["FEntity"] = []any{} },
				"FMaterialID": func(m map[string]any) { delete(kdLine(m, "FEntity"), "FMaterialID") },
			}},
		{form: kingdee.FormMisDelivery, number: "FBillNo", entity: "FEntity", line: "FMaterialId.FNumber",
			valid: func(no string) map[string]any {
				return map[string]any{"FBillNo": no, "FStockOrgId": kdRef("100"), "FPickOrgId": kdRef("100"),
					"FEntity": []any{map[string]any{"FMaterialId": kdRef("M1"), "FQty": 1}}}
			},
			refusals: map[string]func(map[string]any){
				"FStockOrgId": func(m map[string]any) { delete(m, "FStockOrgId") },
				"FPickOrgId":  func(m map[string]any) { delete(m, "FPickOrgId") },
				"FEntity":     func(m map[string]any) { m["FBillEntry"] = m["FEntity"]; delete(m, "FEntity") },
				"FMaterialId": func(m map[string]any) { kdLine(m, "FEntity")["FMaterialId"] = kdRef("") },
			}},
		{form: kingdee.FormMiscellaneous, number: "FBillNo", entity: "FEntity", line: "FMATERIALID.FNumber",
			valid: func(no string) map[string]any {
				return map[string]any{"FBillNo": no, "FStockOrgId": kdRef("100"),
					"FEntity": []any{map[string]any{"FMaterialId": kdRef("M1"), "FQty": 1}}}
			},
			refusals: map[string]func(map[string]any){
				"FStockOrgId": func(m map[string]any) { m["FStockOrgId"] = kdRef("") },
				"FEntity":     func(m map[string]any) { delete(m, "FEntity") },
				"FMATERIALID": func(m map[string]any) { delete(kdLine(m, "FEntity"), "FMaterialId") },
			}},
		{form: kingdee.FormTransferDirect, number: "FBillNo", entity: "FBillEntry", line: "FDestStockId.FNumber",
			valid: func(no string) map[string]any {
				return map[string]any{"FBillNo": no, "FStockOutOrgId": kdRef("100"), "FStockOrgId": kdRef("100"),
					"FBillEntry": []any{map[string]any{"FMaterialId": kdRef("M1"), "FQty": 1, "FSrcStockId": kdRef("W1"), "FDestStockId": kdRef("W2")}}}
			},
			refusals: map[string]func(map[string]any){
				"FStockOutOrgId": func(m map[string]any) { delete(m, "FStockOutOrgId") },
				"FStockOrgId":    func(m map[string]any) { delete(m, "FStockOrgId") },
				"FBillEntry":     func(m map[string]any) { m["FEntity"] = m["FBillEntry"]; delete(m, "FBillEntry") },
				"FMaterialId":    func(m map[string]any) { delete(kdLine(m, "FBillEntry"), "FMaterialId") },
				"FSrcStockId":    func(m map[string]any) { delete(kdLine(m, "FBillEntry"), "FSrcStockId") },
				"FDestStockId":   func(m map[string]any) { delete(kdLine(m, "FBillEntry"), "FDestStockId") },
			}},
		{form: kingdee.FormInStock, number: "FBillNo", entity: "FInStockEntry", line: "FMaterialId.FNumber",
			valid: func(no string) map[string]any {
				return map[string]any{"FBillNo": no, "FStockOrgId": kdRef("100"), "FPurchaseOrgId": kdRef("100"), "FSupplierId": kdRef("100"),
					"FInStockEntry": []any{map[string]any{"FMaterialId": kdRef("M1"), "FQty": 1}}}
			},
			refusals: map[string]func(map[string]any){
				"FStockOrgId":    func(m map[string]any) { delete(m, "FStockOrgId") },
				"FPurchaseOrgId": func(m map[string]any) { delete(m, "FPurchaseOrgId") },
				"FSupplierId":    func(m map[string]any) { delete(m, "FSupplierId") },
				"FInStockEntry":  func(m map[string]any) { m["FEntity"] = m["FInStockEntry"]; delete(m, "FInStockEntry") },
				"FMaterialId":    func(m map[string]any) { delete(kdLine(m, "FInStockEntry"), "FMaterialId") },
			}},
		{form: kingdee.FormPurMRB, number: "FBillNo", entity: "FPURMRBENTRY", line: "FMATERIALID.FNumber",
			valid: func(no string) map[string]any {
				return map[string]any{"FBillNo": no, "FStockOrgId": kdRef("100"), "FPurchaseOrgId": kdRef("100"), "FSupplierID": kdRef("100"),
					"FPURMRBENTRY": []any{map[string]any{"FMATERIALID": kdRef("M1"), "FQty": 1}}}
			},
			refusals: map[string]func(map[string]any){
				"FStockOrgId":    func(m map[string]any) { delete(m, "FStockOrgId") },
				"FPurchaseOrgId": func(m map[string]any) { delete(m, "FPurchaseOrgId") },
				"FSupplierID":    func(m map[string]any) { delete(m, "FSupplierID") },
				"FPURMRBENTRY":   func(m map[string]any) { m["FEntity"] = m["FPURMRBENTRY"]; delete(m, "FPURMRBENTRY") },
				"FMATERIALID":    func(m map[string]any) { delete(kdLine(m, "FPURMRBENTRY"), "FMATERIALID") },
			}},
		{form: kingdee.FormPurchaseOrder, number: "FBillNo", entity: "FPOOrderEntry", line: "FMaterialId.FNumber",
			valid: func(no string) map[string]any {
				return map[string]any{"FBillNo": no, "FPurchaseOrgId": kdRef("100"), "FSupplierId": kdRef("100"),
					"FPOOrderEntry": []any{map[string]any{"FMaterialId": kdRef("M1"), "FQty": 1}}}
			},
			refusals: map[string]func(map[string]any){
				"FPurchaseOrgId": func(m map[string]any) { delete(m, "FPurchaseOrgId") },
				"FSupplierId":    func(m map[string]any) { delete(m, "FSupplierId") },
				"FPOOrderEntry":  func(m map[string]any) { m["FEntity"] = m["FPOOrderEntry"]; delete(m, "FPOOrderEntry") },
				"FMaterialId":    func(m map[string]any) { delete(kdLine(m, "FPOOrderEntry"), "FMaterialId") },
			}},
		{form: kingdee.FormSaleOrder, number: "FBillNo", entity: "FSaleOrderEntry", line: "FMaterialId.FNumber",
			valid: func(no string) map[string]any {
				return map[string]any{"FBillNo": no, "FSaleOrgId": kdRef("100"), "FCustId": kdRef("100"),
					"FSaleOrderEntry": []any{map[string]any{"FMaterialId": kdRef("M1"), "FQty": 1}}}
			},
			refusals: map[string]func(map[string]any){
				"FSaleOrgId":      func(m map[string]any) { delete(m, "FSaleOrgId") },
				"FCustId":         func(m map[string]any) { delete(m, "FCustId") },
				"FSaleOrderEntry": func(m map[string]any) { m["FEntity"] = m["FSaleOrderEntry"]; delete(m, "FSaleOrderEntry") },
				"FMaterialId":     func(m map[string]any) { delete(kdLine(m, "FSaleOrderEntry"), "FMaterialId") },
			}},
		{form: kingdee.FormMaterial, number: "FNumber", line: "FName",
			valid: func(no string) map[string]any {
				return map[string]any{"FNumber": no, "FCreateOrgId": kdRef("100"), "FName": "物料",
					"SubHeadEntity": map[string]any{"FErpClsID": "1"}}
			},
			refusals: map[string]func(map[string]any){
				"FCreateOrgId": func(m map[string]any) { delete(m, "FCreateOrgId") },
				"FName":        func(m map[string]any) { m["FName"] = " " },
			}},
		{form: kingdee.FormSupplier, number: "FNumber", line: "FName",
			valid: func(no string) map[string]any {
				return map[string]any{"FNumber": no, "FCreateOrgId": kdRef("100"), "FName": "供应商"}
			},
			refusals: map[string]func(map[string]any){
				"FCreateOrgId": func(m map[string]any) { m["FCreateOrgId"] = kdRef("") },
				"FName":        func(m map[string]any) { delete(m, "FName") },
			}},
		{form: kingdee.FormCustomer, number: "FNumber", line: "FName",
			valid: func(no string) map[string]any {
				return map[string]any{"FNumber": no, "FCreateOrgId": kdRef("100"), "FName": "客户"}
			},
			refusals: map[string]func(map[string]any){
				"FCreateOrgId": func(m map[string]any) { delete(m, "FCreateOrgId") },
				"FName":        func(m map[string]any) { m["FName"] = "" },
			}},
		{form: kingdee.FormStockCountGain, number: "FBillNo", entity: "FBillEntry", line: "FStockId.FNumber",
			valid: func(no string) map[string]any {
				return map[string]any{"FBillNo": no, "FStockOrgId": kdRef("101"),
					"FBillEntry": []any{map[string]any{"FMaterialId": kdRef("M1"), "FCountQty": 3, "FStockId": kdRef("WH01")}}}
			},
			refusals: map[string]func(map[string]any){
				"FStockOrgId": func(m map[string]any) { delete(m, "FStockOrgId") },
				"FBillEntry":  func(m map[string]any) { m["FBillEntry"] = []any{} },
				"FMaterialId": func(m map[string]any) { delete(kdLine(m, "FBillEntry"), "FMaterialId") },
				"FStockId":    func(m map[string]any) { kdLine(m, "FBillEntry")["FStockId"] = kdRef("") },
			}},
		{form: kingdee.FormStockCountLoss, number: "FBillNo", entity: "FBillEntry", line: "FStockId.FNumber",
			valid: func(no string) map[string]any {
				return map[string]any{"FBillNo": no, "FStockOrgId": kdRef("101"),
					"FBillEntry": []any{map[string]any{"FMaterialId": kdRef("M1"), "FCountQty": 3, "FStockId": kdRef("WH01")}}}
			},
			refusals: map[string]func(map[string]any){
				"FStockOrgId": func(m map[string]any) { delete(m, "FStockOrgId") },
				"FBillEntry":  func(m map[string]any) { m["FBillEntry"] = []any{} },
				"FMaterialId": func(m map[string]any) { delete(kdLine(m, "FBillEntry"), "FMaterialId") },
				"FStockId":    func(m map[string]any) { kdLine(m, "FBillEntry")["FStockId"] = kdRef("") },
			}},
	}
}

// TestTheFakeKeepsEachFormByItsNumberAndRefusesWhatTheServerRefuses saves
// each typed form's bills as raw models: a valid bill is stored under its
// number field and answered by ExecuteBillQuery, header and line fields
// alike; a repeat of its number is refused as taken (and found by the
// client's look-up); each bill missing a required field or its lines is
// refused naming the field, as Kingdee's ResponseStatus does.
func TestTheFakeKeepsEachFormByItsNumberAndRefusesWhatTheServerRefuses(t *testing.T) {
	for _, f := range kdFakeForms() {
		t.Run(f.form, func(t *testing.T) {
			srv := kingdeetest.NewServer()
			defer srv.Close()
			c := newClient(t, srv, kingdee.AuthSignedHeaders)
			ctx := context.Background()
			save := func(m map[string]any) *kingdee.BatchSaveResult {
				t.Helper()
				res, _ := c.BatchSave(ctx, &kingdee.BatchSaveRequest{FormID: f.form, NumberField: f.number, Models: []any{m}, Options: fastSettle})
				require.NotNil(t, res)
				return res
			}
			res := save(f.valid("K-1"))
			require.Equal(t, kingdee.RowSaved, res.Rows[0].Status, "%+v", res.Rows[0].Errors)
			stored, ok := srv.Bill(f.form, "K-1")
			require.True(t, ok)
			assert.Equal(t, "K-1", stored.Number)

			page, err := c.ExecuteBillQuery(ctx, &kingdee.BillQuery{FormID: f.form, FieldKeys: []string{"FID", f.number, f.line},
				Filter: f.number + " = 'K-1'"})
			require.NoError(t, err)
			rows := page.Items
			require.Len(t, rows, 1)
			assert.Equal(t, "K-1", rows[0].String(1))
			assert.NotEmpty(t, rows[0].String(2), "the line field %s is answered", f.line)

			res = save(f.valid("K-1"))
			assert.Equal(t, kingdee.RowExisting, res.Rows[0].Status, "a repeated number is refused, then found by the look-up")
			assert.Equal(t, 1, srv.RepeatedNumbers())
			assert.Len(t, srv.Bills(f.form), 1)

			for field, mutate := range f.refusals {
				m := f.valid("K-" + field)
				mutate(m)
				res := save(m)
				assert.Equal(t, kingdee.RowFailed, res.Rows[0].Status, field)
				if assert.Len(t, res.Rows[0].Errors, 1, field) {
					assert.Equal(t, field, res.Rows[0].Errors[0].FieldName)
				}
				_, stored := srv.Bill(f.form, "K-"+field)
				assert.False(t, stored, field)
			}
			assert.Len(t, srv.Bills(f.form), 1)
		})
	}
}
