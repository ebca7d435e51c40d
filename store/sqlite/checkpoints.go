package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/duijie/duijie/mapping"
)

// Checkpoints is the mapping.CheckpointStore of a Store.
type Checkpoints struct{ s *Store }

var _ mapping.CheckpointStore = Checkpoints{}

// Checkpoints returns the store's sync checkpoints.
func (s *Store) Checkpoints() Checkpoints { return Checkpoints{s} }

// LoadCheckpoint returns the scheme's checkpoint, and false when none was
// ever saved. Its times are exact instants (they come back in UTC).
func (c Checkpoints) LoadCheckpoint(ctx context.Context, scheme string) (mapping.Checkpoint, bool, error) {
	var raw string
	err := c.s.db.QueryRowContext(ctx, `SELECT checkpoint FROM checkpoints WHERE scheme = ?`, scheme).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return mapping.Checkpoint{}, false, nil
	}
	if err != nil {
		return mapping.Checkpoint{}, false, wrap("load checkpoint", err)
	}
	var cp mapping.Checkpoint
	if err := json.Unmarshal([]byte(raw), &cp); err != nil {
		return mapping.Checkpoint{}, false, wrap("checkpoint "+scheme, err)
	}
	return cp, true, nil
}

// SaveCheckpoint stores the scheme's checkpoint, replacing the last one.
func (c Checkpoints) SaveCheckpoint(ctx context.Context, scheme string, cp mapping.Checkpoint) error {
	raw, err := json.Marshal(cp)
	if err != nil {
		return wrap("checkpoint "+scheme, err)
	}
	return c.s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO checkpoints (scheme, checkpoint) VALUES (?, ?)
			ON CONFLICT (scheme) DO UPDATE SET checkpoint = excluded.checkpoint`, scheme, string(raw))
		return wrap("save checkpoint", err)
	})
}
