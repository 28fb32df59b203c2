// The roadmap table edited in place: «Изменить» and «+ Мероприятие» fetch the form row from the
// same URL the link opens without JavaScript, the form posts with fetch() and the returned row
// replaces it. Without JavaScript every link and form works as a normal page.
(() => {
  const HEADERS = { "X-Requested-With": "fetch" };

  async function loadRow(url) {
    const response = await fetch(url, { headers: HEADERS, credentials: "same-origin" });
    if (!response.ok) throw new Error(response.status);
    return rowFrom(await response.text());
  }

  function rowFrom(html) {
    const template = document.createElement("template");
    template.innerHTML = `<table><tbody>${html.trim()}</tbody></table>`;
    return template.content.querySelector("tr");
  }

  function bindForm(formRow, original) {
    const form = formRow.querySelector("form.js-inline-form");
    const cancel = formRow.querySelector(".js-inline-cancel");
    cancel.addEventListener("click", (event) => {
      event.preventDefault();
      if (original) formRow.replaceWith(original);
      else formRow.remove();
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      let response;
      try {
        response = await fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          headers: HEADERS,
          credentials: "same-origin",
        });
      } catch (error) {
        button.disabled = false;
        return;
      }
      const html = await response.text();
      if (response.status !== 200 && response.status !== 400) {
        form.submit(); // let the server show its page (an error, a refusal)
        return;
      }
      const row = rowFrom(html);
      if (response.status === 400) {
        formRow.replaceWith(row);
        bindForm(row, original);
        row.querySelector(".is-invalid")?.focus();
        return;
      }
      formRow.closest("tbody")?.querySelector("tr.empty-stage")?.remove();
      formRow.replaceWith(row);
      row.classList.add("inline-saved");
      bindRow(row);
    });
    form.querySelector("textarea, input:not([type=hidden])")?.focus();
  }

  function bindRow(row) {
    row.querySelectorAll("a.js-inline-edit").forEach((link) => {
      link.addEventListener("click", async (event) => {
        event.preventDefault();
        try {
          const formRow = await loadRow(link.href);
          row.replaceWith(formRow);
          bindForm(formRow, row);
        } catch (error) {
          window.location.href = link.href;
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("tr.activity-row").forEach(bindRow);
    document.querySelectorAll("a.js-inline-add").forEach((link) => {
      link.addEventListener("click", async (event) => {
        event.preventDefault();
        const addRow = link.closest("tr");
        try {
          const formRow = await loadRow(link.href);
          addRow.before(formRow);
          bindForm(formRow, null);
          // A saved new row stays where the form was, before the «+» row.
        } catch (error) {
          window.location.href = link.href;
        }
      });
    });
  });
})();
