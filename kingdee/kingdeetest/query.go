package kingdeetest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/duijie/duijie/kingdee"
)

// queryError answers ExecuteBillQuery's error form [[{"Result":...}]].
func queryError(w http.ResponseWriter, msgCode int, msg string) {
	writeJSON(w, []byte("[["+string(statusBody(false, "500", msgCode, nil, []fieldMsg{{Message: msg}}))+"]]"))
}

// maxLimit is the most rows one ExecuteBillQuery page may ask for: the
// Limit parameter "不能超过10000" (cannot exceed 10000).
const maxLimit = 10000

// query answers ExecuteBillQuery from the stored bills.
func (s *Server) query(w http.ResponseWriter, a args) {
	formID, _ := a.data["FormId"].(string)
	keysText, _ := a.data["FieldKeys"].(string)
	if formID == "" {
		queryError(w, kingdee.MsgFormEmpty, "FormId 不能为空")
		return
	}
	if strings.TrimSpace(keysText) == "" {
		queryError(w, kingdee.MsgBadParameter, "FieldKeys 不能为空")
		return
	}
	keys := strings.Split(keysText, ",")
	filterText, _ := a.data["FilterString"].(string)
	conds, err := parseFilter(filterText)
	if err != nil {
		queryError(w, kingdee.MsgBadParameter, err.Error())
		return
	}
	start, limit, top := int(toInt(a.data["StartRow"])), int(toInt(a.data["Limit"])), int(toInt(a.data["TopRowCount"]))
	if limit > maxLimit {
		queryError(w, kingdee.MsgBadParameter, "Limit 不能超过10000")
		return
	}
	orderKey, desc := parseOrder(a.data["OrderString"])

	s.mu.Lock()
	bills := candidates(formID, s.forms[formID], conds)
	var rows [][]any
	var sortKeys []any
	for _, b := range bills {
		if !s.visibleLocked(b) || !matches(b, conds) {
			continue
		}
		for _, r := range expand(b, keys) {
			rows = append(rows, r)
			sortKeys = append(sortKeys, fieldOf(b, nil, orderKey))
		}
	}
	s.mu.Unlock()
	if orderKey != "" {
		idx := make([]int, len(rows))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(i, j int) bool {
			c := compare(sortKeys[idx[i]], sortKeys[idx[j]])
			if desc {
				return c > 0
			}
			return c < 0
		})
		sorted := make([][]any, len(rows))
		for i, k := range idx {
			sorted[i] = rows[k]
		}
		rows = sorted
	}
	if top > 0 && len(rows) > top {
		rows = rows[:top]
	}
	if start > len(rows) {
		start = len(rows)
	}
	rows = rows[start:]
	if limit > 0 && len(rows) > limit {
		rows = rows[:limit]
	}
	if rows == nil {
		rows = [][]any{}
	}
	out, _ := json.Marshal(rows)
	writeJSON(w, out)
}

