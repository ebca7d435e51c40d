// Package postgres keeps the SDK's state in PostgreSQL, through
// github.com/jackc/pgx/v5, for many instances sharing one database: sync
// checkpoints, Jushuitan tokens and their lock, the PSI upload log, the VF
// order states, the correspondence tables with their last-synced time, and
// leases on sync schemes.
//
// Open connects and migrates the store's schema (a PostgreSQL schema,
// "duijie" by default, see WithSchema) to the current version; New does the
// same on a pool the caller owns. Migrations are in the package, one
// transaction per version, and processes migrating at once apply each
// version once.
//
//	st, err := postgres.Open(ctx, "postgres://erp@db.internal/erp")
//	...
//	defer st.Close()
//	sync := &mapping.Sync[honor.VFOrder]{Store: st.Checkpoints(), Leases: st.Leases(),
//		Owner: workerID, LeaseTTL: 30 * time.Second, ...}
//	jst, err := jushuitan.NewClient(jushuitan.Config{AppKey: k, AppSecret: sec, TokenStore: st.Tokens()})
//
// Times are kept exactly, to the nanosecond, as fixed-width UTC text whose
// order is the time order; leases are measured in microseconds with the
// database server's clock unless WithClock gives one. The tables hold
// access and refresh tokens: grant them as you would the tokens.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/duijie/duijie/store/internal/fencedlock"

	"github.com/duijie/duijie/store/internal/column"
)

// Defaults of the options.
const (
	// DefaultSchema is the PostgreSQL schema the store's tables live in.
	DefaultSchema = "duijie"
	// DefaultTokenLease is how long a token lock is held at most: a lock
	// left by a process that died (or stalled) is taken over after it.
	DefaultTokenLease = 5 * time.Minute
)

// ErrFenced is returned by Tokens.Save when the token was saved meanwhile
// under a newer holding of the token lock: this holder's lease ran out and
// another process renewed the token, which is kept.
var ErrFenced = errors.New("store/postgres: a newer holder of the token lock saved the token; this one is not saved")

// Option changes a Store's settings.
type Option func(*Store)

// WithSchema sets the PostgreSQL schema of the store's tables, created when
// missing; DefaultSchema by default. Stores with different schemas in one
// database are apart.
func WithSchema(name string) Option { return func(s *Store) { s.schema = name } }

// WithTokenLease sets how long a token lock holds at most before another
// process may take it over; DefaultTokenLease by default. A holder that
// stalls past it cannot overwrite a token saved under a newer holding (see
// Tokens.Save).
func WithTokenLease(d time.Duration) Option { return func(s *Store) { s.lease = d } }

// WithClock sets the clock leases and the token lock are measured with. By
// default it is the database server's clock, which all processes share; a
// clock given here must be shared by every process using the schema.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// Store is the SDK's state in one PostgreSQL schema. Its methods return
// views, each implementing one of the SDK's state interfaces; all views of
// a Store share its pool. It is safe for concurrent use.
type Store struct {
	pool   *pgxpool.Pool
	owned  bool // Close closes the pool
	schema string
	prefix string // the quoted schema and a dot
	lease  time.Duration
	now    func() time.Time // nil: the server's clock

	locks fencedlock.Locks // token locks of this Store, by app key
}

// Open connects to the database the connection string names (a URL or
// key=value pairs, as pgx reads them) and migrates the store's schema.
// Close closes the connections.
func Open(ctx context.Context, conn string, opts ...Option) (*Store, error) {
	pool, err := pgxpool.New(ctx, conn)
	if err != nil {
		return nil, wrap("connect", err)
	}
	s, err := New(ctx, pool, opts...)
	if err != nil {
		pool.Close()
		return nil, err
	}
	s.owned = true
	return s, nil
}

// New returns a Store on the caller's pool and migrates its schema. Close
// leaves the pool open.
func New(ctx context.Context, pool *pgxpool.Pool, opts ...Option) (*Store, error) {
	if pool == nil {
		return nil, errors.New("store/postgres: the connection pool is required")
	}
	s := &Store{pool: pool, schema: DefaultSchema, lease: DefaultTokenLease}
	for _, o := range opts {
		o(s)
	}
	if s.schema == "" || s.lease < time.Microsecond {
		return nil, errors.New("store/postgres: the schema is required and the token lease must be at least a microsecond")
	}
	s.prefix = pgx.Identifier{s.schema}.Sanitize() + "."
	if err := s.migrate(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// Close closes the pool Open made; a pool given to New is left open.
func (s *Store) Close() {
	if s.owned {
		s.pool.Close()
	}
}

// q returns the statement with its tables in the store's schema: the
// statements name them "duijie.table".
func (s *Store) q(stmt string) string { return strings.ReplaceAll(stmt, "duijie.", s.prefix) }

// tx runs f in one transaction; f's error is returned as it is.
func (s *Store) tx(ctx context.Context, opts pgx.TxOptions, f func(tx pgx.Tx) error) error {
	tx, err := s.pool.BeginTx(ctx, opts)
	if err != nil {
		return wrap("begin", err)
	}
	if err := f(tx); err != nil {
		tx.Rollback(context.WithoutCancel(ctx))
		return err
	}
	return wrap("commit", tx.Commit(ctx))
}

// lockKey takes a transaction-scoped advisory lock on a name within the
// store's schema, for updates that must not interleave.
func (s *Store) lockKey(ctx context.Context, tx pgx.Tx, name string) error {
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, strconv.Itoa(len(s.schema))+":"+s.schema+name)
	return wrap("lock", err)
}

// nowArg is the statement argument for "now": the store's clock in
// microseconds, or NULL for the server's clock.
func (s *Store) nowArg() *int64 {
	if s.now == nil {
		return nil
	}
	us := s.now().UnixMicro()
	return &us
}

// serverNow is the SQL of the server's clock in microseconds.
const serverNow = `(extract(epoch from clock_timestamp()) * 1000000)::bigint`

// wrap names the store in a database error.
func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("store/postgres: %s: %w", what, err)
}

// decTime reads a time column, naming the store in its error.
func decTime(s string) (time.Time, error) {
	t, err := column.ParseTime(s)
	return t, wrap("read", err)
}
