package psi

import (
	"context"
	"slices"
	"strconv"
	"sync"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
)

// LogQuery chooses the entries LoadEntries returns; its zero value chooses
// the whole log.
type LogQuery struct {
	// Day, when set, keeps the entries of that batch day.
	Day duijie.Date
	// Statuses, when not empty, keeps the entries in one of these states.
	Statuses []Status
}

// Match reports whether the query chooses e.
func (q LogQuery) Match(e *Entry) bool {
	return (q.Day.IsZero() || e.Day == q.Day) && (len(q.Statuses) == 0 || slices.Contains(q.Statuses, e.Status))
}

// LogStore keeps the PSI upload log (荣耀PSI上传日志) between runs: one
// entry per record key (document number and serial), in the order the keys
// were first saved, which is the log order Apply and Reupload keep.
// Implementations are safe for concurrent use.
//
// A nightly run loads the day's entries, adds NewEntries for the batch's
// records not in it, and saves what Apply returns after each upload call;
// a re-upload (补传) loads the entries Reupload should look at.
type LogStore interface {
	// SaveEntries stores the entries: each replaces the entry with the
	// same record key, keeping its place in the log, and a new key goes to
	// the end. All are stored or none. entries must pass CheckEntries.
	SaveEntries(ctx context.Context, entries ...Entry) error
	// LoadEntries returns the entries the query chooses, in log order.
	LoadEntries(ctx context.Context, q LogQuery) ([]Entry, error)
}

// CheckEntries checks entries to be saved: each needs its record's
// document number and serial, the record key. Every LogStore refuses what
// it refuses, with the SDK's validation error (duijie.ValidationError).
func CheckEntries(entries []Entry) error {
	for i, e := range entries {
		at := "entries[" + strconv.Itoa(i) + "].Record."
		switch {
		case e.Record.DocNo == "":
			return duijie.Invalid("psi", at+"DocNo", duijie.RuleRequired, "")
		case e.Record.Serial == "":
			return duijie.Invalid("psi", at+"Serial", duijie.RuleRequired, "")
		}
	}
	return nil
}

// MemoryLog is a LogStore in memory, for tests and single-process tools.
// Its zero value is ready; it is safe for concurrent use.
type MemoryLog struct {
	mu      sync.Mutex
	entries []Entry
	pos     map[honor.PSIKey]int
}

// SaveEntries stores copies of the entries.
func (l *MemoryLog) SaveEntries(_ context.Context, entries ...Entry) error {
	if err := CheckEntries(entries); err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.pos == nil {
		l.pos = map[honor.PSIKey]int{}
	}
	for _, e := range entries {
		if i, ok := l.pos[e.Key()]; ok {
			l.entries[i] = e
			continue
		}
		l.pos[e.Key()] = len(l.entries)
		l.entries = append(l.entries, e)
	}
	return nil
}

// LoadEntries returns copies of the chosen entries in log order.
func (l *MemoryLog) LoadEntries(_ context.Context, q LogQuery) ([]Entry, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []Entry
	for i := range l.entries {
		if q.Match(&l.entries[i]) {
			out = append(out, l.entries[i])
		}
	}
	return out, nil
}