// candidates returns the bills a filter can match, in saved order: those
// named by an = or IN condition on the form's number field (FBillNo, or
// FNumber for base data) through the number index, else all.
func candidates(formID string, f *form, conds []cond) []*Bill {
	if f == nil {
		return nil
	}
	field := ruleOf(formID).number
	for _, c := range conds {
		if !strings.EqualFold(c.field, field) || (c.op != "=" && c.op != "IN") {
			continue
		}
		var out []*Bill
		for _, v := range c.vals {
			out = append(out, f.byNumber[text(v)]...)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		return out
	}
	return append([]*Bill(nil), f.order...)
}

// parseOrder reads "FID", "FID ASC" or "FBillNo DESC".
func parseOrder(v any) (string, bool) {
	s, _ := v.(string)
	f := strings.Fields(s)
	if len(f) == 0 {
		return "FID", false
	}
	return f[0], len(f) > 1 && strings.EqualFold(f[1], "DESC")
}

// expand returns the bill's rows for keys: one row, or one per entry when
// a key is an entry field (the lines are read from the form's entry key).
func expand(b *Bill, keys []string) [][]any {
	entries := lines(b.Form, b.Model)
	perEntry := false
	for _, k := range keys {
		if fieldOf(b, nil, k) == nil && len(entries) > 0 {
			if e, _ := entries[0].(map[string]any); fieldOf(nil, e, k) != nil {
				perEntry = true
			}
		}
	}
	if !perEntry {
		row := make([]any, len(keys))
		for i, k := range keys {
			row[i] = fieldOf(b, nil, k)
		}
		return [][]any{row}
	}
	var rows [][]any
	for _, e := range entries {
		em, _ := e.(map[string]any)
		row := make([]any, len(keys))
		for i, k := range keys {
			if v := fieldOf(b, nil, k); v != nil {
				row[i] = v
			} else {
				row[i] = fieldOf(nil, em, k)
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// fieldOf resolves a field key on a bill header (b) or an entry (e):
// FID (or the form's id field), FBillNo (or the form's number field),
// FDocumentStatus,
// "<ref>.FNumber", or a plain field.
func fieldOf(b *Bill, e map[string]any, key string) any {
	key = strings.TrimSpace(key)
	m := e
	if b != nil {
		if r := ruleOf(b.Form); strings.EqualFold(key, r.number) {
			return b.Number
		} else if strings.EqualFold(key, r.id) {
			return b.ID
		}
		switch strings.ToUpper(key) {
		case "FID":
			return b.ID
		case "FBILLNO":
			return b.Number
		case "FDOCUMENTSTATUS":
			return b.Status
		}
		m = b.Model
	}
	name, sub, dotted := strings.Cut(key, ".")
	for k, v := range m {
		if !strings.EqualFold(k, name) {
			continue
		}
		if dotted {
			if strings.EqualFold(sub, "FNumber") {
				if n := refNumber(v); n != "" {
					return n
				}
			}
			return nil
		}
		switch v.(type) {
		case map[string]any, []any:
			return nil
		}
		return v
	}
	return nil
}

// cond is one condition of a filter.
type cond struct {
	field string
	op    string
	vals  []any
}

// parseFilter reads conditions joined by AND.
func parseFilter(s string) ([]cond, error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	var out []cond
	for i := 0; i < len(toks); {
		if len(out) > 0 {
			if !strings.EqualFold(toks[i].text, "AND") || toks[i].quoted {
				return nil, fmt.Errorf("the fake's filter joins conditions with AND only, near %q", toks[i].text)
			}
			i++
		}
		if i+2 >= len(toks) {
			return nil, fmt.Errorf("incomplete condition in filter %q", s)
		}
		c := cond{field: toks[i].text, op: strings.ToUpper(toks[i+1].text)}
		i += 2
		switch c.op {
		case "=", "<>", "!=", "<", "<=", ">", ">=", "LIKE":
			c.vals = []any{toks[i].value()}
			i++
		case "IN":
			if toks[i].text != "(" {
				return nil, fmt.Errorf("IN needs a list in filter %q", s)
			}
			for i++; i < len(toks) && toks[i].text != ")"; i++ {
				if toks[i].text == "," && !toks[i].quoted {
					continue
				}
				c.vals = append(c.vals, toks[i].value())
			}
			if i >= len(toks) {
				return nil, fmt.Errorf("unclosed IN list in filter %q", s)
			}
			i++
		default:
			return nil, fmt.Errorf("the fake's filter does not know operator %q", c.op)
		}
		out = append(out, c)
	}
	return out, nil
}

// token is one filter token.
type token struct {
	text   string
	quoted bool
}

// value is the token as a value: a string, or a number.
func (t token) value() any {
	if t.quoted {
		return t.text
	}
	if n, err := strconv.ParseFloat(t.text, 64); err == nil {
		return n
	}
	return t.text
}

// tokenize splits a filter into names, numbers, 'strings' (” inside),
// operators, parentheses and commas.
func tokenize(s string) ([]token, error) {
	var out []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '\'':
			var b strings.Builder
			j := i + 1
			for ; j < len(s); j++ {
				if s[j] == '\'' {
					if j+1 < len(s) && s[j+1] == '\'' {
						b.WriteByte('\'')
						j++
						continue
					}
					break
				}
				b.WriteByte(s[j])
			}
			if j >= len(s) {
				return nil, fmt.Errorf("unclosed string in filter")
			}
			out = append(out, token{text: b.String(), quoted: true})
			i = j + 1
		case c == '(' || c == ')' || c == ',':
			out = append(out, token{text: string(c)})
			i++
		case c == '<' || c == '>' || c == '=' || c == '!':
			j := i + 1
			for j < len(s) && (s[j] == '=' || s[j] == '>') && j-i < 2 {
				j++
			}
			out = append(out, token{text: s[i:j]})
			i = j
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\r\n'(),<>=!", rune(s[j])) {
				j++
			}
			out = append(out, token{text: s[i:j]})
			i = j
		}
	}
	return out, nil
}

// matches reports whether the bill header meets every condition.
func matches(b *Bill, conds []cond) bool {
	for _, c := range conds {
		v := fieldOf(b, nil, c.field)
		ok := false
		switch c.op {
		case "IN":
			for _, x := range c.vals {
				ok = ok || compare(v, x) == 0
			}
		case "=":
			ok = compare(v, c.vals[0]) == 0
		case "<>", "!=":
			ok = compare(v, c.vals[0]) != 0
		case "<":
			ok = compare(v, c.vals[0]) < 0
		case "<=":
			ok = compare(v, c.vals[0]) <= 0
		case ">":
			ok = compare(v, c.vals[0]) > 0
		case ">=":
			ok = compare(v, c.vals[0]) >= 0
		case "LIKE":
			ok = like(fmt.Sprint(v), fmt.Sprint(c.vals[0]))
		}
		if !ok {
			return false
		}
	}
	return true
}

// compare orders two values: as numbers when both are, else as text.
func compare(a, b any) int {
	fa, aok := number(a)
	fb, bok := number(b)
	if aok && bok {
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	}
	return strings.Compare(text(a), text(b))
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// like matches SQL LIKE with % wildcards.
func like(s, pattern string) bool {
	parts := strings.Split(pattern, "%")
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for i, p := range parts[1:] {
		if i == len(parts)-2 {
			return strings.HasSuffix(s, p)
		}
		k := strings.Index(s, p)
		if k < 0 {
			return false
		}
		s = s[k+len(p):]
	}
	return s == ""
}
