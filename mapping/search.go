package mapping

import (
	"slices"
	"strings"
	"unicode"
)

// MatchKind says how a candidate matched a search.
type MatchKind int

// Match kinds, best first; candidates are ranked in this order.
const (
	// MatchCodeExact: the query is the item's code.
	MatchCodeExact MatchKind = iota + 1
	// MatchMnemonicExact: the query is the item's mnemonic (助记码).
	MatchMnemonicExact
	// MatchCodePrefix: the item's code starts with the query.
	MatchCodePrefix
	// MatchMnemonicPrefix: the item's mnemonic starts with the query.
	MatchMnemonicPrefix
	// MatchKeyword: every word of the query occurs in the item's name,
	// code or mnemonic.
	MatchKeyword
)

// String names the match kind.
func (k MatchKind) String() string {
	switch k {
	case MatchCodeExact:
		return "code"
	case MatchMnemonicExact:
		return "mnemonic"
	case MatchCodePrefix:
		return "code prefix"
	case MatchMnemonicPrefix:
		return "mnemonic prefix"
	case MatchKeyword:
		return "keyword"
	}
	return "none"
}

// Candidate is one of the host's items that matches a search.
type Candidate struct {
	Item
	// By says how it matched.
	By MatchKind
	// Chosen lists the external codes already mapped to this item.
	Chosen []string
}

// Search returns the host's items that match query, best first, at most
// limit of them (limit <= 0: all). The query is matched without regard to
// case or full-width forms against the ERP code (exact, then prefix), the
// mnemonic (exact, then prefix) and, word by word, the full name: "荣耀 256"
// finds "荣耀Magic6 12+256G". Items of equal rank are ordered by code. An
// empty query matches nothing.
func (t *Table) Search(query string, limit int) []Candidate {
	q := fold(query)
	words := strings.Fields(q)
	if len(words) == 0 {
		return nil
	}
	q = strings.Join(words, " ")
	var out []Candidate
	for _, it := range t.items {
		by := match(it, q, words)
		if by == 0 {
			continue
		}
		out = append(out, Candidate{Item: it.Item, By: by})
	}
	slices.SortStableFunc(out, func(a, b Candidate) int { return int(a.By) - int(b.By) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	if len(out) > 0 {
		chosen := map[string][]string{}
		for _, c := range t.Choices() {
			chosen[c.ERP] = append(chosen[c.ERP], c.External)
		}
		for i := range out {
			out[i].Chosen = chosen[out[i].Code]
		}
	}
	return out
}

// SearchFor searches with the synced entry's name, for the first
// suggestions shown next to an unmatched external code. It returns nil for
// an unknown code.
func (t *Table) SearchFor(externalCode string, limit int) []Candidate {
	e, ok := t.External(externalCode)
	if !ok {
		return nil
	}
	if c := t.Search(e.Code, limit); len(c) > 0 && c[0].By == MatchCodeExact {
		return c
	}
	return t.Search(e.Name, limit)
}

func match(it indexedItem, q string, words []string) MatchKind {
	switch {
	case it.code == q:
		return MatchCodeExact
	case it.mnemonic != "" && it.mnemonic == q:
		return MatchMnemonicExact
	case strings.HasPrefix(it.code, q):
		return MatchCodePrefix
	case it.mnemonic != "" && strings.HasPrefix(it.mnemonic, q):
		return MatchMnemonicPrefix
	}
	for _, w := range words {
		if !strings.Contains(it.name, w) && !strings.Contains(it.code, w) && !strings.Contains(it.mnemonic, w) {
			return 0
		}
	}
	return MatchKeyword
}

// fold lower-cases s and turns full-width ASCII (Ｍａｇｉｃ６, the
// ideographic space) into its half-width form.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return ' '
		case r >= '\uff01' && r <= '\uff5e':
			r -= 0xfee0
		}
		return unicode.ToLower(r)
	}, strings.TrimSpace(s))
}
