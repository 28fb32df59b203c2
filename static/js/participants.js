// Participants: on the person form, the class and the legal representative concern pupils only.
// Without JavaScript every field stays visible (the server validates anyway).
(function () {
  "use strict";
  function init() {
    var category = document.getElementById("id_category");
    if (!category) {
      return;
    }
    var studentOnly = document.querySelectorAll(".participants-student-only");
    function update() {
      var isStudent = category.value === "student";
      studentOnly.forEach(function (block) {
        var hasContent = block.querySelector(".is-invalid, .invalid-feedback") !== null;
        block.classList.toggle("d-none", !isStudent && !hasContent);
      });
    }
    category.addEventListener("change", update);
    update();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
