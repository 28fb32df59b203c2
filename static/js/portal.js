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
    // form.elements also holds boxes placed outside the form with form="…" (a program's plan).
    const boxes = () =>
      [...form.elements].filter((box) => box.name === all.dataset.check && !box.disabled);
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
    document.addEventListener("change", (event) => {
      if (event.target.form === form && event.target.name === all.dataset.check) update();
    });
  });
});

// A wide table that scrolls sideways can be scrolled from the keyboard: its scroll container
// takes the focus (Tab, then ← →) and is named for a screen reader (WCAG 2.1.1; axe-core's
// «scrollable-region-focusable»). Checked again when the window is resized.
(() => {
  const mark = () => {
    document.querySelectorAll(".table-responsive").forEach((box) => {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        const table = box.querySelector("table");
        const caption = table && table.caption ? table.caption.textContent.trim() : "";
        const heading = box.closest("section, main")?.querySelector("h1, h2");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute(
          "aria-label",
          `${caption || (heading ? heading.textContent.trim() : "Таблица")}: прокрутка стрелками`,
        );
        box.dataset.keyboardScroll = "1";
      } else if (!scrolls && box.dataset.keyboardScroll) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        delete box.dataset.keyboardScroll;
      }
    });
  };
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
})();
