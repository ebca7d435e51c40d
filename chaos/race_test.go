//go:build race

package chaos_test

// raceScale divides the chaos flows' scale under the race detector, which
// makes every call several times slower.
const raceScale = 5
