package jushuitan

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/duijie/duijie"
)

// Caps of the supplier operations (jst-java JstQuerySupplierRequest
// Javadoc, copied from the vendor's doc).
const (
	// MaxSupplierPageSize is the most suppliers per page of /open/supplier/query (默认30，最大不超过500).
	MaxSupplierPageSize = 500
	// MaxSupplierKeys is the most supplier_ids or names per query (最大50条).
	MaxSupplierKeys = 50
	// MaxSupplierWindow is the longest modified range of a supplier query
	// (时间跨度不能超过1天).
	MaxSupplierWindow = 24 * time.Hour
)

// SupplierQuery filters /open/supplier/query (供应商查询). Without
// SupplierIDs, Names or SupplierCodes the modified range is required.
type SupplierQuery struct {
	// SupplierCodes are the suppliers' codes (供应商编码).
	SupplierCodes []string
	// SupplierIDs are the ERP's internal codes (供应商内部编码), at most 50.
	SupplierIDs []int64
	// Names are suppliers' names, at most 50.
	Names []string
	// ModifiedBegin and ModifiedEnd: both or neither, at most one day
	// apart for QuerySuppliers (Suppliers cuts longer ranges). The vendor
	// states the one-day cap for queries without keys; the client applies
	// it to every query.
	ModifiedBegin, ModifiedEnd time.Time
	// PageIndex is the page, from 1 (0 means 1).
	PageIndex int
	// PageSize is suppliers per page, at most 500 (0 means the vendor's 30).
	PageSize int
}

// Supplier is one supplier (供应商). Fields are the datas of jst-java
// JstQuerySupplierResponse.
type Supplier struct {
	// SupplierID is the ERP's internal code (供应商内部编码).
	SupplierID duijie.Int64 `json:"supplier_id"`
	// SupplierCode is the supplier's code (供应商编码).
	SupplierCode string `json:"supplier_code"`
	// Name is the supplier's name.
	Name string `json:"name"`
	// Group is the supplier category (供应商分类).
	Group string `json:"group"`
	// Enabled says the supplier is in use.
	Enabled duijie.Bool `json:"enabled"`
	// Modified is the last change.
	Modified duijie.Time `json:"modified"`
	// Remark, Remark2 and Remark3 are the remarks.
	Remark string `json:"remark"`
	// Remark2 is 备注2.
	Remark2 string `json:"remark2"`
	// Remark3 is 备注3.
	Remark3 string `json:"remark3"`
	// DepositBank is the bank (depositbank on the wire).
	DepositBank string `json:"depositbank"`
	// BankAccount is the account name (bankacount on the wire).
	BankAccount string `json:"bankacount"`
	// AccountNumber is the account number (acountnumber on the wire).
	AccountNumber duijie.Text `json:"acountnumber"`
}

type supplierWire struct {
	SupplierCodes []string `json:"supplier_codes,omitempty"`
	PageIndex     int      `json:"page_index,omitempty"`
	PageSize      int      `json:"page_size,omitempty"`
	ModifiedBegin string   `json:"modified_begin,omitempty"`
	ModifiedEnd   string   `json:"modified_end,omitempty"`
	SupplierIDs   []int64  `json:"supplier_ids,omitempty"`
	Names         []string `json:"names,omitempty"`
}

