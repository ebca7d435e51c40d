package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/duijie/duijie/mapping"
)

// TestCheckpointStore runs the suite of mapping.CheckpointStore: missing
// schemes, exact round trips of LastSyncTime and Recent, replacement,
// independence of schemes and of the caller's copies, visibility through
// a second handle, and concurrent saves.
func TestCheckpointStore(t *testing.T, open Opener[mapping.CheckpointStore]) {
	t0 := time.Date(2024, 3, 1, 10, 0, 0, 123456789, cst)
	sample := func() mapping.Checkpoint {
		return mapping.Checkpoint{LastSyncTime: t0, Recent: map[string]time.Time{
			"VF001@2024-03-01 09:59:00": t0.Add(-time.Minute),
			"退货-7":                      t0.Add(-time.Second).UTC(),
		}}
	}
	same := func(t *testing.T, got, want mapping.Checkpoint) {
		t.Helper()
		sameTime(t, "LastSyncTime", got.LastSyncTime, want.LastSyncTime)
		if len(got.Recent) != len(want.Recent) {
			t.Fatalf("Recent = %v, want %v", got.Recent, want.Recent)
		}
		for k, w := range want.Recent {
			g, ok := got.Recent[k]
			if !ok {
				t.Fatalf("Recent lacks %q: %v", k, got.Recent)
			}
			sameTime(t, "Recent["+k+"]", g, w)
		}
	}

	t.Run("missing", func(t *testing.T) {
		s := open(t)()
		cp, ok, err := s.LoadCheckpoint(ctx(t), "never-saved")
		if err != nil || ok || !cp.LastSyncTime.IsZero() || len(cp.Recent) != 0 {
			t.Fatalf("LoadCheckpoint = %+v, %v, %v; want zero, false, nil", cp, ok, err)
		}
	})

	t.Run("round trip", func(t *testing.T) {
		h := open(t)
		a, b := h(), h()
		if err := a.SaveCheckpoint(ctx(t), "wdt-refund-stockin→kingdee", sample()); err != nil {
			t.Fatal(err)
		}
		for i, s := range []mapping.CheckpointStore{a, b} {
			cp, ok, err := s.LoadCheckpoint(ctx(t), "wdt-refund-stockin→kingdee")
			if err != nil || !ok {
				t.Fatalf("handle %d: LoadCheckpoint = %v, %v", i, ok, err)
			}
			same(t, cp, sample())
		}
	})

	t.Run("copies", func(t *testing.T) {
		s := open(t)()
		cp := sample()
		if err := s.SaveCheckpoint(ctx(t), "x", cp); err != nil {
			t.Fatal(err)
		}
		cp.Recent["added later"] = t0
		got, _, err := s.LoadCheckpoint(ctx(t), "x")
		if err != nil {
			t.Fatal(err)
		}
		same(t, got, sample())
		got.Recent["changed by a reader"] = t0
		again, _, err := s.LoadCheckpoint(ctx(t), "x")
		if err != nil {
			t.Fatal(err)
		}
		same(t, again, sample())
	})

	t.Run("replace", func(t *testing.T) {
		s := open(t)()
		if err := s.SaveCheckpoint(ctx(t), "x", sample()); err != nil {
			t.Fatal(err)
		}
		next := mapping.Checkpoint{LastSyncTime: t0.Add(time.Hour), Recent: map[string]time.Time{"only": t0.Add(time.Hour)}}
		if err := s.SaveCheckpoint(ctx(t), "x", next); err != nil {
			t.Fatal(err)
		}
		got, _, err := s.LoadCheckpoint(ctx(t), "x")
		if err != nil {
			t.Fatal(err)
		}
		same(t, got, next)
	})

	t.Run("empty checkpoint", func(t *testing.T) {
		s := open(t)()
		if err := s.SaveCheckpoint(ctx(t), "x", mapping.Checkpoint{}); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.LoadCheckpoint(ctx(t), "x")
		if err != nil || !ok || !got.LastSyncTime.IsZero() || len(got.Recent) != 0 {
			t.Fatalf("LoadCheckpoint = %+v, %v, %v; want zero, true, nil", got, ok, err)
		}
	})

	t.Run("schemes apart", func(t *testing.T) {
		s := open(t)()
		if err := s.SaveCheckpoint(ctx(t), "a", sample()); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := s.LoadCheckpoint(ctx(t), "b"); ok || err != nil {
			t.Fatalf("scheme b = %v, %v; want missing", ok, err)
		}
	})

	t.Run("concurrent", func(t *testing.T) {
		h := open(t)
		handles := []mapping.CheckpointStore{h(), h()}
		const workers, each = 6, 5
		c := ctx(t)
		var wg sync.WaitGroup
		errs := make(chan error, workers*each)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s := handles[w%len(handles)]
				for i := range each {
					cp := mapping.Checkpoint{LastSyncTime: t0.Add(time.Duration(w*each+i) * time.Second)}
					errs <- s.SaveCheckpoint(c, fmt.Sprintf("scheme-%d-%d", w, i), cp)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		for w := range workers {
			for i := range each {
				cp, ok, err := handles[0].LoadCheckpoint(ctx(t), fmt.Sprintf("scheme-%d-%d", w, i))
				if err != nil || !ok {
					t.Fatalf("scheme-%d-%d: %v, %v", w, i, ok, err)
				}
				sameTime(t, "LastSyncTime", cp.LastSyncTime, t0.Add(time.Duration(w*each+i)*time.Second))
			}
		}
	})
}
