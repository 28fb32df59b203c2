// Pairs pages: «select all» for the proposal's checkboxes (the page works without it).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-check-all]").forEach((box) => {
    box.addEventListener("change", () => {
      document.querySelectorAll(box.dataset.checkAll).forEach((target) => {
        target.checked = box.checked;
      });
    });
  });
});
