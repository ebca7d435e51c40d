package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
)

const usage = `duijie: sign, explain, call and fake the vendor APIs of github.com/duijie/duijie

usage:
  duijie sign <mode> [flags]         modes: wdt, qimen, jushuitan, jushuitan-legacy,
                                     kingdee, kingdee-login, honor, yihua, push
  duijie explain [flags]             why a captured request was refused
  duijie call <vendor> <op> [flags]  vendors: wdt, qimen, jushuitan, jushuitan-legacy,
                                     kingdee, honor, yihua
  duijie fake [flags]                serve every vendor fake on loopback

Run "duijie <command> -h" for a command's flags.
`

// errUsage marks an error already explained by a usage text.
var errUsage = errors.New("usage")

// run dispatches a command line and returns the exit code: 0 on success, 1
// when the work failed, 2 for a usage error.
func run(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "sign":
		err = runSign(args[1:], e)
	case "explain":
		err = runExplain(args[1:], e)
	case "call":
		err = runCall(ctx, args[1:], e)
	case "fake":
		err = runFake(ctx, args[1:], e)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(e.stdout, usage)
		return 0
	default:
		fmt.Fprintf(e.stderr, "duijie: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(e.stderr, "duijie %s: %v\n", args[0], err)
	return 1
}

// newFlagSet returns a flag set that writes its usage to w and does not
// exit.
func newFlagSet(name, synopsis string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {
		fmt.Fprintf(w, "usage: %s\n\nflags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning a parse error into errUsage (the flag
// package has already printed it with the usage).
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}
