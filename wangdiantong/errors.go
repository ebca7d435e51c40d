package wangdiantong

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/duijie/duijie/internal/apierr"
	"github.com/duijie/duijie/internal/transport"
)

// Codes with a known meaning.
const (
	// CodeOK is success on openapi2.
	CodeOK = "0"
	// CodeAuth covers invalid appkey, timestamp or sign and a disabled account.
	CodeAuth = "100"
	// CodeRateLimited is the throttle: at most 60 calls a minute.
	CodeRateLimited = "1012"
)

// envelope is a decoded answer: the status and the business part.
type envelope struct {
	code, message string
	// business is the object holding the operation's fields.
	business json.RawMessage
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
func text(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(bytes.TrimSpace(raw))
}

// classifier decodes answers (as JSON, whatever the Content-Type says) and
// maps codes to classes.
func classifier(route Route) transport.Classifier {
	return func(r *transport.Result) error {
		if route == RouteQimen {
			return classifyQimen(r)
		}
		return classifyOpenAPI(r)
	}
}

func classifyOpenAPI(r *transport.Result) error {
	var st openAPIStatus
	if err := json.Unmarshal(r.Body, &st); err != nil || len(st.Code) == 0 {
		return notJSON(r)
	}
	env := &envelope{code: text(st.Code), message: text(st.Message), business: r.Body}
	r.Decoded = env
	if env.code == CodeOK {
		return nil
	}
	return &apierr.APIError{Code: env.code, Message: env.message, Class: classOf(env.code, env.message)}
}

func classifyQimen(r *transport.Result) error {
	var ans qimenAnswer
	if err := json.Unmarshal(r.Body, &ans); err != nil {
		return notJSON(r)
	}
	if e := ans.ErrorResponse; e != nil {
		msg := firstNonEmpty(e.SubMsg, e.SubMessage, e.Msg, e.Message)
		return &apierr.APIError{Code: text(e.Code), SubCode: e.SubCode, Message: msg, RequestID: e.RequestID, Class: qimenClass(text(e.Code), e.SubCode, msg)}
	}
	if len(ans.Response) == 0 {
		return notJSON(r)
	}
	var head struct {
		qimenError
		OpenCode json.RawMessage `json:"code"`
	}
	_ = json.Unmarshal(ans.Response, &head)
	env := &envelope{code: text(head.OpenCode), business: ans.Response}
	r.Decoded = env
	if head.Flag == "failure" {
		msg := firstNonEmpty(head.SubMessage, head.SubMsg, head.Message, head.Msg)
		return &apierr.APIError{Code: env.code, SubCode: head.SubCode, Message: msg, RequestID: head.RequestID, Class: qimenClass(env.code, head.SubCode, msg)}
	}
	// The openapi2 status may travel inside the Qimen response.
	if env.code != "" && env.code != CodeOK && env.code != "0" {
		return &apierr.APIError{Code: env.code, Message: head.Message, Class: classOf(env.code, head.Message)}
	}
	return nil
}

func notJSON(r *transport.Result) error {
	if c := apierr.ClassForStatus(r.StatusCode); c != nil {
		return &apierr.APIError{Class: c}
	}
	return &apierr.APIError{Message: "answer is not JSON", Class: apierr.ErrTemporary}
}

// classOf maps an openapi2 code to a class.
func classOf(code, msg string) error {
	switch code {
	case CodeRateLimited:
		return apierr.ErrRateLimited
	case CodeAuth:
		if strings.Contains(msg, "sign") || strings.Contains(msg, "timestamp") {
			return apierr.ErrSignature
		}
		return apierr.ErrAuth
	case "1007":
		return apierr.ErrAuth
	case "1020":
		return apierr.ErrInvalidRequest
	}
	return apierr.ErrInvalidRequest
}

// qimenClass maps a Qimen/TOP gateway code to a class.
func qimenClass(code, sub, msg string) error {
	switch {
	case code == "7" || strings.Contains(sub, "limit") || strings.Contains(sub, "flow") || code == CodeRateLimited:
		return apierr.ErrRateLimited
	case code == "25" || strings.Contains(sub, "sign"):
		return apierr.ErrSignature
	case code == "11" || code == "27" || code == "29" || strings.Contains(sub, "app-key") || strings.Contains(sub, "session"):
		return apierr.ErrAuth
	case code == "15" || strings.HasPrefix(sub, "isp."):
		return apierr.ErrTemporary
	}
	return classOf(code, msg)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
