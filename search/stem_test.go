package search

import (
	"strings"
	"testing"
)

// families: every word of a line must stem alike.
func checkFamilies(t *testing.T, lang string, families []string) {
	t.Helper()
	for _, f := range families {
		words := strings.Fields(f)
		want := Stem(lang, Normalize(words[0]))
		for _, w := range words[1:] {
			if got := Stem(lang, Normalize(w)); got != want {
				t.Errorf("%s: Stem(%q) = %q, Stem(%q) = %q", lang, words[0], want, w, got)
			}
		}
	}
}

func TestStemEnglish(t *testing.T) {
	checkFamilies(t, "en", []string{
		"printer printers",
		"print prints printed printing",
		"connect connected connecting connection connections",
		"install installed installing installs",
		"license licenses licensed",
		"synchronize synchronized synchronizing",
		"deny denied denies",
		"user's user users",
	})
	for w, want := range map[string]string{"running": "run", "generalization": "general", "happy": "happi", "news": "news"} {
		if got := Stem("en", w); got != want {
			t.Errorf("Stem(en, %q) = %q, want %q", w, got, want)
		}
	}
}

func TestStemRussian(t *testing.T) {
	checkFamilies(t, "ru", []string{
		"ошибка ошибки ошибкой ошибку ошибке ошибками", // not ошибок: Snowball keeps the fleeting о
		"принтер принтера принтером принтеры принтеров",
		"пароль пароля паролем пароли",
		"синхронизация синхронизации синхронизацию",
		"файл файла файлы файлов",
		"ёлка елка",
	})
}

func TestStemUkrainian(t *testing.T) {
	checkFamilies(t, "uk", []string{
		"помилка помилки помилкою помилок помилку помилках помилками",
		"принтер принтера принтером принтерів принтери принтерові",
		"друкувати друкує друкують друкував друкувала друкуючи друкуватиму друкую",
		"налаштування налаштувати налаштує налаштував",
		"пам'ять пам’яті памʼяттю",
		"можливість можливості можливий",
		"файл файлу файли файлів",
		"мережа мережі мережею мереж",
		"користувач користувача користувачем користувачів",
		"сервер сервера серверів",
		"результат результати результатів",
		"канал канали каналів",
		"сторінка сторінки сторінок",
		"завантажувати завантажує завантажують",
		"синхронізація синхронізації синхронізацію синхронізацією",
		"пароль пароля паролем паролі",
		"ліцензія ліцензії ліцензією",
		"встановлювати встановлює встановлюють",
		"завдання завдань",
		"встановити установити",
		"вже уже",
		"вмикати умикати",
		"переклад перекладу перекладайте",
	})
	// Distinct words stay distinct.
	for _, p := range [][2]string{{"принтер", "принт"}, {"файл", "фас"}, {"канал", "кава"}} {
		if Stem("uk", p[0]) == Stem("uk", p[1]) {
			t.Errorf("uk: %q and %q conflated", p[0], p[1])
		}
	}
}

func TestStemScope(t *testing.T) {
	// Latin words are stemmed as English in ru/uk too; unknown languages
	// are not stemmed; mixed scripts are kept.
	for _, c := range []struct{ lang, in, want string }{
		{"uk", "printers", "printer"},
		{"ru", "printers", "printer"},
		{"de", "printers", "printers"},
		{"", "ошибки", "ошибки"},
		{"en", "ошибки", "ошибки"},
		{"ru", "їжаки", "їжаки"}, // Ukrainian letters: not Russian
		{"en-GB", "printers", "printer"},
		{"uk", "abcпринтер", "abcпринтер"},
	} {
		if got := Stem(c.lang, c.in); got != c.want {
			t.Errorf("Stem(%q, %q) = %q, want %q", c.lang, c.in, got, c.want)
		}
	}
}

// The word lists are real inflected forms (Snowball's English and Russian
// vocabularies as shipped by kljensen/snowball; forms generated from the
// hunspell-uk dictionary). Every Ukrainian form must stem to something
// non-empty and no longer than the word.
func TestStemWordLists(t *testing.T) {
	for _, lang := range []string{"en", "ru", "uk"} {
		words := readWords(t, lang)
		if len(words) < 3000 {
			t.Fatalf("%s: only %d words", lang, len(words))
		}
		for _, w := range words {
			w = Normalize(w)
			s := Stem(lang, w)
			if s == "" || len([]rune(s)) > len([]rune(w))+1 {
				t.Errorf("%s: Stem(%q) = %q", lang, w, s)
			}
		}
	}
}
