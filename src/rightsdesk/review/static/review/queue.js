// The queue's progressive enhancements. Without JavaScript every field of the bulk bar shows and the server
// checks what each action needs; every shortcut below is also a button or a link on the page.
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

  // Keyboard shortcuts: j/k move, Enter opens, x selects, c claims, / searches, ? shows the help.
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.queue tbody tr"));
  var help = document.getElementById("shortcut-help");
  var current = -1;
  var opener = null;

  function move(to) {
    if (!rows.length) return;
    if (current >= 0) rows[current].classList.remove("is-current");
    current = Math.max(0, Math.min(rows.length - 1, to));
    rows[current].classList.add("is-current");
    var link = rows[current].querySelector("a.ref");
    if (link) link.focus();
  }

  function toggleHelp(show) {
    if (!help) return;
    if (show) { opener = document.activeElement; help.hidden = false; help.focus(); }
    else { help.hidden = true; if (opener && opener.focus) opener.focus(); }
  }

  var close = document.getElementById("shortcut-help-close");
  if (close) close.addEventListener("click", function () { toggleHelp(false); });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) &&
      target.type !== "checkbox";
    if (event.key === "Escape" && help && !help.hidden) { toggleHelp(false); event.preventDefault(); return; }
    if (typing) return;
    switch (event.key) {
      case "j": move(current + 1); break;
      case "k": move(current < 0 ? 0 : current - 1); break;
      case "x":
        if (current < 0) move(0);
        var box = rows[current] && rows[current].querySelector("input[type=checkbox]");
        if (box) box.checked = !box.checked;
        break;
      case "c":
        if (!form || !action) return;
        var picked = form.querySelectorAll("input[name=cases]:checked");
        if (!picked.length && current >= 0) {
          var own = rows[current].querySelector("input[name=cases]");
          if (own) own.checked = true;
          picked = form.querySelectorAll("input[name=cases]:checked");
        }
        if (!picked.length) return;
        action.value = "claim";
        form.requestSubmit ? form.requestSubmit() : form.submit();
        break;
      case "/":
        var search = document.getElementById("f-q");
        if (search) search.focus();
        break;
      case "?": toggleHelp(help && help.hidden); break;
      default: return;
    }
    event.preventDefault();
  });
})();
