// Monitoring: in the questionnaire editor, show the choices box only for choice questions.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".monitoring-question-card").forEach((card) => {
    const kind = card.querySelector("select[name$='-kind']");
    const choices = card.querySelector("textarea[name$='-choices']");
    if (!kind || !choices) return;
    const wrapper = choices.closest(".mb-3") || choices.parentElement;
    const update = () => {
      wrapper.hidden = !["single", "multiple"].includes(kind.value);
    };
    kind.addEventListener("change", update);
    update();
  });
});
