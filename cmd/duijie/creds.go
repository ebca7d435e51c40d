package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
)

// credSpec is one credential: its flag, the environment variable read when
// the flag is not given, and whether it is a secret (printed redacted).
type credSpec struct {
	flag, env, usage string
	secret           bool
}

// The credentials of each vendor.
var (
	credWDT = []credSpec{
		{"sid", "DUIJIE_WDT_SID", "seller account (卖家账号)", false},
		{"appkey", "DUIJIE_WDT_APPKEY", "openapi2 interface account", false},
		{"secret", "DUIJIE_WDT_SECRET", "openapi2 app secret", true},
	}
	credQimen = []credSpec{
		{"app-key", "DUIJIE_QIMEN_APP_KEY", "your Taobao/Qimen app key", false},
		{"secret", "DUIJIE_QIMEN_SECRET", "your Taobao/Qimen app secret", true},
		{"sid", "DUIJIE_WDT_SID", "Wangdiantong seller account, sent as sid (empty: not sent)", false},
		{"appkey", "DUIJIE_WDT_APPKEY", "Wangdiantong appkey, sent as appkey when set", false},
	}
	credJST = []credSpec{
		{"app-key", "DUIJIE_JST_APP_KEY", "openapi v2 app key", false},
		{"app-secret", "DUIJIE_JST_APP_SECRET", "openapi v2 app secret", true},
		{"access-token", "DUIJIE_JST_ACCESS_TOKEN", "merchant access token", true},
	}
	credJSTLegacy = []credSpec{
		{"partner-id", "DUIJIE_JST_PARTNER_ID", "legacy partnerid", false},
		{"partner-key", "DUIJIE_JST_PARTNER_KEY", "legacy partnerkey", true},
		{"token", "DUIJIE_JST_TOKEN", "legacy token", true},
	}
	credKingdee = []credSpec{
		{"server-url", "DUIJIE_KINGDEE_SERVER_URL", "site root, e.g. https://erp.example.com/k3cloud", false},
		{"acct-id", "DUIJIE_KINGDEE_ACCT_ID", "data centre id (账套)", false},
		{"username", "DUIJIE_KINGDEE_USERNAME", "Kingdee user name", false},
		{"appid", "DUIJIE_KINGDEE_APPID", "AppID from 第三方系统登录授权 (<clientId>_<32 characters>)", false},
		{"app-secret", "DUIJIE_KINGDEE_APP_SECRET", "AppSecret from 第三方系统登录授权", true},
	}
	credHonor = []credSpec{
		{"app-id", "DUIJIE_HONOR_APP_ID", "APPID", false},
		{"app-key", "DUIJIE_HONOR_APP_KEY", "APPKEY (the signing key)", true},
		{"shop-no", "DUIJIE_HONOR_SHOP_NO", "SHOP_NO", false},
		{"distributor-id", "DUIJIE_HONOR_DISTRIBUTOR_ID", "省包商 id", false},
	}
	credYihua = []credSpec{
		{"platform-id", "DUIJIE_YIHUA_PLATFORM_ID", "PlatformID (YHDT号)", false},
		{"token", "DUIJIE_YIHUA_TOKEN", "UserAccessToken", true},
		{"uid", "DUIJIE_YIHUA_UID", "UID of the Yihua cloud user", false},
	}
	credPush = []credSpec{
		{"secret", "DUIJIE_PUSH_SECRET", "the secret the sender and the push.Receiver share", true},
	}
)

// creds holds parsed credentials by flag name.
type creds struct {
	specs []credSpec
	vals  map[string]*string
}

// addCreds declares the credential flags. Their defaults stay empty (so -h
// never shows a secret); fill reads the environment afterwards.
func addCreds(fs *flag.FlagSet, specs []credSpec) *creds {
	c := &creds{specs: specs, vals: map[string]*string{}}
	for _, s := range specs {
		u := s.usage + " (env " + s.env + ")"
		c.vals[s.flag] = fs.String(s.flag, "", u)
	}
	return c
}

// fill takes each credential not given as a flag from the environment.
func (c *creds) fill(fs *flag.FlagSet, getenv func(string) string) {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, s := range c.specs {
		if !set[s.flag] {
			*c.vals[s.flag] = getenv(s.env)
		}
	}
}

// get returns a credential's value.
func (c *creds) get(name string) string { return *c.vals[name] }

// require fails naming the first missing credential.
func (c *creds) require(names ...string) error {
	for _, n := range names {
		if strings.TrimSpace(c.get(n)) == "" {
			for _, s := range c.specs {
				if s.flag == n {
					return fmt.Errorf("missing credential: give -%s or set %s", n, s.env)
				}
			}
		}
	}
	return nil
}

// secrets returns the secret credentials' values.
func (c *creds) secrets() []string {
	var out []string
	for _, s := range c.specs {
		if v := c.get(s.flag); s.secret && v != "" {
			out = append(out, v)
		}
	}
	return out
}

// redactor hides secrets in printed text, raw and URL-escaped.
type redactor struct{ r *strings.Replacer }

