package wangdiantong

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/duijie/duijie"
)

// GoodsQuery selects goods records (货品档案). The filters are the request
// fields of goods_query in cuifan53/wdt-sdk src/types/goods/goods_query.ts.
type GoodsQuery struct {
	// SpecNo, GoodsNo, BrandNo, ClassName and Barcode narrow the query.
	SpecNo, GoodsNo, BrandNo, ClassName, Barcode string
	// StartTime and EndTime bound the last modification time, both
	// inclusive and to the second; optional (the vendor documents no
	// maximum span). To read a half-open window [from, to), set them with
	// InWindow.
	StartTime, EndTime time.Time
	// Deleted also returns deleted goods (deleted=1); by default they are
	// left out (0, always sent).
	Deleted bool
	// PageNo is the page, from 0; PageSize is 1..100 (0 means DefaultPageSize).
	PageNo, PageSize int

	// empty marks a window that holds no whole second (see InWindow).
	empty bool
}

// InWindow returns a copy of q that selects the goods modified in the
// half-open window [from, to), as the vendor's inclusive whole-second
// range (see RefundStockinQuery.InWindow).
func (q GoodsQuery) InWindow(from, to time.Time) *GoodsQuery {
	var ok bool
	q.StartTime, q.EndTime, ok = inclusive(from, to)
	q.empty = !ok
	return &q
}

// goodsQueryParams are goods_query's filters; queryPage adds the paging.
type goodsQueryParams struct {
	SpecNo    string      `url:"spec_no,omitempty"`
	GoodsNo   string      `url:"goods_no,omitempty"`
	BrandNo   string      `url:"brand_no,omitempty"`
	ClassName string      `url:"class_name,omitempty"`
	Barcode   string      `url:"barcode,omitempty"`
	StartTime duijie.Time `url:"start_time,omitempty"`
	EndTime   duijie.Time `url:"end_time,omitempty"`
	Deleted   bool        `url:"deleted,int"`
}

// params checks q against its row and returns its filters and page size.
func (q *GoodsQuery) params() (url.Values, int, error) {
	o := opGoods.row()
	if err := window(o.MaxWindow, q.StartTime, q.EndTime, false); err != nil {
		return nil, 0, err
	}
	size, err := pageArgs(o, q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	if err := checkFilters(textFilter{"spec_no", q.SpecNo, "id"}, textFilter{"goods_no", q.GoodsNo, "id"}, textFilter{"brand_no", q.BrandNo, "id"},
		textFilter{"class_name", q.ClassName, ""}, textFilter{"barcode", q.Barcode, "id"}); err != nil {
		return nil, 0, err
	}
	v, err := encode(goodsQueryParams{SpecNo: q.SpecNo, GoodsNo: q.GoodsNo, BrandNo: q.BrandNo, ClassName: q.ClassName, Barcode: q.Barcode,
		StartTime: duijie.NewTime(q.StartTime), EndTime: duijie.NewTime(q.EndTime), Deleted: q.Deleted})
	return v, size, err
}

// QueryGoods calls goods_query.php / wdt.goods.query (查询货品档案) for one
// page (page_no from 0) of goods records with their SKUs. page_size is
// 1..100 (goods_query.ts; QEasy pages). The fields are listed on Goods.
// A read, safe to replay.
func (c *Client) QueryGoods(ctx context.Context, q *GoodsQuery) (*duijie.Page[Goods], error) {
	if q == nil {
		q = &GoodsQuery{}
	}
	return listPage[Goods](ctx, c, opGoods.row(), q.empty, q.PageNo, q.PageSize, q.params)
}

// GoodsList walks every goods record of q, page by page from page 0. It
// stops at the first error.
func (c *Client) GoodsList(ctx context.Context, q *GoodsQuery) iter.Seq2[Goods, error] {
	qc := GoodsQuery{}
	if q != nil {
		qc = *q
	}
	if qc.empty {
		return none[Goods]()
	}
	key := func(g Goods) string { return string(g.GoodsNo) }
	return windowed(ctx, c, qc.StartTime, qc.EndTime, opGoods.row(), key, func(from, to time.Time) (url.Values, int, error) {
		part := qc
		part.StartTime, part.EndTime = from, to
		return part.params()
	})
}
