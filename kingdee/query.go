package kingdee

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strings"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/paging"
)

// ServiceExecuteBillQuery is the bill query service (单据查询).
const ServiceExecuteBillQuery = DynamicFormService + "ExecuteBillQuery"

// Query limits.
const (
	// MaxQueryLimit is the most rows one ExecuteBillQuery page may ask for.
	MaxQueryLimit = 10000
	// DefaultQueryLimit is the page size of Rows and QueryRows when the
	// query sets none, the size Kingdee's own samples use.
	DefaultQueryLimit = 2000
)

// BillQuery is an ExecuteBillQuery request.
type BillQuery struct {
	// FormID is the form to query, e.g. "SAL_RETURNSTOCK" or "BD_MATERIAL".
	FormID string
	// FieldKeys are the fields of each row, in order: "FBillNo",
	// "FRetcustId.FNumber", "FEntity_FEntryId" ….
	FieldKeys []string
	// Filter is the filter (FilterString) in Kingdee's SQL-like syntax,
	// e.g. "FBillNo = 'XSTH001' AND FDocumentStatus = 'C'". Quote values
	// with Quote.
	Filter string
	// OrderBy is the order (OrderString), e.g. "FID ASC". Paging is only
	// stable with an order on a unique key.
	OrderBy string
	// TopRowCount caps the rows of the whole query; 0 means no cap.
	TopRowCount int
	// StartRow is the first row, from 0.
	StartRow int
	// Limit is the page size, at most MaxQueryLimit; 0 asks ExecuteBillQuery
	// for the server's default and makes Rows use DefaultQueryLimit.
	Limit int
	// SubSystemID is the sub-system (SubSystemId), rarely needed.
	SubSystemID string
}

// Quote writes s as a quoted string literal of a filter, doubling quotes
// inside it, so a value cannot change the filter.
func Quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// Row is one row of ExecuteBillQuery: the values of FieldKeys in order, as
// the server sent them.
type Row []json.RawMessage

// String returns column i as text (numbers as written, null as "").
func (r Row) String(i int) string {
	if i < 0 || i >= len(r) {
		return ""
	}
	var t duijie.Text
	if json.Unmarshal(r[i], &t) != nil {
		return strings.TrimSpace(string(r[i]))
	}
	return string(t)
}

// Amount returns column i as an Amount.
func (r Row) Amount(i int) (duijie.Amount, error) {
	var a duijie.Amount
	if i < 0 || i >= len(r) {
		return a, fmt.Errorf("kingdee: row has no column %d", i)
	}
	err := a.UnmarshalJSON(r[i])
	return a, err
}

// Decode stores the row into dst, a pointer to a struct whose json tags
// name the field keys: the row is read as the object {"<key>": value, …}
// built from keys and the row's values.
func (r Row) Decode(keys []string, dst any) error {
	if len(keys) != len(r) {
		return fmt.Errorf("kingdee: row has %d values for %d field keys", len(r), len(keys))
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kq, _ := marshalNoEscape(k)
		b.Write(kq)
		b.WriteByte(':')
		b.Write(r[i])
	}
	b.WriteByte('}')
	return json.Unmarshal(b.Bytes(), dst)
}

// check refuses a query the server would refuse or answer wrongly.
func (q *BillQuery) check() error {
	switch {
	case q == nil:
		return duijie.Invalid(vendor, "BillQuery", duijie.RuleRequired, "")
	case strings.TrimSpace(q.FormID) == "":
		return duijie.Invalid(vendor, "FormID", duijie.RuleRequired, "")
	case len(q.FieldKeys) == 0:
		return duijie.Invalid(vendor, "FieldKeys", duijie.RuleRequired, "at least one field key")
	case q.Limit < 0 || q.Limit > operation(opExecuteBillQuery).MaxPageSize:
		return duijie.Invalid(vendor, "Limit", duijie.RuleRange, fmt.Sprintf("0..%d", operation(opExecuteBillQuery).MaxPageSize))
	case q.StartRow < 0:
		return duijie.Invalid(vendor, "StartRow", duijie.RuleNegative, "")
	case q.TopRowCount < 0:
		return duijie.Invalid(vendor, "TopRowCount", duijie.RuleNegative, "")
	}
	for i, k := range q.FieldKeys {
		if strings.TrimSpace(k) == "" || strings.Contains(k, ",") {
			return duijie.Invalid(vendor, fmt.Sprintf("FieldKeys[%d]", i), duijie.RuleFormat, "a field key without commas")
		}
	}
	return nil
}

