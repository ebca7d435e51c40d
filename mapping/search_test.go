package mapping

import (
	"reflect"
	"testing"
)

func TestSearch(t *testing.T) {
	tb := goodsTable(t)
	type hit struct {
		code string
		by   MatchKind
	}
	cases := []struct {
		name  string
		query string
		limit int
		want  []hit
	}{
		{"ERP code exact", "SP002", 0, []hit{{"SP002", MatchCodeExact}}},
		{"ERP code any case", "sp002", 0, []hit{{"SP002", MatchCodeExact}}},
		{"ERP code prefix", "SP00", 0, []hit{{"SP001", MatchCodePrefix}, {"SP002", MatchCodePrefix}}},
		{"mnemonic exact", "ryx50", 0, []hit{{"SP002", MatchMnemonicExact}}},
		{"mnemonic prefix", "RY", 0, []hit{{"SP001", MatchMnemonicPrefix}, {"SP002", MatchMnemonicPrefix}, {"SP010", MatchMnemonicPrefix}}},
		{"keyword in name", "星钻", 0, []hit{{"SP010", MatchKeyword}}},
		{"every word must match", "荣耀 512", 0, []hit{{"SP010", MatchKeyword}}},
		{"full-width query", "ＭＡＧＩＣ６", 0, []hit{{"SP001", MatchKeyword}}},
		{"exact ranks before keyword", "hwmate60", 0, []hit{{"XP001", MatchMnemonicExact}}},
		{"code exact before prefix and keyword", "SP001", 0, []hit{{"SP001", MatchCodeExact}}},
		{"limit", "荣耀", 2, []hit{{"SP001", MatchKeyword}, {"SP002", MatchKeyword}}},
		{"nothing", "小米", 0, nil},
		{"empty query", "  ", 0, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []hit
			for _, cand := range tb.Search(c.query, c.limit) {
				got = append(got, hit{cand.Code, cand.By})
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Search(%q) = %v, want %v", c.query, got, c.want)
			}
		})
	}
}

func TestSearchShowsExistingChoices(t *testing.T) {
	tb := goodsTable(t)
	got := tb.Search("SP001", 0)
	if len(got) != 1 || !reflect.DeepEqual(got[0].Chosen, []string{"HM-M6"}) {
		t.Errorf("Search(SP001) = %+v, want it chosen for HM-M6", got)
	}
}

func TestSearchFor(t *testing.T) {
	tb := goodsTable(t)
	got := tb.SearchFor("HM-X50", 5)
	if len(got) == 0 || got[0].Code != "SP002" {
		t.Errorf("SearchFor(HM-X50) = %+v, want SP002 first", got)
	}
	if tb.SearchFor("unknown", 5) != nil {
		t.Error("SearchFor of an unknown code should be nil")
	}
	// An external code that equals an ERP code is offered first.
	tb2, err := NewTable(KindGoods, []External{{Code: "SP010", Name: "whatever"}}, []Item{{Code: "SP010", Name: "荣耀90"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := tb2.SearchFor("SP010", 5); len(got) != 1 || got[0].By != MatchCodeExact {
		t.Errorf("SearchFor(SP010) = %+v", got)
	}
}

func TestMatchKindString(t *testing.T) {
	for k, want := range map[MatchKind]string{MatchCodeExact: "code", MatchMnemonicExact: "mnemonic",
		MatchCodePrefix: "code prefix", MatchMnemonicPrefix: "mnemonic prefix", MatchKeyword: "keyword", 0: "none"} {
		if k.String() != want {
			t.Errorf("%d.String() = %q, want %q", k, k.String(), want)
		}
	}
}
