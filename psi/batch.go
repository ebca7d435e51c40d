package psi

import (
	"slices"
	"strings"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
)

// PreviousDay returns the day before the one now falls on in China time:
// the day a nightly job that runs after midnight uploads.
func PreviousDay(now time.Time) duijie.Date { return duijie.DateOf(now).AddDays(-1) }

// DayOf returns the day t falls on in China time.
func DayOf(t time.Time) duijie.Date { return duijie.DateOf(t) }

// Batch is the nightly upload of one day: the wholesale documents whose
// business time falls on Day in China time, from 00:00 inclusive to the
// next midnight exclusive.
type Batch struct {
	// Day is the day uploaded.
	Day duijie.Date
	// Selection holds the records to upload and the lines skipped, for
	// the documents of Day only.
	Selection
	// OtherDays lists the numbers of documents given that do not fall on Day.
	OtherDays []string
}

// DailyBatch selects the documents of day among docs and applies the rules
// to them. Documents are taken in order of business time, then number, so
// the same input always gives the same batch.
func (s *Selector) DailyBatch(day duijie.Date, docs []Document) Batch {
	b := Batch{Day: day}
	start, end := day.Start(), day.AddDays(1).Start()
	var mine []Document
	for _, d := range docs {
		if d.Time.Before(start) || !d.Time.Before(end) {
			b.OtherDays = append(b.OtherDays, d.No)
			continue
		}
		mine = append(mine, d)
	}
	slices.SortStableFunc(mine, func(x, y Document) int {
		if c := x.Time.Compare(y.Time); c != 0 {
			return c
		}
		return strings.Compare(x.No, y.No)
	})
	b.Selection = s.Select(mine...)
	return b
}

// Requests cuts the records into upload calls of at most
// honor.MaxPSIBatch records, keeping a document's records in one call
// whenever they fit in one.
func (sel Selection) Requests() []honor.PSIUploadRequest {
	return chunk(sel.Records, honor.MaxPSIBatch)
}

func chunk(records []honor.PSIRecord, max int) []honor.PSIUploadRequest {
	var out []honor.PSIUploadRequest
	var cur []honor.PSIRecord
	for i := 0; i < len(records); {
		j := i
		for j < len(records) && records[j].DocNo == records[i].DocNo {
			j++
		}
		doc := records[i:j]
		if len(cur)+len(doc) > max && len(cur) > 0 {
			out = append(out, honor.PSIUploadRequest{Records: cur})
			cur = nil
		}
		for len(doc) > max {
			out = append(out, honor.PSIUploadRequest{Records: doc[:max:max]})
			doc = doc[max:]
		}
		cur = append(cur, doc...)
		i = j
	}
	if len(cur) > 0 {
		out = append(out, honor.PSIUploadRequest{Records: cur})
	}
	return out
}
