package honor

import (
	"context"
	"iter"

	"github.com/duijie/duijie"
)

// VFCustomer is one Himall customer, the row a host maps to its own
// customers in the customer correspondence table (荣耀客户信息对应).
type VFCustomer struct {
	// CustomerCode is Himall's code of the customer, the key of the mapping.
	CustomerCode string `json:"customer_code"`
	// CustomerName is the full name; ShortName the short one.
	CustomerName string `json:"customer_name"`
	ShortName    string `json:"short_name"`
	// CustomerType is Himall's customer type (retailer, city distributor ...), as sent.
	CustomerType string `json:"customer_type"`
	// Contact, Phone and Address reach the customer.
	Contact string `json:"contact"`
	Phone   string `json:"phone"`
	Address string `json:"address"`
	// Province, City and District locate the customer.
	Province string `json:"province"`
	City     string `json:"city"`
	District string `json:"district"`
	// Status is Himall's status of the customer, as sent.
	Status string `json:"status"`
	// ModifiedTime is when Himall last changed the customer.
	ModifiedTime duijie.Time `json:"modified_time"`
}

// VFCustomerQuery filters the VF customer query. The zero value asks for
// every customer.
type VFCustomerQuery struct {
	// CustomerCode asks for one customer.
	CustomerCode string
	// ModifiedSince asks for customers changed at or after this time.
	ModifiedSince duijie.Time
	// PageNo counts from 1 (0 means 1); PageSize is at most MaxPageSize (0
	// means DefaultPageSize).
	PageNo, PageSize int
}

type customerParams struct {
	CustomerCode  string `json:"customer_code,omitempty"`
	ModifiedSince string `json:"modified_since,omitempty"`
	pageParams
}

func (q *VFCustomerQuery) params(op *duijie.Operation) (*customerParams, error) {
	pageNo, size, err := checkPaging(op, q.PageNo, q.PageSize)
	if err != nil {
		return nil, err
	}
	if len(q.CustomerCode) > maxCode {
		return nil, duijie.Invalid(vendor, "CustomerCode", duijie.RuleTooLong, "at most 64 bytes")
	}
	return &customerParams{CustomerCode: q.CustomerCode, ModifiedSince: q.ModifiedSince.String(),
		pageParams: pageParams{PageNo: pageNo, PageSize: size}}, nil
}

// QueryVFCustomers calls VF客户信息查询 (vf_customer_query, see
// DefaultOperations) for one page of Himall customers. A read, safe to replay.
func (c *Client) QueryVFCustomers(ctx context.Context, q *VFCustomerQuery) (*duijie.Page[VFCustomer], error) {
	if q == nil {
		q = &VFCustomerQuery{}
	}
	r := c.row(OpVFCustomerQuery)
	p, err := q.params(&r.Operation)
	if err != nil {
		return nil, err
	}
	return queryPage[VFCustomer](ctx, c, OpVFCustomerQuery, p, p.PageNo, p.PageSize)
}

// VFCustomers walks every page of the VF customer query from q.PageNo on.
// It copies q, stops on the first error (yielded once) and holds one page.
func (c *Client) VFCustomers(ctx context.Context, q *VFCustomerQuery) iter.Seq2[VFCustomer, error] {
	qc := VFCustomerQuery{}
	if q != nil {
		qc = *q
	}
	first := max(qc.PageNo, 1)
	return walk(ctx, first, func(v VFCustomer) string { return v.CustomerCode }, func(ctx context.Context, pageNo int) (*duijie.Page[VFCustomer], error) {
		part := qc
		part.PageNo = pageNo
		return c.QueryVFCustomers(ctx, &part)
	})
}
