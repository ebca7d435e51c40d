package yihua

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/duijie/duijie"
)

// NoTime is how the vendor writes an empty time.
const NoTime = "1900/1/1 0:00:00"

// moneyScale is the number of decimals written for an amount that carries
// no scale of its own.
const moneyScale = 4

// EncodeMaster returns the MasterXml document of m.
func EncodeMaster(m *Master) string { return string(AppendMaster(nil, m)) }

// EncodeDetails returns the DetailXml document of ds.
func EncodeDetails(ds []Detail) string { return string(AppendDetails(nil, ds)) }

// EncodePays returns the PayXml document of ps.
func EncodePays(ps []Pay) string { return string(AppendPays(nil, ps)) }

// quoting is how a document is written: as XML, or as XML already escaped
// for the inside of a JSON string (encoding/json's escaping with HTML
// escaping off), so that TransferTrade writes its JSON body in one pass.
// Outside attribute values a document has no character JSON escapes but
// the attribute quotes; inside them, after XML escaping, only '\\', U+2028
// and U+2029 are left to escape.
type quoting struct {
	open, close string // `="` and `"`, or `=\"` and `\"`
	json        bool
}

var (
	plainXML     = &quoting{open: `="`, close: `"`}
	inJSONString = &quoting{open: `=\"`, close: `\"`, json: true}
)

// AppendMaster appends the MasterXml document of m to dst.
func AppendMaster(dst []byte, m *Master) []byte { return appendMaster(dst, m, plainXML) }

// AppendDetails appends the DetailXml document of ds to dst.
func AppendDetails(dst []byte, ds []Detail) []byte { return appendDetails(dst, ds, plainXML) }

// AppendPays appends the PayXml document of ps to dst.
func AppendPays(dst []byte, ps []Pay) []byte { return appendPays(dst, ps, plainXML) }

func appendMaster(dst []byte, m *Master, q *quoting) []byte {
	dst = append(dst, "<master><master"...)
	dst = attr(dst, q, "TradeType", string(m.TradeType))
	dst = attr(dst, q, "TradeID", m.TradeID)
	dst = timeAttr(dst, q, "CreateTime", m.CreateTime)
	dst = moneyAttr(dst, q, "OriginalMoney", m.OriginalMoney)
	dst = moneyAttr(dst, q, "FactMoney", m.FactMoney)
	dst = moneyAttr(dst, q, "ContractFeeBefore", m.ContractFeeBefore)
	dst = moneyAttr(dst, q, "ContractFee", m.ContractFee)
	dst = moneyAttr(dst, q, "OtherFee", m.OtherFee)
	dst = moneyAttr(dst, q, "ReductionFee", m.ReductionFee)
	dst = moneyAttr(dst, q, "Freight", m.Freight)
	dst = moneyAttr(dst, q, "LateFee", m.LateFee)
	dst = timeAttr(dst, q, "PayTime", m.PayTime)
	dst = moneyAttr(dst, q, "RefundFee", m.RefundFee)
	dst = timeAttr(dst, q, "RefundTime", m.RefundTime)
	dst = attr(dst, q, "TradeSource", string(m.TradeSource))
	dst = attr(dst, q, "ProvinceID", m.ProvinceID)
	dst = attr(dst, q, "CityID", m.CityID)
	dst = attr(dst, q, "DistrictID", m.DistrictID)
	dst = attr(dst, q, "BuyerAddress", m.BuyerAddress)
	dst = attr(dst, q, "BuyerName", m.BuyerName)
	dst = attr(dst, q, "BuyerPhone", m.BuyerPhone)
	dst = attr(dst, q, "OuterID", m.OuterID)
	dst = attr(dst, q, "ReceiptID", m.ReceiptID)
	dst = attr(dst, q, "Remark", m.Remark)
	dst = attr(dst, q, "SaleUID", m.SaleUID)
	dst = attr(dst, q, "PayStatus", string(m.PayStatus))
	dst = moneyAttr(dst, q, "TotalMoney", m.TotalMoney)
	dst = attr(dst, q, "ZipCode", m.ZipCode)
	dst = timeAttr(dst, q, "DelayTime", m.DelayTime)
	dst = attr(dst, q, "ThirdPartyData", m.ThirdPartyData)
	return append(dst, " /></master>"...)
}

