package kingdee

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/jsonx"
	"github.com/duijie/duijie/internal/transport"
)

// MsgCode values of ResponseStatus (错误代码 MsgCode), from Kingdee's doc.
const (
	MsgDefault          = 0  // 默认
	MsgSessionLost      = 1  // 上下文丢失: the session is gone (or, with signed headers, the credentials are wrong)
	MsgNoPermission     = 2  // 没有权限
	MsgOperationEmpty   = 3  // 操作标识为空
	MsgException        = 4  // 异常 (an unknown form answers this)
	MsgFormEmpty        = 5  // 单据标识为空
	MsgDatabase         = 6  // 数据库操作失败
	MsgLicence          = 7  // 许可错误
	MsgBadParameter     = 8  // 参数错误
	MsgNoSuchField      = 9  // 指定字段/值不存在
	MsgNotFound         = 10 // 未找到对应数据
	MsgValidationFailed = 11 // 验证失败
	MsgNotOperable      = 12 // 不可操作
	MsgNetworkControl   = 13 // 网控冲突
	MsgCallLimit        = 14 // 调用限制
	MsgAdminForbidden   = 15 // 禁止管理员登录
)

// sessionLostText is the message of a lost session; some servers send it
// without MsgCode 1.
const sessionLostText = "会话信息已丢失"

// ResponseStatus is the outcome Kingdee reports for an operation.
type ResponseStatus struct {
	// ErrorCode is the server's error code (500 and the like), as text.
	ErrorCode duijie.Text `json:"ErrorCode"`
	// IsSuccess says whether the whole operation succeeded.
	IsSuccess duijie.Bool `json:"IsSuccess"`
	// Errors are the failures, each naming a field and the input row.
	Errors []FieldError `json:"Errors"`
	// SuccessEntitys (sic) are the objects the operation applied to.
	SuccessEntitys []SuccessEntity `json:"SuccessEntitys"`
	// SuccessMessages are informational messages.
	SuccessMessages []FieldError `json:"SuccessMessages"`
	// MsgCode classifies a failure (see the Msg… constants).
	MsgCode duijie.Int64 `json:"MsgCode"`
}

// FieldError is one message of a ResponseStatus.
type FieldError struct {
	// FieldName is the field the message is about, when the server names one.
	FieldName string `json:"FieldName"`
	// Message is the server's text.
	Message string `json:"Message"`
	// DIndex is the input row (the position in BatchSave's Model, in Numbers
	// or Ids), from 0.
	DIndex int `json:"DIndex"`
}

// SuccessEntity is an object an operation applied to.
type SuccessEntity struct {
	// ID is the internal id (a number for bills, a GUID for some base data).
	ID duijie.Text `json:"Id"`
	// Number is the bill number or code.
	Number string `json:"Number"`
	// DIndex is the input row, from 0.
	DIndex int `json:"DIndex"`
}

// message joins the status's error messages.
func (s *ResponseStatus) message() string {
	var parts []string
	for _, e := range s.Errors {
		m := e.Message
		if e.FieldName != "" {
			m = e.FieldName + ": " + m
		}
		if m != "" {
			parts = append(parts, m)
		}
	}
	return strings.Join(parts, "; ")
}

// sessionLost reports whether the status says the session is gone.
func (s *ResponseStatus) sessionLost() bool {
	if s.MsgCode == MsgSessionLost {
		return true
	}
	for _, e := range s.Errors {
		if strings.Contains(e.Message, sessionLostText) {
			return true
		}
	}
	return false
}

// classForMsgCode maps a failed status to an error class.
func classForStatus(s *ResponseStatus) error {
	if s.sessionLost() {
		return duijie.ErrAuth
	}
	switch s.MsgCode {
	case MsgNoPermission, MsgLicence, MsgAdminForbidden:
		return duijie.ErrAuth
	case MsgCallLimit:
		return duijie.ErrRateLimited
	case MsgNotFound:
		return duijie.ErrNotFound
	case MsgDatabase, MsgNetworkControl:
		return duijie.ErrTemporary
	}
	return duijie.ErrInvalidRequest
}

