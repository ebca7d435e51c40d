package jushuitantest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"time"
	"unicode/utf16"
)

// The documented limits of an uploaded order, from the field table of
// /open/jushuitan/orders/upload (jst-java JstUploadOrdersRequest Javadoc,
// copied from the vendor's doc; research notes jushuitan.md §2.5.2). The
// vendor stores text in SQL Server nvarchar columns (shop_buyer_id is
// documented as nvarchar(50)), which count UTF-16 code units: a character
// outside the Basic Multilingual Plane (an emoji) takes two.
var (
	orderLengths = map[string]int{
		"so_id": 50, "shop_buyer_id": 50, "receiver_state": 50, "receiver_city": 50, "receiver_district": 50,
		"receiver_address": 200, "receiver_name": 50, "receiver_phone": 50, "receiver_mobile": 50,
		"receiver_country": 5, "buyer_message": 400, "remark": 1000, "labels": 200,
	}
	itemLengths = map[string]int{
		"sku_id": 40, "shop_sku_id": 128, "i_id": 40, "pic": 300, "properties_value": 100, "name": 100, "outer_oi_id": 50,
	}
	payLengths = map[string]int{"outer_pay_id": 50, "payment": 20, "seller_account": 50, "buyer_account": 200}

	// Amounts with a documented scale: 应付金额 and line and payment
	// amounts 2 places, line prices 4.
	orderScales = map[string]int{"pay_amount": 2}
	itemScales  = map[string]int{"amount": 2, "price": 4}
	payScales   = map[string]int{"amount": 2}
	// Amounts without a documented scale: numbers all the same.
	orderNumbers = []string{"freight", "buyer_paid_amount", "seller_income_amount"}
	itemNumbers  = []string{"base_price"}

	orderTimes = []string{"order_date", "shop_modified", "send_date", "plan_delivery_date"}

	shopStatuses   = []string{"WAIT_BUYER_PAY", "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED", "TRADE_CLOSED", "TRADE_CLOSED_BY_TAOBAO"}
	refundStatuses = []string{"waiting", "success", "closed"}

	numberText = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
)

// badParam is the vendor's wording of code 140 (参数不符合规范), which the
// fake also puts on a refused row: the order's own problem, not a business
// one.
const badParam = "参数不符合规范: "

