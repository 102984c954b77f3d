// Leaving a page whose words were typed but not sent asks first: the browser's own "Leave site?" question (it shows
// its own words, in the browser's language; a page cannot choose them). What counts is a text area of a form that
// posts, changed from what the page gave it: a reason, a note, a message, a letter typed in, which no page can give
// back once left. A search's words are in its address, and one-line fields are names and dates, typed again in a
// moment. Sending the form the words are in (or changing the language with the switcher that carries them,
// core/carry_language.py) leaves without a question; changing the language with the plain switcher, following a
// link or closing the tab asks. Without JavaScript nothing changes.
(function () {
  function unsent(form) {
    return Array.prototype.some.call(form.querySelectorAll("textarea"), function (area) {
      return area.value !== area.defaultValue;
    }) || Array.prototype.some.call(document.querySelectorAll("textarea[form]"), function (area) {
      return area.form === form && area.value !== area.defaultValue;
    });
  }
  var sending = null;
  window.addEventListener("submit", function (event) {
    if (!event.defaultPrevented) {
      sending = event.target;
    }
  });
  window.addEventListener("beforeunload", function (event) {
    var forms = Array.prototype.filter.call(document.forms, function (form) {
      return form !== sending && form.method === "post" && unsent(form);
    });
    if (forms.length) {
      event.preventDefault();
      event.returnValue = "";  // older browsers ask only when a value is returned
    }
  });
})();
