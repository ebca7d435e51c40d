package chaos_test

import (
	"context"
	"net/http"
	"sort"
	"testing"

	"github.com/duijie/duijie/duijietest"
)

// records is the scale of every chaos flow: 10,000, or 2,000 under the
// race detector (see raceScale), which looks for unsynchronised memory
// rather than for rare outcomes: the fault plan meets every fault on the
// first calls whatever the scale.
const records = 10000 / raceScale

// chaosClient is the HTTP client of every chaos test. It has no timeout: the
// late answers and cancels of the standard mix are played out by the kit's
// client transport, so no outcome depends on how fast the machine is.
func chaosClient() *http.Client { return &http.Client{Transport: duijietest.ClientTransport(nil)} }

// callContext is the context of one call: the standard mix may cancel it
// while the answer is on its way, as a caller giving up would.
func callContext() (context.Context, context.CancelFunc) {
	return duijietest.CancelableContext(context.Background())
}

// exactlyOnce checks that stored holds every key of want exactly once and
// nothing else, and on failure says how many were lost, duplicated or
// unexpected with the first ten keys of each, never the whole set.
func exactlyOnce(t *testing.T, what string, want, stored []string) {
	t.Helper()
	count := make(map[string]int, len(stored))
	for _, k := range stored {
		count[k]++
	}
	wanted := make(map[string]bool, len(want))
	var lost, dup, extra []string
	for _, k := range want {
		wanted[k] = true
		switch n := count[k]; {
		case n == 0:
			lost = append(lost, k)
		case n > 1:
			dup = append(dup, k)
		}
	}
	for k := range count {
		if !wanted[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	report := func(kind string, keys []string) {
		if len(keys) > 0 {
			t.Errorf("%s: %d of %d %s; first: %v", what, len(keys), len(want), kind, keys[:min(10, len(keys))])
		}
	}
	report("lost", lost)
	report("duplicated", dup)
	report("stored but never sent", extra)
}

// firstKeys returns at most ten keys, for a failure message.
func firstKeys(keys []string) []string { return keys[:min(10, len(keys))] }

// assertEveryFault checks that every fault of the standard mix was injected
// at least once, so a green run proves each of them was survived.
func assertEveryFault(t *testing.T, injected func(duijietest.FaultKind) int) {
	t.Helper()
	for _, k := range []duijietest.FaultKind{duijietest.FaultStatus, duijietest.FaultResetBefore, duijietest.FaultResetAfter,
		duijietest.FaultAnswerAfter, duijietest.FaultLateAnswer, duijietest.FaultCancelAfter} {
		if injected(k) == 0 {
			t.Errorf("no %s fault was injected", k)
		}
	}
}

// rerun runs round again on what the previous round reported, as a host's
// next scheduled run would, until nothing is left. Ten rounds in a row that
// settle nothing fail the test, with the first keys still left.
func rerun[T any](t *testing.T, what string, todo []T, key func(T) string, round func([]T) []T) {
	t.Helper()
	rounds, stalled := 0, 0
	for len(todo) > 0 && stalled < 10 {
		left := round(todo)
		rounds++
		if stalled++; len(left) < len(todo) {
			stalled = 0
		}
		todo = left
	}
	if len(todo) > 0 {
		keys := make([]string, len(todo))
		for i, v := range todo {
			keys[i] = key(v)
		}
		t.Fatalf("%s: %d still reported after %d re-runs, the last ten settling nothing; first: %v", what, len(todo), rounds, firstKeys(keys))
	}
	t.Logf("%s: everything reported was delivered within %d re-runs", what, rounds)
}

// chaosPlan is the fault plan of every chaos test: each fault of the
// standard mix once, in turn, on the first calls (so every run survives
// each of them however few calls it makes), then the seeded mix.
func chaosPlan(throttle duijietest.Fault) []duijietest.Rule {
	mix := duijietest.StandardMix(throttle)
	plan := make([]duijietest.Rule, 0, len(mix.Mix)+1)
	for _, c := range mix.Mix {
		plan = append(plan, duijietest.Rule{Fault: c.Fault, Count: 1})
	}
	return append(plan, mix)
}
