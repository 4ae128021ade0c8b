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
