package yihua

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecoderRefusesNamespaces(t *testing.T) {
	for _, doc := range []string{
		`<x:pay xmlns:x="u"><x:pay FactMoney="1" PayChannel="x" /></x:pay>`,
		`<pay><pay x:FactMoney="1" PayChannel="x" xmlns:x="u" /></pay>`,
		`<pay xmlns="u"><pay FactMoney="1" PayChannel="x" /></pay>`,
		`<?xml version="1.0"?><pay></pay>`,
		`<pay><!-- c --></pay>`,
		`<pay><pay FactMoney="1" PayChannel="x" FactMoney="2" /></pay>`,
	} {
		_, err := DecodePays(doc)
		assert.Error(t, err, doc)
	}
	ps, err := DecodePays("<pay>\n  <pay FactMoney='1' PayChannel=\"x\"/>\n</pay>")
	require.NoError(t, err, "whitespace, single quotes and no space before /> are still XML")
	assert.Equal(t, "1.0000", FormatMoney(ps[0].FactMoney))
}

func TestMasterAttributesAreTheWireOrder(t *testing.T) {
	doc := golden(t, "seed_master.xml")
	at := 0
	for _, name := range MasterAttributes() {
		i := strings.Index(doc[at:], " "+name+`="`)
		require.GreaterOrEqual(t, i, 0, name)
		at += i + 1
	}
	assert.Len(t, MasterAttributes(), 30)
	assert.Equal(t, []string{"FactMoney", "PayChannel"}, PayAttributes())
	assert.Equal(t, "yhProductID", DetailAttributes()[1])
}

func FuzzDecodeMasterAndPays(f *testing.F) {
	f.Add(`<master><master TradeType="Fixed" /></master>`, `<pay><pay FactMoney="79.8" PayChannel="PC_WX" /></pay>`)
	f.Add(strings.Repeat("<master>", 3), `<pay></pay>`)
	f.Fuzz(func(t *testing.T, master, pays string) {
		if m, err := DecodeMaster(master); err == nil {
			again, err := DecodeMaster(EncodeMaster(m))
			if err != nil || EncodeMaster(again) != EncodeMaster(m) {
				t.Fatalf("decoded master does not survive re-encoding: %v", err)
			}
		}
		if ps, err := DecodePays(pays); err == nil {
			again, err := DecodePays(EncodePays(ps))
			if err != nil || len(again) != len(ps) {
				t.Fatalf("decoded pays do not survive re-encoding: %v", err)
			}
		}
	})
}

func TestDecodedTimesAreCST(t *testing.T) {
	m, err := DecodeMaster(golden(t, "seed_master.xml"))
	require.NoError(t, err)
	assert.Equal(t, time.Date(2020, 3, 23, 7, 55, 15, 0, time.UTC), m.PayTime.UTC())
	assert.True(t, m.DelayTime.IsZero())
}
