// Package apicheck holds the tests that guard the module's layering: no
// package under internal/ imports the root package, and no exported
// identifier outside internal/ has an internal type in its signature.
package apicheck
