package reply

import (
	"slices"
	"testing"
)

func TestCheck(t *testing.T) {
	replies := map[string]Template{
		"en": {Greeting: "Hello {name},", Body: "See {title}: {link}", Closing: "{team} {signature}"},
		"uk": {Body: "{title}\n{summary}\n{link}", Closing: "З повагою, {команда}"},
		"de": {Body: "{link}"},
		"ru": {Body: "Смотрите {title} {link} {}"},
	}
	got := Check(replies, []string{"en", "uk", "ru"})
	want := []Problem{
		{"replies.de", `replies: "de" is not a language of this site (en, uk, ru)`},
		{"replies.en.closing", "replies.en.closing: unknown placeholder {signature}: use {title}, {summary} or {link}"},
		{"replies.en.closing", "replies.en.closing: unknown placeholder {team}: use {title}, {summary} or {link}"},
		{"replies.en.greeting", "replies.en.greeting: unknown placeholder {name}: use {title}, {summary} or {link}"},
		{"replies.ru.body", "replies.ru.body: unknown placeholder {}: use {title}, {summary} or {link}"},
		{"replies.uk.closing", "replies.uk.closing: unknown placeholder {команда}: use {title}, {summary} or {link}"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%v\nwant:\n%v", got, want)
	}
	if p := Check(map[string]Template{"en": {Greeting: "Hi {", Body: "a {b c} {link}"}}, []string{"en"}); len(p) != 0 {
		t.Errorf("braces that are no placeholder were reported: %v", p)
	}
}

func TestOr(t *testing.T) {
	if got := (Template{Greeting: "Hi,"}).Or(); got.Body != Default.Body || got.Greeting != "Hi," {
		t.Errorf("a template without a body: %+v", got)
	}
	if got := (Template{Body: "{link}"}).Or(); got.Body != "{link}" {
		t.Errorf("a body was replaced: %+v", got)
	}
}
