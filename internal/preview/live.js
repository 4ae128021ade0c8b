// deskbook serve's live reload, injected into pages only by serve (never
// part of a built site). It listens to /.deskbook/events (Server-Sent
// Events): "reload" reloads the page when it changed, keeping the scroll
// position; "css" swaps stylesheets in place; "failed" shows the build's
// errors over the page (the last good page stays underneath); "ok" hides
// them.
(function () {
"use strict";
var me = document.currentScript, gen = me.getAttribute("data-gen"), page = me.getAttribute("data-page");
var key = "deskbook-scroll:" + location.pathname;

function restore() {
  var s = sessionStorage.getItem(key);
  if (!s) return;
  try { var p = JSON.parse(s); window.scrollTo(p.x, p.y); } catch (e) { /* a stale entry */ }
}
if (sessionStorage.getItem(key)) {
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";
  restore();
  document.addEventListener("DOMContentLoaded", restore);
  window.addEventListener("load", function () { restore(); sessionStorage.removeItem(key); });
}

function reload() {
  sessionStorage.setItem(key, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
  location.reload();
}

var box = null;
function overlay(errs) {
  hide();
  box = document.createElement("div");
  box.id = "deskbook-errors";
  box.setAttribute("role", "alert");
  box.style.cssText = "position:fixed;z-index:2147483647;left:0;right:0;top:0;max-height:60vh;overflow:auto;" +
    "margin:0;padding:16px 20px;background:#7a1010;color:#fff;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;" +
    "box-shadow:0 4px 16px rgba(0,0,0,.4);text-align:left";
  var h = document.createElement("p");
  h.style.cssText = "margin:0 0 8px;font-weight:bold;font-family:system-ui,sans-serif;font-size:17px";
  h.textContent = "deskbook: the site has " + errs.length + (errs.length === 1 ? " error" : " errors") +
    " — the page below is the last good version";
  var close = document.createElement("button");
  close.type = "button";
  close.textContent = "×";
  close.setAttribute("aria-label", "Hide");
  close.style.cssText = "float:right;margin-left:12px;background:none;border:1px solid #fff;color:#fff;font-size:18px;cursor:pointer;min-width:32px";
  close.onclick = hide;
  h.insertBefore(close, h.firstChild);
  box.appendChild(h);
  var ul = document.createElement("ul");
  ul.style.cssText = "margin:0;padding:0;list-style:none";
  errs.forEach(function (d) {
    var li = document.createElement("li");
    var where = document.createElement("span");
    where.className = "deskbook-where";
    where.style.cssText = "color:#ffd7d7";
    where.textContent = d.path + (d.line ? ":" + d.line : "") + ": ";
    li.appendChild(where);
    li.appendChild(document.createTextNode(d.msg));
    ul.appendChild(li);
  });
  box.appendChild(ul);
  (document.body || document.documentElement).appendChild(box);
}
function hide() { if (box) { box.remove(); box = null; } }

// swap points the stylesheets at their new hashed names: {"style.css": "assets/style.<hash>.css"}.
function swap(names) {
  Array.prototype.forEach.call(document.querySelectorAll('link[rel="stylesheet"]'), function (l) {
    var href = l.getAttribute("href") || "", file = href.slice(href.lastIndexOf("/") + 1);
    for (var n in names) {
      var stem = n.replace(/\.css$/, "");
      if (file.indexOf(stem + ".") === 0 && /^[0-9a-f]{10}\.css$/.test(file.slice(stem.length + 1))) {
        var next = names[n];
        l.setAttribute("href", href.slice(0, href.length - file.length) + next.slice(next.lastIndexOf("/") + 1));
      }
    }
  });
}

var es = new EventSource("/.deskbook/events");
function on(name, f) { es.addEventListener(name, function (e) { f(JSON.parse(e.data || "{}")); }); }
on("hello", function (d) {
  if (String(d.gen) !== gen) return reload(); // a build finished before we listened
  document.documentElement.setAttribute("data-deskbook-live", gen); // listening (tests wait for it)
  if (d.errors) overlay(d.errors); else hide();
});
on("reload", function (d) {
  gen = String(d.gen);
  // A page that was not found reloads on any change: it may exist now.
  if (d.all || page === "404.html" || (d.pages || []).indexOf(page) >= 0) return reload();
  hide();
});
on("css", function (d) { gen = String(d.gen); swap(d.names || {}); hide(); });
on("failed", function (d) { overlay(d.errors || []); });
on("ok", function () { hide(); });
})();
