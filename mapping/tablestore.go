package mapping

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/duijie/duijie"
)

// TableState is what is kept of one correspondence table between runs: the
// synced external list with the time of its last sync (the settings
// screen's "last synced", 最后同步时间) and the choices a person saved.
// The host's own items are the host's records and are not kept with it.
type TableState struct {
	// Synced is the external list of the last sync, sorted by code, one
	// entry per code.
	Synced []External
	// SyncedAt is when the last sync ran; zero when it never did.
	SyncedAt time.Time
	// Choices are the saved correspondences, sorted by external code.
	Choices []Choice
}

// Table builds the table of the given kind from the state and the host's
// items, as NewTable does.
func (s TableState) Table(kind Kind, items []Item) (*Table, error) {
	return NewTable(kind, s.Synced, items, s.Choices)
}

// TableStore keeps correspondence tables by name, e.g. "honor-goods" and
// "honor-customers". A sync replaces a table's external list and leaves its
// choices; saving choices leaves the list. Implementations are safe for
// concurrent use.
type TableStore interface {
	// LoadTable returns the table's state, and false when nothing was ever
	// saved under the name.
	LoadTable(ctx context.Context, name string) (TableState, bool, error)
	// SaveSynced replaces the table's external list with synced and its
	// last-synced time with at, keeping its choices. A later entry with
	// the same code replaces an earlier one, as in NewTable. synced must
	// pass CheckSynced.
	SaveSynced(ctx context.Context, name string, synced []External, at time.Time) error
	// SaveChoices applies choices in order, as Table.Choose does: a choice
	// replaces any earlier one for its external code, and an empty ERP code
	// removes the correspondence. All are applied or none. choices must
	// pass CheckChoices.
	SaveChoices(ctx context.Context, name string, choices ...Choice) error
}

// CheckSynced checks a table name and a synced list to be saved: the name
// and every code are required. Every TableStore refuses what it refuses,
// with its *ValidationError.
func CheckSynced(name string, synced []External) error {
	if name == "" {
		return invalid("name", duijie.RuleRequired, "the table's name")
	}
	for i, e := range synced {
		if e.Code == "" {
			return invalid("synced["+strconv.Itoa(i)+"].Code", duijie.RuleRequired, "")
		}
	}
	return nil
}

// CheckChoices checks a table name and choices to be saved: the name and
// every external code are required (an empty ERP code removes a choice).
// Every TableStore refuses what it refuses, with its *ValidationError.
func CheckChoices(name string, choices []Choice) error {
	if name == "" {
		return invalid("name", duijie.RuleRequired, "the table's name")
	}
	for i, c := range choices {
		if c.External == "" {
			return invalid("choices["+strconv.Itoa(i)+"].External", duijie.RuleRequired, "")
		}
	}
	return nil
}

// MemoryTables is a TableStore in memory, for tests and single-process
// tools. Its zero value is ready; it is safe for concurrent use.
type MemoryTables struct {
	mu sync.Mutex
	m  map[string]*memTable
}

type memTable struct {
	synced   map[string]External
	syncedAt time.Time
	choices  map[string]string
}

// LoadTable returns a copy of the table's state.
func (s *MemoryTables) LoadTable(_ context.Context, name string) (TableState, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.m[name]
	if !ok {
		return TableState{}, false, nil
	}
	st := TableState{SyncedAt: t.syncedAt}
	for _, e := range t.synced {
		st.Synced = append(st.Synced, e)
	}
	slices.SortFunc(st.Synced, func(a, b External) int { return strings.Compare(a.Code, b.Code) })
	for k, v := range t.choices {
		st.Choices = append(st.Choices, Choice{External: k, ERP: v})
	}
	slices.SortFunc(st.Choices, func(a, b Choice) int { return strings.Compare(a.External, b.External) })
	return st, true, nil
}

// SaveSynced replaces the table's external list and last-synced time.
func (s *MemoryTables) SaveSynced(_ context.Context, name string, synced []External, at time.Time) error {
	if err := CheckSynced(name, synced); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.table(name)
	t.synced = make(map[string]External, len(synced))
	for _, e := range synced {
		t.synced[e.Code] = e
	}
	t.syncedAt = at
	return nil
}

// SaveChoices applies the choices in order.
func (s *MemoryTables) SaveChoices(_ context.Context, name string, choices ...Choice) error {
	if err := CheckChoices(name, choices); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.table(name)
	for _, c := range choices {
		if c.ERP == "" {
			delete(t.choices, c.External)
			continue
		}
		t.choices[c.External] = c.ERP
	}
	return nil
}

// table returns the named table, creating it; s.mu is held.
func (s *MemoryTables) table(name string) *memTable {
	if s.m == nil {
		s.m = map[string]*memTable{}
	}
	t, ok := s.m[name]
	if !ok {
		t = &memTable{synced: map[string]External{}, choices: map[string]string{}}
		s.m[name] = t
	}
	return t
}
