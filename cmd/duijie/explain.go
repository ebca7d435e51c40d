package main

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/push"
	"github.com/duijie/duijie/wangdiantong"
)

// report is what explain found.
type report struct {
	vendor   string
	causes   []string
	notes    []string
	expected [][2]string
}

func (r *report) cause(format string, a ...any) {
	r.causes = append(r.causes, fmt.Sprintf(format, a...))
}
func (r *report) note(format string, a ...any) { r.notes = append(r.notes, fmt.Sprintf(format, a...)) }
func (r *report) expect(label, v string)       { r.expected = append(r.expected, [2]string{label, v}) }

func (r *report) write(w io.Writer, red *redactor) {
	fmt.Fprintf(w, "%s\n", r.vendor)
	if len(r.causes) == 0 {
		fmt.Fprintln(w, "result: matches: the request is what the vendor expects")
	} else {
		fmt.Fprintf(w, "result: differs (%d cause(s))\n", len(r.causes))
	}
	for _, c := range r.causes {
		fmt.Fprintf(w, "cause: %s\n", red.apply(c))
	}
	for _, n := range r.notes {
		fmt.Fprintf(w, "note: %s\n", red.apply(n))
	}
	for _, e := range r.expected {
		fmt.Fprintf(w, "%s:\n  %s\n", e[0], red.apply(e[1]))
	}
}

// explainer checks a captured request of one vendor.
type explainer struct {
	creds []credSpec
	need  []string
	title string
	run   func(c *captured, cr *creds, now time.Time, r *report)
}

var explainers = map[string]explainer{
	"wdt":              {credWDT, []string{"secret"}, "wangdiantong openapi2", explainWDT},
	"qimen":            {credQimen, []string{"secret"}, "qimen", explainQimen},
	"jushuitan":        {credJST, []string{"app-secret"}, "jushuitan openapi v2", explainJST},
	"jushuitan-legacy": {credJSTLegacy, []string{"partner-key"}, "jushuitan legacy", explainJSTLegacy},
	"kingdee":          {credKingdee, []string{"appid", "app-secret"}, "kingdee", explainKingdee},
	"honor":            {credHonor, []string{"app-key"}, "honor default signer", explainHonor},
	"push":             {credPush, []string{"secret"}, "push (X-Duijie-Signature)", explainPush},
}

const explainUsage = `usage: duijie explain <vendor> (--dump FILE | --curl FILE | --url URL [--body TEXT]) [credential flags]

vendors: wdt, qimen, jushuitan, jushuitan-legacy, kingdee (signed headers and LoginBySign), honor, push

FILE may be - for stdin. The command recomputes what the vendor expects and
names what differs; "matches" means the request is right.
Run "duijie explain <vendor> -h" for the credential flags.
`

