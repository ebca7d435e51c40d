package kingdee

import (
	"context"
)

// BaseDataNumberField is the field base data (物料, 供应商, 客户 …) is
// numbered and looked up by: its code, FNumber, where bills use FBillNo.
const BaseDataNumberField = "FNumber"

// The base data forms the package types.
const (
	// FormMaterial is the form id of materials (物料).
	FormMaterial = "BD_MATERIAL"
	// FormSupplier is the form id of suppliers (供应商).
	FormSupplier = "BD_Supplier"
	// FormCustomer is the form id of customers (客户).
	FormCustomer = "BD_Customer"
)

// Material properties (物料属性, SubHeadEntity.FErpClsID), as integrations
// map them.
const (
	// ErpClsPurchased is 外购 (purchased), the value the QEasy schemes send.
	ErpClsPurchased = "1"
	// ErpClsSelfMade is 自制 (made in house).
	ErpClsSelfMade = "2"
	// ErpClsOutsourced is 委外 (outsourced).
	ErpClsOutsourced = "3"
	// ErpClsService is 服务 (a service).
	ErpClsService = "6"
)

// Material is a material (物料, form BD_MATERIAL) as BatchSave writes it,
// saved with SaveMaterials. Base data is numbered by its code, FNumber,
// not FBillNo, and its internal id is FMATERIALID.
//
// Field keys: the official Python SDK 8.2.0 demo
// (python_sdk_demo/BD_MATERIAL/test_bd_material.py, kingdee.md sources:
// FCreateOrgId, FNumber, FName; FNumber and FName in its queries), the
// QEasy schemes that write it from Wangdiantong's goods and Jushuitan's
// SKUs (qeasy-cloud/datahub docs/solutions/kingdee-wangdian.md and
// kingdee-jushuitan.md: FNumber, FName, FDescription, FCreateOrgId,
// FUseOrgId, FSpecification; SubHeadEntity FErpClsID 1 = 外购, FBaseUnitId,
// FCategoryID CHLB01_SYS), a full save of it (find_string id 42606289827:
// SubHeadEntity FTaxRateId), an import template of its fields (find_string
// id 33261111751: FBARCODE in SubHeadEntity, 基本), its queries
// (find_string ids 32367830561 and 68853738407: FMATERIALID, FMaterialGroup)
// and the FErpClsID values 1, 2, 3, 6 (find_string id 66112829308).
// Everything else goes in Extra.
//
// FCreateOrgId and FName are required (every source sets both). FNumber is
// the key an unclear save is looked up by; a material without one is
// numbered by the server's coding rule and is never sent twice.
type Material struct {
	// ID is the material's internal id (FMATERIALID); 0 for a new one.
	ID int64 `json:"FMATERIALID,omitzero"`
	// CreateOrg is the creating organisation (FCreateOrgId, required).
	CreateOrg Ref `json:"FCreateOrgId,omitzero"`
	// UseOrg is the using organisation (FUseOrgId).
	UseOrg Ref `json:"FUseOrgId,omitzero"`
	// Number is the material's code (FNumber), unique within its
	// organisation.
	Number string `json:"FNumber,omitempty" limit:"id"`
	// Name is the name (FName, required).
	Name string `json:"FName,omitempty"`
	// Specification is the specification (FSpecification, 规格型号).
	Specification string `json:"FSpecification,omitempty"`
	// Description is the description (FDescription).
	Description string `json:"FDescription,omitempty"`
	// Group is the material group (FMaterialGroup).
	Group Ref `json:"FMaterialGroup,omitzero"`
	// Base is the basic information (SubHeadEntity, 基本, an object).
	Base *MaterialBase `json:"SubHeadEntity,omitempty"`
	// Extra holds custom fields of the material.
	Extra Extra `json:"-" limit:"inline"`
}

// MaterialBase is a material's basic information (SubHeadEntity, 基本).
type MaterialBase struct {
	// ErpClsID is the material property (FErpClsID), e.g. ErpClsPurchased.
	ErpClsID string `json:"FErpClsID,omitempty"`
	// BaseUnit is the base unit (FBaseUnitId).
	BaseUnit Ref `json:"FBaseUnitId,omitzero"`
	// Category is the stock category (FCategoryID, 存货类别), e.g. CHLB01_SYS.
	Category Ref `json:"FCategoryID,omitzero"`
	// TaxRate is the default tax rate (FTaxRateId), e.g. SL02_SYS.
	TaxRate Ref `json:"FTaxRateId,omitzero"`
	// Barcode is the barcode (FBARCODE).
	Barcode string `json:"FBARCODE,omitempty" limit:"id"`
	// Extra holds custom fields of the basic information.
	Extra Extra `json:"-" limit:"inline"`
}

