package yihua

import (
	"bytes"
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/form"
	"github.com/duijie/duijie/internal/jsonx"
)

// referenceBody is the body encodeBody writes from credentials and
// transferParams: the generic path that transferBody must match byte for
// byte.
func referenceBody(t testing.TB, enc BodyEncoding, cred credentials, tr *Trade, th, audit int, proc Procedure) []byte {
	t.Helper()
	p := &transferParams{MasterXml: EncodeMaster(&tr.Master), DetailXml: EncodeDetails(tr.Details), PayXml: EncodePays(tr.Pays),
		TH: th, Audit: audit, StoredProcedureName: string(proc)}
	b, _, err := encodeBody(enc, []any{cred, p}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTransferBodyIsTheGenericBody(t *testing.T) {
	cred := credentials{PlatformID: "YHDT001", UserAccessToken: "tok-secret-1", UID: "u1"}
	for _, tr := range []*Trade{seedTrade(), {Master: seedTrade().Master, Details: manyDetails(50)}} {
		for _, enc := range []BodyEncoding{BodyJSON, BodyForm} {
			want := referenceBody(t, enc, cred, tr, 1, 0, ProcedureRetail)
			got := transferBody(enc, &cred, tr, 1, 0, ProcedureRetail)
			if !bytes.Equal(got, want) {
				t.Fatalf("encoding %d differs:\n%s\n%s", enc, got, want)
			}
			// Sized once: a buffer that had to grow would be about twice as big.
			if cap(got) > len(got)+len(got)/4+256 {
				t.Fatalf("encoding %d: body of %d bytes in a buffer of %d", enc, len(got), cap(got))
			}
		}
	}
}

func TestParamsShareOneBuffer(t *testing.T) {
	tr := &TransferRequest{Trade: seedTrade()}
	p, err := tr.params(operation("TransferTrade"))
	if err != nil {
		t.Fatal(err)
	}
	if p.MasterXml != golden(t, "seed_master.xml") || p.DetailXml != golden(t, "seed_detail.xml") || p.PayXml != golden(t, "seed_pay.xml") {
		t.Fatalf("documents differ from the seed:\n%s\n%s\n%s", p.MasterXml, p.DetailXml, p.PayXml)
	}
	if n := docsSize(tr.Trade); n < len(p.MasterXml)+len(p.DetailXml)+len(p.PayXml) {
		t.Fatalf("docsSize %d is short of the seed's %d bytes", n, len(p.MasterXml)+len(p.DetailXml)+len(p.PayXml))
	}
}

// FuzzTransferBody holds the direct body writer, and its JSON and form
// escapers, to encoding/json, url.QueryEscape and the generic body for
// any text: credentials that are not valid UTF-8 included.
func FuzzTransferBody(f *testing.F) {
	f.Add("YHDT001", "tok\"\\\n\b\f\x01", "备注\u2028\u2029", `"<&'>`, "79.8")
	f.Add("\xff\xe2\x80", "\xed\xa0\x80\xf4\x90\x80\x80", "\xe0\x80\x80 +%~", "\x00\t\r", "-0.00001")
	f.Fuzz(func(t *testing.T, s1, s2, s3, s4, amount string) {
		for _, s := range []string{s1, s2, s3, s4} {
			var want bytes.Buffer
			e := json.NewEncoder(&want)
			e.SetEscapeHTML(false)
			if err := e.Encode(s); err != nil {
				t.Fatal(err)
			}
			if got := jsonx.AppendString(nil, s); string(got)+"\n" != want.String() {
				t.Fatalf("JSON string of %q: %s, encoding/json %s", s, got, want.Bytes())
			}
			if got := appendText(nil, s, true); string(jsonx.AppendString(nil, string(appendEscaped(nil, s)))) != `"`+string(got)+`"` {
				t.Fatalf("JSON-escaped XML text of %q: %s", s, got)
			}
			if got, want := form.AppendEscaped(nil, s), url.QueryEscape(s); string(got) != want || form.EscapedLen(s) != len(want) {
				t.Fatalf("form value of %q: %s (%d), url.QueryEscape %s", s, got, form.EscapedLen(s), want)
			}
		}
		tr := seedTrade()
		tr.Master.Remark, tr.Master.BuyerName, tr.Details[0].Remark, tr.Pays[0].PayChannel = s3, s4, s3+s4, PayChannel(s4)
		if a, err := duijie.ParseAmount(amount); err == nil && len(amount) < 64 {
			tr.Master.FactMoney, tr.Details[1].Price = a, a
		}
		tr.Master.PayTime = duijie.Time{Time: time.Unix(int64(len(s1))*1e7, 0)}
		cred := credentials{PlatformID: s1, UserAccessToken: s2, UID: s3}
		for _, enc := range []BodyEncoding{BodyJSON, BodyForm} {
			want := referenceBody(t, enc, cred, tr, 0, 1, ProcedureSale)
			if got := transferBody(enc, &cred, tr, 0, 1, ProcedureSale); !bytes.Equal(got, want) {
				t.Fatalf("encoding %d differs:\n%q\n%q", enc, got, want)
			}
		}
	})
}
