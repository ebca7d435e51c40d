package main

import (
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/push"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/yihua"
)

// cst is China Standard Time, the zone of the vendors' date-time texts.
var cst = time.FixedZone("CST", 8*3600)

const layoutDateTime = "2006-01-02 15:04:05"

// signed is what sign prints for one request.
type signed struct {
	title string
	// steps are labelled lines: the signed strings (secrets as
	// placeholders) and the signatures.
	steps [][2]string
	req   wireRequest
}

// signModes maps a mode name (and its aliases) to its builder.
var signModes = map[string]func(args []string, e *env) (*signed, *redactor, error){
	"wdt": signWDT, "wangdiantong": signWDT,
	"qimen":     signQimen,
	"jushuitan": signJST, "jst": signJST,
	"jushuitan-legacy": signJSTLegacy, "jst-legacy": signJSTLegacy,
	"kingdee":       signKingdee,
	"kingdee-login": signKingdeeLogin,
	"honor":         signHonor,
	"yihua":         signYihua,
	"push":          signPush,
}

const signUsage = `usage: duijie sign <mode> [flags]

modes:
  wdt               Wangdiantong enterprise openapi2 (md5, lengths in characters)
  qimen             Wangdiantong through Qimen: md5, hmac or hmac-sha256
  jushuitan         Jushuitan openapi v2 (business calls and /openWeb/auth token calls)
  jushuitan-legacy  Jushuitan query.aspx
  kingdee           Kingdee auth 2.0 headers (X-Api-Signature, X-Kd-Signature)
  kingdee-login     Kingdee AuthService.LoginBySign
  honor             Honor, the SDK's default signer (HMAC-SHA256)
  yihua             Yihua TradeTransferToErp and other ErpService bodies
  push              a push for push.Receiver (X-Duijie-Signature)

Run "duijie sign <mode> -h" for the mode's flags.
`

// runSign is "duijie sign".
func runSign(args []string, e *env) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		fmt.Fprint(e.stdout, signUsage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	build, ok := signModes[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "duijie sign: unknown mode %q\n\n%s", args[0], signUsage)
		return errUsage
	}
	s, red, err := build(args[1:], e)
	if err != nil {
		return err
	}
	s.print(e.stdout, red)
	return nil
}

func (s *signed) print(w io.Writer, red *redactor) {
	fmt.Fprintf(w, "%s\n\n", s.title)
	for _, st := range s.steps {
		fmt.Fprintf(w, "%s:\n  %s\n", st[0], red.apply(st[1]))
	}
	fmt.Fprintln(w, "\nrequest:")
	s.req.write(w, red)
}

// common flags of every mode.
type signCommon struct {
	show *bool
}

func addCommon(fs *flag.FlagSet) signCommon {
	return signCommon{show: fs.Bool("show-secrets", false, "print secrets instead of [REDACTED]")}
}

// quoteNL shows a signed string's newlines as \n so it reads on one line.
func quoteNL(s string) string { return strings.ReplaceAll(s, "\n", `\n`) }

