// Quiz settings: when the mode changes, review options still at the old mode's defaults
// switch to the new mode's (the server applies the same rule, so this only shows it early).
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("review-defaults");
  if (!source) return;
  const defaults = JSON.parse(source.textContent);
  const radios = document.querySelectorAll('input[name="mode"]');
  let mode = Array.from(radios).find((radio) => radio.checked)?.value;
  const box = (name) => document.querySelector(`input[name="${name}"]`);
  radios.forEach((radio) =>
    radio.addEventListener("change", () => {
      const old = defaults[mode];
      const untouched = old && Object.entries(old).every(([name, on]) => box(name)?.checked === on);
      if (untouched && defaults[radio.value]) {
        Object.entries(defaults[radio.value]).forEach(([name, on]) => {
          const input = box(name);
          if (input) input.checked = on;
        });
      }
      mode = radio.value;
    }),
  );
});
