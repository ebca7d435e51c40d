package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// migrations lists the schema's versions: migrations[i] takes it from
// version i to version i+1. A released migration is never changed; a new
// version is a new entry at the end. Tables are named "duijie.table" and
// land in the store's schema.
var migrations = [][]string{
	{ // version 1
		// Texts that are ordered or compared by range (codes, order
		// numbers, times) compare byte by byte, whatever the database's
		// locale.
		`CREATE TABLE duijie.checkpoints (
			scheme     text PRIMARY KEY,
			checkpoint text NOT NULL -- mapping.Checkpoint as JSON
		)`,
		`CREATE TABLE duijie.tokens (
			app_key       text PRIMARY KEY,
			access_token  text NOT NULL,
			refresh_token text NOT NULL,
			expires_at    text NOT NULL,
			scope         text NOT NULL,
			fence         bigint NOT NULL -- of the token lock it was saved under; 0 when none
		)`,
		`CREATE TABLE duijie.leases (
			kind       text NOT NULL, -- 'lease' (mapping.LeaseStore) or 'token' (the token lock)
			name       text NOT NULL,
			owner      text NOT NULL, -- '' once released
			fence      bigint NOT NULL,
			expires_us bigint NOT NULL, -- microseconds since the epoch; 0 once released
			PRIMARY KEY (kind, name)
		)`,
		`CREATE TABLE duijie.psi_log (
			seq         bigserial PRIMARY KEY, -- log order
			doc_no      text NOT NULL,
			serial      text NOT NULL,
			day         integer NOT NULL, -- yyyymmdd, 0 when none
			status      text NOT NULL,
			attempts    integer NOT NULL,
			uploaded_at text NOT NULL,
			replaced    boolean NOT NULL,
			code        text NOT NULL,
			message     text NOT NULL,
			record      text NOT NULL, -- honor.PSIRecord as JSON
			UNIQUE (doc_no, serial)
		)`,
		`CREATE INDEX ON duijie.psi_log (day, status)`,
		`CREATE INDEX ON duijie.psi_log (status)`,
		`CREATE TABLE duijie.vf_orders (
			source_no         text COLLATE "C" PRIMARY KEY,
			taken_at          text COLLATE "C" NOT NULL,
			wholesale_order   text NOT NULL, -- mapping.WholesaleOrder as JSON
			feedback_status   text NOT NULL,
			feedback_at       text NOT NULL,
			feedback_attempts integer NOT NULL,
			feedback_ref      text NOT NULL,
			feedback_message  text NOT NULL,
			upload_status     text NOT NULL,
			upload_at         text NOT NULL,
			upload_attempts   integer NOT NULL,
			upload_ref        text NOT NULL,
			upload_message    text NOT NULL
		)`,
		`CREATE INDEX ON duijie.vf_orders (taken_at)`,
		`CREATE TABLE duijie.mapping_tables (
			name      text PRIMARY KEY,
			synced_at text NOT NULL
		)`,
		`CREATE TABLE duijie.mapping_externals (
			name   text NOT NULL REFERENCES duijie.mapping_tables (name),
			code   text COLLATE "C" NOT NULL,
			title  text NOT NULL,
			detail text NOT NULL,
			PRIMARY KEY (name, code)
		)`,
		`CREATE TABLE duijie.mapping_choices (
			name     text NOT NULL REFERENCES duijie.mapping_tables (name),
			external text COLLATE "C" NOT NULL,
			erp      text NOT NULL,
			PRIMARY KEY (name, external)
		)`,
	},
}

// SchemaVersion is the schema version this package writes.
func SchemaVersion() int { return len(migrations) }

// migrate brings the schema to the current version, one transaction per
// version, each holding an advisory lock on the schema's name so that
// processes migrating at once apply each version once.
func (s *Store) migrate(ctx context.Context) error {
	for {
		done := false
		err := s.tx(ctx, pgx.TxOptions{}, func(tx pgx.Tx) error {
			if err := s.lockKey(ctx, tx, "migrate"); err != nil {
				return err
			}
			for _, stmt := range []string{
				`CREATE SCHEMA IF NOT EXISTS ` + s.prefix[:len(s.prefix)-1],
				`CREATE TABLE IF NOT EXISTS duijie.schema_version (version integer NOT NULL)`,
			} {
				if _, err := tx.Exec(ctx, s.q(stmt)); err != nil {
					return wrap("migrate", err)
				}
			}
			var v int
			err := tx.QueryRow(ctx, s.q(`SELECT version FROM duijie.schema_version`)).Scan(&v)
			if err != nil && !errors.Is(err, pgx.ErrNoRows) {
				return wrap("schema version", err)
			}
			switch {
			case v > len(migrations):
				return fmt.Errorf("store/postgres: the schema %s has version %d, newer than this package's %d: use a newer release", s.schema, v, len(migrations))
			case v == len(migrations):
				done = true
				return nil
			}
			for _, stmt := range migrations[v] {
				if _, err := tx.Exec(ctx, s.q(stmt)); err != nil {
					return wrap(fmt.Sprintf("migrate to version %d", v+1), err)
				}
			}
			if _, err := tx.Exec(ctx, s.q(`DELETE FROM duijie.schema_version`)); err != nil {
				return wrap("migrate", err)
			}
			_, err = tx.Exec(ctx, s.q(`INSERT INTO duijie.schema_version (version) VALUES ($1)`), v+1)
			return wrap("migrate", err)
		})
		if err != nil || done {
			return err
		}
	}
}
