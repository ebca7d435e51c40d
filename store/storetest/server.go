package storetest

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
)

// Server returns the address of the test server that the environment
// variable names (DUIJIE_TEST_REDIS, DUIJIE_TEST_POSTGRES), which .ci/run
// sets after starting the server on loopback. When it is unset the test is
// skipped with a message naming the variable, except under CI (CI=true),
// where the test fails instead: CI runs every suite against a real server.
func Server(t testing.TB, env, what string) string {
	t.Helper()
	v := os.Getenv(env)
	if v != "" {
		return v
	}
	msg := env + " is not set: no " + what + " to test against (.ci/run starts one on 127.0.0.1 and sets it)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// UniqueName returns a name no other test uses, made of lower-case letters,
// digits and underscores after the prefix: a key prefix or a schema name
// that keeps parallel tests on one server apart.
func UniqueName(t testing.TB, prefix string) string {
	t.Helper()
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	return prefix + hex.EncodeToString(b[:])
}
