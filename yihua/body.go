package yihua

import (
	"strconv"
	"sync"
	"unicode/utf8"
)

// TradeTransferToErp's body is written into one buffer sized once. As JSON
// (the default) the three XML documents are written straight into their
// JSON strings, already escaped (inJSONString); as a form they are built in
// a pooled scratch buffer and query-escaped into the body. The bytes are
// those encodeBody writes from credentials and transferParams
// (encoding/json with HTML escaping off, or go-querystring and
// url.QueryEscape); tests hold the two to each other.

// scratchPool holds the buffers the documents are built in before being
// escaped into a body. Buffers above maxScratch are not kept.
var scratchPool = sync.Pool{New: func() any { return new([]byte) }}

const maxScratch = 4 << 20

// Sizes of the documents with empty values, for sizing a buffer once.
var (
	emptyMasterLen = len(AppendMaster(nil, &Master{}))
	emptyDetailLen = len(AppendDetails(nil, make([]Detail, 1))) - len("<detail></detail>")
	emptyPayLen    = len(AppendPays(nil, make([]Pay, 1))) - len("<pay></pay>")
)

// Room allowed beyond the empty form of a value: a valid amount's text
// (at most 14 integer digits and 4 decimals, with a sign) beyond "0.0000",
// a time's beyond NoTime.
const (
	amountRoom = 14
	timeRoom   = 3
)

// docsSize is the room the three documents of t take: enough for a valid
// trade whose text needs no escaping, and otherwise short by what escaping
// adds, when append grows the buffer. Most trades have room to spare from
// amounts shorter than the longest.
func docsSize(t *Trade) int {
	m := &t.Master
	n := emptyMasterLen + 10*amountRoom + 4*timeRoom +
		len(m.TradeType) + len(m.TradeID) + len(m.TradeSource) + len(m.ProvinceID) + len(m.CityID) +
		len(m.DistrictID) + len(m.BuyerAddress) + len(m.BuyerName) + len(m.BuyerPhone) + len(m.OuterID) +
		len(m.ReceiptID) + len(m.Remark) + len(m.SaleUID) + len(m.PayStatus) + len(m.ZipCode) + len(m.ThirdPartyData)
	n += len("<detail></detail>") + len(t.Details)*(emptyDetailLen+6*amountRoom+timeRoom)
	for i := range t.Details {
		d := &t.Details[i]
		n += len(d.GoodsID) + len(d.YhProductID) + len(d.Remark)
	}
	n += len("<pay></pay>") + len(t.Pays)*(emptyPayLen+amountRoom)
	for i := range t.Pays {
		n += len(t.Pays[i].PayChannel)
	}
	return n
}

// appendDocs appends the MasterXml, DetailXml and PayXml documents of t to
// dst and returns where the details and the payments start.
func appendDocs(dst []byte, t *Trade) (out []byte, details, pays int) {
	dst = AppendMaster(dst, &t.Master)
	details = len(dst)
	dst = AppendDetails(dst, t.Details)
	pays = len(dst)
	return AppendPays(dst, t.Pays), details, pays
}

// transferBody writes TradeTransferToErp's body for enc: the credentials,
// then MasterXml, DetailXml, PayXml, TH, Audit and StoredProcedureName.
func transferBody(enc BodyEncoding, cred *credentials, t *Trade, th, audit int, proc Procedure) []byte {
	if enc == BodyForm {
		return transferForm(cred, t, th, audit, proc)
	}
	// Each attribute's quotes are escaped, two bytes more.
	attrs := 30 + 10*len(t.Details) + 2*len(t.Pays)
	b := make([]byte, 0, 160+jsonLen(cred.PlatformID)+jsonLen(cred.UserAccessToken)+jsonLen(cred.UID)+
		docsSize(t)+2*attrs+jsonLen(proc))
	b = append(b, `{"PlatformID":`...)
	b = appendJSONString(b, cred.PlatformID)
	b = append(b, `,"UserAccessToken":`...)
	b = appendJSONString(b, cred.UserAccessToken)
	b = append(b, `,"UID":`...)
	b = appendJSONString(b, cred.UID)
	b = append(b, `,"MasterXml":"`...)
	b = appendMaster(b, &t.Master, inJSONString)
	b = append(b, `","DetailXml":"`...)
	b = appendDetails(b, t.Details, inJSONString)
	b = append(b, `","PayXml":"`...)
	b = appendPays(b, t.Pays, inJSONString)
	b = append(b, `","TH":`...)
	b = strconv.AppendInt(b, int64(th), 10)
	b = append(b, `,"Audit":`...)
	b = strconv.AppendInt(b, int64(audit), 10)
	b = append(b, `,"StoredProcedureName":`...)
	b = appendJSONString(b, proc)
	return append(b, '}')
}

