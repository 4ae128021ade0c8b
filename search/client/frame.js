// deskbook widget frame: the script of widget.html on the help site, which
// widget.js opens hidden on a product page. It loads the index of one
// language (?lang=, else the site's default) into this site's search
// client, and answers one kind of message from the page that embeds it,
// {deskbook: "search", id, q, max}, with {deskbook: "results", id, …},
// sent to that page's origin only. Any page may ask (the index is public);
// the frame takes no other orders: no navigation, no script, no storage.
(function () {
"use strict";
var html = document.documentElement, def = html.getAttribute("data-default") || "", langs = {};
try { langs = JSON.parse(html.getAttribute("data-langs")) || {}; } catch (e) { langs = {}; }
function base(c) { return c.toLowerCase().split(/[-_]/)[0]; }
// choose: the asked language, else one with its primary subtag (uk-UA: uk), else the default.
function choose(w) {
w = String(w || "").toLowerCase();
var ks = Object.keys(langs), i;
for (i = 0; i < ks.length; i++) if (ks[i].toLowerCase() === w) return ks[i];
for (i = 0; i < ks.length; i++) if (w && base(ks[i]) === base(w)) return ks[i];
return langs[def] ? def : ks[0] || "";
}
var lang = choose(new URLSearchParams(location.search).get("lang")), L = langs[lang], ready = !L, queue = [];
html.lang = lang || def;
if (L) {
var s = document.createElement("script");
s.src = L.boot;
s.onload = s.onerror = function () { ready = true; queue.splice(0).forEach(answer); };
document.head.appendChild(s);
}
function answer(m) {
var api = window.deskbookSearch, none = { n: 0, status: "", results: [] };
function send(r) {
parent.postMessage({ deskbook: "results", id: m.id, q: m.q, lang: lang, n: r.n, status: r.status, results: r.results, words: L ? L.words : {} }, m.to);
}
if (!api || !api.query || !m.q.trim()) return send(none);
api.query(m.q, m.max).then(send, function () { send(none); });
}
addEventListener("message", function (e) {
var d = e.data;
if (e.source !== parent || parent === window || !d || typeof d !== "object" || d.deskbook !== "search" || typeof d.q !== "string" || typeof d.id !== "number") return;
var m = { id: d.id, q: d.q.slice(0, 500), max: Math.max(1, Math.min(10, d.max | 0 || 5)), to: e.origin === "null" ? "*" : e.origin };
if (ready) answer(m); else queue.push(m);
});
})();
