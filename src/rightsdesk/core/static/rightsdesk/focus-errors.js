// After a failed submit, move the focus to the error summary (it also carries autofocus for browsers that honour it),
// so keyboard and screen-reader users start at the list of what to correct (and the view scrolls to it, next to the
// form that failed). Every page's summary is rightsdesk/_error_summary.html.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
});
