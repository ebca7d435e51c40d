package jushuitantest

import (
	"sort"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
)

// The caps of /open/orders/out/simple/query, from jst-java's
// JstQueryOrderOutSimpleRequest Javadoc (the vendor's field notes):
// page_size 默认30，最大50; so_ids, o_ids, io_ids and wave_ids at most 50,
// l_ids at most 20; the modified range at most seven days, one day with
// drp_co_id.
const (
	maxSaleOutPage = 50
	maxSaleOutKeys = 50
	maxSaleOutLIDs = 20
	drpSpan        = 24 * time.Hour
)

// PutSaleOut adds or replaces a sales-out bill (by IoID; 0 assigns one)
// with a new ts, greater than every ts before it; a zero Modified becomes
// the fake's now. It returns the IoID.
func (s *Server) PutSaleOut(o jushuitan.SaleOut) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o.IoID == 0 {
		o.IoID = duijie.Int64(s.nextIoID)
		s.nextIoID++
	}
	s.rowVersion++
	o.TS = duijie.Int64(s.rowVersion)
	if o.Modified.IsZero() {
		o.Modified = duijie.NewTime(s.now())
	}
	s.saleOuts[int64(o.IoID)] = &o
	return int64(o.IoID)
}

// SaleOut returns the sales-out bill ioID.
func (s *Server) SaleOut(ioID int64) (jushuitan.SaleOut, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.saleOuts[ioID]
	if !ok {
		return jushuitan.SaleOut{}, false
	}
	return *o, true
}

// querySaleOuts serves /open/orders/out/simple/query. date_type 0 bounds
// modified, 2 io_date. start_ts serves the bills whose ts is greater,
// ordered by ts; is_get_total false leaves the counts out.
func (s *Server) querySaleOuts(q map[string]any) answer {
	idx, size, bad := pageArgs(q, 30, maxSaleOutPage)
	if bad != nil {
		return *bad
	}
	drp, _, err := num(q, "drp_co_id")
	if err != nil {
		return fail(140, "参数不符合规范: drp_co_id")
	}
	span := maxSpan
	if drp != 0 {
		span = drpSpan
	}
	from, to, timed, bad := spanOf(q, "modified_begin", "modified_end", span)
	if bad != nil {
		return *bad
	}
	sets := map[string]map[string]bool{}
	for _, k := range []struct {
		key string
		max int
	}{{"so_ids", maxSaleOutKeys}, {"o_ids", maxSaleOutKeys}, {"io_ids", maxSaleOutKeys}, {"wave_ids", maxSaleOutKeys}, {"l_ids", maxSaleOutLIDs}} {
		set, bad := keys(q, k.key, k.max)
		if bad != nil {
			return *bad
		}
		sets[k.key] = set
	}
	startTS, hasTS, bad := cursor(q, "start_ts")
	if bad != nil {
		return *bad
	}
	if !timed && !hasTS && sets["so_ids"] == nil && sets["o_ids"] == nil && sets["io_ids"] == nil && sets["wave_ids"] == nil {
		return fail(140, "参数不符合规范: 时间条件与线上单号、内部单号、出库单号、拣货批次号不能同时为空")
	}
	dateType, _, err := num(q, "date_type")
	if err != nil || (dateType != 0 && dateType != 2) {
		return fail(140, "参数不符合规范: date_type")
	}
	shopID, _, _ := num(q, "shop_id")
	wms, _, _ := num(q, "wms_co_id")
	status := str(q, "status")
	in := func(key, v string) bool { return sets[key] == nil || sets[key][v] }
	var rows []jushuitan.SaleOut
	for _, o := range s.saleOuts {
		stamp := o.Modified.Time
		if dateType == 2 {
			stamp = o.IoDate.Time
		}
		switch {
		case !in("so_ids", o.SoID), !in("o_ids", o.OID.String()), !in("io_ids", o.IoID.String()),
			!in("wave_ids", o.WaveID.String()), !in("l_ids", o.LID),
			shopID != 0 && int64(o.ShopID) != shopID,
			wms != 0 && int64(o.WmsCoID) != wms,
			drp != 0 && o.DrpCoIDFrom.String() != duijie.Int64(drp).String(),
			status != "" && o.Status != status,
			hasTS && int64(o.TS) <= startTS,
			timed && !within(stamp, from, to):
			continue
		}
		rows = append(rows, *o)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].TS < rows[j].TS })
	return listAnswer(q, rows, idx, size, "datas")
}
