package jushuitan

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/jsonx"
	"github.com/duijie/duijie/internal/transport"
)

// Vendor codes with a known meaning. Two published code tables disagree on
// some numbers (140, 150), so the message decides where noted; the raw code
// and message are always kept in *APIError.
const (
	// CodeOK is success.
	CodeOK = "0"
	// CodeBadSign is 验证失败！无效签名 (openapi v2).
	CodeBadSign = "10"
	// CodeTokenInvalid is an invalid or expired access_token (openapi v2)
	// or partner token (legacy): ErrAuth, refreshed once when possible.
	CodeTokenInvalid = "100"
	// CodeIPWhitelist is a caller IP outside the app's whitelist: ErrAuth.
	CodeIPWhitelist = "110"
	// CodeLegacyBadSign is 签名错误 (legacy): ErrSignature.
	CodeLegacyBadSign = "120"
	// CodeBadParams is 参数传递错误 / 参数不符合规范, and on openapi v2 also
	// 无效的timestamp (then ErrSignature).
	CodeBadParams = "140"
	// CodeRefreshForbidden is 服务商应用禁止刷新access_token (ISV apps may
	// not refresh since 2023-08-15; the merchant must re-authorize). The
	// legacy table uses 150 for 内部处理异常 (ErrTemporary).
	CodeRefreshForbidden = "150"
	// CodeShopNotFound is 店铺编号不存在: ErrNotFound.
	CodeShopNotFound = "170"
	// CodeBadTimestamp is an invalid request timestamp (legacy): ErrSignature.
	CodeBadTimestamp = "180"
	// CodeNoPermission is 无API权限: ErrAuth.
	CodeNoPermission = "190"
	// CodeRateLimitedSecond is more than 5 calls a second: ErrRateLimited.
	CodeRateLimitedSecond = "199"
	// CodeRateLimitedMinute is more than 100 calls a minute: ErrRateLimited.
	CodeRateLimitedMinute = "200"
)

// envelope is a decoded answer. For openapi v2 payload is the "data"
// object; for the legacy API, whose answers are flat, it is the whole body.
type envelope struct {
	code, msg, requestID string
	payload              json.RawMessage
}

type wireHead struct {
	Code      json.RawMessage `json:"code"`
	Msg       json.RawMessage `json:"msg"`
	IsSuccess *bool           `json:"issuccess"`
	RequestID json.RawMessage `json:"requestId"`
	Data      json.RawMessage `json:"data"`
}

// text returns a JSON string or number as text ("" for null or absent).
func text(raw json.RawMessage) string { return jsonx.TextOr(raw) }

// decodeEnvelope parses an answer once. ok is false when the body is not a
// JSON object with a code or issuccess field. The body is checked and its
// members are found in one pass (jsonx.Object; data is not copied);
// a body whose keys need unquoting is read by encoding/json, as
// decodeWireHead does, with the same outcome.
func decodeEnvelope(body []byte, legacy bool) (*envelope, *bool, bool) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, nil, false
	}
	var h wireHead
	bad := false
	walked := eachMember(trimmed, func(key, val []byte) bool {
		// encoding/json matches a struct field by name case-insensitively,
		// as bytes.EqualFold does; the last of equal keys wins.
		switch {
		case bytes.EqualFold(key, []byte("code")):
			h.Code = val
		case bytes.EqualFold(key, []byte("msg")):
			h.Msg = val
		case bytes.EqualFold(key, []byte("requestId")):
			h.RequestID = val
		case bytes.EqualFold(key, []byte("data")):
			h.Data = val
		case bytes.EqualFold(key, []byte("issuccess")):
			if err := json.Unmarshal(val, &h.IsSuccess); err != nil {
				bad = true
				return false
			}
		}
		return true
	})
	switch {
	case bad:
		return nil, nil, false
	case !walked:
		return decodeWireHead(trimmed, legacy)
	}
	return fromWireHead(&h, trimmed, legacy)
}

// decodeWireHead is decodeEnvelope by encoding/json alone.
func decodeWireHead(trimmed []byte, legacy bool) (*envelope, *bool, bool) {
	var h wireHead
	if err := json.Unmarshal(trimmed, &h); err != nil {
		return nil, nil, false
	}
	return fromWireHead(&h, trimmed, legacy)
}

