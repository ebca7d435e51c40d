// Package chaos holds the SDK's chaos tests: every write flow pushed through
// a fake that fails often, with the outcome checked from the fake's state;
// and the table of malformed inputs every operation must refuse before
// sending a byte.
package chaos
