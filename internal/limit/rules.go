package limit

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// rules are one field's parsed `limit` tag.
type rules struct {
	id        bool
	max       int
	utf16     bool
	maxBytes  int
	chars     *charset
	enum      []string
	enumInts  []int64
	enumText  string
	scale     int
	hasScale  bool
	digits    int
	minYear   int
	items     int
	inline    bool
	skip      bool
	omitZero  bool // the wire leaves a zero value out
	elemRules *rules
}

// elem returns the rules for a slice's elements: the text, enum, decimal
// and time rules apply to each element, the batch cap to the slice.
func (r *rules) elem() *rules {
	if r == noRules || r.elemRules == nil {
		return noRules
	}
	return r.elemRules
}

// parseRules reads a tag such as "id,max=20,enum=1|2".
func parseRules(tag string) rules {
	var r rules
	for part := range strings.SplitSeq(tag, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		n, _ := strconv.Atoi(v)
		switch k {
		case "id":
			r.id = true
		case "max":
			r.max = n
		case "utf16":
			r.utf16 = true
		case "maxbytes":
			r.maxBytes = n
		case "chars":
			r.chars = parseCharset(v)
		case "enum":
			r.enum = strings.Split(v, "|")
			r.enumText = strings.ReplaceAll(v, "|", ", ")
			for _, e := range r.enum {
				if i, err := strconv.ParseInt(e, 10, 64); err == nil {
					r.enumInts = append(r.enumInts, i)
				}
			}
		case "scale":
			r.scale, r.hasScale = n, true
		case "digits":
			r.digits = n
		case "minyear":
			r.minYear = n
		case "items":
			r.items = n
		case "inline":
			r.inline = true
		case "-":
			r.skip = true
		}
	}
	e := r
	e.items, e.elemRules, e.omitZero = 0, nil, false
	r.elemRules = &e
	return r
}

// charset is an identifier's allowed characters.
type charset struct {
	alnum, digits bool
	extra         string
	text          string
}

func parseCharset(v string) *charset {
	c := &charset{text: v}
	switch {
	case strings.HasPrefix(v, "alnum"):
		c.alnum, c.extra = true, v[len("alnum"):]
	case strings.HasPrefix(v, "digits"):
		c.digits, c.extra = true, v[len("digits"):]
	default:
		c.extra = v
	}
	return c
}

func (c *charset) has(r rune) bool {
	switch {
	case r >= '0' && r <= '9':
		return c.alnum || c.digits || strings.ContainsRune(c.extra, r)
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		return c.alnum || strings.ContainsRune(c.extra, r)
	}
	return strings.ContainsRune(c.extra, r)
}

func (c *charset) describe() string {
	var parts []string
	if c.alnum {
		parts = append(parts, "ASCII letters and digits")
	}
	if c.digits {
		parts = append(parts, "digits")
	}
	if c.extra != "" {
		parts = append(parts, strconv.Quote(c.extra))
	}
	return strings.Join(parts, " and ")
}

// field is one struct field the walk visits.
type field struct {
	index            int
	goName, wireName string
	inline           bool
	rules            rules
	// info is the typeInfo of the struct the field holds, through
	// pointers, slices and arrays (nil when it holds none), so the walk
	// finds it without a cache look-up.
	info *typeInfo
}

// typeInfo is what the walk needs of a struct type: whether it is an
// Amount or a Time, and otherwise the fields it visits.
type typeInfo struct {
	kind   valueKind
	fields []field
}

var (
	// typeCache keeps each struct type's typeInfo, read from the tags once.
	typeCache sync.Map // reflect.Type → *typeInfo
	// buildMu makes one goroutine at a time build typeInfos, so that a
	// recursive type's infos are published only when all are complete.
	buildMu sync.Mutex
)

// typeInfoOf returns struct type t's typeInfo, with those of the structs
// its fields hold.
func typeInfoOf(t reflect.Type) *typeInfo {
	if info, ok := typeCache.Load(t); ok {
		return info.(*typeInfo)
	}
	buildMu.Lock()
	defer buildMu.Unlock()
	if info, ok := typeCache.Load(t); ok {
		return info.(*typeInfo)
	}
	built := map[reflect.Type]*typeInfo{}
	info := buildInfo(t, built)
	for bt, bi := range built {
		typeCache.Store(bt, bi)
	}
	return info
}

// buildInfo builds t's typeInfo; built holds those begun in this build, so
// a type that holds itself points at its own info.
func buildInfo(t reflect.Type, built map[reflect.Type]*typeInfo) *typeInfo {
	if info, ok := typeCache.Load(t); ok {
		return info.(*typeInfo)
	}
	if info, ok := built[t]; ok {
		return info
	}
	info := &typeInfo{kind: kindOf(t)}
	built[t] = info
	if info.kind == kindOther {
		info.fields = fieldsOf(t, built)
	}
	return info
}

// heldStruct is the struct type t holds through pointers, slices and
// arrays, or nil.
func heldStruct(t reflect.Type) reflect.Type {
	for {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			t = t.Elem()
		case reflect.Struct:
			return t
		default:
			return nil
		}
	}
}

// ruleCache keeps the rules of Text, Int and Time, parsed once per text;
// callers pass rules written in the code, so it holds a few dozen at most.
var ruleCache sync.Map // string → *rules

// rulesFor returns tag's rules, parsed once.
func rulesFor(tag string) *rules {
	if r, ok := ruleCache.Load(tag); ok {
		return r.(*rules)
	}
	r := parseRules(tag)
	ruleCache.Store(tag, &r)
	return &r
}

// fieldsOf returns t's exported fields that may hold something a rule
// applies to, with their rules; fields tagged json:"-" are skipped unless
// their limit tag says inline, and limit:"-" fields always are.
func fieldsOf(t reflect.Type, built map[reflect.Type]*typeInfo) []field {
	var fs []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag, hasTag := f.Tag.Lookup("limit")
		r := parseRules(tag)
		if r.skip || !hasTag && !mayNeedCheck(f.Type, 0) {
			continue
		}
		wire := f.Name
		jsonTag, hasJSON := f.Tag.Lookup("json")
		if !hasJSON {
			jsonTag, hasJSON = f.Tag.Lookup("xml")
		}
		if hasJSON {
			name, opts, _ := strings.Cut(jsonTag, ",")
			if name == "-" && opts == "" && !r.inline {
				continue
			}
			if name != "" && name != "-" {
				wire = name
			}
			r.omitZero = strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")
		}
		fd := field{index: i, goName: f.Name, wireName: wire, inline: r.inline || f.Anonymous, rules: r}
		if st := heldStruct(f.Type); st != nil {
			fd.info = buildInfo(st, built)
		}
		fs = append(fs, fd)
	}
	return fs
}

// mayNeedCheck reports whether a value of type t can hold something a
// universal rule applies to (text, a Time, an Amount).
func mayNeedCheck(t reflect.Type, depth int) bool {
	if depth > 8 {
		return true // deep or recursive types: let the walk decide
	}
	switch t.Kind() {
	case reflect.String, reflect.Interface:
		return true
	case reflect.Pointer:
		return mayNeedCheck(t.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		return t == rawType || t.Elem().Kind() != reflect.Uint8 && mayNeedCheck(t.Elem(), depth+1)
	case reflect.Map:
		return t.Key().Kind() == reflect.String
	case reflect.Struct:
		if kindOf(t) != kindOther {
			return true
		}
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() && mayNeedCheck(f.Type, depth+1) {
				return true
			}
		}
	}
	return false
}
