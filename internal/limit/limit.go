// Package limit checks values against the limits each vendor documents,
// declared next to the models in `limit` struct tags, before any byte is
// sent. One walker serves every vendor: it reads each struct type's tags
// once (cached per type), walks structs, pointers, slices, arrays, maps with
// string keys, interfaces and json.RawMessage, and returns the first
// problem as the public *ValidationError naming the field by its wire (JSON)
// name or its Go name, as the vendor's other errors do. Valid input costs
// no allocation.
//
// Universal rules, applied to every value whatever its tag says:
//
//   - text is valid UTF-8 (encoding/json and encoding/xml would replace bad
//     bytes with U+FFFD), map keys and json.RawMessage included;
//   - text holds no control characters other than tab, newline and
//     carriage return (C0 controls other than those, DEL, C1 controls);
//   - a non-zero Time lies in the years 1 to 9999 (year 0 is written
//     "0000-…" and no vendor stores it);
//   - a Checker's default decimal rule (the vendor's stated column type)
//     for Amounts without a rule of their own;
//   - where the vendor documents no length, text is at most MaxText
//     characters and an id at most MaxID: no vendor documents a field that
//     takes more, so a longer value is a mistake (a file pasted into a
//     remark, a document number glued to its lines), refused here rather
//     than sent as megabytes the vendor truncates or rejects.
//
// Tag rules (`limit:"id,max=20"`), comma-separated:
//
//	id          an identifier: no leading or trailing white space and no
//	            control characters at all (not even tab or newline)
//	max=N       at most N characters (code points)
//	utf16       max counts UTF-16 code units instead, as SQL Server's
//	            nvarchar(N) does: a character outside the Basic
//	            Multilingual Plane (most emoji) counts 2
//	maxbytes=N  at most N bytes of UTF-8
//	chars=SET   only these characters: "alnum" (ASCII letters and digits),
//	            "digits", optionally followed by extra literal characters,
//	            e.g. chars=alnum-_
//	enum=A|B|C  one of these values (integers or strings); a zero value left
//	            out of the wire (omitempty/omitzero) is not checked
//	scale=N     an Amount with at most N decimal places (trailing zeros
//	            beyond N are allowed: they lose nothing)
//	digits=N    an Amount with at most N significant digits in all, so at
//	            most N-scale before the point (decimal(N,scale))
//	minyear=N   a non-zero Time not before the year N
//	items=N     a slice or array of at most N elements (a batch cap)
//	inline      walk a field (even one tagged json:"-") without adding its
//	            name to the path: its keys are wire names of the parent
//	-           skip the field
//
// Where a vendor documents no limit for a field, its tag is left empty and
// only the universal rules apply.
package limit

import (
	"fmt"
	"time"

	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/duijie/duijie/internal/apierr"
)

// The SDK's own caps for fields whose vendor documents no length.
const (
	// MaxText is the most characters (code points) of any text field.
	MaxText = 65535
	// MaxID is the most characters of an identifier (tag id).
	MaxID = 255
)

// Decimal is a decimal column type: decimal(Digits, Scale). Zero fields
// mean no bound.
type Decimal struct {
	Digits, Scale int
}

// Checker checks values for one vendor.
type Checker struct {
	// Vendor names the package in errors.
	Vendor string
	// GoNames names fields by their Go names ("Master.TradeID") instead of
	// their JSON names ("trade_list[0].tid").
	GoNames bool
	// Amount is the rule for Amounts whose tag declares no scale or digits.
	Amount Decimal

	// invalid builds the public *ValidationError (see New).
	invalid func(apierr.ValidationErrorFields) error
}

// New returns a Checker like c whose errors are the public ValidationError
// type V, e.g. New[duijie.ValidationError](Checker{Vendor: "kingdee"}). It is
// generic so that this package never imports the root package.
func New[V ~apierr.ValidationErrorFields, PV interface {
	*V
	error
}](c Checker) *Checker {
	c.invalid = func(f apierr.ValidationErrorFields) error {
		v := V(f)
		return PV(&v)
	}
	return &c
}