func fromWireHead(h *wireHead, trimmed []byte, legacy bool) (*envelope, *bool, bool) {
	if len(h.Code) == 0 && h.IsSuccess == nil {
		return nil, nil, false
	}
	env := &envelope{code: text(h.Code), msg: text(h.Msg), requestID: text(h.RequestID), payload: h.Data}
	if legacy {
		env.payload = json.RawMessage(trimmed)
	}
	if env.code == "" && h.IsSuccess != nil && *h.IsSuccess {
		env.code = CodeOK
	}
	return env, h.IsSuccess, true
}

// classifier decodes the envelope once (into Result.Envelope) and maps the
// vendor code to an error class.
func classifier(legacy bool) transport.Classifier[envelope] {
	return func(r *transport.Result[envelope]) error {
		env, ok, isJSON := decodeEnvelope(r.Body, legacy)
		if !isJSON {
			if c := duijie.ClassForStatus(r.StatusCode); c != nil {
				return &duijie.APIError{Class: c}
			}
			return &duijie.APIError{Message: "answer is not a JSON envelope", Class: duijie.ErrTemporary}
		}
		r.Envelope = env
		if env.code == CodeOK && (ok == nil || *ok) {
			if c := duijie.ClassForStatus(r.StatusCode); c != nil {
				return &duijie.APIError{Code: env.code, Message: env.msg, RequestID: env.requestID, Class: c}
			}
			return nil
		}
		return &duijie.APIError{Code: env.code, Message: env.msg, RequestID: env.requestID, Class: classOf(env.code, env.msg),
			NotProcessed: refusedBeforeProcessing(env.code)}
	}
}

// refusedBeforeProcessing reports the codes the vendor's code table gives
// for its gateway throttle (199 调用太频繁, 200 调用频次超过限制): the call
// was counted against the quota and refused, not run, so even a write may be
// sent again. Throttle wording under any other code proves nothing.
func refusedBeforeProcessing(code string) bool {
	return code == CodeRateLimitedSecond || code == CodeRateLimitedMinute
}

// classOf maps a vendor code and message to a class.
func classOf(code, msg string) error {
	lmsg := strings.ToLower(msg)
	switch code {
	case CodeRateLimitedSecond, CodeRateLimitedMinute:
		return duijie.ErrRateLimited
	case CodeBadSign, CodeLegacyBadSign, CodeBadTimestamp:
		return duijie.ErrSignature
	case CodeTokenInvalid, CodeIPWhitelist, CodeNoPermission:
		return duijie.ErrAuth
	case CodeBadParams:
		if containsAny(lmsg, "timestamp", "时间戳", "时间误差") {
			return duijie.ErrSignature
		}
		if containsAny(lmsg, "签名", "sign") {
			return duijie.ErrSignature
		}
		return duijie.ErrInvalidRequest
	case CodeRefreshForbidden:
		if containsAny(lmsg, "刷新", "授权", "refresh") {
			return duijie.ErrAuth
		}
		return duijie.ErrTemporary
	case "160":
		// 内部保存失败: the vendor could not save; the same call may succeed.
		return duijie.ErrTemporary
	case CodeShopNotFound:
		return duijie.ErrNotFound
	}
	switch {
	case containsAny(msg, "频繁", "频次", "频率"):
		return duijie.ErrRateLimited
	case containsAny(msg, "繁忙", "稍后再试", "系统异常", "内部处理异常"):
		return duijie.ErrTemporary
	}
	return duijie.ErrInvalidRequest
}

// isReauthorize reports whether err says the app may not refresh its token
// and the merchant must authorize it again (code 150 on openapi v2).
func isReauthorize(err error) bool {
	e, ok := duijie.AsAPIError(err)
	return ok && e.Code == CodeRefreshForbidden && e.Class == duijie.ErrAuth
}

// isTokenRejected reports whether err is the vendor refusing the token.
func isTokenRejected(err error) bool {
	e, ok := duijie.AsAPIError(err)
	return ok && e.Code == CodeTokenInvalid
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
