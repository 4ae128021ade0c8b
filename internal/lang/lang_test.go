package lang

import "testing"

func TestValid(t *testing.T) {
	for code, want := range map[string]bool{"en": true, "uk": true, "pt-br": true, "sr-latn": true, "EN": false, "english": false, "xx": false, "": false, "en_US": false, "../x": false} {
		if got := Valid(code); got != want {
			t.Errorf("Valid(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestName(t *testing.T) {
	for code, want := range map[string]string{"en": "English", "uk": "Українська", "ru": "Русский", "de": "Deutsch"} {
		if got := Name(code); got != want {
			t.Errorf("Name(%q) = %q, want %q", code, got, want)
		}
	}
}
