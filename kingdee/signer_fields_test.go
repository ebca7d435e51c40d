package kingdee_test

import (
	"encoding/base64"
	"testing"

	"github.com/duijie/duijie/kingdee"
)

// A signer whose exported fields change after NewHeaderSigner signs with
// the new values, as one built with them does.
func TestHeaderSignerFollowsChangedFields(t *testing.T) {
	s, err := kingdee.NewHeaderSigner(vecAppID, vecAppSecret, vecAcctID, vecUser, 2052, "0")
	if err != nil {
		t.Fatal(err)
	}
	s.OrgNum, s.AppSecret = "101", "another secret"
	got := s.Sign(vecPath, "1700000000")
	fresh, err := kingdee.NewHeaderSigner(vecAppID, "another secret", vecAcctID, vecUser, 2052, "101")
	if err != nil {
		t.Fatal(err)
	}
	if want := fresh.Sign(vecPath, "1700000000"); got != want {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	data := kingdee.AppData(vecAcctID, vecUser, 2052, "101")
	if got.AppData != base64.StdEncoding.EncodeToString([]byte(data)) || got.KdSignature != kingdee.HMACHexBase64(vecAppID+data, "another secret") {
		t.Fatalf("stale fixed headers: %+v", got)
	}
}
