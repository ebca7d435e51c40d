package mapping

import (
	"context"
	"errors"
	"iter"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

func TestPlan(t *testing.T) {
	last := cst(2024, 3, 1, 23, 50, 0)
	cases := []struct {
		name string
		p    SyncPolicy
		now  time.Time
		want [][2]string
	}{
		{"lag keeps the tail back", SyncPolicy{Lag: 2 * time.Minute, MaxWindow: time.Hour}, cst(2024, 3, 2, 0, 2, 0),
			[][2]string{{"2024-03-01 23:50:00", "2024-03-02 00:00:00"}}},
		{"cut to the maximum across midnight CST", SyncPolicy{MaxWindow: 4 * time.Minute}, cst(2024, 3, 2, 0, 0, 0),
			[][2]string{{"2024-03-01 23:50:00", "2024-03-01 23:54:00"}, {"2024-03-01 23:54:00", "2024-03-01 23:58:00"}, {"2024-03-01 23:58:00", "2024-03-02 00:00:00"}}},
		{"overlap re-reads before the checkpoint", SyncPolicy{MaxWindow: time.Hour, Overlap: 5 * time.Minute}, cst(2024, 3, 2, 0, 0, 0),
			[][2]string{{"2024-03-01 23:45:00", "2024-03-02 00:00:00"}}},
		{"nothing before the lag has passed", SyncPolicy{Lag: 10 * time.Minute, MaxWindow: time.Hour}, cst(2024, 3, 2, 0, 0, 0), nil},
		{"nothing when now is the checkpoint", SyncPolicy{MaxWindow: time.Hour}, last, nil},
		{"thirty-day maximum", SyncPolicy{MaxWindow: 30 * 24 * time.Hour}, cst(2024, 4, 15, 0, 0, 0),
			[][2]string{{"2024-03-01 23:50:00", "2024-03-31 23:50:00"}, {"2024-03-31 23:50:00", "2024-04-15 00:00:00"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got [][2]string
			for _, w := range c.p.Plan(last, c.now) {
				got = append(got, [2]string{NewTimeString(w.From), NewTimeString(w.To)})
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Plan = %v, want %v", got, c.want)
			}
		})
	}
	// A UTC clock gives the same windows: CST has no daylight saving.
	p := SyncPolicy{MaxWindow: 24 * time.Hour}
	a := p.Plan(last, cst(2024, 11, 3, 12, 0, 0))
	b := p.Plan(last.UTC(), cst(2024, 11, 3, 12, 0, 0).UTC())
	if len(a) != len(b) {
		t.Fatalf("%d windows in CST, %d in UTC", len(a), len(b))
	}
	for i := range a {
		if !a[i].From.Equal(b[i].From) || a[i].Duration() != 24*time.Hour && i < len(a)-1 {
			t.Errorf("window %d differs or is not a full day: %v", i, a[i])
		}
	}
}

// NewTimeString formats t the way vendors read LAST_SYNC_TIME.
func NewTimeString(t time.Time) string { return duijie.Time{Time: t}.String() }

// rec is a record of a fake vendor: its business time and the time it
// became visible to queries.
type rec struct {
	ID      string
	At      time.Time
	Visible time.Time
}

// vendorFake answers window queries over a fixed record set, as seen at a
// given moment, and can fail chosen windows.
type vendorFake struct {
	recs      []rec
	asOf      time.Time
	failFetch map[int]bool // by call number
	calls     int
}

func (v *vendorFake) fetch(_ context.Context, w Window) iter.Seq2[rec, error] {
	v.calls++
	call := v.calls
	return func(yield func(rec, error) bool) {
		for i, r := range v.recs {
			if v.failFetch[call] && i == 1 {
				yield(rec{}, errors.New("vendor busy"))
				return
			}
			if !r.At.Before(w.From) && r.At.Before(w.To) && !r.Visible.After(v.asOf) {
				if !yield(r, nil) {
					return
				}
			}
		}
	}
}

func recsEvery(start time.Time, step time.Duration, n int) []rec {
	out := make([]rec, n)
	for i := range out {
		at := start.Add(time.Duration(i) * step)
		out[i] = rec{ID: "R" + strconv.Itoa(i), At: at, Visible: at}
	}
	return out
}

func newSync(store CheckpointStore, v *vendorFake, delivered *[]string, failDeliver map[int]bool) *Sync[rec] {
	n := 0
	return &Sync[rec]{
		Scheme: "wdt-refund→kingdee", Store: store,
		Policy: SyncPolicy{Start: cst(2024, 3, 1, 0, 0, 0), Lag: time.Minute, MaxWindow: 10 * time.Minute, Overlap: 2 * time.Minute},
		Key:    func(r rec) string { return r.ID },
		Fetch:  v.fetch,
		Deliver: func(_ context.Context, _ Window, rs []rec) error {
			n++
			if failDeliver[n] {
				return errors.New("target refused")
			}
			for _, r := range rs {
				*delivered = append(*delivered, r.ID)
			}
			return nil
		},
	}
}

func TestSyncRunsWindowsAndSavesCheckpoints(t *testing.T) {
	store := &MemoryCheckpoints{}
	v := &vendorFake{recs: recsEvery(cst(2024, 3, 1, 0, 0, 30), time.Minute, 30)}
	var got []string
	s := newSync(store, v, &got, nil)
	now := cst(2024, 3, 1, 0, 31, 0)
	v.asOf = now
	rep, err := s.Run(context.Background(), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Windows) != 3 || rep.Fetched != 30 || rep.Delivered != 30 || rep.Duplicates != 0 {
		t.Errorf("report = %d windows, %d fetched, %d delivered, %d dups", len(rep.Windows), rep.Fetched, rep.Delivered, rep.Duplicates)
	}
	cp, ok, _ := store.LoadCheckpoint(context.Background(), s.Scheme)
	if !ok || !cp.LastSyncTime.Equal(cst(2024, 3, 1, 0, 30, 0)) {
		t.Fatalf("checkpoint = %v, want now − lag", cp.LastSyncTime)
	}
	// Only keys of windows reaching into the 2-minute overlap are kept:
	// the last window [00:20, 00:30), not the first two.
	if want := []string{"R20", "R21", "R22", "R23", "R24", "R25", "R26", "R27", "R28", "R29"}; !reflect.DeepEqual(sortedKeys(cp.Recent), want) {
		t.Errorf("Recent = %v, want %v", sortedKeys(cp.Recent), want)
	}
	// A second run at the same moment does nothing.
	rep, err = s.Run(context.Background(), now)
	if err != nil || len(rep.Windows) != 0 || len(got) != 30 {
		t.Errorf("idle run: %+v, %v, %d delivered", rep, err, len(got))
	}
}

func sortedKeys(m map[string]time.Time) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestSyncResumesWithoutGapsOrOverlaps fails fetches and deliveries at
// several points and checks that, after enough runs, every record was
// delivered exactly once.
func TestSyncResumesWithoutGapsOrOverlaps(t *testing.T) {
	for _, c := range []struct {
		name        string
		failFetch   map[int]bool
		failDeliver map[int]bool
	}{
		{"no failure", nil, nil},
		{"fetch fails in window 2", map[int]bool{2: true}, nil},
		{"deliver fails in window 3", nil, map[int]bool{3: true}},
		{"both, repeatedly", map[int]bool{1: true, 4: true, 5: true}, map[int]bool{2: true, 6: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			store := &MemoryCheckpoints{}
			v := &vendorFake{recs: recsEvery(cst(2024, 3, 1, 0, 0, 0), 37*time.Second, 100), failFetch: c.failFetch}
			var got []string
			s := newSync(store, v, &got, c.failDeliver)
			now := cst(2024, 3, 1, 1, 5, 0)
			v.asOf = now
			var lastErr error
			for range 10 {
				_, lastErr = s.Run(context.Background(), now)
				if lastErr == nil {
					break
				}
			}
			if lastErr != nil {
				t.Fatalf("still failing: %v", lastErr)
			}
			want := make([]string, 0, 100)
			for _, r := range v.recs {
				if r.At.Before(now.Add(-time.Minute)) {
					want = append(want, r.ID)
				}
			}
			slices.Sort(want)
			sorted := slices.Clone(got)
			slices.Sort(sorted)
			if !reflect.DeepEqual(sorted, want) {
				t.Errorf("delivered %d records (%d distinct wanted); duplicates or gaps", len(got), len(want))
			}
		})
	}
}

func TestSyncFailureKeepsCheckpoint(t *testing.T) {
	store := &MemoryCheckpoints{}
	v := &vendorFake{recs: recsEvery(cst(2024, 3, 1, 0, 0, 0), time.Minute, 30), failFetch: map[int]bool{2: true}}
	var got []string
	s := newSync(store, v, &got, nil)
	s.Policy.MinWindow = s.Policy.MaxWindow // no halving: the failed window stops the run
	now := cst(2024, 3, 1, 0, 31, 0)
	v.asOf = now
	rep, err := s.Run(context.Background(), now)
	if err == nil || !reflect.DeepEqual(err.Error(), "mapping: sync wdt-refund→kingdee: window [2024-03-01 00:10:00, 2024-03-01 00:20:00): vendor busy") {
		t.Fatalf("err = %v", err)
	}
	if len(rep.Windows) != 1 || !rep.Checkpoint.LastSyncTime.Equal(cst(2024, 3, 1, 0, 10, 0)) {
		t.Errorf("report after failure: %d windows, checkpoint %v", len(rep.Windows), rep.Checkpoint.LastSyncTime)
	}
	cp, _, _ := store.LoadCheckpoint(context.Background(), s.Scheme)
	if !cp.LastSyncTime.Equal(cst(2024, 3, 1, 0, 10, 0)) {
		t.Errorf("stored checkpoint %v, want the end of the first window", cp.LastSyncTime)
	}
}

// TestSyncHalvesAWindowThatCannotBeReadWhole: a vendor that fails every
// read of more than three records still lets the sync reach the end, in
// smaller windows, with every record delivered once.
func TestSyncHalvesAWindowThatCannotBeReadWhole(t *testing.T) {
	store := &MemoryCheckpoints{}
	v := &vendorFake{recs: recsEvery(cst(2024, 3, 1, 0, 0, 30), time.Minute, 30)}
	var got []string
	s := newSync(store, v, &got, nil)
	inner := v.fetch
	s.Fetch = func(ctx context.Context, w Window) iter.Seq2[rec, error] {
		return func(yield func(rec, error) bool) {
			n := 0
			for r, err := range inner(ctx, w) {
				if n++; n > 3 {
					yield(rec{}, errors.New("page 2 keeps failing"))
					return
				}
				if !yield(r, err) {
					return
				}
			}
		}
	}
	now := cst(2024, 3, 1, 0, 31, 0)
	v.asOf = now
	rep, err := s.Run(context.Background(), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 30 || !rep.Checkpoint.LastSyncTime.Equal(cst(2024, 3, 1, 0, 30, 0)) {
		t.Fatalf("delivered %d of 30, checkpoint %v", len(got), rep.Checkpoint.LastSyncTime)
	}
	seen := map[string]bool{}
	for _, id := range got {
		if seen[id] {
			t.Fatalf("%s delivered twice", id)
		}
		seen[id] = true
	}
	if rep.Halvings == 0 || len(rep.Failures) != rep.Halvings {
		t.Errorf("halvings %d, failures %d", rep.Halvings, len(rep.Failures))
	}
	for _, w := range rep.Windows {
		if w.To.Sub(w.From) > 5*time.Minute {
			t.Errorf("window %v–%v was read whole", w.From, w.To)
		}
	}
}

// TestSyncSaysWhyWhenEvenTheSmallestWindowFails: halving stops at
// MinWindow, and the error names the window that failed there.
func TestSyncSaysWhyWhenEvenTheSmallestWindowFails(t *testing.T) {
	store := &MemoryCheckpoints{}
	v := &vendorFake{recs: recsEvery(cst(2024, 3, 1, 0, 0, 30), time.Minute, 30)}
	var got []string
	s := newSync(store, v, &got, nil)
	s.Policy.MinWindow = 2 * time.Minute
	s.Fetch = func(context.Context, Window) iter.Seq2[rec, error] {
		return func(yield func(rec, error) bool) { yield(rec{}, errors.New("vendor down")) }
	}
	now := cst(2024, 3, 1, 0, 31, 0)
	v.asOf = now
	rep, err := s.Run(context.Background(), now)
	want := "mapping: sync wdt-refund→kingdee: window [2024-03-01 00:00:00, 2024-03-01 00:01:15): vendor down"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
	if rep.Halvings != 3 || len(rep.Windows) != 0 {
		t.Errorf("halvings %d (want 10m→5m→2m30s→1m15s), windows %d", rep.Halvings, len(rep.Windows))
	}
	if _, ok, _ := store.LoadCheckpoint(context.Background(), s.Scheme); ok {
		t.Error("a checkpoint was saved for a window never read")
	}
}

// TestSyncDoesNotHalveARefusedDelivery: the target refusing records is not
// a window too big to read; the run stops at once and keeps the window.
func TestSyncDoesNotHalveARefusedDelivery(t *testing.T) {
	store := &MemoryCheckpoints{}
	v := &vendorFake{recs: recsEvery(cst(2024, 3, 1, 0, 0, 30), time.Minute, 30)}
	var got []string
	s := newSync(store, v, &got, map[int]bool{1: true})
	now := cst(2024, 3, 1, 0, 31, 0)
	v.asOf = now
	rep, err := s.Run(context.Background(), now)
	want := "mapping: sync wdt-refund→kingdee: window [2024-03-01 00:00:00, 2024-03-01 00:10:00): target refused"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v", err)
	}
	if rep.Halvings != 0 || v.calls != 1 {
		t.Errorf("halvings %d, fetches %d", rep.Halvings, v.calls)
	}
}

func TestSyncPolicyRefusesNegativeMinWindow(t *testing.T) {
	s := newSync(&MemoryCheckpoints{}, &vendorFake{}, new([]string), nil)
	s.Policy.MinWindow = -time.Second
	_, err := s.Run(context.Background(), cst(2024, 3, 1, 1, 0, 0))
	var v *duijie.ValidationError
	if !errors.As(err, &v) || v.Field != "SyncPolicy.MinWindow" {
		t.Fatalf("err = %v", err)
	}
}

// TestSyncOverlapCatchesLateRecords: a record stamped before the checkpoint
// that became visible only after the run is picked up by the next run's
// overlap; records already delivered there are dropped as duplicates.
func TestSyncOverlapCatchesLateRecords(t *testing.T) {
	store := &MemoryCheckpoints{}
	v := &vendorFake{recs: []rec{
		{ID: "A", At: cst(2024, 3, 1, 0, 8, 0), Visible: cst(2024, 3, 1, 0, 8, 0)},
		{ID: "LATE", At: cst(2024, 3, 1, 0, 9, 30), Visible: cst(2024, 3, 1, 0, 12, 0)},
		{ID: "B", At: cst(2024, 3, 1, 0, 9, 40), Visible: cst(2024, 3, 1, 0, 9, 40)},
		{ID: "C", At: cst(2024, 3, 1, 0, 12, 0), Visible: cst(2024, 3, 1, 0, 12, 0)},
	}}
	var got []string
	s := newSync(store, v, &got, nil)
	v.asOf = cst(2024, 3, 1, 0, 11, 0)
	if _, err := s.Run(context.Background(), v.asOf); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, []string{"A", "B"}) {
		t.Fatalf("first run delivered %v", got)
	}
	v.asOf = cst(2024, 3, 1, 0, 14, 0)
	rep, err := s.Run(context.Background(), v.asOf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, []string{"A", "B", "LATE", "C"}) {
		t.Errorf("delivered %v, want the late record once and B not again", got)
	}
	if rep.Duplicates != 2 {
		t.Errorf("Duplicates = %d, want 2 (A and B, both in the overlap)", rep.Duplicates)
	}
}

func TestSyncDuplicateWithinWindow(t *testing.T) {
	store := &MemoryCheckpoints{}
	at := cst(2024, 3, 1, 0, 1, 0)
	v := &vendorFake{recs: []rec{{ID: "A", At: at, Visible: at}, {ID: "A", At: at, Visible: at}}, asOf: cst(2024, 3, 1, 0, 5, 0)}
	var got []string
	s := newSync(store, v, &got, nil)
	rep, err := s.Run(context.Background(), v.asOf)
	if err != nil || !reflect.DeepEqual(got, []string{"A"}) || rep.Duplicates != 1 {
		t.Errorf("got %v, %+v, %v", got, rep, err)
	}
}

type failingStore struct {
	MemoryCheckpoints
	loadErr, saveErr error
}

func (f *failingStore) LoadCheckpoint(ctx context.Context, s string) (Checkpoint, bool, error) {
	if f.loadErr != nil {
		return Checkpoint{}, false, f.loadErr
	}
	return f.MemoryCheckpoints.LoadCheckpoint(ctx, s)
}

func (f *failingStore) SaveCheckpoint(ctx context.Context, s string, cp Checkpoint) error {
	if f.saveErr != nil {
		return f.saveErr
	}
	return f.MemoryCheckpoints.SaveCheckpoint(ctx, s, cp)
}

func TestSyncStoreFailures(t *testing.T) {
	disk := errors.New("disk full")
	v := &vendorFake{recs: recsEvery(cst(2024, 3, 1, 0, 0, 0), time.Minute, 5), asOf: cst(2024, 3, 1, 0, 30, 0)}
	var got []string
	s := newSync(&failingStore{loadErr: disk}, v, &got, nil)
	if _, err := s.Run(context.Background(), v.asOf); !errors.Is(err, disk) {
		t.Errorf("load failure: %v", err)
	}
	s = newSync(&failingStore{saveErr: disk}, v, &got, nil)
	rep, err := s.Run(context.Background(), v.asOf)
	if !errors.Is(err, disk) || len(rep.Windows) != 0 {
		t.Errorf("save failure: %v, %d windows reported done", err, len(rep.Windows))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s = newSync(&MemoryCheckpoints{}, v, &got, nil)
	if _, err := s.Run(ctx, v.asOf); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestSyncRefusals(t *testing.T) {
	v := &vendorFake{}
	var got []string
	cases := []struct {
		field string
		edit  func(*Sync[rec])
	}{
		{"Sync.Scheme", func(s *Sync[rec]) { s.Scheme = "" }},
		{"Sync.Store", func(s *Sync[rec]) { s.Store = nil }},
		{"Sync.Key", func(s *Sync[rec]) { s.Key = nil }},
		{"Sync.Fetch", func(s *Sync[rec]) { s.Fetch = nil }},
		{"Sync.Deliver", func(s *Sync[rec]) { s.Deliver = nil }},
		{"SyncPolicy.MaxWindow", func(s *Sync[rec]) { s.Policy.MaxWindow = 0 }},
		{"SyncPolicy.Lag", func(s *Sync[rec]) { s.Policy.Lag = -1 }},
		{"SyncPolicy.Overlap", func(s *Sync[rec]) { s.Policy.Overlap = -1 }},
		{"SyncPolicy.Overlap", func(s *Sync[rec]) { s.Policy.Overlap = s.Policy.MaxWindow }},
		{"SyncPolicy.Start", func(s *Sync[rec]) { s.Policy.Start = time.Time{} }},
	}
	for _, c := range cases {
		s := newSync(&MemoryCheckpoints{}, v, &got, nil)
		c.edit(s)
		_, err := s.Run(context.Background(), cst(2024, 3, 2, 0, 0, 0))
		var ve *duijie.ValidationError
		if !errors.As(err, &ve) || ve.Field != c.field {
			t.Errorf("%s: err = %v", c.field, err)
		}
	}
}

// TestSyncWithWDTReadsBoundaryRecordsOnce runs the sync against the WDT fake,
// whose query is inclusive at both ends, with refund stock-ins stamped
// exactly on the windows' edges and on the seconds before them. Handing
// each half-open window over with InWindow reads every record once.
func TestSyncWithWDTReadsBoundaryRecordsOnce(t *testing.T) {
	srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer srv.Close()
	c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithRateLimit())
	require.NoError(t, err)
	day := cst(2026, 11, 19, 0, 0, 0)
	var all []string
	for d := range 5 {
		for _, at := range []time.Time{day.AddDate(0, 0, d), day.AddDate(0, 0, d).Add(-time.Second)} {
			no := at.Format("RK20060102150405")
			srv.AddRefundStockin(wangdiantong.RefundStockin{OrderNo: duijie.Text(no), StockinNo: duijie.Text(no), Status: "80"}, at)
			if !at.Before(day) {
				all = append(all, no)
			}
		}
	}
	delivered := map[string]int{}
	s := &Sync[wangdiantong.RefundStockin]{
		Scheme: "wdt", Store: &MemoryCheckpoints{},
		Policy: SyncPolicy{Start: day, MaxWindow: 24 * time.Hour},
		Key:    func(r wangdiantong.RefundStockin) string { return string(r.OrderNo) },
		Fetch: func(ctx context.Context, w Window) iter.Seq2[wangdiantong.RefundStockin, error] {
			return c.RefundStockins(ctx, wangdiantong.RefundStockinQuery{}.InWindow(w.From, w.To))
		},
		Deliver: func(_ context.Context, _ Window, recs []wangdiantong.RefundStockin) error {
			for _, r := range recs {
				delivered[string(r.OrderNo)]++
			}
			return nil
		},
	}
	// The first run ends exactly on a record's stamp: that record is the
	// next run's.
	rep, err := s.Run(context.Background(), day.AddDate(0, 0, 3))
	require.NoError(t, err)
	assert.Equal(t, 3, len(rep.Windows))
	assert.Zero(t, rep.Duplicates, "no window reads another's record")
	assert.Equal(t, 6, rep.Fetched)
	assert.NotContains(t, delivered, day.AddDate(0, 0, 3).Format("RK20060102150405"))
	rep, err = s.Run(context.Background(), day.AddDate(0, 0, 5))
	require.NoError(t, err)
	assert.Zero(t, rep.Duplicates)
	want := map[string]int{}
	for _, no := range all {
		want[no] = 1
	}
	assert.Equal(t, want, delivered)
}
