package track

import (
	"strings"
	"testing"
)

// TestCheckFeedback: https, mailto and http on this machine pass;
// anything else is an error at feedback, and is cleared.
func TestCheckFeedback(t *testing.T) {
	for _, ok := range []string{"", "https://forms.example.com/deskbook", "mailto:docs@example.com", "http://127.0.0.1:8080/fb", "http://localhost/fb", "http://[::1]:9/x"} {
		f, a := ok, Analytics{}
		if p := Check(&f, &a); len(p) != 0 || f != ok {
			t.Errorf("feedback %q: %v", ok, p)
		}
	}
	for _, bad := range []string{"http://forms.example.com/x", "ftp://example.com", "mailto:", "example.com/fb", "javascript:alert(1)", "https://user:pw@example.com/", "https:///nohost", "http://10.0.0.1/x"} {
		f, a := bad, Analytics{}
		p := Check(&f, &a)
		if len(p) != 1 || p[0].Key != "feedback" || !strings.Contains(p[0].Msg, "https://") || f != "" {
			t.Errorf("feedback %q: %v (left %q)", bad, p, f)
		}
	}
}

// TestCheckAnalytics: each provider's required fields, https only, and
// a wrong analytics: is cleared whole.
func TestCheckAnalytics(t *testing.T) {
	good := []Analytics{
		{},
		{Provider: "plausible", ID: "help.example.com"},
		{Provider: "plausible", ID: "help.example.com", Script: "https://stats.example.com/js/script.js"},
		{Provider: "umami", ID: "4fb7fa4c-5b46-438d-94b3-3a8fb9bc2e8b"},
		{Provider: "ga4", ID: "G-ABC123"},
		{Provider: "endpoint", Endpoint: "https://stats.example.com/collect"},
	}
	for _, a := range good {
		f, b := "", a
		if p := Check(&f, &b); len(p) != 0 || b != a {
			t.Errorf("%+v: %v", a, p)
		}
	}
	bad := []struct {
		a   Analytics
		key string
		msg string
	}{
		{Analytics{Provider: "matomo", ID: "1"}, "analytics.provider", "want plausible, umami, ga4 or endpoint"},
		{Analytics{ID: "help.example.com"}, "analytics.provider", "missing: want plausible"},
		{Analytics{Provider: "plausible"}, "analytics.id", "missing: the site's domain"},
		{Analytics{Provider: "plausible", ID: "https://help.example.com/"}, "analytics.id", "like help.example.com"},
		{Analytics{Provider: "ga4", ID: "UA-1234-1"}, "analytics.id", "G-XXXXXXXXXX"},
		{Analytics{Provider: "umami", ID: "x", Script: "http://stats.example.com/script.js"}, "analytics.script", "https://"},
		{Analytics{Provider: "umami", ID: "x", Endpoint: "https://e.example.com/"}, "analytics.endpoint", "only for provider: endpoint"},
		{Analytics{Provider: "endpoint"}, "analytics.endpoint", "missing"},
		{Analytics{Provider: "endpoint", Endpoint: "http://stats.example.com/collect"}, "analytics.endpoint", "https://"},
		{Analytics{Provider: "endpoint", Endpoint: "https://e.example.com/", ID: "x"}, "analytics.provider", "only endpoint:"},
	}
	for _, c := range bad {
		f, a := "", c.a
		p := Check(&f, &a)
		if len(p) != 1 || p[0].Key != c.key || !strings.Contains(p[0].Msg, c.msg) || a != (Analytics{}) {
			t.Errorf("%+v: %v, want %s: …%s…, cleared", c.a, p, c.key, c.msg)
		}
	}
}

// TestScriptURL: the provider's own script, or the one site.yaml names.
func TestScriptURL(t *testing.T) {
	cases := map[Analytics]string{
		{Provider: "plausible", ID: "help.example.com"}:                        "https://plausible.io/js/script.js",
		{Provider: "plausible", ID: "h", Script: "https://s.example.com/p.js"}: "https://s.example.com/p.js",
		{Provider: "umami", ID: "x"}:                                           "https://cloud.umami.is/script.js",
		{Provider: "ga4", ID: "G-AB&C"}:                                        "https://www.googletagmanager.com/gtag/js?id=G-AB%26C",
		{Provider: "endpoint", Endpoint: "https://e.example.com/"}:             "",
		{}: "",
	}
	for a, want := range cases {
		if got := a.ScriptURL(); got != want {
			t.Errorf("%+v: %q, want %q", a, got, want)
		}
	}
}
