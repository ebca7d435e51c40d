package yihua

import (
	"strconv"
	"sync"

	"github.com/duijie/duijie/internal/form"
	"github.com/duijie/duijie/internal/jsonx"
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
	b := make([]byte, 0, 160+jsonx.StringLen(cred.PlatformID)+jsonx.StringLen(cred.UserAccessToken)+jsonx.StringLen(cred.UID)+
		docsSize(t)+2*attrs+jsonx.StringLen(proc))
	b = append(b, `{"PlatformID":`...)
	b = jsonx.AppendString(b, cred.PlatformID)
	b = append(b, `,"UserAccessToken":`...)
	b = jsonx.AppendString(b, cred.UserAccessToken)
	b = append(b, `,"UID":`...)
	b = jsonx.AppendString(b, cred.UID)
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
	b = jsonx.AppendString(b, proc)
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
	b := make([]byte, 0, 128+form.EscapedLen(cred.PlatformID)+form.EscapedLen(cred.UserAccessToken)+form.EscapedLen(cred.UID)+
		form.EscapedLen(docs)+form.EscapedLen(proc))
	b = append(b, "PlatformID="...)
	b = form.AppendEscaped(b, cred.PlatformID)
	b = append(b, "&UserAccessToken="...)
	b = form.AppendEscaped(b, cred.UserAccessToken)
	b = append(b, "&UID="...)
	b = form.AppendEscaped(b, cred.UID)
	b = append(b, "&MasterXml="...)
	b = form.AppendEscaped(b, master)
	b = append(b, "&DetailXml="...)
	b = form.AppendEscaped(b, details)
	b = append(b, "&PayXml="...)
	b = form.AppendEscaped(b, pays)
	b = append(b, "&TH="...)
	b = strconv.AppendInt(b, int64(th), 10)
	b = append(b, "&Audit="...)
	b = strconv.AppendInt(b, int64(audit), 10)
	b = append(b, "&StoredProcedureName="...)
	return form.AppendEscaped(b, proc)
}
