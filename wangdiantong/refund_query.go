package wangdiantong

import (
	"context"
	"iter"
	"net/url"
	"time"

	"github.com/duijie/duijie"
)

// RefundQuery selects refunds and exchanges (退换单). Its filters are the
// request fields of refund_query in gaigeshen/tripartite@92a3175
// (RefundQueryParameters.java) and the 企业奇门 request class
// WdtRefundQueryRequest (samzong/taobao-openapi).
type RefundQuery struct {
	// ProcessStatus filters by processing state (process_status); 0 sends
	// none. The sources give no list of values.
	ProcessStatus int
	// TimeType chooses the time the window selects by (time_type); 0
	// sends none, the vendor's default. The sources give no list of
	// values.
	TimeType int
	// StartTime and EndTime bound the time the vendor selects by, both
	// inclusive as the vendor reads them and to the second. One page spans
	// at most 30 days; the iterator cuts longer ranges itself. They may be
	// left out when RefundNo, SrcRefundNo, TradeNo or Tid is given. To read a half-open window
	// [from, to), set them with InWindow.
	StartTime, EndTime time.Time
	// RefundNo is refund_no (退换单号).
	RefundNo string
	// SrcRefundNo is src_refund_no (平台退款单号).
	SrcRefundNo string
	// TradeNo is trade_no (订单编号).
	TradeNo string
	// Tid is tid (原始单号).
	Tid string
	// ShopNo is shop_no (店铺编号).
	ShopNo string
	// PageNo is the page, from 0; PageSize is 1..40 (0 means DefaultPageSize).
	PageNo, PageSize int
	// History queries the archive (his_refund_query), which has no
	// published Qimen name: on the Qimen route it is refused before
	// sending.
	History bool

	// empty marks a window that holds no whole second (see InWindow).
	empty bool
}

// InWindow returns a copy of q that selects the records of the
// half-open window [from, to), set as the vendor's inclusive whole-second
// range (see RefundStockinQuery.InWindow).
func (q RefundQuery) InWindow(from, to time.Time) *RefundQuery {
	var ok bool
	q.StartTime, q.EndTime, ok = inclusive(from, to)
	q.empty = !ok
	return &q
}

// op is the table's row for q.
func (q *RefundQuery) op() operation {
	if q.History {
		return opRefundsArchive.row()
	}
	return opRefunds.row()
}

// refundQueryParams are the filters of refund_query; queryPage adds the paging.
type refundQueryParams struct {
	ProcessStatus int         `url:"process_status,omitempty"`
	TimeType      int         `url:"time_type,omitempty"`
	StartTime     duijie.Time `url:"start_time,omitempty"`
	EndTime       duijie.Time `url:"end_time,omitempty"`
	RefundNo      string      `url:"refund_no,omitempty"`
	SrcRefundNo   string      `url:"src_refund_no,omitempty"`
	TradeNo       string      `url:"trade_no,omitempty"`
	Tid           string      `url:"tid,omitempty"`
	ShopNo        string      `url:"shop_no,omitempty"`
}

// params checks q against its row and returns its filters and page size.
func (q *RefundQuery) params() (url.Values, int, error) {
	o := q.op()
	byNumber := q.RefundNo != "" || q.SrcRefundNo != "" || q.TradeNo != "" || q.Tid != ""
	if err := window(o.MaxWindow, q.StartTime, q.EndTime, !byNumber); err != nil {
		return nil, 0, err
	}
	size, err := pageArgs(o, q.PageNo, q.PageSize)
	if err != nil {
		return nil, 0, err
	}
	if err := checkFilters(
		textFilter{"refund_no", q.RefundNo, "id"},
		textFilter{"src_refund_no", q.SrcRefundNo, "id"},
		textFilter{"trade_no", q.TradeNo, "id"},
		textFilter{"tid", q.Tid, "id"},
		textFilter{"shop_no", q.ShopNo, "id,max=20"},
	); err != nil {
		return nil, 0, err
	}
	v, err := encode(refundQueryParams{
		ProcessStatus: q.ProcessStatus,
		TimeType:      q.TimeType,
		StartTime:     duijie.NewTime(q.StartTime),
		EndTime:       duijie.NewTime(q.EndTime),
		RefundNo:      q.RefundNo,
		SrcRefundNo:   q.SrcRefundNo,
		TradeNo:       q.TradeNo,
		Tid:           q.Tid,
		ShopNo:        q.ShopNo,
	})
	return v, size, err
}

// QueryRefunds calls refund_query.php / wdt.refund.query (查询退换管理),
// or for History the archive his_refund_query.php (查询历史退换单,
// openapi2 only), for one page (page_no from 0) of refunds and exchanges
// with their lines. The window spans at most 30 days, closed at both ends
// (open.wangdian.cn …?path=refund_query.php), and page_size is 1..40 (the
// vendor notes, from QEasy pages). The fields are listed on Refund. A
// read, safe to replay.
func (c *Client) QueryRefunds(ctx context.Context, q *RefundQuery) (*duijie.Page[Refund], error) {
	if q == nil {
		q = &RefundQuery{}
	}
	return listPage[Refund](ctx, c, q.op(), q.empty, q.PageNo, q.PageSize, q.params)
}

// Refunds walks every refund of q: the range is cut into spans of at most
// 30 days that neither overlap nor leave a gap, and each span is paged
// from page 0. It stops at the first error.
func (c *Client) Refunds(ctx context.Context, q *RefundQuery) iter.Seq2[Refund, error] {
	qc := RefundQuery{}
	if q != nil {
		qc = *q
	}
	if qc.empty {
		return none[Refund]()
	}
	key := func(r Refund) string { return string(r.RefundNo) }
	return windowed(ctx, c, qc.StartTime, qc.EndTime, qc.op(), key, func(from, to time.Time) (url.Values, int, error) {
		part := qc
		part.StartTime, part.EndTime = from, to
		return part.params()
	})
}
