// deskbook deflection widget. A product page on any origin adds
//   <script src="https://help.example.com/widget.js" defer></script>
//   <input id="subject"> <deskbook-search for="subject"></deskbook-search>
// and, as the customer types, help articles that may answer the question
// appear under the field. The search runs in a hidden frame of the help
// site (widget.html, see frame.js), asked through postMessage: the help
// site needs no CORS headers, and the product page gets no globals, no
// cookies and no storage from it. README.md, "Deflection widget".
(function () {
"use strict";
if (!window.customElements || customElements.get("deskbook-search")) return;
var me = document.currentScript, site = new URL(".", me && me.src || location.href), to = site.origin === "null" ? "*" : site.origin;
var frames = {}, seq = 0;
// frame opens (once per language) the hidden frame that searches.
function frame(lang) {
if (frames[lang]) return frames[lang];
var el = document.createElement("iframe"), f = frames[lang] = { el: el, on: false, out: [], wait: {} };
el.src = new URL("widget.html?lang=" + encodeURIComponent(lang), site).href;
el.hidden = true;
el.tabIndex = -1;
el.title = "deskbook";
el.setAttribute("aria-hidden", "true");
el.addEventListener("load", function () { f.on = true; f.out.splice(0).forEach(function (m) { el.contentWindow.postMessage(m, to); }); });
document.body.appendChild(el);
return f;
}
addEventListener("message", function (e) {
var d = e.data;
if (e.origin !== site.origin || !d || d.deskbook !== "results") return;
for (var k in frames) {
var f = frames[k], cb = f.wait[d.id];
if (e.source === f.el.contentWindow && cb) { delete f.wait[d.id]; cb(d); }
}
});
function ask(lang, q, max, cb) {
var f = frame(lang), m = { deskbook: "search", id: ++seq, q: q, max: max };
f.wait[m.id] = cb;
if (f.on) f.el.contentWindow.postMessage(m, to); else f.out.push(m);
return m.id;
}
function mk(tag, part, parent, cls) {
var e = document.createElement(tag);
if (part) e.setAttribute("part", part);
if (cls) e.className = cls;
if (parent) parent.appendChild(e);
return e;
}
// put writes text with the ranges rs marked.
function put(node, text, rs) {
var at = 0;
(rs || []).forEach(function (r) {
var s = Math.max(r[0], at), e = Math.min(r[1], text.length);
if (e <= s) return;
node.appendChild(document.createTextNode(text.slice(at, s)));
mk("mark", "mark", node).textContent = text.slice(s, e);
at = e;
});
node.appendChild(document.createTextNode(text.slice(at)));
}
var CSS = ":host{display:block}[hidden]{display:none!important}" +
".p{margin:.5em 0;padding:.5em .75em;border:1px solid var(--deskbook-border,#767b84);border-radius:var(--deskbook-radius,8px);background:var(--deskbook-bg,transparent);color:var(--deskbook-fg,inherit);font:var(--deskbook-font,inherit)}" +
".l{margin:0 0 .25em;font-weight:600}ul{list-style:none;margin:0;padding:0}li+li{border-top:1px solid var(--deskbook-border,#767b84)}" +
"a{display:block;padding:.5em .25em;color:inherit;text-decoration:none;border-radius:4px}a:focus-visible{outline:3px solid var(--deskbook-focus,#b45309);outline-offset:1px}" +
".t{display:block;font-weight:600;color:var(--deskbook-accent,LinkText);text-decoration:underline}a:hover .t{text-decoration-thickness:2px}" +
".s{display:block;font-size:.9em;color:var(--deskbook-muted,inherit)}mark{background:var(--deskbook-mark,#fff3a0);color:#1a1a1a}" +
".v{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}";

// setup gives one <deskbook-search> its list (in a shadow root, styled
// through parts and custom properties) and listens to its field.
function setup(host, input) {
var root = host.attachShadow({ mode: "open" }), timer = 0, last = 0;
mk("style", "", root).textContent = CSS;
var panel = mk("div", "panel", root, "p"), label = mk("p", "label", panel, "l"), list = mk("ul", "list", panel), status = mk("p", "", root, "v");
label.id = "l";
list.setAttribute("aria-labelledby", "l");
status.setAttribute("role", "status");
panel.hidden = true;
// The element's lang, else the page's (<html lang>); the frame falls back to the site's default.
function lang() { var e = host.closest("[lang]"); return e ? e.getAttribute("lang") : ""; }
function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
function move(i) { var l = links()[i]; if (l) l.focus(); }
function hide() { panel.hidden = true; status.textContent = ""; }
function search() {
var q = input.value.trim(), max = Math.max(1, Math.min(10, parseInt(host.getAttribute("max"), 10) || 5));
if (q.length < 3) { last = 0; hide(); return; }
var id = last = ask(lang(), q, max, function (r) { if (id === last) show(r); });
}
function show(r) {
var w = r.words || {}, target = host.getAttribute("target") || "_blank";
list.textContent = "";
if (!r.results || !r.results.length) return hide();
panel.lang = r.lang;
panel.setAttribute("data-query", r.q);
label.textContent = w.label || "";
r.results.forEach(function (x) {
var li = mk("li", "item", list), a = mk("a", "link", li), s;
if (x.lang) li.lang = x.lang;
a.href = x.href;
a.target = target;
if (target === "_blank") a.rel = "noopener";
put(mk("span", "title", a, "t"), x.title, x.tm);
put(s = mk("span", "snippet", a, "s"), x.text, x.sm);
if (x.pre) s.insertBefore(document.createTextNode("… "), s.firstChild);
if (x.post) s.appendChild(document.createTextNode(" …"));
if (target === "_blank" && w.newTab) mk("span", "", a, "v").textContent = " (" + w.newTab + ")";
});
panel.hidden = false;
status.textContent = (w.label ? w.label + ": " : "") + r.status + (w.keys ? ". " + w.keys : "");
}
input.addEventListener("focus", function () { frame(lang()); });
input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 250); });
input.addEventListener("keydown", function (e) {
if (panel.hidden || e.isComposing) return;
if (e.key === "ArrowDown") { e.preventDefault(); move(0); }
if (e.key === "Escape") { e.preventDefault(); hide(); }
});
list.addEventListener("keydown", function (e) {
var ls = links(), i = ls.indexOf(root.activeElement);
if (e.key === "ArrowDown") move(Math.min(i + 1, ls.length - 1));
else if (e.key === "ArrowUp") { if (i > 0) move(i - 1); else input.focus(); }
else if (e.key === "Home" || e.key === "End") move(e.key === "Home" ? 0 : ls.length - 1);
else if (e.key === "Escape") { hide(); input.focus(); }
else return;
e.preventDefault();
});
}
var done = new WeakSet();
customElements.define("deskbook-search", class extends HTMLElement {
connectedCallback() {
var input = document.getElementById(this.getAttribute("for") || "");
if (input && !done.has(this)) { done.add(this); setup(this, input); }
}
});
})();
