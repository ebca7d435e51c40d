//go:build !race

package chaos_test

// raceScale is 1 without the race detector: the flows run at full scale.
const raceScale = 1
