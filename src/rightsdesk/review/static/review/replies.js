// Canned replies: choosing a template fills its text box at once. Without JavaScript the "Use template"
// button reloads the page with the text filled in by the server.
document.querySelectorAll("form.reply-templates").forEach(function (picker) {
  var select = picker.querySelector("select");
  var target = document.getElementById(picker.getAttribute("data-target"));
  var button = picker.querySelector("button");
  if (!select || !target) return;
  if (button) button.hidden = true;
  select.addEventListener("change", function () {
    var option = select.options[select.selectedIndex];
    var body = option && option.getAttribute("data-body");
    if (!body) return;
    if (target.value.trim() && target.value !== body &&
        !window.confirm(picker.getAttribute("data-confirm") || "Replace the text you wrote?")) return;
    target.value = body;
    target.focus();
  });
});