func appendDetails(dst []byte, ds []Detail, q *quoting) []byte {
	dst = append(dst, "<detail>"...)
	for i := range ds {
		d := &ds[i]
		dst = append(dst, "<detail"...)
		dst = attr(dst, q, "GoodsID", d.GoodsID)
		dst = attr(dst, q, "yhProductID", d.YhProductID)
		dst = quantityAttr(dst, q, "GoodsNumber", d.GoodsNumber)
		dst = moneyAttr(dst, q, "OldPrice", d.OldPrice)
		dst = moneyAttr(dst, q, "Price", d.Price)
		dst = moneyAttr(dst, q, "ContractFeeItem", d.ContractFeeItem)
		dst = moneyAttr(dst, q, "OtherFeeItem", d.OtherFeeItem)
		dst = moneyAttr(dst, q, "ReductionFeeItem", d.ReductionFeeItem)
		dst = timeAttr(dst, q, "CreateTime", d.CreateTime)
		dst = attr(dst, q, "Remark", d.Remark)
		dst = append(dst, " />"...)
	}
	return append(dst, "</detail>"...)
}

func appendPays(dst []byte, ps []Pay, q *quoting) []byte {
	dst = append(dst, "<pay>"...)
	for i := range ps {
		dst = append(dst, "<pay"...)
		dst = moneyAttr(dst, q, "FactMoney", ps[i].FactMoney)
		dst = attr(dst, q, "PayChannel", string(ps[i].PayChannel))
		dst = append(dst, " />"...)
	}
	return append(dst, "</pay>"...)
}

func attr(dst []byte, q *quoting, name, v string) []byte {
	dst = append(dst, ' ')
	dst = append(dst, name...)
	dst = append(dst, q.open...)
	dst = appendText(dst, v, q.json)
	return append(dst, q.close...)
}

func moneyAttr(dst []byte, q *quoting, name string, a duijie.Amount) []byte {
	dst = append(dst, ' ')
	dst = append(dst, name...)
	dst = append(dst, q.open...)
	dst = appendAmount(dst, a, moneyScale)
	return append(dst, q.close...)
}

func quantityAttr(dst []byte, q *quoting, name string, a duijie.Amount) []byte {
	dst = append(dst, ' ')
	dst = append(dst, name...)
	dst = append(dst, q.open...)
	dst = appendAmount(dst, a, 0)
	return append(dst, q.close...)
}

func timeAttr(dst []byte, q *quoting, name string, t duijie.Time) []byte {
	dst = append(dst, ' ')
	dst = append(dst, name...)
	dst = append(dst, q.open...)
	dst = AppendTime(dst, t)
	return append(dst, q.close...)
}

// FormatMoney writes an amount as the vendor does: with the scale it was
// given ("79.8" stays "79.8", "0.0000" stays "0.0000") and with 4 decimals
// when it has none (0 and 12 become "0.0000" and "12.0000"). A scale above 4
// is brought down to 4 ("1.23450" is written "1.2345"); Validate refuses
// amounts that would lose a digit that way, so nothing valid is rounded.
func FormatMoney(a duijie.Amount) string { return string(appendAmount(nil, a, moneyScale)) }

// FormatQuantity writes a quantity with the scale it was given ("1" stays
// "1", "2.50" stays "2.50"), at most 4 decimals as for money.
func FormatQuantity(a duijie.Amount) string { return string(appendAmount(nil, a, 0)) }

