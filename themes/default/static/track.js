// deskbook default theme: feedback under articles, and analytics. Pages
// load this script only when site.yaml sets feedback: or analytics:, and
// it sends only what README.md lists ("Feedback and analytics"). It sets
// no cookies, and sends with credentials left out.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) return;
  var lang = me.getAttribute("data-lang") || document.documentElement.lang;
  var provider = me.getAttribute("data-provider") || "";
  var id = me.getAttribute("data-id") || "";
  var endpoint = me.getAttribute("data-endpoint") || "";
  // The page's address without its query or fragment.
  var page = location.href.split(/[?#]/)[0];

  // POST data as JSON in a text/plain body: a "simple" request, which a
  // browser sends to another origin without asking it first (no CORS
  // preflight); keepalive lets it finish when the reader leaves the page.
  function send(url, data) {
    return fetch(url, {
      method: "POST", body: JSON.stringify(data), mode: "no-cors", credentials: "omit", keepalive: true,
      headers: { "Content-Type": "text/plain;charset=UTF-8" }
    });
  }

  // "Was this helpful?": the answer and an optional comment go to the
  // address site.yaml gives: POSTed to an https:// one, or as a prefilled
  // e-mail to a mailto: one.
  var form = document.querySelector("form.feedback[data-to]");
  if (form) {
    var status = form.querySelector(".feedback-status");
    form.hidden = false;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var picked = form.querySelector("input[name=answer]:checked");
      if (!picked) return;
      var to = form.getAttribute("data-to");
      var data = {
        event: "feedback", id: Number(form.getAttribute("data-id")), lang: form.getAttribute("data-lang"),
        answer: picked.value, comment: form.querySelector("textarea").value.trim().slice(0, 2000),
        url: page, title: form.getAttribute("data-title")
      };
      var done = function (ok) {
        status.textContent = form.getAttribute(ok ? "data-thanks" : "data-failed");
        status.className = "feedback-status" + (ok ? "" : " failed");
        if (ok) {
          form.querySelectorAll("fieldset, label[for], textarea, button").forEach(function (el) { el.hidden = true; });
          status.focus();
        }
      };
      if (/^mailto:/i.test(to)) {
        var word = picked.parentNode.textContent.trim();
        var subject = form.querySelector("legend").textContent + " " + word + " — " + data.title;
        var body = word + "\n\n" + (data.comment ? data.comment + "\n\n" : "") + data.url + " (id " + data.id + ", " + data.lang + ")";
        location.href = to + (to.indexOf("?") < 0 ? "?" : "&") + "subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
        done(true);
        return;
      }
      send(to, data).then(function () { done(true); }, function () { done(false); });
    });
  }

  if (!provider) return;

  // Analytics: page views are the provider script's own (or, for an
  // endpoint, sent here); searches come from the search script's events.
  if (provider === "ga4") {
    window.dataLayer = window.dataLayer || [];
    window.gtag = window.gtag || function () { window.dataLayer.push(arguments); };
    window.gtag("js", new Date());
    window.gtag("config", id);
  }
  if (provider === "plausible") {
    window.plausible = window.plausible || function () { (window.plausible.q = window.plausible.q || []).push(arguments); };
  }
  function track(name, props) {
    if (provider === "plausible") window.plausible(name === "search" ? "Search" : "Search result", { props: props });
    else if (provider === "umami" && window.umami) window.umami.track(name, props);
    else if (provider === "ga4" && name === "search") window.gtag("event", "search", { search_term: props.query, results: props.results });
    else if (provider === "ga4") window.gtag("event", "select_content", { content_type: "search_result", item_id: props.result, search_term: props.query });
    else if (provider === "endpoint") {
      var data = { event: name, lang: lang, url: page };
      for (var k in props) data[k] = props[k];
      send(endpoint, data).catch(function () { /* analytics never bother the reader */ });
    }
  }
  if (provider === "endpoint") {
    send(endpoint, { event: "pageview", lang: lang, url: page, referrer: document.referrer })
      .catch(function () { /* analytics never bother the reader */ });
  }

  // Search shows results as the reader types: a search is counted once
  // the typing pauses, when a result is chosen, or when the page is left,
  // so "pri", "prin" and "print" are one search for "printer".
  var pending = null, sent = "", timer = 0;
  function flush() {
    clearTimeout(timer);
    if (!pending || pending.query === sent) return;
    sent = pending.query;
    track("search", pending);
    pending = null;
  }
  document.addEventListener("deskbook:search", function (e) {
    pending = { query: String(e.detail.query).slice(0, 200), results: e.detail.results };
    clearTimeout(timer);
    timer = setTimeout(flush, 1500);
  });
  document.addEventListener("deskbook:search-choose", function (e) {
    flush();
    track("search-choose", { query: String(e.detail.query).slice(0, 200), result: e.detail.url, position: e.detail.position });
  });
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flush(); });
})();
