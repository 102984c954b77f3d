// After a failed submit, move the focus to the error summary (it also carries autofocus for browsers that honour it),
// so keyboard and screen-reader users start at the list of what to correct.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
});