// pow10 holds the powers of ten that fit an int64.
var pow10 = [...]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// appendAmount appends a in plain decimal notation with the scale it
// carries, or with defScale places when it carries none (an integer, or an
// amount with a positive exponent such as a parsed "1e3"). More than 4
// places are rounded half away from zero to 4 (Validate refuses amounts that
// would lose a digit that way). Amounts whose
// coefficient fits 18 digits are written without allocating; larger ones go
// through shopspring's own formatting, with the same result.
func appendAmount(dst []byte, a duijie.Amount, defScale int32) []byte {
	d := a.Decimal()
	if d.Exponent() < -moneyScale {
		d = d.Round(moneyScale)
	}
	exp := d.Exponent()
	scale := -exp
	if exp >= 0 {
		scale = defScale
	}
	if exp == 0 && d.NumDigits() <= 18-int(defScale) || exp < 0 && exp >= -18 && d.NumDigits() <= 18 {
		c := d.CoefficientInt64()
		if exp == 0 {
			c *= pow10[defScale]
		}
		if c < 0 {
			dst = append(dst, '-')
			c = -c
		}
		dst = strconv.AppendInt(dst, c/pow10[scale], 10)
		if scale == 0 {
			return dst
		}
		dst = append(dst, '.')
		frac := c % pow10[scale]
		for p := scale - 1; p > 0 && frac < pow10[p]; p-- {
			dst = append(dst, '0')
		}
		return strconv.AppendInt(dst, frac, 10)
	}
	return append(dst, d.StringFixed(scale)...)
}

// AppendTime appends t as "2020/3/23 15:54:17" in China Standard Time
// (month, day and hour not padded), or NoTime for the zero time.
func AppendTime(dst []byte, t duijie.Time) []byte {
	if t.IsZero() {
		return append(dst, NoTime...)
	}
	y, mo, d := t.In(duijie.CST()).Date()
	h, mi, sec := t.In(duijie.CST()).Clock()
	dst = strconv.AppendInt(dst, int64(y), 10)
	dst = append(dst, '/')
	dst = strconv.AppendInt(dst, int64(mo), 10)
	dst = append(dst, '/')
	dst = strconv.AppendInt(dst, int64(d), 10)
	dst = append(dst, ' ')
	dst = strconv.AppendInt(dst, int64(h), 10)
	dst = append(dst, ':')
	dst = two(dst, mi)
	dst = append(dst, ':')
	return two(dst, sec)
}

// FormatTime is AppendTime as a string.
func FormatTime(t duijie.Time) string { return string(AppendTime(nil, t)) }

// ParseTime reads "2020/3/23 15:54:17" in China Standard Time; NoTime and ""
// are the zero time.
func ParseTime(s string) (duijie.Time, error) {
	if s == NoTime || s == "" {
		return duijie.Time{}, nil
	}
	t, err := time.ParseInLocation("2006/1/2 15:04:05", s, duijie.CST())
	if err != nil {
		return duijie.Time{}, err
	}
	return duijie.Time{Time: t}, nil
}

func two(dst []byte, n int) []byte {
	return append(dst, byte('0'+n/10), byte('0'+n%10))
}

// appendEscaped writes s as attribute text: markup characters become
// entities, tab/newline/carriage return become character references (so an
// XML parser keeps them), and bytes that XML cannot carry (control
// characters, invalid UTF-8) become U+FFFD. Validation refuses such input
// before a request is built; this is the last line of defence.
func appendEscaped(dst []byte, s string) []byte { return appendText(dst, s, false) }

// appendText is appendEscaped, and with inJSON the result is also escaped
// for the inside of a JSON string: '\\' as `\\`, U+2028 and U+2029 as
// `\u2028` and `\u2029`.
func appendText(dst []byte, s string, inJSON bool) []byte {
	last := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && xmlSafe[c] && (c != '\\' || !inJSON) {
			i++
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case inJSON && r == '\\':
			esc = `\\`
		case inJSON && r == '\u2028':
			esc = `\u2028`
		case inJSON && r == '\u2029':
			esc = `\u2029`
		case r == '"':
			esc = "&#34;"
		case r == '\'':
			esc = "&#39;"
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '\t':
			esc = "&#x9;"
		case r == '\n':
			esc = "&#xA;"
		case r == '\r':
			esc = "&#xD;"
		case !isXMLChar(r) || (r == utf8.RuneError && width == 1):
			esc = "\uFFFD"
		default:
			i += width
			continue
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, esc...)
		i += width
		last = i
	}
	return append(dst, s[last:]...)
}

// xmlSafe marks the ASCII bytes attribute text carries as they are.
var xmlSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\'' && c != '&' && c != '<' && c != '>'
	}
	return t
}()

// isXMLChar reports whether r may appear in an XML 1.0 document.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