// MarshalJSON writes the material with its custom fields.
func (m Material) MarshalJSON() ([]byte, error) {
	type plain Material
	return withExtra(plain(m), m.Extra)
}

// MarshalJSON writes the basic information with its custom fields.
func (b MaterialBase) MarshalJSON() ([]byte, error) {
	type plain MaterialBase
	return withExtra(plain(b), b.Extra)
}

// Validate checks what the server would refuse or silently garble: the
// creating organisation and the name, and the universal text rules (see
// SalReturnStock.Validate), custom fields included.
func (m Material) Validate() error {
	if err := requireRefs(head, refField{"FCreateOrgId", m.CreateOrg}); err != nil {
		return err
	}
	if err := requireText("FName", m.Name); err != nil {
		return err
	}
	return limits.Check(&m)
}

// CompareKeys are the fields a material found by its code is compared by:
// its name.
func (m Material) CompareKeys() []string { return []string{"FName"} }

// CompareRows are the values of CompareKeys: one row.
func (m Material) CompareRows() [][]string { return [][]string{{m.Name}} }

// SaveMaterialsRequest is a save of materials.
type SaveMaterialsRequest = SaveBillsRequest[Material]

// SaveMaterials saves materials (物料, form BD_MATERIAL) with
// DynamicFormService.BatchSave (批量保存), with BatchSave's outcomes and
// errors. Replay rule: never replayed blindly; after an unclear outcome
// the materials are looked up by their code (FNumber, id FMATERIALID) and
// compared by name, and only those not found after the settle delay are
// sent again. Submit, Audit and Allocate them afterwards as the site needs.
func (c *Client) SaveMaterials(ctx context.Context, req *SaveMaterialsRequest) (*BatchSaveResult, error) {
	return saveBills(ctx, c, opSaveMaterials, formKey{id: FormMaterial, number: BaseDataNumberField, idField: "FMATERIALID"}, req)
}

// Supplier is a supplier (供应商, form BD_Supplier) as BatchSave writes it,
// saved with SaveSuppliers. Base data is numbered by its code, FNumber, and
// its internal id is FSupplierId.
//
// Field keys: the QEasy schemes that write it from Wangdiantong's and
// Jushuitan's suppliers (qeasy-cloud/datahub
// docs/solutions/kingdee-wangdian.md and kingdee-jushuitan.md: FNumber,
// FName, FCreateOrgId, FUseOrgId), saves of it (find_string ids 7401592367
// and 1843836943: FSupplierId, FShortName, FGroup) and queries of it
// (find_string ids 68853738407 and 47207863135: FSupplierId). Contacts, bank
// accounts and the other sub-entities are not typed; put them in Extra.
//
// FCreateOrgId and FName are required (every source sets both). FNumber is
// the key an unclear save is looked up by.
type Supplier struct {
	// ID is the supplier's internal id (FSupplierId); 0 for a new one.
	ID int64 `json:"FSupplierId,omitzero"`
	// CreateOrg is the creating organisation (FCreateOrgId, required).
	CreateOrg Ref `json:"FCreateOrgId,omitzero"`
	// UseOrg is the using organisation (FUseOrgId).
	UseOrg Ref `json:"FUseOrgId,omitzero"`
	// Number is the supplier's code (FNumber).
	Number string `json:"FNumber,omitempty" limit:"id"`
	// Name is the name (FName, required).
	Name string `json:"FName,omitempty"`
	// ShortName is the short name (FShortName).
	ShortName string `json:"FShortName,omitempty"`
	// Group is the supplier group (FGroup).
	Group Ref `json:"FGroup,omitzero"`
	// Extra holds custom fields and the untyped sub-entities.
	Extra Extra `json:"-" limit:"inline"`
}

// MarshalJSON writes the supplier with its custom fields.
func (s Supplier) MarshalJSON() ([]byte, error) {
	type plain Supplier
	return withExtra(plain(s), s.Extra)
}

// Validate checks the creating organisation and the name, and the
// universal text rules (see SalReturnStock.Validate), custom fields
// included.
func (s Supplier) Validate() error {
	if err := requireRefs(head, refField{"FCreateOrgId", s.CreateOrg}); err != nil {
		return err
	}
	if err := requireText("FName", s.Name); err != nil {
		return err
	}
	return limits.Check(&s)
}

// CompareKeys are the fields a supplier found by its code is compared by:
// its name.
func (s Supplier) CompareKeys() []string { return []string{"FName"} }

// CompareRows are the values of CompareKeys: one row.
func (s Supplier) CompareRows() [][]string { return [][]string{{s.Name}} }

