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

  // The interface text of the page's language (ui-<lang>.js, loaded
  // before this script): the words of the controls made here.
  var ui = window.deskbookUI;

  // Agents paste links into replies: "Copy link" gives the short link,
  // "Copy reply" a ready snippet (title, summary, link) as plain text and
  // as rich HTML, and a heading's link icon copies the short link to that
  // heading. Without clipboard access the text is shown selected instead.
  // The page holds the short link; the buttons and the status line are
  // made here, as they do nothing without a script.
  var share = document.querySelector(".share");
  var link = share && share.querySelector(".shortlink a[href]");
  if (link && ui) {
    var shortLink = new URL(link.getAttribute("href"), location.href).href;
    var buttons = document.createElement("p");
    buttons.className = "share-buttons";
    [["copy-link", ui.CopyLink], ["copy-reply", ui.CopyReply]].forEach(function (b, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = b[0];
      button.textContent = b[1];
      if (i) buttons.appendChild(document.createTextNode(" "));
      buttons.appendChild(button);
    });
    var status = document.createElement("p");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    share.appendChild(buttons);
    share.appendChild(status);
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
        box.setAttribute("aria-label", ui.CopyByHand);
        share.appendChild(box);
      }
      box.value = text;
      box.rows = text.split("\n").length;
      box.focus();
      box.select();
      say(ui.CopyByHand);
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
    share.querySelector(".copy-link").addEventListener("click", function () {
      copy(shortLink, "", ui.LinkCopied);
    });
    // The reply is site.yaml's replies: for the page's language (greeting,
    // body, closing; one paragraph each), its {title}, {summary} and {link}
    // filled in: the article's heading, its lead and the short link. The
    // title and link are links in the rich version. A line whose
    // placeholders are all empty (no summary) is left out.
    var text = function (sel) { var el = document.querySelector(sel); return el ? el.textContent : ""; };
    var values = { title: text(".article-head h1"), summary: text(".article-head .lead"), link: shortLink };
    var fill = function (part, rich) {
      var lines = [];
      part.split("\n").forEach(function (line) {
        var bits = line.split(/\{(title|summary|link)\}/), text = "", html = "";
        bits.forEach(function (b, i) {
          var v = i % 2 ? values[b] : b;
          text += v;
          html += i % 2 && b !== "summary" ? '<a href="' + esc(shortLink) + '">' + esc(v) + "</a>" : esc(v);
        });
        if (bits.length === 1 || text.trim()) lines.push(rich ? html : text);
      });
      return lines.join(rich ? "<br>" : "\n");
    };
    share.querySelector(".copy-reply").addEventListener("click", function () {
      var reply = ui.Reply || {};
      var parts = [reply.Greeting, reply.Body, reply.Closing].filter(Boolean);
      var plain = parts.map(function (p) { return fill(p, false); }).join("\n\n");
      var html = parts.map(function (p) { return "<p>" + fill(p, true) + "</p>"; }).join("");
      copy(plain, html, ui.ReplyCopied);
    });
    document.querySelectorAll(".body a.anchor").forEach(function (a) {
      a.addEventListener("click", function () {
        // The page still jumps to the heading; the clipboard gets the short link.
        copy(shortLink + a.getAttribute("href"), "", ui.LinkCopied);
      });
    });
  }

  // "What's new" tells a returning reader about changelog entries newer
  // than their last visit. A first visit only records the newest date, so
  // new readers see no noise. Nothing leaves the browser; no cookies. The
  // entries come from whatsnew.js, loaded before this script, with links
  // from its own folder; the banner is made here, before <main>.
  var news = window.deskbookNews, main = document.getElementById("main");
  if (news && news.changes && news.changes.length && store && ui && main) {
    var seenKey = "deskbook:seen:" + news.lang;
    var newest = news.changes[0].d;
    var seen = null;
    try { seen = store.getItem(seenKey); } catch (e) { /* storage blocked */ }
    var markSeen = function () { try { store.setItem(seenKey, newest); } catch (e) { /* storage blocked */ } };
    var fresh = news.changes.filter(function (c) { return seen && c.d > seen; });
    var onChangelog = document.querySelector(".changelog, .kind-changelog");
    if (seen === null || onChangelog) {
      markSeen();
    } else if (fresh.length) {
      var aside = document.createElement("aside");
      aside.className = "whatsnew wrap";
      aside.setAttribute("aria-labelledby", "whatsnew-title");
      var h = document.createElement("h2"), count = document.createElement("span");
      h.id = "whatsnew-title";
      count.className = "whatsnew-count";
      count.textContent = ui.NewChanges[Math.min(fresh.length, ui.NewChanges.length) - 1];
      h.append(ui.WhatsNew + ": ", count);
      var list = document.createElement("ul");
      list.className = "whatsnew-list";
      fresh.forEach(function (c) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = new URL(c.u, news.src || location.href).href;
        a.textContent = c.t;
        li.appendChild(a);
        list.appendChild(li);
      });
      var dismiss = document.createElement("button");
      dismiss.type = "button";
      dismiss.className = "whatsnew-dismiss";
      dismiss.textContent = ui.Dismiss;
      dismiss.addEventListener("click", function () {
        markSeen();
        aside.hidden = true;
      });
      aside.append(h, list, dismiss);
      main.parentNode.insertBefore(aside, main);
    }
  }
})();

