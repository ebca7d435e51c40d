package honor

import (
	"net/url"
	"testing"
)

func FuzzEncodeFormMatchesURLValues(f *testing.F) {
	f.Add("biz_content", `{"remark":"荣耀 测试&x=1+2%","a":"~-_.!*'()/?#[]@$,;:"}`, "sign", "ABC")
	f.Add("", "", "k w", "\x00\xff\t\n")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		m := map[string]string{k1: v1, k2: v2, "app_id": "A"}
		vs := url.Values{}
		for k, v := range m {
			vs.Set(k, v)
		}
		if got, want := string(encodeForm(sortedParams(m))), vs.Encode(); got != want {
			t.Fatalf("encodeForm %q, url.Values %q", got, want)
		}
	})
}

func TestEncodeFormEveryByte(t *testing.T) {
	var all []byte
	for c := 0; c < 256; c++ {
		all = append(all, byte(c))
	}
	m := map[string]string{"v": string(all), string(all): "k"}
	vs := url.Values{}
	for k, v := range m {
		vs.Set(k, v)
	}
	if got, want := string(encodeForm(sortedParams(m))), vs.Encode(); got != want {
		t.Fatalf("encodeForm %q, url.Values %q", got, want)
	}
}

// TestPlainIDAgreesWithLimits checks that every id plainID lets through
// is one the limit checker accepts, over single bytes and their pairs.
func TestPlainIDAgreesWithLimits(t *testing.T) {
	var ids []string
	for c := 0; c < 256; c++ {
		ids = append(ids, string(rune(c)), string([]byte{byte(c)}), "A"+string([]byte{byte(c)})+"B", " A"+string([]byte{byte(c)}), "A "+string([]byte{byte(c)}))
	}
	ids = append(ids, "", " ", "PFCK-0001", " X", "X ", "荣耀")
	for _, id := range ids {
		if plainID(id) && limits.Text("f", id, "id") != nil {
			t.Errorf("plainID(%q) but limits.Text refuses it: %v", id, limits.Text("f", id, "id"))
		}
	}
}