// refuse returns the error for a finding at field.
func (c *Checker) refuse(field string, f *finding) error {
	fields := apierr.ValidationErrorFields{Vendor: c.Vendor, Field: field, Rule: f.rule, Detail: f.detail}
	if c.invalid == nil {
		return fmt.Errorf("%s: invalid request: %s: %s (%s): %w", c.Vendor, field, f.rule, f.detail, apierr.ErrInvalidRequest)
	}
	return c.invalid(fields)
}

// Check walks v and returns the first problem, or nil.
func (c *Checker) Check(v any) error { return c.CheckAt("", v) }

// CheckAt is Check with every field path prefixed by prefix (e.g.
// "Models[2]"); the prefix is joined with a dot unless the path starts
// with an index.
func (c *Checker) CheckAt(prefix string, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer && rv.IsValid() && rv.Kind() == reflect.Struct {
		// Make the value addressable, so Amounts and Times are read through
		// pointers without copying.
		p := reflect.New(rv.Type())
		p.Elem().Set(rv)
		rv = p
	}
	f := c.walk(rv, nil, nil)
	if f == nil {
		return nil
	}
	return c.refuse(f.path(prefix), f)
}

// Text checks one string under tag-style rules ("id,max=20"), for values
// that are not fields of a model (request parameters). field names it.
func (c *Checker) Text(field, s, rules string) error {
	if f := c.text(s, rulesFor(rules)); f != nil {
		return c.refuse(field, f)
	}
	return nil
}

// Int checks one integer against an enum written as in a tag ("1|2|3").
func (c *Checker) Int(field string, n int64, enum string) error {
	if f := checkEnumInt(n, rulesFor("enum="+enum)); f != nil {
		return c.refuse(field, f)
	}
	return nil
}

// finding is a problem and the path to it, collected in reverse on the way
// back from the find, so valid input allocates nothing.
type finding struct {
	rule, detail string
	segs         []segment
}

type segment struct {
	name    string
	index   int
	isIndex bool
}

func (f *finding) at(name string) *finding {
	f.segs = append(f.segs, segment{name: name})
	return f
}

func (f *finding) index(i int) *finding {
	f.segs = append(f.segs, segment{index: i, isIndex: true})
	return f
}

func (f *finding) path(prefix string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for i := len(f.segs) - 1; i >= 0; i-- {
		s := f.segs[i]
		if s.isIndex {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.name)
	}
	return b.String()
}

func fail(rule, detail string) *finding { return &finding{rule: rule, detail: detail} }

var (
	decimalType = reflect.TypeFor[decimalValue]()
	timeType    = reflect.TypeFor[timeValue]()
	rawType     = reflect.TypeFor[json.RawMessage]()
	noRules     = &rules{}
	maxTextYear = 9999
)

// walk checks v under the universal rules and r (nil: none). info, when
// known, is the typeInfo of the struct v holds through pointers, slices and
// arrays.
func (c *Checker) walk(v reflect.Value, r *rules, info *typeInfo) *finding {
	if r == nil {
		r = noRules
	}
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); s != "" {
			if f := c.text(s, r); f != nil {
				return f
			}
		}
		if r.enum != nil && v.String() != "" || r.enum != nil && !r.omitZero {
			return checkEnumString(v.String(), r)
		}
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if r.enum != nil && (v.Int() != 0 || !r.omitZero) {
			return checkEnumInt(v.Int(), r)
		}
		return nil
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return c.walk(v.Elem(), r, info)
	case reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return c.walk(v.Elem(), noRules, nil)
	case reflect.Slice, reflect.Array:
		if v.Type() == rawType {
			if !utf8.Valid(v.Bytes()) {
				return fail(apierr.RuleFormat, "not valid UTF-8")
			}
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return nil // bytes, not text
		}
		if r.items > 0 && v.Len() > r.items {
			return fail(apierr.RuleTooMany, "at most "+strconv.Itoa(r.items))
		}
		elem := r.elem()
		for i := 0; i < v.Len(); i++ {
			if f := c.walk(v.Index(i), elem, info); f != nil {
				return f.index(i)
			}
		}
		return nil
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return nil
		}
		if v.Len() == 0 {
			return nil
		}
		// One key and one value holder per map, not per entry.
		kv := reflect.New(v.Type().Key()).Elem()
		vv := reflect.New(v.Type().Elem()).Elem()
		iter := v.MapRange()
		for iter.Next() {
			kv.SetIterKey(iter)
			vv.SetIterValue(iter)
			k := kv.String()
			if f := c.text(k, noRules); f != nil {
				return f.at("(key)")
			}
			if f := c.walk(vv, noRules, nil); f != nil {
				return f.at(k)
			}
		}
		return nil
	case reflect.Struct:
		if info == nil {
			info = typeInfoOf(v.Type())
		}
		switch info.kind {
		case kindAmount:
			return c.amount(v, r)
		case kindTime:
			return c.time(v, r)
		}
		fs := info.fields
		for i := range fs {
			fd := &fs[i]
			fv := v.Field(fd.index)
			if fd.rules.omitZero && fv.IsZero() {
				continue
			}
			f := c.walk(fv, &fd.rules, fd.info)
			if f == nil {
				continue
			}
			if !fd.inline {
				if c.GoNames {
					f.at(fd.goName)
				} else {
					f.at(fd.wireName)
				}
			}
			return f
		}
	}
	return nil
}

