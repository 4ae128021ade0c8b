package search

import "strings"

// UIStrings are the interface strings of the client, per language (primary
// subtag), English for any other. "results" holds plural forms by
// Intl.PluralRules category; {n} is the count, {q} the searched code.
var UIStrings = map[string]map[string]any{
	"en": {
		"results":   map[string]string{"one": "{n} result", "other": "{n} results"},
		"none":      "No results",
		"searching": "Searching…",
		"exact":     "Exact match",
		"noExact":   "No exact match for “{q}”. Similar articles:",
		"more":      "Show more",
	},
	"uk": {
		"results":   map[string]string{"one": "{n} результат", "few": "{n} результати", "many": "{n} результатів", "other": "{n} результату"},
		"none":      "Нічого не знайдено",
		"searching": "Шукаю…",
		"exact":     "Точний збіг",
		"noExact":   "Немає точного збігу для «{q}». Схожі статті:",
		"more":      "Показати ще",
	},
	"ru": {
		"results":   map[string]string{"one": "{n} результат", "few": "{n} результата", "many": "{n} результатов", "other": "{n} результата"},
		"none":      "Ничего не найдено",
		"searching": "Ищу…",
		"exact":     "Точное совпадение",
		"noExact":   "Нет точного совпадения для «{q}». Похожие статьи:",
		"more":      "Показать ещё",
	},
}

// primary is a language code's primary subtag, in lower case (uk-UA: uk).
func primary(lang string) string {
	l := strings.ToLower(lang)
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	return l
}

func uiStrings(lang string) map[string]any {
	if s, ok := UIStrings[primary(lang)]; ok {
		return s
	}
	return UIStrings["en"]
}

// widgetWords are the words of the deflection widget (widget.js): the
// label of its list, the note that a link opens a new tab, and the
// keyboard hint read after the number of results.
type widgetWords struct {
	Label  string `json:"label"`
	NewTab string `json:"newTab"`
	Keys   string `json:"keys"`
}

// WidgetStrings are widgetWords per language (primary subtag), English
// for any other.
var WidgetStrings = map[string]widgetWords{
	"en": {"Help articles that may answer your question", "opens in a new tab", "Press the Down arrow key to read them."},
	"uk": {"Статті довідки, які можуть відповісти на ваше запитання", "відкривається в новій вкладці", "Натисніть стрілку вниз, щоб перейти до них."},
	"ru": {"Статьи справки, которые могут ответить на ваш вопрос", "откроется в новой вкладке", "Нажмите стрелку вниз, чтобы перейти к ним."},
}

func widgetStrings(lang string) widgetWords {
	if w, ok := WidgetStrings[primary(lang)]; ok {
		return w
	}
	return WidgetStrings["en"]
}