// statusError is the error of a failed status.
func statusError(s *ResponseStatus) *duijie.APIError {
	e := &duijie.APIError{
		Code:    strconv.FormatInt(int64(s.MsgCode), 10),
		SubCode: string(s.ErrorCode),
		Message: s.message(),
		Class:   classForStatus(s),
	}
	if e.Message == "" {
		e.Message = "the server reports failure"
	}
	return e
}

// IsSessionLost reports whether err is Kingdee's "session lost" answer
// (MsgCode 1, 会话信息已丢失).
func IsSessionLost(err error) bool {
	e, ok := duijie.AsAPIError(err)
	return ok && e.Vendor == vendor && e.Code == "1" && e.Class == duijie.ErrAuth
}

// answerKind is the shape of a decoded answer.
type answerKind int

const (
	kindOther  answerKind = iota // anything else valid JSON: BillQuery rows, custom services
	kindStatus                   // {"Result":{"ResponseStatus":...}}
	kindRows                     // ExecuteBillQuery's [[...],...]
	kindLogin                    // a LoginResult
)

// answer is a decoded answer, kept in transport.Result.Envelope.
type answer struct {
	kind answerKind
	// result is the envelope's Result object (kindStatus).
	result *resultEnvelope
	// rows are ExecuteBillQuery's rows (kindRows).
	rows []Row
	// login is the login answer (kindLogin).
	login *loginResult
}

// resultEnvelope is the Result object of an operation answer.
type resultEnvelope struct {
	ResponseStatus        *ResponseStatus   `json:"ResponseStatus"`
	ConvertResponseStatus *ResponseStatus   `json:"ConvertResponseStatus"`
	ID                    duijie.Text       `json:"Id"`
	Number                string            `json:"Number"`
	NeedReturnData        []json.RawMessage `json:"NeedReturnData"`
	Result                json.RawMessage   `json:"Result"`
}

// gatewayError is the galaxy gateway's refusal.
type gatewayError struct {
	ErrCode     duijie.Text `json:"errcode"`
	Description string      `json:"description"`
}

// classify decodes an answer once and refuses what is not a success:
// non-JSON and HTML bodies, the "response_error:" prefix, gateway codes,
// failed logins, and statuses whose class concerns the whole call (a lost
// session, no permission, the call limit). Other failed statuses are left
// to the operation, which maps them to its rows.
func classify(r *transport.Result[answer]) error {
	body := bytes.TrimSpace(r.Body)
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	ok2xx := r.StatusCode >= 200 && r.StatusCode <= 299
	switch {
	case bytes.HasPrefix(body, []byte("response_error:")):
		msg := strings.TrimSpace(string(body[len("response_error:"):]))
		var kd struct{ Message string }
		if json.Unmarshal([]byte(msg), &kd) == nil && kd.Message != "" {
			msg = kd.Message
		}
		class := duijie.ClassForStatus(r.StatusCode)
		if class == nil {
			class = duijie.ErrInvalidRequest
		}
		return &duijie.APIError{Code: "response_error", Message: msg, Class: class}
	case len(body) == 0 || (body[0] != '{' && body[0] != '[' && !json.Valid(body)):
		class := duijie.ClassForStatus(r.StatusCode)
		msg := "the answer is not JSON"
		if len(body) > 0 && body[0] == '<' {
			msg = "the answer is an HTML page (a proxy, login or error page), not JSON"
		}
		if class == nil {
			class = duijie.ErrTemporary
		}
		return &duijie.APIError{Message: msg, Class: class}
	case !ok2xx:
		e := &duijie.APIError{Class: duijie.ClassForStatus(r.StatusCode)}
		var gw gatewayError
		if json.Unmarshal(body, &gw) == nil && gw.ErrCode != "" {
			e.Code, e.Message = string(gw.ErrCode), gw.Description
			switch gw.ErrCode {
			case "4002":
				e.Class = duijie.ErrAuth
			case "4006":
				e.Class = duijie.ErrSignature
			}
		}
		return e
	}
	a, err := decodeAnswer(body)
	if err != nil {
		return &duijie.APIError{Message: "undecodable answer: " + err.Error(), Class: duijie.ErrTemporary}
	}
	r.Envelope = a
	switch a.kind {
	case kindLogin:
		if !a.login.ok() {
			return a.login.err()
		}
	case kindStatus:
		if s := a.result.ResponseStatus; s != nil && !bool(s.IsSuccess) && wholeCall(s) {
			return statusError(s)
		}
	}
	return nil
}

