package slug

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
		if got := Make(Transliterate(tc.title, tc.lang)); got != tc.want {
			t.Errorf("slug(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}
