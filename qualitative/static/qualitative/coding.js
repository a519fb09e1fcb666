// Selecting words in the answer fills in the passage to code (the form works without this).
document.addEventListener("DOMContentLoaded", () => {
  const text = document.getElementById("answer-text");
  const form = document.getElementById("apply-form");
  if (!text || !form) return;
  const passage = form.querySelector("textarea[name=passage]");
  text.addEventListener("mouseup", () => {
    const selected = window.getSelection().toString().trim();
    if (selected && passage) passage.value = selected;
  });
});