func signWDT(args []string, e *env) (*signed, *redactor, error) {
	fs := newFlagSet("sign wdt", "duijie sign wdt [flags] (-p key=value ... | --params file.json)", e.stderr)
	c := addCreds(fs, credWDT)
	com := addCommon(fs)
	script := fs.String("script", "trade_query.php", "the openapi2 script (method), e.g. trade_push.php")
	base := fs.String("base-url", wangdiantong.ProductionURL, "openapi2 root")
	ts := fs.String("timestamp", "", "Unix seconds to sign (default now)")
	p := addParams(fs)
	if err := parseFlags(fs, args); err != nil {
		return nil, nil, err
	}
	c.fill(fs, e.getenv)
	if err := c.require("sid", "appkey", "secret"); err != nil {
		return nil, nil, err
	}
	params, err := p.strings(e.stdin)
	if err != nil {
		return nil, nil, err
	}
	if params["timestamp"], err = unixOr(*ts, e.now().Unix()); err != nil {
		return nil, nil, err
	}
	params["sid"], params["appkey"] = c.get("sid"), c.get("appkey")
	delete(params, "sign")
	params["sign"] = wangdiantong.SignOpenAPI(params, c.get("secret"))
	return &signed{
		title: "wangdiantong openapi2: md5(signed string + app secret), lower-case hex",
		steps: [][2]string{
			{"signed string", wangdiantong.OpenAPISigningString(params) + "<app_secret>"},
			{"sign", params["sign"]},
		},
		req: wireRequest{Method: "POST", URL: strings.TrimRight(*base, "/") + "/" + *script,
			Header: [][2]string{{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
			Body:   formBody(params)},
	}, newRedactor(*com.show, c.secrets()...), nil
}

func signQimen(args []string, e *env) (*signed, *redactor, error) {
	fs := newFlagSet("sign qimen", "duijie sign qimen [flags] (-p key=value ... | --params file.json)", e.stderr)
	c := addCreds(fs, credQimen)
	com := addCommon(fs)
	method := fs.String("method", "wdt.trade.query", "the Qimen method, e.g. wdt.trade.push")
	signMethod := fs.String("sign-method", "md5", "md5, hmac or hmac-sha256")
	target := fs.String("target-app-key", wangdiantong.DefaultTargetAppKey, "target_app_key (empty: not sent)")
	format := fs.String("format", "json", "format (empty: not sent)")
	v := fs.String("v", "2.0", "v (empty: not sent)")
	base := fs.String("base-url", wangdiantong.QimenURL, "Qimen gateway")
	ts := fs.String("timestamp", "", `timestamp to sign, "2006-01-02 15:04:05" China time (default now)`)
	p := addParams(fs)
	if err := parseFlags(fs, args); err != nil {
		return nil, nil, err
	}
	c.fill(fs, e.getenv)
	if err := c.require("app-key", "secret"); err != nil {
		return nil, nil, err
	}
	m := wangdiantong.SignMethod(*signMethod)
	if wangdiantong.SignQimen(nil, "", m) == "" {
		return nil, nil, fmt.Errorf("--sign-method %q is not md5, hmac or hmac-sha256", *signMethod)
	}
	params, err := p.strings(e.stdin)
	if err != nil {
		return nil, nil, err
	}
	set := func(k, v string) {
		if v != "" {
			params[k] = v
		}
	}
	set("sid", c.get("sid"))
	set("appkey", c.get("appkey"))
	set("method", *method)
	set("app_key", c.get("app-key"))
	set("target_app_key", *target)
	set("format", *format)
	set("v", *v)
	set("sign_method", *signMethod)
	if *ts == "" {
		*ts = e.now().In(cst).Format(layoutDateTime)
	}
	params["timestamp"] = *ts
	delete(params, "sign")
	params["sign"] = wangdiantong.SignQimen(params, c.get("secret"), m)
	str := wangdiantong.QimenSigningString(params)
	var rule, shown string
	switch m {
	case wangdiantong.SignMD5:
		rule, shown = "md5(secret + signed string + secret)", "<secret>"+str+"<secret>"
	case wangdiantong.SignHMAC:
		rule, shown = "HMAC-MD5(key = secret, signed string)", str
	default:
		rule, shown = "HMAC-SHA256(key = secret, signed string)", str
	}
	return &signed{
		title: "qimen (" + *signMethod + "): " + rule + ", upper-case hex; empty values are not signed",
		steps: [][2]string{{"signed string", shown}, {"sign", params["sign"]}},
		req: wireRequest{Method: "POST", URL: *base,
			Header: [][2]string{{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
			Body:   formBody(params)},
	}, newRedactor(*com.show, c.secrets()...), nil
}

func signJST(args []string, e *env) (*signed, *redactor, error) {
	fs := newFlagSet("sign jushuitan", "duijie sign jushuitan [flags] [--biz JSON | --params file.json | -p key=value]", e.stderr)
	c := addCreds(fs, credJST)
	com := addCommon(fs)
	path := fs.String("path", "/open/shops/query", "the operation path; /openWeb/auth/... signs a token call (its -p parameters are sent as they are)")
	base := fs.String("base-url", jushuitan.ProductionURL, "openapi v2 root")
	ts := fs.String("timestamp", "", "Unix seconds to sign (default now)")
	biz := fs.String("biz", "", "biz as JSON text, signed byte for byte (default: --params or -p as an object, else {})")
	p := addParams(fs)
	if err := parseFlags(fs, args); err != nil {
		return nil, nil, err
	}
	c.fill(fs, e.getenv)
	if err := c.require("app-key", "app-secret"); err != nil {
		return nil, nil, err
	}
	stamp, err := unixOr(*ts, e.now().Unix())
	if err != nil {
		return nil, nil, err
	}
	var params map[string]string
	if strings.HasPrefix(*path, "/openWeb/auth/") {
		if params, err = p.strings(e.stdin); err != nil {
			return nil, nil, err
		}
		params["app_key"], params["timestamp"], params["charset"] = c.get("app-key"), stamp, "utf-8"
	} else {
		if err := c.require("access-token"); err != nil {
			return nil, nil, err
		}
		b, err := jsonText(*biz, p, e.stdin)
		if err != nil {
			return nil, nil, fmt.Errorf("--biz: %w", err)
		}
		params = map[string]string{"app_key": c.get("app-key"), "access_token": c.get("access-token"),
			"timestamp": stamp, "version": "2", "charset": "utf-8", "biz": b}
	}
	delete(params, "sign")
	params["sign"] = jushuitan.SignOpenAPI(c.get("app-secret"), params)
	return &signed{
		title: "jushuitan openapi v2: md5(app secret + signed string), lower-case hex",
		steps: [][2]string{{"signed string", "<app_secret>" + jushuitan.OpenAPISigningString(params)}, {"sign", params["sign"]}},
		req: wireRequest{Method: "POST", URL: strings.TrimRight(*base, "/") + *path,
			Header: [][2]string{{"Content-Type", "application/x-www-form-urlencoded;charset=UTF-8"}},
			Body:   formBody(params)},
	}, newRedactor(*com.show, c.secrets()...), nil
}

func signJSTLegacy(args []string, e *env) (*signed, *redactor, error) {
	fs := newFlagSet("sign jushuitan-legacy", "duijie sign jushuitan-legacy [flags] [--biz JSON]", e.stderr)
	c := addCreds(fs, credJSTLegacy)
	com := addCommon(fs)
	method := fs.String("method", "shops.query", "the legacy method")
	base := fs.String("base-url", jushuitan.LegacyProductionURL, "query.aspx address")
	ts := fs.String("timestamp", "", "ts, Unix seconds (default now)")
	biz := fs.String("biz", "", "the JSON body (not signed; default: --params or -p as an object, else {})")
	p := addParams(fs)
	if err := parseFlags(fs, args); err != nil {
		return nil, nil, err
	}
	c.fill(fs, e.getenv)
	if err := c.require("partner-id", "partner-key", "token"); err != nil {
		return nil, nil, err
	}
	stamp, err := unixOr(*ts, e.now().Unix())
	if err != nil {
		return nil, nil, err
	}
	body, err := jsonText(*biz, p, e.stdin)
	if err != nil {
		return nil, nil, fmt.Errorf("--biz: %w", err)
	}
	pid, tok := c.get("partner-id"), c.get("token")
	sign := jushuitan.SignLegacy(*method, pid, tok, stamp, c.get("partner-key"))
	u := *base + "?method=" + url.QueryEscape(*method) + "&partnerid=" + url.QueryEscape(pid) +
		"&token=" + url.QueryEscape(tok) + "&ts=" + stamp + "&sign=" + sign
	return &signed{
		title: "jushuitan legacy: md5(method + partnerid + \"token\" + token + \"ts\" + ts + partnerkey), lower-case hex; the body is not signed",
		steps: [][2]string{{"signed string", jushuitan.LegacySigningString(*method, pid, tok, stamp) + "<partner_key>"}, {"sign", sign}},
		req: wireRequest{Method: "POST", URL: u,
			Header: [][2]string{{"Content-Type", "application/json; charset=utf-8"}}, Body: body},
	}, newRedactor(*com.show, c.secrets()...), nil
}

// kingdeeServiceURL is the URL of a service, as kingdee.Client.Call names it.
func kingdeeServiceURL(serverURL, service string) string {
	if !strings.Contains(service, ".") {
		service = kingdee.DynamicFormService + service
	}
	return strings.TrimRight(serverURL, "/") + "/" + service + ".common.kdsvc"
}

func signKingdee(args []string, e *env) (*signed, *redactor, error) {
	fs := newFlagSet("sign kingdee", "duijie sign kingdee [flags] [--body JSON]", e.stderr)
	c := addCreds(fs, credKingdee)
	com := addCommon(fs)
	lcid := fs.Int("lcid", kingdee.DefaultLCID, "language id")
	org := fs.String("org-num", kingdee.DefaultOrgNum, "organisation number")
	service := fs.String("service", "ExecuteBillQuery", "service name; without a dot it is a DynamicFormService method")
	ms := fs.Bool("ms", false, "x-api-timestamp in milliseconds, as the Java SDK sends (default seconds, as the Python SDK)")
	ts := fs.String("timestamp", "", "x-api-timestamp to sign (default now)")
	body := fs.String("body", `{"parameters":[]}`, "the JSON body (not signed)")
	if err := parseFlags(fs, args); err != nil {
		return nil, nil, err
	}
	c.fill(fs, e.getenv)
	if err := c.require("server-url", "acct-id", "username", "appid", "app-secret"); err != nil {
		return nil, nil, err
	}
	appID := c.get("appid")
	signer, err := kingdee.NewHeaderSigner(appID, c.get("app-secret"), c.get("acct-id"), c.get("username"), *lcid, *org)
	if err != nil {
		return nil, nil, fmt.Errorf("--appid: %w", err)
	}
	clientID, clientSecret, _ := kingdee.SplitAppID(appID)
	now := e.now().Unix()
	if *ms {
		now = e.now().UnixMilli()
	}
	stamp, err := unixOr(*ts, now)
	if err != nil {
		return nil, nil, err
	}
	u := kingdeeServiceURL(c.get("server-url"), *service)
	pu, err := url.Parse(u)
	if err != nil {
		return nil, nil, fmt.Errorf("--server-url: %w", err)
	}
	sh := signer.Sign(pu.Path, stamp)
	data := kingdee.AppData(c.get("acct-id"), c.get("username"), *lcid, *org)
	secretNote := "<client secret: the AppID's part after _ , base64-decoded, XOR-ed with the SDK key, base64-encoded>"
	steps := [][2]string{
		{"client id (AppID before _)", clientID},
		{"X-Api-Signature signed string", quoteNL(kingdee.StringToSign(kingdee.EncodePath(pu.Path), stamp, stamp))},
		{"X-Api-Signature = base64(hex(HMAC-SHA256(key = client secret, signed string)))", sh.Signature},
		{"client secret key", secretNote},
		{"X-Kd-Signature signed string (AppID + raw app data, not its base64)", appID + data},
		{"X-Kd-Signature = base64(hex(HMAC-SHA256(key = <app_secret>, signed string)))", sh.KdSignature},
	}
	if *com.show {
		steps[3][1] = clientSecret
	}
	secrets := append(c.secrets(), clientSecret)
	return &signed{
		title: "kingdee auth 2.0 headers (timestamp in " + map[bool]string{false: "seconds", true: "milliseconds"}[*ms] + "; nonce = timestamp)",
		steps: steps,
		req: wireRequest{Method: "POST", URL: u, Header: [][2]string{
			{"Content-Type", "application/json; charset=utf-8"},
			{"Accept-Charset", "utf-8"},
			{kingdee.HeaderClientID, sh.ClientID},
			{kingdee.HeaderAuthVersion, "2.0"},
			{kingdee.HeaderTimestamp, sh.Timestamp},
			{kingdee.HeaderNonce, sh.Nonce},
			{kingdee.HeaderSignHeaders, "x-api-timestamp,x-api-nonce"},
			{kingdee.HeaderSignature, sh.Signature},
			{kingdee.HeaderAppKey, sh.AppKey},
			{kingdee.HeaderAppData, sh.AppData},
			{kingdee.HeaderKdSignature, sh.KdSignature},
		}, Body: *body},
	}, newRedactor(*com.show, secrets...), nil
}

func signKingdeeLogin(args []string, e *env) (*signed, *redactor, error) {
	fs := newFlagSet("sign kingdee-login", "duijie sign kingdee-login [flags]", e.stderr)
	c := addCreds(fs, credKingdee)
	com := addCommon(fs)
	lcid := fs.Int("lcid", kingdee.DefaultLCID, "language id")
	sha1 := fs.Bool("sha1", false, "hash with SHA-1, for servers before 8.0.0.202205")
	ts := fs.String("timestamp", "", "Unix seconds to sign (default now)")
	if err := parseFlags(fs, args); err != nil {
		return nil, nil, err
	}
	c.fill(fs, e.getenv)
	if err := c.require("server-url", "acct-id", "username", "appid", "app-secret"); err != nil {
		return nil, nil, err
	}
	stamp, err := unixOr(*ts, e.now().Unix())
	if err != nil {
		return nil, nil, err
	}
	acct, user, appID, secret := c.get("acct-id"), c.get("username"), c.get("appid"), c.get("app-secret")
	sign := kingdee.LoginSign(*sha1, acct, user, appID, secret, stamp)
	vals := []string{acct, user, appID, secret, stamp}
	sort.Strings(vals)
	for i, v := range vals {
		if v == secret {
			vals[i] = "<app_secret>"
		}
	}
	n, _ := strconv.ParseInt(stamp, 10, 64)
	body, err := marshalNoEscape(map[string]any{"parameters": []any{acct, user, appID, n, sign, *lcid}})
	if err != nil {
		return nil, nil, err
	}
	hash := "SHA-256"
	if *sha1 {
		hash = "SHA-1"
	}
	return &signed{
		title: "kingdee LoginBySign: " + hash + " of acctID, username, appId, appSecret and timestamp (seconds) sorted and joined, lower-case hex",
		steps: [][2]string{{"signed string", strings.Join(vals, "")}, {"sign", sign}},
		req: wireRequest{Method: "POST", URL: kingdeeServiceURL(c.get("server-url"), kingdee.ServiceLoginBySign),
			Header: [][2]string{{"Content-Type", "application/json; charset=utf-8"}, {"Accept-Charset", "utf-8"}},
			Body:   string(body)},
	}, newRedactor(*com.show, c.secrets()...), nil
}

func signHonor(args []string, e *env) (*signed, *redactor, error) {
	fs := newFlagSet("sign honor", "duijie sign honor [flags] [--biz JSON | --params file.json]", e.stderr)
	c := addCreds(fs, credHonor)
	com := addCommon(fs)
	op := fs.String("op", string(honor.OpVFOrderQuery), "operation of honor.DefaultOperations (path and method name)")
	base := fs.String("base-url", "https://honor.invalid", "Honor's base URL (from the partner document)")
	ts := fs.String("timestamp", "", "Unix milliseconds to sign (default now)")
	nonce := fs.String("nonce", "", "nonce to sign (default random)")
	biz := fs.String("biz", "", "biz_content as JSON text (default: --params or -p as an object; none when empty)")
	p := addParams(fs)
	if err := parseFlags(fs, args); err != nil {
		return nil, nil, err
	}
	c.fill(fs, e.getenv)
	if err := c.require("app-id", "app-key", "shop-no", "distributor-id"); err != nil {
		return nil, nil, err
	}
	ep, ok := honor.DefaultOperations()[honor.Op(*op)]
	if !ok {
		return nil, nil, fmt.Errorf("--op %q is not an operation of honor.DefaultOperations", *op)
	}
	at := e.now()
	if *ts != "" {
		n, err := strconv.ParseInt(*ts, 10, 64)
		if err != nil {
			return nil, nil, fmt.Errorf("--timestamp %q is not a whole number of milliseconds", *ts)
		}
		at = time.UnixMilli(n)
	}
	if *nonce == "" {
		*nonce = push.NewNonce()
	}
	params := map[string]string{}
	if ep.Method != "" {
		params[honor.ParamMethod] = ep.Method
	}
	b, err := jsonText(*biz, p, e.stdin)
	if err != nil {
		return nil, nil, fmt.Errorf("--biz: %w", err)
	}
	if b != "{}" || *biz != "" {
		params[honor.ParamBizContent] = b
	}
	cred := honor.Credentials{AppID: c.get("app-id"), AppKey: duijie.Secret(c.get("app-key")), ShopNo: c.get("shop-no"), ProvinceDistributorID: c.get("distributor-id")}
	if err := (honor.DefaultSigner{}).Sign(params, cred, at, *nonce); err != nil {
		return nil, nil, err
	}
	return &signed{
		title: "honor default signer: HMAC-SHA256(key = APPKEY, signed string), upper-case hex; empty values are not signed",
		steps: [][2]string{{"signed string", honor.SigningString(params)}, {"sign", params[honor.ParamSign]}},
		req: wireRequest{Method: "POST", URL: strings.TrimRight(*base, "/") + ep.Path,
			Header: [][2]string{{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
			Body:   formBody(params)},
	}, newRedactor(*com.show, c.secrets()...), nil
}

func signYihua(args []string, e *env) (*signed, *redactor, error) {
	fs := newFlagSet("sign yihua", "duijie sign yihua [flags] (-p key=value ... | --params file.json)", e.stderr)
	c := addCreds(fs, credYihua)
	com := addCommon(fs)
	method := fs.String("method", "TradeTransferToErp", "the ErpService method")
	base := fs.String("base-url", yihua.ProductionURL, "endpoint root")
	form := fs.Bool("form", false, "send a form instead of JSON (yihua.BodyForm)")
	p := addParams(fs)
	if err := parseFlags(fs, args); err != nil {
		return nil, nil, err
	}
	c.fill(fs, e.getenv)
	if err := c.require("platform-id", "token", "uid"); err != nil {
		return nil, nil, err
	}
	obj, err := p.object(e.stdin)
	if err != nil {
		return nil, nil, err
	}
	for _, k := range []string{"PlatformID", "UserAccessToken", "UID"} {
		if _, ok := obj[k]; ok {
			return nil, nil, fmt.Errorf("parameter %s comes from the credentials, not from -p or --params", k)
		}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	type kv struct {
		k string
		v any
	}
	all := []kv{{"PlatformID", c.get("platform-id")}, {"UserAccessToken", c.get("token")}, {"UID", c.get("uid")}}
	for _, k := range keys {
		all = append(all, kv{k, obj[k]})
	}
	var body strings.Builder
	ct := "application/json; charset=utf-8"
	if *form {
		ct = "application/x-www-form-urlencoded; charset=utf-8"
		for i, p := range all {
			if i > 0 {
				body.WriteByte('&')
			}
			var s string
			switch v := p.v.(type) {
			case string:
				s = v
			case map[string]any, []any:
				// As yihua.Client refuses them: a form holds one text per name.
				return nil, nil, fmt.Errorf("parameter %s: a form holds one text per name, not an object or array; drop --form to send JSON", p.k)
			default:
				b, _ := marshalNoEscape(v)
				s = string(b)
			}
			body.WriteString(url.QueryEscape(p.k) + "=" + url.QueryEscape(s))
		}
	} else {
		body.WriteByte('{')
		for i, p := range all {
			if i > 0 {
				body.WriteByte(',')
			}
			k, _ := marshalNoEscape(p.k)
			v, err := marshalNoEscape(p.v)
			if err != nil {
				return nil, nil, err
			}
			body.Write(k)
			body.WriteByte(':')
			body.Write(v)
		}
		body.WriteByte('}')
	}
	return &signed{
		title: "yihua: nothing is signed; UserAccessToken in the body authenticates the call",
		steps: [][2]string{{"parameter order", "PlatformID, UserAccessToken, UID, then the others sorted by name"}},
		req: wireRequest{Method: "POST", URL: strings.TrimRight(*base, "/") + yihua.ServicePath + *method,
			Header: [][2]string{{"Content-Type", ct}, {"Accept", "application/json"}}, Body: body.String()},
	}, newRedactor(*com.show, c.secrets()...), nil
}

func signPush(args []string, e *env) (*signed, *redactor, error) {
	fs := newFlagSet("sign push", "duijie sign push [flags] (--body TEXT | --body-file FILE | body on stdin)", e.stderr)
	c := addCreds(fs, credPush)
	com := addCommon(fs)
	target := fs.String("url", "http://127.0.0.1:8080/callback", "where the push is sent (its path is signed, its query is not)")
	method := fs.String("method", "POST", "HTTP method")
	ts := fs.String("timestamp", "", "Unix seconds to sign (default now)")
	nonce := fs.String("nonce", "", "X-Duijie-Nonce (default 32 random hex digits)")
	body := fs.String("body", "", "the body, byte for byte")
	bodyFile := fs.String("body-file", "", "read the body from a file (- for stdin)")
	if err := parseFlags(fs, args); err != nil {
		return nil, nil, err
	}
	c.fill(fs, e.getenv)
	if err := c.require("secret"); err != nil {
		return nil, nil, err
	}
	b := []byte(*body)
	if *bodyFile != "" {
		var err error
		if b, err = readSource(*bodyFile, e.stdin); err != nil {
			return nil, nil, err
		}
	}
	stamp, err := unixOr(*ts, e.now().Unix())
	if err != nil {
		return nil, nil, err
	}
	n, _ := strconv.ParseInt(stamp, 10, 64)
	if *nonce == "" {
		*nonce = push.NewNonce()
	}
	u, err := url.Parse(*target)
	if err != nil || u.Host == "" {
		return nil, nil, errors.New("--url must be an absolute URL")
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	sig := push.Sign(push.Secret(c.get("secret")), *method, path, n, *nonce, b)
	return &signed{
		title: `push: "v1=" + hex(HMAC-SHA256(key = secret, signed string)); the body is signed byte for byte`,
		steps: [][2]string{{"signed string", quoteNL("v1\n" + *method + "\n" + path + "\n" + stamp + "\n" + *nonce + "\n" + string(b))}, {"signature", sig}},
		req: wireRequest{Method: *method, URL: *target, Header: [][2]string{
			{"Content-Type", "application/json"},
			{push.HeaderTimestamp, stamp},
			{push.HeaderNonce, *nonce},
			{push.HeaderSignature, sig},
		}, Body: string(b)},
	}, newRedactor(*com.show, c.secrets()...), nil
}

// base64Std is shared by explain.
var base64Std = base64.StdEncoding