// QuerySuppliers calls /open/supplier/query (legacy supplier.query,
// 供应商查询) for one page of suppliers. Fields and caps come from
// jst-java's JstQuerySupplierRequest and Response, whose Javadoc copies the
// vendor's doc (docType=6, docId=29): page_size at most 500, supplier_ids
// and names at most 50, and a modified range of at most one day, required
// when no key is given. The page's Items are the answer's datas (an answer
// without them is an error matching ErrMissingList), Total its data_count,
// -1 when absent. Safe to replay: it is a read.
func (c *Client) QuerySuppliers(ctx context.Context, q *SupplierQuery) (*duijie.Page[Supplier], error) {
	if q == nil {
		q = &SupplierQuery{}
	}
	op := table[opQuerySuppliers]
	if err := checkPage(q.PageIndex, q.PageSize, c.pageMax(op)); err != nil {
		return nil, err
	}
	if err := checkWindow(op, q.ModifiedBegin, q.ModifiedEnd); err != nil {
		return nil, err
	}
	if err := checkArray("supplier_codes", q.SupplierCodes, 0); err != nil {
		return nil, err
	}
	if err := checkArray("names", q.Names, MaxSupplierKeys); err != nil {
		return nil, err
	}
	if err := checkIDs("supplier_ids", q.SupplierIDs, MaxSupplierKeys); err != nil {
		return nil, err
	}
	if q.ModifiedBegin.IsZero() && len(q.SupplierCodes) == 0 && len(q.SupplierIDs) == 0 && len(q.Names) == 0 {
		return nil, duijie.Invalid(vendor, "modified_begin", duijie.RuleRequired, "without supplier_ids, names or supplier_codes the modified range is required")
	}
	w := windowOf(q.ModifiedBegin, q.ModifiedEnd)
	wire := &supplierWire{SupplierCodes: q.SupplierCodes, PageIndex: q.PageIndex, PageSize: q.PageSize, ModifiedBegin: w.ModifiedBegin,
		ModifiedEnd: w.ModifiedEnd, SupplierIDs: q.SupplierIDs, Names: q.Names}
	return queryList[Supplier](ctx, c, op, wire, q.PageIndex, q.PageSize)
}

// Suppliers walks every page of QuerySuppliers, and every one-day window
// when the range is longer. The request is copied; PageSize 0 means the
// maximum, 500.
func (c *Client) Suppliers(ctx context.Context, q *SupplierQuery) iter.Seq2[Supplier, error] {
	op := table[opQuerySuppliers]
	base := SupplierQuery{}
	if q != nil {
		base = *q
	}
	if base.PageSize == 0 {
		base.PageSize = c.pageMax(op)
	}
	return pages(ctx, op, base, base.ModifiedBegin, base.ModifiedEnd, func(s Supplier) string { return s.SupplierID.String() },
		func(s Supplier) time.Time { return s.Modified.Time },
		func(q *SupplierQuery, p int) { q.PageIndex = p },
		func(q *SupplierQuery, from, to time.Time) { q.ModifiedBegin, q.ModifiedEnd = from, to },
		c.QuerySuppliers)
}

// SupplierUpload is one supplier for /open/supplier/upload (供应商上传).
// Fields are jst-java's JstUploadSupplierRequest; the vendor marks them
// updatable (可更新). Empty optional fields are left out of the JSON.
type SupplierUpload struct {
	// SupplierCode is the supplier's code; required here (the client
	// matches the answer's rows by it), unique within the request.
	SupplierCode string
	// Name is the supplier's name; required.
	Name string
	// Group is the supplier category (供应商分类).
	Group string
	// Enabled makes the supplier take effect (是否生效); nil leaves it out.
	Enabled *bool
	// Contacts, Phone, Mobile and Address are the supplier's contact.
	Contacts, Phone, Mobile, Address string
	// BeginDate is when the relationship began (发展日期).
	BeginDate duijie.Time
	// Remark, Remark2 and Remark3 are the remarks.
	Remark, Remark2, Remark3 string
	// DepositBank, BankAccount and AccountNumber are the bank details
	// (depositbank, bankacount and acountnumber on the wire).
	DepositBank, BankAccount, AccountNumber string
}

// UploadSuppliersRequest carries the suppliers of one upload.
type UploadSuppliersRequest struct {
	// Suppliers are at least one supplier, each supplier_code once.
	Suppliers []SupplierUpload
}

type supplierUploadWire struct {
	Address       string `json:"address,omitempty"`
	BeginDate     string `json:"begin_date,omitempty"`
	Contacts      string `json:"contacts,omitempty"`
	Enabled       *bool  `json:"enabled,omitempty"`
	Mobile        string `json:"mobile,omitempty"`
	Name          string `json:"name"`
	Phone         string `json:"phone,omitempty"`
	Remark        string `json:"remark,omitempty"`
	Remark2       string `json:"remark2,omitempty"`
	Remark3       string `json:"remark3,omitempty"`
	SupplierCode  string `json:"supplier_code" limit:"id"`
	DepositBank   string `json:"depositbank,omitempty"`
	BankAccount   string `json:"bankacount,omitempty"`
	AccountNumber string `json:"acountnumber,omitempty" limit:"id"`
	Group         string `json:"group,omitempty"`
}

