package kingdee_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/kingdee"
)

func kdMaterial(no string) kingdee.Material {
	return kingdee.Material{CreateOrg: kingdee.RefTo("100"), UseOrg: kingdee.RefTo("100"), Number: no, Name: "原纸 A4",
		Specification: "70g", Base: &kingdee.MaterialBase{ErpClsID: kingdee.ErpClsPurchased, BaseUnit: kingdee.RefTo("Pcs"),
			Category: kingdee.RefTo("CHLB01_SYS"), Barcode: "6901234567890"}}
}

const kdMaterialJSON = `{"FCreateOrgId":{"FNumber":"100"},"FUseOrgId":{"FNumber":"100"},"FNumber":"N-1","FName":"原纸 A4","FSpecification":"70g","SubHeadEntity":{"FErpClsID":"1","FBaseUnitId":{"FNumber":"Pcs"},"FCategoryID":{"FNumber":"CHLB01_SYS"},"FBARCODE":"6901234567890"}}`

func TestMaterialJSONAndComparison(t *testing.T) {
	out, err := kdMaterial("N-1").MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, kdMaterialJSON, string(out))
	m := kdMaterial("N-1")
	m.ID = 310992
	m.Base.Extra = kingdee.Extra{"FIsPurchase": true}
	out, err = m.MarshalJSON()
	require.NoError(t, err)
	assert.Contains(t, string(out), `{"FMATERIALID":310992,"FCreateOrgId"`)
	assert.Contains(t, string(out), `"FBARCODE":"6901234567890","FIsPurchase":true}}`)
	assert.Equal(t, []string{"FName"}, m.CompareKeys())
	assert.Equal(t, [][]string{{"原纸 A4"}}, m.CompareRows())
}

func TestMaterialValidate(t *testing.T) {
	kdValidateCases(t, func() kingdee.Material { return kdMaterial("N-1") }, map[string]func(*kingdee.Material){
		"FCreateOrgId":           func(m *kingdee.Material) { m.CreateOrg = kingdee.Ref{} },
		"FName":                  func(m *kingdee.Material) { m.Name = "  " },
		"FNumber":                func(m *kingdee.Material) { m.Number = "N\n1" },
		"SubHeadEntity.FBARCODE": func(m *kingdee.Material) { m.Base.Barcode = " 690" },
		"FSpecification":         func(m *kingdee.Material) { m.Specification = "\xff" },
	})
}

func kdSupplier(no string) kingdee.Supplier {
	return kingdee.Supplier{CreateOrg: kingdee.RefTo("100"), UseOrg: kingdee.RefTo("100"), Number: no, Name: "花果山贸易",
		ShortName: "花果山", Group: kingdee.RefTo("7")}
}

const kdSupplierJSON = `{"FCreateOrgId":{"FNumber":"100"},"FUseOrgId":{"FNumber":"100"},"FNumber":"N-1","FName":"花果山贸易","FShortName":"花果山","FGroup":{"FNumber":"7"}}`

func TestSupplierJSONAndValidate(t *testing.T) {
	out, err := kdSupplier("N-1").MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, kdSupplierJSON, string(out))
	assert.Equal(t, [][]string{{"花果山贸易"}}, kdSupplier("N-1").CompareRows())
	kdValidateCases(t, func() kingdee.Supplier { return kdSupplier("N-1") }, map[string]func(*kingdee.Supplier){
		"FCreateOrgId": func(s *kingdee.Supplier) { s.CreateOrg = kingdee.Ref{} },
		"FName":        func(s *kingdee.Supplier) { s.Name = "" },
		"FShortName":   func(s *kingdee.Supplier) { s.ShortName = "\x00" },
		"F_Bank":       func(s *kingdee.Supplier) { s.Extra = kingdee.Extra{"F_Bank": "\xfe"} },
	})
}

func kdCustomer(no string) kingdee.Customer {
	return kingdee.Customer{CreateOrg: kingdee.RefTo("100"), UseOrg: kingdee.RefTo("100"), Number: no, Name: "天猫旗舰店",
		Country: kingdee.RefTo("China"), TradingCurrency: kingdee.RefTo(kingdee.CurrencyCNY)}
}

const kdCustomerJSON = `{"FCreateOrgId":{"FNumber":"100"},"FUseOrgId":{"FNumber":"100"},"FNumber":"N-1","FName":"天猫旗舰店","FCOUNTRY":{"FNumber":"China"},"FTRADINGCURRID":{"FNumber":"PRE001"}}`

func TestCustomerJSONAndValidate(t *testing.T) {
	out, err := kdCustomer("N-1").MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, kdCustomerJSON, string(out))
	assert.Equal(t, []string{"FName"}, kdCustomer("N-1").CompareKeys())
	kdValidateCases(t, func() kingdee.Customer { return kdCustomer("N-1") }, map[string]func(*kingdee.Customer){
		"FCreateOrgId": func(c *kingdee.Customer) { c.CreateOrg = kingdee.Ref{} },
		"FName":        func(c *kingdee.Customer) { c.Name = "" },
		"FTEL":         func(c *kingdee.Customer) { c.Tel = "1\x01" },
	})
}
