package words

import "testing"

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
