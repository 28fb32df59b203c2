/* People pickers: every select[data-picker-url] becomes a Tom Select that searches the school's
   people of the field's kind as one types, and shows the chosen names as chips (× removes one).
   A single select (the coordinator's organisation switcher) picks one, and with
   data-picker-submit sends its form as soon as it is chosen.
   Selects added later (the roadmap's in-place forms) are picked up too. */
(function () {
  "use strict";

  function escapeHtml(text) {
    const div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function initPicker(select) {
    if (select.tomselect || typeof window.TomSelect === "undefined") {
      return;
    }
    const url = select.dataset.pickerUrl;
    const single = !select.multiple;
    const picker = new window.TomSelect(select, {
      plugins: single ? [] : { remove_button: { title: "Убрать" } },
      maxItems: single ? 1 : null,
      valueField: "value",
      labelField: "text",
      searchField: ["text"],
      placeholder: select.dataset.placeholder || "",
      preload: "focus",
      loadThrottle: 200,
      maxOptions: 50,
      closeAfterSelect: single,
      hideSelected: !single,
      // The organisation switcher: choosing a school is the click that switches to it.
      onChange: function (value) {
        if (value && select.dataset.pickerSubmit !== undefined && select.form) {
          select.form.requestSubmit();
        }
      },
      load: function (query, callback) {
        fetch(url + "?q=" + encodeURIComponent(query), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (response) {
            return response.ok ? response.json() : { results: [] };
          })
          .then(function (data) {
            callback(data.results);
          })
          .catch(function () {
            callback();
          });
      },
      render: {
        no_results: function () {
          return single
            ? '<div class="no-results">Ничего не нашли</div>'
            : '<div class="no-results">Никого не нашли</div>';
        },
        loading: function () {
          return '<div class="spinner-border spinner-border-sm m-2" role="status"><span class="visually-hidden">Ищем…</span></div>';
        },
        option: function (data) {
          return "<div>" + escapeHtml(data.text) + "</div>";
        },
        item: function (data) {
          // The chip shows the name; the post is in the list while choosing.
          return "<div>" + escapeHtml(data.text.split(" — ")[0]) + "</div>";
        },
      },
    });
    // Tom Select points the field's <label> at its own search box; the original select, kept for
    // the form, is still read by screen readers and needs the same name (axe-core: select-name).
    const label = document.querySelector(
      'label[for="' + picker.control_input.id + '"], label[for="' + select.id + '"]',
    );
    if (label) {
      label.id = label.id || select.id + "-label";
      select.setAttribute("aria-labelledby", label.id);
    }
  }

  function scan(root) {
    if (root.matches && root.matches("select[data-picker-url]")) {
      initPicker(root);
    }
    root.querySelectorAll("select[data-picker-url]").forEach(initPicker);
  }

  document.addEventListener("DOMContentLoaded", function () {
    scan(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) {
            scan(node);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
