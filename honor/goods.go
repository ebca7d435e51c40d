package honor

import (
	"context"
	"iter"

	"github.com/duijie/duijie"
)

// VFGoodsModel is one Himall goods model (商品型号), the row a host maps to
// its own goods in the goods correspondence table (荣耀商品信息对应).
type VFGoodsModel struct {
	// GoodsCode is Himall's code of the model, the key of the mapping.
	GoodsCode string `json:"goods_code"`
	// GoodsName is the full name.
	GoodsName string `json:"goods_name"`
	// Model is the model (型号), e.g. "Magic6 12+256".
	Model string `json:"model"`
	// Brand and Category are Himall's brand and goods category.
	Brand    string `json:"brand"`
	Category string `json:"category"`
	// Color and Spec describe the variant.
	Color string `json:"color"`
	Spec  string `json:"spec"`
	// Unit is the unit of sale.
	Unit string `json:"unit"`
	// Barcode is the goods barcode, when Himall has one.
	Barcode string `json:"barcode"`
	// Price is the VF supply price.
	Price duijie.Amount `json:"price"`
	// Status is Himall's status of the model, as sent.
	Status string `json:"status"`
	// ModifiedTime is when Himall last changed the model.
	ModifiedTime duijie.Time `json:"modified_time"`
}

// VFGoodsQuery filters the VF goods query. The zero value asks for every model.
type VFGoodsQuery struct {
	// GoodsCode asks for one model.
	GoodsCode string
	// ModifiedSince asks for models changed at or after this time.
	ModifiedSince duijie.Time
	// PageNo counts from 1 (0 means 1); PageSize is at most MaxPageSize (0
	// means DefaultPageSize).
	PageNo, PageSize int
}

type goodsParams struct {
	GoodsCode     string `json:"goods_code,omitempty"`
	ModifiedSince string `json:"modified_since,omitempty"`
	pageParams
}

func (q *VFGoodsQuery) params() (*goodsParams, error) {
	pageNo, size, err := checkPaging(q.PageNo, q.PageSize)
	if err != nil {
		return nil, err
	}
	if len(q.GoodsCode) > maxCode {
		return nil, duijie.Invalid(vendor, "GoodsCode", duijie.RuleTooLong, "at most 64 bytes")
	}
	return &goodsParams{GoodsCode: q.GoodsCode, ModifiedSince: q.ModifiedSince.String(),
		pageParams: pageParams{PageNo: pageNo, PageSize: size}}, nil
}

// maxCode is the longest code or number this package sends.
const maxCode = 64

// QueryVFGoods calls VF商品信息查询 (vf_goods_query, see DefaultOperations)
// for one page of Himall goods models. Page.SyncedAt is the time to show as
// "last synced". A read, safe to replay.
func (c *Client) QueryVFGoods(ctx context.Context, q *VFGoodsQuery) (*Page[VFGoodsModel], error) {
	if q == nil {
		q = &VFGoodsQuery{}
	}
	p, err := q.params()
	if err != nil {
		return nil, err
	}
	return queryPage[VFGoodsModel](ctx, c, OpVFGoodsQuery, p, p.PageNo, p.PageSize)
}

// VFGoodsModels walks every page of the VF goods query from q.PageNo on. It
// copies q, stops on the first error (yielded once) and holds one page.
func (c *Client) VFGoodsModels(ctx context.Context, q *VFGoodsQuery) iter.Seq2[VFGoodsModel, error] {
	qc := VFGoodsQuery{}
	if q != nil {
		qc = *q
	}
	first := max(qc.PageNo, 1)
	return walk(ctx, first, func(g VFGoodsModel) string { return g.GoodsCode }, func(ctx context.Context, pageNo int) (*Page[VFGoodsModel], error) {
		part := qc
		part.PageNo = pageNo
		return c.QueryVFGoods(ctx, &part)
	})
}

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

func (q *VFCustomerQuery) params() (*customerParams, error) {
	pageNo, size, err := checkPaging(q.PageNo, q.PageSize)
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
func (c *Client) QueryVFCustomers(ctx context.Context, q *VFCustomerQuery) (*Page[VFCustomer], error) {
	if q == nil {
		q = &VFCustomerQuery{}
	}
	p, err := q.params()
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
	return walk(ctx, first, func(v VFCustomer) string { return v.CustomerCode }, func(ctx context.Context, pageNo int) (*Page[VFCustomer], error) {
		part := qc
		part.PageNo = pageNo
		return c.QueryVFCustomers(ctx, &part)
	})
}
