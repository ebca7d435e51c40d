package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/duijie/duijie/push"
	"github.com/duijie/duijie/store/sqlite"
)

// TestPushReplay: a claim holds across handles on one file until it
// expires, and of many concurrent claims of one id through two handles
// exactly one wins.
func TestPushReplay(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	a, b := open(t, path).PushReplay(), open(t, path).PushReplay()
	t0 := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	claim := func(r sqlite.PushReplay, id string, now time.Time) bool {
		t.Helper()
		ok, err := r.Claim(ctx, id, now, t0.Add(5*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !claim(a, "sig-1", t0) {
		t.Fatal("a new id was refused")
	}
	if claim(b, "sig-1", t0.Add(time.Minute)) {
		t.Fatal("a replay was accepted through another handle")
	}
	if !claim(b, "sig-1", t0.Add(5*time.Minute)) {
		t.Fatal("an expired claim was not taken again")
	}

	var wg sync.WaitGroup
	var mu sync.Mutex
	won := 0
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := a
			if i%2 == 1 {
				r = b
			}
			ok, err := r.Claim(ctx, "sig-race", t0, t0.Add(time.Minute))
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				won++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if won != 1 {
		t.Fatalf("%d concurrent claims of one id won, want 1", won)
	}
}

// TestPushOutcomes: an outcome put through one handle is read through
// another after the first is closed, replaced by a newer one, and pruned
// by age.
func TestPushOutcomes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	at := time.Date(2024, 3, 1, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	first, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	k := push.Key{Shop: "QY01", Tid: "CB-1"}
	if err := first.PushOutcomes().Put(ctx, k, push.Outcome{Hash: "h1", OK: false, Reason: "no lines", At: at}); err != nil {
		t.Fatal(err)
	}
	first.Close()
	o := open(t, path).PushOutcomes()
	got, ok, err := o.Get(ctx, k)
	if err != nil || !ok || got.Hash != "h1" || got.OK || got.Reason != "no lines" || !got.At.Equal(at) {
		t.Fatalf("Get = %+v, %v, %v", got, ok, err)
	}
	if _, ok, _ := o.Get(ctx, push.Key{Tid: "CB-1"}); ok {
		t.Fatal("an order of another shop was found")
	}
	if err := o.Put(ctx, k, push.Outcome{Hash: "h2", OK: true, At: at.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := o.Get(ctx, k); got.Hash != "h2" || !got.OK || got.Reason != "" {
		t.Fatalf("after the update: %+v", got)
	}
	for i := range 3 {
		if err := o.Put(ctx, push.Key{Shop: "QY01", Tid: fmt.Sprint("OLD-", i)}, push.Outcome{Hash: "x", OK: true, At: at}); err != nil {
			t.Fatal(err)
		}
	}
	n, err := o.PruneBefore(ctx, at.Add(time.Minute))
	if err != nil || n != 3 {
		t.Fatalf("PruneBefore = %d, %v; want 3", n, err)
	}
	if _, ok, _ := o.Get(ctx, k); !ok {
		t.Fatal("a newer outcome was pruned")
	}
}

// TestDocuments: records survive a restart, replace each other by flow and
// number, and list by status in number order.
func TestDocuments(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	at := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	first, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []sqlite.Document{
		{Flow: "yh", No: "SO-2", Status: sqlite.DocSending, Attempts: 1, UpdatedAt: at},
		{Flow: "yh", No: "SO-1", Status: sqlite.DocDelivered, Ref: "635", Attempts: 1, UpdatedAt: at},
		{Flow: "yh", No: "SO-3", Status: sqlite.DocFailed, Message: "refused", UpdatedAt: at},
		{Flow: "other", No: "SO-1", Status: sqlite.DocUncertain, UpdatedAt: at},
	} {
		if err := first.Documents().Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := first.Documents().Put(ctx, sqlite.Document{Flow: "yh"}); err == nil {
		t.Fatal("a document without number and status was stored")
	}
	first.Close()
	d := open(t, path).Documents()
	got, ok, err := d.Get(ctx, "yh", "SO-1")
	if err != nil || !ok || got.Ref != "635" || got.Status != sqlite.DocDelivered || !got.UpdatedAt.Equal(at) {
		t.Fatalf("Get = %+v, %v, %v", got, ok, err)
	}
	if _, ok, _ := d.Get(ctx, "yh", "SO-9"); ok {
		t.Fatal("a missing document was found")
	}
	if err := d.Put(ctx, sqlite.Document{Flow: "yh", No: "SO-2", Status: sqlite.DocDelivered, Ref: "636", Attempts: 1, UpdatedAt: at}); err != nil {
		t.Fatal(err)
	}
	all, err := d.List(ctx, "yh")
	if err != nil || len(all) != 3 || all[0].No != "SO-1" || all[1].Status != sqlite.DocDelivered || all[2].No != "SO-3" {
		t.Fatalf("List = %+v, %v", all, err)
	}
	pending, err := d.List(ctx, "yh", sqlite.DocSending, sqlite.DocUncertain, sqlite.DocFailed)
	if err != nil || len(pending) != 1 || pending[0].No != "SO-3" || pending[0].Message != "refused" {
		t.Fatalf("List(pending) = %+v, %v", pending, err)
	}
}
