package kingdeetest

import (
	"strings"

	"github.com/duijie/duijie/kingdee"
)

// formRule is what the fake knows of a form: the field its bills are
// numbered and looked up by, the key of its line array, and the fields a
// save must carry, as the vendor notes name them (kingdee.md, breadth.md
// §3.2 and the sources they cite). A form without a rule is numbered by
// FBillNo, reads its lines from FEntity and is saved without checks.
type formRule struct {
	// number is the number field: FBillNo for bills, FNumber for base data.
	number string
	// id is the internal id's field: FID for bills, the form's own for
	// base data ("" means FID).
	id string
	// entity is the key of the line array ("" when the form has none).
	entity string
	// lines is true when a save needs at least one line.
	lines bool
	// head are the references the header must carry.
	head []string
	// text are the text fields the header must carry.
	text []string
	// line are the references each line must carry.
	line []string
}

// formRules holds the rule of every form the package types.
var formRules = map[string]formRule{
	kingdee.FormSalReturnStock: {number: "FBillNo", entity: "FEntity", lines: true,
		head: []string{"FSaleOrgId", "FStockOrgId", "FRetcustId"}, line: []string{"FMaterialId"}},
	kingdee.FormSalOutStock: {number: "FBillNo", entity: "FEntity", lines: true,
		head: []string{"FSaleOrgId", "FStockOrgId", "FCustomerID"}, line: []string{"FMaterialID"}},
	kingdee.FormMisDelivery: {number: "FBillNo", entity: "FEntity", lines: true,
		head: []string{"FStockOrgId", "FPickOrgId"}, line: []string{"FMaterialId"}},
	kingdee.FormMiscellaneous: {number: "FBillNo", entity: "FEntity", lines: true,
		head: []string{"FStockOrgId"}, line: []string{"FMATERIALID"}},
	kingdee.FormTransferDirect: {number: "FBillNo", entity: "FBillEntry", lines: true,
		head: []string{"FStockOutOrgId", "FStockOrgId"}, line: []string{"FMaterialId", "FSrcStockId", "FDestStockId"}},
	kingdee.FormInStock: {number: "FBillNo", entity: "FInStockEntry", lines: true,
		head: []string{"FStockOrgId", "FPurchaseOrgId", "FSupplierId"}, line: []string{"FMaterialId"}},
	kingdee.FormPurMRB: {number: "FBillNo", entity: "FPURMRBENTRY", lines: true,
		head: []string{"FStockOrgId", "FPurchaseOrgId", "FSupplierID"}, line: []string{"FMATERIALID"}},
	kingdee.FormPurchaseOrder: {number: "FBillNo", entity: "FPOOrderEntry", lines: true,
		head: []string{"FPurchaseOrgId", "FSupplierId"}, line: []string{"FMaterialId"}},
	kingdee.FormSaleOrder: {number: "FBillNo", entity: "FSaleOrderEntry", lines: true,
		head: []string{"FSaleOrgId", "FCustId"}, line: []string{"FMaterialId"}},
	kingdee.FormMaterial: {number: "FNumber", id: "FMATERIALID", head: []string{"FCreateOrgId"}, text: []string{"FName"}},
	kingdee.FormSupplier: {number: "FNumber", id: "FSupplierId", head: []string{"FCreateOrgId"}, text: []string{"FName"}},
	kingdee.FormCustomer: {number: "FNumber", id: "FCUSTID", head: []string{"FCreateOrgId"}, text: []string{"FName"}},
	kingdee.FormStockCountGain: {number: "FBillNo", entity: "FBillEntry", lines: true,
		head: []string{"FStockOrgId"}, line: []string{"FMaterialId", "FStockId"}},
	kingdee.FormStockCountLoss: {number: "FBillNo", entity: "FBillEntry", lines: true,
		head: []string{"FStockOrgId"}, line: []string{"FMaterialId", "FStockId"}},
}

// ruleOf returns a form's rule, or the default of a form without one.
func ruleOf(formID string) formRule {
	r, ok := formRules[formID]
	if !ok {
		r = formRule{number: "FBillNo", entity: "FEntity"}
	}
	if r.id == "" {
		r.id = "FID"
	}
	return r
}

// member returns the value of m's key matching name without regard to
// case, as the server matches field keys.
func member(m map[string]any, name string) (any, bool) {
	if v, ok := m[name]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

// lines returns a bill's lines under the form's entry key.
func lines(formID string, m map[string]any) []any {
	r := ruleOf(formID)
	if r.entity == "" {
		return nil
	}
	v, _ := member(m, r.entity)
	out, _ := v.([]any)
	return out
}

// checkModel applies the checks the real server makes that a test can
// trip, in the server's order: the header's required references and text,
// then at least one line under the form's entry key, then each line's
// required references. A draft is not checked.
func checkModel(formID string, m map[string]any, draft bool) *fieldMsg {
	if draft {
		return nil
	}
	r := ruleOf(formID)
	for _, f := range r.head {
		v, _ := member(m, f)
		if refNumber(v) == "" {
			return &fieldMsg{FieldName: f, Message: "字段“" + f + "”是必填项"}
		}
	}
	for _, f := range r.text {
		v, _ := member(m, f)
		if s, _ := v.(string); strings.TrimSpace(s) == "" {
			return &fieldMsg{FieldName: f, Message: "字段“" + f + "”是必填项"}
		}
	}
	if !r.lines {
		return nil
	}
	entries := lines(formID, m)
	if len(entries) == 0 {
		return &fieldMsg{FieldName: r.entity, Message: "单据体“" + r.entity + "”至少需要一行"}
	}
	for _, e := range entries {
		row, _ := e.(map[string]any)
		for _, f := range r.line {
			v, _ := member(row, f)
			if refNumber(v) == "" {
				return &fieldMsg{FieldName: f, Message: "字段“" + f + "”是必填项"}
			}
		}
	}
	return nil
}
