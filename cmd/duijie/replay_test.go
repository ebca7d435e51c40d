package main

import (
	"flag"
	"io"
	"testing"
)

func TestTableReplay(t *testing.T) {
	for _, c := range []struct {
		vendor, op  string
		safe, known bool
	}{
		{"wdt", "trade_query.php", true, true},
		{"wdt", "trade_push.php", true, true}, // upsert by (shop_no, tid)
		{"wdt", "unknown_query.php", false, false},
		{"qimen", "wdt.trade.query", true, true},
		{"qimen", "trade_query.php", false, false},
		{"jushuitan", "/open/shops/query", true, true},
		{"jushuitan", "/open/jushuitan/orders/upload", false, true},
		{"jushuitan-legacy", "shops.query", true, true},
		{"kingdee", "ExecuteBillQuery", true, true},
		{"kingdee", "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery", true, true},
		{"kingdee", "Save", false, true},
		{"kingdee", "BatchSave", false, true},
		{"honor", "/openapi/vf/order/query", true, true},
		{"yihua", "TradeTransferToErp", false, true},
		{"yihua", "SomethingElse", false, false},
	} {
		safe, known := tableReplay(c.vendor, c.op)
		if safe != c.safe || known != c.known {
			t.Errorf("tableReplay(%s, %s) = %v, %v; want %v, %v", c.vendor, c.op, safe, known, c.safe, c.known)
		}
	}
}

func TestReplayForPrefersTheFlag(t *testing.T) {
	parse := func(args ...string) (*flag.FlagSet, bool) {
		fs := flag.NewFlagSet("call", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		v := fs.Bool("safe-to-replay", false, "")
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
		return fs, *v
	}
	fs, v := parse()
	if !replayFor(fs, v, "wdt", "trade_query.php") {
		t.Error("a typed read without the flag is not replayed")
	}
	if replayFor(fs, v, "yihua", "TradeTransferToErp") || replayFor(fs, v, "wdt", "unknown_query.php") {
		t.Error("a write the table marks unsafe, or an unknown operation, is replayed without the flag")
	}
	fs, v = parse("-safe-to-replay=false")
	if replayFor(fs, v, "wdt", "trade_query.php") {
		t.Error("--safe-to-replay=false did not win over the table")
	}
	fs, v = parse("-safe-to-replay")
	if !replayFor(fs, v, "wdt", "unknown_query.php") {
		t.Error("--safe-to-replay did not win for an unknown operation")
	}
}
