package kingdeetest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/duijie/duijie/kingdee"
)

// fieldMsg is one Errors entry.
type fieldMsg struct {
	FieldName string `json:"FieldName"`
	Message   string `json:"Message"`
	DIndex    int    `json:"DIndex"`
}

// entity is one SuccessEntitys entry.
type entity struct {
	ID     int64  `json:"Id"`
	Number string `json:"Number"`
	DIndex int    `json:"DIndex"`
}

// statusBody is {"Result":{"ResponseStatus":...}} with the live types
// (ErrorCode a number, IsSuccess a bool, MsgCode a number).
func statusBody(ok bool, errorCode string, msgCode int, done []entity, errs []fieldMsg) []byte {
	return resultBody(ok, errorCode, msgCode, done, errs, nil)
}

func resultBody(ok bool, errorCode string, msgCode int, done []entity, errs []fieldMsg, extra map[string]any) []byte {
	if done == nil {
		done = []entity{}
	}
	if errs == nil {
		errs = []fieldMsg{}
	}
	st := map[string]any{"IsSuccess": ok, "Errors": errs, "SuccessEntitys": done, "SuccessMessages": []any{}, "MsgCode": msgCode}
	if errorCode != "" {
		n, _ := strconv.Atoi(errorCode)
		st["ErrorCode"] = n
	} else {
		st["ErrorCode"] = 0
	}
	result := map[string]any{"ResponseStatus": st}
	for k, v := range extra {
		result[k] = v
	}
	b, _ := json.Marshal(map[string]any{"Result": result})
	return b
}

// sessionLost is the answer to a call without a valid session or signature.
func sessionLost() []byte {
	return statusBody(false, "500", kingdee.MsgSessionLost, nil, []fieldMsg{{Message: "会话信息已丢失，请重新登录"}})
}

// formRoutes maps each DynamicFormService method the fake serves (the
// name after the prefix) to its handler. It is the fake's routing: business
// dispatches through it and Services lists it.
func (s *Server) formRoutes() map[string]func(http.ResponseWriter, args) {
	action := func(name string) func(http.ResponseWriter, args) {
		return func(w http.ResponseWriter, a args) { s.act(w, name, a) }
	}
	return map[string]func(http.ResponseWriter, args){
		"Save":             func(w http.ResponseWriter, a args) { s.save(w, a, false, false) },
		"Draft":            func(w http.ResponseWriter, a args) { s.save(w, a, true, false) },
		"BatchSave":        func(w http.ResponseWriter, a args) { s.save(w, a, false, true) },
		"Submit":           action("Submit"),
		"Audit":            action("Audit"),
		"UnAudit":          action("UnAudit"),
		"Delete":           action("Delete"),
		"Push":             s.push,
		"View":             s.view,
		"ExecuteBillQuery": s.query,
	}
}

// business runs a DynamicFormService operation.
func (s *Server) business(w http.ResponseWriter, name string, a args) {
	h, ok := s.formRoutes()[name]
	if !ok {
		writeJSON(w, statusBody(false, "500", kingdee.MsgException, nil, []fieldMsg{{Message: "the fake does not serve " + name}}))
		return
	}
	h(w, a)
}

