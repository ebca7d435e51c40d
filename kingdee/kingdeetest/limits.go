package kingdeetest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// The value types of a sales return's fields, from Kingdee's Save template
// (research notes kingdee.md §4.1: FDate "1900-01-01", FProduceDate,
// FExpiryDate and FDeliveryDate dates, FRealQty, FPrice, FTaxPrice and the
// other quantities numbers, FIsFree a bool). The server is .NET and reads
// them into System.DateTime (the years 1 to 9999) and System.Decimal (at
// most 79,228,162,514,264,337,593,543,950,335); a value it cannot read is
// refused for the field. Kingdee documents no text lengths for these
// fields, so none is checked.
var (
	dateFields   = map[string]bool{"FDate": true, "FDeliveryDate": true, "FProduceDate": true, "FExpiryDate": true}
	numberFields = map[string]bool{"FRealQty": true, "FPrice": true, "FTaxPrice": true, "FEntryTaxRate": true,
		"FSalUnitQty": true, "FExchangeRate": true, "FInventoryQty": true, "FDiscountRate": true, "FAuxUnitQty": true,
		"FSalBaseQty": true, "FPriceBaseQty": true, "FSalCostPrice": true}
	boolFields = map[string]bool{"FIsFree": true}

	// dateText is the forms a date travels in: "yyyy-MM-dd", with a time
	// "yyyy-MM-dd HH:mm:ss" (the templates' "2020-10-28 00:00:00"), or the
	// ISO "T" separator.
	dateText = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?)?$`)
	// maxDecimal is System.Decimal's largest value.
	maxDecimal = decimal.RequireFromString("79228162514264337593543950335")
)

// valueProblem finds a field of the bill m, its entity and its entries
// whose value the server cannot read as its type.
func valueProblem(m map[string]any) *fieldMsg {
	for k, v := range m {
		var msg *fieldMsg
		switch {
		case dateFields[k]:
			msg = checkDate(k, v)
		case numberFields[k]:
			msg = checkNumber(k, v)
		case boolFields[k]:
			if _, ok := v.(bool); !ok {
				if s, _ := v.(string); !strings.EqualFold(s, "true") && !strings.EqualFold(s, "false") {
					msg = &fieldMsg{FieldName: k, Message: fmt.Sprintf("字段“%s”的值不是有效的布尔值", k)}
				}
			}
		}
		if msg != nil {
			return msg
		}
		switch x := v.(type) {
		case map[string]any:
			if msg := valueProblem(x); msg != nil {
				return msg
			}
		case []any:
			for _, e := range x {
				if row, ok := e.(map[string]any); ok {
					if msg := valueProblem(row); msg != nil {
						return msg
					}
				}
			}
		}
	}
	return nil
}

func checkDate(k string, v any) *fieldMsg {
	s, ok := v.(string)
	bad := &fieldMsg{FieldName: k, Message: fmt.Sprintf("字段“%s”的值“%v”不是有效的日期", k, v)}
	if !ok || !dateText.MatchString(s) {
		return bad
	}
	layout := time.DateOnly
	if len(s) > 10 {
		layout = "2006-01-02" + s[10:11] + "15:04:05"
		if dot := strings.IndexByte(s, '.'); dot > 0 {
			s = s[:dot]
		}
	}
	t, err := time.Parse(layout, s)
	if err != nil || t.Year() < 1 {
		return bad
	}
	return nil
}

func checkNumber(k string, v any) *fieldMsg {
	var text string
	switch x := v.(type) {
	case json.Number:
		text = x.String()
	case string:
		text = x
	default:
		return &fieldMsg{FieldName: k, Message: fmt.Sprintf("字段“%s”的值不是数值", k)}
	}
	d, err := decimal.NewFromString(text)
	if err != nil {
		return &fieldMsg{FieldName: k, Message: fmt.Sprintf("字段“%s”的值“%s”不是数值", k, text)}
	}
	if d.Abs().GreaterThan(maxDecimal) {
		return &fieldMsg{FieldName: k, Message: fmt.Sprintf("字段“%s”的值“%s”超出数值范围（值对于 Decimal 太大或太小）", k, text)}
	}
	return nil
}
