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
