// «Импорт дорожной карты»: the preview's rows travel as one JSON field, so a roadmap of any
// length fits under Django's limit of 1,000 form fields (five per row). Without JavaScript
// the rows are posted as ordinary fields (enough for 180 rows).
(function () {
  "use strict";
  var form = document.getElementById("import-preview-form");
  if (!form) { return; }
  var FIELDS = ["title", "result_form", "deadline_text", "responsible", "skip"];
  form.addEventListener("submit", function () {
    var total = parseInt(form.querySelector("[name='rows-TOTAL_FORMS']").value, 10);
    var rows = [];
    for (var i = 0; i < total; i += 1) {
      var row = {};
      FIELDS.forEach(function (name) {
        var input = form.querySelector("[name='rows-" + i + "-" + name + "']");
        if (!input) { return; }
        row[name] = input.type === "checkbox" ? input.checked : input.value;
        input.disabled = true;  // not posted one by one
      });
      rows.push(row);
    }
    form.querySelector("[name='rows_json']").value = JSON.stringify(rows);
    // Back/forward cache: give the fields back if the page is shown again.
    window.addEventListener("pageshow", function () {
      form.querySelectorAll("[name^='rows-']").forEach(function (input) { input.disabled = false; });
    }, { once: true });
  });
}());