// Reading on paper and with larger text.
(function () {
  "use strict";
  var root = document.documentElement;
  var store;
  try { store = window.localStorage; } catch (e) { store = null; }

  var ui = window.deskbookUI;

  // Text size: normal, large or larger, on screen and in print; remembered
  // for the whole site. The head of every page applies the saved size
  // before the first paint; this makes the buttons, first in the header's
  // menu (they do nothing without a script).
  var key = "deskbook:textsize";
  var menu = document.getElementById("site-menu");
  if (menu && ui && !menu.querySelector(".textsize")) {
    var group = document.createElement("div");
    group.className = "textsize";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", ui.TextSize);
    [["normal", "A", ui.TextNormal], ["large", "A+", ui.TextLarge], ["larger", "A++", ui.TextLarger]].forEach(function (s) {
      var b = document.createElement("button"), shown = document.createElement("span"), said = document.createElement("span");
      b.type = "button";
      b.setAttribute("data-textsize", s[0]);
      b.setAttribute("aria-pressed", "false");
      b.title = s[2];
      shown.setAttribute("aria-hidden", "true");
      shown.textContent = s[1];
      said.className = "visually-hidden";
      said.textContent = s[2];
      b.append(shown, said);
      group.appendChild(b);
    });
    menu.insertBefore(group, menu.firstChild);
  }
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
      var months = ui && ui.Months || (t.getAttribute("data-months") || "").split(",");
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

// The header on a phone: text size, contact and languages fold behind one
// menu button, so the article starts near the top of a small screen and
// search stays in view. style.css folds them only with .has-menu, which
// this sets: without JavaScript everything stays in the header bar.
(function () {
  "use strict";
  var ui = window.deskbookUI;
  var header = document.querySelector(".site-header");
  var menu = document.getElementById("site-menu");
  var toggle = header && header.querySelector(".menu-toggle");
  if (!toggle && menu && ui) {
    toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "menu-toggle";
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", "site-menu");
    toggle.innerHTML = '<svg aria-hidden="true" focusable="false" width="22" height="22" viewBox="0 0 22 22"><path d="M2 5h18M2 11h18M2 17h18" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"/></svg><span class="menu-label"></span>';
    toggle.lastChild.textContent = ui.Menu;
    menu.parentNode.insertBefore(toggle, menu);
  }
  if (!toggle || !menu) return;
  function setOpen(open) {
    toggle.setAttribute("aria-expanded", String(open));
    header.classList.toggle("menu-open", open);
  }
  toggle.hidden = false;
  header.classList.add("has-menu");
  toggle.addEventListener("click", function () { setOpen(toggle.getAttribute("aria-expanded") !== "true"); });
  header.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && toggle.getAttribute("aria-expanded") === "true" && (e.target === toggle || menu.contains(e.target))) {
      setOpen(false);
      toggle.focus();
    }
  });
})();

// "/" moves to the search box, as on many sites: not while the reader
// types in a field, and not with Ctrl, Alt or Meta (browser shortcuts).
// Shift is allowed: some keyboards (German, French) need it for "/".
(function () {
  "use strict";
  function typing(el) {
    return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.altKey || e.metaKey || e.isComposing || e.defaultPrevented) return;
    if (typing(e.target) || typing(document.activeElement)) return;
    var box = document.getElementById("search-q");
    if (!box || !box.getClientRects().length) return;
    e.preventDefault();
    box.focus();
    box.select();
  });
})();

