// Command duijie signs, explains, sends and fakes the requests of the
// vendors this module speaks to.
//
//	duijie sign <mode> [flags]          print the signed string, the signature and the request
//	duijie explain [flags]              say why a captured request was refused
//	duijie call <vendor> <op> [flags]   send any operation through the SDK's raw Call
//	duijie fake [flags]                 serve every vendor fake on loopback until interrupted
//
// Credentials come from flags or DUIJIE_* environment variables; secrets
// print as [REDACTED] unless --show-secrets is given. Run any subcommand
// with -h for its flags.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, now: time.Now})
	stop()
	os.Exit(code)
}

// env is what a subcommand may touch: tests inject every part.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	// ready, when set, is told the fake's front address once it listens.
	ready func(addrs map[string]string)
}