// queryData is the data argument of ExecuteBillQuery.
type queryData struct {
	FormID       string `json:"FormId"`
	FieldKeys    string `json:"FieldKeys"`
	FilterString string `json:"FilterString"`
	OrderString  string `json:"OrderString"`
	TopRowCount  int    `json:"TopRowCount"`
	StartRow     int    `json:"StartRow"`
	Limit        int    `json:"Limit"`
	SubSystemID  string `json:"SubSystemId"`
}

// ExecuteBillQuery calls DynamicFormService.ExecuteBillQuery (单据查询) for
// one page of rows. Kingdee pages by row offset and answers no total, so
// the page's Number is q.StartRow (the offset of its first row), Size is
// q.Limit, Total is -1, and HasMore is true when the page is full (Limit
// rows; a page shorter than Limit is the last, and with Limit 0 the server's
// default applies and HasMore is false). It is a read, so it is retried and
// replayed after a renewed session.
func (c *Client) ExecuteBillQuery(ctx context.Context, q *BillQuery) (*duijie.Page[Row], error) {
	if err := q.check(); err != nil {
		return nil, err
	}
	body, err := c.body(namedArg{"data", queryData{
		FormID: q.FormID, FieldKeys: strings.Join(q.FieldKeys, ","), FilterString: q.Filter,
		OrderString: q.OrderBy, TopRowCount: q.TopRowCount, StartRow: q.StartRow, Limit: q.Limit,
		SubSystemID: q.SubSystemID,
	}})
	if err != nil {
		return nil, err
	}
	op := operation(opExecuteBillQuery)
	res, err := c.do(ctx, op, body)
	if err != nil {
		return nil, err
	}
	a := res.Envelope
	switch {
	case a != nil && a.kind == kindRows:
		return &duijie.Page[Row]{Items: a.rows, Total: -1, Number: q.StartRow, Size: q.Limit,
			HasMore: q.Limit > 0 && len(a.rows) == q.Limit}, nil
	case a != nil && a.kind == kindStatus && a.result.ResponseStatus != nil:
		return nil, c.failure(res, shortName(op.Wire), a.result.ResponseStatus)
	}
	return nil, &duijie.APIError{Vendor: vendor, Operation: shortName(op.Wire), HTTPStatus: res.StatusCode,
		Message: "the answer is not an array of rows", Class: duijie.ErrTemporary,
		Body: c.t.Redactor().Bytes(res.Body, duijie.MaxBodySample)}
}

// Rows walks every page of a query from q.StartRow, DefaultQueryLimit rows
// a page unless q.Limit says otherwise, until a short page or
// q.TopRowCount rows. Offset paging over rows that change during the walk
// can skip or repeat rows: order by a unique key and filter on a closed
// time window (FModifyDate) for syncs.
func (c *Client) Rows(ctx context.Context, q *BillQuery) iter.Seq2[Row, error] {
	if err := q.check(); err != nil {
		return func(yield func(Row, error) bool) { yield(nil, err) }
	}
	page := *q
	page.FieldKeys = append([]string(nil), q.FieldKeys...)
	if page.Limit == 0 {
		page.Limit = DefaultQueryLimit
	}
	start, limit := page.StartRow, page.Limit
	return paging.Items(ctx, 0, rowKey, func(ctx context.Context, n int) ([]Row, bool, error) {
		page.StartRow = start + n*limit
		page.Limit = limit
		if q.TopRowCount > 0 {
			left := q.TopRowCount - n*limit
			if left <= 0 {
				return nil, false, nil
			}
			page.Limit = min(limit, left)
		}
		p, err := c.ExecuteBillQuery(ctx, &page)
		if err != nil {
			return nil, false, err
		}
		return p.Items, p.HasMore, nil
	})
}

// rowKey identifies a row for the repeated-page check.
func rowKey(r Row) string {
	var b strings.Builder
	for _, v := range r {
		b.Write(v)
		b.WriteByte(0)
	}
	return b.String()
}

// QueryRows walks every page of q like Client.Rows and decodes each row
// into a T whose json tags name q.FieldKeys.
func QueryRows[T any](ctx context.Context, c *Client, q *BillQuery) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for row, err := range c.Rows(ctx, q) {
			var v T
			if err == nil {
				err = row.Decode(q.FieldKeys, &v)
			}
			if !yield(v, err) || err != nil {
				return
			}
		}
	}
}
