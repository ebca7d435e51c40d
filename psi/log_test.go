package psi

import (
	"errors"
	"reflect"
	"testing"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
)

func records(serials ...string) []honor.PSIRecord {
	sel := NewSelector(fullConfig)
	return sel.Select(doc("D1", honor.PSIWholesaleOut, "VF", enabledLine(serials...))).Records
}

func statuses(es []Entry) []Status {
	var out []Status
	for _, e := range es {
		out = append(out, e.Status)
	}
	return out
}

func TestApplyResults(t *testing.T) {
	day := DayOf(cst(2024, 3, 1, 0, 0, 0))
	recs := records("A", "B", "C", "D")
	log := NewEntries(day, recs)
	if !reflect.DeepEqual(statuses(log), []Status{StatusPending, StatusPending, StatusPending, StatusPending}) {
		t.Fatalf("new entries %v", statuses(log))
	}
	at := cst(2024, 3, 2, 1, 0, 0)
	resp := &honor.PSIUploadResponse{Results: []honor.PSIResult{
		{Index: 0, Key: recs[0].Key(), OK: true, Sent: true},
		{Index: 1, Key: recs[1].Key(), OK: true, Replaced: true, Sent: true},
		{Index: 2, Key: recs[2].Key(), Code: "E12", Message: "串号不存在", Sent: true},
		{Index: 3, Key: recs[3].Key()},
	}}
	got := Apply(log, recs, resp, errors.New("batch"), at)
	if !reflect.DeepEqual(statuses(got), []Status{StatusUploaded, StatusUploaded, StatusFailed, StatusNotSent}) {
		t.Errorf("statuses %v", statuses(got))
	}
	if log[0].Status != StatusPending {
		t.Error("Apply changed its input")
	}
	if !got[1].Replaced || got[0].Replaced || got[2].Code != "E12" || got[2].Message != "串号不存在" || got[3].Attempts != 0 || got[2].Attempts != 1 {
		t.Errorf("entries %+v", got)
	}
	if got[0].UploadedAt.String() != "2024-03-02 01:00:00" || !got[3].UploadedAt.IsZero() {
		t.Errorf("times %s / %s", got[0].UploadedAt, got[3].UploadedAt)
	}
	if got[3].Message != "not sent: an earlier upload call failed" {
		t.Errorf("not-sent message %q", got[3].Message)
	}

	// 补传 of what failed: C and D; the retry succeeds for both.
	again := Reupload(got, ReuploadFilter{Failed: true})
	if !reflect.DeepEqual(serialsOf(again), []string{"C", "D"}) {
		t.Fatalf("re-upload %v", serialsOf(again))
	}
	resp2 := &honor.PSIUploadResponse{Results: []honor.PSIResult{{Key: again[0].Key(), OK: true, Sent: true}, {Key: again[1].Key(), OK: true, Sent: true}}}
	got = Apply(got, again, resp2, nil, at)
	if !reflect.DeepEqual(statuses(got), []Status{StatusUploaded, StatusUploaded, StatusUploaded, StatusUploaded}) || got[2].Attempts != 2 || got[2].Code != "" {
		t.Errorf("after 补传: %v, %+v", statuses(got), got[2])
	}
	if Reupload(got, ReuploadFilter{Failed: true}) != nil {
		t.Error("nothing left to re-upload")
	}
}

func TestApplyCallFailure(t *testing.T) {
	recs := records("A", "B")
	log := NewEntries(duijie.Date{}, recs[:1])
	got := Apply(log, recs, nil, errors.New("honor: transport failure"), cst(2024, 3, 2, 1, 0, 0))
	if len(got) != 2 {
		t.Fatalf("a sent record missing from the log is added, got %d entries", len(got))
	}
	for _, e := range got {
		if e.Status != StatusFailed || e.Message != "honor: transport failure" || e.Attempts != 1 {
			t.Errorf("entry %+v", e)
		}
	}
	if got[1].Day.String() != "2024-03-01" {
		t.Errorf("added entry's day %s, want its document's", got[1].Day)
	}
	got = Apply(got, recs[:1], &honor.PSIUploadResponse{}, nil, cst(2024, 3, 2, 1, 0, 0))
	if got[0].Status != StatusUnconfirmed || got[0].Message != "no result for this record in Honor's answer: it may have arrived" || got[0].Attempts != 2 {
		t.Errorf("missing result: %+v", got[0])
	}
	// UploadPSIAll stopped at a call Honor refused: its records were sent,
	// with the call's error, and did not arrive.
	failed := &honor.PSIUploadResponse{Results: []honor.PSIResult{{Key: recs[0].Key(), Sent: true, Err: errors.New("honor: 502")}}}
	if got = Apply(got, recs[:1], failed, errors.New("whole"), cst(2024, 3, 2, 1, 0, 0)); got[0].Status != StatusFailed || got[0].Message != "honor: 502" || got[0].Attempts != 3 {
		t.Errorf("failed call: %+v", got[0])
	}
	if got = Apply(got, recs[:1], nil, nil, cst(2024, 3, 2, 1, 0, 0)); got[0].Message != "the call returned no result" {
		t.Errorf("nil error text %q", got[0].Message)
	}
}

