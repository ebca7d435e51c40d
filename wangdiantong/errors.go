package wangdiantong

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/jsonx"
	"github.com/duijie/duijie/internal/transport"
)

// Codes with a known meaning.
const (
	// CodeOK is success on openapi2.
	CodeOK = "0"
	// CodeAuth covers invalid appkey, timestamp or sign and a disabled account.
	CodeAuth = "100"
	// CodeRateLimited is the throttle: at most 60 calls a minute. The call
	// was refused before processing, so it is retried with backoff for every
	// operation.
	CodeRateLimited = "1012"
)

// envelope is a decoded answer: the status and the business part.
type envelope struct {
	code, message string
	// business is the object holding the operation's fields.
	business json.RawMessage
	// fields are business's members, read in the classifier's one pass
	// over the answer, when plain says their keys are their names; the
	// listings read their list from here without parsing the answer again.
	fields []jsonx.Member
	plain  bool
	// inline holds the first few fields without another allocation.
	inline [6]jsonx.Member
}

// member returns the business member named key, as a decode of business
// into a map[string]json.RawMessage would give it.
func (e *envelope) member(key string) (json.RawMessage, bool, error) {
	if e == nil {
		return nil, false, nil
	}
	if e.plain {
		raw, ok := jsonx.Lookup(e.fields, key)
		return raw, ok, nil
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(e.business, &all); err != nil {
		return nil, false, err
	}
	raw, ok := all[key]
	return raw, ok, nil
}

// openAPIStatus is the head of an openapi2 answer; the business fields sit
// beside it at the top level.
type openAPIStatus struct {
	Code    json.RawMessage `json:"code"`
	Message json.RawMessage `json:"message"`
}

// qimenAnswer is a Qimen answer: {"response":{...}} or {"error_response":{...}}.
type qimenAnswer struct {
	Response      json.RawMessage `json:"response"`
	ErrorResponse *qimenError     `json:"error_response"`
}

type qimenError struct {
	Flag       string          `json:"flag"`
	Code       json.RawMessage `json:"code"`
	Message    string          `json:"message"`
	Msg        string          `json:"msg"`
	SubCode    string          `json:"sub_code"`
	SubMessage string          `json:"sub_message"`
	SubMsg     string          `json:"sub_msg"`
	RequestID  string          `json:"request_id"`
}

// text returns a JSON string or number as text.
func text(raw json.RawMessage) string { return jsonx.TextOr(raw) }

// classifier decodes answers (as JSON, whatever the Content-Type says) and
// maps codes to classes.
func classifier(route Route) transport.Classifier[envelope] {
	return func(r *transport.Result[envelope]) error {
		if route == RouteQimen {
			return classifyQimen(r)
		}
		return classifyOpenAPI(r)
	}
}

// classifyOpenAPI reads the answer in one pass (jsonx.Object), which checks
// it as encoding/json would and keeps its members for the business part.
func classifyOpenAPI(r *transport.Result[envelope]) error {
	env := &envelope{business: r.Body}
	fields, plain, ok := jsonx.Object(r.Body, env.inline[:0])
	if !ok {
		return notJSON(r)
	}
	var st openAPIStatus
	if plain {
		env.fields, env.plain = fields, true
		st.Code, st.Message = jsonx.LookupFold(fields, "code"), jsonx.LookupFold(fields, "message")
	} else if err := json.Unmarshal(r.Body, &st); err != nil {
		return notJSON(r)
	}
	if len(st.Code) == 0 {
		return notJSON(r)
	}
	env.code, env.message = text(st.Code), text(st.Message)
	r.Envelope = env
	if env.code == CodeOK {
		return nil
	}
	return &duijie.APIError{Code: env.code, Message: env.message, Class: classOf(env.code, env.message), NotProcessed: env.code == CodeRateLimited}
}

func classifyQimen(r *transport.Result[envelope]) error {
	var ans qimenAnswer
	if err := json.Unmarshal(r.Body, &ans); err != nil {
		return notJSON(r)
	}
	if e := ans.ErrorResponse; e != nil {
		// The gateway refused the call before Wangdiantong saw it.
		msg := firstNonEmpty(e.SubMsg, e.SubMessage, e.Msg, e.Message)
		r.Envelope = &envelope{code: text(e.Code), message: msg, business: json.RawMessage("{}")}
		return &duijie.APIError{Code: text(e.Code), SubCode: e.SubCode, Message: msg, RequestID: e.RequestID, Class: qimenClass(text(e.Code), e.SubCode, msg),
			NotProcessed: qimenNotProcessed(text(e.Code))}
	}
	if len(ans.Response) == 0 || !isObject(ans.Response) {
		return notJSON(r)
	}
	var head qimenError
	_ = json.Unmarshal(ans.Response, &head)
	code := text(head.Code)
	msg := firstNonEmpty(head.SubMessage, head.SubMsg, head.Message, head.Msg)
	env := &envelope{code: code, message: msg, business: ans.Response}
	if fields, plain, ok := jsonx.Object(ans.Response, env.inline[:0]); ok && plain {
		env.fields, env.plain = fields, true
	}
	r.Envelope = env
	if head.Flag == "failure" {
		return &duijie.APIError{Code: code, SubCode: head.SubCode, Message: msg, RequestID: head.RequestID, Class: qimenClass(code, head.SubCode, msg),
			NotProcessed: qimenNotProcessed(code)}
	}
	// The openapi2 code may travel inside the Qimen response.
	if code != "" && code != CodeOK {
		return &duijie.APIError{Code: code, SubCode: head.SubCode, Message: msg, RequestID: head.RequestID, Class: classOf(code, msg),
			NotProcessed: code == CodeRateLimited}
	}
	return nil
}

func isObject(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == '{'
}

func notJSON(r *transport.Result[envelope]) error {
	if c := duijie.ClassForStatus(r.StatusCode); c != nil {
		return &duijie.APIError{Class: c}
	}
	return &duijie.APIError{Message: "answer is not a JSON envelope", Class: duijie.ErrTemporary}
}

// classOf maps an openapi2 code and message to a class. The throttle is
// recognised by code 1012 and, since messages vary, by its wording too.
func classOf(code, msg string) error {
	switch {
	case code == CodeRateLimited || containsAny(msg, "频繁", "超过每分钟", "最大调用频率", "最大并发"):
		return duijie.ErrRateLimited
	case code == CodeAuth && containsAny(strings.ToLower(msg), "sign", "timestamp", "签名", "时间戳"):
		return duijie.ErrSignature
	case code == CodeAuth || code == "1007":
		// 100: invalid appkey, disabled account; 1007: appkey disabled or shop unknown.
		return duijie.ErrAuth
	case containsAny(msg, "系统繁忙", "服务繁忙", "请稍后再试"):
		return duijie.ErrTemporary
	}
	return duijie.ErrInvalidRequest
}

// qimenNotProcessed reports the gateway's call-limit code (TOP code 7) and
// WDT's own throttle code 1012: the call was refused by the limiter before
// WDT ran it. Throttle wording without one of these codes proves nothing.
func qimenNotProcessed(code string) bool { return code == "7" || code == CodeRateLimited }

// qimenClass maps a Qimen (Taobao TOP) gateway code and sub_code to a class.
// TOP codes: 7 call limit; 10 and 15 service unavailable or remote failure
// (isp.* sub-codes); 11, 12 permissions; 24, 25 signature; 26, 27 session;
// 28, 29 app key; 30, 31 timestamp; 21, 22 method; 40, 41 arguments.
func qimenClass(code, sub, msg string) error {
	lsub := strings.ToLower(sub)
	switch {
	case code == "7" || code == CodeRateLimited || containsAny(lsub, "flow-limit", "flow-control", "call-limited", "limited-by", "accesscontrol", "ratelimit"):
		return duijie.ErrRateLimited
	case code == "24" || code == "25" || code == "30" || code == "31" || containsAny(lsub, "invalid-signature", "invalid-timestamp"):
		return duijie.ErrSignature
	case code == "11" || code == "12" || code == "26" || code == "27" || code == "28" || code == "29" ||
		containsAny(lsub, "invalid-app-key", "invalid-session", "missing-session", "insufficient-isv-permissions", "insufficient-user-permissions"):
		return duijie.ErrAuth
	case code == "10" || strings.HasPrefix(lsub, "isp.") || strings.Contains(lsub, "service-unavailable"):
		return duijie.ErrTemporary
	case code == "15" || code == "21" || code == "22" || code == "40" || code == "41" || strings.HasPrefix(lsub, "isv."):
		if c := classOf(code, msg); c != duijie.ErrInvalidRequest {
			return c
		}
		return duijie.ErrInvalidRequest
	}
	return classOf(code, msg)
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
