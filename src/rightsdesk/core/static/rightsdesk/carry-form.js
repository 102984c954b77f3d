// Changing the language of a page that holds a half-filled form (a request form, legal support's, an appeal) loads the
// page anew in the other language, and what was typed was lost: a person who opened the form in English and found the
// Arabic one easier had to write it all again. With JavaScript, the words of the page's forms marked
// data-carry-language are kept for that one load in the tab's sessionStorage (never sent anywhere; the tab's own, gone
// when it closes), put back in the same fields of the same page in the new language, and forgotten at once. Files are
// not carried (a browser cannot set a file field). Without JavaScript the switch works as before.
(function () {
  "use strict";
  var KEY = "rightsdesk:carry-form";
  var SKIP = { csrfmiddlewaretoken: true, form_token: true };

  function samePage() {
    var next = document.querySelector("form.lang-form input[name=next]");
    return next ? next.value : null;
  }

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !SKIP[el.name] && !el.disabled && el.type !== "file" && el.type !== "hidden" &&
        el.type !== "submit" && el.type !== "button" && el.type !== "reset" && el.type !== "password";
    });
  }

  function save(forms) {
    var kept = forms.map(function (form) {
      return fieldsOf(form).map(function (el) {
        if (el.type === "checkbox" || el.type === "radio") return [el.name, el.value, el.checked];
        if (el.type === "select-multiple") {
          return [el.name, Array.prototype.filter.call(el.options, function (o) { return o.selected; })
            .map(function (o) { return o.value; })];
        }
        return [el.name, el.value];
      });
    });
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ page: samePage(), forms: kept }));
    } catch (e) { /* storage refused (private mode, full): the switch goes on as without JavaScript */ }
  }

  function restore(forms, kept) {
    forms.forEach(function (form, index) {
      var values = kept.forms[index] || [];
      var fields = fieldsOf(form);
      values.forEach(function (entry) {
        fields.forEach(function (el) {
          if (el.name !== entry[0]) return;
          if (el.type === "checkbox" || el.type === "radio") {
            if (el.value === entry[1]) el.checked = entry[2];
          } else if (el.type === "select-multiple") {
            Array.prototype.forEach.call(el.options, function (o) { o.selected = entry[1].indexOf(o.value) !== -1; });
          } else {
            el.value = entry[1];
          }
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-carry-language]"));
    var raw = null;
    try {
      raw = sessionStorage.getItem(KEY);
      sessionStorage.removeItem(KEY);  // put back once, on the next page only, then forgotten
    } catch (e) { return; }
    if (raw && forms.length) {
      var kept = null;
      try { kept = JSON.parse(raw); } catch (e) { kept = null; }
      if (kept && kept.page === samePage() && Array.isArray(kept.forms)) restore(forms, kept);
    }
    var switcher = document.querySelector("form.lang-form");
    if (switcher && forms.length) {
      switcher.addEventListener("submit", function () { save(forms); });
    }
  });
})();
