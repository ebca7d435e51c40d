// Package version holds the SDK version, which the root package exports and
// the transport sends in the User-Agent header.
package version

// Number is the SDK version.
const Number = "0.1.0"