// wholeCall reports whether a failed status concerns the call as a whole,
// not its rows.
func wholeCall(s *ResponseStatus) bool {
	switch classForStatus(s) {
	case duijie.ErrAuth, duijie.ErrRateLimited:
		return true
	}
	return false
}

// decodeAnswer recognises the answer shapes.
func decodeAnswer(body []byte) (*answer, error) {
	switch body[0] {
	case '{':
		result, loginType, err := objectHead(body)
		if err != nil {
			return nil, err
		}
		if loginType != nil {
			var l loginResult
			if err := json.Unmarshal(body, &l); err != nil {
				return nil, err
			}
			return &answer{kind: kindLogin, login: &l}, nil
		}
		if len(result) > 0 && result[0] == '{' {
			var env resultEnvelope
			if err := json.Unmarshal(result, &env); err != nil {
				return nil, err
			}
			if env.ResponseStatus != nil || env.ConvertResponseStatus != nil || env.Result != nil || env.ID != "" || env.NeedReturnData != nil {
				return &answer{kind: kindStatus, result: &env}, nil
			}
		}
	case '[':
		var rows []Row
		if err := json.Unmarshal(body, &rows); err == nil {
			if inner, ok := wrappedStatus(rows); ok {
				return decodeAnswer(inner)
			}
			return &answer{kind: kindRows, rows: rows}, nil
		}
		if !json.Valid(body) {
			return nil, errors.New("invalid JSON")
		}
	}
	return &answer{kind: kindOther}, nil
}

// objectHead finds an object answer's Result and LoginResultType members
// (nil when absent), as encoding/json would: keys matched without regard to
// case, the last one winning. The body is checked and its members found in
// one pass (jsonx.Object), without copying; a body whose keys need
// unquoting goes through objectHeadSlow, with the same outcome (a fuzz test
// holds the two to each other).
func objectHead(body []byte) (result, loginType json.RawMessage, err error) {
	var buf [8]jsonx.Member
	members, plain, ok := jsonx.Object(body, buf[:0])
	if !ok || !plain {
		return objectHeadSlow(body)
	}
	return jsonx.LookupFold(members, "Result"), jsonx.LookupFold(members, "LoginResultType"), nil
}

// objectHeadSlow is objectHead by encoding/json alone.
func objectHeadSlow(body []byte) (result, loginType json.RawMessage, err error) {
	var probe struct {
		Result          json.RawMessage `json:"Result"`
		LoginResultType json.RawMessage `json:"LoginResultType"`
	}
	err = json.Unmarshal(body, &probe)
	return probe.Result, probe.LoginResultType, err
}

// wrappedStatus finds ExecuteBillQuery's error form [[{"Result":...}]].
func wrappedStatus(rows []Row) ([]byte, bool) {
	if len(rows) != 1 || len(rows[0]) != 1 {
		return nil, false
	}
	inner := bytes.TrimSpace(rows[0][0])
	if len(inner) == 0 || inner[0] != '{' {
		return nil, false
	}
	var probe struct {
		Result *struct {
			ResponseStatus json.RawMessage `json:"ResponseStatus"`
		} `json:"Result"`
	}
	if json.Unmarshal(inner, &probe) != nil || probe.Result == nil || probe.Result.ResponseStatus == nil {
		return nil, false
	}
	return inner, true
}
