// Progressive enhancement: show the countries box only for a country restriction and the data
// fields only for a disclosure. Without JavaScript every field is shown and the server validates.
document.querySelectorAll("form.item-form").forEach(function (form) {
  var action = form.querySelector("select[name=action]");
  var countries = form.querySelector("[data-for=restrict_country]");
  var fields = form.querySelector("[data-for=disclose]");
  function sync() {
    if (countries) countries.hidden = action.value !== "restrict_country";
    if (fields) fields.hidden = action.value !== "disclose";
  }
  action.addEventListener("change", sync);
  sync();
});

