// Package value holds the wire value types every vendor package shares:
// Amount for money and quantities, Time and Date in China Standard Time, and
// a flexible Int64 for ids that arrive as numbers or strings.
//
// Vendor packages re-export these as type aliases, so one implementation
// serves all of them.
package value