// save stores one model (Save, Draft) or an array (BatchSave), each on its
// own: a refused model does not stop the others.
func (s *Server) save(w http.ResponseWriter, a args, draft, batch bool) {
	if a.formID == "" {
		writeJSON(w, statusBody(false, "500", kingdee.MsgFormEmpty, nil, []fieldMsg{{Message: "单据标识为空"}}))
		return
	}
	var models []map[string]any
	switch m := a.data["Model"].(type) {
	case map[string]any:
		if batch {
			writeJSON(w, statusBody(false, "500", kingdee.MsgBadParameter, nil, []fieldMsg{{FieldName: "Model", Message: "BatchSave 的 Model 必须是数组"}}))
			return
		}
		models = []map[string]any{m}
	case []any:
		if !batch {
			writeJSON(w, statusBody(false, "500", kingdee.MsgBadParameter, nil, []fieldMsg{{FieldName: "Model", Message: "Save 的 Model 必须是对象"}}))
			return
		}
		for _, v := range m {
			obj, ok := v.(map[string]any)
			if !ok {
				writeJSON(w, statusBody(false, "500", kingdee.MsgBadParameter, nil, []fieldMsg{{FieldName: "Model", Message: "Model 的元素必须是对象"}}))
				return
			}
			models = append(models, obj)
		}
	default:
		writeJSON(w, statusBody(false, "500", kingdee.MsgBadParameter, nil, []fieldMsg{{FieldName: "Model", Message: "缺少 Model"}}))
		return
	}
	status := "A"
	if draft {
		status = "Z"
	}
	var done []entity
	var errs []fieldMsg
	s.mu.Lock()
	s.saveCalls++
	for i, m := range models {
		msg := valueProblem(m)
		if msg == nil {
			msg = checkModel(a.formID, m, draft)
		}
		if msg != nil {
			msg.DIndex = i
			errs = append(errs, *msg)
			continue
		}
		b, msg := s.storeLocked(a.formID, m, status)
		if msg != nil {
			msg.DIndex = i
			errs = append(errs, *msg)
			continue
		}
		done = append(done, entity{ID: b.ID, Number: b.Number, DIndex: i})
	}
	s.mu.Unlock()
	extra := map[string]any{"NeedReturnData": []any{}}
	if !batch && len(done) == 1 {
		extra["Id"], extra["Number"] = done[0].ID, done[0].Number
	}
	if len(errs) > 0 {
		writeJSON(w, resultBody(false, "500", kingdee.MsgValidationFailed, done, errs, extra))
		return
	}
	writeJSON(w, resultBody(true, "", 0, done, nil, extra))
}

// refNumber reads {"FNumber": x} with the key in any case.
func refNumber(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	for k, x := range m {
		if strings.EqualFold(k, "FNumber") {
			return fmt.Sprint(x)
		}
	}
	return ""
}

// storeLocked saves m: a new bill (numbered when its number field, FBillNo
// or FNumber for base data, is empty), or an update when its id field (FID,
// or base data's own) names a bill.
// A number already used, by a bill readers see or one held back, is
// refused as the real server words it (FieldName the number field,
// MsgCode 11, "违反字段唯一性要求：编码唯一。[X]在当前系统中已经被使用。"),
// unless the form takes repeated numbers (WithRepeatedNumbers).
func (s *Server) storeLocked(formID string, m map[string]any, status string) (*Bill, *fieldMsg) {
	f := s.forms[formID]
	if f == nil {
		f = &form{byNumber: map[string][]*Bill{}, nextID: 100000}
		s.forms[formID] = f
	}
	rule := ruleOf(formID)
	field := rule.number
	v, _ := member(m, field)
	number, _ := v.(string)
	idv, _ := member(m, rule.id)
	if id := toInt(idv); id != 0 {
		for _, b := range f.order {
			if b.ID == id {
				for k, v := range m {
					b.Model[k] = v
				}
				return b, nil
			}
		}
		return nil, &fieldMsg{FieldName: rule.id, Message: fmt.Sprintf("%s %d 的单据不存在", rule.id, id)}
	}
	if number == "" {
		f.nextNo++
		number = fmt.Sprintf("%s%06d", strings.SplitN(formID, "_", 2)[0], f.nextNo)
		m[field] = number
	}
	if len(f.byNumber[number]) > 0 && !s.repeatable[formID] {
		s.refused[formID+"\x00"+number]++
		return nil, &fieldMsg{FieldName: field, Message: "违反字段唯一性要求：编码唯一。[" + number + "]在当前系统中已经被使用。"}
	}
	f.nextID++
	b := &Bill{Form: formID, ID: f.nextID, Number: number, Status: status, Model: m, savedSeq: s.seq, savedAt: s.now(), commit: s.commit}
	f.byNumber[number] = append(f.byNumber[number], b)
	f.order = append(f.order, b)
	return b, nil
}

// toInt reads a JSON number or numeric string.
func toInt(v any) int64 {
	switch x := v.(type) {
	case json.Number:
		n, _ := x.Int64()
		return n
	case string:
		n, _ := strconv.ParseInt(x, 10, 64)
		return n
	}
	return 0
}