// transferForm is transferBody for BodyForm.
func transferForm(cred *credentials, t *Trade, th, audit int, proc Procedure) []byte {
	sp := scratchPool.Get().(*[]byte)
	docs, di, pi := appendDocs((*sp)[:0], t)
	if cap(docs) <= maxScratch {
		defer func() { *sp = docs[:0]; scratchPool.Put(sp) }()
	}
	master, details, pays := docs[:di], docs[di:pi], docs[pi:]
	b := make([]byte, 0, 128+formLen(cred.PlatformID)+formLen(cred.UserAccessToken)+formLen(cred.UID)+
		formLen(docs)+formLen(proc))
	b = append(b, "PlatformID="...)
	b = appendFormValue(b, cred.PlatformID)
	b = append(b, "&UserAccessToken="...)
	b = appendFormValue(b, cred.UserAccessToken)
	b = append(b, "&UID="...)
	b = appendFormValue(b, cred.UID)
	b = append(b, "&MasterXml="...)
	b = appendFormValue(b, master)
	b = append(b, "&DetailXml="...)
	b = appendFormValue(b, details)
	b = append(b, "&PayXml="...)
	b = appendFormValue(b, pays)
	b = append(b, "&TH="...)
	b = strconv.AppendInt(b, int64(th), 10)
	b = append(b, "&Audit="...)
	b = strconv.AppendInt(b, int64(audit), 10)
	b = append(b, "&StoredProcedureName="...)
	return appendFormValue(b, proc)
}

// jsonSafe marks the ASCII bytes encoding/json writes as they are inside a
// string with HTML escaping off.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// jsonLen is the room appendJSONString needs for s: enough for valid
// UTF-8, which is all the documents carry; for invalid UTF-8 it may be
// short, and append grows the buffer.
func jsonLen[S ~string](s S) int {
	n := len(s) + 2
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf && jsonSafe[c]:
		case c == '"' || c == '\\':
			n++
		case c < utf8.RuneSelf:
			n += 5 // \u00XX
		case c == 0xE2:
			n += 3 // U+2028 and U+2029 are written \u2028 and \u2029
		case c >= 0x80 && c < 0xC0 || c >= 0xF5 || c == 0xC0 || c == 0xC1:
			n += 5 // a byte that cannot start a character may be written \ufffd
		}
	}
	return n
}

// appendJSONString appends s as encoding/json writes a string with HTML
// escaping off: quoted, with '"' and '\\' escaped, control characters as
// \n, \r, \t, \b, \f or \u00XX, U+2028 and U+2029 as \u2028 and \u2029,
// and invalid UTF-8 as \ufffd.
func appendJSONString[S ~string](dst []byte, s S) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:]))
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// formUnreserved marks the bytes url.QueryEscape writes as they are.
var formUnreserved = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~'
	}
	return t
}()

// formLen is the length appendFormValue writes for s.
func formLen[S ~string | ~[]byte](s S) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		if c := s[i]; !formUnreserved[c] && c != ' ' {
			n += 2
		}
	}
	return n
}

// appendFormValue appends s as url.QueryEscape writes it.
func appendFormValue[S ~string | ~[]byte](dst []byte, s S) []byte {
	const hex = "0123456789ABCDEF"
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if formUnreserved[c] {
			continue
		}
		dst = append(dst, s[start:i]...)
		if c == ' ' {
			dst = append(dst, '+')
		} else {
			dst = append(dst, '%', hex[c>>4], hex[c&0xF])
		}
		start = i + 1
	}
	return append(dst, s[start:]...)
}
