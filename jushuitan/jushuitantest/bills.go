package jushuitantest

import (
	"sort"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
)

// The caps of the bill queries, from jst-java's request Javadoc (the
// vendor's field notes): 50 bills a page for after-sale, purchase-in and
// purchase-return bills; po_ids and io_ids at most 30 on the purchase
// queries; shop_buyer_ids at most 50 on the after-sale query.
const (
	maxBillPage       = 50
	maxPurchaseKeys   = 30
	maxRefundBuyerIDs = 50
)

// stamp gives a bill its row version, greater than every one before it,
// and the fake's now as its modified time when it has none.
func (s *Server) stamp(ts *duijie.Int64, modified *duijie.Time) {
	s.rowVersion++
	*ts = duijie.Int64(s.rowVersion)
	if modified.IsZero() {
		*modified = duijie.NewTime(s.now())
	}
}

// PutRefund adds or replaces an after-sale bill (by AsID; 0 assigns one)
// with a new ts; a zero Modified becomes the fake's now. It returns the AsID.
func (s *Server) PutRefund(r jushuitan.Refund) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.putRefundLocked(r)
}

func (s *Server) putRefundLocked(r jushuitan.Refund) int64 {
	if r.AsID == 0 {
		r.AsID = duijie.Int64(s.nextAsID)
		s.nextAsID++
	}
	s.stamp(&r.TS, &r.Modified)
	s.refunds[int64(r.AsID)] = &r
	return int64(r.AsID)
}

// Refund returns the after-sale bill asID.
func (s *Server) Refund(asID int64) (jushuitan.Refund, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.refunds[asID]
	if !ok {
		return jushuitan.Refund{}, false
	}
	return *r, true
}

// PutPurchaseIn adds or replaces a purchase-in bill (by IoID; 0 assigns
// one) with a new ts; a zero Modified becomes the fake's now. It returns
// the IoID.
func (s *Server) PutPurchaseIn(p jushuitan.PurchaseIn) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.IoID == 0 {
		p.IoID = duijie.Int64(s.nextIoID)
		s.nextIoID++
	}
	s.stamp(&p.TS, &p.Modified)
	s.purchaseIns[int64(p.IoID)] = &p
	return int64(p.IoID)
}

// PurchaseIn returns the purchase-in bill ioID.
func (s *Server) PurchaseIn(ioID int64) (jushuitan.PurchaseIn, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.purchaseIns[ioID]
	if !ok {
		return jushuitan.PurchaseIn{}, false
	}
	return *p, true
}

// PutPurchaseOut adds or replaces a purchase-return bill (by IoID; 0
// assigns one); a zero Modified becomes the fake's now. It returns the
// IoID. The query has no ts cursor, so the bill carries none.
func (s *Server) PutPurchaseOut(p jushuitan.PurchaseOut) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.IoID == 0 {
		p.IoID = duijie.Int64(s.nextIoID)
		s.nextIoID++
	}
	if p.Modified.IsZero() {
		p.Modified = duijie.NewTime(s.now())
	}
	s.purchaseOuts[int64(p.IoID)] = &p
	return int64(p.IoID)
}

// keySets reads several key lists with their maxima; the first refusal wins.
func keySets(q map[string]any, caps map[string]int) (map[string]map[string]bool, *answer) {
	names := make([]string, 0, len(caps))
	for k := range caps {
		names = append(names, k)
	}
	sort.Strings(names)
	out := map[string]map[string]bool{}
	for _, k := range names {
		set, bad := keys(q, k, caps[k])
		if bad != nil {
			return nil, bad
		}
		out[k] = set
	}
	return out, nil
}

func in(set map[string]bool, v string) bool { return set == nil || set[v] }

// queryRefunds serves /open/refund/single/query: a modified range of at
// most seven days, or so_ids, o_ids, as_ids or start_ts; bills past
// start_ts ordered by ts.
func (s *Server) queryRefunds(q map[string]any) answer {
	idx, size, bad := pageArgs(q, 30, maxBillPage)
	if bad != nil {
		return *bad
	}
	from, to, timed, bad := window(q)
	if bad != nil {
		return *bad
	}
	sets, bad := keySets(q, map[string]int{"so_ids": 0, "o_ids": 0, "as_ids": 0, "shop_buyer_ids": maxRefundBuyerIDs})
	if bad != nil {
		return *bad
	}
	startTS, hasTS, bad := cursor(q, "start_ts")
	if bad != nil {
		return *bad
	}
	if !timed && !hasTS && sets["so_ids"] == nil && sets["o_ids"] == nil && sets["as_ids"] == nil {
		return fail(140, "参数不符合规范: 时间条件与线上单号不能同时为空")
	}
	shopID, _, _ := num(q, "shop_id")
	status, good, typ := str(q, "status"), str(q, "good_status"), str(q, "type")
	var rows []jushuitan.Refund
	for _, r := range s.refunds {
		switch {
		case !in(sets["so_ids"], r.SoID), !in(sets["o_ids"], r.OID.String()), !in(sets["as_ids"], r.AsID.String()),
			!in(sets["shop_buyer_ids"], r.ShopBuyerID),
			shopID != 0 && int64(r.ShopID) != shopID,
			status != "" && r.Status != status, good != "" && r.GoodStatus != good, typ != "" && r.Type != typ,
			hasTS && int64(r.TS) <= startTS,
			timed && !within(r.Modified.Time, from, to):
			continue
		}
		rows = append(rows, *r)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].TS < rows[j].TS })
	return listAnswer(q, rows, idx, size, "datas")
}