// transitions maps an operation to the statuses it accepts and the status
// it leaves; Delete removes the bill.
var transitions = map[string]struct {
	from []string
	to   string
}{
	"Submit":  {[]string{"A", "D"}, "B"},
	"Audit":   {[]string{"B"}, "C"},
	"UnAudit": {[]string{"C"}, "D"},
	"Delete":  {[]string{"A", "D", "Z"}, ""},
}

// act runs Submit, Audit, UnAudit or Delete on bills named by number or id.
func (s *Server) act(w http.ResponseWriter, name string, a args) {
	var keys []string
	byID := false
	if ns, ok := a.data["Numbers"].([]any); ok && len(ns) > 0 {
		for _, n := range ns {
			keys = append(keys, fmt.Sprint(n))
		}
	} else if ids, _ := a.data["Ids"].(string); ids != "" {
		keys, byID = strings.Split(ids, ","), true
	}
	if a.formID == "" || len(keys) == 0 {
		writeJSON(w, statusBody(false, "500", kingdee.MsgBadParameter, nil, []fieldMsg{{Message: "缺少单据编码或内码"}}))
		return
	}
	tr := transitions[name]
	var done []entity
	var errs []fieldMsg
	s.mu.Lock()
	f := s.forms[a.formID]
	for i, k := range keys {
		b := s.findLocked(f, k, byID)
		if b == nil {
			errs = append(errs, fieldMsg{Message: "单据“" + k + "”不存在", DIndex: i})
			continue
		}
		allowed := false
		for _, st := range tr.from {
			allowed = allowed || b.Status == st
		}
		if !allowed {
			errs = append(errs, fieldMsg{Message: fmt.Sprintf("单据“%s”的状态为 %s，不能%s", b.Number, b.Status, name), DIndex: i})
			continue
		}
		if tr.to == "" {
			f.remove(b)
		} else {
			b.Status = tr.to
		}
		done = append(done, entity{ID: b.ID, Number: b.Number, DIndex: i})
	}
	s.mu.Unlock()
	if len(errs) > 0 {
		writeJSON(w, statusBody(false, "500", kingdee.MsgNotOperable, done, errs))
		return
	}
	writeJSON(w, statusBody(true, "", 0, done, nil))
}

// findLocked returns the first bill readers see with this number or id.
func (s *Server) findLocked(f *form, key string, byID bool) *Bill {
	if f == nil {
		return nil
	}
	if !byID {
		for _, b := range f.byNumber[key] {
			if s.visibleLocked(b) {
				return b
			}
		}
		return nil
	}
	id, _ := strconv.ParseInt(key, 10, 64)
	for _, b := range f.order {
		if b.ID == id && s.visibleLocked(b) {
			return b
		}
	}
	return nil
}

// remove deletes a bill.
func (f *form) remove(b *Bill) {
	bs := f.byNumber[b.Number]
	for i, x := range bs {
		if x == b {
			bs = append(bs[:i], bs[i+1:]...)
			break
		}
	}
	if len(bs) == 0 {
		delete(f.byNumber, b.Number)
	} else {
		f.byNumber[b.Number] = bs
	}
	for i, x := range f.order {
		if x == b {
			f.order = append(f.order[:i], f.order[i+1:]...)
			return
		}
	}
}

// view answers View with the stored bill; ResponseStatus is null on
// success, as live answers have it.
func (s *Server) view(w http.ResponseWriter, a args) {
	number, _ := a.data["Number"].(string)
	id, _ := a.data["Id"].(string)
	s.mu.Lock()
	b := s.findLocked(s.forms[a.formID], number, false)
	if number == "" {
		b = s.findLocked(s.forms[a.formID], id, true)
	}
	var bill map[string]any
	if b != nil {
		bill = map[string]any{"Id": b.ID, "BillNo": b.Number, "DocumentStatus": b.Status}
		for k, v := range b.Model {
			bill[k] = v
		}
	}
	s.mu.Unlock()
	if b == nil {
		writeJSON(w, statusBody(false, "500", kingdee.MsgNotFound, nil, []fieldMsg{{Message: "单据不存在"}}))
		return
	}
	out, _ := json.Marshal(map[string]any{"Result": map[string]any{"ResponseStatus": nil, "Result": bill}})
	writeJSON(w, out)
}

