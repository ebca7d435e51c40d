package bench

import (
	"sort"
	"testing"
	"time"
)

// pairedCalls is how many calls of each side make one round.
const pairedCalls = 8

// paired measures sdk against bare in alternating rounds: each round times
// pairedCalls calls of one side and then of the other, and the order flips
// every round, so that a machine that slows down or speeds up during the
// run weighs on both sides alike. It reports the median of the per-round
// ratios sdk/bare ("ratio"), their interquartile range ("ratio-iqr"), and
// the mean time of one call of each side. Each function makes one call.
func paired(b *testing.B, sdk, bare func()) {
	b.Helper()
	// Warm both paths: connections, pools and caches.
	sdk()
	bare()
	var ratios []float64
	var sdkTotal, bareTotal time.Duration
	round := 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		first, second := sdk, bare
		if round%2 == 1 {
			first, second = bare, sdk
		}
		start := time.Now()
		for range pairedCalls {
			first()
		}
		d1 := time.Since(start)
		start = time.Now()
		for range pairedCalls {
			second()
		}
		d2 := time.Since(start)
		ds, db := d1, d2
		if round%2 == 1 {
			ds, db = d2, d1
		}
		ratios = append(ratios, float64(ds)/float64(db))
		sdkTotal += ds
		bareTotal += db
		round++
	}
	b.StopTimer()
	r := ratioStats(ratios)
	b.ReportMetric(r.median, "ratio")
	b.ReportMetric(r.iqr, "ratio-iqr")
	calls := float64(round * pairedCalls)
	b.ReportMetric(float64(sdkTotal.Nanoseconds())/calls, "sdk-ns/call")
	b.ReportMetric(float64(bareTotal.Nanoseconds())/calls, "bare-ns/call")
}

// stats are the median and interquartile range of some ratios.
type stats struct{ median, iqr float64 }

// ratioStats sorts ratios and returns their median and interquartile
// range (nearest rank).
func ratioStats(ratios []float64) stats {
	if len(ratios) == 0 {
		return stats{}
	}
	sort.Float64s(ratios)
	at := func(p float64) float64 { return ratios[int(p*float64(len(ratios)-1)+0.5)] }
	return stats{median: at(0.5), iqr: at(0.75) - at(0.25)}
}

func TestRatioStats(t *testing.T) {
	got := ratioStats([]float64{1.4, 1.0, 1.2, 1.1, 1.3})
	if got.median != 1.2 || got.iqr < 0.2-1e-9 || got.iqr > 0.2+1e-9 {
		t.Fatalf("median %v iqr %v, want 1.2 and 0.2", got.median, got.iqr)
	}
	if (ratioStats(nil) != stats{}) {
		t.Fatal("no ratios should give zero stats")
	}
}
