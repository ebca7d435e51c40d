package jushuitantest

import (
	"sort"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
)

// The caps of /open/allocate/query and /open/aftersale/received/query, from
// jst-java's JstQueryAllocateRequest and JstQueryAfterSaleReceivedRequest
// Javadoc: 50 bills a page; as_ids and io_ids of the receipt query at most
// 50 each.
const (
	maxAllocatePage = 50
	maxReceivedPage = 50
	maxReceivedKeys = 50
)

// PutAllocate adds or replaces a transfer bill (by IoID; 0 assigns one); a
// zero Modified becomes the fake's now. It returns the IoID.
func (s *Server) PutAllocate(a jushuitan.Allocate) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a.IoID == 0 {
		a.IoID = duijie.Int64(s.nextIoID)
		s.nextIoID++
	}
	if a.Modified.IsZero() {
		a.Modified = duijie.NewTime(s.now())
	}
	s.allocates[int64(a.IoID)] = &a
	return int64(a.IoID)
}

// PutReceived adds or replaces a return receipt (by IoID; 0 assigns one)
// with a new ts; a zero Modified becomes the fake's now. It returns the IoID.
func (s *Server) PutReceived(r jushuitan.Received) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.IoID == 0 {
		r.IoID = duijie.Int64(s.nextIoID)
		s.nextIoID++
	}
	s.stamp(&r.TS, &r.Modified)
	s.received[int64(r.IoID)] = &r
	return int64(r.IoID)
}

// queryAllocates serves /open/allocate/query: a range (modified, or
// io_date with date_type 2) of at most seven days, so_ids or io_ids; bills
// in io_id order.
func (s *Server) queryAllocates(q map[string]any) answer {
	idx, size, bad := pageArgs(q, 30, maxAllocatePage)
	if bad != nil {
		return *bad
	}
	from, to, timed, bad := window(q)
	if bad != nil {
		return *bad
	}
	sets, bad := keySets(q, map[string]int{"so_ids": 0, "io_ids": 0})
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
	typ := str(q, "type")
	var rows []jushuitan.Allocate
	for _, a := range s.allocates {
		stamp := a.Modified.Time
		if dateType == 2 {
			stamp = a.IoDate.Time
		}
		switch {
		case !in(sets["so_ids"], a.SoID), !in(sets["io_ids"], a.IoID.String()), typ != "" && a.Type != typ,
			timed && !within(stamp, from, to):
			continue
		}
		rows = append(rows, *a)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].IoID < rows[j].IoID })
	return listAnswer(q, rows, idx, size, "datas")
}

// queryReceived serves /open/aftersale/received/query: date_type 0
// modified, 4 io_date (1 and 2 are read as modified: the fake keeps no
// creation or order date for a receipt); start_ts serves receipts past it
// in ts order. The notes name no required filter, so none is required.
func (s *Server) queryReceived(q map[string]any) answer {
	idx, size, bad := pageArgs(q, 30, maxReceivedPage)
	if bad != nil {
		return *bad
	}
	from, to, timed, bad := window(q)
	if bad != nil {
		return *bad
	}
	sets, bad := keySets(q, map[string]int{"so_ids": 0, "o_ids": 0, "as_ids": maxReceivedKeys, "io_ids": maxReceivedKeys})
	if bad != nil {
		return *bad
	}
	startTS, hasTS, bad := cursor(q, "start_ts")
	if bad != nil {
		return *bad
	}
	dateType, _, err := num(q, "date_type")
	if err != nil || (dateType != 0 && dateType != 1 && dateType != 2 && dateType != 4) {
		return fail(140, "参数不符合规范: date_type")
	}
	shop := str(q, "shop_id")
	var rows []jushuitan.Received
	for _, r := range s.received {
		stamp := r.Modified.Time
		if dateType == 4 {
			stamp = r.IoDate.Time
		}
		switch {
		case !in(sets["so_ids"], r.SoID), !in(sets["o_ids"], r.OID.String()), !in(sets["as_ids"], r.AsID.String()),
			!in(sets["io_ids"], r.IoID.String()), shop != "" && r.ShopID.String() != shop,
			hasTS && int64(r.TS) <= startTS,
			timed && !within(stamp, from, to):
			continue
		}
		rows = append(rows, *r)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].TS < rows[j].TS })
	return listAnswer(q, rows, idx, size, "datas")
}