// supplierRow is one supplier's outcome in the upload answer (datas[]).
type supplierRow struct {
	ID           duijie.Int64    `json:"id"`
	IsSuccess    json.RawMessage `json:"issuccess"`
	Name         string          `json:"name"`
	SupplierCode string          `json:"supplier_code"`
	Msg          string          `json:"msg"`
}

// UploadSuppliers calls /open/supplier/upload (legacy supplier.upload,
// 供应商上传) with suppliers; biz is a JSON array of them. Fields come from
// jst-java's JstUploadSupplierRequest and Response, whose Javadoc copies
// the vendor's doc (docType=6, docId=28). The vendor answers every
// supplier on its own (datas with id, issuccess, name, supplier_code): the
// response has one result per supplier, matched by supplier_code, its ID
// the ERP's internal code, and a *duijie.BatchError lists the suppliers
// that failed or that the answer does not account for.
//
// Not replayed after an unclear outcome: the fields are updatable and
// supplier_code is inferred to be the key (breadth.md §4.2), but no
// de-duplication is documented. Throttled calls (codes 199, 200) are
// retried. After an error that may have reached the vendor, look the
// suppliers up with QuerySuppliers by SupplierCodes before uploading them
// again.
func (c *Client) UploadSuppliers(ctx context.Context, req *UploadSuppliersRequest) (*WriteResults, error) {
	if req == nil || len(req.Suppliers) == 0 {
		return nil, duijie.Invalid(vendor, "suppliers", duijie.RuleRequired, "at least one supplier")
	}
	op := table[opUploadSuppliers]
	wires := make([]supplierUploadWire, len(req.Suppliers))
	keys := make([]string, len(req.Suppliers))
	seen := make(map[string]int, len(req.Suppliers))
	for i, s := range req.Suppliers {
		at := func(field string) string { return fmt.Sprintf("suppliers[%d].%s", i, field) }
		switch {
		case strings.TrimSpace(s.SupplierCode) == "":
			return nil, duijie.Invalid(vendor, at("supplier_code"), duijie.RuleRequired, "the key the answer's rows are matched by")
		case strings.TrimSpace(s.Name) == "":
			return nil, duijie.Invalid(vendor, at("name"), duijie.RuleRequired, "")
		}
		if j, dup := seen[s.SupplierCode]; dup {
			return nil, duijie.Invalid(vendor, at("supplier_code"), duijie.RuleConflict, fmt.Sprintf("same as suppliers[%d]", j))
		}
		seen[s.SupplierCode] = i
		wires[i] = supplierUploadWire{Address: s.Address, BeginDate: timeText(s.BeginDate), Contacts: s.Contacts, Enabled: s.Enabled,
			Mobile: s.Mobile, Name: s.Name, Phone: s.Phone, Remark: s.Remark, Remark2: s.Remark2, Remark3: s.Remark3,
			SupplierCode: s.SupplierCode, DepositBank: s.DepositBank, BankAccount: s.BankAccount, AccountNumber: s.AccountNumber, Group: s.Group}
		if err := limits.Check(&wires[i]); err != nil {
			return nil, limits.CheckAt(fmt.Sprintf("suppliers[%d]", i), &wires[i])
		}
		keys[i] = s.SupplierCode
	}
	ans := &rowsAnswer[supplierRow]{keys: op.listKeys}
	if err := c.invoke(ctx, op, wires, ans); err != nil {
		return nil, err
	}
	rows := make([]answerRow, len(ans.rows))
	for i, r := range ans.rows {
		rows[i] = answerRow{key: r.SupplierCode, ok: r.IsSuccess, id: r.ID, msg: r.Msg}
	}
	return matchRows(c.name(op), keys, rows, "the answer has no outcome for this supplier: it may have arrived; look it up with QuerySuppliers")
}
