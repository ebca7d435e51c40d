package mapping

// Mapped is one line whose code has a correspondence.
type Mapped[L any] struct {
	// Index is the line's position in the source document, from 0.
	Index int
	// Line is the source line.
	Line L
	// Code is the host's code the line's external code maps to.
	Code string
}

// Resolution splits a document's lines into the mapped ones, which go into
// the host's document, and the unmapped ones, which are reported.
type Resolution[L any] struct {
	// Mapped are the lines to keep, in source order.
	Mapped []Mapped[L]
	// Unmapped are the lines left out, in source order.
	Unmapped []Missing
}

// Partial reports whether some lines, but not all, were left out.
func (r Resolution[L]) Partial() bool { return len(r.Mapped) > 0 && len(r.Unmapped) > 0 }

// NothingMapped reports whether the document had lines and none could be mapped.
func (r Resolution[L]) NothingMapped() bool { return len(r.Mapped) == 0 && len(r.Unmapped) > 0 }

// LineRef describes where a line's code sits, for the Missing report.
type LineRef struct {
	// Code is the line's external code.
	Code string
	// Key is the line's own id, when it has one.
	Key string
	// Field is the path of the code's field in the source document.
	Field string
}

// Resolve maps every line's code through table (of kind kind) and keeps
// only the mapped lines, the rule for orders fetched from Himall: "only the
// mapped goods go into the order". ref says, for the line at index i, which
// code to map and where it sits. Lines with an empty code are unmapped.
func Resolve[L any](lines []L, kind Kind, table Lookup, ref func(i int, line L) LineRef) Resolution[L] {
	var r Resolution[L]
	for i, l := range lines {
		lr := ref(i, l)
		code, ok := "", false
		if lr.Code != "" && table != nil {
			code, ok = table.Lookup(lr.Code)
		}
		if ok {
			r.Mapped = append(r.Mapped, Mapped[L]{Index: i, Line: l, Code: code})
			continue
		}
		r.Unmapped = append(r.Unmapped, Missing{Table: kind, Code: lr.Code, Line: i, Key: lr.Key, Field: lr.Field})
	}
	return r
}