// text applies the universal text rules and r's.
func (c *Checker) text(s string, r *rules) *finding {
	n := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b < 0x20 || b == 0x7f {
				if r.id || b != '\t' && b != '\n' && b != '\r' {
					return fail(apierr.RuleFormat, "control character "+strconv.QuoteRune(rune(b))+" at byte "+strconv.Itoa(i))
				}
			}
			if r.chars != nil && !r.chars.has(rune(b)) {
				return fail(apierr.RuleFormat, "only "+r.chars.describe())
			}
			i++
			n++
			continue
		}
		ru, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case ru == utf8.RuneError && size == 1:
			return fail(apierr.RuleFormat, "not valid UTF-8 at byte "+strconv.Itoa(i))
		case ru >= 0x80 && ru < 0xa0:
			return fail(apierr.RuleFormat, "control character "+strconv.QuoteRune(ru)+" at byte "+strconv.Itoa(i))
		case r.chars != nil && !r.chars.has(ru):
			return fail(apierr.RuleFormat, "only "+r.chars.describe())
		}
		i += size
		n++
		if r.utf16 && ru > 0xffff {
			n++
		}
	}
	if r.max > 0 && n > r.max {
		if r.utf16 {
			return fail(apierr.RuleTooLong, "at most "+strconv.Itoa(r.max)+" UTF-16 units (an emoji counts 2), got "+strconv.Itoa(n))
		}
		return fail(apierr.RuleTooLong, "at most "+strconv.Itoa(r.max)+" characters, got "+strconv.Itoa(n))
	}
	if r.max == 0 {
		if r.id && n > MaxID {
			return fail(apierr.RuleTooLong, "at most "+strconv.Itoa(MaxID)+" characters for an id the vendor gives no length for, got "+strconv.Itoa(n))
		}
		if n > MaxText {
			return fail(apierr.RuleTooLong, "at most "+strconv.Itoa(MaxText)+" characters for text the vendor gives no length for, got "+strconv.Itoa(n))
		}
	}
	if r.maxBytes > 0 && len(s) > r.maxBytes {
		return fail(apierr.RuleTooLong, "at most "+strconv.Itoa(r.maxBytes)+" bytes, got "+strconv.Itoa(len(s)))
	}
	if r.id {
		first, _ := utf8.DecodeRuneInString(s)
		last, _ := utf8.DecodeLastRuneInString(s)
		if unicode.IsSpace(first) || unicode.IsSpace(last) {
			return fail(apierr.RuleFormat, "an id may not begin or end with white space")
		}
	}
	return nil
}

func checkEnumString(s string, r *rules) *finding {
	for _, e := range r.enum {
		if e == s {
			return nil
		}
	}
	return fail(apierr.RuleRange, "one of "+r.enumText)
}

func checkEnumInt(n int64, r *rules) *finding {
	for _, e := range r.enumInts {
		if e == n {
			return nil
		}
	}
	return fail(apierr.RuleRange, "one of "+r.enumText+", got "+strconv.FormatInt(n, 10))
}

