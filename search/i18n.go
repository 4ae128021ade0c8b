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

func uiStrings(lang string) map[string]any {
	l := strings.ToLower(lang)
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	if s, ok := UIStrings[l]; ok {
		return s
	}
	return UIStrings["en"]
}
