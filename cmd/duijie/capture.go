package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// captured is a request as a developer captured it.
type captured struct {
	Method string
	URL    *url.URL
	Header http.Header
	Body   []byte
}

// query returns the URL's query parameters.
func (c *captured) query() url.Values { return c.URL.Query() }

// isForm says whether the body is a form: by its Content-Type, or, when
// there is none, by its look.
func (c *captured) isForm() bool {
	ct := strings.ToLower(c.Header.Get("Content-Type"))
	if strings.Contains(ct, "x-www-form-urlencoded") {
		return true
	}
	b := bytes.TrimSpace(c.Body)
	return ct == "" && len(b) > 0 && b[0] != '{' && b[0] != '[' && bytes.Contains(b, []byte("="))
}

// form parses the body as a form; invalidUTF8 lists the keys whose decoded
// values are not UTF-8.
func (c *captured) form() (vals url.Values, invalidUTF8 []string, err error) {
	if !c.isForm() {
		return url.Values{}, nil, nil
	}
	vals, err = url.ParseQuery(strings.TrimSpace(string(c.Body)))
	for k, vs := range vals {
		for _, v := range vs {
			if !utf8.ValidString(v) {
				invalidUTF8 = append(invalidUTF8, k)
			}
		}
	}
	return vals, invalidUTF8, err
}

// parseDump reads a raw HTTP request as printed by a proxy, a server log,
// httputil.DumpRequestOut or "duijie sign": request line, headers, blank
// line, body. The request line may carry a path (the Host header gives the
// host) or an absolute URL.
func parseDump(text []byte) (*captured, error) {
	text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
	head, body, _ := bytes.Cut(text, []byte("\n\n"))
	sc := bufio.NewScanner(bytes.NewReader(head))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	if !sc.Scan() {
		return nil, errors.New("the dump is empty")
	}
	f := strings.Fields(sc.Text())
	if len(f) < 2 {
		return nil, fmt.Errorf("the dump's first line %q is not a request line (METHOD URL HTTP/1.1)", sc.Text())
	}
	c := &captured{Method: strings.ToUpper(f[0]), Header: http.Header{}}
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			return nil, fmt.Errorf("the header line %q has no colon", sc.Text())
		}
		c.Header.Add(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	raw := f[1]
	if strings.HasPrefix(raw, "/") {
		host := c.Header.Get("Host")
		if host == "" {
			host = "unknown.host"
		}
		raw = "http://" + host + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("the request URL: %w", err)
	}
	c.URL = u
	c.Body = bytes.TrimRight(body, "\n")
	return c, nil
}

// parseCurl reads a curl command line: the URL, -X, -H, and the body from
// -d, --data, --data-raw, --data-binary or --data-urlencode (several are
// joined with &, as curl does). A body without -X makes it a POST.
func parseCurl(cmd string) (*captured, error) {
	words, err := shellWords(cmd)
	if err != nil {
		return nil, err
	}
	if len(words) > 0 && words[0] == "curl" {
		words = words[1:]
	}
	c := &captured{Header: http.Header{}}
	var data []string
	var raw string
	for i := 0; i < len(words); i++ {
		w := words[i]
		next := func() (string, error) {
			if i+1 >= len(words) {
				return "", fmt.Errorf("curl option %s needs a value", w)
			}
			i++
			return words[i], nil
		}
		switch {
		case w == "-X" || w == "--request":
			v, err := next()
			if err != nil {
				return nil, err
			}
			c.Method = strings.ToUpper(v)
		case w == "-H" || w == "--header":
			v, err := next()
			if err != nil {
				return nil, err
			}
			k, val, ok := strings.Cut(v, ":")
			if !ok {
				return nil, fmt.Errorf("curl header %q has no colon", v)
			}
			c.Header.Add(strings.TrimSpace(k), strings.TrimSpace(val))
		case w == "-d" || w == "--data" || w == "--data-raw" || w == "--data-binary" || w == "--data-ascii":
			v, err := next()
			if err != nil {
				return nil, err
			}
			data = append(data, v)
		case w == "--data-urlencode":
			v, err := next()
			if err != nil {
				return nil, err
			}
			if k, val, ok := strings.Cut(v, "="); ok {
				v = k + "=" + url.QueryEscape(val)
			} else {
				v = url.QueryEscape(v)
			}
			data = append(data, v)
		case w == "--url":
			v, err := next()
			if err != nil {
				return nil, err
			}
			raw = v
		case w == "-A" || w == "--user-agent" || w == "-b" || w == "--cookie" || w == "-o" || w == "--output" || w == "-m" || w == "--max-time":
			if _, err := next(); err != nil {
				return nil, err
			}
		case strings.HasPrefix(w, "-"):
			// a flag without a value (-s, -v, -k, --compressed ...)
		default:
			raw = w
		}
	}
	if raw == "" {
		return nil, errors.New("the curl command has no URL")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("the curl URL: %w", err)
	}
	c.URL = u
	if len(data) > 0 {
		c.Body = []byte(strings.Join(data, "&"))
		if c.Header.Get("Content-Type") == "" {
			c.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	if c.Method == "" {
		c.Method = "GET"
		if len(data) > 0 {
			c.Method = "POST"
		}
	}
	return c, nil
}

// shellWords splits a POSIX shell command line: single and double quotes,
// backslash escapes, and backslash-newline continuations.
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '\\' && i+1 < len(s) && s[i+1] == '\n':
			i++
		case ch == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			in = true
		case ch == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, errors.New("the command line has an unclosed '")
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			in = true
		case ch == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(`"\$`+"`", s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, errors.New(`the command line has an unclosed "`)
			}
			in = true
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(ch)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words, nil
}