// amount checks a decimal against r's column type, or the Checker's.
func (c *Checker) amount(v reflect.Value, r *rules) *finding {
	d := c.Amount
	if r.hasScale || r.digits > 0 {
		d = Decimal{Digits: r.digits, Scale: r.scale}
	}
	return checkDecimal(addressed(v).(decimalValue).Decimal(), d, r.hasScale || c.Amount != (Decimal{}))
}

var pow10 = [...]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

// checkDecimal refuses a value the column cannot hold without rounding.
func checkDecimal(dec decimal.Decimal, d Decimal, scaled bool) *finding {
	exp := int(dec.Exponent())
	digits := dec.NumDigits()
	if scaled && exp < -d.Scale {
		// More places than the column holds: allowed only as trailing zeros.
		drop := -d.Scale - exp
		if dec.IsZero() {
			return nil
		}
		co := dec.Coefficient()
		if drop < len(pow10) && co.IsInt64() {
			u := co.Int64()
			if u < 0 {
				u = -u
			}
			if uint64(u)%pow10[drop] != 0 {
				return fail(apierr.RuleFormat, "at most "+strconv.Itoa(d.Scale)+" decimal places")
			}
		} else if !dec.Equal(dec.Round(int32(d.Scale))) {
			return fail(apierr.RuleFormat, "at most "+strconv.Itoa(d.Scale)+" decimal places")
		}
		exp += drop
		digits -= drop
	}
	if d.Digits > 0 && !dec.IsZero() {
		intDigits := digits + exp
		if intDigits > d.Digits-d.Scale {
			return fail(apierr.RuleRange, "at most "+strconv.Itoa(d.Digits-d.Scale)+" digits before the decimal point (decimal("+
				strconv.Itoa(d.Digits)+","+strconv.Itoa(d.Scale)+"))")
		}
	}
	return nil
}

// time checks a non-zero Time's year.
func (c *Checker) time(v reflect.Value, r *rules) *finding {
	// In keeps the instant, so a zero time stays zero.
	return checkYear(addressed(v).(timeValue).In(cst), r)
}

// checkYear checks a non-zero time's year, in China time, against r.
func checkYear(t time.Time, r *rules) *finding {
	if t.IsZero() {
		return nil
	}
	y := t.In(cst).Year()
	lo := max(r.minYear, 1)
	if y < lo || y > maxTextYear {
		return fail(apierr.RuleRange, "a time in the years "+strconv.Itoa(lo)+" to "+strconv.Itoa(maxTextYear)+", got year "+strconv.Itoa(y))
	}
	return nil
}

// Time checks one time under tag-style rules ("minyear=1900"), for values
// that are not fields of a model.
func (c *Checker) Time(field string, t time.Time, rules string) error {
	if f := checkYear(t, rulesFor(rules)); f != nil {
		return c.refuse(field, f)
	}
	return nil
}

// The public Amount and Time types are recognised by their methods, so this
// package need not import the root package: an Amount has Decimal, a Time
// (like time.Time) has In and IsZero.
type (
	decimalValue interface{ Decimal() decimal.Decimal }
	timeValue    interface {
		In(*time.Location) time.Time
		IsZero() bool
	}
)

// cst is China Standard Time, the zone in which a Time's year is read.
var cst = time.FixedZone("CST", 8*3600)

type valueKind int

const (
	kindOther valueKind = iota
	kindAmount
	kindTime
)

// kindOf says whether t is an Amount, a Time or neither. Both are read
// through pointers (their methods have value receivers, so a pointer has
// them too).
func kindOf(t reflect.Type) valueKind {
	p := reflect.PointerTo(t)
	switch {
	case p.Implements(decimalType):
		return kindAmount
	case p.Implements(timeType):
		return kindTime
	}
	return kindOther
}

// addressed returns a pointer to v's value as an interface, without copying
// when v is addressable.
func addressed(v reflect.Value) any {
	if v.CanAddr() {
		return v.Addr().Interface()
	}
	p := reflect.New(v.Type())
	p.Elem().Set(v)
	return p.Interface()
}
