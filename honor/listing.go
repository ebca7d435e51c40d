package honor

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strconv"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/jsonx"
	"github.com/duijie/duijie/internal/paging"
)

// hasMore reports whether pages follow one holding n rows of the page
// pageNo of size pageSize (pages count from 1) when total rows match.
func hasMore(n, pageNo, pageSize, total int) bool {
	return n > 0 && pageNo*pageSize < total
}

// ErrMissingList is matched (with errors.Is) by the error of a listing
// answer whose data carries no list key. Such an answer is never read as an
// empty page: a renamed key would otherwise look like "no rows".
var ErrMissingList = errors.New("honor: the answer has no list")

// decodeList reads a listing's data, {"total":N,"list":[...]}. A list sent
// as null or "" (some gateways send an empty list so) has no rows; data
// without the list key is an error matching ErrMissingList.
func decodeList[T any](data []byte) (items []T, total int, err error) {
	var d struct {
		Total duijie.Int64    `json:"total"`
		List  json.RawMessage `json:"list"`
	}
	if members, plain, ok := jsonx.Object(data, nil); ok && plain {
		// One pass over data, the list left where it stands; as
		// encoding/json, keys match without regard to ASCII case and the
		// last one wins.
		for _, m := range members {
			switch {
			case jsonx.EqualFold(m.Key, "total"):
				if err := json.Unmarshal(m.Value, &d.Total); err != nil {
					return nil, 0, err
				}
			case jsonx.EqualFold(m.Key, "list"):
				d.List = m.Value
			}
		}
	} else if err := json.Unmarshal(data, &d); err != nil {
		return nil, 0, err
	}
	if d.List == nil {
		return nil, 0, fmt.Errorf("%w: data carries no \"list\" key; it is not read as an empty page", ErrMissingList)
	}
	if d.Total < 0 {
		return nil, 0, fmt.Errorf("total %d is negative", d.Total)
	}
	switch string(bytes.TrimSpace(d.List)) {
	case "null", `""`:
		return []T{}, int(d.Total), nil
	}
	if err := json.Unmarshal(d.List, &items); err != nil {
		return nil, 0, err
	}
	return items, int(d.Total), nil
}

// checkPaging fills the page defaults and refuses bad values; the largest
// page size is the operation's MaxPageSize.
func checkPaging(op *duijie.Operation, pageNo, pageSize int) (int, int, error) {
	switch {
	case pageNo < 0:
		return 0, 0, duijie.Invalid(vendor, "PageNo", duijie.RuleNegative, "")
	case pageSize < 0:
		return 0, 0, duijie.Invalid(vendor, "PageSize", duijie.RuleNegative, "")
	case pageSize > op.MaxPageSize:
		return 0, 0, duijie.Invalid(vendor, "PageSize", duijie.RuleRange, "at most "+strconv.Itoa(op.MaxPageSize))
	}
	if pageNo == 0 {
		pageNo = 1
	}
	if pageSize == 0 {
		pageSize = min(DefaultPageSize, op.MaxPageSize)
	}
	return pageNo, pageSize, nil
}

// pageParams are the paging fields every listing sends.
type pageParams struct {
	PageNo   int `json:"page_no"`
	PageSize int `json:"page_size"`
}

// queryPage sends one listing call; params must already carry the page.
func queryPage[T any](ctx context.Context, c *Client, op Op, params any, pageNo, pageSize int) (*duijie.Page[T], error) {
	var raw json.RawMessage
	at, err := c.call(ctx, op, params, &raw)
	if err != nil {
		return nil, err
	}
	p := &duijie.Page[T]{Number: pageNo, Size: pageSize, SyncedAt: duijie.NewTime(at.In(duijie.CST()))}
	if len(raw) == 0 {
		return nil, fmt.Errorf("honor %s: decode data: %w: the answer has no data", c.opName(op), ErrMissingList)
	}
	items, total, err := decodeList[T](raw)
	if err != nil {
		return nil, fmt.Errorf("honor %s: decode data: %w", c.opName(op), err)
	}
	p.Items, p.Total, p.HasMore = items, total, hasMore(len(items), pageNo, pageSize, total)
	return p, nil
}

// opName is the name errors carry for op: its method name, or its path
// when it has none.
func (c *Client) opName(op Op) string {
	r := c.row(op)
	if r.method != "" {
		return r.method
	}
	return r.Wire
}

// walk yields every row of the pages fetch returns, from page first on.
func walk[T any](ctx context.Context, first int, key func(T) string, fetch func(ctx context.Context, pageNo int) (*duijie.Page[T], error)) iter.Seq2[T, error] {
	return paging.Items(ctx, first, key, func(ctx context.Context, pageNo int) ([]T, bool, error) {
		p, err := fetch(ctx, pageNo)
		if err != nil {
			return nil, false, err
		}
		return p.Items, p.HasMore, nil
	})
}
