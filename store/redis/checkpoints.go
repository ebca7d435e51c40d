package redis

import (
	"context"
	"encoding/json"
	"errors"

	goredis "github.com/redis/go-redis/v9"

	"github.com/duijie/duijie/mapping"
)

// Checkpoints is the mapping.CheckpointStore of a Store: one hash of the
// prefix holds every scheme's checkpoint as JSON.
type Checkpoints struct{ s *Store }

var _ mapping.CheckpointStore = Checkpoints{}

// Checkpoints returns the store's sync checkpoints.
func (s *Store) Checkpoints() Checkpoints { return Checkpoints{s} }

// LoadCheckpoint returns the scheme's checkpoint, and false when none was
// ever saved. Its times are exact instants.
func (c Checkpoints) LoadCheckpoint(ctx context.Context, scheme string) (mapping.Checkpoint, bool, error) {
	raw, err := c.s.rdb.HGet(ctx, c.s.key("checkpoints"), scheme).Result()
	if errors.Is(err, goredis.Nil) {
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
	return wrap("save checkpoint", c.s.rdb.HSet(ctx, c.s.key("checkpoints"), scheme, raw).Err())
}
