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

func (q *VFGoodsQuery) params(op *duijie.Operation) (*goodsParams, error) {
	pageNo, size, err := checkPaging(op, q.PageNo, q.PageSize)
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
func (c *Client) QueryVFGoods(ctx context.Context, q *VFGoodsQuery) (*duijie.Page[VFGoodsModel], error) {
	if q == nil {
		q = &VFGoodsQuery{}
	}
	r := c.row(OpVFGoodsQuery)
	p, err := q.params(&r.Operation)
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
	return walk(ctx, first, func(g VFGoodsModel) string { return g.GoodsCode }, func(ctx context.Context, pageNo int) (*duijie.Page[VFGoodsModel], error) {
		part := qc
		part.PageNo = pageNo
		return c.QueryVFGoods(ctx, &part)
	})
}
