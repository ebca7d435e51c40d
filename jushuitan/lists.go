package jushuitan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/jsonx"
)

// ErrMissingList is matched (with errors.Is) by the error of a list answer
// that carries none of the keys its rows travel under. Such an answer is
// never read as an empty page: a key the client does not know (or a vendor
// change) would otherwise look like "no rows" and a sync would skip them.
var ErrMissingList = errors.New("jushuitan: the answer has no list")

// missingListError names the keys that were looked for.
type missingListError struct{ keys []string }

// Error names the keys looked for.
func (e *missingListError) Error() string {
	return "the answer carries none of the list keys " + strings.Join(e.keys, ", ") + "; it is not read as an empty page"
}

// Unwrap gives ErrMissingList.
func (e *missingListError) Unwrap() error { return ErrMissingList }

// listAnswer is an answer whose rows travel under one of listKeys (the
// first is the documented one; the others are documented variants). The
// payload must carry one of them.
type listAnswer interface {
	listKeys() []string
}

// listRows decodes the rows under the first of keys that payload carries.
// A key present with null holds no rows; a payload with none of the keys is
// a *missingListError.
func listRows[T any](payload []byte, keys ...string) ([]T, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(payload, &fields); err != nil {
		return nil, err
	}
	for _, k := range keys {
		raw, ok := fields[k]
		if !ok {
			continue
		}
		raw = bytes.TrimSpace(raw)
		if string(raw) == "null" {
			return []T{}, nil
		}
		var rows []T
		if err := json.Unmarshal(raw, &rows); err != nil {
			return nil, err
		}
		if rows == nil {
			rows = []T{}
		}
		return rows, nil
	}
	return nil, &missingListError{keys: keys}
}

// pageHead is the paging block every list answer carries. data_count and
// page_count are absent when is_get_total was false.
type pageHead struct {
	PageIndex int  `json:"page_index"`
	PageSize  int  `json:"page_size"`
	DataCount *int `json:"data_count"`
	HasNext   bool `json:"has_next"`
}

// listPage is the answer of a paged query: the paging head and the rows
// under the first of keys the answer carries. An answer with none of them
// is an error (ErrMissingList), never an empty page.
type listPage[T any] struct {
	keys []string
	head pageHead
	rows []T
}

func (p *listPage[T]) listKeys() []string { return p.keys }

// UnmarshalJSON reads the paging head and the rows.
func (p *listPage[T]) UnmarshalJSON(b []byte) error { return p.decodeList(b) }

// listDecoder is an answer that decodes its payload itself, in one pass
// (the payload is the envelope's data, already checked to be JSON).
type listDecoder interface {
	decodeList(payload []byte) error
}

// decodeList reads the paging head and the rows in one pass.
func (p *listPage[T]) decodeList(b []byte) error {
	h, rows, err := decodeRows[T](b, true, p.keys)
	if err != nil {
		return err
	}
	p.head, p.rows = h, rows
	return nil
}

// decodeRows decodes a list payload: the paging head when head is true, and
// the rows under the first of keys the payload carries (null holds no rows;
// none of the keys is a *missingListError). It reads the payload once, key
// by key, decoding the head fields and the rows where they stand; an
// answer it cannot settle that way (an error, a list key given twice, a
// payload that is not an object) is read again by slowRows, whose result
// it always equals.
func decodeRows[T any](b []byte, head bool, keys []string) (pageHead, []T, error) {
	if h, rows, ok := streamRows[T](b, head, keys); ok {
		if rows == nil {
			return pageHead{}, nil, &missingListError{keys: keys}
		}
		return h, *rows, nil
	}
	return slowRows[T](b, head, keys)
}

// streamRows is decodeRows' single pass: it walks the payload's members
// and decodes the head fields and the rows where they stand. rows is nil
// when the payload carries none of keys; ok is false when slowRows must
// decide.
func streamRows[T any](b []byte, head bool, keys []string) (h pageHead, rows *[]T, ok bool) {
	if len(keys) > 64 {
		return h, nil, false
	}
	best := len(keys) // the rank of the key rows came from
	var seen uint64
	ok = eachMember(b, func(key, val []byte) bool {
		k := string(key)
		var target any
		rank := slices.Index(keys, k)
		switch {
		case rank >= 0:
			if seen&(1<<rank) != 0 {
				return false // the last one counts; listRows decides
			}
			seen |= 1 << rank
			if rank > best {
				return true
			}
			var p *[]T
			if err := json.Unmarshal(val, &p); err != nil {
				return false
			}
			if p == nil {
				p = &[]T{}
			}
			best, rows = rank, p
			return true
		case !head:
			return true
		// encoding/json matches a struct field by name case-insensitively,
		// as bytes.EqualFold does.
		case strings.EqualFold(k, "page_index"):
			target = &h.PageIndex
		case strings.EqualFold(k, "page_size"):
			target = &h.PageSize
		case strings.EqualFold(k, "data_count"):
			target = &h.DataCount
		case strings.EqualFold(k, "has_next"):
			target = &h.HasNext
		default:
			return true
		}
		return json.Unmarshal(val, target) == nil
	})
	return h, rows, ok
}

// eachMember calls f with the key and the value of each member of the JSON
// object b, until f returns false. It returns false when f does, when b is
// not a JSON object, or when a key holds an escape or a non-ASCII byte (the
// key's text would then not be its name; the caller decodes with
// encoding/json instead).
func eachMember(b []byte, f func(key, val []byte) bool) bool {
	members, plain, ok := jsonx.Object(b, nil)
	if !ok || !plain {
		return false
	}
	for _, m := range members {
		if !f(m.Key, m.Value) {
			return false
		}
	}
	return true
}

// slowRows is decodeRows for any key set, by the head and listRows.
func slowRows[T any](b []byte, head bool, keys []string) (pageHead, []T, error) {
	var h pageHead
	if head {
		if err := json.Unmarshal(b, &h); err != nil {
			return pageHead{}, nil, err
		}
	}
	rows, err := listRows[T](b, keys...)
	if err != nil {
		return pageHead{}, nil, err
	}
	return h, rows, nil
}

// page is the answer as a duijie.Page, in the vendor's terms: Number is
// page_index (from 1) and Size page_size as the answer gives them, or as
// they were asked when it does not; Total is data_count, -1 when the answer
// has none (is_get_total=false); HasMore is has_next.
func (p *listPage[T]) page(index, size int) *duijie.Page[T] {
	out := &duijie.Page[T]{Items: p.rows, Total: -1, Number: max(index, 1), Size: size, HasMore: p.head.HasNext}
	if p.head.PageIndex > 0 {
		out.Number = p.head.PageIndex
	}
	if p.head.PageSize > 0 {
		out.Size = p.head.PageSize
	}
	if p.head.DataCount != nil {
		out.Total = *p.head.DataCount
	}
	return out
}

// queryList sends a paged query (page index asked, from 1, 0 meaning 1; size
// asked, 0 for the vendor's default) and returns its page, whose rows travel
// under op's list keys.
func queryList[T any](ctx context.Context, c *Client, op operation, wire any, index, size int) (*duijie.Page[T], error) {
	out := &listPage[T]{keys: op.listKeys}
	if err := c.invoke(ctx, op, wire, out); err != nil {
		return nil, err
	}
	return out.page(index, size), nil
}