// nvarcharLen counts s as an nvarchar column does: in UTF-16 code units.
func nvarcharLen(s string) int {
	n := 0
	for _, r := range s {
		if utf16.RuneLen(r) == 2 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// limitProblem says which documented limit the uploaded order o breaks,
// or "".
func limitProblem(o map[string]any) string {
	if msg := textLimits(o, orderLengths); msg != "" {
		return msg
	}
	if v, ok := o["shop_status"].(string); !ok || !oneOf(v, shopStatuses) {
		return badParam + "shop_status 不是有效的订单状态"
	}
	for _, k := range orderTimes {
		if msg := timeLimit(o, k, k == "order_date"); msg != "" {
			return msg
		}
	}
	if msg := scaleLimits(o, orderScales); msg != "" {
		return msg
	}
	if msg := numberLimits(o, orderNumbers); msg != "" {
		return msg
	}
	if v, present := o["seller_flag"]; present {
		if n, ok := v.(json.Number); !ok || !oneOf(n.String(), []string{"1", "2", "3", "4", "5"}) {
			return badParam + "seller_flag 须为1-5"
		}
	}
	items, _ := o["items"].([]any)
	lines := map[string]bool{}
	for i, x := range items {
		it, ok := x.(map[string]any)
		if !ok {
			return badParam + fmt.Sprintf("items[%d] 须为对象", i)
		}
		if s, _ := it["sku_id"].(string); s == "" {
			return badParam + fmt.Sprintf("items[%d].sku_id 不能为空", i)
		}
		if msg := textLimits(it, itemLengths); msg != "" {
			return fmt.Sprintf("%sitems[%d].%s", badParam, i, msg[len(badParam):])
		}
		if msg := scaleLimits(it, itemScales); msg != "" {
			return fmt.Sprintf("%sitems[%d].%s", badParam, i, msg[len(badParam):])
		}
		if msg := numberLimits(it, itemNumbers); msg != "" {
			return fmt.Sprintf("%sitems[%d].%s", badParam, i, msg[len(badParam):])
		}
		if n, ok := it["qty"].(json.Number); !ok || !isInt(n) {
			return badParam + fmt.Sprintf("items[%d].qty 须为整数", i)
		}
		if v, present := it["refund_status"]; present {
			if s, ok := v.(string); !ok || !oneOf(s, refundStatuses) {
				return badParam + fmt.Sprintf("items[%d].refund_status 须为waiting、success或closed", i)
			}
		}
		if id, _ := it["outer_oi_id"].(string); id != "" {
			if lines[id] {
				return badParam + fmt.Sprintf("items[%d].outer_oi_id 须在订单内唯一", i)
			}
			lines[id] = true
		}
	}
	if v, present := o["pay"]; present {
		p, ok := v.(map[string]any)
		if !ok {
			return badParam + "pay 须为对象"
		}
		for _, f := range []func() string{
			func() string { return textLimits(p, payLengths) },
			func() string { return scaleLimits(p, payScales) },
			func() string { return timeLimit(p, "pay_date", false) },
		} {
			if msg := f(); msg != "" {
				return badParam + "pay." + msg[len(badParam):]
			}
		}
	}
	return ""
}

func oneOf(s string, set []string) bool {
	for _, x := range set {
		if x == s {
			return true
		}
	}
	return false
}

func isInt(n json.Number) bool {
	_, err := n.Int64()
	return err == nil
}

// textLimits checks the string fields of m against their lengths.
func textLimits(m map[string]any, lengths map[string]int) string {
	for k, max := range lengths {
		v, present := m[k]
		if !present {
			continue
		}
		s, ok := v.(string)
		if !ok {
			return badParam + k + " 须为字符串"
		}
		if n := nvarcharLen(s); n > max {
			return fmt.Sprintf("%s%s 长度不能超过%d (得到%d)", badParam, k, max, n)
		}
	}
	return ""
}

// scaleLimits checks the numbers present that have a documented scale.
func scaleLimits(m map[string]any, scales map[string]int) string {
	for k, scale := range scales {
		v, present := m[k]
		if !present {
			continue
		}
		n, ok := v.(json.Number)
		if !ok || !numberText.MatchString(n.String()) {
			return badParam + k + " 须为数字"
		}
		if places(n.String()) > scale {
			return fmt.Sprintf("%s%s 最多%d位小数", badParam, k, scale)
		}
	}
	return ""
}

// numberLimits checks that the fields present are plain numbers.
func numberLimits(m map[string]any, keys []string) string {
	for _, k := range keys {
		v, present := m[k]
		if !present {
			continue
		}
		if n, ok := v.(json.Number); !ok || !numberText.MatchString(n.String()) {
			return badParam + k + " 须为数字"
		}
	}
	return ""
}

// places counts the decimal places of a number, trailing zeros aside.
func places(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			frac := s[i+1:]
			for len(frac) > 0 && frac[len(frac)-1] == '0' {
				frac = frac[:len(frac)-1]
			}
			return len(frac)
		}
	}
	return 0
}

// timeLimit checks a datetime field: "yyyy-MM-dd HH:mm:ss" Beijing time
// (jushuitan.md §2.1), a real date in the years 1 to 9999.
func timeLimit(m map[string]any, k string, required bool) string {
	v, present := m[k]
	if !present {
		if required {
			return badParam + k + " 不能为空"
		}
		return ""
	}
	s, _ := v.(string)
	t, err := time.Parse(time.DateTime, s)
	if err != nil || t.Year() < 1 {
		return badParam + k + " 须为yyyy-MM-dd HH:mm:ss格式的时间"
	}
	return ""
}
