// Package track holds site.yaml's feedback: and analytics:, the two ways
// a help centre learns how its articles do: readers' answers to "Was this
// helpful?", and page views and searches (so a team sees the searches
// that found nothing). Both are off unless site.yaml sets them; then the
// theme's track.js sends what README.md lists, and nothing else. deskbook
// sets no cookies; a provider's own script may.
package track

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Analytics is site.yaml's analytics: a named provider whose script the
// pages load, or an endpoint deskbook's own script sends events to.
type Analytics struct {
	Provider string `yaml:"provider"` // plausible, umami, ga4 or endpoint
	ID       string `yaml:"id"`       // Plausible's domain, Umami's website id, GA4's measurement id
	Script   string `yaml:"script"`   // the provider's script from another address (self-hosted); optional
	Endpoint string `yaml:"endpoint"` // provider endpoint: where events are sent
}

// providers are the providers deskbook knows, with their scripts.
var providers = map[string]string{
	"plausible": "https://plausible.io/js/script.js",
	"umami":     "https://cloud.umami.is/script.js",
	"ga4":       "https://www.googletagmanager.com/gtag/js?id=",
	"endpoint":  "",
}

// On reports whether analytics are set.
func (a Analytics) On() bool { return a.Provider != "" }

// ScriptURL is the provider's script the pages load: Script when set,
// else the provider's own; "" for an endpoint, which needs none.
func (a Analytics) ScriptURL() string {
	switch {
	case a.Provider == "endpoint":
		return ""
	case a.Script != "":
		return a.Script
	case a.Provider == "ga4":
		return providers["ga4"] + url.QueryEscape(a.ID)
	}
	return providers[a.Provider]
}

// Problem is something wrong with feedback: or analytics:, at a key of
// site.yaml (feedback, analytics.provider).
type Problem struct {
	Key string
	Msg string
}

// Check reports what is wrong with feedback: and analytics:, and clears
// what cannot be used, so that no page sends anything to a wrong place.
func Check(feedback *string, a *Analytics) []Problem {
	var out []Problem
	if *feedback != "" && !secure(*feedback) && !isMail(*feedback) {
		out = append(out, Problem{"feedback", fmt.Sprintf("feedback: %q: want an https:// address that takes the answers (a POST), or an e-mail address (mailto:help@example.com)", *feedback)})
		*feedback = ""
	}
	if *a == (Analytics{}) {
		return out
	}
	before := len(out)
	out = append(out, checkAnalytics(*a)...)
	if len(out) > before {
		*a = Analytics{}
	}
	return out
}

// checkAnalytics checks an analytics: that says something.
func checkAnalytics(a Analytics) []Problem {
	var out []Problem
	bad := func(key, format string, args ...any) {
		out = append(out, Problem{"analytics." + key, "analytics: " + key + ": " + fmt.Sprintf(format, args...)})
	}
	if _, ok := providers[a.Provider]; !ok {
		what := fmt.Sprintf("%q", a.Provider)
		if a.Provider == "" {
			what = "missing"
		}
		bad("provider", "%s: want plausible, umami, ga4 or endpoint", what)
		return out
	}
	switch {
	case a.Provider == "endpoint" && a.Endpoint == "":
		bad("endpoint", "missing: provider endpoint sends events to this https:// address")
	case a.Provider == "endpoint" && !secure(a.Endpoint):
		bad("endpoint", "%q: want an https:// address", a.Endpoint)
	case a.Provider == "endpoint" && (a.ID != "" || a.Script != ""):
		bad("provider", "endpoint takes only endpoint:, not id: or script:")
	case a.Provider != "endpoint" && a.Endpoint != "":
		bad("endpoint", "only for provider: endpoint; %s is sent to by its own script", a.Provider)
	case a.Provider != "endpoint" && a.ID == "":
		bad("id", "missing: %s", idHelp[a.Provider])
	case a.Provider == "plausible" && strings.ContainsAny(a.ID, ":/ "):
		bad("id", "%q: %s", a.ID, idHelp["plausible"])
	case a.Provider == "ga4" && !strings.HasPrefix(a.ID, "G-"):
		bad("id", "%q: %s", a.ID, idHelp["ga4"])
	case a.Script != "" && !secure(a.Script):
		bad("script", "%q: want an https:// address", a.Script)
	}
	return out
}

// idHelp says what id: is for each provider.
var idHelp = map[string]string{
	"plausible": "the site's domain as Plausible knows it, like help.example.com",
	"umami":     "the website id Umami shows in its settings, like 4fb7fa4c-5b46-438d-94b3-3a8fb9bc2e8b",
	"ga4":       "the measurement id, like G-XXXXXXXXXX",
}

// secure accepts an https address with a host, and http on this machine
// (localhost, 127.0.0.1, ::1), which browsers treat as secure: a team
// tries its collector there before it goes online.
func secure(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.User != nil {
		return false
	}
	if u.Scheme == "https" {
		return true
	}
	host := u.Hostname()
	ip := net.ParseIP(host)
	return u.Scheme == "http" && (host == "localhost" || ip != nil && ip.IsLoopback())
}

// isMail accepts mailto: with an address.
func isMail(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "mailto" && strings.Contains(u.Opaque, "@")
}
