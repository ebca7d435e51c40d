package storetest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/mapping"
)

// TestTableStore runs the suite of mapping.TableStore: missing tables, the
// synced list kept sorted with one entry per code and its last-synced time,
// choices applied in order (an empty ERP code removes one), a sync that
// keeps the choices, choices saved before any sync, what CheckSynced and
// CheckChoices refuse with nothing stored, names apart, TableState.Table,
// and concurrent saves from two handles, none lost.
func TestTableStore(t *testing.T, open Opener[mapping.TableStore]) {
	at := time.Date(2024, 3, 1, 8, 0, 0, 42, cst)
	goods := []mapping.External{
		{Code: "HW-P60", Name: "荣耀 Magic6 旧名", Detail: "BVL-AN00"},
		{Code: "HW-A1", Name: "荣耀 X50", Detail: "ALI-AN00 黑 8+256"},
		{Code: "HW-P60", Name: "荣耀 Magic6", Detail: "BVL-AN00 绿"},
	}
	wantGoods := []mapping.External{goods[1], goods[2]}
	load := func(t *testing.T, s mapping.TableStore, name string) mapping.TableState {
		t.Helper()
		st, ok, err := s.LoadTable(ctx(t), name)
		if err != nil || !ok {
			t.Fatalf("LoadTable(%q) = %v, %v", name, ok, err)
		}
		return st
	}
	sameList := func(t *testing.T, what string, got, want any) {
		t.Helper()
		if g, w := jsonOf(t, got), jsonOf(t, want); g != w {
			t.Errorf("%s = %s, want %s", what, g, w)
		}
	}

	t.Run("missing", func(t *testing.T) {
		st, ok, err := open(t)().LoadTable(ctx(t), "honor-goods")
		if err != nil || ok || len(st.Synced) != 0 || len(st.Choices) != 0 || !st.SyncedAt.IsZero() {
			t.Fatalf("LoadTable = %+v, %v, %v; want zero, false, nil", st, ok, err)
		}
	})

	t.Run("synced list and time", func(t *testing.T) {
		h := open(t)
		a, b := h(), h()
		if err := a.SaveSynced(ctx(t), "honor-goods", goods, at); err != nil {
			t.Fatal(err)
		}
		for _, s := range []mapping.TableStore{a, b} {
			st := load(t, s, "honor-goods")
			sameList(t, "Synced", st.Synced, wantGoods)
			sameTime(t, "SyncedAt", st.SyncedAt, at)
			if len(st.Choices) != 0 {
				t.Errorf("Choices = %v, want none", st.Choices)
			}
		}
	})

	t.Run("choices in order", func(t *testing.T) {
		s := open(t)()
		if err := s.SaveSynced(ctx(t), "honor-goods", goods, at); err != nil {
			t.Fatal(err)
		}
		err := s.SaveChoices(ctx(t), "honor-goods",
			mapping.Choice{External: "HW-P60", ERP: "SP-1"}, mapping.Choice{External: "HW-A1", ERP: "SP-2"},
			mapping.Choice{External: "HW-P60", ERP: "SP-3"}, mapping.Choice{External: "never-mapped", ERP: ""},
			mapping.Choice{External: "HW-GONE", ERP: "SP-9"})
		if err != nil {
			t.Fatal(err)
		}
		sameList(t, "Choices", load(t, s, "honor-goods").Choices, []mapping.Choice{{External: "HW-A1", ERP: "SP-2"}, {External: "HW-GONE", ERP: "SP-9"}, {External: "HW-P60", ERP: "SP-3"}})
		if err := s.SaveChoices(ctx(t), "honor-goods", mapping.Choice{External: "HW-A1"}); err != nil {
			t.Fatal(err)
		}
		st := load(t, s, "honor-goods")
		sameList(t, "Choices", st.Choices, []mapping.Choice{{External: "HW-GONE", ERP: "SP-9"}, {External: "HW-P60", ERP: "SP-3"}})
		sameList(t, "Synced", st.Synced, wantGoods)
		sameTime(t, "SyncedAt", st.SyncedAt, at)
	})

	t.Run("a sync keeps the choices", func(t *testing.T) {
		s := open(t)()
		if err := s.SaveSynced(ctx(t), "honor-goods", goods, at); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveChoices(ctx(t), "honor-goods", mapping.Choice{External: "HW-P60", ERP: "SP-1"}); err != nil {
			t.Fatal(err)
		}
		next := []mapping.External{{Code: "HW-Z9", Name: "新型号"}}
		if err := s.SaveSynced(ctx(t), "honor-goods", next, at.Add(5*time.Minute)); err != nil {
			t.Fatal(err)
		}
		st := load(t, s, "honor-goods")
		sameList(t, "Synced", st.Synced, next)
		sameTime(t, "SyncedAt", st.SyncedAt, at.Add(5*time.Minute))
		sameList(t, "Choices", st.Choices, []mapping.Choice{{External: "HW-P60", ERP: "SP-1"}})
		if err := s.SaveSynced(ctx(t), "honor-goods", nil, at.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		st = load(t, s, "honor-goods")
		if len(st.Synced) != 0 || len(st.Choices) != 1 {
			t.Errorf("after an empty sync: Synced %v, Choices %v", st.Synced, st.Choices)
		}
		sameTime(t, "SyncedAt", st.SyncedAt, at.Add(time.Hour))
	})

	t.Run("choices before any sync", func(t *testing.T) {
		s := open(t)()
		if err := s.SaveChoices(ctx(t), "honor-customers", mapping.Choice{External: "C001", ERP: "KH-001"}); err != nil {
			t.Fatal(err)
		}
		st := load(t, s, "honor-customers")
		if len(st.Synced) != 0 || !st.SyncedAt.IsZero() {
			t.Errorf("never synced: Synced %v, SyncedAt %v; want none and zero", st.Synced, st.SyncedAt)
		}
		sameList(t, "Choices", st.Choices, []mapping.Choice{{External: "C001", ERP: "KH-001"}})
	})

	t.Run("refused", func(t *testing.T) {
		s := open(t)()
		if err := s.SaveSynced(ctx(t), "honor-goods", goods, at); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveChoices(ctx(t), "honor-goods", mapping.Choice{External: "HW-P60", ERP: "SP-1"}); err != nil {
			t.Fatal(err)
		}
		for name, err := range map[string]error{
			"sync without a name":     s.SaveSynced(ctx(t), "", goods, at),
			"sync with an empty code": s.SaveSynced(ctx(t), "honor-goods", []mapping.External{{Code: "NEW"}, {Name: "no code"}}, at.Add(time.Hour)),
			"choices without a name":  s.SaveChoices(ctx(t), "", mapping.Choice{External: "HW-P60", ERP: "SP-2"}),
			"choice without a code":   s.SaveChoices(ctx(t), "honor-goods", mapping.Choice{External: "HW-A1", ERP: "SP-2"}, mapping.Choice{ERP: "SP-3"}),
		} {
			var ve *duijie.ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("%s = %v, want a *ValidationError", name, err)
			}
		}
		st := load(t, s, "honor-goods")
		sameList(t, "Synced", st.Synced, wantGoods)
		sameTime(t, "SyncedAt", st.SyncedAt, at)
		sameList(t, "Choices", st.Choices, []mapping.Choice{{External: "HW-P60", ERP: "SP-1"}})
		if _, ok, err := s.LoadTable(ctx(t), ""); ok || err != nil {
			t.Errorf("the nameless table = %v, %v; want missing", ok, err)
		}
	})

	t.Run("names apart and Table", func(t *testing.T) {
		s := open(t)()
		if err := s.SaveSynced(ctx(t), "honor-goods", goods, at); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveChoices(ctx(t), "honor-goods", mapping.Choice{External: "HW-P60", ERP: "SP-1"}); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveChoices(ctx(t), "shop-goods", mapping.Choice{External: "HW-P60", ERP: "JST-1"}); err != nil {
			t.Fatal(err)
		}
		table, err := load(t, s, "honor-goods").Table(mapping.KindGoods, []mapping.Item{{Code: "SP-1", Name: "荣耀 Magic6 绿"}})
		if err != nil {
			t.Fatal(err)
		}
		if erp, ok := table.Lookup("HW-P60"); !ok || erp != "SP-1" {
			t.Errorf("Lookup(HW-P60) = %q, %v; want SP-1", erp, ok)
		}
		if synced, matched := table.Stats(); synced != 2 || matched != 1 {
			t.Errorf("Stats = %d, %d; want 2, 1", synced, matched)
		}
		sameList(t, "shop-goods", load(t, s, "shop-goods").Choices, []mapping.Choice{{External: "HW-P60", ERP: "JST-1"}})
	})

	t.Run("concurrent", func(t *testing.T) {
		h := open(t)
		handles := []mapping.TableStore{h(), h()}
		c := ctx(t)
		const workers, each = 6, 5
		var wg sync.WaitGroup
		errs := make(chan error, workers*each+1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- handles[1].SaveSynced(c, "honor-goods", goods, at)
		}()
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s := handles[w%len(handles)]
				for i := range each {
					errs <- s.SaveChoices(c, "honor-goods", mapping.Choice{External: fmt.Sprintf("E-%d-%d", w, i), ERP: fmt.Sprintf("SP-%d-%d", w, i)})
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		st := load(t, handles[0], "honor-goods")
		if len(st.Choices) != workers*each {
			t.Fatalf("%d choices kept, want %d", len(st.Choices), workers*each)
		}
		if !slices.IsSortedFunc(st.Choices, func(a, b mapping.Choice) int { return strings.Compare(a.External, b.External) }) {
			t.Errorf("Choices not sorted: %v", st.Choices)
		}
		sameList(t, "Synced", st.Synced, wantGoods)
	})
}
