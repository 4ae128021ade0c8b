package header

import (
	"reflect"
	"testing"

	"deskbook/internal/diag"
)

// TestSaveRestore: what Restore gives back from Save is what Decode made,
// diagnostics included, for every field of Meta; bytes Save did not write
// are an error and fill nothing.
func TestSaveRestore(t *testing.T) {
	if n := reflect.TypeFor[Meta]().NumField(); n != metaFields {
		t.Fatalf("Meta has %d fields, Save and Restore %d: teach them the new one", n, metaFields)
	}
	for name, fm := range map[string]string{
		"every key": "title: Printer offline\nid: 7\nkind: changelog\nsummary: It stops.\nerrors: [E-17, \"0x80070005\"]\ntags: [print]\n" +
			"aliases: [/old/]\nupdated: 2026-11-01\ndate: 2026-10-02\ndraft: true\nslug: printer-offline\norder: -2\nversion: 2.1\naffects: [3, 4]\n",
		"empty lists and mistakes": "title: T\nid: 0\nerrors: []\naffects: []\nlastmod: 2026-01-01\nkind: novel\n",
		"does not parse":           "title: [unclosed\n",
	} {
		var m Meta
		lines := map[string]int{}
		d := &diag.Collector{}
		ok := Decode([]byte(fm), &m, lines, "content/a.md", d)
		saved := Save(&m, lines, ok, d.List())
		var got Meta
		gotLines := map[string]int{}
		gd := &diag.Collector{}
		gotOK, err := Restore(saved, &got, gotLines, gd)
		if err != nil || gotOK != ok || !reflect.DeepEqual(got, m) || !reflect.DeepEqual(gotLines, lines) || !reflect.DeepEqual(gd.List(), d.List()) {
			t.Errorf("%s: restored %+v %v %v %v (%v), decoded %+v %v %v %v", name, got, gotLines, gotOK, gd.List(), err, m, lines, ok, d.List())
		}
		for _, bad := range [][]byte{saved[:len(saved)-1], append(saved, 1), nil} {
			var none Meta
			if _, err := Restore(bad, &none, map[string]int{}, &diag.Collector{}); err == nil || !reflect.DeepEqual(none, Meta{}) {
				t.Errorf("%s: damaged bytes restored without an error: %+v", name, none)
			}
		}
	}
}
