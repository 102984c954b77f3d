// The queue's and the case page's progressive enhancements. Without JavaScript every field of the bulk bar shows
// and the server checks what each action needs; every shortcut below is also a button or a link on the page, and
// the case page's list of shortcuts is a plain section at its end (linked from "On this page").
(function () {
  "use strict";
  var form = document.getElementById("bulk-form");
  var action = document.getElementById("bulk-action");

  // The bulk bar shows only the fields the chosen action uses.
  if (action) {
    var fields = document.querySelectorAll("#bulk-bar [data-for]");
    var sync = function () {
      fields.forEach(function (field) {
        field.hidden = field.getAttribute("data-for").split(" ").indexOf(action.value) < 0;
      });
    };
    action.addEventListener("change", sync);
    sync();
  }

  // Keyboard shortcuts. Queue: j/k move, Enter opens, x selects, c claims, / searches.
  // Case page: c claims, n goes to the note box, r to the reply box, g then q back to the queue.
  // Both: ? shows the help (an accessible dialog), Esc closes it. Never while typing or with Ctrl/Alt/Meta.
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.queue tbody tr"));
  var help = document.getElementById("shortcut-help");
  var casePage = help && help.getAttribute("data-page") === "case";
  var current = -1;
  var opener = null;
  var awaitingG = null;

  // The case page's help is a plain section without JavaScript; with it, the section becomes the overlay.
  if (help && help.hasAttribute("data-static")) {
    help.removeAttribute("data-static");
    help.classList.add("shortcut-help");
    help.setAttribute("role", "dialog");
    help.setAttribute("aria-modal", "true");
    help.hidden = true;
    var staticClose = document.getElementById("shortcut-help-close");
    if (staticClose) staticClose.hidden = false;
    document.querySelectorAll("a[href='#shortcut-help']").forEach(function (link) {
      link.addEventListener("click", function (event) { event.preventDefault(); toggleHelp(true); });
    });
  }

  function move(to) {
    if (!rows.length) return;
    if (current >= 0) rows[current].classList.remove("is-current");
    current = Math.max(0, Math.min(rows.length - 1, to));
    rows[current].classList.add("is-current");
    var link = rows[current].querySelector("a.ref");
    if (link) link.focus();
  }

  function helpOpen() { return help && !help.hidden; }

  function toggleHelp(show) {
    if (!help) return;
    if (show) { opener = document.activeElement; help.hidden = false; help.focus(); }
    else { help.hidden = true; if (opener && opener.focus) opener.focus(); opener = null; }
  }

  function focusField(id) {
    var field = document.getElementById(id);
    if (!field) return false;
    field.scrollIntoView({block: "center"});
    field.focus();
    return true;
  }

  var close = document.getElementById("shortcut-help-close");
  if (close) close.addEventListener("click", function () { toggleHelp(false); });

  function caseKey(key) {
    if (awaitingG) {
      clearTimeout(awaitingG);
      awaitingG = null;
      if (key === "q") {
        var back = document.querySelector("[data-shortcut=queue]");
        if (back) { window.location.href = back.href; return true; }
      }
      return false;
    }
    switch (key) {
      case "c":
        var claim = document.getElementById("claim-button");
        if (!claim) return false;
        claim.click();
        return true;
      case "n": return focusField("note-body");
      case "r": return focusField("message-body");
      case "g": awaitingG = setTimeout(function () { awaitingG = null; }, 1500); return true;
      default: return false;
    }
  }

  function queueKey(key) {
    switch (key) {
      case "j": move(current + 1); return true;
      case "k": move(current < 0 ? 0 : current - 1); return true;
      case "x":
        if (!rows.length) return false;
        if (current < 0) move(0);
        var box = rows[current] && rows[current].querySelector("input[type=checkbox]");
        if (box) box.checked = !box.checked;
        return true;
      case "c":
        if (!form || !action) return false;
        var picked = form.querySelectorAll("input[name=cases]:checked");
        if (!picked.length && current >= 0) {
          var own = rows[current].querySelector("input[name=cases]");
          if (own) own.checked = true;
          picked = form.querySelectorAll("input[name=cases]:checked");
        }
        if (!picked.length) return false;
        action.value = "claim";
        form.requestSubmit ? form.requestSubmit() : form.submit();
        return true;
      case "/":
        var search = document.getElementById("f-q");
        if (!search) return false;
        search.focus();
        return true;
      default: return false;
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (helpOpen()) {
      if (event.key === "Escape" || event.key === "?") { toggleHelp(false); event.preventDefault(); return; }
      if (event.key === "Tab") {  // the dialog keeps the focus while it is open
        var inside = Array.prototype.slice.call(help.querySelectorAll("a[href], button:not([hidden])"));
        if (!inside.length) { event.preventDefault(); help.focus(); return; }
        var first = inside[0], last = inside[inside.length - 1];
        if (event.shiftKey && (document.activeElement === first || document.activeElement === help)) {
          event.preventDefault(); last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault(); first.focus();
        }
      }
      return;
    }
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) &&
      target.type !== "checkbox";
    if (typing) return;
    var done = event.key === "?" ? (toggleHelp(true), true) : (casePage ? caseKey(event.key) : queueKey(event.key));
    if (done) event.preventDefault();
  });
})();
