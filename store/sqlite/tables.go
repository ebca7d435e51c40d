package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/duijie/duijie/mapping"

	"github.com/duijie/duijie/store/internal/column"
)

// Tables is the mapping.TableStore of a Store: the correspondence tables
// with their last-synced time.
type Tables struct{ s *Store }

var _ mapping.TableStore = Tables{}

// Tables returns the store's correspondence tables.
func (s *Store) Tables() Tables { return Tables{s} }

// LoadTable returns the table's state, and false when nothing was ever
// saved under the name. It reads in one transaction, so a sync or a save of
// choices is seen whole or not at all.
func (t Tables) LoadTable(ctx context.Context, name string) (mapping.TableState, bool, error) {
	var (
		st    mapping.TableState
		found bool
	)
	err := t.s.write(ctx, func(tx *sql.Tx) error {
		var at string
		err := tx.QueryRowContext(ctx, `SELECT synced_at FROM mapping_tables WHERE name = ?`, name).Scan(&at)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return wrap("load table", err)
		}
		found = true
		if st.SyncedAt, err = decTime(at); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT code, title, detail FROM mapping_externals WHERE name = ? ORDER BY code`, name)
		if err != nil {
			return wrap("load table", err)
		}
		for rows.Next() {
			var e mapping.External
			if err := rows.Scan(&e.Code, &e.Name, &e.Detail); err != nil {
				rows.Close()
				return wrap("load table", err)
			}
			st.Synced = append(st.Synced, e)
		}
		if err := rows.Close(); err != nil {
			return wrap("load table", err)
		}
		if rows, err = tx.QueryContext(ctx, `SELECT external, erp FROM mapping_choices WHERE name = ? ORDER BY external`, name); err != nil {
			return wrap("load table", err)
		}
		defer rows.Close()
		for rows.Next() {
			var c mapping.Choice
			if err := rows.Scan(&c.External, &c.ERP); err != nil {
				return wrap("load table", err)
			}
			st.Choices = append(st.Choices, c)
		}
		return wrap("load table", rows.Err())
	})
	if err != nil || !found {
		return mapping.TableState{}, false, err
	}
	return st, true, nil
}

// SaveSynced replaces the table's external list and last-synced time in one
// transaction, keeping its choices.
func (t Tables) SaveSynced(ctx context.Context, name string, synced []mapping.External, at time.Time) error {
	if err := mapping.CheckSynced(name, synced); err != nil {
		return err
	}
	return t.s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO mapping_tables (name, synced_at) VALUES (?, ?)
			ON CONFLICT (name) DO UPDATE SET synced_at = excluded.synced_at`, name, column.Time(at)); err != nil {
			return wrap("save table", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM mapping_externals WHERE name = ?`, name); err != nil {
			return wrap("save table", err)
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO mapping_externals (name, code, title, detail) VALUES (?, ?, ?, ?)
			ON CONFLICT (name, code) DO UPDATE SET title = excluded.title, detail = excluded.detail`)
		if err != nil {
			return wrap("save table", err)
		}
		defer stmt.Close()
		for _, e := range synced {
			if _, err := stmt.ExecContext(ctx, name, e.Code, e.Name, e.Detail); err != nil {
				return wrap("save table", err)
			}
		}
		return nil
	})
}

// SaveChoices applies the choices in order, in one transaction.
func (t Tables) SaveChoices(ctx context.Context, name string, choices ...mapping.Choice) error {
	if err := mapping.CheckChoices(name, choices); err != nil {
		return err
	}
	return t.s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO mapping_tables (name, synced_at) VALUES (?, ?)
			ON CONFLICT (name) DO NOTHING`, name, column.Time(time.Time{})); err != nil {
			return wrap("save choices", err)
		}
		for _, c := range choices {
			var err error
			if c.ERP == "" {
				_, err = tx.ExecContext(ctx, `DELETE FROM mapping_choices WHERE name = ? AND external = ?`, name, c.External)
			} else {
				_, err = tx.ExecContext(ctx, `INSERT INTO mapping_choices (name, external, erp) VALUES (?, ?, ?)
					ON CONFLICT (name, external) DO UPDATE SET erp = excluded.erp`, name, c.External, c.ERP)
			}
			if err != nil {
				return wrap("save choices", err)
			}
		}
		return nil
	})
}