func TestReuploadChoices(t *testing.T) {
	d1 := DayOf(cst(2024, 3, 1, 0, 0, 0))
	d2 := d1.AddDays(1)
	recs := records("A", "B", "C")
	other := NewSelector(fullConfig).Select(doc("D2", honor.PSIWholesaleReturn, "VF", enabledLine("Z"))).Records
	log := append(NewEntries(d1, recs), NewEntries(d2, other)...)
	log[0].Status, log[1].Status = StatusUploaded, StatusFailed
	cases := []struct {
		name string
		f    ReuploadFilter
		want []string
	}{
		{"failed", ReuploadFilter{Failed: true}, []string{"B"}},
		{"pending", ReuploadFilter{Pending: true}, []string{"C", "Z"}},
		{"chosen key, even uploaded", ReuploadFilter{Keys: []honor.PSIKey{recs[0].Key()}}, []string{"A"}},
		{"chosen document", ReuploadFilter{DocNos: []string{"D2"}}, []string{"Z"}},
		{"one day only", ReuploadFilter{Pending: true, Day: d1}, []string{"C"}},
		{"each once", ReuploadFilter{Failed: true, Keys: []honor.PSIKey{recs[1].Key()}, DocNos: []string{"D1"}}, []string{"A", "B", "C"}},
		{"nothing chosen", ReuploadFilter{}, nil},
	}
	for _, c := range cases {
		if got := serialsOf(Reupload(log, c.f)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// A record whose outcome is unknown is logged as sent but not confirmed,
// whether the answer left it out, the result says so, or the call failed in
// a way that may follow processing; re-upload (补传) covers it. A call that
// provably never left fails its records plainly.
func TestApplyUnconfirmed(t *testing.T) {
	recs := records("A", "B", "C")
	at := cst(2024, 3, 2, 1, 0, 0)
	lost := &duijie.TransportError{Vendor: "honor", Operation: "psi", Attempts: 1, MayHaveReachedServer: true, Err: errors.New("connection reset")}
	got := Apply(NewEntries(duijie.Date{}, recs), recs[:1], nil, lost, at)
	if got[0].Status != StatusUnconfirmed || got[0].Attempts != 1 {
		t.Errorf("lost answer: %+v", got[0])
	}
	unknown := &honor.PSIUploadResponse{Results: []honor.PSIResult{{Key: recs[1].Key(), Sent: true, Unknown: true, Err: lost}}}
	got = Apply(got, recs[1:2], unknown, lost, at)
	if got[1].Status != StatusUnconfirmed {
		t.Errorf("unknown result: %+v", got[1])
	}
	never := &duijie.TransportError{Vendor: "honor", Operation: "psi", Attempts: 1, MayHaveReachedServer: false, Err: errors.New("connection refused")}
	got = Apply(got, recs[2:], nil, never, at)
	if got[2].Status != StatusFailed {
		t.Errorf("never sent: %+v", got[2])
	}
	if s := serialsOf(Reupload(got, ReuploadFilter{Unconfirmed: true})); !reflect.DeepEqual(s, []string{"A", "B"}) {
		t.Errorf("unconfirmed: %v", s)
	}
	if s := serialsOf(Reupload(got, ReuploadFilter{Failed: true})); !reflect.DeepEqual(s, []string{"A", "B", "C"}) {
		t.Errorf("re-upload covers the unconfirmed records: %v", s)
	}
}

// ApplyAll reads UploadPSIAll's answer as Apply reads UploadPSI's.
func TestApplyAll(t *testing.T) {
	recs := records("A", "B")
	log := NewEntries(duijie.Date{}, recs)
	at := cst(2024, 3, 2, 1, 0, 0)
	results := []honor.PSIResult{{Index: 0, Key: recs[0].Key(), OK: true, Sent: true}, {Index: 1, Key: recs[1].Key()}}
	got := ApplyAll(log, recs, &honor.UploadPSIAllResponse{Results: results}, errors.New("batch"), at)
	want := Apply(log, recs, &honor.PSIUploadResponse{Results: results}, errors.New("batch"), at)
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(statuses(got), []Status{StatusUploaded, StatusNotSent}) {
		t.Errorf("ApplyAll %+v, Apply %+v", got, want)
	}
	// No response: every sent record takes the call's error.
	got = ApplyAll(log, recs, nil, errors.New("honor: transport failure"), at)
	if !reflect.DeepEqual(got, Apply(log, recs, nil, errors.New("honor: transport failure"), at)) || got[0].Status != StatusFailed {
		t.Errorf("no response: %+v", got)
	}
}
