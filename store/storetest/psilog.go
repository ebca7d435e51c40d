package storetest

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/psi"
)

// psiRecord returns a PSI record of a wholesale outbound.
func psiRecord(doc, serial string) honor.PSIRecord {
	return honor.PSIRecord{
		DocNo: doc, DocType: honor.PSIWholesaleOut, DocDate: duijie.NewTime(time.Date(2024, 3, 1, 15, 4, 5, 0, cst)),
		VFOrderNo: "VF001", WarehouseCode: "WH1", WarehouseName: "深圳仓", CustomerCode: "C001", CustomerName: "某某通讯",
		GoodsCode: "HW-P60", GoodsName: "荣耀 Magic6", Brand: "荣耀", Category: "手机", Serial: serial,
	}
}

// TestLogStore runs the suite of psi.LogStore: an empty log, exact round
// trips of every field, log order kept when entries are replaced, the last
// of one key in a call winning, the Day and Statuses filters, what
// CheckEntries refuses with nothing stored, a run and a re-upload (补传)
// through Apply and Reupload, and concurrent saves from two handles.
func TestLogStore(t *testing.T, open Opener[psi.LogStore]) {
	d1, d2 := duijie.Date{Year: 2024, Month: 3, Day: 1}, duijie.Date{Year: 2024, Month: 3, Day: 2}
	at := time.Date(2024, 3, 2, 1, 30, 0, 999, cst)
	entry := func(doc, serial string, day duijie.Date, st psi.Status) psi.Entry {
		return psi.Entry{Record: psiRecord(doc, serial), Day: day, Status: st}
	}
	keys := func(es []psi.Entry) string {
		var out []string
		for _, e := range es {
			out = append(out, e.Key().String())
		}
		return strings.Join(out, " ")
	}
	same := func(t *testing.T, got, want []psi.Entry) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("entries %q, want %q", keys(got), keys(want))
		}
		for i := range want {
			g, w := got[i], want[i]
			if jg, jw := jsonOf(t, g.Record), jsonOf(t, w.Record); jg != jw {
				t.Errorf("[%d] Record = %s, want %s", i, jg, jw)
			}
			sameTime(t, fmt.Sprintf("[%d] UploadedAt", i), g.UploadedAt.Time, w.UploadedAt.Time)
			if g.Day != w.Day || g.Status != w.Status || g.Attempts != w.Attempts || g.Replaced != w.Replaced || g.Code != w.Code || g.Message != w.Message {
				t.Errorf("[%d] = %v %q %d %v %q %q, want %v %q %d %v %q %q", i, g.Day, g.Status, g.Attempts, g.Replaced, g.Code, g.Message,
					w.Day, w.Status, w.Attempts, w.Replaced, w.Code, w.Message)
			}
		}
	}
	loadAll := func(t *testing.T, s psi.LogStore) []psi.Entry {
		t.Helper()
		es, err := s.LoadEntries(ctx(t), psi.LogQuery{})
		if err != nil {
			t.Fatal(err)
		}
		return es
	}

	t.Run("empty", func(t *testing.T) {
		if es := loadAll(t, open(t)()); len(es) != 0 {
			t.Fatalf("a new log has %d entries", len(es))
		}
	})

	t.Run("round trip", func(t *testing.T) {
		h := open(t)
		a, b := h(), h()
		full := entry("CK-1", "SN-1", d1, psi.StatusFailed)
		full.Attempts, full.UploadedAt, full.Replaced, full.Code, full.Message = 3, duijie.NewTime(at), true, "E102", "串号不存在\n第二行"
		want := []psi.Entry{full, entry("CK-1", "SN-2", duijie.Date{}, psi.StatusPending)}
		if err := a.SaveEntries(ctx(t), want...); err != nil {
			t.Fatal(err)
		}
		same(t, loadAll(t, a), want)
		same(t, loadAll(t, b), want)
	})

	t.Run("log order", func(t *testing.T) {
		s := open(t)()
		if err := s.SaveEntries(ctx(t), entry("CK-2", "B", d1, psi.StatusPending), entry("CK-1", "A", d1, psi.StatusPending), entry("CK-3", "C", d1, psi.StatusPending)); err != nil {
			t.Fatal(err)
		}
		done := entry("CK-1", "A", d1, psi.StatusUploaded)
		done.Attempts, done.UploadedAt = 1, duijie.NewTime(at)
		if err := s.SaveEntries(ctx(t), entry("CK-0", "Z", d2, psi.StatusPending), done); err != nil {
			t.Fatal(err)
		}
		same(t, loadAll(t, s), []psi.Entry{entry("CK-2", "B", d1, psi.StatusPending), done, entry("CK-3", "C", d1, psi.StatusPending), entry("CK-0", "Z", d2, psi.StatusPending)})
	})

	t.Run("last of a key wins", func(t *testing.T) {
		s := open(t)()
		if err := s.SaveEntries(ctx(t), entry("CK-1", "A", d1, psi.StatusPending), entry("CK-1", "A", d1, psi.StatusUnconfirmed)); err != nil {
			t.Fatal(err)
		}
		same(t, loadAll(t, s), []psi.Entry{entry("CK-1", "A", d1, psi.StatusUnconfirmed)})
	})

	t.Run("filters", func(t *testing.T) {
		s := open(t)()
		all := []psi.Entry{
			entry("CK-1", "A", d1, psi.StatusUploaded), entry("CK-1", "B", d1, psi.StatusFailed),
			entry("CK-2", "C", d2, psi.StatusUnconfirmed), entry("CK-2", "D", d2, psi.StatusFailed),
			entry("CK-3", "E", d2, psi.StatusNotSent),
		}
		if err := s.SaveEntries(ctx(t), all...); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name string
			q    psi.LogQuery
			want string
		}{
			{"day", psi.LogQuery{Day: d1}, "CK-1/A CK-1/B"},
			{"statuses", psi.LogQuery{Statuses: []psi.Status{psi.StatusFailed, psi.StatusNotSent}}, "CK-1/B CK-2/D CK-3/E"},
			{"both", psi.LogQuery{Day: d2, Statuses: []psi.Status{psi.StatusFailed}}, "CK-2/D"},
			{"none", psi.LogQuery{Day: d1, Statuses: []psi.Status{psi.StatusPending}}, ""},
		} {
			es, err := s.LoadEntries(ctx(t), c.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := keys(es); got != c.want {
				t.Errorf("%s: %q, want %q", c.name, got, c.want)
			}
		}
	})

	t.Run("refused", func(t *testing.T) {
		s := open(t)()
		for name, bad := range map[string]psi.Entry{
			"no document number": entry("", "A", d1, psi.StatusPending),
			"no serial":          entry("CK-1", "", d1, psi.StatusPending),
		} {
			err := s.SaveEntries(ctx(t), entry("CK-9", "OK", d1, psi.StatusPending), bad)
			var ve *duijie.ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("%s: SaveEntries = %v, want a *ValidationError", name, err)
			}
		}
		if es := loadAll(t, s); len(es) != 0 {
			t.Fatalf("after refused saves the log holds %q", keys(es))
		}
	})

	t.Run("run and re-upload", func(t *testing.T) {
		h := open(t)
		a, b := h(), h()
		recs := []honor.PSIRecord{psiRecord("CK-1", "A"), psiRecord("CK-1", "B")}
		if err := a.SaveEntries(ctx(t), psi.NewEntries(d1, recs)...); err != nil {
			t.Fatal(err)
		}
		// The nightly run's call is refused as a whole, before processing.
		log, err := b.LoadEntries(ctx(t), psi.LogQuery{Day: d1})
		if err != nil {
			t.Fatal(err)
		}
		log = psi.Apply(log, recs, nil, &duijie.ValidationError{Vendor: "honor", Field: "records", Rule: "required"}, at)
		if err := b.SaveEntries(ctx(t), log...); err != nil {
			t.Fatal(err)
		}
		failed, err := a.LoadEntries(ctx(t), psi.LogQuery{Statuses: []psi.Status{psi.StatusFailed}})
		if err != nil {
			t.Fatal(err)
		}
		again := psi.Reupload(failed, psi.ReuploadFilter{Failed: true})
		if len(again) != 2 || again[0].Key() != recs[0].Key() || again[1].Key() != recs[1].Key() {
			t.Fatalf("re-upload = %v, want both records in log order", again)
		}
		for _, e := range loadAll(t, a) {
			if e.Attempts != 1 || !e.UploadedAt.Equal(at) {
				t.Errorf("%s: %d attempts at %v, want 1 at %v", e.Key(), e.Attempts, e.UploadedAt.Time, at)
			}
		}
	})

	t.Run("concurrent", func(t *testing.T) {
		h := open(t)
		handles := []psi.LogStore{h(), h()}
		c := ctx(t)
		const workers, each = 6, 5
		var wg sync.WaitGroup
		errs := make(chan error, workers*each)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s := handles[w%len(handles)]
				for i := range each {
					errs <- s.SaveEntries(c, entry(fmt.Sprintf("CK-%d", w), fmt.Sprintf("SN-%d", i), d1, psi.StatusPending))
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
		if es := loadAll(t, handles[1]); len(es) != workers*each {
			t.Fatalf("%d entries kept, want %d", len(es), workers*each)
		}
	})
}
