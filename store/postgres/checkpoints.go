package postgres

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/duijie/duijie/mapping"
)

// Checkpoints is the mapping.CheckpointStore of a Store.
type Checkpoints struct{ s *Store }

var _ mapping.CheckpointStore = Checkpoints{}

// Checkpoints returns the store's sync checkpoints.
func (s *Store) Checkpoints() Checkpoints { return Checkpoints{s} }

// LoadCheckpoint returns the scheme's checkpoint, and false when none was
// ever saved. Its times are exact instants.
func (c Checkpoints) LoadCheckpoint(ctx context.Context, scheme string) (mapping.Checkpoint, bool, error) {
	var raw string
	err := c.s.pool.QueryRow(ctx, c.s.q(`SELECT checkpoint FROM duijie.checkpoints WHERE scheme = $1`), scheme).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
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
	_, err = c.s.pool.Exec(ctx, c.s.q(`INSERT INTO duijie.checkpoints (scheme, checkpoint) VALUES ($1, $2)
		ON CONFLICT (scheme) DO UPDATE SET checkpoint = excluded.checkpoint`), scheme, string(raw))
	return wrap("save checkpoint", err)
}
