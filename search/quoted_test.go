package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestQuotedErrors(t *testing.T) {
	text := "Run the export from a terminal:\n" +
		"$ reports export --to q3.xlsx\n" +
		"error: cannot open workbook `q3.xlsx` for writing\n" +
		"let y = &mut x; // error: cannot borrow mutably\n" +
		"x = 5; // error, reassignment of immutable variable\n" +
		"fatal error[C1083]: Cannot open include file: 'stdio.h'\n" +
		"ERROR: Disk quota exceeded\n" +
		"    # error: config key missing from the file */\n" +
		"f(); // error!\n" +
		"error: x\n" +
		"The error: this sentence is prose and says error: halfway.\n" +
		"errors: not a label\n" +
		"Помилка: недостатньо вільного місця\n" +
		"> ОШИБКА: нет соединения с сервером\n" +
		"Помилкове налаштування: не мітка\n" +
		"error[way too long to be a code in brackets at all]: nope nope\n"
	want := []string{
		"cannot open workbook `q3.xlsx` for writing",
		"cannot borrow mutably",
		"reassignment of immutable variable",
		"Cannot open include file: 'stdio.h'",
		"Disk quota exceeded",
		"config key missing from the file",
		"недостатньо вільного місця",
		"нет соединения с сервером",
	}
	if got := quotedErrors(text); !slices.Equal(got, want) {
		t.Errorf("quotedErrors:\n got %q\nwant %q", got, want)
	}
	long := strings.Repeat("error: it failed again\n", maxQuoted+5)
	if n := len(quotedErrors(long)); n != maxQuoted {
		t.Errorf("%d messages from a long text, want the cap %d", n, maxQuoted)
	}
}

func TestMessageShape(t *testing.T) {
	for in, want := range map[string]string{
		"cannot find value `count` in this scope":           "cannot find value in this scope",
		"Field “secret” of struct «Account» is private (3)": "field of struct is private",
		`can't open "C:\Reports\q3.xlsx": Access Denied`:    "can t open access denied",
		"Помилка: файл `звіт.docx` зайнятий":                "помилка файл зайнятий",
	} {
		if got := strings.Join(messageShape(in), " "); got != want {
			t.Errorf("messageShape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMessageTable checks the message table Build writes: the shapes of
// each article's error texts and quoted messages, named in the bootstrap,
// and no table for a language that quotes none.
func TestMessageTable(t *testing.T) {
	docs := []Doc{
		{Lang: "en", URL: "en/a/", Title: "A", Errors: []string{"E1", "Licence `X-1` expired on 2026-01-01"},
			Sections: []Section{{Text: "$ app sync\nerror: could not reach `sync.example.com`\nerror: could not reach `sync.example.com`\n"}}},
		{Lang: "en", URL: "en/b/", Title: "B", Sections: []Section{{Text: "No messages here."}}},
		{Lang: "en", URL: "en/c/", Title: "C", Sections: []Section{{Text: "x() // error: value used after move\n"}}},
		{Lang: "en", URL: "en/d/", Title: "D", Sections: []Section{{Text: "Could not reach? You see:\nError: could not reach `10.0.0.7`\n"}}},
		{Lang: "uk", URL: "uk/a/", Title: "А", Sections: []Section{{Text: "Жодних повідомлень."}}},
	}
	idx, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	var boot struct{ E string }
	if err := json.Unmarshal(idx.Boot["en"], &boot); err != nil || boot.E == "" {
		t.Fatalf("en bootstrap names no message table: %s (%v)", idx.Boot["en"], err)
	}
	var tab struct {
		M []string
		D []string
	}
	for _, f := range idx.Files {
		if f.Path == "search/en/e-"+boot.E+".js" {
			data := strings.TrimSuffix(strings.TrimPrefix(string(f.Data), `deskbookSearch.add("en/e",`), ");\n")
			if err := json.Unmarshal([]byte(data), &tab); err != nil {
				t.Fatal(err)
			}
		}
		if strings.HasPrefix(f.Path, "search/uk/e-") {
			t.Errorf("uk has a message table, but no article quotes a message: %s", f.Path)
		}
	}
	wantM := []string{"could not reach", "licence expired on", "value used after move"}
	wantD := [][]int{{0, 3}, {0}, {2}}
	if !slices.Equal(tab.M, wantM) || !slices.EqualFunc(tab.D, wantD, func(s string, w []int) bool { return slices.Equal(docList(s), w) }) {
		t.Errorf("message table %+v, want %q in articles %v", tab, wantM, wantD)
	}
	if strings.Contains(string(idx.Boot["uk"]), `"e":"`+boot.E) {
		t.Errorf("uk bootstrap names en's table: %s", idx.Boot["uk"])
	}
}

func TestBuildMessagesCap(t *testing.T) {
	docs := make([]analysed, maxMessages+1)
	for i := range docs {
		docs[i].msgs = []string{fmt.Sprintf("first message %d", i), fmt.Sprintf("second message %d", i)}
	}
	docs[maxMessages].msgs = []string{"first message 0"} // a shape shared costs no place
	var tab struct {
		M []string
		D []string
	}
	if err := json.Unmarshal(buildMessages(docs), &tab); err != nil {
		t.Fatal(err)
	}
	if len(tab.M) != maxMessages || slices.ContainsFunc(tab.M, func(m string) bool { return strings.HasPrefix(m, "second") }) {
		t.Errorf("over the cap: %d shapes; want every article's first, no second", len(tab.M))
	}
	if tab.M[0] != "first message 0" || !slices.Equal(docList(tab.D[0]), []int{0, maxMessages}) {
		t.Errorf("shared shape: %q in %v", tab.M[0], docList(tab.D[0]))
	}
	if buildMessages(make([]analysed, 3)) != nil {
		t.Error("a table for articles without messages")
	}
}

// docList reads a message table's articles: varint differences.
func docList(s string) []int {
	var out []int
	doc := 0
	for i := 0; i < len(s); {
		d, ok := readVarint(s, &i)
		if !ok {
			return nil
		}
		doc += d
		out = append(out, doc)
	}
	return out
}
