package jushuitantest

import (
	"fmt"
	"time"
)

// spanText writes a window as the vendor's refusals do.
func spanText(d time.Duration) string {
	switch d {
	case 24 * time.Hour:
		return "一天"
	case maxSpan:
		return "七天"
	}
	return d.String()
}

// keys reads a list of keys sent as a JSON array (numbers or strings), at
// most max; the refusal names the key.
func keys(q map[string]any, key string, max int) (map[string]bool, *answer) {
	list := strList(q, key)
	if max > 0 && len(list) > max {
		a := fail(140, fmt.Sprintf("参数不符合规范: %s 最大%d个", key, max))
		return nil, &a
	}
	if len(list) == 0 {
		return nil, nil
	}
	set := make(map[string]bool, len(list))
	for _, k := range list {
		set[k] = true
	}
	return set, nil
}

// cursor reads a ts cursor key (start_ts or ts); a row is past it when its
// ts is greater.
func cursor(q map[string]any, key string) (int64, bool, *answer) {
	ts, has, err := num(q, key)
	if err != nil || ts < 0 {
		a := fail(140, "参数不符合规范: "+key)
		return 0, false, &a
	}
	return ts, has, nil
}

// listAnswer is one page of rows (already filtered and sorted) under key,
// with page_index, page_size and has_next, and data_count and page_count
// unless the query sent is_get_total false.
func listAnswer[T any](q map[string]any, rows []T, idx, size int, key string) answer {
	page, more := cut(rows, idx, size)
	data := map[string]any{"page_index": idx, "page_size": size, "has_next": more, key: page}
	if total, isBool := q["is_get_total"].(bool); !isBool || total {
		data["data_count"] = len(rows)
		data["page_count"] = (len(rows) + size - 1) / size
	}
	return ok(data)
}
