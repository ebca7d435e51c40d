package mapping

import (
	"errors"
	"strconv"
	"strings"
)

// ErrUnmapped is matched by errors.Is for every *UnmappedError.
var ErrUnmapped = errors.New("mapping: code has no correspondence")

// ErrNothingMapped is matched by errors.Is when not a single line of a
// document could be mapped, so there is nothing to create.
var ErrNothingMapped = errors.New("mapping: no line could be mapped")

// Missing is one code a conversion could not map.
type Missing struct {
	// Table is the correspondence table that lacks the code.
	Table Kind
	// Code is the external code that has no correspondence.
	Code string
	// Line is the index of the document line, from 0; -1 for the header.
	Line int
	// Key is the line's own id in the source (line_no, oid, rec_id), when
	// it has one.
	Key string
	// Field is the path of the field in the source document, e.g.
	// "details_list[2].spec_no".
	Field string
}

// String describes the missing code, e.g.
// `no goods mapping for "A1" (line 2 "L3", lines[2].goods_code)`.
func (m Missing) String() string {
	var b strings.Builder
	b.WriteString("no ")
	b.WriteString(string(m.Table))
	b.WriteString(" mapping for ")
	b.WriteString(strconv.Quote(m.Code))
	b.WriteString(" (")
	if m.Line < 0 {
		b.WriteString("header")
	} else {
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(m.Line))
		if m.Key != "" {
			b.WriteString(" ")
			b.WriteString(strconv.Quote(m.Key))
		}
	}
	if m.Field != "" {
		b.WriteString(", ")
		b.WriteString(m.Field)
	}
	b.WriteString(")")
	return b.String()
}

// UnmappedError lists every code of one document that could not be mapped.
type UnmappedError struct {
	// Doc is the source document's number.
	Doc string
	// Missing are the codes without a correspondence, header first, then
	// lines in order.
	Missing []Missing
	// NothingMapped is true when no line at all could be mapped.
	NothingMapped bool
}

// maxListed is how many missing codes Error spells out.
const maxListed = 5

// Error names the document and the missing codes (at most five spelled out).
func (e *UnmappedError) Error() string {
	var b strings.Builder
	b.WriteString("mapping: ")
	if e.Doc != "" {
		b.WriteString("document ")
		b.WriteString(strconv.Quote(e.Doc))
		b.WriteString(": ")
	}
	if e.NothingMapped {
		b.WriteString("nothing could be mapped: ")
	}
	for i, m := range e.Missing {
		if i == maxListed {
			b.WriteString("; and ")
			b.WriteString(strconv.Itoa(len(e.Missing) - maxListed))
			b.WriteString(" more")
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(m.String())
	}
	if len(e.Missing) == 0 {
		b.WriteString("no lines")
	}
	return b.String()
}

// Is matches ErrUnmapped, and ErrNothingMapped when nothing was mapped.
func (e *UnmappedError) Is(target error) bool {
	return target == ErrUnmapped || (e.NothingMapped && target == ErrNothingMapped)
}

// Codes returns the distinct missing codes of one table, in the order they
// were met.
func (e *UnmappedError) Codes(table Kind) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range e.Missing {
		if m.Table == table && !seen[m.Code] {
			seen[m.Code] = true
			out = append(out, m.Code)
		}
	}
	return out
}

// unmapped returns nil when nothing is missing, and the error otherwise.
func unmapped(doc string, missing []Missing, nothing bool) error {
	if len(missing) == 0 && !nothing {
		return nil
	}
	return &UnmappedError{Doc: doc, Missing: missing, NothingMapped: nothing}
}