// Tab sets (:::tabs): the labels of the panels become a tab list, as the
// WAI-ARIA tabs pattern has it (arrow keys, Home and End move between the
// tabs and show their panel). The reader's choice, such as "Mac", is
// remembered for the whole site and shows that tab in every tab set that
// has one. Without JavaScript every panel shows under its label.
(function () {
  "use strict";
  var key = "deskbook:tab";
  var store;
  try { store = window.localStorage; } catch (e) { store = null; }
  var sets = [];
  // Paper shows every panel (style.css) and every collapsible section open.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.details").forEach(function (d) { d.open = true; });
  });

  function select(set, n) {
    set.tabs.forEach(function (tab, i) {
      tab.setAttribute("aria-selected", String(i === n));
      tab.tabIndex = i === n ? 0 : -1;
      set.panels[i].hidden = i !== n;
    });
  }
  // show selects the tab of that name in every set that has one.
  function show(name) {
    sets.forEach(function (set) {
      var n = set.names.indexOf(name);
      if (n >= 0) select(set, n);
    });
  }
  function choose(set, n) {
    show(set.names[n]);
    select(set, n);
    if (store) { try { store.setItem(key, set.names[n]); } catch (e) { /* storage full or blocked */ } }
  }

  document.querySelectorAll(".tabs[data-tabs]").forEach(function (root, i) {
    var panels = Array.prototype.filter.call(root.children, function (c) { return c.classList.contains("tab-panel"); });
    if (!panels.length) return;
    var list = document.createElement("div");
    list.className = "tab-list";
    list.setAttribute("role", "tablist");
    var set = { panels: panels, tabs: [], names: [] };
    panels.forEach(function (panel, j) {
      var label = panel.querySelector(":scope > .tab-label");
      var tab = document.createElement("button");
      tab.type = "button";
      tab.setAttribute("role", "tab");
      tab.id = "deskbook-tab-" + i + "-" + j;
      tab.textContent = label ? label.textContent.trim() : String(j + 1);
      if (!panel.id) panel.id = "deskbook-tabpanel-" + i + "-" + j;
      tab.setAttribute("aria-controls", panel.id);
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      list.appendChild(tab);
      set.tabs.push(tab);
      set.names.push(tab.textContent);
    });
    list.addEventListener("click", function (ev) {
      var n = set.tabs.indexOf(ev.target.closest("[role=tab]"));
      if (n >= 0) choose(set, n);
    });
    list.addEventListener("keydown", function (ev) {
      var k = set.tabs.indexOf(document.activeElement);
      var n = { ArrowRight: k + 1, ArrowLeft: k - 1, Home: 0, End: set.tabs.length - 1 }[ev.key];
      if (k < 0 || n === undefined) return;
      ev.preventDefault();
      n = (n + set.tabs.length) % set.tabs.length;
      choose(set, n);
      set.tabs[n].focus();
    });
    root.insertBefore(list, panels[0]);
    root.classList.add("tabs-js");
    sets.push(set);
    select(set, 0);
  });
  if (!sets.length) return;
  var saved = null;
  if (store) { try { saved = store.getItem(key); } catch (e) { /* storage blocked */ } }
  if (saved) show(saved);

  // A link to a heading inside a panel shows that panel.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var panel = target && target.closest(".tabs-js > .tab-panel");
    sets.forEach(function (set) {
      var n = set.panels.indexOf(panel);
      if (n >= 0) select(set, n);
    });
  }
  reveal();
  window.addEventListener("hashchange", reveal);
})();

// Screenshots enlarge: a click, a tap, or Enter or Space on an image of
// the article opens it whole in a dialog; Esc, the close button or a
// click on the picture closes it, and focus goes back to the image. An
// image inside a link keeps its link.
(function () {
  "use strict";
  var dialog = document.querySelector("dialog.zoom");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var label = dialog.getAttribute("data-label"), opener = null;
  var big = document.createElement("img");
  big.className = "zoom-image";
  dialog.appendChild(big);
  document.querySelectorAll(".body img").forEach(function (img) {
    if (img.closest("a, button")) return;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "zoom-open";
    b.setAttribute("aria-haspopup", "dialog");
    b.setAttribute("aria-label", img.alt ? label + ": " + img.alt : label);
    img.parentNode.insertBefore(b, img);
    b.appendChild(img);
    b.addEventListener("click", function () {
      opener = b;
      big.src = img.src; // the file itself, not the smaller copy for narrow screens
      big.alt = img.alt;
      dialog.setAttribute("aria-label", img.alt || label);
      dialog.showModal();
    });
  });
  dialog.querySelector(".zoom-close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (e) { if (e.target === dialog || e.target === big) dialog.close(); });
  dialog.addEventListener("close", function () { if (opener) opener.focus(); });
})();
