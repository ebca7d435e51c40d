package honor

import (
	"context"
	"iter"
	"strconv"

	"github.com/duijie/duijie"
)

// VFIncentive is one audited incentive movement of the VF trade mode
// (激励详情及使用情况). Honor returns audited rows only.
type VFIncentive struct {
	// IncentiveNo is Honor's number of the movement, its key.
	IncentiveNo string `json:"incentive_no"`
	// CustomerCode and CustomerName are the Himall customer it belongs to.
	CustomerCode string `json:"customer_code"`
	CustomerName string `json:"customer_name"`
	// PolicyName is the incentive policy; IncentiveType its type, as sent.
	PolicyName    string `json:"policy_name"`
	IncentiveType string `json:"incentive_type"`
	// ChangeType says what moved (grant, use, reversal ...), as sent.
	ChangeType string `json:"change_type"`
	// ChangeDate is the change date (变动日期) the query selects on.
	ChangeDate duijie.Date `json:"change_date"`
	// Amount is the movement, UsedAmount what was used of the incentive and
	// Balance what remains after it.
	Amount     duijie.Amount `json:"amount"`
	UsedAmount duijie.Amount `json:"used_amount"`
	Balance    duijie.Amount `json:"balance"`
	// OrderNo is the VF order the movement relates to, when any.
	OrderNo string `json:"order_no"`
	// AuditTime is when Honor audited it.
	AuditTime duijie.Time `json:"audit_time"`
	// Remark is Honor's note.
	Remark string `json:"remark"`
}

// VFFundPoolEntry is one audited movement of a store customer's prepayment
// in the VF trade mode (资金池, 预付款详情使用情况).
type VFFundPoolEntry struct {
	// EntryNo is Honor's number of the movement, its key.
	EntryNo string `json:"entry_no"`
	// CustomerCode and CustomerName are the Himall store customer.
	CustomerCode string `json:"customer_code"`
	CustomerName string `json:"customer_name"`
	// ChangeType says what moved (deposit, order payment, refund ...), as sent.
	ChangeType string `json:"change_type"`
	// ChangeDate is the date the query selects on.
	ChangeDate duijie.Date `json:"change_date"`
	// Amount is the movement (negative for use) and Balance the prepayment
	// left after it.
	Amount  duijie.Amount `json:"amount"`
	Balance duijie.Amount `json:"balance"`
	// OrderNo is the VF order paid from the pool, when any.
	OrderNo string `json:"order_no"`
	// AuditTime is when Honor audited it.
	AuditTime duijie.Time `json:"audit_time"`
	// Remark is Honor's note.
	Remark string `json:"remark"`
}

// DateRangeQuery selects audited rows by change date, both ends included,
// for the incentive and fund-pool queries.
type DateRangeQuery struct {
	// StartDate and EndDate bound the change dates. Both are required; one
	// query spans at most MaxDateSpan days, and the iterators cut longer
	// ranges.
	StartDate, EndDate duijie.Date
	// CustomerCode asks for one Himall customer.
	CustomerCode string
	// PageNo counts from 1 (0 means 1); PageSize is at most MaxPageSize (0
	// means DefaultPageSize).
	PageNo, PageSize int
}

type dateParams struct {
	StartDate    string `json:"start_date"`
	EndDate      string `json:"end_date"`
	CustomerCode string `json:"customer_code,omitempty"`
	pageParams
}

// spanDays is the most calendar days, both ends included, one query of op
// covers: its MaxWindow in whole days, at least one.
func spanDays(op *duijie.Operation) int { return max(int(op.MaxWindow/day), 1) }

