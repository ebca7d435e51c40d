// Package bench holds the SDK's cross-vendor benchmarks: the cost of a call
// through the SDK next to a bare net/http call carrying the same bytes,
// streaming a million rows through an iterator, quota use under a vendor's
// rate limit, and the signers. BENCHMARKS.md at the repository root says
// how to run them and shows the last results.
package bench
