// Question editor: add option/pair rows without a round trip, and offer the
// categories typed so far as suggestions. Without JS the form still works:
// it always shows a few blank rows, and saving shows more.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-formset]").forEach((box) => {
    const prefix = box.dataset.formset;
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    const template = box.querySelector("template");
    const rows = box.querySelector("[data-rows]");
    const button = box.querySelector("[data-add-row]");
    if (!total || !template || !rows || !button) return;
    const max = Number(box.dataset.max || 0);
    const update = () => {
      button.disabled = max > 0 && Number(total.value) >= max;
    };
    button.hidden = false;
    update();
    button.addEventListener("click", () => {
      const index = Number(total.value);
      const html = template.innerHTML.replaceAll("__prefix__", String(index)).replaceAll("__num__", String(index + 1));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      update();
      const first = rows.lastElementChild && rows.lastElementChild.querySelector("input[type=text], textarea");
      if (first) first.focus();
    });
  });

  const list = document.getElementById("matching-categories");
  if (list) {
    const refresh = () => {
      const seen = new Set();
      document.querySelectorAll('input[list="matching-categories"]').forEach((input) => {
        const value = input.value.trim();
        if (value) seen.add(value);
      });
      list.replaceChildren(...[...seen].map((value) => Object.assign(document.createElement("option"), { value })));
    };
    document.addEventListener("change", (event) => {
      if (event.target.matches && event.target.matches('input[list="matching-categories"]')) refresh();
    });
  }
});
