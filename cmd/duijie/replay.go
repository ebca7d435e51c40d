package main

import (
	"flag"
	"strings"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/yihua"
)

// tableReplay looks op up in the vendor's operation table and returns its
// replay rule; known is false when no typed operation has that address.
// The address is what "duijie call" takes: a WDT script or Qimen method, a
// Jushuitan path or legacy method, a Kingdee service with or without
// DynamicFormService's prefix, an Honor path, a Yihua method.
func tableReplay(vendor, op string) (safe, known bool) {
	var rows []duijie.Operation
	match := func(wire string) bool { return wire == op }
	switch vendor {
	case "wdt":
		rows = wangdiantong.Operations()
	case "qimen":
		rows = wangdiantong.Operations()
		match = func(wire string) bool { name, ok := wangdiantong.QimenMethod(wire); return ok && name == op }
	case "jushuitan", "jushuitan-legacy":
		rows = jushuitan.Operations()
	case "kingdee":
		rows = kingdee.Operations()
		match = func(wire string) bool {
			return wire == op || strings.TrimPrefix(wire, kingdee.DynamicFormService) == op
		}
	case "honor":
		rows = honor.Operations()
	case "yihua":
		rows = yihua.Operations()
	}
	for _, r := range rows {
		if match(r.Wire) {
			return r.SafeToReplay, true
		}
	}
	return false, false
}

// replayFor is the replay rule of a call: the --safe-to-replay flag when
// given, otherwise the operation table's rule for a typed operation, and
// false (never replayed) for any other.
func replayFor(fs *flag.FlagSet, flagValue bool, vendor, op string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "safe-to-replay" })
	if given {
		return flagValue
	}
	safe, _ := tableReplay(vendor, op)
	return safe
}
