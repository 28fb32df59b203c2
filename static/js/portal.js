// Small behaviours without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("DOMContentLoaded", () => {
  // <form data-confirm="Удалить этап?"> asks before it is sent.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
});

// Bootstrap tooltips (e.g. «как считается» next to an indicator): opt-in, so initialised here.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.bootstrap) return;
  document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach((element) => {
    window.bootstrap.Tooltip.getOrCreateInstance(element);
  });
});

// Bulk actions: <input type="checkbox" class="js-check-all" data-check="chosen"> (un)checks every
// enabled box of that name in its form, and the bulk buttons say how many rows are checked.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.js-check-all").forEach((all) => {
    const form = all.form || all.closest("form");
    const boxes = () => form.querySelectorAll(`input[name="${all.dataset.check}"]:not(:disabled)`);
    const update = () => {
      const checked = [...boxes()].filter((box) => box.checked).length;
      form.querySelectorAll("[data-checked-count]").forEach((badge) => {
        badge.textContent = checked ? `(${checked})` : "";
      });
      all.checked = checked > 0 && checked === boxes().length;
    };
    all.addEventListener("change", () => {
      boxes().forEach((box) => {
        box.checked = all.checked;
      });
      update();
    });
    form.addEventListener("change", (event) => {
      if (event.target.name === all.dataset.check) update();
    });
  });
});