// runExplain is "duijie explain".
func runExplain(args []string, e *env) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		fmt.Fprint(e.stdout, explainUsage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	name := map[string]string{"wangdiantong": "wdt", "jst": "jushuitan", "jst-legacy": "jushuitan-legacy"}[args[0]]
	if name == "" {
		name = args[0]
	}
	ex, ok := explainers[name]
	if !ok {
		fmt.Fprintf(e.stderr, "duijie explain: unknown vendor %q\n\n%s", args[0], explainUsage)
		return errUsage
	}
	fs := newFlagSet("explain "+name, "duijie explain "+name+" (--dump FILE | --curl FILE | --url URL [--body TEXT]) [flags]", e.stderr)
	cr := addCreds(fs, ex.creds)
	show := fs.Bool("show-secrets", false, "print secrets instead of [REDACTED]")
	dump := fs.String("dump", "", "a raw HTTP request (request line, headers, blank line, body); - reads stdin")
	curl := fs.String("curl", "", "a file holding a curl command line; - reads stdin")
	rawURL := fs.String("url", "", "the request URL (with --body)")
	body := fs.String("body", "", "the request body (with --url)")
	method := fs.String("method", "POST", "the HTTP method (with --url)")
	contentType := fs.String("content-type", "", "the Content-Type (with --url; default: guessed from the body)")
	at := fs.Int64("at", 0, "the Unix time the request was sent (default now), for the timestamp window")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	cr.fill(fs, e.getenv)
	if err := cr.require(ex.need...); err != nil {
		return err
	}
	var c *captured
	var err error
	switch {
	case *dump != "":
		var b []byte
		if b, err = readSource(*dump, e.stdin); err == nil {
			c, err = parseDump(b)
		}
	case *curl != "":
		var b []byte
		if b, err = readSource(*curl, e.stdin); err == nil {
			c, err = parseCurl(string(b))
		}
	case *rawURL != "":
		var u *url.URL
		if u, err = url.Parse(*rawURL); err == nil {
			c = &captured{Method: strings.ToUpper(*method), URL: u, Header: map[string][]string{}, Body: []byte(*body)}
			if *contentType != "" {
				c.Header.Set("Content-Type", *contentType)
			}
		}
	default:
		fs.Usage()
		return errUsage
	}
	if err != nil {
		return err
	}
	now := e.now()
	if *at != 0 {
		now = time.Unix(*at, 0)
	}
	r := &report{vendor: ex.title}
	ex.run(c, cr, now, r)
	r.write(e.stdout, newRedactor(*show, cr.secrets()...))
	return nil
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// variant is one known mistake: the signature it would have produced.
type variant struct {
	cause string
	sign  func() string
}

// firstMatch returns the cause of the first variant whose signature is got.
func firstMatch(got string, vs []variant) (string, bool) {
	for _, v := range vs {
		if s := v.sign(); s != "" && s == got {
			return v.cause, true
		}
	}
	return "", false
}

// params is a form-based request's parameters and where they were.
type params struct {
	all       map[string]string
	inQuery   []string
	inForm    []string
	bodyOrder []string
	sign      string
	badUTF8   []string
}

// formParams merges the query and the form (the form wins) without "sign".
func formParams(c *captured) (*params, error) {
	form, bad, err := c.form()
	if err != nil {
		return nil, fmt.Errorf("the body is not a valid form: %w", err)
	}
	p := &params{all: map[string]string{}, badUTF8: bad}
	for k, vs := range c.query() {
		p.all[k] = vs[0]
		p.inQuery = append(p.inQuery, k)
	}
	for k, vs := range form {
		p.all[k] = vs[0]
		p.inForm = append(p.inForm, k)
	}
	sort.Strings(p.inQuery)
	sort.Strings(p.inForm)
	if c.isForm() {
		for _, kv := range strings.Split(strings.TrimSpace(string(c.Body)), "&") {
			k, _, _ := strings.Cut(kv, "=")
			if k, err := url.QueryUnescape(k); err == nil && k != "sign" {
				p.bodyOrder = append(p.bodyOrder, k)
			}
		}
	}
	p.sign = p.all["sign"]
	delete(p.all, "sign")
	return p, nil
}

func without(m map[string]string, drop ...string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	for _, d := range drop {
		delete(out, d)
	}
	return out
}

func only(m map[string]string, keep []string) map[string]string {
	out := map[string]string{}
	for _, k := range keep {
		if k != "sign" {
			out[k] = m[k]
		}
	}
	return out
}

// jsonForms returns other encodings of a JSON text that a client may have
// signed before re-encoding it: compact, with or without HTML escapes,
// with non-ASCII escaped or raw, with a trailing newline.
func jsonForms(s string) []string {
	t := strings.TrimSpace(s)
	if t == "" || (t[0] != '{' && t[0] != '[') {
		return nil
	}
	var out []string
	add := func(x string) {
		if x != s {
			out = append(out, x)
		}
	}
	var buf bytes.Buffer
	if json.Compact(&buf, []byte(s)) == nil {
		add(buf.String())
	}
	var v any
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	if dec.Decode(&v) == nil {
		if b, err := marshalNoEscape(v); err == nil {
			add(string(b))
			add(asciiJSON(b))
			var ind bytes.Buffer
			if json.Indent(&ind, b, "", "  ") == nil {
				add(ind.String())
			}
		}
		if b, err := json.Marshal(v); err == nil {
			add(string(b))
		}
	}
	html := strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&")
	add(html.Replace(s))
	add(strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`).Replace(s))
	add(s + "\n")
	add(strings.TrimRight(s, "\n"))
	return out
}

// commonVariants are the mistakes any key-value signer can make.
func commonVariants(p *params, sign func(map[string]string) string) []variant {
	var vs []variant
	if len(p.inQuery) > 0 && len(p.inForm) > 0 {
		vs = append(vs,
			variant{fmt.Sprintf("only the form body was signed; the query-string parameters %v were left out, but the server signs every parameter it receives (query and form)", p.inQuery),
				func() string { return sign(only(p.all, p.inForm)) }},
			variant{fmt.Sprintf("only the query string was signed; the form parameters %v were left out", p.inForm),
				func() string { return sign(only(p.all, p.inQuery)) }})
	}
	vs = append(vs, variant{"the values were URL-escaped before signing: sign the raw values, then URL-encode the form", func() string {
		esc := map[string]string{}
		for k, v := range p.all {
			esc[k] = url.QueryEscape(v)
		}
		return sign(esc)
	}})
	keys := make([]string, 0, len(p.all))
	for k := range p.all {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vs = append(vs, variant{fmt.Sprintf("parameter %q is sent but was not signed (added after signing): sign every parameter you send", k),
			func() string { return sign(without(p.all, k)) }})
		for _, alt := range jsonForms(p.all[k]) {
			vs = append(vs, variant{fmt.Sprintf("the body changed after signing: %q was signed as %s but sent as %s; sign the exact text you send", k, clip(alt), clip(p.all[k])),
				func() string { m := without(p.all); m[k] = alt; return sign(m) }})
		}
	}
	return vs
}

func clip(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		return strconv.Quote(string([]rune(s)[:60]) + "…")
	}
	return strconv.Quote(s)
}

// checkMissing reports required parameters that are absent.
func checkMissing(p *params, r *report, required ...string) {
	for _, k := range required {
		if _, ok := p.all[k]; !ok && !(k == "sign" && p.sign != "") {
			r.cause("parameter %q is missing", k)
		}
	}
}

// checkUnix checks a Unix-seconds timestamp against the clock.
func checkUnix(name, v string, now time.Time, window time.Duration, r *report) {
	if v == "" {
		return
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		r.cause("%s %q is not a Unix time in seconds", name, v)
		return
	}
	if len(v) >= 13 {
		r.cause("%s %s is in milliseconds; the vendor wants seconds (%d)", name, v, n/1000)
		n /= 1000
	}
	checkSkew(name, time.Unix(n, 0), now, window, r)
}

func checkSkew(name string, t, now time.Time, window time.Duration, r *report) {
	d := now.Sub(t)
	switch {
	case d > window:
		r.cause("%s is %s behind the clock, outside the vendor's ±%s window", name, d.Round(time.Second), window)
	case -d > window:
		r.cause("%s is %s ahead of the clock, outside the vendor's ±%s window", name, (-d).Round(time.Second), window)
	}
}

func checkUTF8(p *params, r *report) {
	if len(p.badUTF8) > 0 {
		r.cause("the values of %v are not UTF-8 (GBK?): encode the form as UTF-8 and say charset=utf-8", p.badUTF8)
	}
}

// resolve records the expected signature and, when it differs, the cause.
func resolve(r *report, got, want string, vs []variant, hint string) {
	r.expect("expected sign", want)
	if got == "" {
		r.cause("the request carries no signature")
		return
	}
	if got == want {
		return
	}
	r.expect("sent sign", got)
	if cause, ok := firstMatch(got, vs); ok {
		r.cause("%s", cause)
		return
	}
	r.cause("the signature differs and matches none of the usual mistakes: %s", hint)
}

// packWDT is the openapi2 signed string with a length rule and key order.
func packWDT(p map[string]string, order []string, length func(string) int) string {
	var b strings.Builder
	for i, k := range order {
		if i > 0 {
			b.WriteByte(';')
		}
		fmt.Fprintf(&b, "%02d-%s:%04d-%s", length(k), k, length(p[k]), p[k])
	}
	return b.String()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func explainWDT(c *captured, cr *creds, now time.Time, r *report) {
	p, err := formParams(c)
	if err != nil {
		r.cause("%v", err)
		return
	}
	if c.Method != "POST" {
		r.cause("the method is %s; openapi2 takes a form POST", c.Method)
	}
	checkUTF8(p, r)
	checkMissing(p, r, "sid", "appkey", "timestamp", "sign")
	if want := cr.get("appkey"); want != "" && p.all["appkey"] != "" && p.all["appkey"] != want {
		r.cause("appkey %q is not the credentials' %q", p.all["appkey"], want)
	}
	if want := cr.get("sid"); want != "" && p.all["sid"] != "" && p.all["sid"] != want {
		r.cause("sid %q is not the credentials' %q", p.all["sid"], want)
	}
	script := path.Base(c.URL.Path)
	if !strings.HasSuffix(script, ".php") {
		r.cause("the URL names %q: openapi2 methods are scripts such as trade_query.php (the name with .php, under /openapi2/)", script)
	}
	if len(p.inQuery) > 0 {
		r.note("parameters %v are in the query string; the server signs them too, but the SDK sends everything in the form", p.inQuery)
	}
	checkUnix("timestamp", p.all["timestamp"], now, 5*time.Minute, r)
	secret := cr.get("secret")
	sign := func(m map[string]string) string { return wangdiantong.SignOpenAPI(m, secret) }
	want := sign(p.all)
	r.expect("expected signed string", wangdiantong.OpenAPISigningString(p.all)+"<app_secret>")
	keys := sortedKeys(p.all)
	vs := []variant{
		{"the sign is upper-case hex; openapi2 compares lower-case", func() string { return strings.ToUpper(want) }},
		{"lengths were counted in UTF-8 bytes; openapi2 counts characters", func() string {
			return md5hex(packWDT(p.all, keys, func(s string) int { return len(s) }) + secret)
		}},
		{"lengths were counted in UTF-16 units (Java String.length); openapi2 counts characters, which differ for emoji", func() string {
			return md5hex(packWDT(p.all, keys, func(s string) int { return len(utf16.Encode([]rune(s))) }) + secret)
		}},
		{"the parameters were not sorted by key before signing", func() string {
			if len(p.bodyOrder) != len(keys) {
				return ""
			}
			return md5hex(packWDT(p.all, p.bodyOrder, utf8.RuneCountInString) + secret)
		}},
		{"the secret was put in front of the signed string; openapi2 appends it at the end", func() string {
			return md5hex(secret + wangdiantong.OpenAPISigningString(p.all))
		}},
		{"the secret was put at both ends (the Qimen/TOP rule); openapi2 appends it once at the end", func() string {
			return md5hex(secret + wangdiantong.OpenAPISigningString(p.all) + secret)
		}},
		{"the TOP rule (md5(secret+k1v1...+secret), upper case) was used; openapi2 has its own length-prefixed rule", func() string {
			return strings.ToUpper(wangdiantong.SignQimen(p.all, secret, wangdiantong.SignMD5))
		}},
	}
	resolve(r, p.sign, want, append(vs, commonVariants(p, sign)...), "check the app secret and that it belongs to this appkey")
}

// qimenKnown are the Qimen names of the SDK's typed operations.
var qimenKnown = func() map[string]bool {
	m := map[string]bool{}
	for _, op := range wangdiantong.Operations() {
		if name, ok := wangdiantong.QimenMethod(op.Wire); ok {
			m[name] = true
		}
	}
	return m
}()

func explainQimen(c *captured, cr *creds, now time.Time, r *report) {
	p, err := formParams(c)
	if err != nil {
		r.cause("%v", err)
		return
	}
	checkUTF8(p, r)
	checkMissing(p, r, "method", "app_key", "timestamp", "sign")
	if want := cr.get("app-key"); want != "" && p.all["app_key"] != "" && p.all["app_key"] != want {
		r.cause("app_key %q is not the credentials' %q", p.all["app_key"], want)
	}
	if m := p.all["method"]; m != "" && !qimenKnown[m] {
		if i := strings.Index(m, ".wdt."); i > 0 && qimenKnown[m[i+1:]] {
			r.note("method %q carries the routing prefix; the SDK sends %q", m, m[i+1:])
		} else if strings.HasPrefix(m, "wdt.") || !strings.Contains(m, ".") {
			r.cause("method %q is not a Qimen method name the SDK knows (e.g. wdt.trade.query, wdt.trade.push); the gateway answers Invalid method", m)
		}
	}
	if ts := p.all["timestamp"]; ts != "" {
		if t, err := time.ParseInLocation(layoutDateTime, ts, cst); err == nil {
			if d := now.Sub(t) - 8*time.Hour; d < 10*time.Minute && d > -10*time.Minute && now.Sub(t) > 10*time.Minute {
				r.cause("timestamp %q is UTC; Qimen wants China time (UTC+8)", ts)
			} else {
				checkSkew("timestamp", t, now, 10*time.Minute, r)
			}
		} else if n, err := strconv.ParseInt(ts, 10, 64); err == nil && len(ts) >= 13 {
			checkSkew("timestamp", time.UnixMilli(n), now, 10*time.Minute, r)
		} else {
			r.cause("timestamp %q is not \"yyyy-MM-dd HH:mm:ss\"", ts)
		}
	}
	method := wangdiantong.SignMethod(p.all["sign_method"])
	if method == "" {
		method = wangdiantong.SignMD5
		r.note("sign_method is absent; md5 is assumed")
	}
	secret := cr.get("secret")
	if wangdiantong.SignQimen(nil, "", method) == "" {
		r.cause("sign_method %q is not md5, hmac or hmac-sha256", method)
		return
	}
	sign := func(m map[string]string) string { return wangdiantong.SignQimen(m, secret, method) }
	want := sign(p.all)
	str := wangdiantong.QimenSigningString(p.all)
	if method == wangdiantong.SignMD5 {
		str = "<secret>" + str + "<secret>"
	}
	r.expect("expected signed string", str)
	vs := []variant{{"the sign is lower-case hex; Qimen compares upper-case", func() string { return strings.ToLower(want) }}}
	for _, m := range []wangdiantong.SignMethod{wangdiantong.SignMD5, wangdiantong.SignHMAC, wangdiantong.SignHMACSHA256} {
		if m != method {
			vs = append(vs, variant{fmt.Sprintf("the request says sign_method=%s but was signed with %s", method, m),
				func() string { return wangdiantong.SignQimen(p.all, secret, m) }})
		}
	}
	plain := wangdiantong.QimenSigningString(p.all)
	vs = append(vs,
		variant{"the secret was put only in front; md5 wraps the string in the secret at both ends", func() string { return strings.ToUpper(md5hex(secret + plain)) }},
		variant{"the secret was put only at the end; md5 wraps the string in the secret at both ends", func() string { return strings.ToUpper(md5hex(plain + secret)) }},
		variant{"the openapi2 rule was used; Qimen signs with the TOP rule (key+value concatenated, secret at both ends)", func() string { return wangdiantong.SignOpenAPI(p.all, secret) }},
	)
	resolve(r, p.sign, want, append(vs, commonVariants(p, sign)...), "check the Qimen app secret (not the openapi2 secret)")
}

func explainJST(c *captured, cr *creds, now time.Time, r *report) {
	p, err := formParams(c)
	if err != nil {
		r.cause("%v", err)
		return
	}
	if c.Method != "POST" {
		r.cause("the method is %s; openapi v2 takes a form POST", c.Method)
	}
	checkUTF8(p, r)
	if len(p.inQuery) > 0 {
		r.cause("parameters %v are in the query string; openapi v2 reads every parameter from the form body (application/x-www-form-urlencoded)", p.inQuery)
	}
	token := strings.HasPrefix(c.URL.Path, "/openWeb/auth/")
	if token {
		checkMissing(p, r, "app_key", "timestamp", "charset", "grant_type", "sign")
	} else {
		checkMissing(p, r, "app_key", "access_token", "timestamp", "version", "charset", "biz", "sign")
		if v, ok := p.all["version"]; ok && v != "2" {
			r.cause("version is %q; it must be 2", v)
		}
		if b, ok := p.all["biz"]; ok && !json.Valid([]byte(b)) {
			r.cause("biz is not valid JSON (send {} when the operation takes no parameters)")
		}
		if !strings.HasPrefix(c.URL.Path, "/open/") {
			r.cause("the path %q is not an openapi v2 operation path (/open/...); a legacy method name such as shops.query belongs to query.aspx", c.URL.Path)
		}
		if _, ok := p.all["method"]; ok {
			r.cause("a \"method\" parameter is sent: that is the legacy API; openapi v2 names the operation in the path")
		}
	}
	if v, ok := p.all["charset"]; ok && strings.ToLower(v) != "utf-8" {
		r.cause("charset is %q; it must be utf-8", v)
	}
	if want := cr.get("app-key"); want != "" && p.all["app_key"] != "" && p.all["app_key"] != want {
		r.cause("app_key %q is not the credentials' %q", p.all["app_key"], want)
	}
	checkUnix("timestamp", p.all["timestamp"], now, 10*time.Minute, r)
	secret := cr.get("app-secret")
	sign := func(m map[string]string) string { return jushuitan.SignOpenAPI(secret, m) }
	want := sign(p.all)
	str := jushuitan.OpenAPISigningString(p.all)
	r.expect("expected signed string", "<app_secret>"+str)
	vs := []variant{
		{"the sign is upper-case hex; openapi v2 compares lower-case", func() string { return strings.ToUpper(want) }},
		{"the secret was put at both ends and the hex upper-cased (the Taobao rule); openapi v2 puts the secret only in front, lower-case", func() string { return strings.ToUpper(md5hex(secret + str + secret)) }},
		{"the secret was put at both ends (the Taobao rule); openapi v2 puts it only in front", func() string { return md5hex(secret + str + secret) }},
		{"the secret was appended; openapi v2 puts it in front", func() string { return md5hex(str + secret) }},
	}
	resolve(r, p.sign, want, append(vs, commonVariants(p, sign)...), "check the app secret of this app_key")
}

func explainJSTLegacy(c *captured, cr *creds, now time.Time, r *report) {
	q := c.query()
	form, _, _ := c.form()
	get := func(k string) string {
		if v := q.Get(k); v != "" {
			return v
		}
		if v := form.Get(k); v != "" {
			r.cause("%q is in the body; the legacy API reads method, partnerid, token, ts and sign from the query string and the JSON body holds only the business parameters", k)
			return v
		}
		r.cause("parameter %q is missing from the query string", k)
		return ""
	}
	method, pid, tok, ts, got := get("method"), get("partnerid"), get("token"), get("ts"), get("sign")
	if want := cr.get("partner-id"); want != "" && pid != "" && pid != want {
		r.cause("partnerid %q is not the credentials' %q", pid, want)
	}
	if want := cr.get("token"); want != "" && tok != "" && tok != want {
		r.cause("token is not the credentials' token")
	}
	if strings.HasPrefix(method, "/") || strings.HasPrefix(method, "jst.") {
		r.cause("method %q is not a legacy method name (e.g. shops.query, jushuitan.orders.upload)", method)
	}
	checkUnix("ts", ts, now, 10*time.Minute, r)
	key := cr.get("partner-key")
	want := jushuitan.SignLegacy(method, pid, tok, ts, key)
	r.expect("expected signed string", jushuitan.LegacySigningString(method, pid, tok, ts)+"<partner_key>")
	vs := []variant{
		{"the sign is upper-case hex; the legacy API compares lower-case", func() string { return strings.ToUpper(want) }},
		{"the labels were left out: the signed string is method + partnerid + \"token\" + token + \"ts\" + ts + partnerkey", func() string { return md5hex(method + pid + tok + ts + key) }},
		{"ts was signed before token; the order is token then ts", func() string { return md5hex(method + pid + "ts" + ts + "token" + tok + key) }},
		{"the body was signed too; the legacy sign covers only the query parameters", func() string {
			return md5hex(jushuitan.LegacySigningString(method, pid, tok, ts) + string(c.Body) + key)
		}},
	}
	for _, m := range []string{strings.TrimPrefix(method, "jst."), "jushuitan." + method, strings.TrimPrefix(method, "jushuitan."), "/open/" + strings.ReplaceAll(method, ".", "/")} {
		if m != method {
			vs = append(vs, variant{fmt.Sprintf("the sign was computed for method %q but the request sends method %q", m, method),
				func() string { return jushuitan.SignLegacy(m, pid, tok, ts, key) }})
		}
	}
	resolve(r, got, want, vs, "check the partnerkey")
}

func explainKingdee(c *captured, cr *creds, now time.Time, r *report) {
	if strings.Contains(c.URL.Path, "AuthService.LoginBySign") {
		explainKingdeeLogin(c, cr, now, r)
		return
	}
	r.vendor = "kingdee auth 2.0 headers"
	h := c.Header
	appID, secret := cr.get("appid"), cr.get("app-secret")
	for _, k := range []string{kingdee.HeaderClientID, kingdee.HeaderTimestamp, kingdee.HeaderNonce, kingdee.HeaderSignature, kingdee.HeaderAppKey, kingdee.HeaderAppData, kingdee.HeaderKdSignature} {
		if h.Get(k) == "" {
			r.cause("header %s is missing", k)
		}
	}
	if v := h.Get(kingdee.HeaderAppKey); v != "" && v != appID {
		r.cause("X-Kd-Appkey %q is not the AppID %q", v, appID)
	}
	clientID, clientSecret, err := kingdee.SplitAppID(appID)
	if err != nil {
		r.cause("the AppID: %v", err)
		return
	}
	if v := h.Get(kingdee.HeaderClientID); v != "" && v != clientID {
		r.cause("X-Api-ClientID %q is not the AppID's client id %q (the part before _)", v, clientID)
	}
	rawData, err := base64Std.DecodeString(h.Get(kingdee.HeaderAppData))
	data := string(rawData)
	if err != nil {
		r.cause("X-Kd-Appdata is not base64: it carries base64 of \"AcctID,UserName,LCID,OrgNum\"")
	} else if parts := strings.Split(data, ","); len(parts) != 4 {
		r.cause("X-Kd-Appdata decodes to %q; it must be \"AcctID,UserName,LCID,OrgNum\"", data)
	} else {
		if want := cr.get("acct-id"); want != "" && parts[0] != want {
			r.cause("the AcctID in X-Kd-Appdata is %q, not %q (a wrong AcctID fails with \"Fail to verify thirty passport\")", parts[0], want)
		}
		if want := cr.get("username"); want != "" && parts[1] != want {
			r.cause("the UserName in X-Kd-Appdata is %q, not %q (the site answers 会话信息已丢失)", parts[1], want)
		}
	}
	ts, nonce := h.Get(kingdee.HeaderTimestamp), h.Get(kingdee.HeaderNonce)
	if n, err := strconv.ParseInt(ts, 10, 64); err == nil {
		t := time.Unix(n, 0)
		if len(ts) >= 13 {
			t = time.UnixMilli(n)
			r.note("x-api-timestamp is in milliseconds, as the Java SDK sends; sites accept seconds or milliseconds")
		}
		if d := now.Sub(t); d > 10*time.Minute || d < -10*time.Minute {
			r.note("x-api-timestamp is %s from the clock; a direct site ignores that, the public gateway refuses it (errcode 4006)", d.Round(time.Second))
		}
	} else if ts != "" {
		r.cause("x-api-timestamp %q is not a Unix time", ts)
	}
	// X-Kd-Signature.
	wantKd := kingdee.HMACHexBase64(appID+data, secret)
	r.expect("expected X-Kd-Signature signed string", appID+data)
	resolveNamed(r, "X-Kd-Signature", h.Get(kingdee.HeaderKdSignature), wantKd, []variant{
		{"X-Kd-Signature signed AppID + the base64 of the app data; it signs AppID + the raw \"AcctID,UserName,LCID,OrgNum\"", func() string {
			return kingdee.HMACHexBase64(appID+h.Get(kingdee.HeaderAppData), secret)
		}},
		{"X-Kd-Signature was keyed with the client secret from the AppID; it is keyed with the AppSecret", func() string { return kingdee.HMACHexBase64(appID+data, clientSecret) }},
		{"X-Kd-Signature signed the client id, not the full AppID", func() string { return kingdee.HMACHexBase64(clientID+data, secret) }},
	}, "check the AppSecret (it answers 会话信息已丢失 when wrong)")
	// X-Api-Signature.
	enc := kingdee.EncodePath(c.URL.Path)
	str := kingdee.StringToSign(enc, nonce, ts)
	wantAPI := kingdee.HMACHexBase64(str, clientSecret)
	part := appID[strings.IndexByte(appID, '_')+1:]
	r.expect("expected X-Api-Signature signed string", quoteNL(str))
	resolveNamed(r, "X-Api-Signature", h.Get(kingdee.HeaderSignature), wantAPI, []variant{
		{"X-Api-Signature was keyed with the AppID's secret part as it is; it must be base64-decoded, XOR-ed with the SDK key and base64-encoded again (kingdee.DecodeAppSecret)", func() string { return kingdee.HMACHexBase64(str, part) }},
		{"X-Api-Signature was keyed with the AppSecret; it is keyed with the client secret decoded from the AppID", func() string { return kingdee.HMACHexBase64(str, secret) }},
		{"the path was signed without percent-encoding; it is signed URL-encoded with / as %2F", func() string {
			return kingdee.HMACHexBase64(kingdee.StringToSign(c.URL.Path, nonce, ts), clientSecret)
		}},
		{"the whole URL was signed; only the path after the host is", func() string {
			return kingdee.HMACHexBase64(kingdee.StringToSign(kingdee.EncodePath(c.URL.String()), nonce, ts), clientSecret)
		}},
		{"the timestamp was signed in seconds but sent in milliseconds (or the other way round)", func() string {
			n, _ := strconv.ParseInt(ts, 10, 64)
			alt := strconv.FormatInt(n/1000, 10)
			if len(ts) < 13 {
				alt = strconv.FormatInt(n*1000, 10)
			}
			return kingdee.HMACHexBase64(kingdee.StringToSign(enc, alt, alt), clientSecret)
		}},
		{"timestamp and nonce were swapped in the signed string: it is x-api-nonce first, then x-api-timestamp", func() string {
			return kingdee.HMACHexBase64("POST\n"+enc+"\n\nx-api-timestamp:"+ts+"\nx-api-nonce:"+nonce+"\n", clientSecret)
		}},
	}, "check the AppID")
	if len(r.causes) == 0 {
		r.note("if the site still answers 会话信息已丢失, the signature is right: check that UserName, AcctID and LCID match the 第三方系统登录授权 record")
	}
}

// resolveNamed is resolve for one of several signatures of a request.
func resolveNamed(r *report, name, got, want string, vs []variant, hint string) {
	r.expect("expected "+name, want)
	switch {
	case got == "":
		return
	case got == want:
		return
	}
	r.expect("sent "+name, got)
	if cause, ok := firstMatch(got, vs); ok {
		r.cause("%s", cause)
		return
	}
	r.cause("%s differs and matches none of the usual mistakes: %s", name, hint)
}

func explainKingdeeLogin(c *captured, cr *creds, now time.Time, r *report) {
	r.vendor = "kingdee LoginBySign"
	var body struct {
		Parameters json.RawMessage `json:"parameters"`
	}
	var ps []any
	if err := json.Unmarshal(c.Body, &body); err == nil && len(body.Parameters) > 0 {
		raw := body.Parameters
		var s string
		if json.Unmarshal(raw, &s) == nil {
			raw = json.RawMessage(s)
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		_ = dec.Decode(&ps)
	}
	if len(ps) < 6 {
		r.cause("the body must be {\"parameters\":[acctID, username, appId, timestamp, sign, lcid]}")
		return
	}
	str := func(v any) string { return fmt.Sprint(v) }
	acct, user, appID, ts, got := str(ps[0]), str(ps[1]), str(ps[2]), str(ps[3]), str(ps[4])
	secret := cr.get("app-secret")
	if want := cr.get("appid"); appID != want {
		r.cause("appId %q is not the credentials' AppID %q", appID, want)
	}
	if len(ts) >= 13 {
		r.cause("the timestamp %s is in milliseconds; LoginBySign takes Unix seconds", ts)
	} else {
		checkUnix("timestamp", ts, now, 10*time.Minute, r)
	}
	want := kingdee.LoginSign(false, acct, user, appID, secret, ts)
	r.expect("expected signed string", "sorted and joined: "+acct+", "+user+", "+appID+", <app_secret>, "+ts)
	resolve(r, got, want, []variant{
		{"the sign is SHA-1; servers from 8.0.0.202205 want SHA-256 (SHA-1 only for older ones)", func() string { return kingdee.LoginSign(true, acct, user, appID, secret, ts) }},
		{"the sign is upper-case hex; it is lower-case", func() string { return strings.ToUpper(want) }},
		{"the values were joined in parameter order; they are sorted first", func() string {
			s := sha256hex(acct + user + appID + secret + ts)
			return s
		}},
	}, "check the AppSecret and the AppID")
}

func explainHonor(c *captured, cr *creds, now time.Time, r *report) {
	p, err := formParams(c)
	if err != nil {
		r.cause("%v", err)
		return
	}
	checkUTF8(p, r)
	checkMissing(p, r, honor.ParamAppID, honor.ParamTimestamp, honor.ParamNonce, honor.ParamSignMethod, "sign")
	if want := cr.get("app-id"); want != "" && p.all[honor.ParamAppID] != "" && p.all[honor.ParamAppID] != want {
		r.cause("app_id %q is not the credentials' %q", p.all[honor.ParamAppID], want)
	}
	if ts := p.all[honor.ParamTimestamp]; ts != "" {
		if n, err := strconv.ParseInt(ts, 10, 64); err != nil {
			r.cause("timestamp %q is not Unix milliseconds", ts)
		} else if len(ts) <= 11 {
			r.cause("timestamp %s is in seconds; the default signer sends milliseconds", ts)
		} else {
			checkSkew("timestamp", time.UnixMilli(n), now, 10*time.Minute, r)
		}
	}
	key := cr.get("app-key")
	sign := func(m map[string]string) string { return honor.SignHMACSHA256(m, key) }
	want := sign(p.all)
	r.expect("expected signed string", honor.SigningString(p.all))
	vs := []variant{{"the sign is lower-case hex; it is upper-case", func() string { return strings.ToLower(want) }}}
	resolve(r, p.sign, want, append(vs, commonVariants(p, sign)...), "check the APPKEY")
}

func explainPush(c *captured, cr *creds, now time.Time, r *report) {
	h := c.Header
	ts, nonce, got := h.Get(push.HeaderTimestamp), h.Get(push.HeaderNonce), h.Get(push.HeaderSignature)
	for _, k := range []string{push.HeaderTimestamp, push.HeaderNonce, push.HeaderSignature} {
		if h.Get(k) == "" {
			r.cause("header %s is missing", k)
		}
	}
	checkUnix(push.HeaderTimestamp, ts, now, push.DefaultWindow, r)
	n, _ := strconv.ParseInt(ts, 10, 64)
	secret := push.Secret(cr.get("secret"))
	p := c.URL.EscapedPath()
	if p == "" {
		p = "/"
	}
	body := string(c.Body)
	sign := func(method, path string, n int64, b string) string {
		return push.Sign(secret, method, path, n, nonce, []byte(b))
	}
	want := sign(c.Method, p, n, body)
	r.expect("expected signed string", quoteNL("v1\n"+c.Method+"\n"+p+"\n"+ts+"\n"+nonce+"\n"+body))
	vs := []variant{
		{"the signature lacks the v1= prefix", func() string { return strings.TrimPrefix(want, "v1=") }},
		{"the query string was signed; only the path is", func() string { return sign(c.Method, p+"?"+c.URL.RawQuery, n, body) }},
		{"the timestamp was signed in milliseconds", func() string { return sign(c.Method, p, n*1000, body) }},
	}
	for _, alt := range jsonForms(body) {
		vs = append(vs, variant{fmt.Sprintf("the body changed after signing: signed %s, sent %s; sign the exact bytes you send", clip(alt), clip(body)),
			func() string { return sign(c.Method, p, n, alt) }})
	}
	resolve(r, got, want, vs, "check the shared secret")
}

func sha256hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