// queryPurchaseIns serves /open/purchasein/query: date_type 0 bounds
// modified, 2 io_date; statuss defaults to Confirmed; start_ts is taken
// with paging only (the notes: with the cursor only paging may be sent; the refusal avoids
// the word 时间戳, which the client reads as a clock error).
func (s *Server) queryPurchaseIns(q map[string]any) answer {
	idx, size, bad := pageArgs(q, 30, maxBillPage)
	if bad != nil {
		return *bad
	}
	from, to, timed, bad := window(q)
	if bad != nil {
		return *bad
	}
	sets, bad := keySets(q, map[string]int{"po_ids": maxPurchaseKeys, "io_ids": maxPurchaseKeys, "so_ids": 0, "statuss": 0})
	if bad != nil {
		return *bad
	}
	startTS, hasTS, bad := cursor(q, "start_ts")
	if bad != nil {
		return *bad
	}
	keyed := sets["po_ids"] != nil || sets["io_ids"] != nil || sets["so_ids"] != nil
	switch {
	case hasTS && (timed || keyed || sets["statuss"] != nil):
		return fail(140, "参数不符合规范: 使用start_ts查询只需要跟分页条件共用，其它条件都不传")
	case !timed && !hasTS && !keyed:
		return fail(140, "参数不符合规范: 修改时间与采购单号不能同时为空")
	}
	dateType, _, err := num(q, "date_type")
	if err != nil || (dateType != 0 && dateType != 2) {
		return fail(140, "参数不符合规范: date_type")
	}
	statuses := sets["statuss"]
	if statuses == nil && !hasTS {
		statuses = map[string]bool{"Confirmed": true}
	}
	var rows []jushuitan.PurchaseIn
	for _, p := range s.purchaseIns {
		stamp := p.Modified.Time
		if dateType == 2 {
			stamp = p.IoDate.Time
		}
		switch {
		case !in(sets["po_ids"], p.PoID.String()), !in(sets["io_ids"], p.IoID.String()), !in(sets["so_ids"], p.SoID),
			!in(statuses, p.Status),
			hasTS && int64(p.TS) <= startTS,
			timed && !within(stamp, from, to):
			continue
		}
		rows = append(rows, *p)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].TS < rows[j].TS })
	return listAnswer(q, rows, idx, size, "datas")
}

// queryPurchaseOuts serves /open/purchaseout/query: a modified range (or
// io_date with date_type 2) of at most seven days, so_ids or io_ids; bills
// in io_id order.
func (s *Server) queryPurchaseOuts(q map[string]any) answer {
	idx, size, bad := pageArgs(q, 30, maxBillPage)
	if bad != nil {
		return *bad
	}
	from, to, timed, bad := window(q)
	if bad != nil {
		return *bad
	}
	sets, bad := keySets(q, map[string]int{"so_ids": 0, "io_ids": maxPurchaseKeys})
	if bad != nil {
		return *bad
	}
	if !timed && sets["so_ids"] == nil && sets["io_ids"] == nil {
		return fail(140, "参数不符合规范: 时间条件与线上单号不能同时为空")
	}
	dateType, _, err := num(q, "date_type")
	if err != nil || (dateType != 0 && dateType != 2) {
		return fail(140, "参数不符合规范: date_type")
	}
	status := str(q, "status")
	var rows []jushuitan.PurchaseOut
	for _, p := range s.purchaseOuts {
		stamp := p.Modified.Time
		if dateType == 2 {
			stamp = p.IoDate.Time
		}
		switch {
		case !in(sets["so_ids"], p.SoID), !in(sets["io_ids"], p.IoID.String()),
			status != "" && p.Status != status,
			timed && !within(stamp, from, to):
			continue
		}
		rows = append(rows, *p)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].IoID < rows[j].IoID })
	return listAnswer(q, rows, idx, size, "datas")
}
