// deskbook default theme. Everything here is an enhancement: the site works
// without JavaScript.
(function () {
  "use strict";
  // Let keyboard users scroll code and tables that are wider than the page.
  // Plain code blocks come with tabindex; highlighted ones and tables do not.
  document.querySelectorAll(".body pre:not([tabindex]), .body table").forEach(function (el) {
    if (el.scrollWidth > el.clientWidth) el.tabIndex = 0;
  });

  var store;
  try { store = window.localStorage; } catch (e) { store = null; }

  // Checklists remember which boxes the reader ticked, per page.
  var boxes = document.querySelectorAll(".kind-checklist li.task input[type=checkbox]:not([disabled])");
  var key = "deskbook:check:" + location.pathname;
  var saved = {};
  if (store) {
    try { saved = JSON.parse(store.getItem(key) || "{}"); } catch (e) { saved = {}; }
  }
  boxes.forEach(function (box, i) {
    if (Object.prototype.hasOwnProperty.call(saved, i)) box.checked = !!saved[i];
    box.addEventListener("change", function () {
      saved[i] = box.checked;
      if (store) { try { store.setItem(key, JSON.stringify(saved)); } catch (e) { /* storage full or blocked */ } }
    });
  });

  // Agents paste links into replies: "Copy link" gives the short link,
  // "Copy reply" a ready snippet (title, summary, link) as plain text and
  // as rich HTML, and a heading's link icon copies the short link to that
  // heading. Without clipboard access the text is shown selected instead.
  var share = document.querySelector(".share[data-short]");
  if (share) {
    var status = share.querySelector(".copy-status");
    var shortLink = new URL(share.getAttribute("data-short"), location.href).href;
    var statusTimer;
    var say = function (text) {
      status.textContent = text;
      clearTimeout(statusTimer);
      statusTimer = setTimeout(function () { status.textContent = ""; }, 6000);
    };
    var byHand = function (text) {
      var box = share.querySelector("textarea.copy-box");
      if (!box) {
        box = document.createElement("textarea");
        box.className = "copy-box";
        box.readOnly = true;
        box.setAttribute("aria-label", share.getAttribute("data-copy-by-hand"));
        share.appendChild(box);
      }
      box.value = text;
      box.rows = text.split("\n").length;
      box.focus();
      box.select();
      say(share.getAttribute("data-copy-by-hand"));
    };
    var copy = function (text, html, done) {
      var cb = navigator.clipboard;
      var p;
      if (cb && html && window.ClipboardItem && cb.write) {
        p = cb.write([new ClipboardItem({
          "text/plain": new Blob([text], { type: "text/plain" }),
          "text/html": new Blob([html], { type: "text/html" })
        })]);
      } else if (cb && cb.writeText) {
        p = cb.writeText(text);
      }
      if (!p) { byHand(text); return; }
      p.then(function () { say(done); }, function () { byHand(text); });
    };
    var esc = function (s) {
      return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    };
    share.querySelector(".share-buttons").hidden = false;
    share.querySelector(".copy-link").addEventListener("click", function () {
      copy(shortLink, "", share.getAttribute("data-copied-link"));
    });
    share.querySelector(".copy-reply").addEventListener("click", function () {
      var title = share.getAttribute("data-title"), summary = share.getAttribute("data-summary");
      var text = title + "\n" + (summary ? summary + "\n" : "") + shortLink;
      var html = '<p><a href="' + esc(shortLink) + '">' + esc(title) + "</a><br>" + (summary ? esc(summary) + "<br>" : "") +
        '<a href="' + esc(shortLink) + '">' + esc(shortLink) + "</a></p>";
      copy(text, html, share.getAttribute("data-copied-reply"));
    });
    document.querySelectorAll(".body a.anchor").forEach(function (a) {
      a.addEventListener("click", function () {
        // The page still jumps to the heading; the clipboard gets the short link.
        copy(shortLink + a.getAttribute("href"), "", share.getAttribute("data-copied-link"));
      });
    });
  }

  // "What's new" tells a returning reader about changelog entries newer
  // than their last visit. A first visit only records the newest date, so
  // new readers see no noise. Nothing leaves the browser; no cookies.
  var news = document.querySelector(".whatsnew[data-changes]");
  if (news && store) {
    var data;
    try { data = JSON.parse(news.getAttribute("data-changes")); } catch (e) { data = null; }
    if (data && data.c && data.c.length) {
      var seenKey = "deskbook:seen:" + news.getAttribute("data-lang");
      var newest = data.c[0].d;
      var seen = null;
      try { seen = store.getItem(seenKey); } catch (e) { /* storage blocked */ }
      var markSeen = function () { try { store.setItem(seenKey, newest); } catch (e) { /* storage blocked */ } };
      var fresh = data.c.filter(function (c) { return seen && c.d > seen; });
      var onChangelog = document.querySelector(".changelog, .kind-changelog");
      if (seen === null || onChangelog) {
        markSeen();
      } else if (fresh.length) {
        news.querySelector(".whatsnew-count").textContent = data.n[fresh.length - 1];
        var list = news.querySelector(".whatsnew-list");
        fresh.forEach(function (c) {
          var li = document.createElement("li"), a = document.createElement("a");
          a.href = c.u;
          a.textContent = c.t;
          li.appendChild(a);
          list.appendChild(li);
        });
        news.hidden = false;
        news.querySelector(".whatsnew-dismiss").addEventListener("click", function () {
          markSeen();
          news.hidden = true;
        });
      }
    }
  }
})();

// Reading on paper and with larger text.
(function () {
  "use strict";
  var root = document.documentElement;
  var store;
  try { store = window.localStorage; } catch (e) { store = null; }

  // Text size: normal, large or larger, on screen and in print; remembered
  // for the whole site. The head of every page applies the saved size
  // before the first paint; this wires up the buttons.
  var key = "deskbook:textsize";
  var buttons = document.querySelectorAll(".textsize button[data-textsize]");
  function setSize(size, save) {
    if (size === "large" || size === "larger") root.setAttribute("data-textsize", size);
    else root.removeAttribute("data-textsize");
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-textsize") === (root.getAttribute("data-textsize") || "normal")));
    });
    if (save && store) { try { store.setItem(key, size); } catch (e) { /* storage full or blocked */ } }
  }
  buttons.forEach(function (b) {
    b.addEventListener("click", function () { setSize(b.getAttribute("data-textsize"), true); });
  });
  setSize(root.getAttribute("data-textsize") || "normal", false);
  document.querySelectorAll(".textsize").forEach(function (g) { g.hidden = false; });

  // "Printed on" shows the day of printing, written the way the site writes
  // dates. deskbook pdf sets data-print-date to the date it prints for.
  function stamp() {
    var d = new Date();
    var fixed = /^(\d{4})-(\d{2})-(\d{2})$/.exec(root.getAttribute("data-print-date") || "");
    if (fixed) d = new Date(+fixed[1], +fixed[2] - 1, +fixed[3]);
    var iso = d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
    document.querySelectorAll("time.printed-on").forEach(function (t) {
      var months = (t.getAttribute("data-months") || "").split(",");
      var month = months.length === 12 ? months[d.getMonth()] : String(d.getMonth() + 1);
      t.textContent = d.getDate() + " " + month + " " + d.getFullYear();
      t.setAttribute("datetime", iso);
    });
  }
  stamp();
  window.addEventListener("beforeprint", stamp);

  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
})();