// params checks q against op's row: its page size and its window maximum in
// days (MaxDateSpan in the table).
func (q *DateRangeQuery) params(op *duijie.Operation) (*dateParams, error) {
	pageNo, size, err := checkPaging(op, q.PageNo, q.PageSize)
	if err != nil {
		return nil, err
	}
	span := spanDays(op)
	switch {
	case q.StartDate.IsZero():
		return nil, duijie.Invalid(vendor, "StartDate", duijie.RuleRequired, "")
	case q.EndDate.IsZero():
		return nil, duijie.Invalid(vendor, "EndDate", duijie.RuleRequired, "")
	case q.EndDate.Before(q.StartDate):
		return nil, duijie.Invalid(vendor, "EndDate", duijie.RuleRange, "must not be before StartDate")
	case q.StartDate.AddDays(span - 1).Before(q.EndDate):
		return nil, duijie.Invalid(vendor, "EndDate", duijie.RuleWindow, "at most "+strconv.Itoa(span)+" days, both ends included")
	}
	if err := checkCode("CustomerCode", q.CustomerCode, false); err != nil {
		return nil, err
	}
	return &dateParams{StartDate: q.StartDate.String(), EndDate: q.EndDate.String(), CustomerCode: q.CustomerCode,
		pageParams: pageParams{PageNo: pageNo, PageSize: size}}, nil
}

// QueryVFIncentives calls VF激励查询 (vf_incentive_query, see
// DefaultOperations) for one page of audited incentive movements by change
// date. A read, safe to replay.
func (c *Client) QueryVFIncentives(ctx context.Context, q *DateRangeQuery) (*duijie.Page[VFIncentive], error) {
	return queryDates[VFIncentive](ctx, c, OpVFIncentiveQuery, q)
}

// VFIncentives walks every audited incentive movement of q, cutting the
// date range into spans of MaxDateSpan days (the operation table's
// MaxWindow). It copies q, stops on the first error (yielded once) and holds
// one page.
func (c *Client) VFIncentives(ctx context.Context, q *DateRangeQuery) iter.Seq2[VFIncentive, error] {
	return walkDates(ctx, c, OpVFIncentiveQuery, q, func(v VFIncentive) string { return v.IncentiveNo })
}

// QueryVFFundPool calls VF资金池查询 (vf_fund_pool_query, see
// DefaultOperations) for one page of audited prepayment movements by date.
// A read, safe to replay.
func (c *Client) QueryVFFundPool(ctx context.Context, q *DateRangeQuery) (*duijie.Page[VFFundPoolEntry], error) {
	return queryDates[VFFundPoolEntry](ctx, c, OpVFFundPoolQuery, q)
}

// VFFundPoolEntries walks every audited prepayment movement of q, cutting
// the date range into spans of MaxDateSpan days (the operation table's
// MaxWindow). It copies q, stops on the first error (yielded once) and holds
// one page.
func (c *Client) VFFundPoolEntries(ctx context.Context, q *DateRangeQuery) iter.Seq2[VFFundPoolEntry, error] {
	return walkDates(ctx, c, OpVFFundPoolQuery, q, func(v VFFundPoolEntry) string { return v.EntryNo })
}

func queryDates[T any](ctx context.Context, c *Client, op Op, q *DateRangeQuery) (*duijie.Page[T], error) {
	if q == nil {
		q = &DateRangeQuery{}
	}
	r := c.row(op)
	p, err := q.params(&r.Operation)
	if err != nil {
		return nil, err
	}
	return queryPage[T](ctx, c, op, p, p.PageNo, p.PageSize)
}

func walkDates[T any](ctx context.Context, c *Client, op Op, q *DateRangeQuery, key func(T) string) iter.Seq2[T, error] {
	qc := DateRangeQuery{}
	if q != nil {
		qc = *q
	}
	return func(yield func(T, error) bool) {
		r := c.row(op)
		span := spanDays(&r.Operation)
		// Check everything but the span once, so a bad query fails loudly
		// instead of yielding nothing.
		first := qc
		if !first.StartDate.IsZero() && first.StartDate.AddDays(span-1).Before(first.EndDate) {
			first.EndDate = first.StartDate.AddDays(span - 1)
		}
		if _, err := first.params(&r.Operation); err != nil {
			var zero T
			yield(zero, err)
			return
		}
		for start := qc.StartDate; !qc.EndDate.Before(start); start = start.AddDays(span) {
			part := qc
			part.StartDate = start
			if end := start.AddDays(span - 1); end.Before(qc.EndDate) {
				part.EndDate = end
			}
			for v, err := range walk(ctx, max(part.PageNo, 1), key, func(ctx context.Context, pageNo int) (*duijie.Page[T], error) {
				pp := part
				pp.PageNo = pageNo
				return queryDates[T](ctx, c, op, &pp)
			}) {
				if !yield(v, err) || err != nil {
					return
				}
			}
		}
	}
}
