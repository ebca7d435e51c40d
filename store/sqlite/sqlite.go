// Package sqlite keeps the SDK's state in one embedded SQLite file, through
// modernc.org/sqlite (pure Go, no cgo): sync checkpoints, Jushuitan tokens
// and their lock, leases on sync schemes, the PSI upload log, the VF order states and the
// correspondence tables with their last-synced time.
//
// Open creates the file when it is missing and migrates its schema to the
// current version. One *Store is safe for the goroutines of a process; open
// it once and share it. Several processes may open the same file: SQLite's
// file locks keep their writes apart, and the token lock is a lease that
// holds across processes (see Tokens.LockToken).
//
//	st, err := sqlite.Open("duijie.db")
//	...
//	defer st.Close()
//	sync := &mapping.Sync[honor.VFOrder]{Store: st.Checkpoints(), ...}
//	jst, err := jushuitan.NewClient(jushuitan.Config{AppKey: k, AppSecret: sec, TokenStore: st.Tokens()})
//
// The file holds access and refresh tokens: a new file is created readable
// and writable by its owner only (0600).
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	driver "modernc.org/sqlite" // and the "sqlite" database/sql driver

	"github.com/duijie/duijie/store/internal/column"
)

// Defaults of the options.
const (
	// DefaultBusyTimeout is how long a write waits for another process's
	// write to the same file before failing.
	DefaultBusyTimeout = 30 * time.Second
	// DefaultTokenLease is how long a token lock is held at most: a lock
	// left by a process that died is taken over after it.
	DefaultTokenLease = 5 * time.Minute
)

// Option changes a Store's settings.
type Option func(*Store)

// WithBusyTimeout sets how long a write waits for another process's write
// to the same file (SQLite's busy_timeout); DefaultBusyTimeout by default.
func WithBusyTimeout(d time.Duration) Option { return func(s *Store) { s.busy = d } }

// WithTokenLease sets how long a token lock holds at most before another
// process may take it over; DefaultTokenLease by default. It must be longer
// than any token renewal (one token call with its store reads and writes).
func WithTokenLease(d time.Duration) Option { return func(s *Store) { s.lease = d } }

// WithClock sets the clock the token lease and the leases (Store.Leases)
// are measured with; time.Now by default. Processes sharing a file must share a clock.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// Store is the state of the SDK in one SQLite file. Its methods return
// views, each implementing one of the SDK's state interfaces; all views of
// a Store share its connections. It is safe for concurrent use.
type Store struct {
	db    *sql.DB
	wsem  chan struct{} // one write transaction of this Store at a time
	busy  time.Duration
	lease time.Duration
	now   func() time.Time

	lmu   sync.Mutex
	locks map[string]chan struct{} // token locks of this process, by app key
}

// Open opens the SQLite file at path, creating it (mode 0600) when it is
// missing, and migrates its schema to the current version. The file's
// journal is WAL, so readers never wait for a writer. Opening the same file
// twice, in one process or several, is safe.
func Open(path string, opts ...Option) (*Store, error) {
	if path == "" {
		return nil, errors.New("store/sqlite: the database file's path is required")
	}
	s := &Store{wsem: make(chan struct{}, 1), busy: DefaultBusyTimeout, lease: DefaultTokenLease, now: time.Now,
		locks: map[string]chan struct{}{}}
	for _, o := range opts {
		o(s)
	}
	if s.busy < 0 || s.lease <= 0 || s.now == nil {
		return nil, errors.New("store/sqlite: the busy timeout must not be negative, the token lease must be positive and the clock set")
	}
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600); err != nil {
		return nil, fmt.Errorf("store/sqlite: %w", err)
	} else if err := f.Close(); err != nil {
		return nil, fmt.Errorf("store/sqlite: %w", err)
	}
	dsn := "file:" + escapePath(path) + "?_txlock=immediate&_busy_timeout=" + strconv.FormatInt(s.busy.Milliseconds(), 10) +
		"&_foreign_keys=1"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store/sqlite: %w", err)
	}
	s.db = db
	if err := s.useWAL(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// useWAL puts the file in WAL mode (it stays so). Processes switching a
// new file at once may be refused at once (SQLite does not wait where
// waiting could deadlock), so a refusal is tried again, up to the busy
// timeout.
func (s *Store) useWAL(ctx context.Context) error {
	start := time.Now()
	for wait := time.Millisecond; ; wait = min(2*wait, 100*time.Millisecond) {
		var mode string
		err := s.db.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode)
		switch {
		case err == nil && strings.EqualFold(mode, "wal"):
			return nil
		case err == nil:
			return fmt.Errorf("store/sqlite: the file's journal stays %q, WAL is needed", mode)
		case !busy(err) || time.Since(start) > s.busy:
			return wrap("journal mode", err)
		}
		time.Sleep(wait)
	}
}

// busy reports whether err is SQLite's "database is locked" (SQLITE_BUSY).
func busy(err error) bool {
	var e *driver.Error
	return errors.As(err, &e) && e.Code()&0xff == 5
}

// escapePath writes path as the file part of an SQLite URI filename.
func escapePath(path string) string {
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		switch c := path[i]; c {
		case '%', '?', '#':
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Close closes the file. A token lock still held by this Store is left to
// its lease.
func (s *Store) Close() error { return s.db.Close() }

// write runs f in one write transaction (BEGIN IMMEDIATE), one at a time
// in this Store; other processes wait on the file's lock up to the busy
// timeout. f's error is returned as it is.
func (s *Store) write(ctx context.Context, f func(tx *sql.Tx) error) error {
	select {
	case s.wsem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.wsem }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store/sqlite: begin: %w", err)
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store/sqlite: commit: %w", err)
	}
	return nil
}

// wrap names the store in a database error.
func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("store/sqlite: %s: %w", what, err)
}

// decTime reads a time column, naming the store in its error.
func decTime(s string) (time.Time, error) {
	t, err := column.ParseTime(s)
	return t, wrap("read", err)
}