// push runs Push (下推): each source bill, named by number or id, becomes a
// new bill of the target form (status A, a number of the fake's own, the
// source's fields but FID and FBillNo), and the answer carries the target
// bills in ResponseStatus and the conversion's outcome in
// ConvertResponseStatus. The target form comes from the rule (RuleId, as
// WithConversionRule registers it) or, with IsEnableDefaultRule, from
// TargetFormId. Like the standard conversion rules, the fake pushes audited
// bills only (status C). Pushing by entry (EntryIds) is not served.
func (s *Server) push(w http.ResponseWriter, a args) { writeJSON(w, s.pushBills(a)) }

// pushBills does the work of push and returns the answer.
func (s *Server) pushBills(a args) []byte {
	var keys []string
	byID := false
	if ns, ok := a.data["Numbers"].([]any); ok && len(ns) > 0 {
		for _, n := range ns {
			keys = append(keys, fmt.Sprint(n))
		}
	} else if ids, _ := a.data["Ids"].(string); ids != "" {
		keys, byID = strings.Split(ids, ","), true
	}
	if entries, _ := a.data["EntryIds"].(string); entries != "" && len(keys) == 0 {
		return pushRefused(kingdee.MsgBadParameter, []fieldMsg{{Message: "the fake does not push by entry (EntryIds)"}})
	}
	if a.formID == "" || len(keys) == 0 {
		return pushRefused(kingdee.MsgBadParameter, []fieldMsg{{Message: "缺少单据编码或内码"}})
	}
	ruleID, _ := a.data["RuleId"].(string)
	target, _ := a.data["TargetFormId"].(string)
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case ruleID != "":
		t, ok := s.rules[ruleID]
		if !ok {
			return pushRefused(kingdee.MsgBadParameter, []fieldMsg{{FieldName: "RuleId", Message: "转换规则“" + ruleID + "”不存在"}})
		}
		target = t
	case fmt.Sprint(a.data["IsEnableDefaultRule"]) != "true" || target == "":
		return pushRefused(kingdee.MsgBadParameter, []fieldMsg{{Message: "未指定转换规则：需要 RuleId，或 IsEnableDefaultRule 与 TargetFormId"}})
	}
	f := s.forms[a.formID]
	var errs []fieldMsg
	sources := make([]*Bill, len(keys))
	for i, k := range keys {
		b := s.findLocked(f, k, byID)
		switch {
		case b == nil:
			errs = append(errs, fieldMsg{Message: "单据“" + k + "”不存在", DIndex: i})
		case b.Status != "C":
			errs = append(errs, fieldMsg{Message: fmt.Sprintf("单据“%s”未审核，不能下推", b.Number), DIndex: i})
		}
		sources[i] = b
	}
	if len(errs) > 0 {
		return pushRefused(kingdee.MsgNotOperable, errs)
	}
	var done []entity
	for i, src := range sources {
		m := map[string]any{}
		for k, v := range src.Model {
			if !strings.EqualFold(k, "FID") && !strings.EqualFold(k, ruleOf(a.formID).number) {
				m[k] = v
			}
		}
		b, _ := s.storeLocked(target, m, "A")
		done = append(done, entity{ID: b.ID, Number: b.Number, DIndex: i})
	}
	return resultBody(true, "", 0, done, nil, map[string]any{"ConvertResponseStatus": convertStatus(true, 0, nil)})
}

// pushRefused is a Push whose conversion failed: both statuses fail.
func pushRefused(msgCode int, errs []fieldMsg) []byte {
	return resultBody(false, "500", msgCode, nil, errs, map[string]any{"ConvertResponseStatus": convertStatus(false, msgCode, errs)})
}

// convertStatus is a ConvertResponseStatus.
func convertStatus(ok bool, msgCode int, errs []fieldMsg) map[string]any {
	if errs == nil {
		errs = []fieldMsg{}
	}
	code := 0
	if !ok {
		code = 500
	}
	return map[string]any{"IsSuccess": ok, "ErrorCode": code, "MsgCode": msgCode, "Errors": errs, "SuccessEntitys": []any{}, "SuccessMessages": []any{}}
}
