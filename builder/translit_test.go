package builder

import "testing"

func TestTransliterate(t *testing.T) {
	for _, tc := range []struct{ in, lang, want string }{
		// Ukrainian, Resolution 55 (2010), its own examples.
		{"Алушта", "uk", "Alushta"},
		{"Згорани", "uk", "Zghorany"},
		{"Розгон", "uk", "Rozghon"},
		{"Євпаторія", "uk", "Yevpatoriia"},
		{"Рівне", "uk", "Rivne"},
		{"Їжакевич", "uk", "Yizhakevych"},
		{"Кадиївка", "uk", "Kadyivka"},
		{"Йосипівка", "uk", "Yosypivka"},
		{"Стрий", "uk", "Stryi"},
		{"Юрій", "uk", "Yurii"},
		{"Корюківка", "uk", "Koriukivka"},
		{"Яготин", "uk", "Yahotyn"},
		{"Костянтин", "uk", "Kostiantyn"},
		{"Знам'янка", "uk", "Znamianka"},
		{"Щербухи", "uk", "Shcherbukhy"},
		{"Гоща", "uk", "Hoshcha"},
		{"Ґалаґан", "uk", "Galagan"},
		// Russian, ICAO Doc 9303.
		{"Щёкино", "ru", "Shchekino"},
		{"Объявление", "ru", "Obieiavlenie"},
		{"Хабаровск", "ru", "Khabarovsk"},
		{"Юрьев", "ru", "Iurev"},
		{"Ошибка доступа", "ru", "Oshibka dostupa"},
		// No language given: Ukrainian letters pick the Ukrainian table.
		{"Принтер не друкує", "", "Prynter ne drukuie"},
		{"Принтер не печатает", "", "Printer ne pechataet"},
		{"Error 0x80070005", "uk", "Error 0x80070005"},
	} {
		if got := Transliterate(tc.in, tc.lang); got != tc.want {
			t.Errorf("Transliterate(%q, %q) = %q, want %q", tc.in, tc.lang, got, tc.want)
		}
	}
}

func TestCyrillicSlugs(t *testing.T) {
	for _, tc := range []struct{ title, lang, want string }{
		{"Помилка 0x80070005: доступ заборонено", "uk", "pomylka-0x80070005-dostup-zaboroneno"},
		{"Що робити, якщо принтер не друкує?", "uk", "shcho-robyty-yakshcho-prynter-ne-drukuie"},
		{"Как сделать хороший скриншот", "ru", "kak-sdelat-khoroshii-skrinshot"},
	} {
		if got := Slugify(Transliterate(tc.title, tc.lang)); got != tc.want {
			t.Errorf("slug(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}

func TestPlural(t *testing.T) {
	uk := Plural{One: "%d стаття", Few: "%d статті", Many: "%d статей", Other: "%d статті"}
	for n, want := range map[int]string{1: "1 стаття", 2: "2 статті", 4: "4 статті", 5: "5 статей", 11: "11 статей", 12: "12 статей", 21: "21 стаття", 22: "22 статті", 25: "25 статей", 101: "101 стаття"} {
		if got := uk.Format("uk", n); got != want {
			t.Errorf("uk %d: %q, want %q", n, got, want)
		}
	}
	en := Plural{One: "%d article", Other: "%d articles"}
	if got := en.Format("en", 1) + ", " + en.Format("en", 2) + ", " + en.Format("en", 0); got != "1 article, 2 articles, 0 articles" {
		t.Errorf("en: %q", got)
	}
	// A form a translation lacks falls back to other.
	if got := (Plural{Other: "%d x"}).Format("ru", 3); got != "3 x" {
		t.Errorf("fallback: %q", got)
	}
}