// SaveSuppliersRequest is a save of suppliers.
type SaveSuppliersRequest = SaveBillsRequest[Supplier]

// SaveSuppliers saves suppliers (供应商, form BD_Supplier) with
// DynamicFormService.BatchSave (批量保存), with BatchSave's outcomes and
// errors. Replay rule: never replayed blindly; after an unclear outcome
// the suppliers are looked up by their code (FNumber, id FSupplierId) and
// compared by name, and only those not found after the settle delay are
// sent again.
func (c *Client) SaveSuppliers(ctx context.Context, req *SaveSuppliersRequest) (*BatchSaveResult, error) {
	return saveBills(ctx, c, opSaveSuppliers, formKey{id: FormSupplier, number: BaseDataNumberField, idField: "FSupplierId"}, req)
}

// Customer is a customer (客户, form BD_Customer) as BatchSave writes it,
// saved with SaveCustomers. Base data is numbered by its code, FNumber, and
// its internal id is FCUSTID.
//
// Field keys: a full save of the form (find_string id 7131703547: FCUSTID,
// FCreateOrgId, FUseOrgId, FName, FNumber, FShortName, FCOUNTRY, FTEL,
// FTRADINGCURRID, FCustTypeId, FGroup) and queries of it (find_string id
// 68853738407: FCUSTID, FNumber, FName, FShortName). The QEasy schemes map
// shops to customers (FCustomerID ← shop_no) without writing this form.
// Bank accounts and the other sub-entities are not typed; put them in
// Extra.
//
// FCreateOrgId and FName are required (every source sets both). FNumber is
// the key an unclear save is looked up by.
type Customer struct {
	// ID is the customer's internal id (FCUSTID); 0 for a new one.
	ID int64 `json:"FCUSTID,omitzero"`
	// CreateOrg is the creating organisation (FCreateOrgId, required).
	CreateOrg Ref `json:"FCreateOrgId,omitzero"`
	// UseOrg is the using organisation (FUseOrgId).
	UseOrg Ref `json:"FUseOrgId,omitzero"`
	// Number is the customer's code (FNumber).
	Number string `json:"FNumber,omitempty" limit:"id"`
	// Name is the name (FName, required).
	Name string `json:"FName,omitempty"`
	// ShortName is the short name (FShortName).
	ShortName string `json:"FShortName,omitempty"`
	// Country is the country (FCOUNTRY), e.g. China.
	Country Ref `json:"FCOUNTRY,omitzero"`
	// Tel is the phone (FTEL).
	Tel string `json:"FTEL,omitempty"`
	// TradingCurrency is the trading currency (FTRADINGCURRID), e.g. CurrencyCNY.
	TradingCurrency Ref `json:"FTRADINGCURRID,omitzero"`
	// CustType is the customer type (FCustTypeId).
	CustType Ref `json:"FCustTypeId,omitzero"`
	// Group is the customer group (FGroup).
	Group Ref `json:"FGroup,omitzero"`
	// Extra holds custom fields and the untyped sub-entities.
	Extra Extra `json:"-" limit:"inline"`
}

// MarshalJSON writes the customer with its custom fields.
func (c Customer) MarshalJSON() ([]byte, error) {
	type plain Customer
	return withExtra(plain(c), c.Extra)
}

// Validate checks the creating organisation and the name, and the
// universal text rules (see SalReturnStock.Validate), custom fields
// included.
func (c Customer) Validate() error {
	if err := requireRefs(head, refField{"FCreateOrgId", c.CreateOrg}); err != nil {
		return err
	}
	if err := requireText("FName", c.Name); err != nil {
		return err
	}
	return limits.Check(&c)
}

// CompareKeys are the fields a customer found by its code is compared by:
// its name.
func (c Customer) CompareKeys() []string { return []string{"FName"} }

// CompareRows are the values of CompareKeys: one row.
func (c Customer) CompareRows() [][]string { return [][]string{{c.Name}} }

// SaveCustomersRequest is a save of customers.
type SaveCustomersRequest = SaveBillsRequest[Customer]

// SaveCustomers saves customers (客户, form BD_Customer) with
// DynamicFormService.BatchSave (批量保存), with BatchSave's outcomes and
// errors. Replay rule: never replayed blindly; after an unclear outcome
// the customers are looked up by their code (FNumber, id FCUSTID) and
// compared by name, and only those not found after the settle delay are
// sent again.
func (c *Client) SaveCustomers(ctx context.Context, req *SaveCustomersRequest) (*BatchSaveResult, error) {
	return saveBills(ctx, c, opSaveCustomers, formKey{id: FormCustomer, number: BaseDataNumberField, idField: "FCUSTID"}, req)
}
