package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// schema lists the migrations: schema[i] takes the file from version i to
// version i+1. A released migration is never changed; a new version is a
// new entry at the end.
var schema = [][]string{
	{ // version 1
		`CREATE TABLE checkpoints (
			scheme     TEXT PRIMARY KEY,
			checkpoint TEXT NOT NULL -- mapping.Checkpoint as JSON
		)`,
		`CREATE TABLE tokens (
			app_key       TEXT PRIMARY KEY,
			access_token  TEXT NOT NULL,
			refresh_token TEXT NOT NULL,
			expires_at    TEXT NOT NULL,
			scope         TEXT NOT NULL
		)`,
		`CREATE TABLE token_locks (
			app_key    TEXT PRIMARY KEY,
			owner      TEXT NOT NULL,
			expires_at TEXT NOT NULL
		)`,
		`CREATE TABLE psi_log (
			seq         INTEGER PRIMARY KEY AUTOINCREMENT, -- log order
			doc_no      TEXT NOT NULL,
			serial      TEXT NOT NULL,
			day         INTEGER NOT NULL, -- yyyymmdd, 0 when none
			status      TEXT NOT NULL,
			attempts    INTEGER NOT NULL,
			uploaded_at TEXT NOT NULL,
			replaced    INTEGER NOT NULL,
			code        TEXT NOT NULL,
			message     TEXT NOT NULL,
			record      TEXT NOT NULL, -- honor.PSIRecord as JSON
			UNIQUE (doc_no, serial)
		)`,
		`CREATE INDEX psi_log_day ON psi_log (day, status)`,
		`CREATE INDEX psi_log_status ON psi_log (status)`,
		`CREATE TABLE vf_orders (
			source_no         TEXT PRIMARY KEY,
			taken_at          TEXT NOT NULL,
			wholesale_order   TEXT NOT NULL, -- mapping.WholesaleOrder as JSON
			feedback_status   TEXT NOT NULL,
			feedback_at       TEXT NOT NULL,
			feedback_attempts INTEGER NOT NULL,
			feedback_ref      TEXT NOT NULL,
			feedback_message  TEXT NOT NULL,
			upload_status     TEXT NOT NULL,
			upload_at         TEXT NOT NULL,
			upload_attempts   INTEGER NOT NULL,
			upload_ref        TEXT NOT NULL,
			upload_message    TEXT NOT NULL
		)`,
		`CREATE INDEX vf_orders_taken ON vf_orders (taken_at)`,
		`CREATE TABLE mapping_tables (
			name      TEXT PRIMARY KEY,
			synced_at TEXT NOT NULL
		)`,
		`CREATE TABLE mapping_externals (
			name   TEXT NOT NULL REFERENCES mapping_tables (name),
			code   TEXT NOT NULL,
			title  TEXT NOT NULL,
			detail TEXT NOT NULL,
			PRIMARY KEY (name, code)
		) WITHOUT ROWID`,
		`CREATE TABLE mapping_choices (
			name     TEXT NOT NULL REFERENCES mapping_tables (name),
			external TEXT NOT NULL,
			erp      TEXT NOT NULL,
			PRIMARY KEY (name, external)
		) WITHOUT ROWID`,
	},
	{ // version 2
		`CREATE TABLE push_claims (
			id         TEXT PRIMARY KEY, -- hash of an accepted signature
			expires_at TEXT NOT NULL
		) WITHOUT ROWID`,
		`CREATE INDEX push_claims_expires ON push_claims (expires_at)`,
		`CREATE TABLE push_outcomes (
			shop   TEXT NOT NULL,
			tid    TEXT NOT NULL,
			hash   TEXT NOT NULL,
			ok     INTEGER NOT NULL,
			reason TEXT NOT NULL,
			at     TEXT NOT NULL,
			PRIMARY KEY (shop, tid)
		) WITHOUT ROWID`,
		`CREATE TABLE documents (
			flow       TEXT NOT NULL,
			doc_no     TEXT NOT NULL,
			status     TEXT NOT NULL,
			ref        TEXT NOT NULL,
			message    TEXT NOT NULL,
			attempts   INTEGER NOT NULL,
			updated_at TEXT NOT NULL,
			PRIMARY KEY (flow, doc_no)
		) WITHOUT ROWID`,
	},
	{ // version 3
		`CREATE TABLE leases (
			name       TEXT PRIMARY KEY, -- e.g. a sync scheme
			owner      TEXT NOT NULL,    -- '' when released
			fence      INTEGER NOT NULL, -- grows with every holding, never reused
			expires_us INTEGER NOT NULL  -- Unix microseconds by the store's clock, 0 when released
		) WITHOUT ROWID`,
	},
}

// SchemaVersion is the schema version this package writes.
func SchemaVersion() int { return len(schema) }

// migrate brings the file to the current schema version in one write
// transaction per version. It is idempotent, and two processes opening a
// new file at once apply each version once: the write transaction holds
// the file's lock while the version is read and raised.
func (s *Store) migrate(ctx context.Context) error {
	if err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`)
		return wrap("migrate", err)
	}); err != nil {
		return err
	}
	for {
		done := false
		err := s.write(ctx, func(tx *sql.Tx) error {
			v, err := version(ctx, tx)
			if err != nil {
				return err
			}
			switch {
			case v > len(schema):
				return fmt.Errorf("store/sqlite: the file has schema version %d, newer than this package's %d: use a newer release", v, len(schema))
			case v == len(schema):
				done = true
				return nil
			}
			for _, stmt := range schema[v] {
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return wrap(fmt.Sprintf("migrate to version %d", v+1), err)
				}
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM schema_version`); err != nil {
				return wrap("migrate", err)
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (?)`, v+1)
			return wrap("migrate", err)
		})
		if err != nil || done {
			return err
		}
	}
}

// version reads the schema version; 0 for a new file.
func version(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return v, wrap("schema version", err)
}