func newRedactor(show bool, secrets ...string) *redactor {
	if show {
		return &redactor{}
	}
	var pairs []string
	sort.Slice(secrets, func(i, j int) bool { return len(secrets[i]) > len(secrets[j]) })
	for _, s := range secrets {
		if len(s) < 3 {
			continue
		}
		pairs = append(pairs, s, "[REDACTED]")
		if e := url.QueryEscape(s); e != s {
			pairs = append(pairs, e, "[REDACTED]")
		}
	}
	if len(pairs) == 0 {
		return &redactor{}
	}
	return &redactor{r: strings.NewReplacer(pairs...)}
}

func (r *redactor) apply(s string) string {
	if r == nil || r.r == nil {
		return s
	}
	return r.r.Replace(s)
}

// kvList is a repeatable -p key=value flag that keeps the order given.
type kvList struct{ keys, vals []string }

func (l *kvList) String() string { return strings.Join(l.keys, ",") }

func (l *kvList) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return errors.New("want key=value")
	}
	l.keys = append(l.keys, k)
	l.vals = append(l.vals, v)
	return nil
}

// readSource reads a file, or stdin for "-".
func readSource(name string, stdin io.Reader) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(stdin)
	}
	return os.ReadFile(name)
}

// paramInput collects parameters from -p flags and a --params JSON file.
type paramInput struct {
	kv   kvList
	file *string
}

func addParams(fs *flag.FlagSet) *paramInput {
	p := &paramInput{}
	fs.Var(&p.kv, "p", "a parameter as key=value (repeatable)")
	p.file = fs.String("params", "", "a JSON object of parameters; - reads stdin")
	return p
}

// object returns the parameters as JSON values in a map: -p values are
// strings, the file's values keep their JSON types.
func (p *paramInput) object(stdin io.Reader) (map[string]any, error) {
	out := map[string]any{}
	if *p.file != "" {
		b, err := readSource(*p.file, stdin)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if err := dec.Decode(&out); err != nil {
			return nil, fmt.Errorf("--params: not a JSON object: %w", err)
		}
	}
	for i, k := range p.kv.keys {
		out[k] = p.kv.vals[i]
	}
	return out, nil
}

// strings returns the parameters as wire text, the way the Wangdiantong
// client writes them: strings as they are, numbers as written, booleans as
// 1/0, objects and arrays as compact JSON with non-ASCII \u-escaped; null
// and "" are left out.
func (p *paramInput) strings(stdin io.Reader) (map[string]string, error) {
	obj, err := p.object(stdin)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for k, v := range obj {
		var s string
		switch v := v.(type) {
		case nil:
			continue
		case string:
			s = v
		case json.Number:
			s = v.String()
		case bool:
			s = "0"
			if v {
				s = "1"
			}
		default:
			b, err := marshalNoEscape(v)
			if err != nil {
				return nil, err
			}
			s = asciiJSON(b)
		}
		if s != "" {
			out[k] = s
		}
	}
	return out, nil
}

// marshalNoEscape is compact JSON without HTML escaping.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// asciiJSON writes every non-ASCII character of JSON text as a \u escape.
func asciiJSON(b []byte) string {
	var sb strings.Builder
	for _, r := range string(b) {
		switch {
		case r < 0x80:
			sb.WriteRune(r)
		case r <= 0xFFFF:
			fmt.Fprintf(&sb, `\u%04x`, r)
		default:
			r -= 0x10000
			fmt.Fprintf(&sb, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		}
	}
	return sb.String()
}

// jsonText returns the text of --biz (or the --params object) as compact
// JSON: "{}" when neither is given.
func jsonText(raw string, p *paramInput, stdin io.Reader) (string, error) {
	if raw != "" {
		var buf bytes.Buffer
		if err := json.Compact(&buf, []byte(raw)); err != nil {
			return "", fmt.Errorf("not valid JSON: %w", err)
		}
		return buf.String(), nil
	}
	obj, err := p.object(stdin)
	if err != nil {
		return "", err
	}
	if len(obj) == 0 {
		return "{}", nil
	}
	b, err := marshalNoEscape(obj)
	return string(b), err
}

// wireRequest is a request as it goes on the wire.
type wireRequest struct {
	Method, URL string
	Header      [][2]string
	Body        string
}

// write prints the request as an HTTP message.
func (w *wireRequest) write(out io.Writer, red *redactor) {
	fmt.Fprintf(out, "%s %s\n", w.Method, red.apply(w.URL))
	for _, h := range w.Header {
		fmt.Fprintf(out, "%s: %s\n", h[0], red.apply(h[1]))
	}
	fmt.Fprintf(out, "\n%s\n", red.apply(w.Body))
}

// formBody encodes params as the SDK clients do (url.Values, keys sorted).
func formBody(params map[string]string) string {
	v := url.Values{}
	for k, s := range params {
		v.Set(k, s)
	}
	return v.Encode()
}

// unixText parses a timestamp flag: empty means now.
func unixOr(flagVal string, now int64) (string, error) {
	if flagVal == "" {
		return strconv.FormatInt(now, 10), nil
	}
	if _, err := strconv.ParseInt(flagVal, 10, 64); err != nil {
		return "", fmt.Errorf("--timestamp %q is not a whole number", flagVal)
	}
	return flagVal, nil
}
