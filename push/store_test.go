package push

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMemoryReplayStoreClaimsOnceUntilExpiry(t *testing.T) {
	ctx := context.Background()
	s := NewMemoryReplayStore()
	t0 := time.Unix(vectorTimestamp, 0)
	ok, err := s.Claim(ctx, "a", t0, t0.Add(time.Minute))
	require.NoError(t, err)
	assert.True(t, ok)
	ok, _ = s.Claim(ctx, "a", t0.Add(59*time.Second), t0.Add(2*time.Minute))
	assert.False(t, ok, "claimed and not expired")
	ok, _ = s.Claim(ctx, "a", t0.Add(time.Minute), t0.Add(2*time.Minute))
	assert.True(t, ok, "expired claims may be made again")

	var zero MemoryReplayStore
	ok, _ = zero.Claim(ctx, "b", t0, t0.Add(time.Second))
	assert.True(t, ok, "the zero value is ready")
}

func TestMemoryReplayStoreDropsExpiredClaims(t *testing.T) {
	ctx := context.Background()
	s := NewMemoryReplayStore()
	t0 := time.Unix(vectorTimestamp, 0)
	for i := range 3 * minPrune {
		now := t0.Add(time.Duration(i) * time.Second)
		ok, err := s.Claim(ctx, fmt.Sprint(i), now, now.Add(10*time.Second))
		require.NoError(t, err)
		require.True(t, ok)
	}
	assert.Less(t, s.Len(), minPrune+20, "only live claims and the latest ones stay")
}

func TestMemoryReplayStoreIsAtomic(t *testing.T) {
	s := NewMemoryReplayStore()
	t0 := time.Unix(vectorTimestamp, 0)
	var won atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			if ok, _ := s.Claim(context.Background(), "same", t0, t0.Add(time.Minute)); ok {
				won.Add(1)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int32(1), won.Load())
}

func TestMemoryOutcomeStoreKeepsTheLatestAndForgetsOld(t *testing.T) {
	ctx := context.Background()
	s := NewMemoryOutcomeStore(time.Hour)
	t0 := time.Unix(vectorTimestamp, 0)
	k := Key{Shop: "S", Tid: "T1"}
	_, ok, err := s.Get(ctx, k)
	require.NoError(t, err)
	assert.False(t, ok)

	require.NoError(t, s.Put(ctx, k, Outcome{Hash: "h1", OK: true, At: t0}))
	require.NoError(t, s.Put(ctx, k, Outcome{Hash: "h2", Reason: "no", At: t0.Add(time.Minute)}))
	o, ok, _ := s.Get(ctx, k)
	assert.True(t, ok)
	assert.Equal(t, Outcome{Hash: "h2", Reason: "no", At: t0.Add(time.Minute)}, o)

	// An hour past the newest outcome, the old one is forgotten.
	require.NoError(t, s.Put(ctx, Key{Shop: "S", Tid: "T2"}, Outcome{Hash: "x", OK: true, At: t0.Add(62 * time.Minute)}))
	_, ok, _ = s.Get(ctx, k)
	assert.False(t, ok)

	for i := range 3 * minPrune {
		require.NoError(t, s.Put(ctx, Key{Tid: fmt.Sprint(i)}, Outcome{At: t0.Add(time.Duration(i) * time.Minute)}))
	}
	assert.Less(t, s.Len(), minPrune+100)

	var forever MemoryOutcomeStore
	require.NoError(t, forever.Put(ctx, k, Outcome{Hash: "h", At: t0}))
	require.NoError(t, forever.Put(ctx, Key{Tid: "later"}, Outcome{At: t0.Add(1000 * time.Hour)}))
	_, ok, _ = forever.Get(ctx, k)
	assert.True(t, ok, "MaxAge 0 keeps everything")
}
