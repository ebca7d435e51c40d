package jushuitan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/duijie/duijie"
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

// headed and bare are the payload shapes decodeRows reads in one pass: the
// paging head, if asked for, and the rows under one key, with a documented
// variant key kept raw. Rows points at a sentinel before decoding: left
// there, the key was absent; set to nil, it was null.
type (
	inventorysWire[T any] struct {
		pageHead
		Rows *[]T `json:"inventorys"`
	}
	ordersWire[T any] struct {
		pageHead
		Rows *[]T `json:"orders"`
	}
	datasWire[T any] struct {
		pageHead
		Rows *[]T           `json:"datas"`
		Alt  json.RawMessage `json:"shops"`
	}
	bareDatasWire[T any] struct {
		Rows *[]T `json:"datas"`
	}
)

// decodeRows decodes a list payload: the paging head when head is true, and
// the rows under the first of keys the payload carries (null holds no rows;
// none of the keys is a *missingListError). The payload is read in one
// pass for the key sets of the operation table; a key the decoder matched
// only case-insensitively, and any other key set, take listRows.
func decodeRows[T any](b []byte, head bool, keys []string) (pageHead, []T, error) {
	sentinel := new([]T)
	var (
		h   pageHead
		got *[]T
		alt json.RawMessage
		err error
	)
	switch {
	case head && len(keys) == 1 && keys[0] == "inventorys":
		w := inventorysWire[T]{Rows: sentinel}
		err = json.Unmarshal(b, &w)
		h, got = w.pageHead, w.Rows
	case head && len(keys) == 1 && keys[0] == "orders":
		w := ordersWire[T]{Rows: sentinel}
		err = json.Unmarshal(b, &w)
		h, got = w.pageHead, w.Rows
	case head && len(keys) >= 1 && keys[0] == "datas" && (len(keys) == 1 || len(keys) == 2 && keys[1] == "shops"):
		w := datasWire[T]{Rows: sentinel}
		err = json.Unmarshal(b, &w)
		h, got, alt = w.pageHead, w.Rows, w.Alt
		if len(keys) == 1 {
			alt = nil
		}
	case !head && len(keys) == 1 && keys[0] == "datas":
		w := bareDatasWire[T]{Rows: sentinel}
		err = json.Unmarshal(b, &w)
		got = w.Rows
	default:
		return slowRows[T](b, head, keys)
	}
	if err != nil {
		return pageHead{}, nil, err
	}
	switch {
	case got == nil:
		if !hasKey(b, keys[0]) {
			return slowRows[T](b, head, keys)
		}
		return h, []T{}, nil
	case got != sentinel || *sentinel != nil:
		if !hasKey(b, keys[0]) {
			return slowRows[T](b, head, keys)
		}
		return h, *got, nil
	case len(alt) > 0:
		if !hasKey(b, keys[1]) {
			return slowRows[T](b, head, keys)
		}
		if string(alt) == "null" {
			return h, []T{}, nil
		}
		var rows []T
		if err := json.Unmarshal(alt, &rows); err != nil {
			return pageHead{}, nil, err
		}
		if rows == nil {
			rows = []T{}
		}
		return h, rows, nil
	}
	return pageHead{}, nil, &missingListError{keys: keys}
}

// hasKey reports whether b holds key as an exact quoted JSON string, the
// way listRows looks keys up; encoding/json matches struct fields
// case-insensitively too.
func hasKey(b []byte, key string) bool {
	i := 0
	for {
		j := bytes.Index(b[i:], []byte(key))
		if j < 0 {
			return false
		}
		at := i + j
		if at > 0 && b[at-1] == '"' && at+len(key) < len(b) && b[at+len(key)] == '"' {
			return true
		}
		i = at + 1
	}
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
